"""Visions' services: start, revise (every version kept, numbered), stewards, updates, the yearly review."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from yukemuri.ideas.models import Idea, StageChange
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Municipality
from yukemuri.topics.models import Theme
from yukemuri.visions import selectors, services
from yukemuri.visions.models import Revision, Vision

TOKYO = ZoneInfo("Asia/Tokyo")


def test_staff_start_a_vision_with_its_first_version(vision, staff):
    assert vision.version == 1
    revision = Revision.objects.get(vision=vision)
    assert revision.number == 1 and revision.by == staff and "<h3>めざす姿</h3>" in revision.body_html
    assert [t.name for t in revision.themes.all()] == ["空き家"]


def test_only_staff_start_and_one_vision_per_place(make_vision, area, person, staff):
    with pytest.raises(PermissionDenied):
        services.vision_create(by=person, area=area, title="t", body="b")
    make_vision()
    with pytest.raises(ValidationError):
        make_vision()
    shibukawa = Municipality.objects.get(code="102083")
    municipal = make_vision(municipality=shibukawa)
    assert municipal.municipality == shibukawa and Vision.objects.count() == 2
    other_area = Municipality.objects.exclude(area=area).exclude(area__isnull=True).first()
    with pytest.raises(ValidationError) as refused:
        make_vision(municipality=other_area)
    assert "municipality" in refused.value.message_dict


def test_markdown_is_sanitised(make_vision):
    vision = make_vision(body="## 見出し\n\n<script>alert(1)</script> [x](javascript:alert(1))")
    html = Revision.objects.get(vision=vision).body_html
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="javascript' not in html


def test_revising_keeps_every_version_and_refuses_no_change(vision, coordinator):
    theme = Theme.objects.get(name="空き家")
    second = services.vision_revise(vision=vision, by=coordinator, title="手をつなぐ未来",
                                    body="## めざす姿\n\n空き家と古民家が地域の拠点になっている。", note="古民家を追加",
                                    themes=[theme])
    assert second.number == 2 and Vision.objects.get(pk=vision.pk).version == 2
    assert list(Revision.objects.filter(vision=vision).values_list("number", flat=True)) == [2, 1]
    with pytest.raises(ValidationError):
        services.vision_revise(vision=vision, by=coordinator, title="手をつなぐ未来", body=second.body, themes=[theme])
    assert Revision.objects.filter(vision=vision).count() == 2


def test_a_resident_revises_only_once_named_steward(vision, person, staff):
    with pytest.raises(PermissionDenied):
        services.vision_revise(vision=vision, by=person, title="x", body="y")
    services.steward_name(vision=vision, by=staff, person=person)
    assert services.vision_revise(vision=vision, by=person, title="x", body="y").number == 2
    with pytest.raises(ValidationError):
        services.steward_name(vision=vision, by=staff, person=person)
    services.steward_remove(vision=vision, by=staff, person=person)
    with pytest.raises(PermissionDenied):
        services.vision_revise(vision=vision, by=person, title="x2", body="y2")
    with pytest.raises(ValidationError):
        services.steward_remove(vision=vision, by=staff, person=person)


def test_stewards_are_named_by_staff_only(vision, coordinator, person):
    with pytest.raises(PermissionDenied):
        services.steward_name(vision=vision, by=coordinator, person=person)


def test_updates_are_dated_not_in_the_future(vision, coordinator):
    update = services.update_write(vision=vision, by=coordinator, title="交流会", body="**開催**しました",
                                   written_on=date(2024, 5, 1))
    assert "<strong>開催</strong>" in update.body_html
    with pytest.raises(ValidationError):
        services.update_write(vision=vision, by=coordinator, title="t", body="b",
                              written_on=timezone.localdate() + timedelta(days=1))


def _idea_in_stages(make_idea, author, theme, moves):
    idea = make_idea(author)
    idea.themes.set([theme])
    Idea.objects.filter(pk=idea.pk).update(created_at=datetime(2023, 1, 10, tzinfo=TOKYO))
    for to, day, kind in moves:
        StageChange.objects.create(idea=idea, kind=kind, from_stage="seed", to_stage=to, by=author,
                                   at=datetime.combine(day, datetime.min.time(), tzinfo=TOKYO), reason="理由")
        Idea.objects.filter(pk=idea.pk).update(stage=to)
    return Idea.objects.get(pk=idea.pk)


def test_follow_up_and_review_prefill_from_the_years_stage_changes(vision, make_idea, person, coordinator):
    theme = Theme.objects.get(name="空き家")
    moved = _idea_in_stages(make_idea, person, theme, [("team", date(2024, 5, 1), "advance"),
                                                       ("plan", date(2024, 9, 1), "advance")])
    paused = _idea_in_stages(make_idea, person, theme, [("seed", date(2024, 6, 1), "pause")])
    _idea_in_stages(make_idea, person, theme, [("team", date(2023, 5, 1), "advance")])  # still at team, no move
    elsewhere = make_idea(person, code="104434")  # 片品村: another area
    elsewhere.themes.set([theme])
    vision = selectors.vision_by_pk(vision.pk)
    groups = selectors.follow_up(vision)
    assert [g.theme.name for g in groups] == ["空き家"]
    assert elsewhere not in groups[0].ideas and moved in groups[0].ideas and len(groups[0].ideas) == 3

    prefill = selectors.review_prefill(vision, 2024)
    assert [idea for idea, _changes in prefill.moved] == [moved]
    assert len(prefill.stalled) == 2 and paused in [idea for idea, _why in prefill.stalled]
    draft = services.review_draft(vision, 2024)
    assert draft.pk is None and "team → plan" in draft.moved.lower().replace("チーム", "team").replace("計画", "plan")
    review = services.review_save(vision=vision, by=coordinator, year=2024, moved="動いた", stalled="止まった")
    assert not review.is_published and review.moved_count == 1 and review.stalled_count == 2
    assert list(selectors.reviews_of(vision)) == []
    review = services.review_save(vision=vision, by=coordinator, year=2024, moved="動いた", stalled="止まった",
                                  publish=True)
    assert review.is_published and list(selectors.reviews_of(vision)) == [review]
    assert services.review_draft(vision, 2024) == review
    rows = selectors.kpi_rows()
    assert rows[0].review == review and rows[0].updates == 0


def test_review_year_is_checked_and_stewards_only(vision, person, coordinator):
    with pytest.raises(ValidationError):
        services.review_save(vision=vision, by=coordinator, year=timezone.localdate().year + 1, moved="", stalled="")
    with pytest.raises(PermissionDenied):
        services.review_save(vision=vision, by=person, year=2024, moved="", stalled="")


def test_in_january_next_fiscal_year_cannot_be_reviewed_yet(vision, coordinator, monkeypatch):
    """15 January 2027 is in fiscal 2026: a review of 2027 is of a year not begun (the calendar year is 2027)."""
    from datetime import date

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 1, 15))
    with pytest.raises(ValidationError):
        services.review_save(vision=vision, by=coordinator, year=2027, moved="", stalled="")
    assert services.review_save(vision=vision, by=coordinator, year=2026, moved="", stalled="").year == 2026


def test_the_ideas_a_vision_names_show_under_other_ideas(make_vision, make_idea, staff):
    idea = make_idea(PersonFactory(), code="104434")
    vision = selectors.vision_by_pk(make_vision(themes=(), ideas=[idea]).pk)
    groups = selectors.follow_up(vision)
    assert len(groups) == 1 and groups[0].theme is None and groups[0].ideas == [idea]
