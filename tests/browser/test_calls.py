"""Issue 20's calls for proposals on a 360 px phone, in real Chromium: a company's member answers a サウンディング
with a PDF file (a wrong file first: refused on its field, the answers kept), nobody else can read it; after the
deadline staff publish the summary, which the call's page shows, and make an idea of the proposal with the company
on its team. axe-clean and no sideways scrolling at every step, with screenshots."""

import pytest
from playwright.sync_api import expect

from yukemuri.calls.models import Proposal
from yukemuri.calls.tests.factories import PDF, close
from yukemuri.calls.tests.factories import world as calls_world
from yukemuri.teams.models import TeamMember

from .helpers import PHONE, checked, logged_in, path_is


@pytest.mark.browser
def test_a_company_answers_a_call_and_staff_publish_the_summary_and_an_idea(
        page, axe_check, layout_check, screenshot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = calls_world()
    call = w.call

    # 1. The company's member reads the call on a phone and answers it, with a PDF.
    member = logged_in(page, w.proposer, viewport=PHONE)
    member.goto("/calls/")
    checked(member, axe_check, layout_check, screenshot, "calls-list")
    member.locator(f"main a[href='/calls/{call.pk}/']").first.click()
    expect(member).to_have_url(path_is(f"/calls/{call.pk}/"))
    checked(member, axe_check, layout_check, screenshot, "call-detail")
    member.locator(f"main a[href='/calls/{call.pk}/propose/']").click()
    expect(member).to_have_url(path_is(f"/calls/{call.pk}/propose/"))
    checked(member, axe_check, layout_check, screenshot, "call-propose")
    member.select_option("#id_organisation", str(w.company.pk))
    member.fill("#id_answer_0", "廃校を改修し、温泉街のコワーキングと宿泊の拠点にします。")
    member.fill("#id_answer_1", "地元の工務店と二社で運営します。賃料は月5万円を希望。")
    member.check("#id_confidential_1")
    member.set_input_files("#id_files", files=[{"name": "plan.html", "mimeType": "application/pdf",
                                                "buffer": b"<html>not a pdf</html>"}])
    member.locator("main form button[type=submit]").click()
    expect(member.locator("#id_answer_0")).to_have_value("廃校を改修し、温泉街のコワーキングと宿泊の拠点にします。")
    expect(member.locator("main ul.errorlist").first).to_be_visible()  # on the files field
    expect(member.locator("#id_files")).to_have_attribute("aria-invalid", "true")
    checked(member, axe_check, layout_check, screenshot, "call-propose-wrong-file")
    member.set_input_files("#id_files", files=[{"name": "提案書.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    member.locator("main form button[type=submit]").click()
    proposal = Proposal.objects.get()
    expect(member).to_have_url(path_is(f"/calls/{call.pk}/proposals/{proposal.pk}/"))
    assert proposal.files.count() == 1 and proposal.rows()[1][2] is True
    expect(member.locator("main")).to_contain_text("提案書.pdf")
    checked(member, axe_check, layout_check, screenshot, "call-proposal")

    # 2. Someone else sees nothing of it.
    outsider = logged_in(page, w.outsider, viewport=PHONE)
    response = outsider.goto(f"/calls/{call.pk}/proposals/{proposal.pk}/")
    assert response.status == 404
    outsider.goto(f"/calls/{call.pk}/")
    expect(outsider.locator("main")).not_to_contain_text("温泉街のコワーキング")

    # 3. The deadline passes; staff publish the summary and make an idea of the proposal.
    close(call)
    desk = logged_in(page, w.staff, viewport=PHONE)
    desk.goto(f"/calls/{call.pk}/proposals/")
    checked(desk, axe_check, layout_check, screenshot, "call-proposals")
    desk.goto(f"/calls/{call.pk}/summary/")
    expect(desk.locator("main")).not_to_contain_text("賃料は月5万円")  # the confidential answer is not offered
    checked(desk, axe_check, layout_check, screenshot, "call-summary")
    desk.fill("#id_summary", "1社から、廃校をコワーキングと宿泊の拠点にする提案がありました。")
    desk.fill("#id_decision", "提案者と対話を続けます。")
    desk.locator("main form button[type=submit]").click()
    expect(desk).to_have_url(path_is(f"/calls/{call.pk}/"))
    expect(desk.locator("main")).to_contain_text("廃校をコワーキングと宿泊の拠点にする提案")
    checked(desk, axe_check, layout_check, screenshot, "call-detail-summary")
    desk.goto(f"/calls/{call.pk}/proposals/{proposal.pk}/")
    desk.locator(f"main form[action='/calls/{call.pk}/proposals/{proposal.pk}/idea/'] button").click()
    proposal.refresh_from_db()
    assert proposal.idea_id is not None
    expect(desk).to_have_url(path_is(proposal.idea.get_absolute_url()))
    assert TeamMember.objects.filter(idea=proposal.idea, person=w.proposer).exists()
    checked(desk, axe_check, layout_check, screenshot, "call-idea")
