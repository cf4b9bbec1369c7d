"""The pages, API and exports of calls: a proposal is read by staff, its submitter and its organisation's members
only — on pages, in the API, in the CSVs, in searches and in counts —; files are checked by content; the deadline
closes the form."""

import pytest
from django.utils import translation

from yukemuri.calls import services
from yukemuri.calls.models import Call, Proposal
from yukemuri.ideas.models import Idea

from .factories import PDF, close, pdf, propose

SECRET_TEXT = "カフェとコワーキングに改修します"


def _seen_by(client, person, url):
    client.force_login(person) if person is not None else client.logout()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode(errors="replace")


@pytest.mark.parametrize("closed", [False, True])
def test_a_proposal_is_read_only_by_staff_its_submitter_and_its_organisation(client, w, closed):
    proposal = propose(w)
    if closed:
        close(w.call)
    attached = proposal.files.get()
    pages = [f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/",
             f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/files/{attached.pk}/"]
    for person in (w.staff, w.proposer, w.colleague):
        for url in pages:
            assert _seen_by(client, person, url)[0] == 200, (person, url)
    for person in (None, w.outsider):
        for url in pages:
            status, _ = _seen_by(client, person, url)
            assert status in (302, 404), (person, url)  # signed out: to the login; others: there is none
        for url in ["/en/calls/", f"/en/calls/{w.call.pk}/", "/en/calls/calls.csv", "/api/v1/calls",
                    f"/api/v1/calls/{w.call.pk}"]:
            status, body = _seen_by(client, person, url)
            assert status == 200 and SECRET_TEXT not in body and "plan.pdf" not in body, url
        # staff's list, its search and its CSV are staff's
        for url in [f"/en/calls/{w.call.pk}/proposals/", f"/en/calls/{w.call.pk}/proposals/?q=カフェ",
                    f"/en/calls/{w.call.pk}/proposals.csv"]:
            assert _seen_by(client, person, url)[0] in (302, 403), url
        # the search reads the calls' public text only: a word of the proposal finds nothing
        assert "旧小学校" not in _seen_by(client, person, f"/en/calls/?q={SECRET_TEXT}")[1]
        assert "旧小学校" in _seen_by(client, person, "/en/calls/?q=廃校")[1]
    status, body = _seen_by(client, w.staff, f"/en/calls/{w.call.pk}/proposals/?q=カフェ")
    assert status == 200 and w.company.name in body
    status, body = _seen_by(client, w.staff, f"/en/calls/{w.call.pk}/proposals.csv")
    assert status == 200 and SECRET_TEXT in body


def test_the_count_of_proposals_is_public_only_after_the_deadline(client, w):
    propose(w)
    assert client.get(f"/api/v1/calls/{w.call.pk}").json()["proposals_received"] is None
    csv_before = b"".join(client.get("/en/calls/calls.csv").streaming_content).decode()
    assert "Proposals received" not in client.get(f"/en/calls/{w.call.pk}/").content.decode()
    close(w.call)
    assert client.get(f"/api/v1/calls/{w.call.pk}").json()["proposals_received"] == 1
    assert "Proposals received" in client.get(f"/en/calls/{w.call.pk}/").content.decode()
    csv_after = b"".join(client.get("/en/calls/calls.csv").streaming_content).decode()
    assert csv_before.splitlines()[1].split(",")[7] == "" and csv_after.splitlines()[1].split(",")[7] == "1"


def test_a_wrong_or_too_large_file_is_a_field_error_and_the_form_keeps_the_text(client, w):
    client.force_login(w.proposer)
    url = f"/en/calls/{w.call.pk}/propose/"
    form = {"organisation": w.company.pk, "answer_0": "温泉付きのシェアオフィス", "answer_1": "三社で運営"}
    response = client.post(url, {**form, "files": pdf("plan.pdf", b"<html>not a pdf</html>")})
    assert response.status_code == 400
    assert response.context["form"].errors["files"] and "温泉付きのシェアオフィス" in response.content.decode()
    big = pdf("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(url, {**form, "files": big})
    assert response.status_code == 400 and "10 MB" in str(response.context["form"].errors["files"])
    assert Proposal.objects.count() == 0
    response = client.post(url, {**form, "files": pdf("real-name.txt", PDF), "confidential_1": "on"})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.rows()[1] == ("事業の体制", "三社で運営", True)
    download = client.get(f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/files/{proposal.files.get().pk}/")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment; filename*=UTF-8''real-name.txt.pdf")


def test_the_submitter_edits_until_the_deadline_and_a_late_post_is_refused_clearly(client, w):
    proposal = propose(w)
    client.force_login(w.proposer)
    url = f"/en/calls/{w.call.pk}/propose/"
    assert client.post(url, {"answer_0": "改訂版", "answer_1": ""}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).answers[0]["text"] == "改訂版"
    close(w.call)
    with translation.override("en"):
        response = client.post(url, {"answer_0": "締切後の変更", "answer_1": ""})
        assert response.status_code == 400
        assert "Submissions closed at" in response.content.decode() and "締切後の変更" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).answers[0]["text"] == "改訂版"
    assert "Submissions closed at" in client.get(url).content.decode()  # the form is gone


def test_staff_publish_a_call_with_a_document_and_answer_a_question(client, w, media):
    client.force_login(w.staff)
    response = client.post("/en/calls/new/", {
        "kind": "proposal", "title": "公共交通の民間提案", "purpose": "デマンド交通の提案を募ります。",
        "questions": "運行方法", "deadline_date": "2099-03-31", "deadline_time": "17:00"})
    call = Call.objects.get(title="公共交通の民間提案")
    assert response.status_code == 302 and call.deadline.isoformat() == "2099-03-31T08:00:00+00:00"  # 17:00 JST
    edit = f"/en/calls/{call.pk}/edit/"
    bad = client.post(edit, {"form": "document", "title": "募集要項", "file": pdf("x.pdf", b"GIF89a")})
    assert bad.status_code == 400 and bad.context["document_form"].errors["file"]
    assert 'value="募集要項"' in bad.content.decode()
    assert client.post(edit, {"form": "document", "title": "募集要項", "file": pdf("要項.pdf")}).status_code == 302
    document = call.documents.get()
    client.logout()
    download = client.get(f"/en/calls/{call.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "attachment" in download["Content-Disposition"]
    client.force_login(w.outsider)
    client.post(f"/en/calls/{call.pk}/ask/", {"text": "車両は市が用意しますか"})
    assert "車両は市が用意しますか" not in client.get(f"/en/calls/{call.pk}/").content.decode()  # not yet answered
    assert client.get(f"/en/calls/{call.pk}/questions/").status_code == 403
    client.force_login(w.staff)
    question = call.qa.get()
    assert client.post(f"/en/calls/{call.pk}/questions/", {"question": question.pk, "answer": ""}).status_code == 400
    client.post(f"/en/calls/{call.pk}/questions/", {"question": question.pk, "answer": "市が2台用意します"})
    client.logout()
    page = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert "車両は市が用意しますか" in page and "市が2台用意します" in page
    api = client.get(f"/api/v1/calls/{call.pk}").json()
    assert api["qa"] == [{"question": "車両は市が用意しますか", "answer": "市が2台用意します"}]


def test_summary_and_idea_pages(client, w):
    proposal = propose(w)
    client.force_login(w.staff)
    assert client.post(f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/idea/").status_code == 403  # still open
    close(w.call)
    response = client.post(f"/en/calls/{w.call.pk}/summary/", {"summary": "1社から廃校活用の提案", "decision": "協議へ"})
    assert response.status_code == 302
    client.post(f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/idea/")
    client.post(f"/en/calls/{w.call.pk}/proposals/{proposal.pk}/idea/")
    assert Idea.objects.count() == 1
    client.logout()
    page = client.get(f"/en/calls/{w.call.pk}/").content.decode()
    assert "1社から廃校活用の提案" in page and "協議へ" in page and "賃料" not in page
    assert client.get(f"/api/v1/calls/{w.call.pk}").json()["summary"] == "1社から廃校活用の提案"


@pytest.mark.parametrize("url", ["/en/calls/?state=nope", "/en/calls/?kind=x&q=" + "a" * 500, "/en/calls/999999/",
                                 "/en/calls/1/proposals/99/files/abc/", "/api/v1/calls?state=nope",
                                 "/api/v1/calls?x=1", "/api/v1/calls/99999"])
def test_bad_addresses_never_fail(client, w, url):
    assert client.get(url).status_code in (200, 400, 404)


def test_the_kpi_counts_published_soundings(w, gunma):
    from django.utils import timezone

    from yukemuri.kpi import services as kpi
    from yukemuri.kpi.compute import compute_all
    from yukemuri.kpi.indicators import fiscal_year
    from yukemuri.kpi.models import IndicatorValue

    kpi.load_indicators()
    services.call_publish(by=w.staff, kind=Call.Kind.PROPOSAL, title="民間提案", purpose="p", questions="q",
                          deadline=w.call.deadline)  # a 民間提案: not a sounding
    compute_all()
    values = IndicatorValue.objects.filter(indicator__slug="sounding-surveys")
    assert [(v.year, int(v.value)) for v in values] == [(fiscal_year(timezone.localdate()), 1)]


def test_the_lists_count_proposals_in_one_query_whatever_the_number_of_calls(client, w):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    def queries(url):
        with CaptureQueriesContext(connection) as seen:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200
        return len(seen), body.decode()

    propose(w)
    close(w.call)
    first = {url: queries(url)[0] for url in ("/en/calls/calls.csv", "/api/v1/calls")}
    for number in range(4):
        more = services.call_publish(by=w.staff, kind=Call.Kind.PROPOSAL, title=f"民間提案 {number}",
                                     purpose="提案を募ります。", questions="内容",
                                     deadline=timezone.now() + timedelta(days=7))
        close(more)
    for url, before in first.items():
        count, body = queries(url)
        assert count == before, url  # not one more query per call
        assert "民間提案 3" in body or "\\u6c11\\u9593\\u63d0\\u6848 3" in body  # the API escapes non-ASCII
    csv = queries("/en/calls/calls.csv")[1].splitlines()
    counts = {line.split(",")[2]: line.split(",")[7] for line in csv[1:]}
    assert counts["旧小学校の活用サウンディング"] == "1" and counts["民間提案 0"] == "0"


@pytest.mark.parametrize("question", ["abc", "²", "9" * 20, "-1"])
def test_answering_a_question_that_is_not_one_is_a_404(client, w, question):
    client.force_login(w.staff)
    assert client.post(f"/en/calls/{w.call.pk}/questions/", {"question": question, "answer": "はい"}).status_code == 404
