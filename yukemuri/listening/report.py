"""Run the analysis engine over a conversation and keep what the report shows, as JSON."""

import math
from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone

from .analysis import RESTARTS, VoteError, analyse, topics
from .models import Conversation, Opinion, Participant, Statement, Vote

MAP = 360  # the SVG map's side in user units


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
    data = {"k": 0, "participants": len({p for p, _s, _v in votes}), "in_map": 0, "groups": [], "points": [],
            "consensus": [], "divisive": [], "totals": [], "by_answer": {}, "votes": len(votes)}
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
    # People who voted alike share a position: one dot each, sized by how many stand there. Sorted by
    # position, so the order says nothing about who joined when.
    at = Counter((x, y, result.groups[p]) for p, (x, y) in scaled.items())
    data["points"] = [{"x": x, "y": y, "group": g, "count": n, "r": round(6 * min(math.sqrt(n), 4), 1)}
                      for (x, y, g), n in sorted(at.items())]
    data["consensus"] = [{"id": c.statement, "text": statements[c.statement], "direction": c.direction,
                          "shares": [round(100 * s) for s in c.shares]} for c in result.consensus]
    data["divisive"] = [{"id": d.statement, "text": statements[d.statement]} for d in result.divisive[:5]]
    data["totals"] = [{"id": s, "text": statements[s], **{k: v for k, v in result.totals[s].items()},
                       "agree_pct": _pct(result.totals[s]["agree"], result.totals[s]["seen"]),
                       "disagree_pct": _pct(result.totals[s]["disagree"], result.totals[s]["seen"])}
                      for s in sorted(statements) if s in result.totals]
    data["by_answer"] = _by_answer(conversation, votes)
    return data


def opinion_topics(conversation) -> list:
    """Topics and sub-topics of the accepted free comments, with their labels and most central comments."""
    texts = list(Opinion.objects.filter(conversation=conversation, accepted=True).values_list("text", flat=True))
    if len(texts) < 4:
        return []
    result = topics(texts, language="ja", seed=0)

    def shape(topic):
        return {"id": topic.id, "label": topic.label, "terms": list(topic.terms[:6]), "size": len(topic.members),
                "central": [texts[i] for i in topic.central[:2]], "subtopics": [shape(t) for t in topic.subtopics]}

    return [shape(topic) for topic in result.topics]


def _by_answer(conversation, votes) -> dict:
    """Statement totals for each answer to the organiser's questions (only of those who consented)."""
    answers = dict(Participant.objects.filter(conversation=conversation, consented_at__isnull=False)
                   .values_list("pk", "answers"))
    table: dict = {}
    for participant, statement, value in votes:
        for question, answer in (answers.get(participant) or {}).items():
            cell = table.setdefault(question, {}).setdefault(answer, {}).setdefault(
                str(statement), {"agree": 0, "disagree": 0, "pass": 0})
            cell[{1: "agree", -1: "disagree", 0: "pass"}[value]] += 1
    return table


@transaction.atomic
def refresh(conversation) -> Conversation:
    data = build(conversation)
    data["topics"] = opinion_topics(conversation)
    Conversation.objects.filter(pk=conversation.pk).update(analysis=data, analysed_at=timezone.now(),
                                                           votes_since_analysis=0)
    conversation.refresh_from_db()
    return conversation
