from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.models import site_languages
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import submit_form

from . import registry, services
from .forms import QueueForm, TranslationForm
from .selectors import needing_translation, translation_of


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def queue(request):
    """The volunteers' queue (翻訳待ち): posts with no translation in a language, the most-read first."""
    current = request.LANGUAGE_CODE if request.LANGUAGE_CODE in site_languages() else site_languages()[0]
    form = QueueForm(request.GET if "lang" in request.GET else {"lang": current})
    language = form.cleaned_data["lang"] if form.is_valid() else current
    return render(request, "translations/queue.html", {
        "form": form,
        "language": language,
        "language_name": _language_name(language),
        "waiting": needing_translation(language),
    }, status=200 if form.is_valid() else 400)


def _target(key: str, pk: int, language: str):
    entry = registry.by_key(key)
    if entry is None or language not in site_languages():
        raise Http404(_("There is no such page."))
    target = entry.public().filter(pk=pk).first()
    if target is None:
        raise Http404(_("There is no such post."))
    return entry, target


@login_required
@limit("post", form=True)
def translation_edit(request, key, pk, language):
    """Translate a post into a language, or improve its translation (a machine draft, one's own)."""
    entry, target = _target(key, pk, language)
    existing = translation_of(target, language)
    initial = {"title": existing.title, "body": existing.body} if existing else {}
    form = TranslationForm(request.POST or None, initial=initial, has_title=bool(entry.title_field),
                           language=language)

    def save(**data):
        return services.translation_save(target=target, language=language, translator=request.user,
                                         title=data.get("title", ""), body=data["body"])

    def said(translation):
        if translation.is_published:
            return _("Your translation is published. Thank you!")
        return _("Thank you! Your translation is shown once a moderator has looked at it.")

    return submit_form(request, form, save, success=said, to=lambda _t: entry.url(target), page=lambda: render(
        request, "translations/form.html", {
            "form": form, "entry": entry, "target": target, "language": language,
            "language_name": _language_name(language),
            "original_language_name": _language_name(target.language),
            "original_title": getattr(target, entry.title_field) if entry.title_field else "",
            "original_body_html": getattr(target, f"{entry.body_field}_html"),
            "existing": existing, "post_url": entry.url(target),
            "can_change": existing is None or request.user.has_perm("translations.change_translation", existing),
            "machine_available": existing is None and request.user.has_perm(
                "translations.request_machine_draft", target),
        }))


@require_POST
@login_required
@limit("post")
def machine_draft(request, key, pk, language):
    """Ask for a machine draft (a task makes it; a volunteer then edits it on the translation page)."""
    entry, target = _target(key, pk, language)
    try:
        asked = services.machine_draft_request(target=target, language=language, requester=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if asked:
            messages.success(request, _("A machine draft was asked for. It appears here when it is ready."))
        else:
            messages.info(request, _("There is a translation in this language already."))
    return redirect(reverse("translation_edit", args=[entry.key, target.pk, language]))
