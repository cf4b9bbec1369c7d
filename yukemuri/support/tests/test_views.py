"""The supporters' and staff pages: who gets in, forms that keep what was typed, the idea page's line, /me/,
the log's filters, printable forms and posters, claiming an account; no bad input gives a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from yukemuri.core.models import Channel
from yukemuri.ideas.models import Idea
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.support import services
from yukemuri.support.models import AssistedEntry, AssistedPerson

from .conftest import PAPER, SPOKEN


@pytest.mark.parametrize("name", ["support", "support_person_new", "support_phone", "support_paper", "support_log",
                                  "support_report"])
def test_residents_are_refused_and_anonymous_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(PersonFactory())
    assert client.get(reverse(name)).status_code == 403


def test_a_supporter_finds_registers_and_enters_an_idea(client, supporter, municipality):
    client.force_login(supporter)
    assert client.get(reverse("support")).status_code == 200
    response = client.post(reverse("support_person_new"), {"full_name": "山田 ハル", "municipality": "102083"})
    assisted = AssistedPerson.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("support_person", args=[assisted.reference])
    page = client.get(response["Location"])
    with translation.override("ja"):  # the code itself is shown only once, in this message: up to it
        registered = translation.gettext(
            "Registered with reference number %(reference)s. Write it and the claim code %(code)s on the person's "
            "slip: with them they can take over their account later. The code is shown only now.",
        ) % {"reference": assisted.reference, "code": "\0"}
    assert assisted.reference in page.content.decode() and registered.split("\0")[0] in page.content.decode()
    found = client.get(reverse("support"), {"name": "ハル", "municipality": "102083"})
    assert reverse("support_person", args=[assisted.reference]) in found.content.decode()
    url = reverse("support_enter_idea", args=[assisted.reference])
    refused = client.post(url, {"title": "スマホ教室", "body": "公民館で", "consent_method": "paper"})
    assert refused.status_code == 400 and "スマホ教室" in refused.content.decode()  # kept what was typed
    assert not Idea.objects.exists()
    response = client.post(url, {"title": "スマホ教室", "body": "公民館で", "consent_method": "paper",
                                 "consent_form_number": "C-1"})
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.author == assisted.person and idea.channel == Channel.SUPPORTER
    assert "Entered with the help of a supporter" in client.get(f"/en{idea.get_absolute_url()}").content.decode()


def test_the_person_sees_what_was_entered_for_them_on_me(client, assisted, supporter):
    entry = services.enter_idea(by=supporter, for_whom=assisted, consent=SPOKEN, title="見守りの輪", body="b")
    client.force_login(assisted.person)
    page = client.get(reverse("me")).content.decode()
    assert "entered-for-me" in page and "見守りの輪" in page and entry.consent_note in page


def test_the_staff_log_filters(client, staff, assisted, supporter, coordinator, make_idea):
    services.enter_idea(by=supporter, for_whom=assisted, consent=PAPER, title="紙の案", body="b")
    services.enter_call(by=staff, kind="issue", consent_note="電話で同意", title="電話の課題", body="b",
                        reference=assisted.reference)
    client.force_login(staff)
    everything = client.get(reverse("support_log")).content.decode()
    assert "紙の案" in everything and "電話の課題" in everything
    phone_only = client.get(reverse("support_log"), {"channel": "phone"}).content.decode()
    assert "電話の課題" in phone_only and "紙の案" not in phone_only
    by_supporter = client.get(reverse("support_log"), {"entered_by": supporter.email}).content.decode()
    assert "紙の案" in by_supporter and "電話の課題" not in by_supporter
    for bad in ({"date_from": "2026-13-45"}, {"page": "x"}, {"channel": "fax"}, {"page": "999"}):
        assert client.get(reverse("support_log"), bad).status_code in (200, 404)
    report = client.get(reverse("support_report"))
    assert report.status_code == 200 and [row["issues"] for row in report.context["channels"]] == [0, 0, 0, 1]
    assert [row["ideas"] for row in report.context["channels"]] == [0, 1, 0, 0]


def test_paper_forms_one_after_another_keep_what_was_typed_on_error(client, staff, municipality):
    client.force_login(staff)
    data = {"kind": "idea", "form_number": "D-00001", "full_name": "佐藤 トメ", "home": "102083",
            "title": "朝市", "body": "駅前で朝市を。"}
    response = client.post(reverse("support_paper"), data)
    assert response.status_code == 302 and response["Location"].endswith("?kind=idea")
    again = client.post(reverse("support_paper"), {**data, "title": "二度目"})
    assert again.status_code == 400 and "二度目" in again.content.decode()
    assert "form_number" in again.context["form"].errors  # shown on the number's field
    assert Idea.objects.count() == 1 and Idea.objects.get().channel == Channel.PAPER
    entry = AssistedEntry.objects.get()
    assert entry.channel == "paper" and entry.entered_by == staff


def test_a_phone_call_becomes_an_idea_for_the_caller(client, staff, assisted):
    client.force_login(staff)
    missing = client.post(reverse("support_phone"), {"reference": assisted.reference, "kind": "idea",
                                                     "title": "見守り", "consent_note": "電話で同意"})
    assert missing.status_code == 400 and "見守り" in missing.content.decode()
    response = client.post(reverse("support_phone"), {"reference": assisted.reference, "kind": "idea",
                                                      "title": "見守り", "body": "一人暮らし", "consent_note": "電話で同意"})
    assert response.status_code == 302 and Idea.objects.get().channel == Channel.PHONE


def test_votes_are_entered_from_a_ballot_page(client, supporter, assisted, coordinator):
    from yukemuri.listening import services as listening

    conversation = listening.conversation_create(by=coordinator, title="バス", question="バスについて",
                                                 seeds=["バスを増やしたい", "乗り合いタクシーがよい"])
    first, second = conversation.statements.order_by("id")
    client.force_login(supporter)
    choose = client.get(reverse("support_vote_choose", args=[assisted.reference]))
    url = reverse("support_enter_votes", args=[assisted.reference, conversation.pk])
    assert url in choose.content.decode()
    response = client.post(url, {f"s{first.pk}": "1", f"s{second.pk}": "0", "consent_method": "spoken",
                                 "consent_note": "口頭で同意"})
    assert response.status_code == 302
    assert AssistedEntry.objects.get().kind == "vote"
    assert client.get(reverse("support_enter_votes", args=[assisted.reference, 999999])).status_code == 404


@pytest.mark.parametrize("path", ["/support/people/NOPE/", "/support/people/NOPE/idea/", "/support/forms/poem/",
                                  "/support/posters/event/999999/", "/support/posters/help/999999/"])
def test_unknown_addresses_are_404(client, supporter, path):
    client.force_login(supporter)
    assert client.get(path).status_code == 404


def test_printable_forms_and_posters_have_a_qr_code_and_numbers(client, gunma, make_request):
    page = client.get(reverse("support_print_form", args=["idea"]), {"start": "41", "copies": "3"})
    text = page.content.decode()
    assert page.status_code == 200 and "D-00041" in text and "D-00043" in text and "D-00044" not in text
    assert text.count("<svg") == 3 and "/ideas/new/" in text and "support/print" in text
    assert client.get(reverse("support_print_form", args=["issue"]), {"copies": "500"}).status_code == 400
    help_request = make_request()
    poster = client.get(reverse("support_poster_help", args=[help_request.pk]))
    assert poster.status_code == 200 and "<svg" in poster.content.decode()
    assert help_request.get_absolute_url() in poster.content.decode()


def test_claiming_the_account(client, supporter, municipality):
    assisted, code = services.person_register(by=supporter, full_name="山田 ハル", municipality=municipality)
    wrong = client.post(reverse("support_claim"), {"reference": assisted.reference, "code": "NOPE",
                                                   "email": "haru@example.jp", "password": "kusatsu-onsen-2026"})
    assert wrong.status_code == 400 and "haru@example.jp" in wrong.content.decode()
    response = client.post(reverse("support_claim"), {"reference": assisted.reference, "code": code,
                                                      "email": "haru@example.jp", "password": "kusatsu-onsen-2026"})
    assert response.status_code == 302
    assert client.login(username="haru@example.jp", password="kusatsu-onsen-2026")


def test_kpi_participation_counts_posts_per_channel(client, staff, assisted, supporter, make_issue):
    make_issue(PersonFactory())
    services.enter_idea(by=supporter, for_whom=assisted, consent=SPOKEN, title="支援の案", body="b")
    services.enter_paper_form(by=staff, kind="idea", form_number="D-00002", title="紙の案", body="b",
                              reference=assisted.reference)
    response = client.get(reverse("kpi_participation"))
    rows = {row["label"]: (row["issues"], row["ideas"]) for row in response.context["channels"]}
    assert list(rows.values()) == [(1, 0), (0, 1), (0, 1), (0, 0)]  # web, supporter, paper, phone
    assert 'id="by-channel"' in response.content.decode()


def test_an_issue_from_paper_says_so_on_its_page(client, staff, municipality):
    entry = services.enter_paper_form(by=staff, kind="issue", form_number="I-00003", title="街灯", body="暗い",
                                      full_name="佐藤 トメ", home=municipality)
    page = client.get(f"/en{entry.target_url}").content.decode()  # unprefixed addresses are Japanese
    assert "channel-paper" in page and "Sent on a paper form" in page


@pytest.mark.parametrize("suffix", ["idea/", "issue/", "support/", "register/", "help/"])
@pytest.mark.parametrize("data", [{}, {"idea": "x", "event": "abc", "consent_method": "nodded"},
                                  {"idea": "99999999999999", "event": "999999", "consent_method": "spoken",
                                   "consent_note": "ok", "title": "t", "body": "b", "municipality": "000000"}])
def test_bad_entries_are_form_errors_not_500(client, supporter, assisted, suffix, data):
    client.force_login(supporter)
    response = client.post(f"/support/people/{assisted.reference}/{suffix}", data)
    assert response.status_code == 400
    assert not AssistedEntry.objects.exists()


def test_bad_staff_forms_and_finds_are_not_500(client, staff, assisted):
    client.force_login(staff)
    assert client.post(reverse("support_paper"), {"kind": "poem", "form_number": "", "home": "1"}).status_code == 400
    assert client.post(reverse("support_phone"), {"kind": "registration", "event": "x", "reference": "YK-NONE-0000",
                                                  "consent_note": "ok"}).status_code == 400
    assert client.get(reverse("support"), {"municipality": "99999999", "name": "x"}).status_code == 200
    assert client.get(reverse("support_paper"), {"kind": "<script>"}).status_code == 200


def test_the_log_and_me_pages_do_not_query_per_entry(client, staff, assisted, supporter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url, who):
        client.force_login(who)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    services.enter_idea(by=supporter, for_whom=assisted, consent=SPOKEN, title="一つ目", body="b")
    few = queries(reverse("support_log"), staff), queries(reverse("me"), assisted.person)
    for n in range(5):
        services.enter_issue(by=supporter, for_whom=assisted, consent=SPOKEN, title=f"課題{n}", body="b")
    assert (queries(reverse("support_log"), staff), queries(reverse("me"), assisted.person)) == few
