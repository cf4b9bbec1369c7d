"""Reads of ties: a person's own, a municipality's public figures, its survey, guide and contact list."""

from django.db.models import Case, CharField, Count, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Substr

from yukemuri.people.models import Relation

from . import prefectures
from .models import DEFAULT_QUESTIONS, Guide, Kind, Residence, SurveyQuestion, Tie, TieKind, TieSurvey

UNKNOWN = ""


def survey_of(municipality) -> TieSurvey | None:
    return TieSurvey.objects.filter(municipality=municipality).first()


def survey_questions(municipality) -> list[SurveyQuestion]:
    """The questions asked now: the municipality's own, or the default ones (not saved: a GET writes nothing)."""
    survey = survey_of(municipality)
    if survey is not None:
        return list(survey.questions.filter(active=True))
    return [SurveyQuestion(key=key, text=text, text_en=text_en, sort_order=n)
            for n, (key, text, text_en) in enumerate(DEFAULT_QUESTIONS)]


def _with_details(queryset):
    return queryset.select_related("municipality__prefecture", "person").prefetch_related(
        "kind_rows", Prefetch("wishes", queryset=SurveyQuestion.objects.order_by("sort_order", "id")))


def ties_of(person):
    """A person's ties, with their places, kinds and answers (four queries)."""
    return _with_details(Tie.objects.filter(person=person)).order_by("municipality__code")


def tie_of(person, pk) -> Tie | None:
    """The person's own tie with this number, or None (someone else's is not found either)."""
    if person is None or not person.is_authenticated:
        return None
    return _with_details(Tie.objects.filter(person=person, pk=pk)).first()


def residence_of(person) -> str:
    """The prefecture code the person gave (or '')."""
    if person is None or not person.is_authenticated:
        return ""
    return Residence.objects.filter(person=person).values_list("prefecture", flat=True).first() or ""


def guide_of(municipality) -> Guide | None:
    """The municipality's 関係案内人, if it named one."""
    return Guide.objects.filter(municipality=municipality).exclude(name="").first()


def total(municipality) -> int:
    return Tie.objects.filter(municipality=municipality, person__is_active=True).count()


def counts_by_kind(municipality) -> list[dict]:
    """Every kind in its order with how many people hold it here (a person with two kinds counts in both)."""
    counts = dict(TieKind.objects.filter(tie__municipality=municipality, tie__person__is_active=True)
                  .values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return [{"key": kind.value, "label": kind.label, "count": counts.get(kind.value, 0)} for kind in Kind]


def _lives_in():
    """Where a tied person lives: the prefecture they gave, else their home municipality's prefecture when
    their profile says they live there, else unknown."""
    return Coalesce(
        F("person__tie_residence__prefecture"),
        Case(When(person__relation=Relation.RESIDENT, person__home_municipality__isnull=False,
                  then=Substr("person__home_municipality__prefecture__code", 1, 2)),
             default=Value(UNKNOWN), output_field=CharField()),
        output_field=CharField(),
    )


def counts_by_prefecture(municipality) -> list[dict]:
    """How many people tied here live in each prefecture (abroad and unknown included), most first."""
    rows = (Tie.objects.filter(municipality=municipality, person__is_active=True)
            .annotate(lives_in=_lives_in()).values("lives_in").annotate(n=Count("id")).order_by())
    counts = sorted(((row["lives_in"] or UNKNOWN, row["n"]) for row in rows),
                    key=lambda item: (item[0] == UNKNOWN, -item[1], item[0]))
    return [{"key": code, "label": prefectures.label(code), "count": n} for code, n in counts]


OTHER = "other"


def public_counts_by_prefecture(municipality) -> list[dict]:
    """counts_by_prefecture for the public page: prefectures with fewer than MIN_CELL people are shown together as
    one row, so that a village's page never says that one person from a named prefecture is tied to it."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    minimum = int(settings.YUKEMURI.get("MIN_CELL", 5))
    rows = counts_by_prefecture(municipality)
    shown = [row for row in rows if row["count"] >= minimum]
    small = sum(row["count"] for row in rows if row["count"] < minimum)
    if small:
        shown.append({"key": OTHER, "count": small,
                      "label": _("Other places (fewer than %(n)s people each)") % {"n": minimum}})
    return shown


def wish_counts(municipality) -> list[dict]:
    """How many people chose each question asked now."""
    survey = survey_of(municipality)
    if survey is None:
        return []
    rows = survey.questions.filter(active=True).annotate(
        n=Count("ties", filter=Q(ties__person__is_active=True)))
    return [{"key": q.key, "label": q.display_text, "count": q.n} for q in rows]


def public_names(municipality, limit: int = 100) -> list[dict]:
    """People who agreed to be named on this municipality's page, oldest tie first; a link to the profile only
    for those whose profile is public."""
    ties = (Tie.objects.filter(municipality=municipality, public_consented_at__isnull=False, person__is_active=True)
            .select_related("person").order_by("created_at", "id")[:limit])
    return [{"name": tie.person.display_name, "person_id": tie.person_id if tie.person.profile_public else None,
             "is_demo": tie.is_demo} for tie in ties]


def contact_members(municipality):
    """Ties whose people agreed to be contacted by this municipality (only active accounts), oldest first."""
    return (_with_details(Tie.objects.filter(municipality=municipality, contact_consented_at__isnull=False,
                                             person__is_active=True))
            .order_by("contact_consented_at", "id"))
