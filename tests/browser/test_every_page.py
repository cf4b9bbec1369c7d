"""Every page of the site, in every language, signed out and signed in, on a 360 px phone: no sideways
scrolling, no text squeezed to one character per line, no serious or critical axe-core violation (WCAG 2
A and AA rules), with every <details> opened so that filters, menus and reply forms are checked too.

Speed matters (about 800 page loads): one data set loaded once for the module, one live server, one
browser context per sign-in state, one page reused for every address; axe-core is injected once per
page load and runs only the WCAG rules. A failure names the page, the language and the offending
elements, and leaves a screenshot in test-artifacts/screenshots/failed-*.png. The Japanese pages are
also photographed as they first appear (test-artifacts/screenshots/<page>-360.png); test_pages.py covers
the wide screen.
"""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from yukemuri.core.testing import flush_test_database
from yukemuri.demo.loader import load_demo
from yukemuri.events.models import Event
from yukemuri.events.services import register
from yukemuri.facilities.models import PublicFacility
from yukemuri.ideas.models import Idea
from yukemuri.issues.models import Issue
from yukemuri.matching.models import Opening
from yukemuri.organisations.models import Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.teams.models import RoleWanted

from .conftest import AXE_SOURCE, BLOCKING_IMPACTS, LAYOUT_SCRIPT, photograph, screenshot_failure
from .helpers import PASSWORD, PHONE, demo_ids, load_gunma
from .test_pages import PUBLIC, SIGNED_IN

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Pages the lists of test_pages.py leave out (every GET page of the urls.py files).
MORE_PUBLIC = {
    "result-table": "/listening/{table_conversation}/table/",
    "result-table-print": "/listening/{table_conversation}/table/print/",
    "conversation-me": "/listening/{conversation}/me/",
    "organisation": "/organisations/{organisation}/",
    "person": "/people/{person}/",
    "ticket": "/events/tickets/{ticket}/",
    "password-reset": "/accounts/password/reset/",
    "password-reset-sent": "/accounts/password/reset/sent/",
    "password-reset-done": "/accounts/password/reset/done/",
    "series-past": "/workshops/?when=past",
    "ties": "/regions/{municipality_code}/ties/",
    "help": "/help/",
    "help-disaster": "/help/disaster/",
    "help-request": "/help/{help_request}/",
    "kpi-indicator": "/kpi/healthy-life-expectancy/",
    "kpi-indicator-by-area": "/kpi/cocreation-initiatives/",
    "facilities": "/facilities/",
    "facilities-municipality": "/facilities/in/102024/",
    "facility": "/facilities/{facility}/",
    "map": "/map/",
    "map-ideas": "/map/?layer=ideas",
    "map-events": "/map/?layer=events",
    "map-help": "/map/?layer=help",
    "map-facilities": "/map/?layer=facilities",
    "map-shared": "/map/?layer=issues&municipality=103446",
    "kpi-participation": "/kpi/participation/",
    "accessibility": "/accessibility/",
    "surveys": "/surveys/",
    "survey-answer": "/surveys/{survey_open}/",
    "survey-thanks": "/surveys/{survey_open}/thanks/",
    "survey-results": "/surveys/{survey_published}/results/",
    "support-form-idea": "/support/forms/idea/?start=41&copies=2",
    "support-form-issue": "/support/forms/issue/",
    "support-poster-event": "/support/posters/event/{event}/",
    "support-poster-help": "/support/posters/help/{help_request}/",
    "support-claim": "/support/claim/",
    "space": "/space/",
    "space-facility": "/space/{space_facility}/",
    "space-membership": "/space/membership/",
    "consultation-slots": "/space/consultations/",
    "calls": "/calls/",
    "call-open": "/calls/{call}/",
    "call-closed": "/calls/{call_closed}/",
    "idea-guest-support": "/ideas/{idea}/guest/support/",
    "idea-guest-comment": "/ideas/{idea}/guest/comment/",
    "issue-guest-support": "/issues/{issue}/guest/support/",
    "guest-confirm": "/guest/{guest_token}/",
    "issue-answers": "/issues/answers/",  # 公式回答 (issue 20): how fast municipalities answer first
    "answered-issue": "/issues/{answered_issue}/",  # an issue with an official answer and its history
    "communities": "/communities/",
    "communities-filtered": "/communities/?theme=空き家",
    "community": "/communities/{community}/",
    "visions": "/visions/",
    "vision-area": "/visions/kitagunma-shibukawa/",
    "vision-versions": "/visions/vision/{vision}/versions/",
    "vision-version": "/visions/vision/{vision}/versions/1/",
    "vision-compare": "/visions/vision/{vision}/compare/?a=1&b=2",
    "vision-updates": "/visions/vision/{vision}/updates/",
    "vision-review": "/visions/vision/{vision_reviewed}/reviews/2022/",
    "idea-evaluation": "/ideas/{evaluated_idea}/evaluation/",
}
MORE_SIGNED_IN = {
    "vision-edit": "/visions/vision/{vision}/edit/",
    "vision-review-draft": "/visions/vision/{vision}/reviews/2024/",
    "idea-evaluation-team": "/ideas/{evaluated_idea}/evaluation/",
    "translation-form": "/translate/idea/{idea}/vi/",
    "event-new": "/events/new/",
    "event-edit": "/events/{event}/edit/",
    "check-in": "/events/{event}/check-in/",
    "idea-edit": "/ideas/{idea}/edit/",
    "issue-edit": "/issues/{issue}/edit/",
    "attachment-add": "/attachments/add/issue/{issue}/",
    "creator-brief": "/issues/{issue}/creator-brief/",
    "moderation-log": "/moderation/log/",
    "opening-candidates": "/matching/openings/{opening}/candidates/",
    "role-candidates": "/matching/roles/{role}/candidates/",
    "organisation-new": "/organisations/new/",
    "startup-new": "/startups/new/",
    "startup-edit": "/startups/{startup}/edit/",
    "round-new": "/startups/{startup}/rounds/new/",
    "update-new": "/startups/{startup}/updates/new/",
    "participation-new": "/startups/{startup}/programmes/new/",
    "programme-new": "/startups/programmes/new/",
    "series-new": "/workshops/new/",
    "capture-idea": "/workshops/sessions/{session}/ideas/new/",
    "opendata-import": "/opendata/import/",
    "points-wallet": "/me/points/",
    "points-pay": "/points/m/{points_merchant_code}/",
    "points-counter": "/points/merchants/{points_merchant}/",
    "points-issuer": "/points/issuers/{points_issuer}/",
    "my-ties": "/me/ties/",
    "my-data": "/me/data/",
    "linked-accounts": "/me/accounts/",
    "notification-settings": "/me/notifications/settings/",
    "tie-new": "/me/ties/new/?municipality=104256",
    "ties-manage": "/regions/{municipality_code}/ties/manage/",
    "help-new": "/help/new/",
    "help-edit": "/help/{help_request}/edit/",
    "help-slot-new": "/help/{help_request}/slots/new/",
    "help-slot-edit": "/help/{help_request}/slots/{help_slot}/edit/",
    "help-signups": "/help/{help_request}/signups/",
    "help-suggestions": "/help/{help_request}/slots/{help_slot}/suggestions/",
    "kpi-indicator-staff": "/kpi/renewable-energy/",
    "kpi-indicator-computed-staff": "/kpi/cocreation-initiatives/",
    "survey-list-staff": "/surveys/",
    "survey-results-staff": "/surveys/{survey_published}/results/",
    "survey-new": "/surveys/new/",
    "survey-manage": "/surveys/{survey_open}/manage/",
    "survey-manage-closed": "/surveys/{survey_published}/manage/",
    "survey-manage-draft": "/surveys/{survey_draft}/manage/",
    "survey-question-new": "/surveys/{survey_draft}/questions/new/",
    "survey-question-edit": "/surveys/{survey_draft}/questions/{survey_question}/",
    "survey-invite": "/surveys/{survey_invitation}/manage/invite/",
    "support": "/support/",
    "support-find": "/support/?name=ハル&municipality=102083",
    "support-person-new": "/support/people/new/",
    "support-person": "/support/people/{assisted}/",
    "support-enter-idea": "/support/people/{assisted}/idea/",
    "support-enter-issue": "/support/people/{assisted}/issue/",
    "support-enter-support": "/support/people/{assisted}/support/",
    "support-vote-choose": "/support/people/{assisted}/vote/",
    "support-enter-votes": "/support/people/{assisted}/vote/{conversation}/",
    "support-enter-registration": "/support/people/{assisted}/register/",
    "support-enter-help": "/support/people/{assisted}/help/",
    "support-phone": "/support/phone/",
    "support-paper": "/support/paper/",
    "support-log": "/support/log/",
    "support-report": "/support/report/",
    "translate-queue": "/translate/",
    "translate-queue-vi": "/translate/?lang=vi",
    "space-facility-book": "/space/{space_facility}/",
    "space-bookings": "/space/s/netsugen/bookings/",
    "space-closure-new": "/space/s/netsugen/closures/new/",
    "space-membership-mine": "/space/membership/",
    "space-membership-join": "/space/membership/join/{membership_plan}/",
    "space-membership-change": "/space/membership/{space_membership}/change/",
    "space-desk": "/space/membership/netsugen/desk/",
    "space-members": "/space/membership/netsugen/members/",
    "space-invoices": "/space/membership/netsugen/invoices/",
    "consultation-mine": "/space/consultations/mine/",
    "consultation-book": "/space/consultations/slots/{consultation_open_slot}/book/",
    "consultation-coordinator": "/space/consultations/coordinator/",
    "consultation-detail": "/space/consultations/{consultation}/",
    "consultation-caseload": "/space/consultations/s/netsugen/",
    "consultation-coordinators": "/space/consultations/s/netsugen/coordinators/",
    "call-new": "/calls/new/",
    "call-edit": "/calls/{call}/edit/",
    "call-questions": "/calls/{call}/questions/",
    "call-propose": "/calls/{call}/propose/",
    "call-proposals": "/calls/{call}/proposals/",
    "call-proposal": "/calls/{call}/proposals/{call_proposal}/",
    "call-summary": "/calls/{call_closed}/summary/",
    "space-dashboard": "/space/dashboard/netsugen/",
    "space-hours": "/space/s/netsugen/hours/",
    "space-facility-edit": "/space/{space_facility}/edit/",
    "space-facility-new": "/space/s/netsugen/facilities/new/",
    "space-named-members": "/space/membership/{space_corporate_membership}/named/",
    "conversation-ballot": "/listening/{conversation}/ballot/",
    "conversation-ballot-print": "/listening/{conversation}/ballot/?first=1&count=2",
    "conversation-ballots": "/listening/{conversation}/ballots/",
    "community-member": "/communities/{community}/",
    "community-thread": "/communities/{community}/thread/",
    "community-organiser": "/communities/{community_akiya}/",
    "community-manage": "/communities/{community_akiya}/manage/",
    "community-edit": "/communities/{community_akiya}/edit/",
    "community-new": "/communities/new/",
    "result-table-edit": "/listening/{table_conversation}/table/edit/",
    "result-table-item": "/listening/{table_conversation}/table/items/{result_item}/",
    "result-table-unplaced": "/listening/{table_conversation}/table/items/0/",
    "result-table-import": "/listening/{table_conversation}/table/import/",
    "result-table-log": "/listening/{table_conversation}/table/log/",
}
# Signed in, the pages only signed-in people see, and the public ones that change most for them (their
# forms and tools; test_pages.SIGNED_IN has the idea, issue, event, team and campaign already).
CHANGED_WHEN_SIGNED_IN = ("home", "conversation", "diagram", "workshop-session", "volunteer-day", "startup")
PAGES = {
    "signed-out": {**PUBLIC, **MORE_PUBLIC},
    "signed-in": {**{name: PUBLIC[name] for name in CHANGED_WHEN_SIGNED_IN}, **SIGNED_IN, **MORE_SIGNED_IN},
}
SKIP_IN_OTHER_LANGUAGES = {"home-en", "idea-en"}  # already English-only addresses
# While working on a few pages: EVERY_PAGE_ONLY=points,help checks only the pages whose names contain one of the words.
ONLY = [word for word in os.environ.get("EVERY_PAGE_ONLY", "").split(",") if word]


