"""Pages and API answers cost a fixed number of queries, whatever the amount of data."""

import pytest
from django.urls import reverse

from yukemuri.core.testing import get_counted
from yukemuri.ideas.services import comment_create, idea_support
from yukemuri.issues.services import issue_support
from yukemuri.people.tests.factories import PersonFactory


def grow(person, make_issue, make_idea, n):
    """n more issues and ideas, each supported, commented and linked, by n more people."""
    for i in range(n):
        someone = PersonFactory()
        issue = make_issue(someone, title=f"課題{i}", sdg_numbers=[1 + i % 17, 11], theme_names=[f"テーマ{i % 3}"],
                           evidence=[("https://example.jp/", "資料")])
        idea = make_idea(someone, title=f"案{i}", sdg_numbers=[1 + i % 17, 11], theme_names=[f"テーマ{i % 3}"],
                         issue_ids=[issue.pk])
        issue_support(issue=issue, person=person)
        idea_support(idea=idea, person=person)
        first = comment_create(idea=idea, author=someone, body="c")
        comment_create(idea=idea, author=person, body="r", parent=first)


def count(client, url):
    response, captured = get_counted(client, url)
    assert response.status_code == 200, url
    return len(captured)


PAGES = [
    lambda ids: reverse("home"),
    lambda ids: reverse("idea_list"),
    lambda ids: reverse("idea_list") + "?sdg=11&sort=supported",
    lambda ids: reverse("issue_list") + "?municipality=102083",
    lambda ids: reverse("region_list"),
    lambda ids: reverse("municipality_detail", args=["102083"]),
    lambda ids: reverse("idea_detail", args=[ids["idea"]]),
    lambda ids: reverse("issue_detail", args=[ids["issue"]]),
    lambda ids: "/api/v1/ideas",
    lambda ids: "/api/v1/issues?municipality=102083",
    lambda ids: f"/api/v1/ideas/{ids['idea']}",
]


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("page", range(len(PAGES)))
def test_query_count_does_not_grow_with_data(client, person, make_issue, make_idea, page, signed_in, settings):
    settings.PAGE_CACHE_SECONDS = 0  # this measures rendering; the page cache has its own tests
    if signed_in:
        client.force_login(person)
    grow(person, make_issue, make_idea, 2)
    from yukemuri.ideas.models import Idea
    from yukemuri.issues.models import Issue

    ids = {"idea": Idea.objects.order_by("id").first().pk, "issue": Issue.objects.order_by("id").first().pk}
    url = PAGES[page](ids)
    count(client, url)  # warms the per-process memo of the municipality select
    small = count(client, url)
    grow(person, make_issue, make_idea, 12)
    idea = Idea.objects.get(pk=ids["idea"])
    for n in range(10):  # the first idea also gets a long conversation
        comment_create(idea=idea, author=person, body=f"more {n}")
    assert count(client, url) == small, url
    # The home page: ideas, issues, areas (with the 広域 posts counted in each area: two grouped queries), coming
    # events, the notices count. The idea page adds its way: team, roles and their skills, milestones, campaigns,
    # adoptions and the timeline, and (issue 20) the municipalities it also concerns, its photos, outcomes and
    # latest evaluation.
    budget = 26 if page == 6 else 19
    assert small <= budget, f"{url}: {small} queries"
