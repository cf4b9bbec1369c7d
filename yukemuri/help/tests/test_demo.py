"""The demo's help requests: published, marked デモ, on /help/ with their slots, idempotent, points from 嬬恋村."""

from yukemuri.demo.loader import load_demo
from yukemuri.events.models import Event
from yukemuri.help.models import HelpRequest, HelpSlot
from yukemuri.help.selectors import open_requests


def test_the_demo_requests_are_on_the_list_and_load_once(db, client):
    load_demo()
    requests = HelpRequest.objects.all()
    assert requests.count() == 5
    assert all(r.is_demo and "デモ" in r.title and r.status == "published" for r in requests)
    assert open_requests().count() == 5
    page = client.get("/help/").content.decode()
    for title in ("高原キャベツの収穫", "湯畑周辺の雪かき", "八木節まつり", "棚田の草刈り", "【災害支援】"):
        assert title in page
    assert page.index("【災害支援】") < page.index("高原キャベツ")  # disaster support first
    assert "【災害支援】" in client.get("/help/disaster/").content.decode()
    cabbage = HelpRequest.objects.get(title__startswith="高原キャベツ")
    assert cabbage.points == 50 and cabbage.municipality.name == "嬬恋村" and cabbage.host.verified
    from yukemuri.points.selectors import issuer_for

    assert issuer_for(organisation=cabbage.host, municipality=cabbage.municipality) is not None
    counts = (HelpRequest.objects.count(), HelpSlot.objects.count(), Event.objects.count())
    assert load_demo() == 0
    assert (HelpRequest.objects.count(), HelpSlot.objects.count(), Event.objects.count()) == counts
