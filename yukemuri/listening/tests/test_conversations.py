"""Broad listening in the site: conversations, anonymous participants, votes, statements, moderation, report."""

import csv
import io
import json
import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from yukemuri.listening import report, services
from yukemuri.listening.models import Participant, Statement, Vote

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "若い世代の移住を増やしたい", "古い町並みを残したい",
         "空き家バンクをもっと使いやすく", "空き家の固定資産税を上げるべき", "リノベーションの補助を増やすべき",
         "まずは所有者の意向を聞くべき"]


@pytest.fixture
def conversation(coordinator, make_issue):
    issue = make_issue(coordinator)
    return services.conversation_create(by=coordinator, title="空き家をどうする？", question="空き家について、どう思いますか？",
                                        seeds=SEEDS, issue=issue, demographics=["age_band", "resident"])


def camps(conversation, n=10):
    """Half agree with the first four statements and disagree with the rest; the other half the opposite."""
    statements = list(conversation.statements.order_by("pk"))
    people = []
    for i in range(n):
        participant = services.participant_for(conversation, key=None)
        for j, statement in enumerate(statements):
            value = 1 if (j < 4) == (i % 2 == 0) else -1
            if j == 7:
                value = 1  # everyone agrees: the owners should be asked first
            services.vote(participant=participant, statement=statement, value=value)
        people.append(participant)
    return people


def test_only_organisers_or_the_issue_author_open_one(person, make_issue, coordinator):
    issue = make_issue(person)
    with pytest.raises(PermissionDenied):
        services.conversation_create(by=person, title="t", question="q", seeds=SEEDS, issue=make_issue(coordinator))
    services.conversation_create(by=person, title="t", question="q", seeds=SEEDS, issue=issue)
    with pytest.raises(ValidationError):
        services.conversation_create(by=coordinator, title="t", question="q", seeds=["一つだけ"])


def test_one_vote_per_statement_and_changeable(conversation):
    participant = services.participant_for(conversation, key=None)
    statement = conversation.statements.first()
    services.vote(participant=participant, statement=statement, value=1)
    services.vote(participant=participant, statement=statement, value=-1)
    assert list(Vote.objects.filter(participant=participant).values_list("value", flat=True)) == [-1]
    with pytest.raises(ValidationError):
        services.vote(participant=participant, statement=statement, value=5)


def test_participant_statements_wait_for_a_moderator(conversation, coordinator, person):
    participant = services.participant_for(conversation, key=None)
    added = services.statement_add(participant=participant, text="  空き家で　子ども食堂を開きたい ")
    assert added.status == "pending" and added.text == "空き家で 子ども食堂を開きたい"
    assert services.next_statement(participant).pk != added.pk
    with pytest.raises(ValidationError):
        services.statement_add(participant=participant, text="空き家で 子ども食堂を開きたい")  # no duplicates
    with pytest.raises(PermissionDenied):
        services.moderate(statement=added, by=person, accept=True)
    with pytest.raises(ValidationError):
        services.moderate(statement=added, by=coordinator, accept=False)  # a reason is needed
    services.moderate(statement=added, by=coordinator, accept=True)
    assert Statement.objects.get(pk=added.pk).status == "accepted"


def test_answers_need_consent_and_only_asked_questions(conversation):
    participant = services.participant_for(conversation, key=None)
    with pytest.raises(ValidationError):
        services.answers_set(participant=participant, answers={"age_band": "20-39"}, consent=False)
    with pytest.raises(ValidationError):
        services.answers_set(participant=participant, answers={"age_band": "200"}, consent=True)
    services.answers_set(participant=participant, answers={"age_band": "20-39", "area": "吾妻"}, consent=True)
    assert Participant.objects.get(pk=participant.pk).answers == {"age_band": "20-39"}


def test_two_camps_make_two_groups_and_a_consensus(conversation):
    people = camps(conversation)
    data = report.refresh(conversation).analysis
    assert data["k"] == 2 and data["in_map"] == 10
    sizes = Counter()
    for point in data["points"]:
        sizes[point["group"]] += point["count"]
    assert sorted(sizes.values()) == [5, 5] and [g["size"] for g in data["groups"]] == [5, 5]
    # One dot per position, sorted by position: the order does not follow who joined when.
    assert data["points"] == sorted(data["points"], key=lambda p: (p["x"], p["y"], p["group"]))
    assert len(people) == 10
    assert [c["text"] for c in data["consensus"]] == ["まずは所有者の意向を聞くべき"]


