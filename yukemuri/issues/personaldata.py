"""The issues app's part of "download your data": the issues I posted and supported."""

from .models import Issue, IssueSupport


def issues(person) -> list[dict]:
    return [{"id": i.pk, "title": i.title, "body": i.body, "visibility": i.visibility, "created_at": i.created_at}
            for i in Issue.objects.filter(author=person).order_by("created_at", "id")]


def issue_supports(person) -> list[dict]:
    return [{"issue": s.target_id, "title": s.target.title, "at": s.created_at}
            for s in IssueSupport.objects.filter(person=person).select_related("target").order_by("created_at", "id")]
