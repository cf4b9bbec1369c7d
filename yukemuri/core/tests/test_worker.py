"""The task worker (`run_worker`) outlives database errors and takes up tasks whose worker died, once
(issue 12, item 7)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from yukemuri.core.worker import MAX_ATTEMPTS, ResilientWorker, requeue_stale

from . import worker_tasks

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits and reconnects like in production


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    worker_tasks.RUNS.clear()
    yield
    worker_tasks.RUNS.clear()


def worker(**options):
    options = {"queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default",
               "startup_delay": False, "max_tasks": None, "worker_id": "test-worker", "excluded_queue_names": [],
               "backoff": 0, "max_backoff": 0} | options
    return ResilientWorker(**options)


def test_the_worker_survives_a_database_outage_and_runs_later_tasks(monkeypatch):
    result = worker_tasks.record.enqueue("after the outage")
    real = DBTaskResultQuerySet.get_locked
    outage = iter([True, True, True])  # three polls fail, like a server restarting for three seconds

    def get_locked(self):
        if next(outage, False):
            raise OperationalError("server closed the connection unexpectedly")
        return real(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)
    w = worker()
    w.run()  # db_worker's loop would have ended at the first error, the task never run
    assert worker_tasks.RUNS == ["after the outage"]
    assert w.failures == 0
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_task_left_running_by_a_dead_worker_is_taken_up_and_runs_once():
    result = worker_tasks.record.enqueue("orphan")
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["dead-worker"],
                                                     started_at=timezone.now() - timedelta(hours=1))
    worker(stale_after=900).run()
    worker(stale_after=900).run()
    assert worker_tasks.RUNS == ["orphan"]
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.worker_ids == ["dead-worker", "test-worker"]


def test_a_task_still_running_in_time_is_left_to_its_worker():
    result = worker_tasks.record.enqueue("busy")
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"],
                                                     started_at=timezone.now() - timedelta(seconds=30))
    worker(stale_after=900).run()
    assert worker_tasks.RUNS == []
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING


def test_a_task_that_keeps_killing_its_workers_is_given_up():
    result = worker_tasks.record.enqueue("poison")
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING,
                                                     worker_ids=[f"w{i}" for i in range(MAX_ATTEMPTS)],
                                                     started_at=timezone.now() - timedelta(hours=1))
    assert requeue_stale(backend_name="default", stale_after=timedelta(minutes=15)) == (0, 1)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED


def test_a_digest_task_taken_up_again_after_a_crash_sends_no_second_email(person):
    from yukemuri.notifications.services import notify
    from yukemuri.notifications.tasks import send_digest

    notify([person], kind="other", message="“%(title)s” is closed.", params={"title": "案A"}, url="/ideas/7/")
    DBTaskResult.objects.all().delete()
    result = send_digest.enqueue(person.pk)
    mail.outbox.clear()
    # A worker ran it — the e-mail went — and died before recording that the task had finished.
    send_digest.call(person.pk)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["crashed"],
                                                     started_at=timezone.now() - timedelta(hours=1))
    worker().run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == 0
    assert len(mail.outbox) == 1


def test_run_worker_command_processes_the_queue():
    worker_tasks.record.enqueue("by the command")
    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert worker_tasks.RUNS == ["by the command"]