def test_voting_page_works_without_an_account_and_without_javascript(client, conversation):
    page = client.get(conversation.get_absolute_url())
    assert f"listen{conversation.pk}" not in page.cookies  # looking is not taking part
    first = page.context["statement"]
    assert "8件中0件に回答しました。" in page.content.decode()
    voted = client.post(reverse("conversation_vote", args=[conversation.pk]), {"statement": first.pk, "value": "1"})
    cookie = voted.cookies[f"listen{conversation.pk}"].value
    participant = Participant.objects.get(key=cookie)
    assert participant.person is None and participant.votes.get().value == 1
    page = client.get(conversation.get_absolute_url())
    assert page.context["statement"].pk != first.pk and page.context["done"] == 1


def test_report_page_csv_and_json(client, conversation):
    camps(conversation)
    report.refresh(conversation)  # what the background task does after the votes
    page = client.get(reverse("conversation_report", args=[conversation.pk])).content.decode()
    assert "<svg" in page and "グループA" in page and "まずは所有者の意向を聞くべき" in page
    rows = list(csv.reader(io.StringIO(client.get(reverse("conversation_report_csv", args=[conversation.pk]))
                                       .content.decode().lstrip("\ufeff"))))
    assert len(rows) == 12 and rows[1][2:4] == ["5", "5"]
    assert rows[-1][1] == "0" and rows[-2][1] == "10"  # participants, of whom none on paper
    data = json.loads(client.get(reverse("conversation_report_json", args=[conversation.pk])).content)
    assert data["k"] == 2 and sum(p["count"] for p in data["points"]) == 10


@pytest.mark.parametrize("language", ["ja", "vi", "es", "pt-br"])
def test_the_map_draws_in_every_language(client, conversation, language):
    # Vietnamese, Spanish and Portuguese write decimals with a comma; SVG needs a point, or no dot is drawn.
    camps(conversation)
    report.refresh(conversation)
    prefix = "" if language == "ja" else f"/{language}"  # Japanese lives at the root
    page = client.get(f"{prefix}/listening/{conversation.pk}/report/").content.decode()
    circles = re.findall(r'<circle cx="([^"]*)" cy="([^"]*)" r="([^"]*)"', page)
    assert circles
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for circle in circles for value in circle), circles[:3]


