from django.core.management.base import BaseCommand
from django.db.models import Sum

from yukemuri.points.models import Posting
from yukemuri.points.selectors import differences, total_balance


class Command(BaseCommand):
    help = ("Check the points ledger: every cached balance equals the sum of its postings and all balances sum to "
            "zero. Exits 1 listing what differs.")

    def handle(self, *args, **options):
        wrong = differences()
        total = total_balance()
        postings = Posting.objects.aggregate(total=Sum("amount", default=0))["total"]
        for account, summed in wrong:
            self.stderr.write(f"account {account.pk} ({account.kind}, {account}): cached {account.balance}, "
                              f"postings {summed}")
        if total != 0:
            self.stderr.write(f"the balances sum to {total}, not 0")
        if postings != 0:
            self.stderr.write(f"the postings sum to {postings}, not 0")
        if wrong or total or postings:
            raise SystemExit(1)
        self.stdout.write("the ledger balances: every cached balance equals its postings, and all sum to 0")
