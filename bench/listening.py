"""Broad-listening benchmark: our opinion groups beside red-dwarf's, and the free-text pipeline, timed in one run.

    make bench-listening        # or: .venv/bin/python bench/listening.py [--quick] [--reddwarf-timeout 1200]
                                #     [--polis DIR] [--no-reddwarf]
    .venv/bin/python bench/listening.py --smoke --no-reddwarf   # the test suite's run: tiny, nothing saved

1. Every pol.is conversation in --polis DIR (default: the two shipped with the tests,
   yukemuri/listening/tests/data/polis; the published figures used all six of a full copy of
   github.com/compdemocracy/openData; openData, CC BY 4.0, The Computational Democracy Project): both engines
   on the same votes (latest vote per pair, moderated-out comments left out), the
   median time of 5 runs each after a warm-up, the adjusted Rand index (ARI) between the two groupings, and
   each one's ARI against the `group-id` pol.is itself assigned (participants-votes.csv; participants in both).
   Beside our default (pol.is's own k-means start, as red-dwarf), the same with RESTARTS more k-means++ starts
   (what the site uses): its ARI against both and the within-group sums of squares (SS, what k-means
   minimises; lower is better) of its groups and red-dwarf's.
2. Synthetic conversations with planted opinion groups: 1k × 100, 10k × 500 and 100k × 1,000 (about 20 votes
   per participant: 20k, 200k and 2M votes). Each engine runs in its own process, so that its peak memory
   (ru_maxrss, input included) is its own; red-dwarf is stopped after --reddwarf-timeout seconds.
3. 10,000 Japanese comments generated from templates and vocabulary (fixed seed), through `topics` with the
   site's default word vectors (--vectors none: TF-IDF + LSA alone; --texts 100000 for the 100k figure), and
   the hand-grouped public comments (bench/public_comments.py):
   agreement with people's items and topics at every level, ours beside a plain SudachiPy + TF-IDF + SVD +
   k-means with the same number of groups (bench/granularity.py).

Ratios are measured in the same run, since the machine is shared and noisy. Results are also written to
bench/results/listening-<date>.json.
"""

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

import numpy as np

# red-dwarf's pydantic models warn on import; the warning is about its code, not the measurement.
warnings.filterwarnings("ignore", module="pydantic")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yukemuri.listening.analysis import RESTARTS, analyse, polis_io  # noqa: E402

POLIS = ROOT / "yukemuri" / "listening" / "tests" / "data" / "polis"  # set by --polis
SIZES = [(1_000, 100), (10_000, 500), (100_000, 1_000)]
SMOKE_SIZES = [(300, 30)]
VOTES_PER_PARTICIPANT = 20
TEXTS = 10_000  # set by --texts (the smoke run's: 300)
VECTORS = "ja_ginza"  # set by --vectors: the word vectors of the free-text runs ("none": TF-IDF + LSA alone)
WITH_REDDWARF = True  # --no-reddwarf: leave red-dwarf out (it is not among the test requirements)
AIMS = {"ari_reddwarf": 0.9, "speedup_real": 3.0, "speedup_2m": 10.0, "seconds_2m": 10.0, "mb_2m": 2048, "seconds_text": 60.0}


def ari(a, b) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(a, b))


def compare(first: dict, second: dict) -> tuple[float | None, int]:
    common = sorted(set(first) & set(second))
    if len(common) < 2:
        return None, len(common)
    return ari([first[p] for p in common], [second[p] for p in common]), len(common)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# --- red-dwarf --------------------------------------------------------------------------------------------


def reddwarf_groups(records: list[dict], moderated: list) -> dict:
    """red-dwarf's groups: {participant: group} of those it clustered."""
    from reddwarf.implementations.polis import run_pipeline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_pipeline(votes=records, mod_out_statement_ids=moderated, random_state=0)
    frame = result.participants_df
    clustered = frame[frame["to_cluster"]]
    return dict(zip((int(p) for p in clustered.index), (int(g) for g in clustered["cluster_id"]), strict=True))


