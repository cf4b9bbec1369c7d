"""The demo's calls: an open サウンディング with Q&A and a proposal only staff and its company read, a closed one
with its summary; the KPI counts both; loading again adds and records nothing."""

from django.utils import translation

from yukemuri.actions.models import Action
from yukemuri.calls.models import Call, Proposal, Question
from yukemuri.demo.loader import load_demo
from yukemuri.demo.models import DemoRecord
from yukemuri.kpi.models import IndicatorValue
from yukemuri.people.models import User


def test_demo_calls(db, client):
    load_demo()
    open_call = DemoRecord.objects.get(key="call-akiya").target
    closed = DemoRecord.objects.get(key="call-tomioka-shops").target
    assert open_call.is_open and not closed.is_open and closed.has_summary
    proposal = Proposal.objects.get(call=open_call)
    secret = "チャレンジショップ"
    assert secret in proposal.answers[0]["text"]
    with translation.override("en"):
        page = client.get(f"/en/calls/{open_call.pk}/").content.decode()
    assert "市の空き家バンク" in page and "個人での参加は可能ですか" not in page  # answered only
    assert secret not in page and client.get(proposal.get_absolute_url()).status_code == 302
    client.force_login(User.objects.get(email="demo-haruto@example.jp"))
    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(User.objects.get(email="demo-yui@example.jp"))
    assert secret in client.get(proposal.get_absolute_url()).content.decode()
    client.force_login(User.objects.get(email="demo-sato@example.jp"))
    assert secret in client.get(proposal.get_absolute_url()).content.decode()
    assert "2者から提案" in client.get(f"/calls/{closed.pk}/").content.decode()
    soundings = {v.year: int(v.value) for v in IndicatorValue.objects.filter(indicator__slug="sounding-surveys",
                                                                             area="")}
    assert soundings[2025] == 1 and max(soundings.values()) == 2  # cumulative
    counts = (Call.objects.count(), Proposal.objects.count(), Question.objects.count(),
              Action.objects.filter(verb__startswith="call.").count())
    assert counts[:3] == (2, 3, 2)
    assert load_demo() == 0
    assert (Call.objects.count(), Proposal.objects.count(), Question.objects.count(),
            Action.objects.filter(verb__startswith="call.").count()) == counts
