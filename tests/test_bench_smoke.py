"""Every benchmark in bench/ still runs: a smoke run of each at a tiny size, untimed (benchmarks rot when nothing
runs them: `make bench-pages` once failed on a fresh clone because the fill did not know a new NOT NULL column).
Each checks that the run ends well and prints its figures."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# What yukemuri/settings_test.py puts in the environment for the test process; a benchmark runs as deployed.
TEST_ONLY = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "CACHE_URL", "TASKS_BACKEND", "SECURE_SSL_REDIRECT", "DATABASE_URL"}


def bench(*args, timeout=300) -> str:
    env = {name: value for name, value in os.environ.items() if name not in TEST_ONLY}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)
    assert done.returncode == 0, f"{args[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_matching_bench_runs():
    out = bench("bench/matching.py", "--smoke")
    assert re.search(r"tiny\s+200×40 .*total [\d.]+ s .*objective [\d.]+ \| vs LP bound [\d.]+%", out), out


def test_listening_bench_runs():
    """red-dwarf is left out only because the test requirements do not install it."""
    with_reddwarf = "red-dwarf" in (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8")
    out = bench("bench/listening.py", "--smoke", *([] if with_reddwarf else ["--no-reddwarf"]))
    for conversation in ("canadian-electoral-reform", "london.youth.policing"):  # shipped in the repository
        assert re.search(rf"{re.escape(conversation)}\s+\d+ votes .* ours~pol\.is [\d.]+", out), out
    assert re.search(r"300 × 30 .* ours\s+[\d.]+ s .* ours~planted [\d.]+", out), out
    assert re.search(r"300 Japanese comments: [\d.]+ s\b.* \d+ topics", out), out
    assert re.search(r"near-identical comments among 300 .* the campaign found as one group of 3 \(exactly its copies\)",
                     out), out
    assert "Aims:" in out


@pytest.mark.django_db(transaction=True)
def test_pages_bench_runs(request):
    """On the test database itself (already migrated, so the run stays short); PostgreSQL only, as the benchmark.
    The fill uses the application's tables as they are now, so a column it does not know fails here."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the pages benchmark needs PostgreSQL: it runs in the PostgreSQL pass of the suite")
    collected_static = request.getfixturevalue("collected_static")  # after the skip: collecting takes a while
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()  # the fill truncates tables; no idle connection of ours should hold them
    out = bench("bench/pages.py", "--smoke", "--database-url", url, "--static-root", collected_static)
    assert "filled the data set" in out
    anonymous, signed_in = out.split("\nanonymous, as deployed (page cache on)\n")[1].split("\nsigned in, as deployed")
    pages = ["/healthz (ceiling)", "/ideas/", "idea detail", "idea with 1,000 comments", "/issues/?municipality=102083",
             "/api/v1/ideas", "/events/", "a conversation"]
    for table, names in ((anonymous, pages), (signed_in, [*pages, "/me/"])):
        for page in names:
            assert re.search(rf"\| {re.escape(page)} \| \d+ \| [\d.]+ \| [\d.]+ \| 0 \| \d+% \|", table), out
    assert re.search(r"\| /me/ \| — \| \d+%, \d+ \|", out), out  # the side-by-side table
    # The in-process profile (bench/profile_pages.py) on the data set just filled: CPU, wall and queries per request.
    out = bench("bench/profile_pages.py", "--database-url", url, "--requests", "2", "--only", "/healthz,/ideas/,/me/")
    for page in ("/healthz", "/ideas/"):
        assert re.search(rf"^{re.escape(page)} +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+$", out, re.M), out
    assert re.search(r"^/me/ +— +[\d.]+ +[\d.]+ +[\d.]+$", out, re.M), out


