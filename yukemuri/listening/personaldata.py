"""The listening app's part of "download your data": what I answered, voted and wrote in conversations
joined with my account (anonymous browsers' participation cannot be tied to anyone, so it is not here)."""

from .models import Opinion, Participant, Statement, Vote


def listening_participation(person) -> list[dict]:
    return [{"conversation": p.conversation_id, "title": p.conversation.title, "answers": p.answers,
             "consented_at": p.consented_at, "created_at": p.created_at}
            for p in Participant.objects.filter(person=person).select_related("conversation").order_by("id")]


def listening_votes(person) -> list[dict]:
    return [{"conversation": v.statement.conversation_id, "statement": v.statement.text, "vote": v.value, "at": v.at}
            for v in Vote.objects.filter(participant__person=person).select_related("statement").order_by("at", "id")]


def listening_statements(person) -> list[dict]:
    rows = [{"kind": "statement", "conversation": s.conversation_id, "text": s.text, "status": s.status,
             "created_at": s.created_at}
            for s in Statement.objects.filter(participant__person=person).order_by("created_at", "id")]
    rows += [{"kind": "opinion", "conversation": o.conversation_id, "text": o.text,
              "status": "accepted" if o.accepted else "", "created_at": o.created_at}
             for o in Opinion.objects.filter(participant__person=person).order_by("created_at", "id")]
    return rows
