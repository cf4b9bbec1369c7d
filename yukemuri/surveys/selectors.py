"""Reads of surveys."""

from django.db.models import Count, Q

from .models import Invitation, Survey


def survey_list(*, manager: bool):
    """Staff see every survey; everyone else the open ones answered through a link and those whose results
    are published."""
    surveys = Survey.objects.annotate(answered=Count("responses", distinct=True)).order_by("-created_at", "-id")
    if manager:
        return surveys
    return surveys.filter(Q(status=Survey.Status.OPEN, access=Survey.Access.LINK)
                          | Q(status=Survey.Status.CLOSED, published=True))


def survey_detail(pk: int):
    return Survey.objects.filter(pk=pk).prefetch_related("questions").first()


def invitation_by_token(token: str):
    return Invitation.objects.select_related("survey", "person").filter(token=token).first() if token else None


def counts(survey) -> dict:
    return {"responses": survey.responses.count(), "invitations": survey.invitations.count(),
            "used": survey.invitations.filter(use__isnull=False).count()}
