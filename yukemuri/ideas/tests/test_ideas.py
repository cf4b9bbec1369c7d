import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yukemuri.ideas import services
from yukemuri.ideas.models import Comment, Follow, Idea, Stage
from yukemuri.ideas.selectors import comment_threads
from yukemuri.moderation.services import post_hide


def test_new_idea_is_a_seed_followed_by_its_proposer(person, make_idea):
    idea = make_idea(person)
    assert idea.stage == Stage.SEED and idea.proposer == person
    assert Follow.objects.filter(idea=idea, person=person).exists()
    assert Idea.objects.get(pk=idea.pk).follower_count == 1


def test_idea_answers_published_issues_only(person, make_idea, make_issue):
    issue = make_issue(person)
    idea = make_idea(person, issue_ids=[issue.pk])
    assert list(idea.issues.all()) == [issue]
    with pytest.raises(ValidationError) as excinfo:
        make_idea(person, title="別の案", issue_ids=[issue.pk, 98765])
    assert "98765" in str(excinfo.value)


def test_only_the_proposer_may_edit(person, other_person, make_idea):
    idea = make_idea(person)
    with pytest.raises(PermissionDenied):
        services.idea_update(idea=idea, editor=other_person, title="乗っ取り", body="x")
    services.idea_update(idea=idea, editor=person, title="改良した案", body="本文")
    assert Idea.objects.get(pk=idea.pk).title == "改良した案"


def test_one_support_per_person(person, other_person, make_idea):
    idea = make_idea(person)
    for _ in range(3):
        services.idea_support(idea=idea, person=other_person)
    assert Idea.objects.get(pk=idea.pk).support_count == 1 == idea.supports.count()
    services.idea_support(idea=idea, person=other_person, supported=False)
    assert Idea.objects.get(pk=idea.pk).support_count == 0


def test_follow_and_unfollow(person, other_person, make_idea):
    idea = make_idea(person)
    services.idea_follow(idea=idea, person=other_person)
    services.idea_follow(idea=idea, person=other_person)
    assert Idea.objects.get(pk=idea.pk).follower_count == 2
    services.idea_follow(idea=idea, person=other_person, following=False)
    assert Idea.objects.get(pk=idea.pk).follower_count == 1


def test_threaded_comments_keep_their_root_and_depth(person, other_person, make_idea):
    idea = make_idea(person)
    first = services.comment_create(idea=idea, author=other_person, body="いいですね")
    reply = services.comment_create(idea=idea, author=person, body="ありがとう", parent=first)
    deeper = services.comment_create(idea=idea, author=other_person, body="ぜひ手伝います", parent=reply)
    assert (reply.root, reply.depth, deeper.root, deeper.depth) == (first, 1, first, 2)
    assert Idea.objects.get(pk=idea.pk).comment_count == 3
    _page, threads = comment_threads(idea, other_person)
    assert len(threads) == 1
    assert threads[0].children[0].comment == reply and threads[0].children[0].children[0].comment == deeper


def test_replies_stop_nesting_at_the_maximum_depth(person, make_idea):
    idea = make_idea(person)
    parent = services.comment_create(idea=idea, author=person, body="0")
    for level in range(1, 8):
        parent = services.comment_create(idea=idea, author=person, body=str(level), parent=parent)
    assert parent.depth <= services.MAX_DEPTH


def test_reply_to_a_comment_of_another_idea_is_refused(person, make_idea):
    one, two = make_idea(person), make_idea(person, title="二つ目")
    comment = services.comment_create(idea=one, author=person, body="x")
    with pytest.raises(ValidationError):
        services.comment_create(idea=two, author=person, body="y", parent=comment)


def test_empty_comment_is_refused(person, make_idea):
    with pytest.raises(ValidationError):
        services.comment_create(idea=make_idea(person), author=person, body="   ")


def test_hidden_comment_leaves_the_count_and_stays_a_placeholder(person, other_person, moderator, make_idea):
    idea = make_idea(person)
    first = services.comment_create(idea=idea, author=other_person, body="スパム")
    services.comment_create(idea=idea, author=person, body="返信", parent=first)
    post_hide(target=first, moderator=moderator, reason="広告です")
    assert Idea.objects.get(pk=idea.pk).comment_count == 1
    _page, threads = comment_threads(idea, person)
    assert threads[0].comment.visibility == "hidden" and threads[0].children


def test_comment_pages_hold_thirty_threads(person, make_idea):
    idea = make_idea(person)
    Comment.objects.bulk_create([Comment(idea=idea, author=person, body=f"c{i}") for i in range(65)])
    page, threads = comment_threads(idea, person, 3)
    assert page.paginator.num_pages == 3 and len(threads) == 5


