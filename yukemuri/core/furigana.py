"""ふりがな — readings over kanji, on demand, for anyone who reads kana better than kanji (children, people learning
Japanese, people who find kanji hard).

`?furigana=1` on any page turns readings on for every kanji, `?furigana=above-N` (N = 1…6) only for kanji a child has
not learnt by the end of school grade N (学年別漢字配当表, 2020 edition, from `kanji-lists`), `?furigana=0` turns them
off; the choice is kept in a cookie. The middleware adds `<ruby>` to the Japanese runs of every HTML page on its way
out, after the page cache, so one cached page serves readers with and without readings. Readings come from SudachiPy
(no GPL pykakasi); each run of Japanese text is read once per process (an LRU cache), so a page that was annotated
before costs a dictionary lookup per run. The reading is `aria-hidden`: a screen reader reads the base text once.
Scripts, styles, form fields, titles and options (which cannot hold markup) are left as they are.
"""

import re
import threading
from functools import lru_cache

from kanji_lists import KYOIKU

COOKIE = "furigana"
PARAM = "furigana"
ALL = 0  # annotate every kanji
# Languages whose pages carry readings unless the reader turned them off: やさしい日本語 gives kanji with readings
# (在留支援のためのやさしい日本語ガイドライン; docs/decisions/0024-easy-japanese.md).
DEFAULT_ON = {"ja-easy": ALL}
_GRADES = [KYOIKU.REIWA2.GRADE1, KYOIKU.REIWA2.GRADE2, KYOIKU.REIWA2.GRADE3, KYOIKU.REIWA2.GRADE4,
           KYOIKU.REIWA2.GRADE5, KYOIKU.REIWA2.GRADE6]
_KANJI_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
KANJI = re.compile(f"[{_KANJI_CLASS}]")
_RUN = re.compile(f"[\u3040-\u30ff{_KANJI_CLASS}ー]+")
_SEGMENT = re.compile(f"([{_KANJI_CLASS}]+)|([^{_KANJI_CLASS}]+)")
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)(?:\s[^>]*)?>", re.S)
# Elements whose text is not prose, or cannot hold <ruby>: left untouched, with everything inside them.
_SKIP = {"script", "style", "textarea", "title", "option", "select", "ruby", "rt", "rp", "code", "pre", "svg", "head",
         "kbd", "samp", "template", "noscript"}
_LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_local = threading.local()
_dictionary = None
_lock = threading.Lock()


def grade_of(value: str | None) -> int | None:
    """The choice a parameter or cookie holds: ALL, a grade 1–6 (kanji beyond it), or None (off or nonsense)."""
    value = (value or "").strip()
    if value == "1":
        return ALL
    if match := re.fullmatch(r"above-([1-6])", value):
        return int(match.group(1))
    return None


def value_of(grade: int) -> str:
    return "1" if grade == ALL else f"above-{grade}"


@lru_cache(maxsize=8)
def _known(grade: int) -> frozenset:
    """Kanji taught by the end of this grade (none for ALL)."""
    return frozenset().union(*_GRADES[:grade])


def _tokenizer():
    global _dictionary
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        with _lock:  # the dictionary is loaded once per process; a tokenizer is not shared between threads
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
        tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
    return tokenizer


def hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def split_reading(surface: str, reading: str) -> list[tuple[str, str | None]]:
    """A word cut into kanji runs with their readings and kana without: 食べ物 / たべもの → 食(た) べ 物(もの).
    When the kana of the word do not line up with its reading, the whole word carries the whole reading."""
    segments = _SEGMENT.findall(surface)
    pattern = "".join("(.+?)" if kanji else re.escape(hiragana(kana)) for kanji, kana in segments)
    reading = hiragana(reading)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return [(surface, reading)]
    groups, pieces = iter(match.groups()), []
    for kanji, kana in segments:
        pieces.append((kanji, next(groups)) if kanji else (kana, None))
    return pieces


