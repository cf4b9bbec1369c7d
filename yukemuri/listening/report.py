"""Run the analysis engine over a conversation and keep what the report shows, as JSON.

The report pages only read what is stored here (GET never writes). The analysis runs in the background,
one run at a time per conversation (`recompute`): a run claims the conversation with a conditional UPDATE,
reads the conversation's version *before* the votes, and saves its result only over an older one. Votes
that arrive while it runs move the version on, so the result is stale and another run follows.
"""

import math
from collections import Counter, defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from yukemuri.core.pagecache import bump

from .analysis import RESTARTS, VoteError, analyse, topics
from .models import Conversation, Opinion, Participant, Statement, Vote
from .topic_options import topic_options

MAP = 360  # the SVG map's side in user units
# A claim (or a waiting task) older than this is taken to be lost (a worker that died) and may be taken over.
LEASE = timedelta(minutes=10)
EMPTY = {"k": 0, "participants": 0, "in_map": 0, "groups": [], "points": [], "consensus": [], "divisive": [],
         "totals": [], "by_answer": {}, "votes": 0, "flagged_votes": 0, "flagged_participants": 0, "topics": [],
         "near_duplicates": [],
         "paper_participants": 0}


def min_cell() -> int:
    return int(settings.YUKEMURI.get("LISTENING_MIN_CELL", 5))


def suppress_small(by_answer: dict, minimum: int | None = None) -> dict:
    """Totals by answer with every cell of fewer than `minimum` people (one vote each) left out, and an answer
    with no cell left not shown at all: a group of one (or of a few) must not show how its members voted."""
    minimum = min_cell() if minimum is None else minimum
    kept = {}
    for question, answers in (by_answer or {}).items():
        for answer, cells in answers.items():
            shown = {sid: cell for sid, cell in cells.items()
                     if sum(cell.get(k, 0) for k in ("agree", "disagree", "pass")) >= minimum}
            if shown:
                kept.setdefault(question, {})[answer] = shown
    return kept


def public(data: dict | None) -> dict:
    """The stored analysis as the report pages and downloads show it (small cells suppressed even in a
    result stored before the rule)."""
    data = {**EMPTY, **(data or {})}  # a result stored before a key was added shows its default
    data["by_answer"] = suppress_small(data.get("by_answer"))
    data.pop("positions", None)
    return data


def standing(conversation, participant) -> dict | None:
    """Where one participant stands in the stored analysis: their dot (x, y in the map's units), their group
    and what sets it apart (its representative statements) — or None when they are not on the map (too few
    votes when it was computed, or computed before they voted)."""
    stored = conversation.analysis or {}
    position = (stored.get("positions") or {}).get(str(participant.pk)) if participant is not None else None
    data = public(stored)
    if not position or position[2] >= len(data["groups"]):
        return None
    x, y, g = position
    group = data["groups"][g]
    return {"x": x, "y": y, "group": group, "data": data,
            "agreed": [s for s in group["statements"] if s["direction"] == "agree"],
            "disagreed": [s for s in group["statements"] if s["direction"] == "disagree"]}


