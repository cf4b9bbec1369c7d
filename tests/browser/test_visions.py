"""Area visions (issue 20) in real Chromium at 360 px: a resident the staff named steward edits the vision of
北群馬渋川 through its form, which publishes version 2, and lands on the compare page, which shows the change in
words (the paragraph marked as changed, the added text inside <ins>) — axe clean, screenshots taken."""

from playwright.sync_api import expect

from yukemuri.people.models import Role
from yukemuri.people.services import role_assign
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.regions.models import Area
from yukemuri.topics.models import Theme
from yukemuri.visions import services
from yukemuri.visions.models import Revision

from .helpers import PASSWORD, PHONE, logged_in, path_is, ui


def test_a_steward_edits_the_vision_and_the_compare_page_shows_the_change(page, axe_check, layout_check, screenshot):
    staff = PersonFactory()
    role_assign(person=staff, role=Role.MUNICIPAL_STAFF)
    vision = services.vision_create(by=staff, area=Area.objects.get(name="北群馬渋川"), title="手をつなぐ未来",
                                    body="## めざす姿\n\n空き家が地域の拠点になっている。\n\n## 取り組むこと\n\n情報を集める。",
                                    themes=Theme.objects.get_or_create_many(["空き家"]))
    steward = PersonFactory()
    steward.set_password(PASSWORD)
    steward.save(update_fields=["password"])
    services.steward_name(vision=vision, by=staff, person=steward)

    p = logged_in(page, steward, viewport=PHONE)
    p.goto("/visions/")
    p.get_by_role("link", name="北群馬渋川").click()
    expect(p).to_have_url(path_is("/visions/kitagunma-shibukawa/"))
    expect(p.locator("main")).to_contain_text("空き家が地域の拠点になっている。")
    axe_check(p)
    layout_check(p)
    screenshot(p, "vision-area")

    p.get_by_role("link", name=ui("Edit the vision (publishes a new version)")).click()
    expect(p).to_have_url(path_is(f"/visions/vision/{vision.pk}/edit/"))
    p.fill("#id_body", "## めざす姿\n\n空き家と古民家が地域の拠点になっている。\n\n## 取り組むこと\n\n情報を集める。")
    p.fill("#id_note", "古民家を追加")
    axe_check(p)
    layout_check(p)
    p.get_by_role("button", name=ui("Publish this version")).click()

    expect(p).to_have_url(f"{p.url.split('/visions/')[0]}/visions/vision/{vision.pk}/compare/?a=1&b=2")
    expect(p.locator(".messages")).to_contain_text(ui("Version %(n)d is published.", n=2))
    changed = p.locator("ol.changes li.changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(ui("Paragraph changed"))  # said in words, not by colour alone
    expect(changed.locator("ins")).to_contain_text("古民")
    expect(p.locator("ol.changes li.same.heading").first).to_contain_text("めざす姿")
    axe_check(p)
    layout_check(p)
    screenshot(p, "vision-compare")
    assert Revision.objects.get(vision=vision, number=2).by == steward

    p.get_by_role("link", name=ui("All versions")).click()
    expect(p.locator("tbody tr")).to_have_count(2)
    axe_check(p)
    layout_check(p)