def within_ss(groups: dict, positions: dict) -> float:
    """Within-group sum of squares of `groups` over `positions` (what k-means minimises)."""
    ids = sorted(groups)
    points = np.array([positions[p] for p in ids])
    labels = np.array([groups[p] for p in ids])
    return float(sum(((points[labels == g] - points[labels == g].mean(axis=0)) ** 2).sum() for g in np.unique(labels)))


def latest_records(votes) -> list[dict]:
    """red-dwarf wants one vote per pair: the latest, as our engine takes it."""
    latest = {}
    for participant, statement, vote, stamp in sorted(votes, key=lambda v: v[3]):
        latest[(participant, statement)] = (vote, stamp)
    return [{"participant_id": p, "statement_id": s, "vote": v, "modified": t} for (p, s), (v, t) in latest.items()]


# --- real conversations -----------------------------------------------------------------------------------


def timed(function, repeat: int) -> tuple[float, object]:
    function()  # warm-up: imports, caches, BLAS threads
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def real_conversations(repeat: int) -> list[dict]:
    rows = []
    for folder in sorted(p for p in POLIS.iterdir() if (p / "votes.csv").exists()):
        votes = polis_io.read_votes(folder / "votes.csv")
        moderated = sorted(polis_io.moderated_out(polis_io.read_comments(folder / "comments.csv")))
        polis = polis_io.read_groups(folder / "participants-votes.csv")
        records = latest_records(votes)
        ours_time, analysis = timed(lambda votes=votes, moderated=moderated: analyse(votes, moderated_out=moderated), repeat)
        if WITH_REDDWARF:
            rd_time, rd = timed(lambda records=records, moderated=moderated: reddwarf_groups(records, moderated), repeat)
        else:
            rd_time, rd = None, None
        site_time, site = timed(lambda votes=votes, moderated=moderated: analyse(votes, moderated_out=moderated,
                                                                               restarts=RESTARTS), repeat)
        ours = analysis.groups
        rows.append({
            "conversation": folder.name, "votes": len(records), "participants": len({r["participant_id"] for r in records}),
            "moderated_out": len(moderated), "in_map": len(ours),
            "k_ours": analysis.k, "k_polis": len(set(polis.values())), "seconds_ours": ours_time,
            "ari_ours_polis": compare(ours, polis)[0], "compared_with_polis": compare(ours, polis)[1],
            "restarts_k": site.k, "restarts_seconds": site_time, "restarts_ari_polis": compare(site.groups, polis)[0],
            "restarts_ss": within_ss(site.groups, site.coords),
        })
        row = rows[-1]
        if rd is None:
            print(f"  {row['conversation']:<27} {row['votes']:>6} votes  k {row['k_ours']}/{row['k_polis']} (ours/pol.is)"
                  f"  ours {row['seconds_ours'] * 1000:7.1f} ms  ours~pol.is {row['ari_ours_polis']:.3f}"
                  f"  | +{RESTARTS} starts: {row['restarts_seconds'] * 1000:.1f} ms, k {row['restarts_k']},"
                  f" ~pol.is {row['restarts_ari_polis']:.3f}, SS {row['restarts_ss']:.1f}  (red-dwarf left out)", flush=True)
            continue
        row.update({
            "k_reddwarf": len(set(rd.values())), "seconds_reddwarf": rd_time, "speedup": rd_time / ours_time,
            "ari_ours_reddwarf": compare(ours, rd)[0], "ari_reddwarf_polis": compare(rd, polis)[0],
            "restarts_ari_reddwarf": compare(site.groups, rd)[0], "reddwarf_ss": within_ss(rd, analysis.coords),
        })
        print(f"  {row['conversation']:<27} {row['votes']:>6} votes  k {row['k_ours']}/{row['k_reddwarf']}/{row['k_polis']}"
              f"  ours {row['seconds_ours'] * 1000:7.1f} ms  red-dwarf {row['seconds_reddwarf'] * 1000:7.1f} ms"
              f"  ×{row['speedup']:5.1f}  ARI ours~rd {row['ari_ours_reddwarf']:.3f}"
              f"  ours~pol.is {row['ari_ours_polis']:.3f}  rd~pol.is {row['ari_reddwarf_polis']:.3f}"
              f"  | +{RESTARTS} starts: {row['restarts_seconds'] * 1000:.1f} ms, k {row['restarts_k']},"
              f" ARI ~rd {row['restarts_ari_reddwarf']:.3f}, ~pol.is {row['restarts_ari_polis']:.3f},"
              f" SS {row['restarts_ss']:.1f} vs rd {row['reddwarf_ss']:.1f}", flush=True)
    return rows


