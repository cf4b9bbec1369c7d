"""Guests' statements (ゲスト参加): a statement by someone without an account, with a name or pseudonym and an
address, reaches the moderators once the e-mail link is followed (notifications/guests.py), and becomes the
account's when the person later proves that address."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.notifications import guests
from yukemuri.notifications.guests import Described

from .models import Participant, Statement

KIND = "listening_statement"


def request_confirmation(statement: Statement) -> None:
    guests.request_confirmation(KIND, statement.pk)


@transaction.atomic
def statement_confirm(statement: Statement) -> str:
    Statement.objects.filter(pk=statement.pk, guest_confirmed_at__isnull=True).update(guest_confirmed_at=timezone.now())
    return _("Thank you! Others can vote on it once a moderator has read it.")


@transaction.atomic
def guests_claim(*, person, email: str) -> list:
    """Confirmed guest statements under `email` become the person's: their participant is linked to the account,
    or — when the account already takes part in that conversation — the statement moves to the account's one."""
    claimed = []
    for statement in (Statement.objects.select_for_update(of=("self",)).select_related("participant")
                      .filter(guest_email=email, guest_confirmed_at__isnull=False)):
        participant = statement.participant
        if participant is not None and participant.person_id is None:
            try:
                with transaction.atomic():
                    Participant.objects.filter(pk=participant.pk).update(person=person)
            except IntegrityError:  # the account has its own participant there already
                own = Participant.objects.get(conversation_id=statement.conversation_id, person=person)
                statement.participant = own
        elif participant is None or participant.person_id != person.pk:
            statement.participant, _made = Participant.objects.get_or_create(
                conversation_id=statement.conversation_id, person=person)
        statement.guest_name, statement.guest_email = "", ""
        statement.save(update_fields=["participant", "guest_name", "guest_email"])
        claimed.append(statement.pk)
    return claimed


def connect() -> None:
    def described(statement):
        return Described(email=statement.guest_email, name=statement.guest_name,
                         language=statement.guest_language or "ja",
                         what=_("add a statement to “%(title)s”") % {"title": statement.conversation.title},
                         url=statement.conversation.get_absolute_url())

    guests.register(KIND, find=lambda pk: Statement.objects.select_related("conversation").filter(pk=pk).exclude(
                        guest_email="").first(), describe=described, confirm=statement_confirm)
    guests.register_claim("listening", guests_claim)