def test_imported_public_comments_make_topics(client, coordinator, conversation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    akiya = ["空き家の活用を進めてほしい", "空き家バンクに登録された空き家が少ない", "空き家の解体費用を補助してほしい",
             "使われていない空き家を店舗にしたい", "空き家の所有者と話す機会がほしい"]
    kosodate = ["保育園の待機児童をなくしてほしい", "子育て中の親が集まれる場所がほしい", "子育て支援の情報が届かない",
                "保育園の送迎が大変だ", "子育て世帯の医療費を助成してほしい"]
    body = "番号,意見\n" + "\n".join(f"{n},{text}" for n, text in enumerate(akiya + kosodate, start=1))
    client.force_login(coordinator)
    bad = client.post(reverse("conversation_import", args=[conversation.pk]), {
        "file": SimpleUploadedFile("pc.csv", body.encode("cp932")), "column": "コメント"})
    assert bad.status_code == 400 and "番号, 意見" in bad.content.decode()
    response = client.post(reverse("conversation_import", args=[conversation.pk]), {
        "file": SimpleUploadedFile("pc.csv", body.encode("cp932")), "column": "意見"})
    assert response.status_code == 302 and conversation.opinions.count() == 10
    data = report.refresh(conversation).analysis
    page = client.get(reverse("conversation_report", args=[conversation.pk])).content.decode()
    assert "自由意見のトピック" in page
    groups = [set(t["central"]) for t in data["topics"]]
    assert len(data["topics"]) == 2
    assert any(g <= set(akiya) for g in groups) and any(g <= set(kosodate) for g in groups)


def test_import_is_all_or_nothing(coordinator, conversation):
    with pytest.raises(ValidationError):
        services.opinions_import(conversation=conversation, by=coordinator, rows=["意見がある", "", "もう一つ"])
    assert conversation.opinions.count() == 0


def test_participants_free_comments_wait_for_review(coordinator, make_issue):
    conversation = services.conversation_create(by=coordinator, title="t", question="q", seeds=SEEDS,
                                                collect_opinions=True)
    participant = services.participant_for(conversation, key=None)
    opinion = services.opinion_add(participant=participant, text="駅前に空き家を使った休憩所がほしい")
    assert not opinion.accepted
    services.opinion_accept(opinion=opinion, by=coordinator, accept=True)
    opinion.refresh_from_db()
    assert opinion.accepted


def test_the_map_is_recomputed_once_per_batch_of_new_votes(conversation, django_capture_on_commit_callbacks):
    from yukemuri.listening.models import Conversation

    statements = list(conversation.statements.all())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in range(25):
            participant = services.participant_for(conversation, key=None)
            services.vote(participant=participant, statement=statements[n % len(statements)], value=1)
    # One task asked for while one is waiting, however many votes come in; it analyses all of them.
    assert len([c for c in callbacks if "enqueue" in repr(c.__code__.co_names)]) == 1
    fresh = Conversation.objects.get(pk=conversation.pk)
    assert fresh.analysis["participants"] == 25 and not fresh.is_stale and fresh.new_votes == 0


def test_a_statement_rejected_after_the_votes_is_shown_nowhere_but_its_votes_still_count(conversation, coordinator):
    camps(conversation)
    light = services.participant_for(conversation, key=None)
    statements = list(conversation.statements.order_by("pk"))
    for statement in statements[:7]:  # seven votes: just enough for the map (min_votes 7)
        services.vote(participant=light, statement=statement, value=1)
    services.moderate(statement=statements[6], by=coordinator, accept=False, reason="個人名が入っていた")
    data = report.refresh(conversation).analysis
    assert data["in_map"] == 11  # as in pol.is, the vote on the rejected statement still counts
    assert statements[6].text not in {t["text"] for t in data["totals"]}
    assert all(statements[6].text not in s["text"] for g in data["groups"] for s in g["statements"])


def _token(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.content.decode())[1]


def test_the_anonymous_voting_page_comes_from_the_cache_with_each_readers_own_token(conversation):
    """Two first-time visitors (no cookie at all): the second gets the stored page, yet with a CSRF token of its own
    and the CSRF cookie that goes with it, and can vote with them."""
    url = conversation.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    missed, hit = first.get(url), second.get(url)
    assert missed["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    assert "8件中0件に回答しました。" in hit.content.decode()
    secrets = []
    for page in (missed, hit):
        cookie = page.cookies[settings.CSRF_COOKIE_NAME].value  # set on the hit too: the reader had none
        assert _unmask_cipher_token(_token(page)) == cookie
        secrets.append(cookie)
    assert secrets[0] != secrets[1] and _token(missed) not in hit.content.decode()
    statement = conversation.statements.order_by("pk").first()
    vote = reverse("conversation_vote", args=[conversation.pk])
    wrong = second.post(vote, {"statement": statement.pk, "value": "1", "csrfmiddlewaretoken": _token(missed)})
    assert wrong.status_code == 403  # the first reader's token is no good with the second's cookie
    for client, page in ((second, hit), (first, missed)):
        voted = client.post(vote, {"statement": statement.pk, "value": "1", "csrfmiddlewaretoken": _token(page)})
        assert voted.status_code == 302
    assert Vote.objects.filter(statement=statement).count() == 2


def test_a_participant_never_gets_nor_gives_the_stored_page(conversation):
    url = conversation.get_absolute_url()
    participant = Client()
    page = participant.get(url)
    voted = page.context["statement"].pk  # whichever statement came first (the order differs by database)
    participant.post(reverse("conversation_vote", args=[conversation.pk]), {"statement": voted, "value": "1"})
    assert f"listen{conversation.pk}" in participant.cookies
    Client().get(url)  # stored (again, if the vote moved the generation on)
    assert Client().get(url)["X-Page-Cache"] == "hit"
    for _ in range(2):  # with the stored page there, and again after their own page was rendered
        own = participant.get(url)
        assert own.get("X-Page-Cache") is None and "8件中1件に回答しました。" in own.content.decode()
        assert own.context["statement"].pk != voted
    stranger = Client().get(url)
    assert stranger["X-Page-Cache"] == "hit" and "8件中0件に回答しました。" in stranger.content.decode()
    # Nor their page "where do I stand" (no-store), with or without the cookie.
    me = reverse("conversation_me", args=[conversation.pk])
    assert [participant.get(me).get("X-Page-Cache") for _ in range(2)] == [None, None]
    assert [Client().get(me).get("X-Page-Cache") for _ in range(2)] == [None, None]
