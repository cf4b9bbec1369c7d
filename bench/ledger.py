"""Points ledger benchmark: postings per second on PostgreSQL with 50 concurrent writers, and the time of a
wallet page when the ledger holds 100,000 postings.

    make bench-ledger           # or: .venv/bin/python bench/ledger.py [--writers 50] [--seconds 20]
    .venv/bin/python bench/ledger.py --smoke --database-url postgres://…/some_db   # what the test suite runs

Writers: each thread has its own connection and confirms redemptions through the real service
(`points.services.redeem`: idempotency key, accounts locked in id order, FIFO lots, postings, cached balances,
the action record) between 400 wallets and 20 merchants, for a fixed time; the figure is postings written per
second. Then 100,000 more postings go into the ledger, half of them one wallet's (25,000 earnings and 25,000
redemptions written in bulk, consistent with its balance and lots), and that wallet's page (/me/points/) is
rendered in-process 20 times as its owner; prints the median and p95 after one uncounted warm-up render. At
the end the ledger must balance (as `points_verify`). The points tables are emptied first: a run is repeatable.

--smoke (the test suite's run, untimed): 4 writers for 2 s, 2,000 postings, 3 page renders.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, setup_django  # noqa: E402

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/yukemuri_bench_ledger"


def empty_ledger() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE points_draw, points_lot, points_redemption, points_posting, points_transaction, "
                       "points_account CASCADE")
        cursor.execute("DELETE FROM actions_action WHERE verb LIKE 'points.%%'")


def people(count: int, prefix: str):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.filter(email__startswith=prefix).delete()
    User.objects.bulk_create([User(email=f"{prefix}{n}@bench.invalid", display_name=f"bench {n}")
                              for n in range(count)])
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def writers(count: int, seconds: float, wallets: int, merchants_n: int) -> dict:
    import random

    from django.db import connections

    from yukemuri.organisations.models import Organisation
    from yukemuri.points import services
    from yukemuri.points.models import Posting

    Organisation.objects.filter(name__startswith="bench shop").delete()
    issuer = services.issuer_open(by=None, name="bench issuer", organisation=Organisation.objects.create(
        name="bench shop issuer", kind="municipality"), expiry_months=None)
    merchants = [services.merchant_open(by=None, organisation=Organisation.objects.create(
        name=f"bench shop {n}", kind="company")) for n in range(merchants_n)]
    holders = people(wallets, "ledger-bench-")
    for n, person in enumerate(holders):
        services.earn(issuer=issuer, person=person, amount=1_000_000, reason="bench", key=f"bench:seed:{n}", by=None)
    accounts = [services.wallet_for(person) for person in holders]
    before = Posting.objects.count()
    stop, start = threading.Event(), threading.Barrier(count + 1)
    done, errors = [0] * count, []

    def work(n):
        rng = random.Random(n)
        try:
            start.wait()
            while not stop.is_set():
                services.redeem(wallet=rng.choice(accounts), merchant=rng.choice(merchants), amount=rng.randint(1, 9),
                                key=f"bench:{n}:{done[n]}")
                done[n] += 1
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise SystemExit(f"a writer failed: {errors[0]!r}")
    postings = Posting.objects.count() - before
    return {"transactions": sum(done), "postings": postings, "seconds": elapsed, "per_second": postings / elapsed}


def big_wallet(postings: int, renders: int) -> dict:
    """One wallet with `postings` postings of its own (half earnings, half redemptions), written in bulk."""
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from yukemuri.organisations.models import Organisation
    from yukemuri.points.models import Account, Lot, Posting, Transaction

    owner = people(1, "ledger-bench-wallet-")[0]
    issuer = Account.objects.get(name="bench issuer")
    merchant = Account.objects.filter(kind="merchant").first() or Account.objects.create(
        kind="merchant", organisation=Organisation.objects.create(name="bench shop x", kind="company"))
    wallet = Account.objects.create(kind="wallet", person=owner)
    pairs = postings // 4  # each earning and each redemption is two postings, one of them the wallet's
    now = timezone.now()
    with transaction.atomic():
        txs = Transaction.objects.bulk_create(
            [Transaction(kind="earn", key=f"bench:big:e:{n}", reason="bench", issuer=issuer, created_at=now)
             for n in range(pairs)] +
            [Transaction(kind="redeem", key=f"bench:big:r:{n}", reason="bench", created_at=now) for n in range(pairs)],
            batch_size=5000)
        lines = []
        for tx in txs[:pairs]:
            lines += [Posting(transaction=tx, account=issuer, amount=-3), Posting(transaction=tx, account=wallet,
                                                                                  amount=3)]
        for tx in txs[pairs:]:
            lines += [Posting(transaction=tx, account=wallet, amount=-2), Posting(transaction=tx, account=merchant,
                                                                                  amount=2)]
        Posting.objects.bulk_create(lines, batch_size=10000)
        Lot.objects.create(wallet=wallet, issuer=issuer, earned_by=txs[0], amount=3 * pairs, remaining=pairs,
                           earned_at=now)
        for account, delta in ((issuer, -3 * pairs), (wallet, pairs), (merchant, 2 * pairs)):
            Account.objects.filter(pk=account.pk).update(balance=account.balance + delta)
    ledger_size = Posting.objects.count()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE points_posting, points_transaction, points_account, points_lot")  # as autovacuum would
    client = Client()
    client.force_login(owner)
    client.get(reverse("points_wallet"))  # warm-up: templates compiled, connection open; not counted
    times = []
    for _ in range(renders):
        began = time.perf_counter()
        response = client.get(reverse("points_wallet"))
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return {"wallet_postings": Posting.objects.filter(account=wallet).count(), "ledger_postings": ledger_size,
            "median_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DATABASE_URL))
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="tiny and untimed: the test suite's check")
    args = parser.parse_args(argv)
    if args.smoke:
        args.writers, args.seconds, args.postings, args.renders = 4, 2, 2000, 3
    ensure_database(args.database_url)
    setup_django(args.database_url)
    empty_ledger()
    wrote = writers(args.writers, args.seconds, wallets=400 if not args.smoke else 20, merchants_n=20)
    print(f"writers: {args.writers} threads for {wrote['seconds']:.1f} s: {wrote['transactions']:,} redemptions, "
          f"{wrote['postings']:,} postings, {wrote['per_second']:,.0f} postings/s")
    page = big_wallet(args.postings, args.renders)
    print(f"wallet page: {page['wallet_postings']:,} postings in the wallet, {page['ledger_postings']:,} in the "
          f"ledger: median {page['median_ms']:.1f} ms, p95 {page['p95_ms']:.1f} ms over {args.renders} renders")
    from yukemuri.points.selectors import differences, total_balance

    if differences() or total_balance():
        raise SystemExit("the ledger does not balance after the run")
    print("points_verify: the ledger balances")
    if args.smoke:
        empty_ledger()


if __name__ == "__main__":
    main()
