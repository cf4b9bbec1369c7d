from django_tasks import task

from .models import Conversation
from .report import refresh


@task()
def analyse_conversation(conversation_id: int) -> int:
    """Recompute a conversation's map after enough new votes; returns the number of groups."""
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        return 0
    return refresh(conversation).analysis["k"]
