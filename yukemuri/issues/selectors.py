"""Reads of regional issues, already joined for the page that shows them."""

from django.db.models import Count

from yukemuri.core.models import Visibility
from yukemuri.core.selectors import counts_by_place

from .models import CreatorBrief, Issue


def issue_list():
    """Published issues with what a list row shows, in a fixed number of queries."""
    qs = Issue.objects.published()
    return qs.select_related("municipality", "area", "prefecture", "organisation", "author").prefetch_related("sdgs")


def issue_cards():
    """Like issue_list(), without the long texts a card does not show."""
    return issue_list().defer("body", "body_html", "search_text")


def issue_detail(pk: int, viewer):
    """The issue if the viewer may see it: published, or their own, or the viewer moderates."""
    issue = (
        Issue.objects.select_related("municipality", "area", "prefecture", "organisation", "author",
                              "origin_event__series", "origin_event__municipality", "origin_event__area")
        .prefetch_related("sdgs", "themes", "evidence", "municipalities")
        .filter(pk=pk)
        .first()
    )
    if issue is None:
        return None
    if issue.visibility == Visibility.PUBLISHED:
        return issue
    if viewer.is_authenticated and (issue.author_id == viewer.pk or viewer.has_perm("moderation.moderate")):
        return issue
    return None


def issues_for_ids(ids):
    return Issue.objects.published().filter(pk__in=ids)


def issue_counts_by(field: str) -> dict:
    """Published issues per value of `field` ("area" or "municipality"), each counted in every place it concerns."""
    return counts_by_place(Issue.objects.published(), field)


def issues_by(person):
    """A person's own issues, whatever their visibility (for their own page)."""
    return Issue.objects.filter(author=person).select_related("municipality", "area", "prefecture").order_by("-created_at")


def creator_brief_of(issue):
    return CreatorBrief.objects.filter(issue=issue).first()


def open_creator_briefs():
    """Open requests for creators on published issues, most recently changed first."""
    return (CreatorBrief.objects.filter(status=CreatorBrief.Status.OPEN, issue__visibility=Visibility.PUBLISHED)
            .select_related("issue__municipality", "issue__area", "issue__prefecture")
            .order_by("-updated_at", "-id"))


def participant_ids(start, end) -> set[int]:
    """People who posted an issue or supported one in [start, end) (for kpi's participation)."""
    from .models import IssueSupport

    found = set(Issue.objects.filter(created_at__gte=start, created_at__lt=end, author__isnull=False)
                .values_list("author_id", flat=True).distinct())
    found |= set(IssueSupport.objects.filter(created_at__gte=start, created_at__lt=end)
                 .values_list("person_id", flat=True).distinct())
    return found


def channel_counts(start=None, end=None) -> dict[str, int]:
    """{channel: issues posted} (web, supporter, paper, phone), in [start, end) when given: the reports
    count what came on paper, by phone or with a supporter apart (the support app, kpi's participation)."""
    queryset = Issue.objects.all()
    if start is not None:
        queryset = queryset.filter(created_at__gte=start)
    if end is not None:
        queryset = queryset.filter(created_at__lt=end)
    return {row["channel"]: row["n"] for row in queryset.order_by().values("channel").annotate(n=Count("id"))}


# --- official answers (公式回答, issue 20) ------------------------------------------------------------------


def answers_of(issue):
    """The issue's official answers, latest first: its history (the first is the current answer)."""
    from .models import OfficialAnswer

    return OfficialAnswer.objects.filter(issue=issue).select_related("organisation").order_by("-created_at", "-id")


def answer_states(issue_ids=None) -> dict[int, str]:
    """{issue id: state of its latest official answer} of published answered issues (all, or of `issue_ids`):
    what a map or another app shows without reading the answers."""
    queryset = Issue.objects.published().exclude(answer_state="")
    if issue_ids is not None:
        queryset = queryset.filter(pk__in=list(issue_ids))
    return dict(queryset.values_list("pk", "answer_state"))


ANSWER_WINDOW_DAYS = 30


def first_answer_report(now=None) -> list[dict]:
    """Per municipality, how fast its published issues got a first official answer: issues, answered,
    unanswered, the median days to a first answer (of the answered), and the share of the issues posted at least
    30 days ago that were answered within 30 days (None when no issue is that old). Most issues first."""
    from datetime import timedelta
    from statistics import median

    from django.db.models import Min
    from django.utils import timezone

    now = now or timezone.now()
    window = timedelta(days=ANSWER_WINDOW_DAYS)
    rows = (Issue.objects.published().filter(municipality__isnull=False).order_by()
            # pk in the grouping: two issues posted in the same instant (an import, paper forms) stay two rows
            .values("pk", "municipality__code", "municipality__name", "created_at")
            .annotate(first=Min("official_answers__created_at")))
    per = {}
    for row in rows:
        entry = per.setdefault(row["municipality__code"], {
            "code": row["municipality__code"], "name": row["municipality__name"], "issues": 0, "answered": 0,
            "days": [], "due": 0, "in_time": 0})
        entry["issues"] += 1
        if row["first"] is not None:
            entry["answered"] += 1
            entry["days"].append((row["first"] - row["created_at"]).total_seconds() / 86400)
        if row["created_at"] <= now - window:
            entry["due"] += 1
            entry["in_time"] += row["first"] is not None and row["first"] - row["created_at"] <= window
    report = []
    for entry in per.values():
        days = entry.pop("days")
        due, in_time = entry.pop("due"), entry.pop("in_time")
        entry["unanswered"] = entry["issues"] - entry["answered"]
        entry["median_days"] = round(median(days), 1) if days else None
        entry["share_in_time"] = round(in_time / due, 3) if due else None
        entry["due"] = due
        report.append(entry)
    return sorted(report, key=lambda e: (-e["issues"], e["code"]))
