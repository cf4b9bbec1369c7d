"""Reads of photos and files: a post's gallery, the first photo of each card in a list, a photo's place."""

from django.contrib.contenttypes.models import ContentType

from yukemuri.core.models import Visibility

from . import registry
from .models import Attachment


def _of(post):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(post), object_id=post.pk)


def may_see_hidden(attachment, viewer) -> bool:
    """A hidden photo is still shown to who added it and to moderators (with the reason), to nobody else."""
    return bool(viewer is not None and viewer.is_authenticated and (
        attachment.author_id == viewer.pk or viewer.has_perm("attachments.moderate", attachment)))


def attachments_of(post, viewer) -> list[Attachment]:
    """The photos and files of a post that `viewer` may see, photos first, in the order they were added."""
    found = list(_of(post).order_by("-kind", "position", "id"))  # "photo" sorts after "file": descending
    return [a for a in found if a.visibility == Visibility.PUBLISHED or may_see_hidden(a, viewer)]


def with_first_photos(posts):
    """Give each post of a list its first shown photo as `post.first_photo` (or None), in one query for the
    whole list (the cards). Returns the posts as a list."""
    posts = list(posts)
    if not posts:
        return posts
    rows = (Attachment.objects.filter(content_type=ContentType.objects.get_for_model(posts[0]),
                                      object_id__in=[p.pk for p in posts], kind=Attachment.Kind.PHOTO,
                                      visibility=Visibility.PUBLISHED)
            .only("id", "object_id", "alt", "thumb_width", "thumb_height", "position")
            .order_by("object_id", "position", "id"))
    first = {}
    for row in rows:
        first.setdefault(row.object_id, row)
    for post in posts:
        post.first_photo = first.get(post.pk)
    return posts


def servable(pk: int, viewer):
    """The attachment if `viewer` may receive its file: its post is readable by them (published, or theirs, or
    they moderate: the post's app decides) and the attachment itself is not hidden from them. Else None."""
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        return None
    entry = registry.for_content_type_id(attachment.content_type_id)
    if entry is None or entry.visible(attachment.object_id, viewer) is None:
        return None
    if attachment.visibility != Visibility.PUBLISHED and not may_see_hidden(attachment, viewer):
        return None
    return attachment


def place_of(kind: str, object_id: int) -> tuple[float, float] | None:
    """Where the post's first shown photo with a shared place was taken, as (latitude, longitude), or None.

    For the map (and the post's place when it has none): only places the author chose to share are stored."""
    entry = registry.by_key(kind)
    if entry is None:
        return None
    row = (Attachment.objects.filter(content_type=entry.content_type(), object_id=object_id,
                                     visibility=Visibility.PUBLISHED, latitude__isnull=False,
                                     longitude__isnull=False)
           .order_by("position", "id").values_list("latitude", "longitude").first())
    return (float(row[0]), float(row[1])) if row else None


def gallery(post, viewer) -> dict:
    """What the post page's gallery (attachments/_gallery.html) needs, for its view's context."""
    entry = registry.for_model(type(post))
    return {
        "attachments": attachments_of(post, viewer),
        "can_attach": viewer.has_perm(entry.change_perm, post),
        "can_moderate_attachments": viewer.has_perm("attachments.moderate"),
        "attach_key": entry.key, "attach_id": post.pk,
    }
