import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from yukemuri.events import services as events
from yukemuri.events.tests.factories import make_event, organiser
from yukemuri.help import services as help_services
from yukemuri.ideas import services as ideas
from yukemuri.issues import services as issues
from yukemuri.listening import services as listening
from yukemuri.notifications.models import Notification
from yukemuri.notifications.services import notify
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.points import services as points
from yukemuri.privacy import selectors, services, tasks
from yukemuri.privacy.models import AccessKind, AccessRecord, DataCategory, DataExport, RecipientConsent
from yukemuri.ties import services as ties

KINDS = {"profile", "consents", "issues", "issue_supports", "ideas", "comments", "idea_supports", "idea_follows",
         "registrations", "help_signups", "listening_participation", "listening_votes", "listening_statements",
         "points", "ties", "tie_residence", "notifications", "data_access", "recipient_consents"}


@pytest.fixture
def farm(municipality):
    return Organisation.objects.create(name="渋川の農園", kind=Organisation.Kind.COMPANY, municipality=municipality,
                                       verified=True)


@pytest.fixture
def person(gunma):
    return PersonFactory(display_name="湯川さん")


@pytest.fixture
def stranger(gunma):
    return PersonFactory(display_name="よその人")


@pytest.fixture
def rich_person(person, stranger, municipality, farm):
    """A person with something in every app, beside a stranger who comments on the same idea."""
    host = organiser()
    issue = issues.issue_create(author=person, title="空き家が多い", body="空き家の活用を考えたい")
    issues.issue_support(issue=issue, person=person)
    idea = ideas.idea_create(author=stranger, title="空き家カフェ", body="週末だけ開くカフェ")
    ideas.idea_create(author=person, title="温泉の足湯マップ", body="足湯を地図にする")
    ideas.comment_create(idea=idea, author=person, body="=HYPERLINK(\"http://evil\") 手伝います")
    ideas.comment_create(idea=idea, author=stranger, body="よその人の秘密のコメント")
    ideas.idea_support(idea=idea, person=person)
    ideas.idea_follow(idea=idea, person=person)
    events.register(event=make_event(host), person=person)
    farmer = PersonFactory(display_name="農園の人")
    Membership.objects.create(organisation=farm, person=farmer)
    request = help_services.request_create(by=farmer, host=farm, municipality=municipality, title="りんごの収穫",
                                           description="収穫を手伝ってください", kind="harvest")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=9)
    slot = help_services.slot_add(request=request, by=farmer, starts_at=starts, ends_at=starts + timedelta(hours=3),
                                  helpers=2)
    help_services.request_publish(request=request, by=farmer)
    events.register(event=slot.event, person=person)
    conversation = listening.conversation_create(by=host, title="駅前の将来", question="どうしたい?",
                                                 seeds=["広場がほしい", "駐車場がほしい"])
    participant = listening.participant_for(conversation, key=None, person=person)
    listening.vote(participant=participant, statement=conversation.statements.first(), value=1)
    listening.statement_add(participant=participant, text="ベンチを置きたい")
    issuer = points.issuer_open(by=None, name="渋川市", municipality=municipality)
    points.earn(issuer=issuer, person=person, amount=30, reason="収穫のお手伝い", key="test:1", by=None)
    ties.tie_create(person=person, municipality=municipality, kinds=["fan"], prefecture="13")
    notify([person], message="Hello %(name)s", params={"name": "x"})
    services.recipient_consent_grant(person=person, organisation=farm, purpose=DataCategory.CONTACT)
    services.access_record(viewer=host, people=[person], kind=AccessKind.OTHER, about="テスト")
    return person


def _archive(export) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(bytes(export.content)))


