"""Shared makers for the calls tests (also used by the action-stream verb tests)."""

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yukemuri.calls import services
from yukemuri.calls.models import Call
from yukemuri.organisations.models import Membership, Organisation
from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="plan.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def world():
    """Staff, a company with a member who proposes, a colleague, an outsider, and an open sounding call."""
    staff = PersonFactory()
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    company = Organisation.objects.create(name="株式会社ゆけむり不動産", kind=Organisation.Kind.COMPANY)
    proposer, colleague = PersonFactory(), PersonFactory()
    Membership.objects.create(organisation=company, person=proposer)
    Membership.objects.create(organisation=company, person=colleague)
    call = services.call_publish(
        by=staff, kind=Call.Kind.SOUNDING, title="旧小学校の活用サウンディング", purpose="廃校の活用案を募ります。",
        questions="活用の内容\n事業の体制", deadline=timezone.now() + timedelta(days=7), service="空き家バンク")
    return SimpleNamespace(staff=staff, company=company, proposer=proposer, colleague=colleague,
                           outsider=PersonFactory(), call=call)


def propose(w, text="カフェとコワーキングに改修します", secret="賃料は月5万円を想定"):
    return services.proposal_submit(call=w.call, by=w.proposer, organisation=w.company,
                                    answers=[(text, False), (secret, True)], files=[(pdf(), True)])


def close(call):
    """The deadline passes (moved into the past in the database: the services refuse a past deadline)."""
    from yukemuri.core.pagecache import bump_now

    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    bump_now()  # the cached anonymous pages and API answers last PAGE_CACHE_SECONDS past a deadline: not here
    call.refresh_from_db()
    return call
