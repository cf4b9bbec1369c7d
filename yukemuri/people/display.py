"""How a person appears to others: their name only with consent."""

from django.utils.translation import gettext as _


def public_name(person, viewer=None) -> str:
    """The display name if the person agreed to a public profile (or is the viewer); else a neutral label."""
    if person is None:
        return _("Deleted account")
    if person.profile_public or (viewer is not None and viewer.pk == person.pk):
        return person.display_name
    return _("A participant")
