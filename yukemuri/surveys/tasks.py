from django_tasks import task

from yukemuri.core.tasks import retry_later


@task()
def send_invitation(invitation_id: int, attempt: int = 0) -> bool:
    """E-mail one survey invitation with its link, once (notifications.mail.send_once): a retry after a
    failure sends it later, a task run twice sends nothing more."""
    from yukemuri.notifications.mail import send_once

    from .models import Invitation
    from .services import invitation_email

    invitation = Invitation.objects.select_related("person", "survey").filter(pk=invitation_id).first()
    message = invitation_email(invitation) if invitation is not None else None
    if message is None:
        return False
    try:
        return send_once(f"survey-invitation-{invitation_id}", message, task=send_invitation, args=[invitation_id])
    except Exception:
        retry_later(send_invitation, invitation_id, attempt=attempt)
        raise
