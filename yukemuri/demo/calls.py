"""公募 (デモ): two market soundings (サウンディング調査, seed 001's KPI; 民間サウンディング, seed 004) by the prefecture's
staff. One is open — on using 空き家 in 旧渋川市域 — with an answered and a waiting question and a proposal of
株式会社 アキヤラボ that only staff and that company see. The other, on the empty shops of 富岡's centre, closed in
2025 with two proposals, and its summary and decision are published. Every object is made once under a stable key,
so loading again adds nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from yukemuri.calls import services
from yukemuri.calls.models import Call
from yukemuri.organisations.models import Organisation
from yukemuri.organisations.services import organisation_create
from yukemuri.people import services as people
from yukemuri.people.models import ConsentPurpose
from yukemuri.regions.models import Municipality

TOKYO = ZoneInfo("Asia/Tokyo")
AKIYA_QUESTIONS = ("空き家をどのように活用しますか（用途・対象者）\n"
                   "事業の体制と、県・市に期待する役割\n"
                   "事業化に向けた課題と、必要な条件")
SHOPS_QUESTIONS = "空き店舗の活用方法\n想定する事業期間と採算の見込み"


def _company(once):
    person = once("p-calls-company", lambda: people.person_register(
        email="demo-tomioka-machi@example.jp", password=None, display_name="小林（デモ・まちづくり会社）",
        relation="works", home_municipality=Municipality.objects.get(code="102105"), is_demo=True,
        consents={ConsentPurpose.TERMS}))
    company = once("org-calls-company", lambda: organisation_create(
        name="株式会社 とみおかまちづくり（デモ）", kind=Organisation.Kind.COMPANY, creator=person,
        municipality=Municipality.objects.get(code="102105"), is_demo=True))
    return person, company


def _open_call(get, once, staff):
    call = once("call-akiya", lambda: services.call_publish(
        by=staff, kind=Call.Kind.SOUNDING, title="旧渋川市域の空き家活用に関するサウンディング調査",
        purpose="旧渋川市域で増えている空き家を、地域のにぎわいや移住・創業の場として活用するため、民間事業者の皆さまから"
                "活用のアイデアや事業化の条件についてご意見を伺います（デモ）。調査結果は今後の事業の検討に活用します。",
        questions=AKIYA_QUESTIONS, eligibility="法人または団体（NPO・大学を含む）。個人事業主の方はご相談ください。",
        deadline=timezone.now() + timedelta(days=45), issue=get("i-akiya"), service="空き家バンク"))
    asked = once("call-akiya-q1", lambda: services.question_ask(
        call=call, by=get("p-haruto"), text="対象となる空き家の件数や所在地の一覧はいただけますか。"))
    if asked.answered_at is None:
        services.question_answer(question=asked, by=staff,
                                 answer="市の空き家バンクに登録済みの12件の一覧を、対話の際にお渡しします（デモ）。")
    once("call-akiya-q2", lambda: services.question_ask(
        call=call, by=get("p-kenta"), text="個人での参加は可能ですか。"))
    yui, startup = get("p-yui"), get("org-startup")
    once("call-akiya-p1", lambda: services.proposal_submit(
        call=call, by=yui, organisation=startup, answers=[
            ("空き家を改修し、1階を週末のチャレンジショップ、2階をお試し移住の住まいとして貸し出します。", False),
            ("当社が改修と運営を担い、市には物件所有者との橋渡しをお願いしたいと考えています。", False),
            ("改修費の見込みは1軒あたり約600万円。うち半分を補助金で賄えれば採算が合います（社外秘）。", True)]))


def _closed_call(get, once, staff):
    call = once("call-tomioka-shops", lambda: services.call_publish(
        by=staff, kind=Call.Kind.SOUNDING, title="富岡市中心市街地の空き店舗活用に関するサウンディング調査",
        purpose="富岡製糸場周辺の空き店舗を活用し、観光客と住民が立ち寄る場をつくるため、民間事業者の皆さまのご意見を"
                "伺いました（デモ）。",
        questions=SHOPS_QUESTIONS, deadline=timezone.now() + timedelta(days=1), issue=get("i-tomioka-shops")))
    person, company = _company(once)
    once("call-tomioka-p1", lambda: services.proposal_submit(
        call=call, by=person, organisation=company, answers=[
            ("3店舗をまとめて借り、地元野菜の食堂と工房を開きます。", False),
            ("5年間。初年度は赤字、3年目に黒字化の見込み（詳細は社外秘）。", True)]))
    once("call-tomioka-p2", lambda: services.proposal_submit(
        call=call, by=get("p-yui"), organisation=get("org-startup"), answers=[
            ("空き店舗の所有者と出店希望者をつなぐマッチングの仕組みをつくります。", False), ("", False)]))
    if call.deadline > timezone.now():  # it ran in 2025: the dates as they were (the services take only future ones)
        Call.objects.filter(pk=call.pk).update(published_at=datetime(2025, 6, 2, 10, 0, tzinfo=TOKYO),
                                               deadline=datetime(2025, 7, 31, 17, 0, tzinfo=TOKYO))
        call.refresh_from_db()
    if not call.has_summary:
        services.summary_publish(
            call=call, by=staff,
            summary="2者から提案がありました。空き店舗をまとめて借りて食堂と工房を開く案と、所有者と出店希望者をつなぐ"
                    "マッチングの仕組みをつくる案です（デモ）。",
            decision="両案を組み合わせ、2026年度に市と事業者の協定によるモデル事業を検討します（デモ）。")


def load_calls_demo(get, once) -> None:
    staff = get("p-sato")
    if staff is None or get("org-startup") is None or get("i-akiya") is None:
        return
    _open_call(get, once, staff)
    _closed_call(get, once, staff)
