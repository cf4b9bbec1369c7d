from django_tasks import task

from .report import recompute


@task()
def analyse_conversation(conversation_id: int) -> bool:
    """Recompute a conversation's report when it is stale; one run at a time per conversation (report.py).
    Returns whether this task ran the analysis."""
    return recompute(conversation_id)


@task()
def draft_table(table_id: int, by_id: int | None) -> bool:
    """Draft a published table's items from the topics (tables.draft_fill); idempotent, so a retry after a
    lost worker, or a task run twice, adds no item. Returns whether this task drafted them."""
    from .tables import draft_fill

    return draft_fill(table_id, by_id)
