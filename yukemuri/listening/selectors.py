"""Reads of conversations for other apps' pages (the support app's ballots entered for a person)."""

from .models import Conversation, Statement


def open_conversations():
    return Conversation.objects.filter(status=Conversation.Status.OPEN).order_by("-created_at", "-id")


def conversation_by_id(pk: int):
    return Conversation.objects.filter(pk=pk).first()


def accepted_statements(conversation):
    return Statement.objects.filter(conversation=conversation, status=Statement.Status.ACCEPTED).order_by("id")


def conversations_for_ids(ids):
    """The conversations with these ids (every conversation is public, open or closed): for the communities that
    link them."""
    return Conversation.objects.filter(pk__in=ids)
