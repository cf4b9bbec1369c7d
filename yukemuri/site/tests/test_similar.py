"""Similar posts before posting (似た投稿, issue 20): the ranking, the htmx list, the no-JS check step."""

import pytest
from django.urls import reverse

from yukemuri.core.models import Visibility
from yukemuri.core.similar import similar_to
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue, IssueSupport
from yukemuri.site.similar import query_terms


@pytest.fixture
def posts(person, make_issue, make_idea):
    return {
        "akiya": make_issue(person, title="空き家が増えて景観が悪い", body="旧市街の空き家が放置されています。"),
        "bus": make_issue(person, title="バスの本数が少ない", body="通学にバスが使えません。"),
        "snow": make_issue(person, title="冬の除雪が遅い", body="坂道の除雪が朝に間に合いません。"),
        "hidden": make_issue(person, title="空き家の倒壊が心配", body="空き家が倒れそうです。"),
        "idea": make_idea(person, title="空き家を学生寮に", body="空き家を改修して学生に貸す。"),
    }


@pytest.fixture
def hidden(posts):
    Issue.objects.filter(pk=posts["hidden"].pk).update(visibility=Visibility.HIDDEN)


def test_terms_are_the_content_words_as_typed(db):
    terms = query_terms("空き家が増えている", "旧市街で空き家が目立つ")
    assert "空き家" in terms and terms["空き家"] == 2.0  # in the title: twice the weight
    assert "が" not in terms and all(t in "空き家が増えている旧市街で空き家が目立つ" for t in terms)
    assert query_terms("Vacant houses downtown", "", "en") == {"vacant": 2.0, "houses": 2.0, "downtown": 2.0}


def test_the_closest_published_issue_comes_first(posts, hidden):
    found = similar_to("空き家が目立つ", "駅前の空き家をどうにかしたい", kinds=("issue",))
    assert [s.pk for s in found] == [posts["akiya"].pk]  # the hidden one is never suggested; bus and snow differ
    assert found[0].url == reverse("issue_detail", args=[posts["akiya"].pk]) and 0 < found[0].score <= 1
    ideas = similar_to("空き家の活用", "", kinds=("idea",))
    assert [(s.kind, s.pk) for s in ideas] == [("idea", posts["idea"].pk)]
    assert similar_to("除雪", "", kinds=("issue",))[0].pk == posts["snow"].pk


def test_a_better_match_ranks_higher(person, make_issue, posts):
    both = make_issue(person, title="空き家と景観", body="空き家が景観を損ねています。")
    found = similar_to("空き家で景観が悪い", "", kinds=("issue",))
    assert [s.pk for s in found][:2] in ([both.pk, posts["akiya"].pk], [posts["akiya"].pk, both.pk])
    assert posts["bus"].pk not in [s.pk for s in found]


def test_nothing_for_nothing(posts):
    assert similar_to("", "") == [] and similar_to("。、！", "") == []
    assert similar_to("宇宙旅行", "", kinds=("issue",)) == []


def test_the_htmx_list(client, person, posts):
    client.force_login(person)
    page = client.get("/en/similar/", {"kind": "issue", "title": "空き家が目立つ", "body": ""})
    assert page.status_code == 200
    text = page.content.decode()
    assert "空き家が増えて景観が悪い" in text and "バス" not in text


def test_no_search_for_people_not_signed_in(client, posts):
    """Only people who can post write one; nobody else gets the posts searched for them."""
    page = client.get("/en/similar/", {"kind": "issue", "title": "空き家が目立つ", "body": ""})
    assert page.status_code == 200 and "空き家が増えて景観が悪い" not in page.content.decode()


@pytest.mark.parametrize("params", [{"kind": "people"}, {"title": "x" * 500}, {"body": "y" * 30000},
                                    {"kind": ["issue", "idea"], "title": "空き家"}, {"language": "zz" * 20}, {}])
def test_odd_parameters_give_an_empty_list(client, posts, params):
    page = client.get("/en/similar/", params)
    assert page.status_code == 200


def test_no_js_check_keeps_what_was_typed_and_saves_nothing(client, person, posts):
    client.force_login(person)
    typed = {"title": "空き家が目立つ", "body": "駅前の空き家について。", "themes": "まちづくり", "sdgs": ["11"],
             "check_similar": "1"}
    page = client.post("/en/issues/new/", typed)
    text = page.content.decode()
    assert page.status_code == 200 and Issue.objects.count() == 4
    assert "空き家が増えて景観が悪い" in text and "Support this instead" in text
    assert 'value="空き家が目立つ"' in text and "駅前の空き家について。" in text and 'value="まちづくり"' in text
    assert 'value="11" checked' in text or "checked" in text.split('value="11"')[1][:40]
    assert "Please correct the marked fields." not in text  # a check is not a submission


def test_no_js_check_on_the_idea_form(client, person, posts):
    client.force_login(person)
    page = client.post("/en/ideas/new/", {"title": "空き家を活用", "body": "", "check_similar": "1"})
    assert page.status_code == 200 and "空き家を学生寮に" in page.content.decode() and Idea.objects.count() == 1


def test_nothing_similar_says_so(client, person, posts):
    client.force_login(person)
    page = client.post("/en/issues/new/", {"title": "宇宙旅行", "check_similar": "1"})
    assert "No similar post found yet." in page.content.decode()


def test_support_this_instead(client, other_person, posts):
    """The suggestion's button sends the form to the support address, which reads only `supported`."""
    client.force_login(other_person)
    target = posts["akiya"]
    response = client.post(f"/en/issues/{target.pk}/support/", {"supported": "1", "title": "空き家が目立つ"})
    assert response.status_code == 302 and IssueSupport.objects.filter(target=target, person=other_person).exists()