def localised(path, lang):
    """The address in a language: Japanese is unprefixed, the others have their prefix."""
    if path.startswith("/en/"):
        path = path[3:]
    return path if lang == settings.LANGUAGE_CODE else f"/{lang}{path}"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo data, loaded once, a signed-in user with every staff role, and a live server.

    The data is committed for the whole module (the live server runs in another thread) and flushed
    afterwards, as a transactional test's data would be."""
    with django_db_blocker.unblock():  # for the whole module: the live server's thread uses the database too
        try:
            ids, email = _load_site()
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            yield server.url, email, ids
            server._live_server_modified_settings.disable()
            server.stop()
        finally:
            flush_test_database()
            connections.close_all()


def _ticket(person):
    """A registration (with its ticket) for the first upcoming event that takes one."""
    for event in Event.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at"):
        try:
            return register(event=event, person=person)
        except (ValidationError, PermissionDenied):
            continue
    raise AssertionError("no upcoming event of the demo takes registrations")


def _points_counter(person) -> dict:
    """The demo farm shop's points counter, which the signed-in person also works at, and 嬬恋村's issuer
    dashboard, which they see as municipal staff (幸福ポイント)."""
    from yukemuri.organisations.services import membership_add
    from yukemuri.points.models import Account

    merchant = Account.objects.get(kind=Account.Kind.MERCHANT, is_demo=True)
    membership_add(organisation=merchant.organisation, person=person)
    role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    issuer = Account.objects.get(kind=Account.Kind.ISSUER, is_demo=True)
    return {"points_merchant": merchant.pk, "points_merchant_code": merchant.code, "points_issuer": issuer.pk}


