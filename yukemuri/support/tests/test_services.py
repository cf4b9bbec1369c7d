"""Entering for a person without a device: the account without a login, consent before anything, the post is
theirs and says how it came, every entry logged (AssistedEntry and the action stream), claiming the account."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.core.models import Channel
from yukemuri.events.models import Registration
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.ideas.models import Idea, IdeaSupport
from yukemuri.issues.models import Issue
from yukemuri.listening import services as listening
from yukemuri.listening.models import Vote
from yukemuri.people.models import User
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.support import selectors, services
from yukemuri.support.models import AssistedEntry, AssistedPerson
from yukemuri.support.services import ConsentGiven

from .conftest import PAPER, SPOKEN


def test_a_registered_person_has_an_account_nobody_can_log_in_to(assisted, supporter, client):
    account = assisted.person
    assert not account.has_usable_password()
    assert account.email.endswith("@assisted.invalid") and not account.email_verified
    assert assisted.reference.startswith("YK-") and assisted.registered_by == supporter
    assert account.home_municipality == assisted.municipality
    assert not client.login(username=account.email, password="")
    action = Action.objects.get(verb=verbs.SUPPORT_PERSON_REGISTERED)
    assert action.actor == supporter and action.concerns_id == account.pk and action.on_behalf_of == assisted.reference


def test_found_by_reference_or_by_name_within_the_municipality_never_all(assisted, municipality):
    assert selectors.find(reference=assisted.reference.lower()) == [assisted]
    assert selectors.find(name="ハル", municipality=municipality) == [assisted]
    assert selectors.find(name="やまだ", municipality=municipality) == [assisted]
    assert selectors.find(name="", municipality=municipality) == []
    assert selectors.find(name="ハル", municipality=None) == []


def test_an_idea_entered_for_the_person_is_theirs_marked_and_logged(assisted, supporter):
    entry = services.enter_idea(by=supporter, for_whom=assisted, consent=PAPER, title="公民館でスマホ教室",
                                body="月に一度、若い人に教えてもらいたい。")
    idea = Idea.objects.get()
    assert idea.author == assisted.person and idea.channel == Channel.SUPPORTER
    assert idea.municipality == assisted.municipality
    assert (entry.person, entry.entered_by, entry.kind) == (assisted.person, supporter, "idea")
    assert entry.consent_method == "paper" and entry.consent_form_number == "C-00012"
    assert entry.target_url == idea.get_absolute_url()
    action = Action.objects.get(verb=verbs.SUPPORT_ENTERED)
    assert action.actor == supporter and action.concerns_id == assisted.person.pk
    assert action.data["kind"] == "idea" and action.data["consent"] == "paper" and action.data["form"] == "C-00012"
    assert list(selectors.entries_for(assisted.person)) == [entry]


@pytest.mark.parametrize("consent, field", [
    (None, "consent_method"),
    (ConsentGiven("paper", form_number="  "), "consent_form_number"),
    (ConsentGiven("spoken", note=""), "consent_note"),
    (ConsentGiven("nodded"), "consent_method"),
])
def test_nothing_is_entered_without_recorded_consent(assisted, supporter, consent, field):
    with pytest.raises(ValidationError) as refused:
        services.enter_issue(by=supporter, for_whom=assisted, consent=consent, title="t", body="b")
    assert field in refused.value.message_dict
    assert not Issue.objects.exists() and not AssistedEntry.objects.exists()
    assert not Action.objects.filter(verb=verbs.SUPPORT_ENTERED).exists()


def test_only_supporters_and_staff_enter_and_only_for_a_registered_person(assisted, staff):
    resident = PersonFactory()
    with pytest.raises(PermissionDenied):
        services.enter_idea(by=resident, for_whom=assisted, consent=SPOKEN, title="t", body="b")
    with pytest.raises(PermissionDenied):
        services.person_register(by=resident, full_name="誰か", municipality=assisted.municipality)
    with pytest.raises(PermissionDenied):  # an account is not an assisted person: find or register them first
        services.enter_idea(by=staff, for_whom=resident, consent=SPOKEN, title="t", body="b")
    assert not Idea.objects.exists()


def test_supporters_do_not_take_calls_or_enter_paper_forms(assisted, supporter):
    with pytest.raises(PermissionDenied):
        services.enter_call(by=supporter, kind="idea", consent_note="電話で同意", title="t", body="b",
                            reference=assisted.reference)
    with pytest.raises(PermissionDenied):
        services.enter_paper_form(by=supporter, kind="idea", form_number="D-00001", title="t", body="b",
                                  reference=assisted.reference)


def test_support_and_votes_for_the_person(assisted, supporter, coordinator, make_idea):
    idea = make_idea(coordinator)
    services.enter_support(by=supporter, for_whom=assisted, consent=SPOKEN, idea=idea)
    assert IdeaSupport.objects.filter(target=idea, person=assisted.person).exists()
    conversation = listening.conversation_create(by=coordinator, title="バス", question="バスについて",
                                                 seeds=["バスを増やしたい", "乗り合いタクシーがよい"])
    first, second = conversation.statements.order_by("id")
    entry = services.enter_votes(by=supporter, for_whom=assisted, consent=SPOKEN, conversation=conversation,
                                 votes={first: 1, second: -1})
    votes = Vote.objects.filter(participant__person=assisted.person)
    assert sorted(votes.values_list("value", flat=True)) == [-1, 1]
    assert entry.kind == "vote" and entry.detail == "2"
    with pytest.raises(ValidationError):
        services.enter_votes(by=supporter, for_whom=assisted, consent=SPOKEN, conversation=conversation, votes={})


def test_event_registration_and_help_sign_up(assisted, supporter, gunma, make_request):
    event = make_event(organiser())
    entry = services.enter_registration(by=supporter, for_whom=assisted, consent=SPOKEN, event=event)
    assert Registration.objects.filter(event=event, person=assisted.person).exists() and entry.kind == "registration"
    help_request = make_request()
    slot_event = help_request.slots.get().event
    entry = services.enter_registration(by=supporter, for_whom=assisted, consent=SPOKEN, event=slot_event)
    assert entry.kind == "help_signup" and entry.target_repr == help_request.title
    assert Registration.objects.filter(event=slot_event, person=assisted.person).exists()


def test_a_paper_form_registers_its_writer_and_is_entered_once(staff, municipality):
    entry = services.enter_paper_form(by=staff, kind="issue", form_number="I-00007", title="街灯が暗い",
                                      body="夜道が怖い。", full_name="佐藤 トメ", home=municipality)
    issue = Issue.objects.get()
    assert issue.channel == Channel.PAPER and entry.channel == "paper" and entry.consent_form_number == "I-00007"
    assert AssistedPerson.objects.get().person == issue.author
    with pytest.raises(ValidationError) as twice:
        services.enter_paper_form(by=staff, kind="issue", form_number="I-00007", title="別", body="別",
                                  full_name="別の人", home=municipality)
    assert "form_number" in twice.value.message_dict
    assert Issue.objects.count() == 1 and AssistedPerson.objects.count() == 1  # all of it rolled back


def test_a_call_is_logged_with_spoken_consent(staff, assisted):
    entry = services.enter_call(by=staff, kind="idea", consent_note="電話で読み上げて同意", title="見守り",
                                body="一人暮らしの見守りを。", reference=assisted.reference)
    assert Idea.objects.get().channel == Channel.PHONE and entry.consent_method == "spoken"
    with pytest.raises(ValidationError) as unknown:
        services.enter_call(by=staff, kind="idea", consent_note="x", title="t", body="b", reference="YK-NONE-0000")
    assert "reference" in unknown.value.message_dict


def test_the_person_claims_the_account_and_keeps_what_was_entered(supporter, municipality, client):
    assisted, code = services.person_register(by=supporter, full_name="山田 ハル", municipality=municipality)
    services.enter_idea(by=supporter, for_whom=assisted, consent=SPOKEN, title="t", body="b")
    with pytest.raises(ValidationError):
        services.claim(reference=assisted.reference, code="WRONG-CODE-XXXX", email="haru@example.jp",
                       password="kusatsu-onsen-2026")
    person = services.claim(reference=assisted.reference.lower(), code=code.lower(), email="Haru@example.jp",
                            password="kusatsu-onsen-2026")
    assert person.email == "haru@example.jp" and User.objects.get(pk=person.pk).check_password("kusatsu-onsen-2026")
    assert Idea.objects.get().author == person
    with pytest.raises(ValidationError):  # once only
        services.claim(reference=assisted.reference, code=code, email="x@example.jp", password="kusatsu-onsen-2026")


def test_the_persons_data_download_has_their_registration_and_entries(assisted, supporter):
    from yukemuri.core.personaldata import collect_personal_data

    services.enter_idea(by=supporter, for_whom=assisted, consent=PAPER, title="見守り", body="b")
    data = collect_personal_data(assisted.person)
    assert data["assisted_registration"][0]["reference"] == assisted.reference
    assert data["assisted_entries"][0]["form_number"] == "C-00012" and data["assisted_entries"][0]["about"] == "見守り"
