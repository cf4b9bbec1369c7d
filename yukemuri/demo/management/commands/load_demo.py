from django.core.management.base import BaseCommand

from yukemuri.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load Gunma's regions and the demo content (safe to run again: it changes nothing the second time)."

    def handle(self, **options):
        created = load_demo()
        self.stdout.write(f"demo data: {created} objects created")
        self.stdout.write("Demo people cannot log in until given passwords: `manage.py demo_logins` (development "
                          "only) sets and prints one for a resident, an organiser, a coordinator, a team lead, "
                          "a staff member, a help host and a shop clerk.")
