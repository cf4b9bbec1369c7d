"""Background work of translations, run by the task queue (django-tasks)."""

from django_tasks import task

from . import reads, services


@task()
def machine_translate(key: str, object_id: int, language: str) -> bool:
    """A machine draft of one post in one language (idempotent: see services.machine_translation_make)."""
    return services.machine_translation_make(key=key, object_id=object_id, language=language) is not None


@task()
def flush_read_counts() -> int:
    """Move the reads counted in the cache into ReadCount (run periodically: `manage.py flush_read_counts`)."""
    return reads.flush()
