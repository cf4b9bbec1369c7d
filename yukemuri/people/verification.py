"""Confirming a person's e-mail address: a signed link, sent at sign-up and on request.

The link carries the account and the address it was sent to, so it stops working if the address changes,
and expires after VALID_DAYS. Opening it shows a page with a button: GET never writes (mail scanners open
links), the button's POST confirms.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import User

SALT = "yukemuri.people.email-verification"
VALID_DAYS = 7


def verification_token(person: User) -> str:
    return signing.dumps({"p": person.pk, "e": person.email}, salt=SALT, compress=True)


def person_of(token: str) -> User | None:
    """The account the token was made for, while the token is fresh and the address unchanged; else None."""
    try:
        value = signing.loads(token, salt=SALT, max_age=VALID_DAYS * 24 * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(value, dict):
        return None
    person = User.objects.filter(pk=value.get("p"), is_active=True).first()
    if person is None or person.email != value.get("e"):
        return None
    return person


def verification_link(person: User) -> str:
    with translation.override(person.preferred_language):
        path = reverse("verify_email", args=[verification_token(person)])
    return settings.YUKEMURI["SITE_URL"].rstrip("/") + path


@task()
def send_verification(person_id: int) -> bool:
    """E-mail the link that confirms the address — the one e-mail an unconfirmed address gets."""
    person = User.objects.filter(pk=person_id, is_active=True, email_verified=False).first()
    if person is None:
        return False
    with translation.override(person.preferred_language):
        subject = _("yukemuri: confirm your e-mail address")
        body = _(
            "Hello %(name)s,\n\nTo confirm that this is your e-mail address, open this link and press the "
            "button:\n%(link)s\n\nThe link works for %(days)d days. Until then we send you no other e-mail. "
            "If you did not sign up for yukemuri, ignore this e-mail."
        ) % {"name": person.display_name, "link": verification_link(person), "days": VALID_DAYS}
    send_mail(subject, body, None, [person.email])
    return True
