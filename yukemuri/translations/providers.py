"""Machine-translation providers: off unless an operator sets TRANSLATION_PROVIDER.

    TRANSLATION_PROVIDER = {"class": "yukemuri.translations.providers.LibreTranslate",
                            "options": {"url": "https://translate.example.org", "api_key": "…"}}

Nothing here runs while a page is served: a machine draft is made by a task (tasks.py)."""

import http.client
import json
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The service could not translate (down, refused, an answer we cannot read)."""


class Provider:
    """A machine-translation service. `translate` keeps the order of `texts`."""

    name = "machine"

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        raise NotImplementedError


class LibreTranslate(Provider):
    """LibreTranslate's HTTP API (POST /translate, JSON {q, source, target, format, api_key})."""

    # The site's language codes where LibreTranslate names them otherwise.
    CODES = {"zh-hans": "zh", "pt-br": "pt", "ja-easy": "ja"}

    def __init__(self, *, url: str, api_key: str = "", timeout: float = 30, name: str = "LibreTranslate",
                 codes: dict | None = None):
        if not url.startswith(("https://", "http://")):
            raise ValueError("LibreTranslate needs an http(s) address")
        self.url, self.api_key, self.timeout, self.name = url.rstrip("/"), api_key, timeout, name
        self.codes = {**self.CODES, **(codes or {})}

    def translate(self, texts, *, source, target):
        payload = {"q": list(texts), "source": self.codes.get(source, source),
                   "target": self.codes.get(target, target), "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(  # noqa: S310 — http(s) only, checked in __init__
            f"{self.url}/translate", data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"},
            method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 — http(s) only
                answer = json.loads(response.read())
        except (OSError, http.client.HTTPException, ValueError) as error:  # URLError and timeouts are OSErrors
            raise ProviderError(str(error)) from error
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise ProviderError("unexpected answer")
        return [str(text) for text in translated]


def configured() -> Provider | None:
    """The operator's provider, or None (the default: no machine translation)."""
    config = getattr(settings, "TRANSLATION_PROVIDER", None)
    if not config:
        return None
    return import_string(config["class"])(**config.get("options", {}))