def _scaled(coords: dict) -> dict:
    if not coords:
        return {}
    xs = [x for x, _y in coords.values()]
    ys = [y for _x, y in coords.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    inner = MAP * 0.42
    return {p: (round(MAP / 2 + (x - cx) / span * 2 * inner, 1), round(MAP / 2 - (y - cy) / span * 2 * inner, 1))
            for p, (x, y) in coords.items()}


def _pct(n: int, of: int) -> int:
    return round(100 * n / of) if of else 0


def build(conversation) -> dict:
    # Votes on a statement rejected after people voted on it are passed as moderated out: as in pol.is,
    # they still count towards the votes needed for the map, the statement itself is shown nowhere.
    counted = (Statement.Status.ACCEPTED, Statement.Status.REJECTED)
    statements, rejected = {}, set()
    for pk, text, status in Statement.objects.filter(conversation=conversation, status__in=counted).values_list(
            "pk", "text", "status"):
        if status == Statement.Status.ACCEPTED:
            statements[pk] = text
        else:
            rejected.add(pk)
    everything = list(Vote.objects.filter(participant__conversation=conversation, statement__status__in=counted)
                      .values_list("participant_id", "statement_id", "value"))
    votes = [vote for vote in everything if vote[1] in statements]
    flagged = set(Participant.objects.filter(conversation=conversation, flagged=True).values_list("pk", flat=True))
    paper = set(Participant.objects.filter(conversation=conversation, ballot__isnull=False).values_list("pk", flat=True))
    data = {**EMPTY, "participants": len({p for p, _s, _v in votes}), "votes": len(votes),
            "paper_participants": len(paper & {p for p, _s, _v in votes}),
            "flagged_votes": sum(1 for p, _s, _v in votes if p in flagged),
            "flagged_participants": len(flagged & {p for p, _s, _v in votes})}
    data.pop("topics")
    data.pop("near_duplicates")
    if not votes:
        return data
    try:
        # Beside pol.is's single start, ten more: a small conversation can trap that one start in a poor split.
        result = analyse(everything, min_votes=conversation.min_votes, moderated_out=rejected, seed=0,
                         restarts=RESTARTS)
    except VoteError:
        return data
    data["k"], data["in_map"] = result.k, len(result.groups)
    sizes = defaultdict(int)
    for group in result.groups.values():
        sizes[group] += 1
    data["groups"] = [{
        "id": g, "label": chr(ord("A") + g), "size": sizes[g],
        "statements": [{"id": r.statement, "text": statements[r.statement], "direction": r.direction,
                        "agree": round(100 * r.agree), "disagree": round(100 * r.disagree)}
                       for r in result.repness.get(g, [])],
    } for g in range(result.k)]
    scaled = _scaled(result.coords)
    # Each participant's own dot, for their "where do I stand" page only: `public` drops it, so no download
    # or page for others ever carries who stands where.
    data["positions"] = {str(p): [x, y, result.groups[p]] for p, (x, y) in scaled.items()}
    # People who voted alike share a position: one dot each, sized by how many stand there. Sorted by
    # position, so the order says nothing about who joined when.
    at = Counter((x, y, result.groups[p]) for p, (x, y) in scaled.items())
    data["points"] = [{"x": x, "y": y, "group": g, "count": n, "r": round(6 * min(math.sqrt(n), 4), 1)}
                      for (x, y, g), n in sorted(at.items())]
    enough = _enough_votes(votes, result.groups, result.k)
    data["consensus"] = [{"id": c.statement, "text": statements[c.statement], "direction": c.direction,
                          "shares": [round(100 * s) for s in c.shares]} for c in result.consensus
                         if enough(c.statement)]
    data["divisive"] = [{"id": d.statement, "text": statements[d.statement]} for d in result.divisive[:5]]
    data["totals"] = [{"id": s, "text": statements[s], **{k: v for k, v in result.totals[s].items()},
                       "agree_pct": _pct(result.totals[s]["agree"], result.totals[s]["seen"]),
                       "disagree_pct": _pct(result.totals[s]["disagree"], result.totals[s]["seen"])}
                      for s in sorted(statements) if s in result.totals]
    data["by_answer"] = _by_answer(conversation, votes)
    return data


def opinion_topics(conversation) -> list:
    """Topics and sub-topics of the accepted free comments, with their labels and most central comments."""
    return free_comments(conversation)["topics"]


def free_comments(conversation) -> dict:
    """The accepted free comments' topics and their groups of near-identical comments (`near_duplicates`,
    largest first). Near-identical comments count once in the clustering; each topic lists those of its
    comments that were submitted many times (`submitted`) and how many distinct opinions it holds."""
    texts = list(Opinion.objects.filter(conversation=conversation, accepted=True).values_list("text", flat=True))
    if len(texts) < 4:
        return {"topics": [], "near_duplicates": []}
    result = topics(texts, language="ja", seed=0, **topic_options())
    shown = duplicates_shown(texts, result.near_duplicates)

    def shape(topic, depth=0):
        # `level` says what a child is: a sub-topic, or a summary item (御意見の概要の一項目) of its parent; the
        # page folds the items away, each with its count, representative comment and distinctive terms.
        document = {"id": topic.id, "label": topic.label, "level": topic.level, "terms": list(topic.terms[:6]),
                    "size": len(topic.members), "central": [texts[i] for i in topic.central[:2]],
                    "subtopics": [shape(t, depth + 1) for t in topic.subtopics]}
        if depth == 0:
            members = set(topic.members)
            document["submitted"] = [{key: group[key] for key in ("text", "count", "wordings", "variants")}
                                     for group in shown if group["index"] in members][:MAX_SUBMITTED]
            document["opinions"] = len(members) - sum(group["count"] - 1 for group in shown if group["index"] in members)
        return document

    return {"topics": [shape(topic) for topic in result.topics],
            "near_duplicates": [{key: group[key] for key in ("text", "count", "wordings", "variants")} for group in shown]}


MAX_SUBMITTED = 5  # near-identical groups shown per topic, largest first
MAX_VARIANTS = 20  # wordings shown for one group


def duplicates_shown(texts, groups) -> list:
    """Groups of near-identical comments as the report shows them: the most common wording, how many times
    the comment was submitted, and its distinct wordings (one click away in the page)."""
    from .analysis.duplicates import variants

    shown = []
    for group in groups:
        wordings = variants(texts, group)
        shown.append({"index": group.representative, "text": texts[group.representative], "count": group.count,
                      "wordings": len(wordings),
                      "variants": [{"text": text, "count": n} for text, n in wordings[:MAX_VARIANTS]]})
    return shown


def _enough_votes(votes, groups: dict, k: int):
    """The site's rule before a statement is "agreed (or rejected) across groups": the engine's test per
    group (pol.is's) passes with a vote or two per group, so it also needs LISTENING_CONSENSUS_MIN_VOTES
    votes in all and LISTENING_CONSENSUS_MIN_PER_GROUP in every group, from the people on the map."""
    in_all = int(settings.YUKEMURI.get("LISTENING_CONSENSUS_MIN_VOTES", 8))
    per_group = int(settings.YUKEMURI.get("LISTENING_CONSENSUS_MIN_PER_GROUP", 3))
    counts: dict = defaultdict(Counter)
    for participant, statement, _value in votes:
        if participant in groups:
            counts[statement][groups[participant]] += 1

    def enough(statement) -> bool:
        seen = counts.get(statement, Counter())
        return sum(seen.values()) >= in_all and all(seen[g] >= per_group for g in range(k))

    return enough


def _by_answer(conversation, votes) -> dict:
    """Statement totals for each answer to the organiser's questions (only of those who consented), small
    cells suppressed (LISTENING_MIN_CELL)."""
    answers = dict(Participant.objects.filter(conversation=conversation, consented_at__isnull=False)
                   .values_list("pk", "answers"))
    table: dict = {}
    for participant, statement, value in votes:
        for question, answer in (answers.get(participant) or {}).items():
            cell = table.setdefault(question, {}).setdefault(answer, {}).setdefault(
                str(statement), {"agree": 0, "disagree": 0, "pass": 0})
            cell[{1: "agree", -1: "disagree", 0: "pass"}[value]] += 1
    return suppress_small(table)


def request_analysis(conversation_id: int) -> bool:
    """Ask for a background analysis unless one is already waiting (inside the caller's transaction: the
    task is enqueued when it commits). True when a task was asked for."""
    now = timezone.now()
    waiting = Q(analysis_queued_at__isnull=True) | Q(analysis_queued_at__lt=now - LEASE)
    if not Conversation.objects.filter(waiting, pk=conversation_id).update(analysis_queued_at=now):
        return False
    from . import tasks

    transaction.on_commit(lambda: tasks.analyse_conversation.enqueue(conversation_id))
    return True


def _save(conversation_id: int, *, version: int, votes: int, data: dict) -> bool:
    """Keep a result computed from `version` unless a result of that version or a newer one is stored."""
    older = Q(analysed_version__isnull=True) | Q(analysed_version__lt=version)
    saved = Conversation.objects.filter(older, pk=conversation_id).update(
        analysis=data, analysed_version=version, analysed_votes=votes, analysed_at=timezone.now())
    if saved:
        bump()  # the anonymous page cache: the report pages show the new result
    return bool(saved)


def _analyse(conversation) -> bool:
    # The state first, then the votes: anything committed after this read has a larger version, so the
    # result is marked stale rather than taken for newer than it is.
    version, votes = Conversation.objects.filter(pk=conversation.pk).values_list("version", "votes_cast").get()
    data = build(conversation)
    data.update(free_comments(conversation))
    return _save(conversation.pk, version=version, votes=votes, data=data)


def recompute(conversation_id: int) -> bool:
    """Run the analysis once if the stored one is stale and no other run holds the conversation (single
    flight, a claim taken by a conditional UPDATE). True when this call ran it. Votes that came in while it
    ran ask for the next run."""
    started = timezone.now()
    free = Q(analysis_started_at__isnull=True) | Q(analysis_started_at__lt=started - LEASE)
    if not Conversation.objects.filter(free, pk=conversation_id).update(analysis_started_at=started,
                                                                         analysis_queued_at=None):
        return False  # another run holds it; it asks for one more run if what it read is overtaken
    ran = failed = False
    try:
        conversation = Conversation.objects.filter(pk=conversation_id).first()
        if conversation is not None and conversation.is_stale:
            _analyse(conversation)
            ran = True
    except Exception:
        failed = True  # no new run asked for here: a run that fails must not loop; the next vote or sweep retries
        raise
    finally:
        Conversation.objects.filter(pk=conversation_id, analysis_started_at=started).update(
            analysis_started_at=None, analysis_queued_at=None)
        if not failed and stale_conversations().filter(pk=conversation_id).exists():
            request_analysis(conversation_id)
    return ran


def refresh(conversation) -> Conversation:
    """Analyse now if the stored result is stale (for tests, the demo and the sweep); the conversation
    as it is afterwards."""
    recompute(conversation.pk)
    conversation.refresh_from_db()
    return conversation


def stale_conversations():
    """Conversations whose stored analysis is older than their votes (for the periodic sweep)."""
    return Conversation.objects.filter(Q(analysed_version__isnull=True) | Q(version__gt=F("analysed_version")))
