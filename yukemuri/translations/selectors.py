"""Reads of translations: what a reader sees of a post, lists' titles, the volunteers' queue."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from yukemuri.core.models import Visibility

from . import registry
from .models import ReadCount, Translation


@dataclass
class Reading:
    """What a reader sees of a post: its text in their language when a published translation exists."""

    title: str
    body_html: str
    language: str  # the language of the text shown
    original_language: str
    translation: Translation | None  # the translation shown, or the one available while the original is shown
    showing_original: bool

    @property
    def translated(self) -> bool:
        return self.translation is not None and not self.showing_original


def _published(content_type, ids, language):
    return Translation.objects.filter(content_type=content_type, object_id__in=ids, language=language,
                                      visibility=Visibility.PUBLISHED).select_related("author")


def reading(post, language: str, *, original: bool = False) -> Reading:
    """The post in `language` when a published translation exists (unless the reader asked for the original)."""
    entry = registry.for_model(post)
    title = getattr(post, entry.title_field) if entry.title_field else ""
    body_html = getattr(post, f"{entry.body_field}_html")
    translation = None
    if post.language != language:
        translation = _published(ContentType.objects.get_for_model(post), [post.pk], language).first()
    if translation is None or original:
        return Reading(title=title, body_html=body_html, language=post.language, original_language=post.language,
                       translation=translation, showing_original=translation is not None)
    return Reading(title=translation.title or title, body_html=translation.body_html, language=language,
                   original_language=post.language, translation=translation, showing_original=False)


def with_translations(posts, language: str):
    """Give each post of a list its published translation in `language` as `post.translation` (or None), in
    one query for the whole list; the `translated_title` filter shows it. Returns the posts."""
    posts = list(posts)
    if not posts:
        return posts
    wanted = [post.pk for post in posts if post.language != language]
    found = {}
    if wanted:
        content_type = ContentType.objects.get_for_model(posts[0])
        found = {t.object_id: t for t in _published(content_type, wanted, language)}
    for post in posts:
        post.translation = found.get(post.pk)
    return posts


def published_translations(posts) -> dict[int, list[Translation]]:
    """Every published translation of these posts (one query), by post id: for the API and open data."""
    posts = list(posts)
    if not posts:
        return {}
    content_type = ContentType.objects.get_for_model(posts[0])
    found: dict[int, list[Translation]] = {}
    for translation in Translation.objects.filter(
            content_type=content_type, object_id__in=[p.pk for p in posts], visibility=Visibility.PUBLISHED,
    ).select_related("author").order_by("language"):
        found.setdefault(translation.object_id, []).append(translation)
    return found


def translation_of(post, language: str) -> Translation | None:
    """The translation of a post in a language, whatever its visibility (for the translation form)."""
    return Translation.objects.filter(content_type=ContentType.objects.get_for_model(post), object_id=post.pk,
                                      language=language).select_related("author").first()


@dataclass
class Waiting:
    """A post waiting for a translation in the queue."""

    key: str
    label: str
    post: object
    title: str
    url: str
    reads: int
    machine: Translation | None  # a machine draft waiting for a volunteer


def needing_translation(language: str, limit: int = 50) -> list[Waiting]:
    """Published posts written in another language with no published translation by a person in `language`,
    the most-read first (then the newest). One query per kind of post, and one for the machine drafts."""
    waiting = []
    for entry in registry.all_entries():
        content_type = entry.content_type()
        translated = Translation.objects.filter(content_type=content_type, language=language,
                                                visibility=Visibility.PUBLISHED, author__isnull=False)
        reads = ReadCount.objects.filter(content_type=content_type, object_id=OuterRef("pk")).values("count")[:1]
        posts = (entry.public().exclude(language=language)
                 .exclude(pk__in=translated.values("object_id"))
                 .annotate(reads=Coalesce(Subquery(reads, output_field=IntegerField()), Value(0)))
                 .order_by("-reads", "-pk")[:limit])
        for post in posts:
            title = getattr(post, entry.title_field) if entry.title_field else getattr(post, entry.body_field)[:80]
            waiting.append(Waiting(key=entry.key, label=str(entry.label()), post=post, title=title,
                                   url=entry.url(post), reads=post.reads, machine=None))
    waiting.sort(key=lambda w: (-w.reads, -w.post.pk))
    waiting = waiting[:limit]
    drafts = {}
    by_type = {}
    for item in waiting:
        by_type.setdefault(registry.by_key(item.key).content_type().pk, []).append(item.post.pk)
    if by_type:
        from django.db.models import Q

        query = Q()
        for type_id, ids in by_type.items():
            query |= Q(content_type_id=type_id, object_id__in=ids)
        for draft in Translation.objects.filter(query, language=language, author__isnull=True,
                                                visibility=Visibility.PUBLISHED):
            drafts[draft.content_type_id, draft.object_id] = draft
    for item in waiting:
        item.machine = drafts.get((registry.by_key(item.key).content_type().pk, item.post.pk))
    return waiting