@pytest.mark.django_db(transaction=True)
def test_ledger_bench_runs():
    """On the test database (migrated already), PostgreSQL only as the benchmark: writers from threads, a wallet
    with 1,000 postings rendered, and the ledger verified at the end."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the ledger benchmark needs PostgreSQL: it runs in the PostgreSQL pass of the suite")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()
    out = bench("bench/ledger.py", "--smoke", "--database-url", url)
    assert re.search(r"writers: 4 threads for [\d.]+ s: [\d,]+ redemptions, [\d,]+ postings, [\d,]+ postings/s", out), out
    assert re.search(r"wallet page: 1,000 postings in the wallet, [\d,]+ in the ledger: median [\d.]+ ms", out), out
    assert "points_verify: the ledger balances" in out


def test_the_fill_takes_the_columns_it_does_not_set_from_the_models():
    """No PostgreSQL needed: the people_user COPY once lacked the newer portfolio_url (NotNullViolation)."""
    from bench.dataset import defaults_for

    given = ["id", "password", "is_superuser", "email", "display_name", "preferred_language", "relation", "bio",
             "languages", "gender", "profile_public", "is_demo", "is_active", "is_staff", "date_joined",
             "home_municipality_id"]
    extra = defaults_for("people_user", given)
    assert extra["portfolio_url"] == ""
    assert not set(extra) & set(given)
    with pytest.raises(RuntimeError, match="people_user has no column shoe_size"):
        defaults_for("people_user", [*given, "shoe_size"])
    with pytest.raises(RuntimeError, match=r"ideas_comment\.idea_id is required and has no default"):
        defaults_for("ideas_comment", ["id", "body", "author_id"])
    assert defaults_for("ideas_comment", ["id", "body", "author_id", "idea_id"])["visibility"] == "published"


def test_the_load_bench_sums_up_the_replica_lag_it_sampled():
    """No PostgreSQL needed: a sample without a figure ("down": no answer, "inf": cut off from the primary) counts
    as down until the next sample, and is left out of the median, p95 and max; only samples within the load count."""
    from bench.load import around, lag_summary, receiving_again

    lags = ["0.000", "0.020", "0.500", "inf", "inf", "down", "0.100", "1.250", "0.000", "0.000", "9.000"]
    samples = [{"t": 100.0 + n, "lag": lag} for n, lag in enumerate(lags)]
    summary = lag_summary(samples, 100.0, 109.5)  # the last sample (9 s) came after the load
    assert summary == {"samples": 10, "numeric": 7, "median_s": 0.02, "p95_s": 1.25, "max_s": 1.25, "down_s": 3.0,
                       "down_samples": 1, "not_receiving_samples": 2}
    events = [{"t": 103.5, "what": "PostgreSQL started again (pg_ctl start)"}]
    assert receiving_again(samples, events) == 2.5  # the first figure after the start: 0.100 at 106 s
    assert receiving_again(samples[:6], events) is None
    timeline = around([], events, 100.0, before=5, after=5, step=5, lags=samples)
    assert "-5…+0 s:     0 requests    | replica: lag max 0.500 s, inf 1" in timeline
    assert "+0…+5 s:     0 requests    | replica: lag max 1.250 s, down 1, inf 1" in timeline


@pytest.mark.django_db(transaction=True)
def test_load_bench_runs_and_loses_no_acknowledged_write(request):
    """bench/load.py at 5 people for 15 s, in its own PostgreSQL cluster (tables copied from the test database),
    with a PostgreSQL restart and a task worker killed mid-task: the site answers 503 while the database is down,
    recovers, and every acknowledged write and every e-mail is in the database exactly once."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the load benchmark runs PostgreSQL: it runs in the PostgreSQL pass of the suite")
    collected_static = request.getfixturevalue("collected_static")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    out = bench("bench/load.py", "--smoke", "--source-url", url, "--static-root", collected_static, timeout=600)
    assert re.search(r"while PostgreSQL was down, the prober got: \d+× 503 \(Retry-After 30, page with a heading: True\)$",
                     out, re.M), out
    assert re.search(r"task worker load-[ab] killed \(SIGKILL\)  \(running: yukemuri\.", out), out
    assert "both app servers answer 200 again" in out
    assert re.search(r"comments: each acked marker exactly once: [1-9]\d* checked, ok", out), out
    assert re.search(r"e-mails: each pledge's instructions sent exactly once: [1-9]\d* checked, ok", out), out
    assert re.search(r"settlements: each campaign past its deadline settled exactly once: 3 checked, ok", out), out
    # The streaming replica the app servers read: its lag sampled each second during the load, at least once
    # while it was streaming (the restart cuts it off for a few seconds).
    lag = re.search(r"^replica lag during the load \(manage\.py replica_lag every 1 s\): (\d+) samples \((\d+) numeric\), "
                    r"median \d+\.\d{3} s, p95 \d+\.\d{3} s, max \d+\.\d{3} s; down \d+\.\d s", out, re.M)
    assert lag and int(lag[2]) >= 1, out
    assert "AUDIT PASSED; faults as expected; 500s: 0; result: PASS" in out


@pytest.mark.django_db(transaction=True)
def test_opendata_bench_runs():
    """On the test database (migrated already), PostgreSQL only as the benchmark's fill: NGSI-LD queries of each kind
    and a catalogue build, with their figures."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the open data benchmark fills PostgreSQL with COPY: it runs in the PostgreSQL pass of the suite")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()  # the fill truncates tables; no idle connection of ours should hold them
    out = bench("bench/opendata.py", "--smoke", "--database-url", url)
    assert re.search(r"entities: Event 20, PublicFacility 50, RegionalIssue 30, Idea 30, KeyPerformanceIndicator \d+", out)
    for query in ("/healthz (ceiling)", "type: Idea, 100 a page", "q on columns", "geo: near 2 km, 3 types",
                  "geo: within a polygon", "entity by id"):
        assert re.search(rf"\| {re.escape(query)} \| [\d,]+ \| [\d.]+ \| [\d.]+ \| \d* \| [\d.]+% \|", out), out
    assert re.search(r"catalogue: \d+ datasets, [\d,]+ triples; catalog.ttl [\d,]+ bytes, catalog.jsonld [\d,]+ bytes",
                     out), out


def test_furigana_bench_runs():
    """bench/furigana.py on 20 ideas: every pass of both grades prints its figures."""
    out = bench("bench/furigana.py", "--smoke")
    assert "20 ideas" in out
    for grade in ("every kanji", "above grade 3"):
        for name in ("no cache", "cold", "warm"):
            assert re.search(rf"\| {grade} \| {name} \| [\d,]+ \| [\d,]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|", out), out


@pytest.mark.django_db(transaction=True)
def test_similar_bench_runs():
    """On the test database (migrated already), PostgreSQL only as the benchmark: suggestion queries over issues."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the similar-posts benchmark needs PostgreSQL: it runs in the PostgreSQL pass of the suite")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()
    out = bench("bench/similar.py", "--smoke", "--database-url", url)
    assert re.search(r"similar posts: 200 published issues, 5 queries: median [\d.]+ ms, p95 [\d.]+ ms, [\d.]+ "
                     r"suggestions a query", out), out
