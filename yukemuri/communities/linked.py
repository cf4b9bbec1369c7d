"""The posts of other apps a community links, read through those apps' selectors: (kind, id) → what a list shows.

A post that is gone, hidden or back to a draft is left out (its link stays, and shows again if the post does)."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from yukemuri.events import selectors as events
from yukemuri.help import selectors as help_requests
from yukemuri.ideas import selectors as ideas
from yukemuri.issues import selectors as issues
from yukemuri.listening import selectors as listening

from .models import LinkKind


@dataclass(frozen=True)
class Shown:
    kind: str
    id: int
    title: str
    url: str
    date: datetime | None


def _issues(ids):
    return {o.pk: (o.title, reverse("issue_detail", args=[o.pk]), o.created_at) for o in issues.issues_for_ids(ids)}


def _ideas(ids):
    return {o.pk: (o.title, reverse("idea_detail", args=[o.pk]), o.created_at)
            for o in ideas.idea_list().filter(pk__in=ids)}


def _events(ids):
    return {o.pk: (o.title, reverse("event_detail", args=[o.pk]), o.starts_at)
            for o in events.event_list().filter(pk__in=ids)}


def _conversations(ids):
    return {o.pk: (o.title, reverse("conversation", args=[o.pk]), o.created_at)
            for o in listening.conversations_for_ids(ids)}


def _help(ids):
    return {o.pk: (o.title, reverse("help_detail", args=[o.pk]), o.published_at or o.created_at)
            for o in help_requests.shown_requests_for_ids(ids)}


READERS = {LinkKind.ISSUE: _issues, LinkKind.IDEA: _ideas, LinkKind.EVENT: _events,
           LinkKind.CONVERSATION: _conversations, LinkKind.HELP: _help}

# The address of each kind's page, in any language of the site (/ideas/12/, /en/ideas/12/).
PATHS = {"issues": LinkKind.ISSUE, "ideas": LinkKind.IDEA, "events": LinkKind.EVENT,
         "listening": LinkKind.CONVERSATION, "help": LinkKind.HELP}
ADDRESS = re.compile(r"^(?:https?://[^/\s]+)?(?:/[a-z]{2}(?:-[a-z]+)?)?/(issues|ideas|events|listening|help)/(\d{1,9})/?"
                     r"(?:[?#]\S*)?$")


def parse_address(text: str) -> tuple[str, int] | None:
    """(kind, id) of a post's address on this site, or None."""
    match = ADDRESS.match((text or "").strip())
    return (PATHS[match.group(1)], int(match.group(2))) if match else None


def exists(kind: str, object_id: int) -> bool:
    reader = READERS.get(kind)
    return bool(reader and reader([object_id]))


def shown(links) -> list[Shown]:
    """The links' posts that anyone may read, in the links' order, one query per kind."""
    links = list(links)
    found = {}
    for kind in {link.kind for link in links}:
        reader = READERS.get(kind)
        if reader:
            found[kind] = reader([link.object_id for link in links if link.kind == kind])
    result = []
    for link in links:
        row = found.get(link.kind, {}).get(link.object_id)
        if row:
            result.append(Shown(link.kind, link.object_id, row[0], row[1], row[2]))
    return result