def _ties_staff(person) -> None:
    """The signed-in person works for the demo municipality whose ties page is checked (関係人口)."""
    from yukemuri.organisations.services import membership_add

    code = demo_ids()["municipality_code"]
    membership_add(organisation=Organisation.objects.get(kind="municipality", municipality__code=code), person=person)


def _load_site():
    load_gunma()
    load_demo()
    idea = Idea.objects.get(title="アキヤデアキナイ")
    author = idea.author
    for role in (Role.MODERATOR, Role.COORDINATOR):
        role_assign(person=author, role=role)
    author.set_password(PASSWORD)
    author.save(update_fields=["password"])
    author.user_permissions.add(Permission.objects.get(content_type__app_label="events", codename="add_event"))
    ids = {
        **demo_ids(),
        "organisation": Organisation.objects.order_by("pk").first().pk,
        "person": author.pk,
        "ticket": _ticket(author).secret,
        "opening": Opening.objects.order_by("pk").first().pk,
        "role": RoleWanted.objects.order_by("pk").first().pk,
        **_points_counter(author),
        "facility": PublicFacility.objects.get(name="群馬県立近代美術館").pk,
    }
    _ties_staff(author)
    _translated(ids["idea"], author)
    ids.update(_surveys_of_staff(author))
    ids["assisted"] = _assisted(author)
    ids.update(_space_operator(author))
    ids.update(_space_member(author))
    ids.update(_space_coordinator(author))
    ids["guest_token"] = _guest_token(idea)
    ids["answered_issue"] = Issue.objects.get(title="中心市街地のにぎわいが戻らない").pk  # demo/answers.py
    ids.update(_result_table())
    ids.update(_calls())
    ids.update(_visions())
    return ids, author.email


