"""Start the test OpenID provider (this folder) in a second process on a free localhost port, and stop it."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PERSON = {"username": "hanako", "password": "provider-pass-8231", "email": "hanako@example.org",
          "first_name": "Hanako", "last_name": "Gunma"}


@dataclass
class Provider:
    """A running provider: its address (`server_url` is what a site configures), its client and its people."""

    url: str
    client_id: str
    client_secret: str
    people: list[dict]
    process: subprocess.Popen = field(repr=False)

    @property
    def server_url(self) -> str:
        return f"{self.url}/openid"

    def settings(self, provider_id: str = "local", name: str = "Test provider") -> dict:
        """yukemuri's SOCIALACCOUNT_PROVIDERS for this provider, as the OIDC_* environment variables make it."""
        return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [{
            "provider_id": provider_id, "name": name, "client_id": self.client_id, "secret": self.client_secret,
            "settings": {"server_url": self.server_url, "oauth_pkce_enabled": True}}]}}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_provider(folder: Path, redirect_uris: list[str], people=(PERSON,), port: int | None = None) -> Provider:
    """Migrate, configure and serve the provider; return once its discovery document answers."""
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    config = {"client_id": "yukemuri-" + secrets.token_hex(4), "client_secret": secrets.token_urlsafe(24),
              "redirect_uris": redirect_uris, "people": list(people)}
    (folder / "config.json").write_text(json.dumps(config))
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OP_DB": str(folder / "provider.sqlite3"), "OP_SITE_URL": url,
           "OP_SECRET_KEY": secrets.token_urlsafe(32), "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    log = open(folder / "provider.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "tests.oidc_provider.serve", str(port), str(folder / "config.json")],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    provider = Provider(url, config["client_id"], config["client_secret"], list(people), process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the test OpenID provider stopped: " + (folder / "provider.log").read_text()[-2000:])
        try:
            if requests.get(f"{provider.server_url}/.well-known/openid-configuration", timeout=2).ok:
                return provider
        except requests.RequestException:
            pass
        time.sleep(0.2)
    provider.stop()
    raise RuntimeError("the test OpenID provider did not answer within 60 s")
