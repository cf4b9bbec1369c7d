"""Issues listen to the action stream: an official answer is told to the issue's author and supporters once it
has committed (docs/decisions/0009-action-stream.md, 0038-official-answers-and-similar-posts.md)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import AnswerState, Issue, IssueSupport, OfficialAnswer

ANSWERED = gettext_noop("The issue “%(title)s” has an official answer: %(state_label)s")


def answer_audience(issue) -> list:
    """The author and the supporters of the issue, each once."""
    people = {s.person.pk: s.person for s in IssueSupport.objects.filter(target=issue).select_related("person")}
    if issue.author is not None:
        people.setdefault(issue.author.pk, issue.author)
    return list(people.values())


@receiver(action_committed, dispatch_uid="issues-tell-answer")
def tell_answer(sender, action, verb, **kwargs):
    """The author and supporters (except whoever answered) hear of the answer, per their choice for ANSWERS."""
    if verb.name != verbs.ISSUE_ANSWERED:
        return
    issue = Issue.objects.select_related("author").filter(pk=action.target_id).first()
    answer = OfficialAnswer.objects.filter(pk=action.data.get("answer")).first()
    if issue is None or answer is None:
        return
    with translation.override(None):  # the label's msgid: each reader gets it in their language
        state_label = str(AnswerState(answer.state).label)
    with transaction.atomic():
        notify([p for p in answer_audience(issue) if p.pk != action.actor_id], kind=NoticeKind.ANSWERS,
               message=ANSWERED, url=issue.get_absolute_url() + "#official-answer",
               params={"title": issue.title, "state_label": state_label})