def _result_table() -> dict:
    """The demo's published table of comments and answers (the wellbeing survey's free text) and its first item."""
    from yukemuri.listening.models import ResultTable

    table = ResultTable.objects.filter(published=True).order_by("pk").first()
    return {"table_conversation": table.conversation_id, "result_item": table.items.order_by("position").first().pk}


def _calls() -> dict:
    """The demo's calls for proposals (公募): the open サウンディング with the signed-in person's own proposal (they
    are its company's member and staff too), and the closed one with its summary."""
    from yukemuri.demo.models import DemoRecord

    def demo(key):
        return DemoRecord.objects.get(key=key).target

    return {"call": demo("call-akiya").pk, "call_closed": demo("call-tomioka-shops").pk,
            "call_proposal": demo("call-akiya-p1").pk}


def _visions() -> dict:
    """The demo's vision of 北群馬渋川 (two versions), 桐生みどり's with its published review, and the evaluated idea;
    the signed-in person is a coordinator, so a steward of every vision and a confirmer of evaluations."""
    from yukemuri.demo.models import DemoRecord

    def demo(key):
        return DemoRecord.objects.get(key=key).target.pk

    return {"vision": demo("vision-北群馬渋川"), "vision_reviewed": demo("vision-桐生みどり"),
            "evaluated_idea": demo("d-himokawa")}


