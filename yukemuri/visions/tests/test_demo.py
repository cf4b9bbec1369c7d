"""The demo's nine area visions and its evaluated idea; loading twice changes nothing."""

from django.apps import apps

from yukemuri.demo.loader import load_demo
from yukemuri.ideas.models import Evaluation, Idea
from yukemuri.visions.models import Review, Vision

AREAS = ["甘楽富岡", "利根沼田", "桐生みどり", "北群馬渋川", "多野藤岡", "吾妻", "前橋・佐波伊勢崎", "高崎安中", "太田・邑楽館林"]


def rows():
    return {model._meta.label: sorted(map(repr, model.objects.values_list()))
            for model in apps.get_models() if model._meta.app_label in {"visions", "ideas", "actions", "demo"}}


def test_demo_visions_and_evaluation_load_once(db, client):
    load_demo()
    visions = Vision.objects.select_related("area")
    assert sorted(v.area.name for v in visions) == sorted(AREAS)
    for vision in visions:
        assert vision.is_demo and vision.version >= 2 and vision.revisions.count() == vision.version
        assert vision.updates.exists() and "デモ" in vision.revisions.get(number=1).body
    shibukawa = Vision.objects.get(area__name="北群馬渋川")
    assert {i.title for i in shibukawa.revisions.get(number=2).ideas.all()} >= {"アキヤデアキナイ", "子供のやりたい応援隊！"}
    assert shibukawa.revisions.get(number=2).series.get().title == "未来共創ワークショップ 2022 北群馬渋川"
    review = Review.objects.get()
    assert review.is_published and review.vision.area.name == "桐生みどり" and review.moved_count >= 1
    himokawa = Idea.objects.get(title="17色のひもかわプロジェクト")
    evaluation = Evaluation.objects.get(idea=himokawa)
    assert evaluation.confirmed_at is not None and himokawa.outcomes.get().measurements.count() == 3

    before = rows()
    assert load_demo() == 0
    assert rows() == before

    page = client.get("/visions/kitagunma-shibukawa/")
    assert page.status_code == 200 and "アキヤデアキナイ" in page.content.decode()
    assert client.get(f"/visions/vision/{shibukawa.pk}/compare/").status_code == 200
    assert "FY2023" in client.get(f"/en/ideas/{himokawa.pk}/").content.decode()
