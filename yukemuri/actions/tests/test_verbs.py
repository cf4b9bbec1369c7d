"""One test per named verb: the write records its action in its own transaction, a rollback leaves nothing
and tells nobody, and the receivers (the page cache for public verbs) run only after commit."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.admin.sites import AdminSite
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from yukemuri.actions import verbs
from yukemuri.core.models import Visibility
from yukemuri.events import services as events
from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.funding import services as funding
from yukemuri.funding.models import Campaign, Pledge
from yukemuri.funding.tests.factories import PAYMENT
from yukemuri.ideas import stages
from yukemuri.ideas.models import Idea, Stage, Status
from yukemuri.moderation import services as moderation
from yukemuri.moderation.models import Report
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisation_create, organisation_verify
from yukemuri.people import services as people
from yukemuri.people.admin import UserAdmin
from yukemuri.people.models import Role, User
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.teams import services as teams
from yukemuri.teams.models import Application, RoleKind, TeamMember


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture
def idea(person, make_idea):
    return make_idea(person)


@pytest.fixture
def key_person(idea, person):
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    someone = PersonFactory()
    teams.answer(application=teams.apply(role=role, person=someone), by=person, accept=True)
    return TeamMember.objects.get(idea=idea, person=someone)


@pytest.fixture
def campaign(idea, person):
    return funding.campaign_create(idea=idea, by=person, title="空き家改修費", purpose="改修の材料費に使います。",
                                   goal_yen=100_000, deadline=timezone.now() + timedelta(days=14), **PAYMENT)


@pytest.fixture
def pledge(campaign, other_person):
    return funding.pledge_create(campaign=campaign, supporter=other_person, amount_yen=3000)


def test_idea_stage_changed(stream, idea, person, key_person):
    action = stream.assert_recorded(
        verbs.IDEA_STAGE_CHANGED, lambda: stages.move(idea=fresh(idea), by=person, to=Stage.TEAM),
        lambda: fresh(idea).stage, actor=person, data={"old": Stage.SEED, "new": Stage.TEAM})
    assert action.target == idea and action.concerns == person and action.target_repr == idea.title


def test_idea_status_changed(stream, idea, person):
    stream.assert_recorded(
        verbs.IDEA_STATUS_CHANGED, lambda: stages.set_status(idea=fresh(idea), by=person, status=Status.PAUSED,
                                                             reason="担い手を探しています"),
        lambda: fresh(idea).status, actor=person, data={"old": Status.ACTIVE, "new": Status.PAUSED})


def test_person_role_granted(stream, other_person, coordinator):
    action = stream.assert_recorded(
        verbs.ROLE_GRANTED, lambda: people.role_assign(person=fresh(other_person), role=Role.MODERATOR, by=coordinator),
        lambda: sorted(fresh(other_person).groups.values_list("name", flat=True)),
        actor=coordinator, data={"role": Role.MODERATOR, "old": [], "new": [Role.MODERATOR]})
    assert action.concerns == other_person and action.target_repr == f"#{other_person.pk}"  # no name kept


def test_person_role_revoked(stream, moderator, coordinator):
    stream.assert_recorded(
        verbs.ROLE_REVOKED, lambda: people.role_revoke(person=fresh(moderator), role=Role.MODERATOR, by=coordinator),
        lambda: fresh(moderator).has_role(Role.MODERATOR), actor=coordinator,
        data={"old": [Role.MODERATOR], "new": []})


def test_person_access_changed(stream, other_person):
    staff = PersonFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/")
    request.user = staff

    def change():
        person = fresh(other_person)
        person.is_staff = True
        UserAdmin(User, AdminSite()).save_model(request, person, form=None, change=True)

    stream.assert_recorded(verbs.ACCESS_CHANGED, change, lambda: fresh(other_person).is_staff, actor=staff,
                           data={"is_staff": {"old": False, "new": True}})


def test_person_role_granted_in_the_admin_is_recorded(other_person, django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    from yukemuri.actions.models import Action

    staff = PersonFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/")
    request.user = staff
    group, _created = Group.objects.get_or_create(name=Role.COORDINATOR)
    form = SimpleNamespace(instance=other_person, save_m2m=lambda: other_person.groups.set([group]))
    UserAdmin(User, AdminSite()).save_related(request, form, formsets=[], change=True)
    action = Action.objects.get(verb=verbs.ROLE_GRANTED)
    assert action.actor == staff and action.data == {"role": Role.COORDINATOR, "old": [], "new": [Role.COORDINATOR],
                                                     "via": "admin"}


def test_person_email_verified(stream):
    someone = PersonFactory(email_verified=False)
    stream.assert_recorded(verbs.EMAIL_VERIFIED, lambda: people.email_verify(person=fresh(someone)),
                           lambda: fresh(someone).email_verified, actor=someone, data={"old": False, "new": True})


def test_person_account_linked(stream):
    from yukemuri.oidc import services as oidc
    from yukemuri.oidc.models import LinkedAccount

    someone = PersonFactory()
    stream.assert_recorded(verbs.ACCOUNT_LINKED, lambda: oidc.account_link(person=fresh(someone), provider="line", subject="U1"),
                           lambda: LinkedAccount.objects.filter(person=someone).count(), actor=someone,
                           data={"provider": "line"})


def test_person_account_unlinked(stream):
    from yukemuri.oidc import services as oidc
    from yukemuri.oidc.models import LinkedAccount

    someone = PersonFactory()  # with a password: the provider is not the last way in
    LinkedAccount.objects.create(person=someone, provider="line", subject="U1")
    stream.assert_recorded(
        verbs.ACCOUNT_UNLINKED,
        lambda: oidc.account_unlink(person=fresh(someone), link=LinkedAccount.objects.get(person=someone)),
        lambda: LinkedAccount.objects.filter(person=someone).count(), actor=someone, data={"provider": "line"})


def test_organisation_verified(stream, person):
    staff = PersonFactory(is_staff=True)
    organisation = organisation_create(name="草津まちづくり会社", kind="company", creator=person)
    action = stream.assert_recorded(
        verbs.ORGANISATION_VERIFIED, lambda: organisation_verify(organisation=fresh(organisation), by=staff),
        lambda: Organisation.objects.get(pk=organisation.pk).verified, actor=staff, data={"old": False, "new": True})
    assert action.target_repr == "草津まちづくり会社"


def test_pledge_confirmed(stream, pledge, coordinator, other_person):
    action = stream.assert_recorded(
        verbs.PLEDGE_CONFIRMED, lambda: funding.pledge_confirm(pledge=fresh(pledge), by=coordinator),
        lambda: (fresh(pledge).status, Campaign.objects.get(pk=pledge.campaign_id).confirmed_yen),
        actor=coordinator, data={"old": "pledged", "new": "confirmed", "amount_yen": 3000})
    assert action.concerns == other_person  # the supporter sees it on their activity page


def test_pledge_cancelled(stream, pledge, other_person):
    stream.assert_recorded(
        verbs.PLEDGE_CANCELLED, lambda: funding.pledge_cancel(pledge=fresh(pledge), by=other_person),
        lambda: fresh(pledge).status, actor=other_person, data={"old": "pledged", "new": "cancelled"})


def test_pledge_refunded(stream, pledge, campaign, coordinator):
    funding.pledge_confirm(pledge=pledge, by=coordinator)
    after_deadline = campaign.deadline + timedelta(minutes=1)
    action = stream.assert_recorded(
        verbs.PLEDGE_REFUNDED, lambda: funding.campaign_settle(fresh(campaign), now=after_deadline),
        lambda: fresh(pledge).status, actor=None, data={"old": "confirmed", "new": "refunded"})
    assert Pledge.objects.get(pk=pledge.pk).status == "refunded" and action.data["reason"] == "settlement"


def test_moderation_hidden(stream, idea, moderator, other_person):
    moderation.report_create(target=idea, reporter=other_person, reason="spam")
    mail.outbox.clear()
    action = stream.assert_recorded(
        verbs.POST_HIDDEN, lambda: moderation.post_hide(target=fresh(idea), moderator=moderator, reason="広告です"),
        lambda: (fresh(idea).visibility, Report.objects.filter(resolved_at__isnull=True).count()),
        actor=moderator, data={"old": Visibility.PUBLISHED, "new": Visibility.HIDDEN, "reason": "広告です"})
    # The author's e-mail listens to the stream: one for the committed hide, none for the rolled-back one.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [idea.author.email] and "広告です" in mail.outbox[0].body
    assert action.concerns_id == idea.author_id


def test_moderation_restored(stream, idea, moderator):
    moderation.post_hide(target=idea, moderator=moderator, reason="確認中")
    stream.assert_recorded(
        verbs.POST_RESTORED, lambda: moderation.post_restore(target=fresh(idea), moderator=moderator),
        lambda: fresh(idea).visibility, actor=moderator,
        data={"old": Visibility.HIDDEN, "new": Visibility.PUBLISHED})


def test_moderation_approved(stream, idea, moderator):
    Idea.objects.filter(pk=idea.pk).update(visibility=Visibility.HELD)
    stream.assert_recorded(
        verbs.POST_APPROVED, lambda: moderation.post_approve(target=fresh(idea), moderator=moderator),
        lambda: fresh(idea).visibility, actor=moderator, data={"old": Visibility.HELD, "new": Visibility.PUBLISHED})


def test_moderation_dismissed(stream, idea, moderator, other_person):
    moderation.report_create(target=idea, reporter=other_person, reason="spam")
    stream.assert_recorded(
        verbs.REPORTS_DISMISSED, lambda: moderation.reports_dismiss(target=fresh(idea), moderator=moderator),
        lambda: Report.objects.filter(resolved_at__isnull=True).count(), actor=moderator,
        data={"reports_closed": 1})


def test_team_member_joined(stream, idea, person, other_person):
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    application = teams.apply(role=role, person=other_person)
    action = stream.assert_recorded(
        verbs.TEAM_MEMBER_JOINED, lambda: teams.answer(application=application, by=person, accept=True),
        lambda: TeamMember.objects.filter(idea=idea, person=other_person).exists(), actor=person,
        data={"role": RoleKind.KEY_PERSON, "old": None, "new": RoleKind.KEY_PERSON, "via": "applied"})
    assert action.concerns == other_person


def test_team_applied(stream, idea, person, other_person):
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    action = stream.assert_recorded(
        verbs.TEAM_APPLIED, lambda: teams.apply(role=fresh(role), person=other_person),
        lambda: Application.objects.filter(role=role, person=other_person).exists(), actor=other_person,
        data={"idea": idea.pk, "role": RoleKind.KEY_PERSON})
    assert action.concerns == other_person


def test_team_invited(stream, idea, person, other_person):
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    action = stream.assert_recorded(
        verbs.TEAM_INVITED, lambda: teams.invite(role=fresh(role), person=other_person, by=person),
        lambda: Application.objects.filter(role=role, person=other_person).exists(), actor=person,
        data={"idea": idea.pk, "role": RoleKind.KEY_PERSON})
    assert action.concerns == other_person


def test_team_answered(stream, idea, person, other_person):
    role = teams.role_open(idea=idea, by=person, kind=RoleKind.KEY_PERSON)
    application = teams.apply(role=role, person=other_person)
    stream.assert_recorded(
        verbs.TEAM_ANSWERED, lambda: teams.answer(application=application, by=person, accept=False),
        lambda: fresh(application).status, actor=person,
        data={"direction": "applied", "old": "pending", "new": "declined"})


def test_campaign_settled(stream, pledge, campaign):
    after_deadline = campaign.deadline + timedelta(minutes=1)
    stream.assert_recorded(
        verbs.CAMPAIGN_SETTLED, lambda: funding.campaign_settle(fresh(campaign), now=after_deadline),
        lambda: fresh(campaign).status, actor=None, data={"old": "open", "new": "failed", "goal_yen": 100_000})


def test_team_member_removed(stream, key_person, person):
    action = stream.assert_recorded(
        verbs.TEAM_MEMBER_REMOVED, lambda: teams.member_remove(member=fresh(key_person), by=person),
        lambda: TeamMember.objects.filter(pk=key_person.pk).exists(), actor=person,
        data={"old": RoleKind.KEY_PERSON, "new": None})
    assert action.target is None and action.target_repr  # the member is gone; the record still reads


def test_team_lead_changed(stream, key_person, person):
    stream.assert_recorded(
        verbs.TEAM_LEAD_CHANGED, lambda: teams.member_lead(member=fresh(key_person), by=person, lead=True),
        lambda: fresh(key_person).is_lead, actor=person, data={"old": False, "new": True})


def test_event_checked_in(stream, gunma, person):
    host = organiser()
    event = make_event(host)
    ticket = events.register(event=event, person=person)
    action = stream.assert_recorded(
        verbs.EVENT_CHECKED_IN, lambda: events.check_in(event=event, code=ticket.code, by=host),
        lambda: Registration.objects.get(pk=ticket.pk).checked_in_at is not None, actor=host,
        data={"event": event.pk, "old": None})
    assert action.concerns == person


def test_event_guest_claimed(stream, gunma):
    event = make_event(organiser())
    guest = events.register(event=event, guest_name="山田", guest_email="yamada@example.jp")
    person = PersonFactory(email="Yamada@example.jp", email_verified=True)
    stream.assert_recorded(
        verbs.EVENT_GUEST_CLAIMED, lambda: events.guest_registrations_claim(person=fresh(person)),
        lambda: Registration.objects.get(pk=guest.pk).person_id, actor=person,
        data={"registrations": [guest.pk], "attended": []})


def _consultation_world(gunma):
    """A space run by a company, its operator, a coordinator with a profile, a future online slot, a member."""
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Field, Qualification
    from yukemuri.consultations.reference import ensure
    from yukemuri.organisations.models import Membership
    from yukemuri.space.tests.factories import make_space

    ensure(Qualification, Field)
    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)
    space = make_space(gunma, operator=company)
    operator = PersonFactory()
    people.role_assign(person=operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=company, person=operator)
    coordinator = PersonFactory()
    people.role_assign(person=coordinator, role=Role.COORDINATOR)
    consultations.profile_save(by=operator, person=coordinator, space=space,
                               fields=list(Field.objects.filter(code="funding")))
    coordinator = fresh(coordinator)
    starts = timezone.now().replace(microsecond=0) + timedelta(days=2)
    slot = consultations.slot_publish(by=coordinator, starts_at=starts, minutes=60, online=True)
    return SimpleNamespace(space=space, operator=operator, coordinator=coordinator, slot=slot, member=PersonFactory())


def _booked(world):
    from yukemuri.consultations import services as consultations

    return consultations.book(by=world.member, slot=world.slot, topic="t", stage="idea", needs="n")


def test_consultation_profile_changed(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import CoordinatorProfile

    world = _consultation_world(gunma)
    other = PersonFactory()
    people.role_assign(person=other, role=Role.COORDINATOR)
    stream.assert_recorded(
        verbs.CONSULTATION_PROFILE_CHANGED,
        lambda: consultations.profile_save(by=world.operator, person=other, space=world.space),
        lambda: CoordinatorProfile.objects.filter(person=other).count(), actor=world.operator, data={"created": True})


def test_consultation_slot_published(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Slot

    world = _consultation_world(gunma)
    stream.assert_recorded(
        verbs.CONSULTATION_SLOT_PUBLISHED,
        lambda: consultations.slot_publish(by=world.coordinator, starts_at=world.slot.starts_at + timedelta(days=1),
                                           minutes=30, online=True),
        lambda: Slot.objects.count(), actor=world.coordinator, data={"minutes": 30})


def test_consultation_slot_withdrawn(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Slot

    world = _consultation_world(gunma)
    stream.assert_recorded(
        verbs.CONSULTATION_SLOT_WITHDRAWN, lambda: consultations.slot_withdraw(by=world.coordinator, slot=world.slot),
        lambda: Slot.objects.get(pk=world.slot.pk).withdrawn_at, actor=world.coordinator)


def test_consultation_booked(stream, gunma):
    from yukemuri.consultations.models import Consultation

    world = _consultation_world(gunma)
    stream.assert_recorded(verbs.CONSULTATION_BOOKED, lambda: _booked(world), lambda: Consultation.objects.count(),
                           actor=world.member, data={"slot": world.slot.pk})


def test_consultation_cancelled(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Consultation

    world = _consultation_world(gunma)
    booked = _booked(world)
    stream.assert_recorded(
        verbs.CONSULTATION_CANCELLED, lambda: consultations.cancel(by=world.member, consultation=booked),
        lambda: Consultation.objects.get(pk=booked.pk).status, actor=world.member,
        data={"old": "booked", "new": "cancelled"})


def test_consultation_noted(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Consultation

    world = _consultation_world(gunma)
    booked = _booked(world)
    stream.assert_recorded(
        verbs.CONSULTATION_NOTED,
        lambda: consultations.notes_save(by=world.coordinator, consultation=fresh(booked), private_note="秘密",
                                         follow_up="次へ"),
        lambda: Consultation.objects.get(pk=booked.pk).follow_up, actor=world.coordinator)


def test_consultation_handed_off(stream, gunma):
    from yukemuri.consultations import services as consultations
    from yukemuri.consultations.models import Consultation

    world = _consultation_world(gunma)
    booked = _booked(world)
    stream.assert_recorded(
        verbs.CONSULTATION_HANDED_OFF,
        lambda: consultations.hand_to_matching(by=world.coordinator, consultation=fresh(booked), seeking="expert"),
        lambda: Consultation.objects.get(pk=booked.pk).opening_id, actor=world.coordinator,
        data={"to": "matching", "seeking": "expert"})


def test_guest_claimed(stream, person, make_idea):
    from yukemuri.ideas import guests as idea_guests
    from yukemuri.ideas.models import IdeaSupport
    from yukemuri.notifications import guests

    idea = make_idea(person)
    idea_guests.guest_support_confirm(idea_guests.guest_support(idea=idea, name="ゆき", email="yuki@example.jp"))
    someone = PersonFactory(email="yuki@example.jp", email_verified=True)
    stream.assert_recorded(
        verbs.GUEST_CLAIMED, lambda: guests.claim_everything(person=fresh(someone)),
        lambda: IdeaSupport.objects.filter(person=someone).count(), actor=someone,
        data={"events": 0, "ideas": 1, "listening": 0})


def test_listening_ballot_entered(stream, conversation, coordinator):
    from yukemuri.listening import paper
    from yukemuri.listening.models import Participant

    first = conversation.statements.order_by("pk").first()
    stream.assert_recorded(
        verbs.BALLOT_ENTERED, lambda: paper.ballot_enter(conversation=conversation, by=coordinator, number=7,
                                                         marks={first.pk: 1}),
        lambda: Participant.objects.filter(ballot=7).count(), actor=coordinator,
        data={"ballot": 7, "replaced": False, "old": {}, "new": {str(first.pk): 1}})


def test_every_declared_verb_has_its_test():
    names = {name for name in globals() if name.startswith("test_")}
    missing = [verb for verb in verbs.REGISTRY if "test_" + verb.replace(".", "_") not in names]
    assert missing == []


def test_moderation_held(stream, settings, make_idea):
    settings.YUKEMURI = {**settings.YUKEMURI, "HOLD_FIRST_POSTS": 1}
    newcomer = PersonFactory()
    action = stream.assert_recorded(
        verbs.POST_HELD, lambda: make_idea(newcomer, title="はじめての案"),
        lambda: Idea.objects.filter(author=newcomer).count(), actor=None,
        data={"old": None, "new": Visibility.HELD})
    assert action.concerns == newcomer


def test_the_moderation_log_is_read_from_the_stream(client, moderator, person, make_idea):
    from django.urls import reverse

    idea = make_idea(person, title="ログの案")
    moderation.post_hide(target=idea, moderator=moderator, reason="重複投稿のため")
    people.role_assign(person=person, role=Role.COORDINATOR, by=moderator)  # not moderation: not in the log
    client.force_login(moderator)
    page = client.get(reverse("moderation_log")).content.decode()
    assert "重複投稿のため" in page and "ログの案" not in page  # the log names posts by kind and number
    assert page.count("<tr>") == 2  # the header and the one decision


# Issue 13's second round: plans, adoptions, campaigns opened and their payment details, event edits and
# cancellations, the review of statements and comments, and the matching notices are recorded too.

def test_idea_plan_updated(stream, idea, person):
    action = stream.assert_recorded(
        verbs.IDEA_PLAN_UPDATED, lambda: stages.plan_update(idea=fresh(idea), by=person, goal="空き家を3軒再生する",
                                                            first_step="所有者に話を聞く", resources="大工さん"),
        lambda: fresh(idea).goal, actor=person)
    assert action.data["goal"]["new"] == "空き家を3軒再生する" and "budget_line" not in action.data  # changes only


def test_idea_adopted(stream, idea, person):
    from yukemuri.regions.models import Municipality

    other = Municipality.objects.exclude(pk=idea.municipality_id).get(code="102041")
    stream.assert_recorded(
        verbs.IDEA_ADOPTED, lambda: stages.adoption_add(idea=fresh(idea), by=person, municipality=other),
        lambda: fresh(idea).adoptions.count(), actor=person, data={"municipality": "102041"})


def test_campaign_opened(stream, idea, person):
    def open_one():
        return funding.campaign_create(idea=fresh(idea), by=person, title="改修費", purpose="材料費に使います。",
                                       goal_yen=50_000, deadline=timezone.now() + timedelta(days=7), **PAYMENT)

    stream.assert_recorded(verbs.CAMPAIGN_OPENED, open_one, lambda: Campaign.objects.filter(idea=idea).count(),
                           actor=person, data={"idea": idea.pk, "goal_yen": 50_000})


def test_campaign_payment_changed(stream, campaign, person):
    def change():
        return funding.campaign_payment_update(campaign=fresh(campaign), by=person, **{**PAYMENT, "bank_branch": "高崎支店"})

    action = stream.assert_recorded(verbs.CAMPAIGN_PAYMENT_CHANGED, change, lambda: fresh(campaign).bank_branch,
                                    actor=person)
    assert action.data == {"bank_branch": {"old": PAYMENT["bank_branch"], "new": "高崎支店"}}  # what changed, from what


def test_event_updated(stream, gunma):
    host = organiser()
    event = make_event(host, capacity=30)
    action = stream.assert_recorded(
        verbs.EVENT_UPDATED, lambda: events.event_update(event=fresh(event), by=host, capacity=40),
        lambda: fresh(event).capacity, actor=host, data={"capacity": {"old": 30, "new": 40}})
    assert set(action.data) == {"capacity"}


def test_event_cancelled(stream, gunma):
    host = organiser()
    event = make_event(host)
    stream.assert_recorded(
        verbs.EVENT_CANCELLED, lambda: events.event_cancel(event=fresh(event), by=host, reason="台風のため"),
        lambda: fresh(event).status, actor=host, data={"new": "cancelled", "reason": "台風のため"})


@pytest.fixture
def conversation(coordinator, make_issue):
    from yukemuri.listening import services as listening

    return listening.conversation_create(by=coordinator, title="空き家をどうする？", question="どう思いますか？",
                                         seeds=["空き家は資源だ", "行政が主導すべき"], issue=make_issue(coordinator),
                                         collect_opinions=True)


def test_listening_statement_reviewed(stream, conversation, coordinator):
    from yukemuri.listening import services as listening

    participant = listening.participant_for(conversation, key=None)
    statement = listening.statement_add(participant=participant, text="若い人の意見も聞きたい")
    stream.assert_recorded(
        verbs.STATEMENT_REVIEWED, lambda: listening.moderate(statement=fresh(statement), by=coordinator, accept=True),
        lambda: fresh(statement).status, actor=coordinator, data={"old": "pending", "new": "accepted"})


def test_listening_opinion_reviewed(stream, conversation, coordinator):
    from yukemuri.listening import services as listening
    from yukemuri.listening.models import Opinion

    opinion = listening.opinion_add(participant=listening.participant_for(conversation, key=None),
                                    text="駅前の空き店舗を使いたい")
    action = stream.assert_recorded(
        verbs.OPINION_REVIEWED, lambda: listening.opinion_accept(opinion=fresh(opinion), by=coordinator, accept=False),
        lambda: Opinion.objects.filter(pk=opinion.pk).exists(), actor=coordinator,
        data={"opinion": opinion.pk, "accepted": False})
    assert action.target == conversation  # the comment is gone; the record names it by number


def test_listening_opinions_imported(stream, conversation, coordinator):
    from yukemuri.listening import services as listening

    stream.assert_recorded(
        verbs.OPINIONS_IMPORTED,
        lambda: listening.opinions_import(conversation=fresh(conversation), by=coordinator, rows=["意見その一", "意見その二"]),
        lambda: fresh(conversation).opinions.count(), actor=coordinator, data={"count": 2})


def test_listening_conversation_closed(stream, conversation, coordinator):
    from yukemuri.listening import services as listening

    stream.assert_recorded(
        verbs.CONVERSATION_CLOSED, lambda: listening.close(conversation=fresh(conversation), by=coordinator),
        lambda: fresh(conversation).status, actor=coordinator, data={"new": "closed"})


@pytest.fixture
def comments_conversation(coordinator):
    from yukemuri.listening import services as listening

    return listening.conversation_of_texts(by=coordinator, title="計画案への意見", question="御意見を",
                                           texts=["駐輪場を増やしてほしい", "図書館を夜も開けてほしい", "公園の遊具を新しく"])


@pytest.fixture
def result_table(comments_conversation, coordinator):
    from yukemuri.listening import tables

    return tables.draft(conversation=comments_conversation, by=coordinator)


def test_listening_table_drafted(stream, comments_conversation, coordinator):
    from yukemuri.listening import tables
    from yukemuri.listening.models import ResultTable

    stream.assert_recorded(
        verbs.TABLE_DRAFTED, lambda: tables.draft(conversation=fresh(comments_conversation), by=coordinator),
        lambda: ResultTable.objects.filter(conversation=comments_conversation).count(), actor=coordinator,
        data={"items": 3, "comments": 3})


def test_listening_table_item_edited(stream, result_table, coordinator):
    from yukemuri.listening import tables

    item = result_table.items.first()
    stream.assert_recorded(
        verbs.TABLE_ITEM_EDITED, lambda: tables.item_edit(item=fresh(item), by=coordinator, summary=item.summary,
                                                          answer="来年度に検討します。"),
        lambda: fresh(item).answer, actor=coordinator, data={"item": item.pk, "fields": ["answer"]})


def test_listening_table_item_added(stream, result_table, coordinator):
    from yukemuri.listening import tables

    stream.assert_recorded(
        verbs.TABLE_ITEM_ADDED, lambda: tables.item_add(table=fresh(result_table), by=coordinator),
        lambda: result_table.items.count(), actor=coordinator)


def test_listening_table_item_deleted(stream, result_table, coordinator):
    from yukemuri.listening import tables
    from yukemuri.listening.models import ResultItem

    item = result_table.items.first()
    stream.assert_recorded(
        verbs.TABLE_ITEM_DELETED, lambda: tables.item_delete(item=fresh(item), by=coordinator),
        lambda: ResultItem.objects.filter(pk=item.pk).exists(), actor=coordinator,
        data={"item": item.pk, "comments": 1})


def test_listening_table_items_merged(stream, result_table, coordinator):
    from yukemuri.listening import tables

    item, into = list(result_table.items.all())[:2]
    stream.assert_recorded(
        verbs.TABLE_ITEMS_MERGED, lambda: tables.items_merge(item=fresh(item), into=fresh(into), by=coordinator),
        lambda: fresh(into).opinions.count(), actor=coordinator, data={"item": item.pk, "into": into.pk, "comments": 1})


def test_listening_table_comment_moved(stream, result_table, coordinator):
    from yukemuri.listening import tables

    item, to = list(result_table.items.all())[:2]
    opinion = item.opinions.get()
    stream.assert_recorded(
        verbs.TABLE_COMMENT_MOVED, lambda: tables.comment_move(opinion=fresh(opinion), to=fresh(to), by=coordinator),
        lambda: fresh(opinion).item_id, actor=coordinator, data={"opinion": opinion.pk, "old": item.pk, "new": to.pk})


def test_listening_table_published(stream, result_table, coordinator):
    from yukemuri.listening import tables

    stream.assert_recorded(
        verbs.TABLE_PUBLISHED, lambda: tables.publish(table=fresh(result_table), by=coordinator, published=True),
        lambda: fresh(result_table).published, actor=coordinator, data={"old": False, "new": True})


def test_listening_table_imported(stream, result_table, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yukemuri.listening import table_csv

    ids = " ".join(str(pk) for pk in result_table.conversation.opinions.values_list("pk", flat=True))
    body = f"item,summary,count,answer,comments\n1,三つの御意見,3,承りました,{ids}\n".encode()
    stream.assert_recorded(
        verbs.TABLE_IMPORTED, lambda: table_csv.import_table(table=fresh(result_table), by=coordinator,
                                                            upload=SimpleUploadedFile("t.csv", body)),
        lambda: list(result_table.items.values_list("summary", flat=True)), actor=coordinator,
        data={"items": 1, "comments": 3})


def _matching_helper(name):
    from yukemuri.matching.models import Profile
    from yukemuri.people.models import ConsentPurpose
    from yukemuri.regions.models import Municipality
    from yukemuri.topics.models import Skill

    helper = PersonFactory(display_name=name, home_municipality=Municipality.objects.get(code="102083"))
    helper.person_skills.create(skill=Skill.objects.get_or_create_many(["料理"])[0], level=2)
    people.consent_grant(person=helper, purpose=ConsentPurpose.MATCHING)
    Profile.objects.create(person=helper, travel_km=50)
    return helper


@pytest.fixture
def volunteer_day(coordinator, gunma):
    from datetime import date

    from yukemuri.matching import services as matching
    from yukemuri.regions.models import Municipality

    return matching.volunteer_day_create(
        by=coordinator, title="炊き出しの日", description="", date=date(2027, 6, 5),
        municipality=Municipality.objects.get(code="102083"), place="公民館",
        tasks=[{"title": "炊き出し", "helpers": 1, "part": "am", "skills": ["料理"]}])


def test_matching_suggested(stream, volunteer_day, coordinator):
    from yukemuri.matching import services as matching
    from yukemuri.matching.models import Suggestion

    cook = _matching_helper("料理の人")
    action = stream.assert_recorded(
        verbs.MATCH_SUGGESTED, lambda: matching.assign_day(day=volunteer_day, by=coordinator),
        lambda: Suggestion.objects.filter(person=cook).count(), actor=None)
    assert action.concerns == cook and len(action.data["openings"]) == 1


def test_matching_answered(stream, volunteer_day, coordinator):
    from yukemuri.matching import services as matching

    cook = _matching_helper("料理の人")
    suggestion = matching.assign_day(day=volunteer_day, by=coordinator)[0]
    action = stream.assert_recorded(
        verbs.MATCH_ANSWERED, lambda: matching.answer(suggestion=fresh(suggestion), by=cook, status="accepted"),
        lambda: fresh(suggestion).status, actor=cook, data={"old": "offered", "new": "accepted"})
    assert action.concerns == cook


# Points (issue 15): giving, redeeming, expiring and reversing are recorded; they concern the wallet's holder.

@pytest.fixture
def points_ledger(municipality):
    from yukemuri.organisations.models import Membership
    from yukemuri.points import services as points

    staff = PersonFactory()
    people.role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    shop = Organisation.objects.create(name="土産物店", kind=Organisation.Kind.COMPANY)
    clerk = PersonFactory()
    Membership.objects.create(organisation=shop, person=clerk)
    return {"staff": staff, "clerk": clerk, "resident": PersonFactory(),
            "issuer": points.issuer_open(by=None, name="渋川市", municipality=municipality, expiry_months=12),
            "merchant": points.merchant_open(by=None, organisation=shop)}


def _balance(person):
    from yukemuri.points.models import Account

    return Account.objects.filter(person=person).values_list("balance", flat=True).first()


def test_points_earned(stream, points_ledger):
    from yukemuri.points import services as points

    ledger = points_ledger
    action = stream.assert_recorded(
        verbs.POINTS_EARNED, lambda: points.earn(issuer=ledger["issuer"], person=ledger["resident"], amount=30,
                                                 reason="雪かき", key="verb:earn", by=ledger["staff"]),
        lambda: _balance(ledger["resident"]), actor=ledger["staff"], data={"amount": 30, "reason": "雪かき"})
    assert action.concerns == ledger["resident"]


def test_points_redeemed(stream, points_ledger):
    from yukemuri.points import services as points

    ledger = points_ledger
    points.earn(issuer=ledger["issuer"], person=ledger["resident"], amount=30, reason="雪かき", key="e", by=None)
    wallet = points.wallet_for(ledger["resident"])

    def confirm():
        asked = points.redemption_ask_person(merchant=ledger["merchant"], wallet_code=wallet.code, amount=10,
                                             by=ledger["clerk"])
        return points.redemption_answer(redemption=asked, by=ledger["resident"])

    action = stream.assert_recorded(verbs.POINTS_REDEEMED, confirm, lambda: _balance(ledger["resident"]),
                                    actor=ledger["resident"], data={"amount": 10})
    assert action.concerns == ledger["resident"]


def test_points_expired(stream, points_ledger):
    from yukemuri.points import services as points
    from yukemuri.points.models import Lot

    ledger = points_ledger
    points.earn(issuer=ledger["issuer"], person=ledger["resident"], amount=30, reason="雪かき", key="e", by=None)
    Lot.objects.update(expires_at=timezone.now() - timedelta(days=1))
    stream.assert_recorded(verbs.POINTS_EXPIRED, points.expire_due, lambda: _balance(ledger["resident"]),
                           actor=None, data={"amount": 30})


def test_points_reversed(stream, points_ledger):
    from yukemuri.points import services as points

    ledger = points_ledger
    earned = points.earn(issuer=ledger["issuer"], person=ledger["resident"], amount=30, reason="雪かき", key="e",
                         by=None)
    stream.assert_recorded(
        verbs.POINTS_REVERSED, lambda: points.reverse(transaction_=earned, by=ledger["staff"], reason="誤り"),
        lambda: _balance(ledger["resident"]), actor=ledger["staff"], data={"reverses": earned.pk, "reason": "誤り"})


# Ties (issue 15): a municipality's staff change its survey and its 関係案内人, and download who agreed to be
# contacted; a person's own ties are not recorded (docs/decisions/0009).

@pytest.fixture
def village(municipality):
    from yukemuri.organisations.models import Membership

    org = Organisation.objects.create(name="渋川市役所", kind=Organisation.Kind.MUNICIPALITY,
                                      municipality=municipality, verified=True)
    staff = PersonFactory()
    Membership.objects.create(organisation=org, person=staff)
    return {"place": municipality, "staff": staff}


def test_ties_survey_changed(stream, village):
    from yukemuri.ties import selectors, services

    action = stream.assert_recorded(
        verbs.TIES_SURVEY_CHANGED,
        lambda: services.survey_update(municipality=village["place"], by=village["staff"], lines=["雪かきを手伝いたい"]),
        lambda: [q.text for q in selectors.survey_questions(village["place"])], actor=village["staff"],
        data={"new": ["雪かきを手伝いたい"]})
    assert action.data["old"][0] == "農作業を手伝いたい"


def test_ties_guide_changed(stream, village):
    from yukemuri.ties import selectors, services

    stream.assert_recorded(
        verbs.TIES_GUIDE_CHANGED,
        lambda: services.guide_set(municipality=village["place"], by=village["staff"], name="伊香保さん",
                                   email="a@example.jp"),
        lambda: getattr(selectors.guide_of(village["place"]), "name", None), actor=village["staff"],
        data={"name": {"old": "", "new": "伊香保さん"}})


def test_ties_members_exported(stream, village, person):
    from yukemuri.actions.models import Action
    from yukemuri.ties import services

    services.tie_create(person=person, municipality=village["place"], kinds=["fan"], contact_consent=True)
    action = stream.assert_recorded(
        verbs.TIES_MEMBERS_EXPORTED, lambda: services.members_export(municipality=village["place"], by=village["staff"]),
        lambda: Action.objects.filter(verb=verbs.TIES_MEMBERS_EXPORTED).count(), actor=village["staff"],
        data={"people": 1})
    assert action.target == village["place"]


@pytest.fixture
def help_host(gunma):
    """A verified farm, its member, and a draft help request of theirs with one slot."""
    from yukemuri.help import services as help_services
    from yukemuri.organisations.models import Membership
    from yukemuri.regions.models import Municipality

    farm = Organisation.objects.create(name="嬬恋の農園", kind="company", verified=True)
    farmer = PersonFactory()
    Membership.objects.create(organisation=farm, person=farmer)
    request = help_services.request_create(by=farmer, host=farm, municipality=Municipality.objects.get(code="104256"),
                                           title="キャベツ収穫", description="収穫を手伝ってください", kind="harvest")
    starts = timezone.now() + timedelta(days=5)
    help_services.slot_add(request=request, by=farmer, starts_at=starts, ends_at=starts + timedelta(hours=3), helpers=3)
    return {"farm": farm, "farmer": farmer, "request": request}


def test_help_created(stream, help_host):
    from yukemuri.help import services as help_services
    from yukemuri.help.models import HelpRequest

    action = stream.assert_recorded(
        verbs.HELP_CREATED, lambda: help_services.request_create(
            by=help_host["farmer"], host=help_host["farm"], municipality=help_host["request"].municipality,
            title="雪かき", description="屋根の雪下ろし"),
        lambda: HelpRequest.objects.count(), actor=help_host["farmer"], data={"host": help_host["farm"].pk})
    assert action.on_behalf_of == help_host["farm"].name


def test_help_published(stream, help_host):
    from yukemuri.help import services as help_services

    request = help_host["request"]
    stream.assert_recorded(
        verbs.HELP_PUBLISHED, lambda: help_services.request_publish(request=fresh(request), by=help_host["farmer"]),
        lambda: fresh(request).status, actor=help_host["farmer"], data={"old": "draft", "new": "published"})


def test_help_updated(stream, help_host):
    from yukemuri.help import services as help_services

    request = help_host["request"]
    action = stream.assert_recorded(
        verbs.HELP_UPDATED, lambda: help_services.request_update(request=fresh(request), by=help_host["farmer"],
                                                                 safety_note="長靴で"),
        lambda: fresh(request).safety_note, actor=help_host["farmer"], data={"tell": False})
    assert action.data["changes"] == {"safety_note": {"old": "", "new": "長靴で"}}


def test_help_closed(stream, help_host):
    from yukemuri.help import services as help_services

    request = help_host["request"]
    stream.assert_recorded(
        verbs.HELP_CLOSED, lambda: help_services.request_close(request=fresh(request), by=help_host["farmer"]),
        lambda: fresh(request).status, actor=help_host["farmer"], data={"old": "draft", "new": "closed"})


def test_help_slot_added(stream, help_host):
    from yukemuri.help import services as help_services

    request = help_host["request"]
    starts = timezone.now() + timedelta(days=9)
    stream.assert_recorded(
        verbs.HELP_SLOT_ADDED, lambda: help_services.slot_add(request=fresh(request), by=help_host["farmer"],
                                                              starts_at=starts, ends_at=starts + timedelta(hours=2),
                                                              helpers=2),
        lambda: fresh(request).slots.count(), actor=help_host["farmer"], data={"helpers": 2})


def test_help_disaster_marked(stream, help_host, coordinator):
    from yukemuri.help import services as help_services

    request = help_host["request"]
    stream.assert_recorded(
        verbs.HELP_DISASTER_MARKED, lambda: help_services.disaster_mark(request=fresh(request), by=coordinator),
        lambda: fresh(request).disaster, actor=coordinator, data={"old": False, "new": True})


@pytest.fixture
def indicator(db):
    from yukemuri.kpi.services import load_indicators

    load_indicators()
    from yukemuri.kpi.selectors import indicator_detail

    return indicator_detail("people-moving-in")


@pytest.fixture
def kpi_staff(db):
    person = PersonFactory()
    people.role_assign(person=person, role=Role.MUNICIPAL_STAFF)
    return person


def test_kpi_value_entered(stream, indicator, kpi_staff):
    from decimal import Decimal

    from yukemuri.kpi import services as kpi

    stream.assert_recorded(
        verbs.KPI_VALUE_ENTERED, lambda: kpi.value_enter(indicator=indicator, by=kpi_staff, year=2021,
                                                         value=Decimal("1010"), source="移住者数調査"),
        lambda: fresh(indicator).values.count(), actor=kpi_staff, data={"year": 2021, "amount": "1010", "file": False})


def test_kpi_target_revised(stream, indicator, kpi_staff):
    from decimal import Decimal

    from yukemuri.kpi import services as kpi

    target = indicator.targets.get()
    stream.assert_recorded(
        verbs.KPI_TARGET_REVISED, lambda: kpi.target_revise(target=target, by=kpi_staff, value=Decimal("1300"),
                                                            reason="総合計画の改定"),
        lambda: type(target).objects.get(pk=target.pk).value, actor=kpi_staff,
        data={"target": target.pk, "old": "1200.0000", "new": "1300"})


def test_kpi_note_written(stream, indicator, kpi_staff):
    from yukemuri.kpi import services as kpi

    stream.assert_recorded(
        verbs.KPI_NOTE_WRITTEN, lambda: kpi.note_write(indicator=indicator, by=kpi_staff, year=2022,
                                                       assessment="やや遅れ", cause="相談窓口が少ない"),
        lambda: fresh(indicator).notes.count(), actor=kpi_staff, data={"year": 2022, "created": True})


# Surveys (surveys/services.py) --------------------------------------------------------------------------------

@pytest.fixture
def survey_open(gunma, coordinator):
    from yukemuri.surveys import services as surveys
    from yukemuri.surveys.models import Kind

    def make(**kwargs):
        survey = surveys.survey_create(by=coordinator, title="幸福度調査", **kwargs)
        surveys.question_save(survey=survey, by=coordinator, kind=Kind.TEXT, text="ご意見")
        return surveys.survey_open(survey=survey, by=coordinator)

    return make


def test_survey_created(stream, gunma, coordinator):
    from yukemuri.surveys import services as surveys
    from yukemuri.surveys.models import Survey

    stream.assert_recorded(verbs.SURVEY_CREATED, lambda: surveys.survey_create(by=coordinator, title="調査"),
                           lambda: Survey.objects.count(), actor=coordinator, data={"anonymous": True})


def test_survey_edited(stream, gunma, coordinator):
    from yukemuri.surveys import services as surveys
    from yukemuri.surveys.models import Kind

    survey = surveys.survey_create(by=coordinator, title="調査")
    stream.assert_recorded(
        verbs.SURVEY_EDITED, lambda: surveys.question_save(survey=survey, by=coordinator, kind=Kind.LIKERT, text="安心感"),
        lambda: survey.questions.count(), actor=coordinator, data={"change": "added"})


def test_survey_status_changed(stream, survey_open, coordinator):
    from yukemuri.surveys import services as surveys

    survey = survey_open()
    stream.assert_recorded(verbs.SURVEY_STATUS_CHANGED, lambda: surveys.survey_close(survey=fresh(survey), by=coordinator),
                           lambda: fresh(survey).status, actor=coordinator, data={"old": "open", "new": "closed"})


def test_survey_published(stream, survey_open, coordinator):
    from yukemuri.surveys import services as surveys

    survey = surveys.survey_close(survey=survey_open(), by=coordinator)
    stream.assert_recorded(verbs.SURVEY_PUBLISHED, lambda: surveys.survey_publish(survey=fresh(survey), by=coordinator),
                           lambda: fresh(survey).published, actor=coordinator, data={"old": False, "new": True})


def test_survey_invited(stream, survey_open, coordinator):
    from yukemuri.regions.models import Municipality
    from yukemuri.surveys import services as surveys

    place = Municipality.objects.get(code="102083")
    PersonFactory(home_municipality=place, age_band="40s")
    survey = survey_open(access="invitation")
    stream.assert_recorded(
        verbs.SURVEY_INVITED, lambda: surveys.invite(survey=survey, by=coordinator, municipalities=[place],
                                                     age_bands=["40s"]),
        lambda: survey.invitations.count(), actor=coordinator, data={"invited": 1, "age_bands": ["40s"]})


def test_survey_exported(stream, survey_open, coordinator):
    from yukemuri.privacy.models import AccessRecord
    from yukemuri.surveys import services as surveys

    survey = survey_open(anonymous=False)
    surveys.submit(survey=survey, values={survey.questions.get().pk: "よい町です"}, person=PersonFactory())
    stream.assert_recorded(verbs.SURVEY_EXPORTED, lambda: surveys.answers_export(survey=survey, by=coordinator),
                           lambda: AccessRecord.objects.count(), actor=coordinator, data={"rows": 1})


def test_survey_listened(stream, survey_open, coordinator):
    from yukemuri.listening.models import Conversation
    from yukemuri.surveys import services as surveys

    survey = survey_open()
    for n in range(10):
        surveys.submit(survey=survey, values={survey.questions.get().pk: f"バスを増やしてほしい {n}"}, device=str(n))
    surveys.survey_close(survey=survey, by=coordinator)
    stream.assert_recorded(verbs.SURVEY_LISTENED, lambda: surveys.send_to_listening(survey=fresh(survey), by=coordinator),
                           lambda: Conversation.objects.count(), actor=coordinator)


@pytest.fixture
def digital_supporter(gunma):
    """A デジタル推進委員 (the supporter role) and 渋川市, where the person they help lives."""
    from yukemuri.regions.models import Municipality

    person = PersonFactory(display_name="デジタル推進委員")
    people.role_assign(person=person, role=Role.SUPPORTER)
    return person, Municipality.objects.get(code="102083")


def test_support_person_registered(stream, digital_supporter):
    from yukemuri.support import services as support
    from yukemuri.support.models import AssistedPerson

    by, place = digital_supporter
    action = stream.assert_recorded(
        verbs.SUPPORT_PERSON_REGISTERED, lambda: support.person_register(by=by, full_name="山田 ハル", municipality=place),
        lambda: AssistedPerson.objects.count(), actor=by, data={"channel": "supporter"})
    assert action.concerns_id == AssistedPerson.objects.get().person_id


def test_support_entered(stream, digital_supporter):
    from yukemuri.support import services as support
    from yukemuri.support.models import AssistedEntry

    by, place = digital_supporter
    assisted, _code = support.person_register(by=by, full_name="山田 ハル", municipality=place)
    consent = support.ConsentGiven("paper", form_number="C-7")
    action = stream.assert_recorded(
        verbs.SUPPORT_ENTERED, lambda: support.enter_idea(by=by, for_whom=assisted, consent=consent, title="t", body="b"),
        lambda: AssistedEntry.objects.count(), actor=by, data={"kind": "idea", "consent": "paper", "form": "C-7"})
    assert action.concerns_id == assisted.person_id and action.on_behalf_of == assisted.reference


def test_support_claimed(stream, digital_supporter):
    from yukemuri.support import services as support

    by, place = digital_supporter
    assisted, code = support.person_register(by=by, full_name="山田 ハル", municipality=place)
    action = stream.assert_recorded(
        verbs.SUPPORT_CLAIMED, lambda: support.claim(reference=assisted.reference, code=code, email="haru@example.jp",
                                                     password="kusatsu-onsen-2026"),
        lambda: User.objects.get(pk=assisted.person_id).email, actor=assisted.person)
    assert action.concerns_id == assisted.person_id


# A co-creation space (space/services.py) and its members (membership/services.py, billing.py): bookings,
# the operator's facilities, hours, closures and open data, sign-ups, the desk and the month's invoices.

def _frozen(moment):
    from unittest import mock

    return mock.patch("django.utils.timezone.now", new=lambda: moment)


def _tokyo(*args):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Asia/Tokyo"))


def _space_world(gunma):
    """NETSUGEN run by a company, its operator, a bookable room, an hourly plan and a person who is not yet a
    member; the clock stands at Monday 7 December 2026, 9:00 in Tokyo."""
    from yukemuri.membership.models import MembershipPlan
    from yukemuri.organisations.models import Membership
    from yukemuri.space.tests.factories import make_room, make_space

    company = Organisation.objects.create(name="運営会社", kind=Organisation.Kind.COMPANY, verified=True)
    space = make_space(gunma, operator=company)
    operator = PersonFactory()
    people.role_assign(person=operator, role=Role.OPERATOR)
    Membership.objects.create(organisation=company, person=operator)
    plan = MembershipPlan.objects.create(space=space, code="hourly", name="個人会員（月額会員以外）", kind="hourly",
                                         hourly_price=250, daily_cap=1000)
    return SimpleNamespace(space=space, operator=operator, room=make_room(space), plan=plan, member=PersonFactory(),
                           now=_tokyo(2026, 12, 7, 9))


def _joined(world):
    """The member on the hourly plan from the world's day, and their card's code."""
    from yukemuri.membership import services as membership
    from yukemuri.membership.models import MemberCard

    with _frozen(world.now):
        joined = membership.join(by=world.member, plan=world.plan)
    return joined, MemberCard.objects.get(person=world.member).code


def test_membership_joined(stream, gunma):
    from yukemuri.membership import services as membership
    from yukemuri.membership.models import Membership

    world = _space_world(gunma)
    with _frozen(world.now):
        action = stream.assert_recorded(
            verbs.MEMBERSHIP_JOINED, lambda: membership.join(by=world.member, plan=world.plan),
            lambda: Membership.objects.filter(person=world.member).count(), actor=world.member,
            data={"plan": "hourly", "person": world.member.pk, "starts_on": "2026-12-07"})
    assert action.target == Membership.objects.get(person=world.member)


def test_membership_changed(stream, gunma):
    from yukemuri.membership import services as membership

    world = _space_world(gunma)
    joined, _code = _joined(world)
    stream.assert_recorded(
        verbs.MEMBERSHIP_CHANGED,
        lambda: membership.cancel(by=world.member, membership=fresh(joined), today=world.now.date()),
        lambda: fresh(joined).ends_on, actor=world.member, data={"ends_on": {"old": None, "new": "2026-12-31"}})


def test_space_checked_in(stream, gunma):
    from yukemuri.membership import services as membership
    from yukemuri.membership.models import Visit

    world = _space_world(gunma)
    joined, code = _joined(world)
    arrives = _tokyo(2026, 12, 7, 10)
    action = stream.assert_recorded(
        verbs.SPACE_CHECKED_IN, lambda: membership.desk_scan(by=world.operator, space=world.space, code=code, at=arrives),
        lambda: Visit.objects.filter(person=world.member).count(), actor=world.operator,
        data={"old": None, "new": arrives.isoformat()})
    assert action.target == Visit.objects.get(membership=joined)


def test_space_checked_out(stream, gunma):
    from yukemuri.membership import services as membership

    world = _space_world(gunma)
    _joined_membership, code = _joined(world)
    visit, _direction = membership.desk_scan(by=world.operator, space=world.space, code=code,
                                             at=_tokyo(2026, 12, 7, 10))
    leaves = _tokyo(2026, 12, 7, 11, 30)
    stream.assert_recorded(
        verbs.SPACE_CHECKED_OUT, lambda: membership.desk_scan(by=world.operator, space=world.space, code=code, at=leaves),
        lambda: fresh(visit).checked_out_at, actor=world.operator, data={"old": None, "new": leaves.isoformat()})


def test_membership_invoices_issued(stream, gunma):
    from yukemuri.membership import billing
    from yukemuri.membership import services as membership
    from yukemuri.membership.models import Invoice

    world = _space_world(gunma)
    joined, code = _joined(world)
    for hour in (10, 11):  # one hour on Monday: 250 yen
        membership.desk_scan(by=world.operator, space=world.space, code=code, at=_tokyo(2026, 12, 7, hour))
    action = stream.assert_recorded(
        verbs.INVOICES_ISSUED, lambda: billing.issue_month(space=world.space, month=world.now.date(), by=world.operator),
        lambda: Invoice.objects.count(), actor=world.operator, data={"month": "2026-12-01"})
    assert action.data["invoices"] == [Invoice.objects.get(membership=joined).pk] and action.target == world.space


# Bookings are made on Wednesday 6 January 2027 for Monday the 11th (成人の日: open 10:00–18:00).
BOOKING_DAY = (2027, 1, 6, 9)


def test_space_booked(stream, gunma):
    from yukemuri.space import services as space
    from yukemuri.space.models import Booking
    from yukemuri.space.tests.factories import make_members

    world = _space_world(gunma)
    make_members(world.space, world.member)  # only members book (docs/decisions/0029)
    starts, ends = _tokyo(2027, 1, 11, 10), _tokyo(2027, 1, 11, 11)
    with _frozen(_tokyo(*BOOKING_DAY)):
        action = stream.assert_recorded(
            verbs.SPACE_BOOKED, lambda: space.book(facility=fresh(world.room), person=world.member, by=world.member,
                                                   starts_at=starts, ends_at=ends, purpose="打合せ"),
            lambda: Booking.objects.count(), actor=world.member,
            data={"facility": world.room.pk, "person": world.member.pk, "starts_at": starts.isoformat(),
                  "ends_at": ends.isoformat()})
    assert action.target == Booking.objects.get()


def test_space_booking_cancelled(stream, gunma):
    from yukemuri.space import services as space
    from yukemuri.space.tests.factories import make_members

    world = _space_world(gunma)
    make_members(world.space, world.member)  # only members book (docs/decisions/0029)
    starts = _tokyo(2027, 1, 11, 10)
    with _frozen(_tokyo(*BOOKING_DAY)):
        booking = space.book(facility=world.room, person=world.member, by=world.member, starts_at=starts,
                             ends_at=_tokyo(2027, 1, 11, 11))
        stream.assert_recorded(
            verbs.SPACE_BOOKING_CANCELLED, lambda: space.cancel(booking=fresh(booking), by=world.member),
            lambda: fresh(booking).status, actor=world.member,
            data={"facility": world.room.pk, "starts_at": fresh(booking).starts_at.isoformat()})  # as stored: UTC
    assert fresh(booking).starts_at == starts


def test_space_facility_changed(stream, gunma):
    from yukemuri.space import services as space

    world = _space_world(gunma)
    action = stream.assert_recorded(
        verbs.SPACE_FACILITY_CHANGED,
        lambda: space.facility_save(space=world.space, by=world.operator, facility=fresh(world.room), capacity=12),
        lambda: fresh(world.room).capacity, actor=world.operator, data={"capacity": {"old": 8, "new": 12}})
    assert set(action.data) == {"capacity"}  # what changed only


def test_space_hours_changed(stream, gunma):
    from datetime import time

    from yukemuri.space import services as space

    world = _space_world(gunma)
    stream.assert_recorded(
        verbs.SPACE_HOURS_CHANGED,
        lambda: space.hours_set(space=world.space, by=world.operator, rows={5: None, 0: (time(9), time(20))}),
        lambda: sorted(world.space.weekly_hours.values_list("day", "opens", "closes")), actor=world.operator,
        data={"5": None, "0": ["09:00", "20:00"]})


def test_space_closure_changed(stream, gunma):
    from datetime import date

    from yukemuri.space import services as space
    from yukemuri.space.models import Closure

    world = _space_world(gunma)
    with _frozen(_tokyo(*BOOKING_DAY)):
        stream.assert_recorded(
            verbs.SPACE_CLOSURE_CHANGED,
            lambda: space.closure_add(space=world.space, by=world.operator, starts_on=date(2027, 1, 13),
                                      ends_on=date(2027, 1, 13), note="設備点検"),
            lambda: Closure.objects.filter(space=world.space).count(), actor=world.operator,
            data={"added": ["2027-01-13", "2027-01-13"], "reason": Closure.Reason.ONE_OFF})


def test_space_published(stream, gunma):
    from yukemuri.facilities.models import PublicFacility
    from yukemuri.space import services as space

    world = _space_world(gunma)
    action = stream.assert_recorded(
        verbs.SPACE_PUBLISHED, lambda: space.open_data_publish(space=fresh(world.space), by=world.operator),
        lambda: PublicFacility.objects.filter(source_id="space-netsugen").count(), actor=world.operator,
        data={"id": "space-netsugen"})
    assert action.target == world.space


def test_issue_answered(stream, make_issue, person):
    from yukemuri.issues import services as issues
    from yukemuri.issues.models import AnswerState, Issue

    issue = make_issue(person)
    staff = PersonFactory(is_staff=True)
    action = stream.assert_recorded(
        verbs.ISSUE_ANSWERED,
        lambda: issues.answer_issue(issue=fresh(issue), by=staff, state=AnswerState.CONSIDERING, body="検討します。"),
        lambda: Issue.objects.get(pk=issue.pk).official_answers.count(), actor=staff,
        data={"old": "", "new": AnswerState.CONSIDERING})
    assert action.target == issue and action.target_repr == issue.title


def _community(gunma, *, joining="open"):
    from yukemuri.communities import services as communities
    from yukemuri.regions.models import Area

    starter = PersonFactory(email_verified=True)
    community = communities.community_create(by=starter, name="官民共創コミュニティ 北群馬渋川", slug=f"kg-{joining}",
                                             description="d", area=Area.objects.get(name="北群馬渋川"), joining=joining)
    return community, starter


def _members_of(community):
    from yukemuri.communities.models import Member

    return lambda: sorted(Member.objects.filter(community=community).values_list("person_id", "role"))


def test_community_created(stream, gunma):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import Community
    from yukemuri.regions.models import Area

    starter = PersonFactory(email_verified=True)
    stream.assert_recorded(
        verbs.COMMUNITY_CREATED,
        lambda: communities.community_create(by=starter, name="空き家の会", slug="akiya", description="d",
                                             area=Area.objects.get(name="北群馬渋川")),
        lambda: Community.objects.count(), actor=starter, data={"name": "空き家の会"})


def test_community_updated(stream, gunma):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import Community

    community, starter = _community(gunma)
    fields = {"name": "新しい名前", "slug": community.slug, "description": "d", "area": community.area,
              "municipality": None, "theme": None, "joining": "request"}
    stream.assert_recorded(
        verbs.COMMUNITY_UPDATED, lambda: communities.community_update(by=starter, community=community, **fields),
        lambda: Community.objects.get(pk=community.pk).name, actor=starter,
        data={"joining": {"old": "open", "new": "request"}})


def test_community_joined(stream, gunma):
    from yukemuri.communities import services as communities

    community, _starter = _community(gunma)
    someone = PersonFactory()
    stream.assert_recorded(verbs.COMMUNITY_JOINED, lambda: communities.join(by=someone, community=community),
                           _members_of(community), actor=someone, data={"person": someone.pk})


def test_community_left(stream, gunma):
    from yukemuri.communities import services as communities

    community, _starter = _community(gunma)
    someone = PersonFactory()
    communities.join(by=someone, community=community)
    stream.assert_recorded(verbs.COMMUNITY_LEFT, lambda: communities.leave(by=someone, community=community),
                           _members_of(community), actor=someone, data={"person": someone.pk, "role": "member"})


def test_community_join_requested(stream, gunma):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import JoinRequest

    community, _starter = _community(gunma, joining="request")
    someone = PersonFactory()
    stream.assert_recorded(verbs.COMMUNITY_JOIN_REQUESTED, lambda: communities.join(by=someone, community=community),
                           lambda: JoinRequest.objects.count(), actor=someone, data={"person": someone.pk})


def test_community_request_decided(stream, gunma):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import JoinRequest

    community, starter = _community(gunma, joining="request")
    request = communities.join(by=PersonFactory(), community=community)
    stream.assert_recorded(
        verbs.COMMUNITY_REQUEST_DECIDED,
        lambda: communities.request_decide(by=starter, request=fresh(request), approve=True),
        lambda: JoinRequest.objects.get(pk=request.pk).status, actor=starter,
        data={"old": "pending", "new": "approved"})


def test_community_role_changed(stream, gunma):
    from yukemuri.communities import services as communities

    community, starter = _community(gunma)
    place = communities.join(by=PersonFactory(), community=community)
    stream.assert_recorded(
        verbs.COMMUNITY_ROLE_CHANGED, lambda: communities.role_change(by=starter, member=place, role="organiser"),
        _members_of(community), actor=starter, data={"old": "member", "new": "organiser"})


def test_community_handed_over(stream, gunma):
    from yukemuri.communities import services as communities

    community, starter = _community(gunma)
    place = communities.join(by=PersonFactory(), community=community)
    stream.assert_recorded(
        verbs.COMMUNITY_HANDED_OVER, lambda: communities.hand_over(by=starter, community=community, to=place),
        _members_of(community), actor=starter, data={"old": starter.pk, "new": place.person_id})


def test_community_post_linked(stream, gunma, make_idea):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import LinkedPost

    community, starter = _community(gunma)
    idea = make_idea(starter)
    stream.assert_recorded(
        verbs.COMMUNITY_POST_LINKED,
        lambda: communities.link(by=starter, community=community, address=f"/ideas/{idea.pk}/"),
        lambda: LinkedPost.objects.count(), actor=starter, data={"kind": "idea", "id": idea.pk})


def test_community_post_unlinked(stream, gunma, make_idea):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import LinkedPost

    community, starter = _community(gunma)
    idea = make_idea(starter)
    post = communities.link(by=starter, community=community, address=f"/ideas/{idea.pk}/")
    stream.assert_recorded(
        verbs.COMMUNITY_POST_UNLINKED, lambda: communities.unlink(by=starter, post=post),
        lambda: LinkedPost.objects.count(), actor=starter, data={"kind": "idea", "id": idea.pk})


def test_community_announced(stream, gunma):
    from yukemuri.communities import services as communities
    from yukemuri.communities.models import Announcement

    community, starter = _community(gunma)
    stream.assert_recorded(
        verbs.COMMUNITY_ANNOUNCED,
        lambda: communities.announce(by=starter, community=community, title="次回の集まり", body="b"),
        lambda: Announcement.objects.count(), actor=starter, data={"title": "次回の集まり"})


@pytest.fixture
def calls_world(gunma, settings, tmp_path):
    from yukemuri.calls.tests.factories import world

    settings.MEDIA_ROOT = tmp_path / "media"
    return world()


def test_call_published(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Call

    w = calls_world
    stream.assert_recorded(
        verbs.CALL_PUBLISHED,
        lambda: calls.call_publish(by=w.staff, kind="proposal", title="民間提案", purpose="p", questions="q",
                                   deadline=w.call.deadline),
        lambda: Call.objects.count(), actor=w.staff, data={"kind": "proposal"})


def test_call_changed(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Call

    w = calls_world
    stream.assert_recorded(
        verbs.CALL_CHANGED,
        lambda: calls.call_update(call=w.call, by=w.staff, kind="sounding", title="新しい題", purpose=w.call.purpose,
                                  questions=w.call.questions, deadline=w.call.deadline),
        lambda: Call.objects.get(pk=w.call.pk).title, actor=w.staff,
        data={"title": {"old": "旧小学校の活用サウンディング", "new": "新しい題"}})


def test_call_document_added(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.tests.factories import pdf

    w = calls_world
    stream.assert_recorded(
        verbs.CALL_DOCUMENT_ADDED, lambda: calls.document_add(call=w.call, by=w.staff, title="要項", file=pdf()),
        lambda: w.call.documents.count(), actor=w.staff)


def test_call_question_answered(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Question

    w = calls_world
    question = calls.question_ask(call=w.call, by=w.outsider, text="見学できますか")
    stream.assert_recorded(
        verbs.CALL_QUESTION_ANSWERED,
        lambda: calls.question_answer(question=question, by=w.staff, answer="はい"),
        lambda: Question.objects.get(pk=question.pk).answer, actor=w.staff, data={"old": "", "new": "はい"})


def test_call_proposal_submitted(stream, calls_world):
    from yukemuri.calls.models import Proposal
    from yukemuri.calls.tests.factories import propose

    w = calls_world
    action = stream.assert_recorded(verbs.CALL_PROPOSAL_SUBMITTED, lambda: propose(w), lambda: Proposal.objects.count(),
                                    actor=w.proposer, data={"call": w.call.pk, "files": 1})
    assert action.on_behalf_of == w.company.name and action.concerns == w.proposer
    assert "カフェ" not in action.target_repr  # the stream says nothing of the content


def test_call_proposal_changed(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Proposal
    from yukemuri.calls.tests.factories import propose

    w = calls_world
    proposal = propose(w)
    stream.assert_recorded(
        verbs.CALL_PROPOSAL_CHANGED,
        lambda: calls.proposal_update(proposal=fresh(proposal), by=w.proposer, answers=[("改訂", False)]),
        lambda: Proposal.objects.get(pk=proposal.pk).answers, actor=w.proposer, data={"answers_changed": True})


def test_call_summary_published(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Call
    from yukemuri.calls.tests.factories import close

    w = calls_world
    close(w.call)
    stream.assert_recorded(
        verbs.CALL_SUMMARY_PUBLISHED,
        lambda: calls.summary_publish(call=fresh(w.call), by=w.staff, summary="2件の提案", decision="協議"),
        lambda: Call.objects.get(pk=w.call.pk).summary, actor=w.staff,
        data={"summary": {"old": "", "new": "2件の提案"}})


def test_call_proposal_made_idea(stream, calls_world):
    from yukemuri.calls import services as calls
    from yukemuri.calls.models import Proposal
    from yukemuri.calls.tests.factories import close, propose

    w = calls_world
    proposal = propose(w)
    close(w.call)
    action = stream.assert_recorded(
        verbs.CALL_PROPOSAL_MADE_IDEA, lambda: calls.proposal_to_idea(proposal=fresh(proposal), by=w.staff),
        lambda: Proposal.objects.get(pk=proposal.pk).idea_id, actor=w.staff, data={"call": w.call.pk})
    assert stream.heard.count(verbs.TEAM_MEMBER_JOINED) == 1  # the company's submitter joined the idea's team
    assert action.data["idea"] == fresh(proposal).idea_id


def _attachment_world(make_issue, person):
    from yukemuri.attachments.processing import prepare
    from yukemuri.attachments.tests.images import jpeg_upload

    issue = make_issue(person)
    return issue, lambda **kw: prepare(jpeg_upload(), alt="歩道の穴", **kw)


def test_attachment_added(stream, make_issue, person, settings, tmp_path):
    from yukemuri.attachments import services as attachments
    from yukemuri.attachments.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    issue, photo = _attachment_world(make_issue, person)
    action = stream.assert_recorded(
        verbs.ATTACHMENT_ADDED, lambda: attachments.attach(post=fresh(issue), by=person, prepared=photo(share_place=True)),
        lambda: Attachment.objects.count(), actor=person,
        data={"post": f"issue:{issue.pk}", "kind": "photo", "place_shared": True})
    assert action.concerns == person


def test_attachment_removed(stream, make_issue, person, settings, tmp_path):
    from yukemuri.attachments import services as attachments
    from yukemuri.attachments.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    issue, photo = _attachment_world(make_issue, person)
    added = attachments.attach(post=issue, by=person, prepared=photo())
    stream.assert_recorded(
        verbs.ATTACHMENT_REMOVED,
        lambda: attachments.remove(attachment=Attachment.objects.get(pk=added.pk), by=person, post=fresh(issue)),
        lambda: Attachment.objects.count(), actor=person, data={"post": f"issue:{issue.pk}", "kind": "photo"})


def test_attachment_hidden(stream, make_issue, person, moderator, settings, tmp_path):
    from yukemuri.attachments import services as attachments

    settings.MEDIA_ROOT = tmp_path
    issue, photo = _attachment_world(make_issue, person)
    added = attachments.attach(post=issue, by=person, prepared=photo())
    stream.assert_recorded(
        verbs.ATTACHMENT_HIDDEN, lambda: attachments.hide(attachment=fresh(added), moderator=moderator, reason="顔"),
        lambda: fresh(added).visibility, actor=moderator,
        data={"old": Visibility.PUBLISHED, "new": Visibility.HIDDEN, "reason": "顔"})


def test_attachment_restored(stream, make_issue, person, moderator, settings, tmp_path):
    from yukemuri.attachments import services as attachments

    settings.MEDIA_ROOT = tmp_path
    issue, photo = _attachment_world(make_issue, person)
    added = attachments.attach(post=issue, by=person, prepared=photo())
    attachments.hide(attachment=added, moderator=moderator, reason="顔")
    stream.assert_recorded(
        verbs.ATTACHMENT_RESTORED, lambda: attachments.restore(attachment=fresh(added), moderator=moderator),
        lambda: fresh(added).visibility, actor=moderator,
        data={"old": Visibility.HIDDEN, "new": Visibility.PUBLISHED})
# Area visions and the evaluation of running projects (issue 20, docs/decisions/0034-visions-and-evaluation.md)
@pytest.fixture
def a_vision(gunma, coordinator):
    from yukemuri.regions.models import Area
    from yukemuri.visions import services as visions

    staff = PersonFactory()
    people.role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    vision = visions.vision_create(by=staff, area=Area.objects.get(name="吾妻"), title="温泉と暮らし", body="## 姿\n\n本文")
    return SimpleNamespace(vision=vision, staff=staff)


def test_vision_revised(stream, a_vision, coordinator):
    from yukemuri.visions import services as visions

    stream.assert_recorded(
        verbs.VISION_REVISED, lambda: visions.vision_revise(vision=fresh(a_vision.vision), by=coordinator,
                                                            title="温泉と暮らし", body="## 姿\n\n新しい本文", note="改訂"),
        lambda: fresh(a_vision.vision).version, actor=coordinator, data={"version": 2, "note": "改訂"})


def test_vision_steward_named(stream, a_vision, other_person):
    from yukemuri.visions import services as visions

    stream.assert_recorded(
        verbs.VISION_STEWARD_NAMED, lambda: visions.steward_name(vision=a_vision.vision, by=a_vision.staff,
                                                                 person=other_person),
        lambda: a_vision.vision.stewards.count(), actor=a_vision.staff, data={"person": other_person.pk})


def test_vision_steward_removed(stream, a_vision, other_person):
    from yukemuri.visions import services as visions
    from yukemuri.visions.models import Steward

    def change():
        Steward.objects.get_or_create(vision=a_vision.vision, person=other_person)
        visions.steward_remove(vision=a_vision.vision, by=a_vision.staff, person=other_person)

    Steward.objects.create(vision=a_vision.vision, person=other_person)
    stream.assert_recorded(verbs.VISION_STEWARD_REMOVED, change, lambda: a_vision.vision.stewards.count(),
                           actor=a_vision.staff, data={"person": other_person.pk})


def test_vision_update_written(stream, a_vision, coordinator):
    from yukemuri.visions import services as visions

    stream.assert_recorded(
        verbs.VISION_UPDATE_WRITTEN, lambda: visions.update_write(vision=a_vision.vision, by=coordinator, title="会",
                                                                  body="開きました", written_on=timezone.localdate()),
        lambda: a_vision.vision.updates.count(), actor=coordinator, data={"title": "会"})


def test_vision_review_saved(stream, a_vision, coordinator):
    from yukemuri.visions import services as visions

    stream.assert_recorded(
        verbs.VISION_REVIEW_SAVED, lambda: visions.review_save(vision=a_vision.vision, by=coordinator, year=2024,
                                                               moved="動いた", stalled=""),
        lambda: list(a_vision.vision.reviews.values_list("moved", flat=True)), actor=coordinator,
        data={"year": 2024, "moved": {"old": "", "new": "動いた"}})


def test_vision_review_published(stream, a_vision, coordinator):
    from yukemuri.visions import services as visions

    stream.assert_recorded(
        verbs.VISION_REVIEW_PUBLISHED, lambda: visions.review_save(vision=a_vision.vision, by=coordinator, year=2024,
                                                                   moved="動いた", stalled="", publish=True),
        lambda: list(a_vision.vision.reviews.values_list("published_at", flat=True)), actor=coordinator,
        data={"year": 2024, "published": {"old": False, "new": True}})


@pytest.fixture
def running_idea(idea):
    Idea.objects.filter(pk=idea.pk).update(stage=Stage.RUNNING)
    return fresh(idea)


def test_idea_outcome_set(stream, running_idea, person):
    from decimal import Decimal

    from yukemuri.ideas import evaluation

    stream.assert_recorded(
        verbs.IDEA_OUTCOME_SET, lambda: evaluation.outcome_set(idea=running_idea, by=person, indicator="参加者数",
                                                               unit="人", goal=Decimal(300)),
        lambda: list(running_idea.outcomes.values_list("goal", flat=True)), actor=person,
        data={"indicator": "参加者数", "goal": {"old": None, "new": "300"}})


def test_idea_outcome_measured(stream, running_idea, person):
    from datetime import date
    from decimal import Decimal

    from yukemuri.ideas import evaluation
    from yukemuri.ideas.models import Measurement

    outcome = evaluation.outcome_set(idea=running_idea, by=person, indicator="参加者数", unit="人", goal=Decimal(300))
    stream.assert_recorded(
        verbs.IDEA_OUTCOME_MEASURED, lambda: evaluation.measurement_add(outcome=outcome, by=person,
                                                                        measured_on=date(2024, 6, 1), value=Decimal(120)),
        lambda: Measurement.objects.count(), actor=person, data={"value": "120", "on": "2024-06-01"})


def test_idea_evaluated(stream, running_idea, person):
    from yukemuri.ideas import evaluation

    stream.assert_recorded(
        verbs.IDEA_EVALUATED, lambda: evaluation.evaluation_write(idea=running_idea, by=person, year=2024, worked="a",
                                                                  did_not_work="b", decision="change"),
        lambda: list(running_idea.evaluations.values_list("decision", flat=True)), actor=person,
        data={"year": 2024, "decision": {"old": "", "new": "change"}})


def test_idea_evaluation_confirmed(stream, running_idea, person, coordinator):
    from yukemuri.ideas import evaluation

    written = evaluation.evaluation_write(idea=running_idea, by=person, year=2024, worked="a", did_not_work="b",
                                          decision="continue")
    stream.assert_recorded(
        verbs.IDEA_EVALUATION_CONFIRMED, lambda: evaluation.evaluation_confirm(evaluation=fresh(written), by=coordinator),
        lambda: fresh(written).confirmed_by_id, actor=coordinator, data={"year": 2024, "decision": "continue"})