def _space_member(person) -> dict:
    """The signed-in person (NETSUGEN's operator, _space_operator) also holds a membership there (the demo's, else
    the hourly plan): their card, visits and invoices; as operator the desk, members and invoices pages."""
    from yukemuri.membership import selectors, services
    from yukemuri.membership.models import MembershipPlan

    hourly = MembershipPlan.objects.get(space__slug="netsugen", code="hourly")
    membership = (selectors.membership_on(hourly.space, person, timezone.localdate())
                  or services.join(by=person, plan=hourly))
    from yukemuri.demo.models import DemoRecord

    return {"membership_plan": MembershipPlan.objects.get(space__slug="netsugen", code="individual").pk,
            "space_membership": membership.pk,
            "space_corporate_membership": DemoRecord.objects.get(key="membership-kenta").target.pk}


def _space_operator(person) -> dict:
    """The signed-in person also works for the company that runs the demo's NETSUGEN (共創スペース): its
    booking form books for others, its bookings list and closure form are theirs."""
    from yukemuri.organisations.services import membership_add
    from yukemuri.space.models import Facility, Space

    space = Space.objects.get(slug="netsugen")
    membership_add(organisation=space.operator, person=person)
    role_assign(person=person, role=Role.OPERATOR)
    return {"space_facility": Facility.objects.get(space=space, name="会議室1").pk}


def _assisted(person) -> str:
    """An elderly resident the signed-in coordinator helps (支援): registered, with an idea entered for her."""
    from yukemuri.regions.models import Municipality
    from yukemuri.support import services
    from yukemuri.support.services import ConsentGiven

    assisted, _code = services.person_register(by=person, full_name="山田 ハル", name_kana="やまだ はる",
                                               municipality=Municipality.objects.get(code="102083"))
    services.enter_idea(by=person, for_whom=assisted, consent=ConsentGiven("paper", form_number="C-1"),
                        title="公民館でスマホ教室を", body="月に一度、教えてもらいたい。")
    return assisted.reference


def _translated(idea_id, person) -> None:
    """The demo idea in Vietnamese, by the signed-in person as a volunteer: its page in /vi/ shows the translation
    with its "translated by" line, and the translation form holds a translation to improve (翻訳)."""
    from yukemuri.translations.services import translation_save

    translation_save(target=Idea.objects.get(pk=idea_id), language="vi", title="Ý tưởng đã dịch",
                     body="Bản dịch của **ý tưởng** này.", translator=person)


def _space_coordinator(person) -> dict:
    """The signed-in person also consults at NETSUGEN: a profile, a slot of theirs that a demo member booked (the
    consultation's page with the notes and hand-off forms), and another coordinator's open slot to book."""
    from yukemuri.consultations import services
    from yukemuri.demo.models import DemoRecord

    def demo(key):
        return DemoRecord.objects.get(key=key).target

    services.profile_save(by=demo("p-space-operator"), person=person, space=demo("space-netsugen"))
    person = type(person).objects.get(pk=person.pk)
    starts = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0) + timedelta(days=5)
    slot = services.slot_publish(by=person, starts_at=starts, minutes=60, online=True)
    consultation = services.book(by=demo("p-haruto"), slot=slot, topic="販路の相談", stage="started",
                                 needs="県外の取引先を探したい。")
    return {"consultation": consultation.pk, "consultation_open_slot": demo("cons-s-2").pk}


