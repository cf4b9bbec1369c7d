"""ふりがな: readings over kanji on demand, above a chosen school grade, kept in a cookie, on cached pages too."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yukemuri.core.furigana import ALL, annotate_html, grade_of, split_reading


def rubies(html):
    import re

    return re.findall(r"<ruby>([^<]+)<rt aria-hidden=\"true\">([^<]+)</rt></ruby>", html)


def test_readings_over_every_kanji_with_okurigana_left_out():
    html = annotate_html("<p>嬬恋村で高原キャベツの収穫を手伝ってください。</p>", ALL)
    assert rubies(html) == [("嬬恋村", "つまごいむら"), ("高原", "こうげん"), ("収穫", "しゅうかく"), ("手伝", "てつだ")]
    assert html.startswith('<p><span class="furigana">') and "ってください。</span></p>" in html and "キャベツ" in html


def test_only_kanji_beyond_the_grade_get_readings():
    # 高 and 原 are taught by grade 2; 収 in grade 6 and 穫 not at primary school; 伝 in grade 4.
    assert [base for base, _ in rubies(annotate_html("<p>高原で収穫を手伝う</p>", 3))] == ["収穫", "手伝"]
    assert [base for base, _ in rubies(annotate_html("<p>高原で収穫を手伝う</p>", 6))] == ["収穫"]
    assert rubies(annotate_html("<p>山と川</p>", 1)) == []


@pytest.mark.parametrize("html", [
    "<script>const s = '漢字';</script>", "<style>/* 漢字 */</style>", "<textarea name=b>漢字の下書き</textarea>",
    "<title>漢字</title>", "<select><option>群馬県</option></select>", '<a title="漢字" href="/漢字/">x</a>',
    "<ruby>漢字<rt>かんじ</rt></ruby>", "<!-- 漢字 -->", "<pre>漢字</pre>",
])
def test_what_is_not_prose_is_left_alone(html):
    assert annotate_html(html, ALL) == html


def test_text_in_another_language_gets_no_japanese_readings():
    html = annotate_html('<ul><li><a lang="zh-hans" href="/zh-hans/">简体中文</a></li><li lang="ja-x-easy">中文</li>'
                         '<li lang="en"><div><div>東京</div>大阪</div></li><li>日本語</li></ul>', ALL)
    assert [base for base, _ in rubies(html)] == ["中文", "日本語"]


def test_a_text_with_readings_stays_one_flex_item():
    # A label laid out with flex would make every word and <ruby> an item of its own, one character wide.
    html = annotate_html('<label class="checkbox-row"><input type="checkbox">利用規約に同意する</label>', ALL)
    assert html.startswith('<label class="checkbox-row"><input type="checkbox"><span class="furigana"><ruby>')
    assert html.endswith("する</span></label>")


def test_entities_and_other_scripts_stay_as_they_are():
    html = annotate_html("<p>2026年 &amp; Tiếng Việt 前橋市</p>", ALL)
    assert "&amp; Tiếng Việt " in html and ("年", "ねん") in rubies(html)


def test_a_word_whose_kana_do_not_line_up_carries_its_whole_reading():
    assert split_reading("食べ物", "タベモノ") == [("食", "た"), ("べ", None), ("物", "もの")]
    assert split_reading("今日", "きょう") == [("今日", "きょう")]
    assert split_reading("見る", "ミナイ") == [("見る", "みない")]  # no line-up: the whole word, the whole reading


@given(st.text(alphabet="漢字かなカナ<>/ap\"=& 123", max_size=60))
def test_any_text_keeps_its_characters_once_the_readings_are_taken_out(text):
    import re

    html = annotate_html(text, ALL)
    assert re.sub(r"<ruby>|<rt aria-hidden=\"true\">[^<]*</rt>|</ruby>", "", html) == text or re.sub(
        r"<span class=\"furigana\">|</span>|<ruby>|<rt aria-hidden=\"true\">[^<]*</rt>|</ruby>", "", html) == text


@pytest.mark.parametrize(("value", "grade"), [("1", ALL), ("above-3", 3), ("above-6", 6), ("0", None),
                                              ("above-7", None), ("", None), ("<script>", None), (None, None)])
def test_choices(value, grade):
    assert grade_of(value) == grade


@pytest.mark.django_db
def test_the_parameter_sets_the_cookie_and_cached_pages_get_readings(client, gunma):
    plain = client.get("/regions/")
    assert plain.status_code == 200 and "<ruby>" not in plain.content.decode()
    with_readings = client.get("/regions/", {"furigana": "1"})
    assert "<ruby>群馬県<rt aria-hidden=\"true\">ぐんまけん</rt></ruby>" in with_readings.content.decode()
    assert with_readings.cookies["furigana"].value == "1" and "private" in with_readings["Cache-Control"]
    again = client.get("/regions/")  # the cookie keeps it on, on the page the page cache holds
    assert "<ruby>" in again.content.decode()
    if again.has_header("Content-Length"):  # the length is the annotated page's, or browsers cut it short
        assert int(again["Content-Length"]) == len(again.content)
    assert "<ruby>" not in client.get("/regions/", {"furigana": "0"}).content.decode()
    assert client.cookies["furigana"].value == "0"  # kept as off
    assert "<ruby>" not in client.get("/regions/").content.decode()


@pytest.mark.django_db
def test_nonsense_turns_readings_off_and_never_breaks_a_page(client, gunma):
    for value in ("above-0", "2", "%00", "1" * 500):
        response = client.get("/regions/", {"furigana": value})
        assert response.status_code == 200 and "<ruby>" not in response.content.decode()


@pytest.mark.django_db
def test_json_is_never_touched(client, gunma):
    client.cookies["furigana"] = "1"
    response = client.get("/api/v1/municipalities")
    assert response.status_code == 200 and "<ruby>" not in response.content.decode()


@pytest.mark.django_db
def test_every_page_offers_the_choice_without_javascript(client, gunma):
    page = client.get("/regions/").content.decode()
    assert '<form class="furigana-choice" method="get" action="/furigana/">' in page
    assert 'name="next" value="/regions/"' in page and 'value="above-3"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "to"), [
    ({"furigana": "1", "next": "/issues/?municipality=102083&furigana=0"}, "/issues/?municipality=102083"),
    ({"furigana": "0", "next": "https://evil.example/"}, "/"),
    ({"furigana": "1", "next": "//evil.example/x"}, "/"),
    ({"furigana": "1"}, "/"),
])
def test_the_footer_form_goes_back_to_the_page_and_only_to_this_site(client, gunma, query, to):
    response = client.get("/furigana/", query)
    assert response.status_code == 302 and response["Location"] == to
    assert (response.cookies["furigana"].value == "1") == (query["furigana"] == "1")


@pytest.mark.django_db
def test_after_a_post_the_form_goes_back_to_the_referring_page(client, gunma):
    response = client.get("/furigana/", {"furigana": "1"}, HTTP_REFERER="http://testserver/ideas/?page=2")
    assert response["Location"] == "/ideas/?page=2"


@pytest.mark.django_db
def test_easy_japanese_reads_with_furigana_unless_turned_off(client, gunma):
    page = client.get("/ja-easy/regions/").content.decode()
    assert '<html lang="ja-x-easy">' in page
    assert "<ruby>群馬県<rt aria-hidden=\"true\">ぐんまけん</rt></ruby>" in page
    assert "<ruby>" not in client.get("/regions/").content.decode()  # plain Japanese stays plain
    assert "<ruby>" not in client.get("/ja-easy/regions/", {"furigana": "0"}).content.decode()
    assert "<ruby>" not in client.get("/ja-easy/regions/").content.decode()  # the cookie keeps it off
