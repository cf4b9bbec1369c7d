from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yukemuri.demo.logins import set_demo_passwords


class Command(BaseCommand):
    help = ("Development only: give the demo's resident, organiser, coordinator, team lead and staff accounts "
            "fresh passwords and print them (each run makes new ones). Refuses when DEBUG is off.")

    def add_arguments(self, parser):
        parser.add_argument("--allow-without-debug", action="store_true",
                            help="set the passwords even with DEBUG off (a demo server, never a real site)")
        parser.add_argument("--base-url", default="", help="put this address before the pages (e.g. http://127.0.0.1:8000)")

    def handle(self, *args, allow_without_debug=False, base_url="", **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("demo_logins gives demo accounts passwords anyone reading this can use: it runs only "
                               "with DEBUG=1 (development). On a demo server that is not a real site, pass "
                               "--allow-without-debug.")
        try:
            logins = set_demo_passwords()
        except LookupError as exc:
            raise CommandError(f"The demo is not loaded ({exc} is missing): run manage.py load_demo first.") from exc
        base = base_url.rstrip("/")
        self.stdout.write("Demo logins (new passwords, shown only now; run `manage.py demo_logins` again for new ones).")
        self.stdout.write(f"Log in at {base}/accounts/login/ with the e-mail and password:")
        for login in logins:
            self.stdout.write(f"  {login.role:<30} {login.email:<28} {login.password}   then {base}{login.url}")