def _guest_token(idea) -> str:
    """A guest's support waiting for its e-mail link: the confirming page (notifications/guests.py)."""
    from yukemuri.ideas.guests import SUPPORT, guest_support
    from yukemuri.notifications.guests import token

    row = guest_support(idea=idea, name="旅の人", email="tabi@example.jp")
    return token(SUPPORT, row.pk, row.email)


def _surveys_of_staff(person) -> dict:
    """A draft survey with a conditional question and an open invitation survey, written by the signed-in
    coordinator (アンケート): the builder's pages."""
    from yukemuri.surveys import services
    from yukemuri.surveys.models import Kind, Survey

    draft = services.survey_create(by=person, title="下書きのアンケート")
    first = services.question_save(survey=draft, by=person, kind=Kind.SINGLE, text="参加しましたか",
                                   choices=[("はい", "Yes"), ("いいえ", "No")])
    second = services.question_save(survey=draft, by=person, kind=Kind.NUMBER, text="何回参加しましたか", min_value=0,
                                    max_value=100, condition_question=first, condition_values=["1"])
    invitation = services.survey_create(by=person, title="招待制のアンケート", access=Survey.Access.INVITATION)
    services.question_save(survey=invitation, by=person, kind=Kind.LIKERT, text="安心感がある")
    services.survey_open(survey=invitation, by=person)
    return {"survey_draft": draft.pk, "survey_question": second.pk, "survey_invitation": invitation.pk}


@pytest.fixture(scope="module")
def tabs(browser, site):
    """One page per sign-in state, reused for every address and language."""
    url, email, _ids = site
    opened, problems = {}, []
    for state in PAGES:
        context = browser.new_context(base_url=url, viewport=PHONE, locale="ja-JP", timezone_id="Asia/Tokyo")
        context.set_default_timeout(15_000)
        context.add_init_script(AXE_SOURCE)  # present on every page without a separate injection
        page = context.new_page()
        page.on("pageerror", lambda error, state=state: problems.append(f"{state}: script error: {error}"))
        if state == "signed-in":
            page.goto("/accounts/login/")
            page.fill("#id_username", email)
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            assert page.locator("form[action$='/accounts/logout/']").count() == 1, "could not sign in"
        opened[state] = page
    yield opened, problems
    for page in opened.values():
        page.context.close()


AXE_RUN = """async (impacts) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                          resultTypes: ['violations']});
  return results.violations.filter(v => impacts.includes(v.impact))
    .map(v => `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`);
}"""


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("state", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_phone(site, tabs, lang, state):
    _url, _email, ids = site
    opened, script_errors = tabs
    page = opened[state]
    failures = []
    for name, path in PAGES[state].items():
        if (lang != settings.LANGUAGE_CODE and name in SKIP_IN_OTHER_LANGUAGES) or (ONLY and not any(
                word in name for word in ONLY)):
            continue
        address = localised(path.format(**ids), lang)
        response = page.goto(address, wait_until="domcontentloaded")
        if response.status != 200:
            failures.append(f"{name} [{lang}, {state}] {address}: answered {response.status}")
            continue
        if lang == settings.LANGUAGE_CODE:
            photograph(page, name if state == "signed-out" or name in SIGNED_IN else f"{name}-signed-in")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        problems = page.evaluate(LAYOUT_SCRIPT, PHONE["width"]) + page.evaluate(AXE_RUN, list(BLOCKING_IMPACTS))
        if problems:
            shot = screenshot_failure(page, f"{name}-{lang}-{state}")
            failures.append(f"{name} [{lang}, {state}] {address} (screenshot {shot.name}):\n  " + "\n  ".join(problems))
    failures += script_errors
    script_errors.clear()
    assert not failures, "\n\n".join(failures)
