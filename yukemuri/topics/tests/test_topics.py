from django.utils import translation

from yukemuri.topics.models import SDGGoal, Theme


def test_the_17_goals_with_official_names_and_colours(gunma):
    goals = list(SDGGoal.objects.all())
    assert [g.number for g in goals] == list(range(1, 18))
    assert goals[10].name_ja == "住み続けられるまちづくりを"
    assert goals[10].name_en == "Sustainable Cities and Communities"
    assert goals[10].colour == "#FD9D24"
    assert len({g.colour for g in goals}) == 17
    with translation.override("en"):
        assert goals[0].name == "No Poverty"
    with translation.override("ja"):
        assert goals[0].name == "貧困をなくそう"
    # Every other language: the UN's names in it, for all 17.
    expected = {"vi": "Các thành phố và cộng đồng bền vững", "es": "Ciudades y comunidades sostenibles",
                "pt-br": "Cidades e comunidades sustentáveis", "zh-hans": "可持续城市和社区",
                "tl": "Napapanatiling mga Lungsod at Komunidad", "ja-easy": "住み続けられるまちづくりを"}
    for language, name in expected.items():
        with translation.override(language):
            assert goals[10].name == name, language
            assert all(goal.name != goal.name_en for goal in goals), language


def test_themes_are_matched_case_insensitively_and_deduplicated(db):
    first = Theme.objects.get_or_create_many(["SDGs", "空き家", "sdgs", " 空き家 ", ""])
    assert [t.name for t in first] == ["SDGs", "空き家"]
    again = Theme.objects.get_or_create_many(["sdgs"])
    assert again[0].pk == first[0].pk
    assert Theme.objects.count() == 2