# --- synthetic conversations ------------------------------------------------------------------------------


def synthetic(n_participants: int, n_statements: int, seed: int = 0):
    """Planted groups (50/30/20 %), each leaning agree or disagree on each statement with strength 0.5–0.9,
    10 % passes, the rest the other way; votes per participant 1 + geometric(mean 20), statements uniform."""
    rng = np.random.default_rng(seed)
    planted = rng.choice(3, size=n_participants, p=[0.5, 0.3, 0.2])
    lean = rng.choice([-1, 1], size=(3, n_statements))
    strength = rng.uniform(0.5, 0.9, size=(3, n_statements))
    counts = np.minimum(1 + rng.geometric(1 / VOTES_PER_PARTICIPANT, size=n_participants), n_statements)
    participants = np.repeat(np.arange(n_participants), counts)
    statements = rng.integers(0, n_statements, size=len(participants))
    keys = np.unique(participants.astype(np.int64) * n_statements + statements)  # one vote per pair
    participants, statements = keys // n_statements, keys % n_statements
    draw = rng.random(len(keys))
    s, side = strength[planted[participants], statements], lean[planted[participants], statements]
    votes = np.where(draw < s, side, np.where(draw < s + 0.1, 0, -side)).astype(np.int8)
    stamps = rng.permutation(len(keys)).astype(np.int64)
    return participants, statements, votes, stamps, planted


def worker(engine: str, data: Path, out: Path) -> None:
    """Run one engine on one synthetic conversation, in this process; print its figures as JSON."""
    arrays = np.load(data)
    p, s, v, t = (arrays[name].tolist() for name in ("participants", "statements", "votes", "stamps"))
    if engine in ("ours", "site"):
        votes = list(zip(p, s, v, t, strict=True))
        before = rss_mb()
        start = time.perf_counter()
        analysis = analyse(votes, restarts=RESTARTS if engine == "site" else 0)
        seconds = time.perf_counter() - start
        groups, k = analysis.groups, analysis.k
    else:
        records = [{"participant_id": a, "statement_id": b, "vote": c, "modified": d}
                   for a, b, c, d in zip(p, s, v, t, strict=True)]
        before = rss_mb()
        start = time.perf_counter()
        groups = reddwarf_groups(records, [])
        seconds = time.perf_counter() - start
        k = len(set(groups.values()))
    ids = np.array(sorted(groups), dtype=np.int64)
    np.savez(out, ids=ids, groups=np.array([groups[i] for i in ids], dtype=np.int64))
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "input_mb": before, "k": k}))


