"""Writes: link and unlink a provider account, sign up through one, note a sign-in. One transaction each."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.people import services as people_services

from .models import LinkedAccount

LINKED_ELSEWHERE = _("This %(provider)s account is linked to another account of this site already.")
ONE_PER_PROVIDER = _("You have linked another %(provider)s account already. Unlink it first.")
LAST_WAY = _("You cannot unlink %(provider)s: it is your only way to sign in. Link another provider first.")


@transaction.atomic
def account_link(*, person, provider: str, subject: str, provider_name: str = "") -> LinkedAccount:
    """Link a provider account to `person`, who is signed in (so proved they own the account here) and has just
    signed in at the provider. One person per provider account, one account per provider and person."""
    require(person, "oidc.link_account", None, _("Sign in to link a provider."))
    name = {"provider": provider_name or provider}
    existing = LinkedAccount.objects.filter(provider=provider, subject=subject).first()
    if existing is not None:
        if existing.person_id == person.pk:
            return existing
        raise ValidationError(LINKED_ELSEWHERE % name)
    if LinkedAccount.objects.filter(person=person, provider=provider).exists():
        raise ValidationError(ONE_PER_PROVIDER % name)
    try:
        with transaction.atomic():  # two links of one account at once: the unique index refuses the second
            link = LinkedAccount.objects.create(person=person, provider=provider, subject=subject)
    except IntegrityError:
        raise ValidationError(LINKED_ELSEWHERE % name) from None
    action_record(actor=person, verb=verbs.ACCOUNT_LINKED, target=person, data={"provider": provider})
    return link


@transaction.atomic
def account_unlink(*, person, link: LinkedAccount, provider_name: str = "") -> None:
    """Unlink a provider account; refused when it is the person's last way to sign in (no password, no other
    linked account)."""
    require(person, "oidc.unlink_account", link, _("This is not your linked account."))
    person_row = get_user_model().objects.select_for_update().get(pk=person.pk)  # one unlink at a time per person
    others = LinkedAccount.objects.filter(person=person).exclude(pk=link.pk).exists()
    if not others and not person_row.has_usable_password():
        raise ValidationError(LAST_WAY % {"provider": provider_name or link.provider})
    LinkedAccount.objects.filter(pk=link.pk).delete()
    action_record(actor=person, verb=verbs.ACCOUNT_UNLINKED, target=person, data={"provider": link.provider})


@transaction.atomic
def person_register_linked(*, provider: str, subject: str, email: str, display_name: str, preferred_language: str,
                           relation: str, home_municipality=None, consents=()):
    """Open an account for someone who signed in at a provider the site does not know yet: no password (the
    provider is the way in), the address confirmed by our own link as at any sign-up, the provider linked."""
    if LinkedAccount.objects.filter(provider=provider, subject=subject).exists():
        raise ValidationError(LINKED_ELSEWHERE % {"provider": provider})
    person = people_services.person_register(
        email=email, password=None, display_name=display_name, preferred_language=preferred_language,
        relation=relation, home_municipality=home_municipality, consents=consents)
    LinkedAccount.objects.create(person=person, provider=provider, subject=subject, last_used_at=timezone.now())
    action_record(actor=person, verb=verbs.ACCOUNT_LINKED, target=person, data={"provider": provider})
    return person


def signed_in_with(*, provider: str, subject: str) -> None:
    """Note when a linked account was last used (shown on the person's page)."""
    LinkedAccount.objects.filter(provider=provider, subject=subject).update(last_used_at=timezone.now())
