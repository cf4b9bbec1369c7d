import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from yukemuri.people.tests.factories import PersonFactory


class LibreTranslateHandler(BaseHTTPRequestHandler):
    """A tiny LibreTranslate on localhost: POST /translate answers as the real API does, translating
    deterministically ("[vi] " + the text), and keeps what it was asked."""

    def do_POST(self):
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.asked.append(asked)
        if self.path != "/translate" or asked.get("api_key") != "local-key":
            self._answer(403 if self.path == "/translate" else 404, {"error": "refused"})
            return
        texts = asked["q"] if isinstance(asked["q"], list) else [asked["q"]]
        translated = [f"[{asked['target']}] {text}" for text in texts]
        self._answer(200, {"translatedText": translated if isinstance(asked["q"], list) else translated[0]})

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate():
    """A local LibreTranslate server on a free port; yields its server (its `url` and what it was `asked`)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslateHandler)
    server.asked = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def provider(settings, libretranslate):
    """The site configured with the local LibreTranslate, as an operator would."""
    settings.TRANSLATION_PROVIDER = {"class": "yukemuri.translations.providers.LibreTranslate",
                                     "options": {"url": libretranslate.url, "api_key": "local-key",
                                                 "name": "LibreTranslate (local)"}}
    return libretranslate


@pytest.fixture
def volunteer(db):
    return PersonFactory(display_name="グエン")
