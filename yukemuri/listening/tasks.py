from django_tasks import task

from .report import recompute


@task()
def analyse_conversation(conversation_id: int) -> bool:
    """Recompute a conversation's report when it is stale; one run at a time per conversation (report.py).
    Returns whether this task ran the analysis."""
    return recompute(conversation_id)
