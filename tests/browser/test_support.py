"""Issue 19's assisted participation on a 360 px phone, in real Chromium: a supporter (デジタル推進委員) signs in,
registers an elderly resident who has no e-mail, records her consent (a signed paper form's number), enters an
idea and her votes in a conversation; the idea's page says a supporter helped; the staff log lists both entries;
she claims her account with the slip's code and finds them under "Entered for me" on /me/. axe-clean and no
sideways scrolling at every step, with screenshots."""

import re

import pytest
from playwright.sync_api import expect

from yukemuri.ideas.models import Idea
from yukemuri.listening import services as listening
from yukemuri.listening.models import Vote
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.support.models import AssistedEntry, AssistedPerson

from .helpers import PASSWORD, PHONE, logged_in, path_is, ui

IDEA = "公民館でスマホ教室を"
FORM = "C-2026-0042"


@pytest.mark.browser
def test_a_supporter_enters_an_idea_and_votes_for_an_elderly_resident(page, axe_check, layout_check, screenshot):
    def checked(p, name):
        axe_check(p)
        layout_check(p)
        screenshot(p, name)

    supporter = PersonFactory(display_name="デジタル推進委員の鈴木")
    role_assign(person=supporter, role=Role.SUPPORTER)
    staff = PersonFactory(display_name="町の職員")
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    coordinator = PersonFactory(display_name="コーディネーター")
    role_assign(person=coordinator, role=Role.COORDINATOR)
    conversation = listening.conversation_create(by=coordinator, title="渋川のバス", question="バスについてどう思いますか",
                                                 seeds=["バスの本数を増やしたい", "乗り合いタクシーの方がよい"])
    first, second = conversation.statements.order_by("id")

    # 1. The supporter signs in and registers the resident: a name and a municipality, no e-mail.
    desk = logged_in(page, supporter, viewport=PHONE)
    desk.goto("/support/")
    checked(desk, "support-home")
    desk.goto("/support/people/new/")
    desk.fill("#id_full_name", "山田 ハル")
    desk.fill("#id_name_kana", "やまだ はる")
    desk.select_option("#id_municipality", "102083")
    checked(desk, "support-person-new")
    desk.locator("main form button[type=submit]").click()
    assisted = AssistedPerson.objects.get()
    expect(desk).to_have_url(path_is(f"/support/people/{assisted.reference}/"))
    assert not assisted.person.has_usable_password() and assisted.person.email.endswith("@assisted.invalid")
    slip = desk.locator(".messages").inner_text()
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", slip).group(0)  # the claim code, shown once
    checked(desk, "support-person")

    # 2. An idea in her name, with her signed consent form's number; without the number it is refused, kept.
    desk.locator(f"a[href='/support/people/{assisted.reference}/idea/']").click()
    desk.fill("#id_title", IDEA)
    desk.fill("#id_body", "月に一度、若い人にスマホの使い方を教えてもらいたい。")
    desk.check("#id_consent_method_0")  # a signed paper form
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("#id_title")).to_have_value(IDEA)
    assert not Idea.objects.exists()
    checked(desk, "support-enter-idea-error")
    desk.fill("#id_consent_form_number", FORM)
    desk.locator("main form button[type=submit]").click()
    expect(desk).to_have_url(path_is(f"/support/people/{assisted.reference}/"))
    idea = Idea.objects.get()
    assert idea.author == assisted.person and idea.channel == "supporter"

    # 3. Her votes in the conversation, on one ballot page, under the same consent form.
    desk.locator(f"a[href='/support/people/{assisted.reference}/vote/']").click()
    expect(desk).to_have_url(path_is(f"/support/people/{assisted.reference}/vote/"))
    checked(desk, "support-vote-choose")
    desk.get_by_role("link", name="渋川のバス").click()
    desk.check(f"#id_s{first.pk}_1")  # agree
    desk.check(f"#id_s{second.pk}_2")  # disagree
    desk.check("#id_consent_method_0")
    desk.fill("#id_consent_form_number", FORM)
    checked(desk, "support-enter-votes")
    desk.locator("main form button[type=submit]").click()
    expect(desk).to_have_url(path_is(f"/support/people/{assisted.reference}/"))
    votes = dict(Vote.objects.filter(participant__person=assisted.person).values_list("statement_id", "value"))
    assert votes == {first.pk: 1, second.pk: -1}
    expect(desk.locator("main ul.assisted-entries")).to_contain_text(IDEA)
    expect(desk.locator("main ul.assisted-entries")).to_contain_text("渋川のバス")

    # 4. The idea's page says it was entered with a supporter's help.
    desk.goto(idea.get_absolute_url())
    expect(desk.locator(".channel-supporter")).to_have_text(ui("Entered with the help of a supporter"))
    checked(desk, "support-idea-page")

    # 5. Staff see both entries in the log: who, for whom, what, and the consent form.
    office = logged_in(page, staff, viewport=PHONE)
    office.goto(f"/support/log/?reference={assisted.reference}")
    rows = office.locator("main ul.assisted-entries > li")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(FORM)
    expect(office.locator("main ul.assisted-entries")).to_contain_text(supporter.display_name)
    checked(office, "support-log")
    assert AssistedEntry.objects.filter(entered_by=supporter, person=assisted.person).count() == 2

    # 6. She claims the account with the slip (a grandchild helps) and finds the entries on /me/.
    own = page(viewport=PHONE)
    own.goto("/support/claim/")
    own.fill("#id_reference", assisted.reference)
    own.fill("#id_code", code)
    own.fill("#id_email", "haru.yamada@example.jp")
    own.fill("#id_password", PASSWORD)
    checked(own, "support-claim")
    own.locator("main form button[type=submit]").click()
    expect(own).to_have_url(re.compile(r"/accounts/login/"))
    own.fill("#id_username", "haru.yamada@example.jp")
    own.fill("#id_password", PASSWORD)
    with own.expect_navigation():
        own.locator("main form button[type=submit]").click()
    own.goto("/me/")
    section = own.locator("section[aria-labelledby=entered-for-me]")
    expect(section).to_contain_text(IDEA)
    expect(section).to_contain_text("渋川のバス")
    expect(section).to_contain_text(FORM)
    checked(own, "support-me")
