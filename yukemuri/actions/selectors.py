"""Reads of the action stream, with what the lists show already joined."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from yukemuri.core.text import id_from

from .models import Action


def actions_list(*, verb: str = "", actor: str = "", date_from=None, date_to=None, target_type=None):
    """Every action, newest first, filtered as the staff page asks. `actor` is a person's number, e-mail
    address, or part of their display name."""
    actions = Action.objects.select_related("actor", "target_type")
    if verb:
        actions = actions.filter(verb=verb)
    actor = actor.strip()
    if (number := id_from(actor)) is not None:
        actions = actions.filter(actor_id=number)
    elif "@" in actor:
        actions = actions.filter(actor__email__iexact=actor)
    elif actor:
        actions = actions.filter(actor__display_name__icontains=actor)
    if date_from:
        actions = actions.filter(created_at__date__gte=date_from)
    if date_to:
        actions = actions.filter(created_at__date__lte=date_to)
    if target_type:
        actions = actions.filter(target_type=target_type)
    return actions


def actions_of(person):
    """What a person did, and what was done to what is theirs (their posts, pledges, roles, tickets)."""
    return Action.objects.filter(Q(actor=person) | Q(concerns=person)).select_related("actor", "target_type")


def target_types():
    """The kinds of object the stream holds actions on (for the staff page's filter)."""
    ids = Action.objects.order_by().values_list("target_type_id", flat=True).distinct()
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


def history_of(target, verbs):
    """The actions of `verbs` on `target`, oldest first, with their actors: an object's own timeline."""
    return (Action.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk,
                                  verb__in=verbs)
            .select_related("actor").order_by("created_at", "id"))