def test_export_contains_every_kind_and_only_the_persons_own_data(rich_person, django_capture_on_commit_callbacks,
                                                                  client):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.export_request(person=rich_person)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY and export.size == len(bytes(export.content))
    assert export.expires_at - export.ready_at == timedelta(days=7)
    archive = _archive(export)
    data = json.loads(archive.read("data.json"))
    assert set(data) >= KINDS
    for kind in KINDS:
        assert data[kind], kind  # each app's part is there and has the person's rows
        assert f"{kind}.csv" in archive.namelist()
    everything = archive.read("data.json").decode() + "".join(
        archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "手伝います" in everything and "よその人の秘密のコメント" not in everything
    assert "週末だけ開くカフェ" not in everything  # the stranger's idea body is theirs, not exported
    assert data["profile"][0]["email"] == rich_person.email
    rows = list(csv.reader(io.StringIO(archive.read("comments.csv").decode("utf-8-sig"))))
    body = rows[0].index("body")
    assert rows[1][body].startswith("'=HYPERLINK")  # formula neutralised (core.csvexport)
    # Announced: a notice and an e-mail, both with the page's link.
    assert Notification.objects.filter(person=rich_person, url=reverse("my_data")).count() == 1
    assert len(mail.outbox) == 1 and reverse("my_data") in mail.outbox[0].body
    assert mail.outbox[0].to == [rich_person.email]


def test_building_twice_builds_once_and_announces_once(person):
    export = DataExport.objects.create(person=person)
    assert services.export_build(export_id=export.pk) is True
    first = DataExport.objects.get(pk=export.pk)
    assert tasks.build_export.call(export.pk) is False  # a retry of the task: nothing new
    again = DataExport.objects.get(pk=export.pk)
    assert bytes(again.content) == bytes(first.content) and again.ready_at == first.ready_at
    assert DataExport.objects.filter(person=person).count() == 1
    assert Notification.objects.filter(person=person).count() == 1
    assert len(mail.outbox) == 1
    assert services.export_build(export_id=999999) is False  # a vanished request is no error


def test_a_retry_after_a_failed_email_sends_it_then(person, monkeypatch):
    export = DataExport.objects.create(person=person)

    def down(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", down)
    with pytest.raises(ConnectionError):
        services.export_build(export_id=export.pk)
    assert DataExport.objects.get(pk=export.pk).status == DataExport.Status.READY  # the ZIP is kept
    monkeypatch.undo()
    assert services.export_build(export_id=export.pk) is False
    assert len(mail.outbox) == 1 and Notification.objects.filter(person=person).count() == 1


def test_one_request_at_a_time(person, client):
    services.export_request(person=person)  # the task waits for the commit: still being prepared
    with pytest.raises(ValidationError):
        services.export_request(person=person)
    client.force_login(person)
    with translation.override("en"):
        response = client.post(reverse("my_data_request"), follow=True)
    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.filter(person=person).count() == 1
    DataExport.objects.filter(person=person).update(status=DataExport.Status.READY)
    services.export_request(person=person)  # once ready, asking again is fine
    assert DataExport.objects.filter(person=person).count() == 2


def test_download_only_by_its_person_and_until_it_expires(person, stranger, client):
    export = DataExport.objects.create(person=person)
    services.export_build(export_id=export.pk)
    url = reverse("my_data_download", args=[export.pk])
    assert client.get(url).status_code == 302  # signed out: to the login page
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert "data.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert client.get("/me/data/999999/download/").status_code == 404
    assert client.get("/me/data/abc/download/").status_code == 404
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(url).status_code == 404
    with translation.override("en"):
        page = client.get(reverse("my_data")).content.decode()
    assert "Expired" in page and url not in page
    assert services.expire_exports() == 1
    assert DataExport.objects.get(pk=export.pk).content is None


def test_the_page_lists_exports_and_get_never_writes(person, client):
    export = DataExport.objects.create(person=person)
    services.export_build(export_id=export.pk)
    DataExport.objects.create(person=person)
    client.force_login(person)
    counts = (DataExport.objects.count(), AccessRecord.objects.count(), RecipientConsent.objects.count(),
              Notification.objects.count())
    with translation.override("en"):
        page = client.get(reverse("my_data")).content.decode()
        assert client.get(reverse("my_data_request")).status_code == 405
        assert client.get(reverse("my_data_recipient_consent")).status_code == 405
    assert "Being prepared" in page and reverse("my_data_download", args=[export.pk]) in page
    assert counts == (DataExport.objects.count(), AccessRecord.objects.count(), RecipientConsent.objects.count(),
                      Notification.objects.count())


def test_requesting_through_the_page(person, client, django_capture_on_commit_callbacks):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data_request"))
    assert response.status_code == 302 and response.url == reverse("my_data")
    assert DataExport.objects.get(person=person).status == DataExport.Status.READY


# The access log ----------------------------------------------------------------------------------------------

def test_the_attendance_list_records_one_access_per_registered_person(person, stranger, client):
    host = organiser()
    event = make_event(host, title="足湯の会")
    events.register(event=event, person=person)
    events.register(event=event, person=stranger)
    events.register(event=event, guest_name="ゲスト", guest_email="g@example.jp")
    url = reverse("event_attendance_csv", args=[event.pk])
    client.force_login(host)
    assert client.get(url).status_code == 405  # a download that is recorded is a POST
    assert AccessRecord.objects.count() == 0
    assert client.post(url).status_code == 200
    records = AccessRecord.objects.filter(kind=AccessKind.EVENT_ATTENDANCE)
    assert sorted(records.values_list("person_id", flat=True)) == sorted([person.pk, stranger.pk])
    assert {r.viewer_id for r in records} == {host.pk} and {r.about for r in records} == {"足湯の会"}
    client.force_login(person)
    page = client.get(reverse("my_data")).content.decode()
    assert "足湯の会" in page and host.display_name in page
    client.force_login(stranger)
    assert client.post(url).status_code == 403  # not an organiser: nothing exported, nothing recorded
    assert AccessRecord.objects.count() == 2


def test_the_ties_members_list_records_an_access_for_each_person(person, stranger, municipality, client):
    org = Organisation.objects.create(name="役場", kind=Organisation.Kind.MUNICIPALITY, municipality=municipality,
                                      verified=True)
    staff = PersonFactory(display_name="役場の職員")
    Membership.objects.create(organisation=org, person=staff)
    ties.tie_create(person=person, municipality=municipality, kinds=["fan"], contact_consent=True)
    ties.tie_create(person=stranger, municipality=municipality, kinds=["fan"])  # no consent: not in the list
    client.force_login(staff)
    assert client.post(reverse("ties_members_csv", args=[municipality.code])).status_code == 200
    assert list(AccessRecord.objects.values_list("person_id", "viewer_id", "kind")) == [
        (person.pk, staff.pk, AccessKind.TIES_MEMBERS)]
    assert list(selectors.accesses_to(stranger)) == []
    client.force_login(person)
    assert "役場の職員" in client.get(reverse("my_data")).content.decode()


def test_access_records_skip_guests_and_keep_the_viewers_name(person):
    viewer = PersonFactory(display_name="見た人")
    assert services.access_record(viewer=viewer, people=[person, None, person.pk], kind=AccessKind.OTHER) == 1
    viewer.delete()
    record = AccessRecord.objects.get()
    assert record.viewer is None and record.viewer_name == "見た人"


# Consent per recipient ---------------------------------------------------------------------------------------

def test_consent_per_recipient_with_history(person, farm, municipality):
    other = Organisation.objects.create(name="別の会社", kind=Organisation.Kind.COMPANY, municipality=municipality)
    assert not selectors.may_share(person, farm, DataCategory.CONTACT)
    first = services.recipient_consent_grant(person=person, organisation=farm, purpose=DataCategory.CONTACT)
    assert services.recipient_consent_grant(person=person, organisation=farm, purpose=DataCategory.CONTACT) == first
    assert selectors.may_share(person, farm, DataCategory.CONTACT)
    assert not selectors.may_share(person, farm, DataCategory.PROFILE)  # per purpose
    assert not selectors.may_share(person, other, DataCategory.CONTACT)  # per recipient
    assert services.recipient_consent_withdraw(person=person, organisation=farm, purpose=DataCategory.CONTACT) == 1
    assert not selectors.may_share(person, farm, DataCategory.CONTACT)
    services.recipient_consent_grant(person=person, organisation=farm, purpose=DataCategory.CONTACT)
    history = list(RecipientConsent.objects.filter(person=person).order_by("id"))
    assert len(history) == 2 and history[0].withdrawn_at is not None and history[1].withdrawn_at is None
    assert not selectors.may_share(None, farm, DataCategory.CONTACT)
    with pytest.raises(ValidationError):
        services.recipient_consent_grant(person=person, organisation=farm, purpose="everything")


def test_consent_per_recipient_through_the_page(person, farm, client):
    url = reverse("my_data_recipient_consent")
    assert client.post(url, {"organisation": farm.pk, "purpose": "contact", "decision": "grant"}).status_code == 302
    assert not RecipientConsent.objects.exists()  # signed out: to the login page, nothing recorded
    client.force_login(person)
    response = client.post(url, {"organisation": farm.pk, "purpose": "contact", "decision": "grant"})
    assert response.status_code == 302 and selectors.may_share(person, farm, "contact")
    page = client.get(reverse("my_data")).content.decode()
    assert "渋川の農園" in page
    client.post(url, {"organisation": farm.pk, "purpose": "contact", "decision": "withdraw"})
    assert not selectors.may_share(person, farm, "contact")
    assert RecipientConsent.objects.filter(person=person, withdrawn_at__isnull=False).count() == 1
    for bad in ({"organisation": "999999", "purpose": "contact", "decision": "grant"},
                {"organisation": "x", "purpose": "contact", "decision": "grant"},
                {"organisation": farm.pk, "purpose": "all", "decision": "grant"},
                {"organisation": farm.pk, "purpose": "contact", "decision": "maybe"},
                {"organisation": Organisation.objects.create(name="名乗っただけの団体", kind="npo").pk,  # unverified
                 "purpose": "contact", "decision": "grant"}):
        response = client.post(url, bad)
        assert response.status_code == 400 and 'class="errorlist' in response.content.decode()
    assert RecipientConsent.objects.filter(person=person).count() == 1


def test_a_failing_part_marks_the_export_failed_and_the_person_may_ask_again(person, monkeypatch,
                                                                              django_capture_on_commit_callbacks):
    from yukemuri.core import personaldata

    def broken(person):
        raise RuntimeError("a part could not be read")

    monkeypatch.setitem(personaldata.COLLECTORS, "broken", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.export_request(person=person)  # the task fails (the immediate backend records it, no raise)
    export = DataExport.objects.get(person=person)  # the immediate backend cannot retry later: given up
    assert export.status == DataExport.Status.FAILED and export.content is None
    monkeypatch.delitem(personaldata.COLLECTORS, "broken")
    with django_capture_on_commit_callbacks(execute=True):
        services.export_request(person=person)
    assert DataExport.objects.filter(person=person, status=DataExport.Status.READY).count() == 1


def test_the_expiry_command(person):
    from django.core.management import call_command

    export = DataExport.objects.create(person=person)
    services.export_build(export_id=export.pk)
    out = io.StringIO()
    call_command("privacy_expire", stdout=out)
    assert "expired 0" in out.getvalue()
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    call_command("privacy_expire", stdout=out)
    assert "expired 1" in out.getvalue() and DataExport.objects.get(pk=export.pk).content is None
