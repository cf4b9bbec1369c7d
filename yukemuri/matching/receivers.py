"""Matching listens to the action stream: the notices of suggestions run only after their transaction
committed, so a rolled-back run tells no one (docs/decisions/0009-action-stream.md)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.signals import action_committed
from yukemuri.notifications.models import NoticeKind
from yukemuri.notifications.services import notify

from .models import Opening, Suggestion

SUGGESTED = gettext_noop("New suggestions for you: %(titles)s")
SAID_YES = gettext_noop("%(name)s said yes to “%(title)s” (suggested by matching).")


@receiver(action_committed, dispatch_uid="matching-tell-suggested")
def tell_suggested(sender, action, verb, **kwargs):
    """The person hears of their new suggestions (in the site, and in the e-mail digest)."""
    if verb.name != verbs.MATCH_SUGGESTED or action.concerns is None:
        return
    titles = dict(Opening.objects.filter(pk__in=action.data.get("openings", [])).values_list("pk", "title"))
    if titles:
        with transaction.atomic():
            notify([action.concerns], kind=NoticeKind.MATCHING, message=SUGGESTED, url="/me/suggestions/",
                   params={"titles": "、".join(titles[pk] for pk in action.data["openings"] if pk in titles)})


@receiver(action_committed, dispatch_uid="matching-tell-organiser")
def tell_organiser(sender, action, verb, **kwargs):
    """A creator or a helper said yes: whoever asked hears it, with the person's name. (A yes to a team role
    joins the team, and the team's own notice tells the leads.)"""
    if verb.name != verbs.MATCH_ANSWERED or action.data.get("new") != Suggestion.Status.ACCEPTED:
        return
    suggestion = (Suggestion.objects.select_related("person", "opening__brief", "opening__task__day")
                  .filter(pk=action.target_id).first())
    if suggestion is None or suggestion.opening.role_id:
        return
    opening = suggestion.opening
    organiser = (opening.brief.set_by if opening.brief_id else opening.task.day.created_by if opening.task_id
                 else opening.created_by)
    if organiser is not None:
        with transaction.atomic():
            notify([organiser], kind=NoticeKind.MATCHING, message=SAID_YES, url=opening.url,
                   params={"name": suggestion.person.display_name, "title": opening.title})
