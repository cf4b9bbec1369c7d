"""Signed links that stop the e-mail digest without logging in (one per person, no expiry)."""

from django.core import signing

SALT = "yukemuri.notifications.digest-unsubscribe"


def unsubscribe_token(person) -> str:
    return signing.dumps(person.pk, salt=SALT, compress=True)


def person_id_of(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
