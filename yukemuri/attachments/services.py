"""Adding, removing, hiding and showing photos and files on posts; each recorded in the action stream."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record
from yukemuri.core.models import Visibility
from yukemuri.core.permissions import require

from . import registry
from .models import Attachment
from .processing import Prepared


def _store(data: bytes, extension: str) -> str:
    """Save under a random name: nothing of the person's file name, the post or the time is guessable."""
    return default_storage.save(f"attachments/{secrets.token_hex(16)}.{extension}", ContentFile(data))


def _delete_files_on_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            if name:
                default_storage.delete(name)
    transaction.on_commit(delete)


@transaction.atomic
def attach(*, post, by, prepared: Prepared) -> Attachment:
    """Add a checked photo or file (processing.prepare) to a post. Only those who may edit the post may; a post
    carries at most ATTACHMENT_MAX_PER_POST. The files are written under random names; if the transaction rolls
    back here they are removed again."""
    entry = registry.for_model(type(post))
    require(by, entry.change_perm, post, _("Only the post's author can add photos and files."))
    content_type = ContentType.objects.get_for_model(post)
    # Locked, so two uploads at once cannot both pass the limit (PostgreSQL refuses FOR UPDATE with COUNT).
    count = len(Attachment.objects.select_for_update().filter(content_type=content_type, object_id=post.pk)
                .values_list("pk", flat=True))
    if count >= settings.YUKEMURI.get("ATTACHMENT_MAX_PER_POST", 10):
        raise ValidationError({"upload": _("A post can carry at most %(n)s photos and files.")
                                         % {"n": settings.YUKEMURI.get("ATTACHMENT_MAX_PER_POST", 10)}})
    name = _store(prepared.data, prepared.extension)
    thumbnail = _store(prepared.thumbnail, prepared.extension) if prepared.thumbnail else ""
    try:
        attachment = _create(content_type, post, by, prepared, name, thumbnail, count)
        record(actor=by, verb=verbs.ATTACHMENT_ADDED, target=attachment,
               data={"post": f"{entry.key}:{post.pk}", "kind": prepared.kind, "place_shared": attachment.has_place})
    except Exception:
        # Files nobody points to are not left behind. (A rollback of the caller's transaction after this
        # returns would leave them: callers attach last, see forms.with_upload.)
        default_storage.delete(name)
        if thumbnail:
            default_storage.delete(thumbnail)
        raise
    return attachment


def _create(content_type, post, by, prepared, name, thumbnail, count):
    return Attachment.objects.create(
        content_type=content_type, object_id=post.pk, kind=prepared.kind, author=by, file=name,
        thumbnail=thumbnail, mime=prepared.mime, size=len(prepared.data), width=prepared.width,
        height=prepared.height, thumb_width=prepared.thumb_size[0] if prepared.thumb_size else None,
        thumb_height=prepared.thumb_size[1] if prepared.thumb_size else None, alt=prepared.alt[:300],
        name=prepared.name[:120], latitude=prepared.latitude, longitude=prepared.longitude, position=count,
    )


@transaction.atomic
def remove(*, attachment: Attachment, by, post) -> None:
    """Remove a photo or file from its post (its author, or whoever may edit the post). The files go once the
    removal has committed."""
    entry = registry.for_model(type(post))
    if (post.pk, ContentType.objects.get_for_model(post).pk) != (attachment.object_id, attachment.content_type_id):
        raise ValidationError(_("This photo belongs to another post."))
    require(by, entry.change_perm, post, _("Only the post's author can remove its photos and files."))
    record(actor=by, verb=verbs.ATTACHMENT_REMOVED, target=attachment,
           data={"post": f"{entry.key}:{post.pk}", "kind": attachment.kind})
    _delete_files_on_commit([attachment.file.name, attachment.thumbnail.name])
    attachment.delete()


def _set_visibility(attachment, new: str, reason: str):
    old = attachment.visibility
    attachment.visibility, attachment.moderation_reason = new, reason
    attachment.save(update_fields=["visibility", "moderation_reason"])  # the save empties the page cache
    return old


@transaction.atomic
def hide(*, attachment: Attachment, moderator, reason: str):
    """Hide one photo or file from everyone but its author and moderators; the post stays as it is."""
    require(moderator, "attachments.moderate", attachment, _("Only moderators can do this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the photo is hidden: its author will read it.")})
    old = _set_visibility(attachment, Visibility.HIDDEN, reason.strip())
    return record(actor=moderator, verb=verbs.ATTACHMENT_HIDDEN, target=attachment,
                  data={"old": old, "new": Visibility.HIDDEN, "reason": reason.strip()})


@transaction.atomic
def restore(*, attachment: Attachment, moderator):
    require(moderator, "attachments.moderate", attachment, _("Only moderators can do this."))
    old = _set_visibility(attachment, Visibility.PUBLISHED, "")
    return record(actor=moderator, verb=verbs.ATTACHMENT_RESTORED, target=attachment,
                  data={"old": old, "new": Visibility.PUBLISHED})
