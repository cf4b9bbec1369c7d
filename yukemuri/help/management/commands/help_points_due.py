from django.core.management.base import BaseCommand

from yukemuri.help.selectors import helpers_attended
from yukemuri.help.services import attendance_points_due


class Command(BaseCommand):
    help = ("Give the points of every attended help slot that has none yet (a check-in whose receiver never ran, "
            "e.g. the process stopped right after the commit). Safe to run at any time: nothing is given twice.")

    def handle(self, *args, **options):
        people = helpers_attended()
        found = sum(attendance_points_due(person=person) for person in people)
        self.stdout.write(f"{found} attendance(s) with their points, for {len(people)} helper(s)")