def run_worker(engine: str, data: Path, out: Path, timeout: float) -> dict:
    command = [sys.executable, __file__, "--worker", engine, "--data", str(data), "--out", str(out)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    labels = np.load(out)
    figures["groups"] = dict(zip(labels["ids"].tolist(), labels["groups"].tolist(), strict=True))
    return figures


def synthetic_conversations(sizes, timeout: float) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for n_participants, n_statements in sizes:
            p, s, v, t, planted = synthetic(n_participants, n_statements)
            data = Path(scratch) / f"votes-{n_participants}.npz"
            np.savez(data, participants=p, statements=s, votes=v, stamps=t)
            ours = run_worker("ours", data, Path(scratch) / "ours.npz", timeout=600)
            site = run_worker("site", data, Path(scratch) / "site.npz", timeout=600)
            rd = (run_worker("reddwarf", data, Path(scratch) / "rd.npz", timeout=timeout) if WITH_REDDWARF
                  else {"left_out": True})
            planted_groups = dict(enumerate(planted.tolist()))
            row = {"participants": n_participants, "statements": n_statements, "votes": len(v)}
            for name, figures in (("ours", ours), ("site", site), ("reddwarf", rd)):
                for key in ("seconds", "peak_mb", "input_mb", "k", "timeout", "error"):
                    if key in figures:
                        row[f"{key}_{name}"] = figures[key]
                if "groups" in figures:
                    row[f"ari_{name}_planted"] = compare(figures["groups"], planted_groups)[0]
            if "groups" in ours and "groups" in rd:
                row["ari_ours_reddwarf"] = compare(ours["groups"], rd["groups"])[0]
                row["speedup"] = rd["seconds"] / ours["seconds"]
            rows.append(row)
            if "speedup" in row:
                rd_text = (f"red-dwarf {row['seconds_reddwarf']:8.2f} s {row['peak_mb_reddwarf']:7.0f} MB k {row['k_reddwarf']}"
                           f"  ×{row['speedup']:5.1f}  ARI ours~rd {row['ari_ours_reddwarf']:.3f}"
                           f"  rd~planted {row['ari_reddwarf_planted']:.3f}")
            elif "left_out" in rd:
                rd_text = "red-dwarf left out"
            elif "timeout" in rd:
                rd_text = f"red-dwarf stopped after {rd['timeout']:.0f} s"
            else:
                rd_text = f"red-dwarf failed: {rd.get('error')}"
            print(f"  {n_participants:>7} × {n_statements:<5} {len(v):>9,} votes  ours {row['seconds_ours']:6.2f} s"
                  f" {row['peak_mb_ours']:6.0f} MB (input {row['input_mb_ours']:.0f}) k {row['k_ours']}"
                  f"  ours~planted {row['ari_ours_planted']:.3f}  | +{RESTARTS} starts {row['seconds_site']:6.2f} s"
                  f" {row['peak_mb_site']:6.0f} MB ~planted {row['ari_site_planted']:.3f}  | {rd_text}", flush=True)
    return rows


# --- Japanese free text -----------------------------------------------------------------------------------

PLACES = ["前橋市", "高崎市", "桐生市", "伊勢崎市", "太田市", "沼田市", "館林市", "渋川市", "藤岡市", "富岡市", "安中市",
          "みどり市", "草津町", "中之条町", "嬬恋村", "みなかみ町", "下仁田町", "長野原町"]
# topic → (core words, {sub-topic: words}); a comment names its topic and two words of its sub-topic.
SUBJECTS = {
    "空き家": (["空き家", "空き家問題", "空き家対策"], {
        "活用": ["古民家", "移住者", "シェアハウス", "改修", "リノベーション", "空き家バンク"],
        "管理": ["倒壊", "防犯", "雑草", "所有者", "解体", "固定資産税"]}),
    "子育て": (["子育て", "子ども", "子育て世帯"], {
        "保育": ["保育園", "待機児童", "保育士", "延長保育", "一時預かり", "認定こども園"],
        "経済支援": ["給付金", "医療費", "助成", "児童手当", "給食費", "無償化"]}),
    "交通": (["公共交通", "交通手段", "移動"], {
        "バス": ["路線バス", "本数", "バス停", "運賃", "乗り継ぎ", "時刻表"],
        "高齢者": ["高齢者", "免許返納", "デマンドタクシー", "買い物", "通院", "送迎"]}),
    "観光": (["観光", "観光客", "観光地"], {
        "温泉": ["温泉", "旅館", "外国人", "湯畑", "宿泊", "日帰り"],
        "イベント": ["祭り", "イベント", "花火大会", "地域の魅力", "観光協会", "ボランティア"]}),
    "農業": (["農業", "農家", "農地"], {
        "担い手": ["後継者", "新規就農", "耕作放棄地", "研修", "高齢化", "人手不足"],
        "販路": ["農産物", "直売所", "ブランド", "こんにゃく", "キャベツ", "ネット販売"]}),
    "防災": (["防災", "災害", "防災対策"], {
        "避難": ["避難所", "避難訓練", "ハザードマップ", "要支援者", "備蓄", "防災無線"],
        "自然災害": ["土砂災害", "大雨", "河川", "浸水", "火山", "地震"]}),
}
TEMPLATES = ["{core}について、{a}と{b}を考えてほしい", "{core}のために{a}を増やし、{b}も見直すべきだ",
             "{a}や{b}など、{core}の取り組みを進めてほしい", "{core}の課題として{a}が気になる。{b}も大事",
             "{b}に関する{core}の支援が足りない。{a}も何とかして", "{core}では{a}と{b}が重要だと思う",
             "{a}のことで困っています。{core}として{b}にも目を向けて", "{core}の{a}は良いが、{b}はまだ不十分",
             "{b}をどうするか、{core}をみんなで話し合いたい", "{core}に関して、{a}の情報がほしい",
             "{a}と{b}の両方に予算をつけてほしい。{core}は大切", "{core}の{a}が心配で、{b}も気がかり",
             "{core}の{a}や{b}を相談できるようにしてほしい", "{core}の{a}を改善して、{b}も充実させて"]
OPENERS = ["", "", "{place}に住んでいます。", "{place}在住です。", "いつもお世話になっています。", "{place}の住民です。"]
CLOSERS = ["。", "と思います。", "。よろしくお願いします。", "。ぜひ検討してください。", "です。"]


def japanese_comments(n: int, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """(comments, topic, sub-topic) of n generated comments: 6 topics × 2 sub-topics, one or two sentences."""
    rng = random.Random(seed)
    keys = [(topic, sub) for topic, (_, subs) in SUBJECTS.items() for sub in subs]
    comments, topic_of, sub_of = [], [], []
    for _ in range(n):
        topic, sub = keys[rng.randrange(len(keys))]
        core, words = SUBJECTS[topic][0], SUBJECTS[topic][1][sub]
        sentences = []
        for _ in range(1 + (rng.random() < 0.5)):
            a, b = rng.sample(words, 2)
            sentences.append(rng.choice(TEMPLATES).format(core=rng.choice(core), a=a, b=b))
        comments.append(rng.choice(OPENERS).format(place=rng.choice(PLACES)) + "。".join(sentences) + rng.choice(CLOSERS))
        topic_of.append(topic)
        sub_of.append(f"{topic}/{sub}")
    return comments, topic_of, sub_of


CAMPAIGN = ("私は{place}に住む{name}です。駅前の再開発計画に反対します。駅前の緑地を残し、子どもが安心して遊べる"
            "公園として整備してください。")
NAMES = ["山田太郎", "鈴木花子", "佐藤一郎", "田中美咲", "高橋健", "伊藤陽子"]


def near_duplicate_figures(comments: list[str]) -> dict:
    """Near-identical comments among the generated ones, 1.1 % of them replaced by a campaign letter (name,
    town and punctuation changed in each copy): the time, and whether the campaign comes out as one group."""
    from yukemuri.listening.analysis.duplicates import near_duplicates

    rng = random.Random(1)
    texts = list(comments)
    copies = set(rng.sample(range(len(texts)), max(2, len(texts) * 11 // 1000)))
    for i in copies:
        texts[i] = CAMPAIGN.format(place=rng.choice(PLACES), name=rng.choice(NAMES)).replace(
            "。", rng.choice(["。", "．", " "]))
    start = time.perf_counter()
    found = near_duplicates(texts)
    seconds = time.perf_counter() - start
    campaign = max(found.groups, key=lambda g: len(copies & set(g.members)), default=None)
    return {"dedup_seconds": seconds, "dedup_groups": len(found.groups), "dedup_campaign": len(copies),
            "dedup_campaign_found": campaign.count if campaign else 0,
            "dedup_campaign_exact": bool(campaign) and set(campaign.members) == copies}


def text_worker(out: Path) -> None:
    from yukemuri.listening.analysis import text

    comments, topic_of, sub_of = japanese_comments(TEXTS)
    start = time.perf_counter()
    text.japanese_tokenizer()
    tokenizer_seconds = time.perf_counter() - start
    # The whole pipeline, as `python -m yukemuri.listening topics` runs it (analysis.topics): near-identical
    # comments found first, the topics computed on one comment per opinion; each step timed.
    from yukemuri.listening.analysis import duplicates

    # CPU seconds beside the wall clock: on a shared machine the process may get a fraction of a core.
    start, cpu_start = time.perf_counter(), time.process_time()
    found = duplicates.near_duplicates(comments)
    dedup_seconds, dedup_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    kept = found.representatives()
    from bench.granularity import levels, options_for

    # The site's default: ja_ginza's word vectors beside LSA (their loading is counted).
    options = options_for(VECTORS)
    result = duplicates.expand(text.topics([comments[i] for i in kept], language="ja", seed=0, **options), kept, found)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    top, leaf, items = levels(result, TEXTS)
    assigned = [i for i in range(TEXTS) if top[i] is not None]
    dedup = near_duplicate_figures(comments)
    print(json.dumps({**dedup,
        "seconds": seconds, "pipeline_dedup_seconds": dedup_seconds, "cpu_seconds": cpu_seconds,
        "pipeline_dedup_cpu_seconds": dedup_cpu,
        "tokenizer_seconds": tokenizer_seconds, "peak_mb": peak_mb(), "topics": result.k,
        "subtopics": len(set(leaf) - {None}), "items": len(set(items) - {None}), "unassigned": len(result.unassigned),
        "ari_topics": ari([topic_of[i] for i in assigned], [top[i] for i in assigned]),
        "ari_leaves": ari([sub_of[i] for i in assigned], [leaf[i] for i in assigned]),
        "labels": [f"{t.label} ({len(t.members)})" for t in result.topics],
    }, ensure_ascii=False))


def free_text() -> dict:
    done = subprocess.run([sys.executable, __file__, "--text-worker", "--texts", str(TEXTS), "--vectors", VECTORS],
                          capture_output=True,
                          text=True, timeout=900, cwd=ROOT)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1]}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {TEXTS:,} Japanese comments: {figures['seconds']:.1f} s, of which near-identical comments"
          f" {figures['pipeline_dedup_seconds']:.1f} s (Sudachi dictionary {figures['tokenizer_seconds']:.2f} s),"
          f" {figures['peak_mb']:.0f} MB, {figures['topics']} topics / {figures['subtopics']} sub-topics /"
          f" {figures['items']} summary items,"
          f" ARI against the generating topics {figures['ari_topics']:.3f}, sub-topics {figures['ari_leaves']:.3f}")
    print("  labels: " + " | ".join(figures["labels"]), flush=True)
    print(f"  near-identical comments among {TEXTS:,} (a campaign of {figures['dedup_campaign']} copies mixed in):"
          f" {figures['dedup_seconds']:.1f} s, {figures['dedup_groups']} groups, the campaign found as one group of"
          f" {figures['dedup_campaign_found']}{' (exactly its copies)' if figures['dedup_campaign_exact'] else ''}",
          flush=True)
    return figures


def agreement() -> list[dict]:
    """Agreement with the hand-grouped public comments at every level, ours beside the plain baseline with the
    same number of groups (bench/granularity.py)."""
    from bench import granularity

    texts, items, topics_of = granularity.load()
    rows = granularity.agreement(texts, items, topics_of, **granularity.options_for(VECTORS))
    print(f"  {len(texts)} hand-grouped public comments ({len(set(items))} items in {len(set(topics_of))} topics),"
          f" word vectors: {VECTORS}:")
    print("\n".join("    " + line for line in granularity.table(rows).splitlines()), flush=True)
    return rows


# --- report -----------------------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        reddwarf = version("red-dwarf") if WITH_REDDWARF else "left out"
    except PackageNotFoundError:
        raise SystemExit("red-dwarf is not installed: make setup-bench, or leave it out with --no-reddwarf") from None
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(), "numpy": np.__version__,
            "red-dwarf": reddwarf, "date": date.today().isoformat()}


def verdicts(real: list[dict], synthetic_rows: list[dict], text: dict) -> list[str]:
    lines = []
    for row in text.get("agreement", []):
        met = row["ari"] >= row["ari_baseline"] and row["ami"] >= row["ami_baseline"]
        lines.append(f"level {row['level']} agrees with the human grouping at least as well as the plain baseline: "
                     f"{'met' if met else 'NOT met'} (ARI {row['ari']:.3f} / {row['ari_baseline']:.3f},"
                     f" AMI {row['ami']:.3f} / {row['ami_baseline']:.3f})")
    if not WITH_REDDWARF:
        if real:
            mean_ours = statistics.mean(r["ari_ours_polis"] for r in real if r["ari_ours_polis"] is not None)
            lines.append(f"mean ARI against pol.is's group-id: {mean_ours:.3f} (red-dwarf left out: no comparison)")
        if "seconds" in text:
            lines.append(f"{TEXTS:,} Japanese comments in {text['seconds']:.1f} s")
        return lines
    worst = min(r["ari_ours_reddwarf"] for r in real)
    lines.append(f"ARI ≥ {AIMS['ari_reddwarf']} against red-dwarf on every conversation: "
                 f"{'met' if worst >= AIMS['ari_reddwarf'] else 'NOT met'} (lowest {worst:.3f})")
    better = sum(r["ari_ours_polis"] >= r["ari_reddwarf_polis"] - 0.001 for r in real)  # within 0.001 counts as equal
    mean_ours = statistics.mean(r["ari_ours_polis"] for r in real)
    mean_rd = statistics.mean(r["ari_reddwarf_polis"] for r in real)
    lines.append(f"agreement with pol.is's group-id no worse than red-dwarf's: {'met' if better == len(real) else 'NOT met'}"
                 f" ({better}/{len(real)} conversations; mean ARI ours {mean_ours:.3f}, red-dwarf {mean_rd:.3f})")
    slowest = min(r["speedup"] for r in real)
    lines.append(f"≥ {AIMS['speedup_real']:.0f}× faster than red-dwarf on the real conversations: "
                 f"{'met' if slowest >= AIMS['speedup_real'] else 'NOT met'} (lowest ×{slowest:.1f})")
    largest = max(synthetic_rows, key=lambda r: r["votes"]) if synthetic_rows else None
    if largest:
        if "speedup" in largest:
            lines.append(f"≥ {AIMS['speedup_2m']:.0f}× faster at {largest['votes']:,} votes: "
                         f"{'met' if largest['speedup'] >= AIMS['speedup_2m'] else 'NOT met'} (×{largest['speedup']:.1f})")
        elif "timeout_reddwarf" in largest:
            bound = largest["timeout_reddwarf"] / largest["seconds_ours"]
            lines.append(f"≥ {AIMS['speedup_2m']:.0f}× faster at {largest['votes']:,} votes: met — red-dwarf did not finish "
                         f"in {largest['timeout_reddwarf']:.0f} s, so the ratio is above ×{bound:.0f}")
        seconds, mb = largest["seconds_ours"], largest["peak_mb_ours"]
        lines.append(f"{largest['votes']:,} votes in ≤ {AIMS['seconds_2m']:.0f} s and ≤ 2 GB: "
                     f"{'met' if seconds <= AIMS['seconds_2m'] and mb <= AIMS['mb_2m'] else 'NOT met'}"
                     f" ({seconds:.2f} s, peak {mb:.0f} MB including the {largest['input_mb_ours']:.0f} MB of input)")
    if "seconds" in text:
        lines.append(f"{TEXTS:,} Japanese comments in ≤ {AIMS['seconds_text']:.0f} s: "
                     f"{'met' if text['seconds'] <= AIMS['seconds_text'] else 'NOT met'} ({text['seconds']:.1f} s)")
    return lines


def main(argv=None) -> None:
    global POLIS, TEXTS, VECTORS, WITH_REDDWARF
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the 100k × 1,000 matrix")
    parser.add_argument("--reddwarf-timeout", type=float, default=1200.0, help="seconds before red-dwarf is stopped")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per real conversation (the median is kept)")
    parser.add_argument("--worker", choices=["ours", "site", "reddwarf"], help=argparse.SUPPRESS)
    parser.add_argument("--text-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--polis", type=Path, default=POLIS,
                        help="a folder of pol.is openData conversations (default: the two shipped with the tests)")
    parser.add_argument("--no-reddwarf", action="store_true", help="leave red-dwarf out (not among the test requirements)")
    parser.add_argument("--texts", type=int, default=TEXTS, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", choices=("ja_ginza", "none"), default=VECTORS,
                        help="word vectors of the free-text runs (default: ja_ginza, as the site); none: TF-IDF + LSA alone")
    parser.add_argument("--smoke", action="store_true",
                        help="the test suite's check that the benchmark runs: 300 × 30 synthetic, 300 comments, one "
                             "run each, nothing written to bench/results")
    args = parser.parse_args(argv)
    POLIS, TEXTS, VECTORS, WITH_REDDWARF = args.polis, args.texts, args.vectors, not args.no_reddwarf
    if args.smoke:
        TEXTS, args.repeat = min(TEXTS, 300), 1
    if args.worker:
        return worker(args.worker, args.data, args.out)
    if args.text_worker:
        return text_worker(args.out)

    about = machine()
    print(f"Broad listening — {about['date']}, {about['nproc']} × {about['cpu']}, Python {about['python']},"
          f" numpy {about['numpy']}, red-dwarf {about['red-dwarf']}")
    print("\nReal pol.is conversations (k: ours / red-dwarf / pol.is; median of "
          f"{args.repeat} runs; ARI on participants in both):", flush=True)
    if not any((p / "votes.csv").exists() for p in POLIS.iterdir()):
        raise SystemExit(f"no pol.is conversation (a folder with votes.csv) in {POLIS}")
    real = real_conversations(args.repeat)
    print("\nSynthetic conversations (each engine in its own process; peak = ru_maxrss, input included):", flush=True)
    sizes = SMOKE_SIZES if args.smoke else SIZES[:-1] if args.quick else SIZES
    synthetic_rows = synthetic_conversations(sizes, args.reddwarf_timeout)
    print("\nFree text:", flush=True)
    text = free_text()
    text["agreement"] = agreement()
    print("\nAims:")
    lines = verdicts(real, synthetic_rows, text)
    for line in lines:
        print(f"  - {line}")
    if args.smoke:
        return
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    target = results / f"listening-{about['date']}.json"
    target.write_text(json.dumps({"machine": about, "real": real, "synthetic": synthetic_rows, "text": text,
                                  "aims": lines}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nWritten to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
