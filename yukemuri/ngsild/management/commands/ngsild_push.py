from django.core.management.base import BaseCommand, CommandError

from yukemuri.ngsild.entities import TYPES
from yukemuri.ngsild.push import BrokerError, broker_url, push


class Command(BaseCommand):
    help = ("Upsert every public entity (events, facilities, issues, ideas, indicators) to the NGSI-LD broker at "
            "NGSILD_BROKER_URL: the first load of a broker, or after it was down for longer than the retries.")

    def add_arguments(self, parser):
        parser.add_argument("--type", choices=sorted(TYPES), action="append", help="only these types")

    def handle(self, *args, type=None, **options):
        if not broker_url():
            raise CommandError("NGSILD_BROKER_URL is not set: there is no broker to push to")
        total = 0
        for name in type or list(TYPES):
            entity_type = TYPES[name]
            pks = list(entity_type.queryset().values_list("pk", flat=True))
            for start in range(0, len(pks), 500):
                try:
                    push([entity_type.urn(pk) for pk in pks[start:start + 500]])
                except BrokerError as exc:
                    raise CommandError(f"the broker refused or did not answer: {exc}") from None
            total += len(pks)
            self.stdout.write(f"{name}: {len(pks)}")
        self.stdout.write(f"pushed {total} entities to {broker_url()}")