def test_idea_form_from_an_issue_preselects_it_and_its_place(client, person, make_issue):
    issue = make_issue(person, code="104434")
    client.force_login(person)
    form = client.get(reverse("idea_new") + f"?issue={issue.pk}").context["form"]
    assert form.initial["issues"] == [issue.pk] and form.initial["place"] == "m:104434"
    response = client.post(reverse("idea_new") + f"?issue={issue.pk}", {
        "title": "村の未来会議", "body": "月に一度、誰でも参加できる会議を開く。", "place": "m:104434",
        "issues": [str(issue.pk)], "more_issues": "", "sdgs": ["17"], "themes": "村づくり",
    })
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert list(idea.issues.all()) == [issue] and idea.municipality.name == "片品村"
    page = client.get(reverse("issue_detail", args=[issue.pk])).content.decode()
    assert "村の未来会議" in page


def test_idea_form_accepts_typed_issue_numbers_and_rejects_unknown(client, person, make_issue):
    issue = make_issue(person)
    client.force_login(person)
    data = {"title": "案", "body": "本文", "place": "p:100005", "more_issues": f"#{issue.pk}, 4242"}
    response = client.post("/en" + reverse("idea_new"), data)
    assert "4242" in response.context["form"].errors["more_issues"][0]
    response = client.post(reverse("idea_new"), {**data, "more_issues": f"#{issue.pk}"})
    assert response.status_code == 302 and list(Idea.objects.get().issues.all()) == [issue]


def test_support_and_follow_without_javascript(client, person, other_person, make_idea):
    idea = make_idea(person)
    client.force_login(other_person)
    response = client.post(reverse("idea_support", args=[idea.pk]), {"supported": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("idea_detail", args=[idea.pk])
    client.post(reverse("idea_follow", args=[idea.pk]), {"following": "1"})
    idea.refresh_from_db()
    assert (idea.support_count, idea.follower_count) == (1, 2)


def test_support_with_htmx_returns_the_new_button(client, person, other_person, make_idea):
    idea = make_idea(person)
    client.force_login(other_person)
    response = client.post(reverse("idea_support", args=[idea.pk]), {"supported": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<form" in html and 'name="supported" value="0"' in html
    assert "1" in html


def test_support_redirect_ignores_foreign_next(client, person, other_person, make_idea):
    idea = make_idea(person)
    client.force_login(other_person)
    response = client.post(reverse("idea_support", args=[idea.pk]), {"supported": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("idea_detail", args=[idea.pk])


def test_comment_through_the_page(client, person, other_person, make_idea):
    idea = make_idea(person)
    client.force_login(other_person)
    response = client.post(reverse("comment_new", args=[idea.pk]), {"body": "応援しています！"})
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    reply = client.post(reverse("comment_new", args=[idea.pk]), {"body": "返信です", "parent": str(comment.pk)})
    assert reply.status_code == 302 and Comment.objects.get(body="返信です").parent == comment
    page = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    assert "応援しています！" in page and "返信です" in page and other_person.display_name in page


def test_empty_comment_through_the_page_shows_the_error(client, person, make_idea):
    idea = make_idea(person)
    client.force_login(person)
    response = client.post("/en" + reverse("comment_new", args=[idea.pk]), {"body": ""})
    assert response.status_code == 400
    assert "required" in response.content.decode()
    assert not Comment.objects.exists()


def test_anonymous_visitors_are_sent_to_login_to_act(client, person, make_idea):
    idea = make_idea(person)
    for name in ("idea_support", "idea_follow", "comment_new"):
        response = client.post(reverse(name, args=[idea.pk]), {"body": "x"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert Idea.objects.get(pk=idea.pk).support_count == 0 and not Comment.objects.exists()


def test_comment_tree_renders_as_balanced_nested_lists(client, person, make_idea):
    from html.parser import HTMLParser

    idea = make_idea(person)
    a = services.comment_create(idea=idea, author=person, body="A")
    a1 = services.comment_create(idea=idea, author=person, body="A1", parent=a)
    services.comment_create(idea=idea, author=person, body="A1a", parent=a1)
    services.comment_create(idea=idea, author=person, body="A2", parent=a)
    services.comment_create(idea=idea, author=person, body="B")

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.depth_of = [], {}

        def handle_starttag(self, tag, attrs):
            if tag in ("ul", "li"):
                self.stack.append(tag)
            if tag == "article" and dict(attrs).get("id", "").startswith("comment-"):
                self.depth_of[dict(attrs)["id"]] = self.stack.count("ul")

        def handle_endtag(self, tag):
            if tag in ("ul", "li"):
                assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    parser = Nesting()
    html = client.get(reverse("idea_detail", args=[idea.pk])).content.decode()
    parser.feed(html[html.index('id="comments"'):])
    by_body = {c.body: f"comment-{c.pk}" for c in Comment.objects.all()}
    depths = {body: parser.depth_of[key] for body, key in by_body.items()}
    assert depths == {"A": 1, "A1": 2, "A1a": 3, "A2": 2, "B": 1}
