"""A task for tests/test_cluster.py: the cluster's task workers import it by name (tests.cluster_tasks)."""

import os
import time

from django_tasks import task


@task()
def record_run(path: str, number: int, seconds: float) -> None:
    """Append one line per run — the task's number and the process that ran it — then take a moment, so
    that two workers polling one queue have every chance to take the same task."""
    with open(path, "a", encoding="utf-8") as log:  # O_APPEND: lines of two processes never mix
        log.write(f"{number} {os.getpid()}\n")
    time.sleep(seconds)
