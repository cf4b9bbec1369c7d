"""The moderation e-mail goes through the real database task queue and its worker."""

from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from yukemuri.moderation.services import post_hide


def test_hiding_enqueues_the_notice_and_the_worker_sends_it(transactional_db, settings, person, moderator, make_idea):
    # Transactional: the worker manages its own connections and commits, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    person.preferred_language = "en"
    person.save()
    idea = make_idea(person, title="Spammy idea")
    post_hide(target=idea, moderator=moderator, reason="advertising")
    assert mail.outbox == []  # not sent in the request: queued
    task = DBTaskResult.objects.get()
    assert task.status == "READY" and task.task_path.endswith("notify_author_of_action")  # a receiver of the action
    call_command("db_worker", "--batch", "--no-startup-delay")
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Your post was hidden by a moderator"  # in the author's language
    assert "advertising" in message.body and "Spammy idea" in message.body
