"""Writes of personal data: export requests and their building, access records, consents per recipient."""

import io
import json
import zipfile
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yukemuri.core import csvexport
from yukemuri.core.personaldata import collect_personal_data
from yukemuri.core.tasks import enqueue_later

from .models import AccessRecord, DataCategory, DataExport, RecipientConsent

KEEP_FOR = timedelta(days=7)  # how long a prepared export can be downloaded


def export_request(*, person) -> DataExport:
    """Ask for a copy of everything about `person`. One request at a time: while one is being prepared,
    asking again is refused (the database's constraint holds it under a double click too)."""
    if DataExport.objects.filter(person=person, status=DataExport.Status.REQUESTED).exists():
        raise ValidationError(_("Your data is already being prepared; you will be told when it is ready."))
    try:
        with transaction.atomic():
            export = DataExport.objects.create(person=person)
    except IntegrityError:
        raise ValidationError(_("Your data is already being prepared; you will be told when it is ready.")) from None
    from . import tasks

    transaction.on_commit(lambda: tasks.build_export.enqueue(export.pk))
    return export


def _zip(data: dict[str, list[dict]]) -> bytes:
    """One JSON file with everything, and one CSV per kind (formula-neutralised: core.csvexport)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, rows in data.items():
            text = io.StringIO()
            text.write("\ufeff")  # so that Excel opens the Japanese text as UTF-8
            columns = list(dict.fromkeys(key for row in rows for key in row))
            writer = csvexport.writer(text)
            writer.writerow(columns)
            writer.writerows([[row.get(column) for column in columns] for row in rows])
            archive.writestr(f"{name}.csv", text.getvalue())
    return out.getvalue()


def export_build(*, export_id: int) -> bool:
    """Prepare the export and tell its person; returns whether it was built now. Idempotent: the row is
    locked and only a request still waiting is built, so a task run twice (or retried after a failure in
    the e-mail) builds one ZIP and leaves one notice; the e-mail goes out once (notifications.mail)."""
    from yukemuri.notifications.models import NoticeKind
    from yukemuri.notifications.services import notify

    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("person").filter(pk=export_id).first()
        if export is None:
            return False
        built = export.status == DataExport.Status.REQUESTED
        if built:
            content = _zip(collect_personal_data(export.person))
            now = timezone.now()
            export.content, export.size, export.status = content, len(content), DataExport.Status.READY
            export.ready_at, export.expires_at = now, now + KEEP_FOR
            export.save(update_fields=["content", "size", "status", "ready_at", "expires_at"])
            notify([export.person], kind=NoticeKind.ACCOUNT,
                   message=gettext_noop("Your data is ready to download until %(until)s."),
                   params={"until": timezone.localtime(export.expires_at).strftime("%Y-%m-%d %H:%M")},
                   url=_page_url())
            from . import tasks

            expires_at = export.expires_at
            transaction.on_commit(lambda: enqueue_later(tasks.expire_exports_due, expires_at))
    if export.status == DataExport.Status.READY:
        _email_ready(export)
    return built


def _page_url() -> str:
    from django.urls import reverse

    return reverse("my_data")


def _email_ready(export: DataExport) -> None:
    """The e-mail with the link, sent once per export (a retry finds it sent)."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.utils import translation

    from yukemuri.notifications.mail import send_once
    from yukemuri.people.selectors import may_email

    from . import tasks

    person = export.person
    if not person.is_active or not may_email(person):
        return
    site = settings.YUKEMURI["SITE_URL"].rstrip("/")
    with translation.override(person.preferred_language):
        subject = _("yukemuri: your data is ready to download")
        body = "\n".join([
            _("Hello %(name)s,") % {"name": person.display_name}, "",
            _("The copy of your data you asked for is ready. Sign in and download it here until %(until)s:")
            % {"until": timezone.localtime(export.expires_at).strftime("%Y-%m-%d %H:%M")},
            site + _page_url()])
    send_once(f"privacy-export-{export.pk}", EmailMessage(subject, body, None, [person.email]),
              task=tasks.build_export, args=[export.pk])


def export_fail(*, export_id: int) -> None:
    """Give up on an export (the task failed for good): the person may ask again."""
    DataExport.objects.filter(pk=export_id, status=DataExport.Status.REQUESTED).update(status=DataExport.Status.FAILED)


def expire_exports() -> int:
    """Drop the content of every export past its expiry; returns how many."""
    return (DataExport.objects.filter(expires_at__lte=timezone.now(), content__isnull=False)
            .update(content=None))


# Access records ---------------------------------------------------------------------------------------------

def access_record(*, viewer, people, kind: str, about: str = "") -> int:
    """Record that `viewer` viewed or exported the personal data of each of `people` (one row each, people
    without an account are skipped: a guest's data is the organiser's record of them). Returns how many."""
    ids = {getattr(person, "pk", person) for person in people if person is not None}
    ids.discard(None)
    now = timezone.now()
    name = getattr(viewer, "display_name", "") or str(viewer)
    AccessRecord.objects.bulk_create(
        AccessRecord(person_id=pk, viewer=viewer, viewer_name=name[:150], kind=kind, about=about[:200], at=now)
        for pk in sorted(ids))
    return len(ids)


# Consent per recipient --------------------------------------------------------------------------------------

def _check_purpose(purpose: str) -> None:
    if purpose not in DataCategory.values:
        raise ValidationError({"purpose": _("Choose what may be shared.")})


@transaction.atomic
def recipient_consent_grant(*, person, organisation, purpose: str) -> RecipientConsent:
    """Agree that `organisation` may receive `purpose` (a DataCategory) of my data; granting what is granted
    keeps the earlier record."""
    _check_purpose(purpose)
    live = RecipientConsent.objects.select_for_update().filter(
        person=person, organisation=organisation, purpose=purpose, withdrawn_at__isnull=True).first()
    return live or RecipientConsent.objects.create(person=person, organisation=organisation, purpose=purpose)


@transaction.atomic
def recipient_consent_withdraw(*, person, organisation, purpose: str) -> int:
    """Withdraw it; the record stays with when it ended. Returns how many were live (0 or 1)."""
    _check_purpose(purpose)
    return RecipientConsent.objects.filter(person=person, organisation=organisation, purpose=purpose,
                                           withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
