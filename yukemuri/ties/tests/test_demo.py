from yukemuri.demo.loader import load_demo
from yukemuri.ties import selectors
from yukemuri.ties.models import Guide, Tie, TieSurvey


def test_demo_ties_guides_and_surveys_load_once(db, client):
    load_demo()
    counts = (Tie.objects.count(), Guide.objects.count(), TieSurvey.objects.count())
    assert counts[0] >= 8 and counts[1] == 3 and Tie.objects.filter(is_demo=True).count() == counts[0]
    assert Tie.objects.values("municipality__code").distinct().count() >= 4
    assert load_demo() == 0
    assert (Tie.objects.count(), Guide.objects.count(), TieSurvey.objects.count()) == counts
    page = client.get("/regions/104256/ties/").content.decode()  # 嬬恋村
    assert "浅間 みどり（デモ）" in page and "みさき（デモ）" in page and "キャベツの収穫を手伝いたい" in page
    assert "ゆい（デモ）" not in client.get("/regions/102032/ties/").content.decode()  # 桐生市: not agreed to be named
    assert "Linh（デモ）" not in client.get("/regions/104493/ties/").content.decode()
    assert any(row["key"] == "13" and row["count"] == 1 for row in selectors.counts_by_prefecture(
        Tie.objects.filter(municipality__code="104256").first().municipality))
