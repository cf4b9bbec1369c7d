"""Run the test OpenID provider: migrate its database, create its signing key, a client and people, then serve.

    python -m tests.oidc_provider.serve PORT CONFIG.json

CONFIG holds the client (`client_id`, `client_secret`, `redirect_uris`) and `people` (username, password, email,
first and last name).
"""

import json
import os
import sys


def main(port: int, config_path: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType, RSAKey

    config = json.loads(open(config_path).read())
    call_command("migrate", verbosity=0, interactive=False)
    if not RSAKey.objects.exists():
        call_command("creatersakey", stdout=open(os.devnull, "w"))
    client, _ = Client.objects.update_or_create(client_id=config["client_id"], defaults={
        "name": "yukemuri (tests)", "client_type": "confidential", "client_secret": config["client_secret"],
        "jwt_alg": "RS256", "require_consent": False, "reuse_consent": True,
    })
    client.redirect_uris = config["redirect_uris"]
    client.save()
    client.response_types.set([ResponseType.objects.get(value="code")])
    for person in config["people"]:
        user, _ = User.objects.get_or_create(username=person["username"])
        user.email, user.first_name, user.last_name = person["email"], person.get("first_name", ""), person.get("last_name", "")
        user.set_password(person["password"])
        user.save()
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
