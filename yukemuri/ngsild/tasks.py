import logging

from django_tasks import task

from yukemuri.core.tasks import retry_later

from .push import BrokerError, broker_url, push

logger = logging.getLogger(__name__)


@task()
def push_entities(ids: list[str], attempt: int = 0) -> dict:
    """Upsert (or delete) these entities at the broker as they are now; retried later when the broker fails.
    Idempotent: a retry sends the newest state of the same entities."""
    if not broker_url():
        return {"skipped": len(ids)}
    try:
        return push(ids)
    except BrokerError as exc:
        if not retry_later(push_entities, ids, attempt=attempt):
            logger.error("NGSI-LD push failed for good (%s entities): %s; `manage.py ngsild_push` sends all again",
                         len(ids), exc)
        else:
            logger.warning("NGSI-LD push failed, retrying later: %s", exc)
        return {"failed": len(ids), "error": str(exc)[:300]}
