"""ふりがな benchmark: readings over the kanji of 1,000 ideas of the benchmark data set (bench/dataset.py's titles and
bodies, made by the same generator from the same seed), as the furigana middleware adds them to pages
(yukemuri/core/furigana.py, docs/decisions/0022-furigana.md).

    make bench-furigana         # or: .venv/bin/python bench/furigana.py [--ideas 1000] [--repeat 3]
    .venv/bin/python bench/furigana.py --smoke   # what the test suite runs (20 ideas, once)

Each idea is an HTML fragment like its card and page (title in <h2>, body paragraphs in <p>, a link, a form field
that must stay untouched). Three passes, each over every idea, with readings over every kanji and above grade 3:
- no cache: every run of Japanese text read by SudachiPy anew (the process's LRU cache bypassed) — the worst case,
  a process that has never seen these texts and texts that never repeat;
- cold: the LRU cache emptied first, then filled as the pass goes (the bench texts share sentences, as real
  posts share phrases: the figure says how many distinct runs there were);
- warm: the same pages again, every run in the cache — a page annotated before.
Prints ideas per second, ms per idea (median and p95) and the total, with the tokenizer's load time apart. No
database: the benchmark is pure CPU, in one thread.
"""

import argparse
import random
import statistics
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import IDEA_VERBS, SEED, SENTENCES, THEMES  # noqa: E402
from yukemuri.core import furigana  # noqa: E402

MUNICIPALITIES = ["前橋市", "高崎市", "桐生市", "伊勢崎市", "太田市", "沼田市", "館林市", "渋川市", "藤岡市", "富岡市",
                  "安中市", "みどり市", "片品村", "草津町", "中之条町", "嬬恋村", "みなかみ町", "大泉町"]


def ideas(n: int) -> list[str]:
    """n idea fragments, generated as bench/dataset.py generates ideas (title from a theme and a verb, three sentences
    of body), with the municipality name in the title."""
    rng = random.Random(SEED)
    pages = []
    for i in range(n):
        title = f"{rng.choice(THEMES)}{rng.choice(IDEA_VERBS)}（{rng.choice(MUNICIPALITIES)}）"
        body = "".join(f"<p>{escape(s)}</p>" for s in rng.sample(SENTENCES, 3))
        pages.append(f'<article><h2><a href="/ideas/{i + 1}/">{escape(title)}</a></h2>{body}'
                     f'<input name="q" value="{escape(title)}"><p>応援 {i % 50} 人・コメント {i % 7} 件</p></article>')
    return pages


def run_pass(pages: list[str], grade: int, *, cache: bool) -> list[float]:
    annotate_run = furigana.annotate_run
    if not cache:
        furigana.annotate_run = annotate_run.__wrapped__  # every run read anew
    try:
        times = []
        for page in pages:
            started = time.perf_counter()
            out = furigana.annotate_html(page, grade)
            times.append(time.perf_counter() - started)
            assert "<ruby>" in out and 'value="' in out
        return times
    finally:
        furigana.annotate_run = annotate_run


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="passes of each kind; the best is reported")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    if args.smoke:
        args.ideas, args.repeat = 20, 1
    pages = ideas(args.ideas)
    started = time.perf_counter()
    furigana.annotate_run.__wrapped__("群馬県", furigana.ALL)  # loads SudachiPy's dictionary
    print(f"SudachiPy dictionary loaded in {time.perf_counter() - started:.2f} s (once per process)")
    characters = sum(len(p) for p in pages)
    print(f"{len(pages)} ideas, {characters:,} characters of HTML")
    print("| grade | pass | ideas/s | characters/s | median ms | p95 ms | total s |")
    print("|---|---|---|---|---|---|---|")
    for grade, label in ((furigana.ALL, "every kanji"), (3, "above grade 3")):
        for name in ("no cache", "cold", "warm"):
            best = None
            for _ in range(args.repeat):
                if name != "warm":
                    furigana.annotate_run.cache_clear()
                times = run_pass(pages, grade, cache=name != "no cache")
                if best is None or sum(times) < sum(best):
                    best = times
            if name == "cold":
                distinct = furigana.annotate_run.cache_info().currsize
            ordered = sorted(best)
            p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
            print(f"| {label} | {name} | {len(best) / sum(best):,.0f} | {characters / sum(best):,.0f} | "
                  f"{statistics.median(best) * 1000:.2f} | "
                  f"{p95 * 1000:.2f} | {sum(best):.2f} |")
        print(f"({label}: {distinct:,} distinct runs of Japanese text in the {len(pages)} ideas)")


if __name__ == "__main__":
    main()
