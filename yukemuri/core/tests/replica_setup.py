"""Data for the read-replica tests (test_replica.py), made on the private primary in a process of its own:
`DATABASE_URL=… python -m yukemuri.core.tests.replica_setup` prints the people and the idea as JSON."""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yukemuri.settings_test")
    django.setup()
    from pathlib import Path

    from yukemuri.ideas.services import idea_create
    from yukemuri.people.models import Role, User
    from yukemuri.people.services import role_assign
    from yukemuri.regions.loader import load_region_folder
    from yukemuri.regions.models import Municipality

    load_region_folder(Path(__file__).resolve().parents[2] / "regions" / "data" / "gunma")
    people = {}
    for name in ("writer", "reader", "resident"):
        email = f"{name}@replica.example"
        User.objects.filter(email=email).delete()
        User.objects.create_user(email, "replica-pass-1", display_name=name, email_verified=True)
        people[name] = {"email": email, "password": "replica-pass-1"}
    # The writer and the reader coordinate: pages are rendered for them on every request, from the replica when
    # they may read it. A plain resident gets the shared signed-in copy (decision 0012), made from the primary.
    for name in ("writer", "reader"):
        role_assign(person=User.objects.get(email=f"{name}@replica.example"), role=Role.COORDINATOR)
    writer = User.objects.get(email="writer@replica.example")
    idea = idea_create(author=writer, title="温泉街の空き店舗を工房に", body="職人が使える工房にする。",
                       place={"municipality": Municipality.objects.get(code="102083")})
    print(json.dumps({"people": people, "idea": idea.pk, "title": idea.title}))


if __name__ == "__main__":
    main()
