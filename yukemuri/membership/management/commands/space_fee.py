"""`python manage.py space_fee --plan hourly --visit 2026-12-07T10:00/2026-12-07T11:01 …` — a day's charges as JSON.

Times are ISO 8601; without an offset they are local times (Asia/Tokyo). Bad input (an unknown plan code, a
malformed time, an end before its start) exits with status 2 and one line saying what is wrong, never a traceback
(Django prints a CommandError's message and exits with its returncode).
"""

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from yukemuri.membership.fees import TOKYO, FeeError, day_charges
from yukemuri.membership.selectors import plan_by_code


def _time(text: str, which: str, visit: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"--visit {visit!r}: the {which} time {text!r} is not an ISO 8601 date and time "
                           f"(e.g. 2026-12-07T10:00)", returncode=2) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=TOKYO)


def parse_visit(text: str) -> tuple[datetime, datetime]:
    start, slash, end = text.partition("/")
    if not slash or not start or not end:
        raise CommandError(f"--visit {text!r}: write START/END, e.g. 2026-12-07T10:00/2026-12-07T12:30", returncode=2)
    start_at, end_at = _time(start, "start", text), _time(end, "end", text)
    if end_at < start_at:
        raise CommandError(f"--visit {text!r}: it ends before it starts", returncode=2)
    return start_at, end_at


class Command(BaseCommand):
    help = "Print the charges per day (JSON, yen) of visits under a membership plan."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's code, e.g. hourly, individual, corporate")
        parser.add_argument("--visit", action="append", default=[], metavar="START/END",
                            help="a visit as ISO 8601 local times (Asia/Tokyo), e.g. 2026-12-07T10:00/2026-12-07T11:01")
        parser.add_argument("--space", help="the space's key, when several spaces have a plan of that code")

    def handle(self, *args, plan, visit, space=None, **options):
        if not visit:
            raise CommandError("give at least one --visit START/END", returncode=2)
        visits = [parse_visit(text) for text in visit]
        try:
            plans = plan_by_code(plan.strip())
        except DatabaseError as exc:
            raise CommandError(f"cannot read the membership plans ({exc.__class__.__name__}): is the database "
                               f"migrated?", returncode=2) from None
        if space:
            plans = [p for p in plans if p.space.slug == space]
        if not plans:
            raise CommandError(f"no membership plan has the code {plan!r}", returncode=2)
        if len({p.space_id for p in plans}) > 1:
            keys = ", ".join(sorted(p.space.slug for p in plans))
            raise CommandError(f"several spaces have a plan {plan!r} ({keys}): add --space", returncode=2)
        try:
            charges = day_charges(plans[0].fee_rule, visits)
        except FeeError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(json.dumps({day.isoformat(): yen for day, yen in charges.items()}))
