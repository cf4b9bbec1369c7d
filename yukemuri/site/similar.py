"""The finder of similar posts (似た投稿の提示), issue 20: while someone writes an issue or an idea, the
published ones closest to it, so they can support one instead of posting it again.

Terms: the content words of the title and text, from the listening engine's tokeniser (Sudachi for Japanese,
whitespace otherwise), folded like the stored `search_text` (core.text.fold) and kept only when they occur as
typed (a verb's dictionary form does not, and would match nothing). Each term weighs its rarity among the
published posts of that kind (idf, counted in one query) and twice when it is in the title. The database
scores every published post by the weights of the terms its folded text contains and returns the best few
(a bounded candidate set: `CANDIDATES` per kind); here they are re-scored with a bonus for terms in their title
and normalised to 0–1. Below `MIN_SCORE` nothing is suggested. docs/decisions/0038-official-answers-and-similar-posts.md.
"""

import math

from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.urls import reverse

from yukemuri.core.similar import Suggestion
from yukemuri.core.text import fold
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue

MAX_TERMS = 8
CANDIDATES = 15
MIN_SCORE = 0.3
KINDS = {
    "issue": (Issue, "issue_detail", "issue_support"),
    "idea": (Idea, "idea_detail", "idea_support"),
}


def query_terms(title: str, body: str, language: str = "ja") -> dict[str, float]:
    """{folded term: weight before idf}: title terms count twice; at most MAX_TERMS, title terms first."""
    # Imported here: the engine brings numpy and scikit-learn, which a process that never suggests needs not load.
    from yukemuri.listening.analysis.text import japanese_terms, tokenize_plain

    weights: dict[str, float] = {}
    for text, weight in ((title, 2.0), (body[:2000], 1.0)):
        folded = fold(text)
        if language.startswith("ja"):
            terms = [fold(dictionary_form) for _normal, dictionary_form in japanese_terms(text)]
        else:
            terms = [fold(term) for term in tokenize_plain(text, language)]
        for term in terms:
            if term in folded and (len(term) > 1 or "\u3400" <= term <= "\u9fff"):
                weights[term] = max(weights.get(term, 0.0), weight)
    ranked = sorted(weights.items(), key=lambda item: (-item[1], -len(item[0])))
    return dict(ranked[:MAX_TERMS])


def _idf(queryset, terms: list[str]) -> dict[str, float]:
    counts = queryset.aggregate(total=Count("pk"), **{
        f"t{i}": Count("pk", filter=Q(search_text__contains=term)) for i, term in enumerate(terms)})
    total = counts["total"]
    # A term no published post contains says nothing about which post is closest: it is left out of the scale.
    return {term: math.log((total + 1) / (counts[f"t{i}"] + 1)) + 0.1
            for i, term in enumerate(terms) if counts[f"t{i}"]}


def _ranked(kind: str, weights: dict[str, float]) -> list[Suggestion]:
    model, detail, support = KINDS[kind]
    published = model.objects.published()
    terms = list(weights)
    idf = _idf(published, terms)
    weight = {term: weights[term] * rarity for term, rarity in idf.items()}
    if not weight:
        return []
    score = sum((Case(When(search_text__contains=term, then=Value(w)), default=Value(0.0),
                      output_field=FloatField()) for term, w in weight.items()), Value(0.0))
    rows = (published.alias(score=score).filter(score__gt=0).order_by(F("score").desc(), "-support_count", "-id")
            .values("pk", "title", "support_count", "search_text")[:CANDIDATES])
    top = sum(weight.values()) * 1.5
    found = []
    for row in rows:
        title, text = fold(row["title"]), row["search_text"]
        points = sum(w * (1.5 if term in title else 1.0) for term, w in weight.items() if term in text)
        found.append(Suggestion(kind=kind, pk=row["pk"], title=row["title"], url=reverse(detail, args=[row["pk"]]),
                                support_url=reverse(support, args=[row["pk"]]), support_count=row["support_count"],
                                score=round(min(points / top, 1.0), 3)))
    return found


def find_similar(*, title: str, body: str, kinds=("issue", "idea"), limit: int = 5,
                 language: str = "ja") -> list[Suggestion]:
    """The published issues and ideas closest to `title` and `body`, best first, at most `limit`."""
    weights = query_terms(title, body, language)
    if not weights:
        return []
    found = [s for kind in kinds if kind in KINDS for s in _ranked(kind, weights)]
    found = [s for s in found if s.score >= MIN_SCORE]
    return sorted(found, key=lambda s: (-s.score, -s.support_count, s.kind, s.pk))[:limit]
