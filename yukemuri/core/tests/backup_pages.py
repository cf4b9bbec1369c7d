"""The pages a restored site must serve as the original did, rendered for anonymous visitors.

`python -m yukemuri.core.tests.backup_pages URL...` renders them in a process of its own, on the database at
DATABASE_URL (test settings), and prints them as JSON: how the backup tests read a restored database."""

import json
import re
import sys

# What differs between two renderings of the same data: per-session tokens.
VOLATILE = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"'), r'\1"'),
    (re.compile(r'(name="csrf-token" content=")[^"]*"'), r'\1"'),
    (re.compile(r'(nonce=")[^"]*"'), r'\1"'),
]


def normalise(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def render(urls) -> dict[str, list]:
    from django.test import Client

    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        pages[url] = [response.status_code, normalise(response.content.decode())]
    return pages


if __name__ == "__main__":
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, as in the suite
    json.dump(render(sys.argv[1:]), sys.stdout)
