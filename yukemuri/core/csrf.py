"""CSRF secrets and masks from one read of the system's randomness instead of 32.

Django makes each CSRF secret and each token's mask with `get_random_string`: one `secrets.choice`, so one
`os.urandom` call, per character — 64 calls for a signed-in page whose reader has no CSRF cookie yet, 32 for
one who has. Every signed-in page carries tokens (the support and follow buttons, the log-out form), and on a
page served from the page cache (core/pagecache.py) that was a sixth of the request's CPU
(docs/decisions/0039-signed-in-speed.md). The same characters, equally likely (bytes past the last whole
multiple of the alphabet's size are dropped, so there is no modulo bias), from the same source (`os.urandom`).
"""

import os

from django.middleware import csrf

_ALPHABET = csrf.CSRF_ALLOWED_CHARS
_LIMIT = 256 - 256 % len(_ALPHABET)  # 248 for 62 characters: each character from 4 byte values


def new_csrf_string(length: int = csrf.CSRF_SECRET_LENGTH) -> str:
    chars: list[str] = []
    while len(chars) < length:
        chars.extend(_ALPHABET[byte % len(_ALPHABET)] for byte in os.urandom(length + 8) if byte < _LIMIT)
    return "".join(chars[:length])


def install() -> None:
    """Django's CSRF middleware and get_token make their secrets and masks with new_csrf_string."""
    if not callable(getattr(csrf, "_get_new_csrf_string", None)):  # Django changed: keep its own
        return
    csrf._get_new_csrf_string = new_csrf_string
