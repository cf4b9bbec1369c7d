"""Bursts of posting (連続投稿) for moderators: many statements or free comments from one account, or from one
network address for people without an account, within a few minutes.

Nothing new is stored: a participant already carries its account and a keyed hash of the address it was
made from (`Participant.address`, an HMAC with the site's secret key; services.address_key), never the
address. A burst is shown, not refused: a workshop typing on one Wi-Fi looks the same as one person posting
again and again, and the moderator tells them apart. Imported comments (no participant) are never a burst.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .models import Opinion, Statement
from .services import _rate

DEFAULT = "5/10m"  # LISTENING_POST_BURST: more than a person writes by hand in ten minutes, fewer than a script
MAX_SCANNED = 20_000  # the newest posts read per conversation: enough for any burst worth a moderator's look


@dataclass
class Burst:
    """Posts from one account or one address close together in time."""

    kind: str  # "account" or "address"
    who: str  # the account's name, or a short tag of the address's hash (to tell two addresses apart)
    first: datetime
    last: datetime
    posts: list = field(default_factory=list)  # (created_at, "statement" | "opinion", text), oldest first

    @property
    def count(self) -> int:
        return len(self.posts)


def threshold() -> tuple[int, timedelta]:
    count, seconds = _rate("LISTENING_POST_BURST", DEFAULT)
    return count, timedelta(seconds=seconds)


def _posts(conversation):
    fields = ("created_at", "text", "participant__person_id", "participant__person__display_name",
              "participant__address", "participant_id")
    statements = (Statement.objects.filter(conversation=conversation, participant__isnull=False, seed=False)
                  .order_by("-created_at").values_list(*fields)[:MAX_SCANNED])
    opinions = (Opinion.objects.filter(conversation=conversation, participant__isnull=False, imported=False)
                .order_by("-created_at").values_list(*fields)[:MAX_SCANNED])
    for kind, rows in (("statement", statements), ("opinion", opinions)):
        for at, text, person, name, address, participant in rows:
            if person:
                who = ("account", name or f"#{person}")
            elif address:
                who = ("address", address[:8])
            else:
                who = ("address", f"p{participant}")
            yield who, (at, kind, text)


def of_conversation(conversation) -> list[Burst]:
    """Every burst in the conversation, newest first: runs of at least N posts by one author (account, or
    address without one) where each post is within M minutes of the N−1 before it (LISTENING_POST_BURST,
    "N/Mm"). Overlapping windows of one author are one burst."""
    count, window = threshold()
    by_author: dict = {}
    for who, post in _posts(conversation):
        by_author.setdefault(who, []).append(post)
    bursts = []
    for (kind, who), posts in by_author.items():
        posts.sort(key=lambda post: post[0])
        current = None
        for i in range(count - 1, len(posts)):
            if posts[i][0] - posts[i - count + 1][0] <= window:
                start = i - count + 1
                if current is not None and start <= current[1]:
                    current = (current[0], i)
                else:
                    if current is not None:
                        bursts.append((kind, who, posts[current[0]:current[1] + 1]))
                    current = (start, i)
        if current is not None:
            bursts.append((kind, who, posts[current[0]:current[1] + 1]))
    result = [Burst(kind, who, run[0][0], run[-1][0], run) for kind, who, run in bursts]
    return sorted(result, key=lambda burst: burst.last, reverse=True)
