"""Serving photos and files to those who may see them, and the post page's add, remove and hide buttons.

Files are never reachable by a MEDIA_URL (the site maps none): every request comes here and is checked against
the post's and the attachment's visibility (docs/decisions/0037-photos-and-files.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.permissions import require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form

from . import registry, selectors, services
from .forms import HideForm, UploadForm
from .models import Attachment


def _serve(request, pk, *, thumbnail: bool):
    attachment = selectors.servable(pk, request.user)
    stored = attachment and (attachment.thumbnail if thumbnail and attachment.thumbnail else attachment.file)
    if not stored:
        raise Http404(_("No such photo or file."))
    try:
        handle = stored.open("rb")
    except OSError:
        raise Http404(_("No such photo or file.")) from None
    response = FileResponse(handle, content_type=attachment.mime,
                            as_attachment=not attachment.is_photo, filename=attachment.name or None)
    response["X-Content-Type-Options"] = "nosniff"
    # Private: a shared cache must not hand a photo on once a moderator hid it; browsers keep it briefly.
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment_file(request, pk):
    return _serve(request, pk, thumbnail=False)


def attachment_thumbnail(request, pk):
    return _serve(request, pk, thumbnail=True)


def _post_or_404(request, key, object_id):
    entry = registry.by_key(key)
    post = entry.visible(object_id, request.user) if entry else None
    if post is None:
        raise Http404(_("No such post."))
    return entry, post


@login_required
@limit("post", form=True)
def attachment_add(request, key, object_id):
    """Add a photo or file from the post's page (its author): without JavaScript, an ordinary multipart form."""
    entry, post = _post_or_404(request, key, object_id)
    require(request.user, entry.change_perm, post, _("Only the post's author can add photos and files."))
    form = UploadForm(request.POST or None, request.FILES or None)
    return submit_form(
        request, form, lambda **_data: services.attach(post=post, by=request.user, prepared=form.prepared),
        success=_("The photo or file is added."), to=entry.url(post) + "#photos",
        page=lambda: render(request, "attachments/add.html", {"form": form, "post": post, "post_url": entry.url(post)}))


def _attachment_and_post(request, pk):
    attachment = Attachment.objects.filter(pk=pk).first()
    entry = attachment and registry.for_content_type_id(attachment.content_type_id)
    post = entry.visible(attachment.object_id, request.user) if entry else None
    if post is None:
        raise Http404(_("No such photo or file."))
    return attachment, entry, post


@require_POST
@login_required
def attachment_remove(request, pk):
    attachment, entry, post = _attachment_and_post(request, pk)
    services.remove(attachment=attachment, by=request.user, post=post)
    messages.success(request, _("The photo or file is removed."))
    return redirect(entry.url(post) + "#photos")


@login_required
def attachment_hide(request, pk):
    attachment, entry, post = _attachment_and_post(request, pk)
    require(request.user, "attachments.moderate", attachment, _("Only moderators can do this."))
    form = HideForm(request.POST or None)
    return submit_form(
        request, form, lambda reason: services.hide(attachment=attachment, moderator=request.user, reason=reason),
        success=_("The photo or file is hidden."), to=entry.url(post) + "#photos",
        page=lambda: render(request, "attachments/hide.html",
                            {"form": form, "attachment": attachment, "post_url": entry.url(post)}))


@require_POST
@login_required
def attachment_restore(request, pk):
    attachment, entry, post = _attachment_and_post(request, pk)
    services.restore(attachment=attachment, moderator=request.user)
    messages.success(request, _("The photo or file is shown again."))
    return redirect(entry.url(post) + "#photos")
