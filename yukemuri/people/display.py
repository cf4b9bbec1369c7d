"""How a person appears to others: their name only with consent."""

from django.utils.translation import gettext as _

from yukemuri.core.pagecache import named


def public_name(person, viewer=None) -> str:
    """The display name if the person agreed to a public profile (or is the viewer); else a neutral label."""
    if person is None:
        return _("Deleted account")
    named(viewer, person)  # the viewer sees their own name: a shared page must not be theirs (core/pagecache.py)
    if person.profile_public or (viewer is not None and viewer.pk == person.pk):
        return person.display_name
    return _("A participant")
