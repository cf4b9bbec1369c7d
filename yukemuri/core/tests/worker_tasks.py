"""Tasks the worker tests enqueue: each run is recorded, so a test sees whether a task ran once."""

from django_tasks import task

RUNS: list[str] = []


@task()
def record(label: str) -> str:
    RUNS.append(label)
    return label
