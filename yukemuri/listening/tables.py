"""The published table of a public-comment round (パブリックコメントの結果): services.

Staff draft it from the topics of the accepted free comments — one item per topic of the finest level, its
summary (御意見の概要) prefilled with the topic's most central comment, its distinctive terms kept as a hint —
then edit summaries, write answers (御意見に対する考え方), move comments between items, add, merge and delete
items, and publish it. Every comment stays traceable: it belongs to one item or, until staff place it, to
none. An item's count is the number of comments in it, so near-identical copies count as many times as they
were submitted. Every change is recorded in the action stream (docs/decisions/0040-published-table.md).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yukemuri.actions import verbs
from yukemuri.actions.selectors import history_of
from yukemuri.actions.services import record
from yukemuri.core.permissions import require

from .models import Opinion, ResultItem, ResultTable
from .topic_options import topic_options

DRAFT_SUMMARY = 400  # characters of the central comment prefilled as the summary
CAMPAIGN = 3  # near-identical copies that make an item of their own (fewer stay in their topic's item)
VERBS = (verbs.TABLE_DRAFTED, verbs.TABLE_ITEM_EDITED, verbs.TABLE_ITEM_ADDED, verbs.TABLE_ITEM_DELETED,
         verbs.TABLE_ITEMS_MERGED, verbs.TABLE_COMMENT_MOVED, verbs.TABLE_PUBLISHED, verbs.TABLE_IMPORTED)


EDIT = "listening.moderate_conversation"  # the organisers and moderators of the conversation
REFUSED = gettext_lazy("Only the organisers edit the table of comments and answers.")


def table_of(conversation) -> ResultTable | None:
    return ResultTable.objects.filter(conversation=conversation).first()


def items_of(table):
    """The items in order, each with `count`, the number of comments it stands for."""
    return table.items.annotate(count=Count("opinions")).order_by("position", "id")


def unplaced(conversation):
    """Accepted comments in no item (accepted after the draft, or left by a deleted item)."""
    return Opinion.objects.filter(conversation=conversation, accepted=True, item__isnull=True).order_by("id")


def log_of(table):
    return history_of(table, VERBS)


def _leaves(topic):
    """The finest level under a topic: the deepest sub-topics (the topic itself when it has none)."""
    if not topic.subtopics:
        return [topic]
    return [leaf for sub in topic.subtopics for leaf in _leaves(sub)]


def _draft_items(texts: list[str]) -> list[dict]:
    """Items drafted from the topics engine: members (indices into texts), summary, terms, topic id."""
    from .analysis import topics

    drafted = []
    if len(texts) >= 4:
        result = topics(texts, language="ja", seed=0, **topic_options())
        # A text submitted many times (a campaign) is an item of its own with its count, as the ministries
        # publish it (docs/decisions/0032); its copies leave the topic they were put back into.
        campaigns = [group for group in result.near_duplicates if group.count >= CAMPAIGN]
        taken = {index for group in campaigns for index in group.members}
        for group in campaigns:
            drafted.append({"members": list(group.members), "summary": texts[group.representative][:DRAFT_SUMMARY],
                            "terms": "", "topic": ""})
        for topic in result.topics:
            for leaf in _leaves(topic):
                members = [index for index in leaf.members if index not in taken]
                if not members:
                    continue
                central = next((index for index in leaf.central if index not in taken), members[0])
                drafted.append({"members": members, "summary": texts[central][:DRAFT_SUMMARY],
                                "terms": "・".join(leaf.terms[:6])[:200], "topic": leaf.id})
        rest = [index for index in result.unassigned if index not in taken]
    else:
        rest = list(range(len(texts)))
    for index in rest:  # too few comments to group, or a comment without a content word: an item of its own
        drafted.append({"members": [index], "summary": texts[index][:DRAFT_SUMMARY], "terms": "", "topic": ""})
    drafted.sort(key=lambda item: -len(item["members"]))  # largest first, as the ministries list them
    return drafted


# A drafting task not done after this is taken to be lost (its worker died before the commit): staff may ask again.
DRAFT_LEASE = timedelta(minutes=10)


def _draft_start(*, conversation, by) -> ResultTable:
    require(by, EDIT, conversation, REFUSED)
    existing = ResultTable.objects.filter(conversation=conversation).first()
    if existing is not None:
        raise ValidationError(_("The table is being drafted.") if existing.drafting else
                              _("The table is already drafted."))
    if not Opinion.objects.filter(conversation=conversation, accepted=True).exists():
        raise ValidationError(_("There are no accepted comments to put in a table yet."))
    return ResultTable.objects.create(conversation=conversation, created_by=by, drafting=True,
                                      draft_queued_at=timezone.now())


def _enqueue(table_id: int, by_id: int) -> None:
    from . import tasks

    transaction.on_commit(lambda: tasks.draft_table.enqueue(table_id, by_id))


@transaction.atomic
def draft_request(*, conversation, by) -> ResultTable:
    """Start drafting the table: the table is created at once (`drafting`), its items by a background task
    (`tasks.draft_table`), since the topics engine takes seconds for a few hundred comments."""
    table = _draft_start(conversation=conversation, by=by)
    _enqueue(table.pk, by.pk)
    return table


@transaction.atomic
def draft_retry(*, table, by) -> bool:
    """Ask again for a drafting task that has not finished within DRAFT_LEASE (lost with a worker that
    died); harmless if it was only slow, since the task is idempotent. True when asked."""
    require(by, EDIT, table.conversation, REFUSED)
    now = timezone.now()
    if not ResultTable.objects.filter(pk=table.pk, drafting=True, draft_queued_at__lt=now - DRAFT_LEASE).update(
            draft_queued_at=now):
        return False
    _enqueue(table.pk, by.pk)
    return True


def draft_stuck(table) -> bool:
    return bool(table.drafting and table.draft_queued_at and table.draft_queued_at < timezone.now() - DRAFT_LEASE)


def draft_fill(table_id: int, by_id: int | None) -> bool:
    """Draft the items of a table that is `drafting` from the accepted free comments' topics (the finest
    level). Idempotent: the items are written, and `drafting` cleared, in one transaction under the table's
    row lock, so a second run (a retry, or the same task run twice) finds nothing to do and adds no item.
    True when this run drafted the items."""
    if not ResultTable.objects.filter(pk=table_id, drafting=True).exists():
        return False
    conversation_id = ResultTable.objects.filter(pk=table_id).values_list("conversation_id", flat=True).get()
    opinions = list(Opinion.objects.filter(conversation_id=conversation_id, accepted=True, item__isnull=True)
                    .order_by("id").values_list("pk", "text"))
    drafted = _draft_items([text for _pk, text in opinions])  # the engine runs outside the lock: seconds
    with transaction.atomic():
        table = ResultTable.objects.select_for_update().filter(pk=table_id, drafting=True).first()
        if table is None:
            return False  # drafted meanwhile by another run
        for position, found in enumerate(drafted, start=1):
            item = ResultItem.objects.create(table=table, position=position, summary=found["summary"],
                                             terms=found["terms"], topic=found["topic"])
            # Only comments still in no item: one placed meanwhile stays where staff put it.
            Opinion.objects.filter(pk__in=[opinions[i][0] for i in found["members"]], item__isnull=True).update(
                item=item)
        ResultTable.objects.filter(pk=table.pk).update(drafting=False, draft_queued_at=None, updated_at=timezone.now())
        by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
        record(actor=by, verb=verbs.TABLE_DRAFTED, target=table,
               data={"items": len(drafted), "comments": len(opinions)})
    return True


@transaction.atomic
def draft(*, conversation, by) -> ResultTable:
    """Draft the table at once, in this process (the demo, the tests; the page asks for `draft_request`)."""
    table = _draft_start(conversation=conversation, by=by)
    draft_fill(table.pk, by.pk)
    table.refresh_from_db()
    return table


def _touch(table):
    ResultTable.objects.filter(pk=table.pk).update(updated_at=timezone.now())


@transaction.atomic
def item_edit(*, item, by, summary: str, answer: str) -> ResultItem:
    table = item.table
    require(by, EDIT, table.conversation, REFUSED)
    summary, answer = (summary or "").strip()[:4000], (answer or "").strip()[:4000]
    changed = [name for name, value in (("summary", summary), ("answer", answer)) if getattr(item, name) != value]
    if not changed:
        return item
    item.summary, item.answer = summary, answer
    item.save(update_fields=changed)
    _touch(table)
    record(actor=by, verb=verbs.TABLE_ITEM_EDITED, target=table, data={"item": item.pk, "fields": changed})
    return item


@transaction.atomic
def item_add(*, table, by, summary: str = "") -> ResultItem:
    require(by, EDIT, table.conversation, REFUSED)
    last = table.items.aggregate(last=Max("position"))["last"] or 0
    item = ResultItem.objects.create(table=table, position=last + 1, summary=(summary or "").strip()[:4000])
    _touch(table)
    record(actor=by, verb=verbs.TABLE_ITEM_ADDED, target=table, data={"item": item.pk})
    return item


@transaction.atomic
def item_delete(*, item, by) -> int:
    """Delete an item; its comments stay, in no item until staff place them. Returns how many they were."""
    table = item.table
    require(by, EDIT, table.conversation, REFUSED)
    left = Opinion.objects.filter(item=item).update(item=None)
    record(actor=by, verb=verbs.TABLE_ITEM_DELETED, target=table,
           data={"item": item.pk, "summary": item.summary[:200], "comments": left})
    item.delete()
    _touch(table)
    return left


@transaction.atomic
def items_merge(*, item, into, by) -> ResultItem:
    """Move every comment of `item` into `into` and delete `item`; `into` keeps its summary and answer."""
    table = item.table
    require(by, EDIT, table.conversation, REFUSED)
    if into.table_id != table.pk or into.pk == item.pk:
        raise ValidationError({"into": _("Choose another item of this table.")})
    moved = Opinion.objects.filter(item=item).update(item=into)
    record(actor=by, verb=verbs.TABLE_ITEMS_MERGED, target=table,
           data={"item": item.pk, "into": into.pk, "comments": moved})
    item.delete()
    _touch(table)
    return into


@transaction.atomic
def comment_move(*, opinion, to, by) -> Opinion:
    """Move one comment to another item (`to`), or out of every item (`to` None)."""
    table = table_of(opinion.conversation)
    require(by, EDIT, opinion.conversation, REFUSED)
    if table is None or (to is not None and to.table_id != table.pk):
        raise ValidationError({"to": _("Choose an item of this table.")})
    if not opinion.accepted:
        raise ValidationError({"to": _("Only accepted comments are placed in the table.")})
    old = opinion.item_id
    new = to.pk if to is not None else None
    if old == new:
        return opinion
    opinion.item = to
    opinion.save(update_fields=["item"])
    _touch(table)
    record(actor=by, verb=verbs.TABLE_COMMENT_MOVED, target=table, data={"opinion": opinion.pk, "old": old, "new": new})
    return opinion


@transaction.atomic
def publish(*, table, by, published: bool) -> ResultTable:
    """Publish the table (everyone sees it) or take it back to a draft (the organisers only)."""
    require(by, EDIT, table.conversation, REFUSED)
    if table.published == published:
        return table
    if published and table.drafting:
        raise ValidationError(_("The table is still being drafted."))
    if published and not table.items.exists():
        raise ValidationError(_("The table has no items to publish."))
    table.published = published
    table.published_at = timezone.now() if published else None
    table.save(update_fields=["published", "published_at"])
    record(actor=by, verb=verbs.TABLE_PUBLISHED, target=table, data={"old": not published, "new": published})
    return table


@transaction.atomic
def replace(*, table, by, rows: list[dict]) -> int:
    """Replace every item with `rows` (read from a CSV by table_csv.read): each {"summary", "answer",
    "comments": [comment ids]}. Comments listed nowhere end in no item. All or nothing; the number of items."""
    require(by, EDIT, table.conversation, REFUSED)
    known = set(Opinion.objects.filter(conversation=table.conversation, accepted=True).values_list("pk", flat=True))
    seen: dict[int, int] = {}
    for row in rows:
        for pk in row["comments"]:
            if pk not in known:
                raise ValidationError({"file": _("Line %(line)s: comment %(id)s is not an accepted comment of this "
                                                 "conversation. Nothing was imported.") % {"line": row["line"], "id": pk}})
            if pk in seen:
                raise ValidationError({"file": _("Line %(line)s: comment %(id)s is already in the item of line "
                                                 "%(other)s. Nothing was imported.") % {
                    "line": row["line"], "id": pk, "other": seen[pk]}})
            seen[pk] = row["line"]
    Opinion.objects.filter(item__table=table).update(item=None)
    table.items.all().delete()
    for position, row in enumerate(rows, start=1):
        item = ResultItem.objects.create(table=table, position=position, summary=row["summary"][:4000],
                                         answer=row["answer"][:4000])
        Opinion.objects.filter(pk__in=row["comments"]).update(item=item)
    _touch(table)
    record(actor=by, verb=verbs.TABLE_IMPORTED, target=table, data={"items": len(rows), "comments": len(seen)})
    return len(rows)