@lru_cache(maxsize=20000)
def annotate_run(run: str, grade: int) -> str:
    """One run of Japanese text as HTML with <ruby> over the kanji the reader is not expected to know."""
    known = _known(grade)
    out = []
    for morpheme in _tokenizer().tokenize(run):
        surface = morpheme.surface()
        reading = hiragana(morpheme.reading_form())
        if not KANJI.search(surface) or not reading or KANJI.search(reading):
            out.append(surface)  # kana, or a word the dictionary has no reading for
            continue
        for piece, ruby in split_reading(surface, reading):
            if ruby and any(c not in known for c in piece if KANJI.match(c)):
                out.append(f'<ruby>{piece}<rt aria-hidden="true">{ruby}</rt></ruby>')
            else:
                out.append(piece)
    return "".join(out)


def annotate_text(text: str, grade: int) -> str:
    """HTML text (between tags): its Japanese runs with readings; entities and other scripts untouched. A text that
    gained readings is wrapped in one <span>: in a flex container (a checkbox's label, a button with an icon) a text
    node is one flex item, and its words and <ruby> elements must stay one item, not become one item each."""
    if not KANJI.search(text):
        return text
    annotated = _RUN.sub(lambda m: annotate_run(m.group(0), grade) if KANJI.search(m.group(0)) else m.group(0), text)
    return f'<span class="furigana">{annotated}</span>' if annotated != text else text


def annotate_html(html: str, grade: int) -> str:
    """A page with readings over the kanji of its prose: every text node outside the _SKIP elements."""
    out, position, skipping = [], 0, []
    for tag in _TAG.finditer(html):
        text = html[position:tag.start()]
        out.append(text if skipping else annotate_text(text, grade))
        out.append(tag.group(0))
        position = tag.end()
        name = (tag.group(2) or "").lower()
        # Text in another language (the switcher's 简体中文, a post's Chinese translation) has no Japanese readings.
        foreign = not tag.group(1) and (lang := _LANG.search(tag.group(0))) and not lang.group(1).lower().startswith("ja")
        # Nested elements of a skipped element's name are counted, so that the right closing tag ends the skip.
        if (name in _SKIP or foreign or name in skipping) and not tag.group(0).endswith("/>") and name not in _VOID:
            if tag.group(1):  # a closing tag ends the innermost skipped element of its name
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            else:
                skipping.append(name)
    rest = html[position:]
    out.append(rest if skipping else annotate_text(rest, grade))
    return "".join(out)


class FuriganaMiddleware:
    """Turns readings on or off from the parameter (kept in a cookie) and adds them to HTML pages on their way
    out. Placed before the page cache in MIDDLEWARE, so it sees cached pages too."""

    MAX_AGE = 365 * 24 * 3600

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get(PARAM)
        chosen = asked if asked is not None else request.COOKIES.get(COOKIE)
        grade = grade_of(chosen)
        request.furigana = grade
        response = self.get_response(request)
        if chosen is None and getattr(request, "LANGUAGE_CODE", "") in DEFAULT_ON:
            grade = DEFAULT_ON[request.LANGUAGE_CODE]  # やさしい日本語 reads with furigana unless turned off
        if asked is not None:
            if grade_of(asked) is None:
                # Kept as "0" (off) rather than forgotten: a language that reads with furigana by default obeys it.
                response.set_cookie(COOKIE, "0", max_age=self.MAX_AGE, samesite="Lax", httponly=True)
            else:
                response.set_cookie(COOKIE, value_of(grade), max_age=self.MAX_AGE, samesite="Lax", httponly=True)
        if grade is not None and self._is_page(response):
            response.content = annotate_html(response.content.decode(response.charset), grade).encode(response.charset)
            if response.has_header("Content-Length"):  # set inside (CommonMiddleware) for the page without readings
                response["Content-Length"] = str(len(response.content))
            response.headers.pop("ETag", None)
            # Readings follow a cookie: a shared cache must not hand this page to someone else.
            response["Cache-Control"] = "private, no-cache"
        return response

    @staticmethod
    def _is_page(response) -> bool:
        return (not response.streaming and response.get("Content-Type", "").startswith("text/html")
                and not response.get("Content-Encoding"))
