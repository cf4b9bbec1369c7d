"""What each app knows about a person, for "download your data" (個人データのダウンロード).

The exporter (the privacy app) must not read other apps' tables, and core imports no domain app: each app
hands over a `collect(person) -> list[dict]` in its AppConfig.ready, and the exporter asks every one of them.
A kind is one list of flat rows (one CSV file in the ZIP); values are plain JSON (str, int, float, bool, None).
See docs/decisions/0018-personal-data.md.
"""

from collections.abc import Callable

COLLECTORS: dict[str, Callable] = {}


def register_personal_data(name: str, collect: Callable) -> None:
    """Add a kind of personal data (`name` is also the CSV file's name). Registering a name again replaces it."""
    COLLECTORS[name] = collect


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def collect_personal_data(person) -> dict[str, list[dict]]:
    """Every registered kind for `person`, by name, in name order; each row's values made plain."""
    return {name: [{key: _plain(value) for key, value in row.items()} for row in COLLECTORS[name](person)]
            for name in sorted(COLLECTORS)}
