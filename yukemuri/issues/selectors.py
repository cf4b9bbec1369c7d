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
