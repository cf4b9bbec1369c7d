"""Writes of translations (翻訳): a person's, and a machine's draft made by a task."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yukemuri.core.models import Visibility, site_languages
from yukemuri.core.permissions import allowed, require
from yukemuri.moderation import services as moderation

from . import registry
from .models import Translation
from .providers import configured


def _existing(target, language):
    return Translation.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk,
                                      language=language)


def _check(target, language: str):
    entry = registry.for_model(target)
    if not entry.public().filter(pk=target.pk).exists():
        raise PermissionDenied(_("Only published posts can be translated."))
    if language not in site_languages():
        raise ValidationError({"language": _("Choose one of the site's languages.")})
    if language == target.language:
        raise ValidationError({"language": _("This is the language it is written in.")})
    return entry


@transaction.atomic
def translation_save(*, target, language: str, title: str = "", body: str, translator) -> Translation:
    """Translate a post into one of the site's languages, or change its translation in that language.

    A language has one translation per post: its translator, the post's author and moderators may change it,
    and any volunteer may take on a machine draft (it becomes theirs). The author's own translation is
    published at once; anyone else's goes through moderation as a post would (the hold of first posts)."""
    require(translator, "translations.translate", target, _("Log in to translate."))
    entry = _check(target, language)
    title, body = title.strip(), body.strip()
    errors = {}
    if entry.title_field and not title:
        errors["title"] = _("Translate the title too.")
    if not body:
        errors["body"] = _("Write the translation first.")
    if errors:
        raise ValidationError(errors)
    translation = _existing(target, language).select_for_update().first()
    if translation is not None:
        require(translator, "translations.change_translation", translation,
                _("Only its translator, the post's author or a moderator can change this translation."))
    else:
        translation = Translation(content_type=ContentType.objects.get_for_model(target), object_id=target.pk,
                                  language=language)
    by_author = entry.author_id(target) == translator.pk
    if translation.visibility == Visibility.HIDDEN and not allowed(translator, "moderation.moderate", translation):
        visibility = Visibility.HIDDEN  # a moderator hid it: an edit does not bring it back
    else:
        visibility = Visibility.PUBLISHED if by_author else moderation.initial_visibility(translator)
    translation.title, translation.body = title if entry.title_field else "", body
    translation.author, translation.provider, translation.visibility = translator, "", visibility
    translation.save()
    if visibility == Visibility.HELD:
        moderation.log_held(translation)
    return translation


def machine_draft_request(*, target, language: str, requester) -> bool:
    """Ask the operator's provider for a draft in `language` (a task makes it); False when one exists already."""
    require(requester, "translations.request_machine_draft", target,
            _("Machine translation is not available here."))
    entry = _check(target, language)
    if _existing(target, language).exists():
        return False
    from .tasks import machine_translate

    machine_translate.enqueue(entry.key, target.pk, language)
    return True


def machine_translation_make(*, key: str, object_id: int, language: str) -> Translation | None:
    """Make the machine translation of a post, unless the post has one in that language already (of anyone):
    running it twice, or after a restart, does nothing more. None when there is nothing to do."""
    provider = configured()
    entry = registry.by_key(key)
    if provider is None or entry is None:
        return None
    target = entry.public().filter(pk=object_id).first()
    if target is None or target.language == language or _existing(target, language).exists():
        return None
    texts = [getattr(target, entry.body_field)]
    if entry.title_field:
        texts.insert(0, getattr(target, entry.title_field))
    # The service is called outside any transaction: a slow answer holds no lock.
    translated = provider.translate(texts, source=target.language, target=language)
    title = translated[0] if entry.title_field else ""
    body = translated[-1]
    try:
        with transaction.atomic():
            return Translation.objects.create(
                content_type=ContentType.objects.get_for_model(target), object_id=target.pk, language=language,
                title=title[:200], body=body, author=None, provider=provider.name, visibility=Visibility.PUBLISHED,
            )
    except IntegrityError:  # a person (or another run) translated it meanwhile: theirs stands
        return None
