"""Teams: the roles an idea still needs (募集中の役割), who applied or was invited, and who is on the team."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    KEY_PERSON = "key_person", _("Key person")  # キーマン
    COORDINATOR = "coordinator", _("Coordinator")
    MUNICIPAL_PARTNER = "municipal_partner", _("Municipal partner")
    CREATOR = "creator", _("Creator or designer")
    ENGINEER = "engineer", _("Engineer")
    VOLUNTEER = "volunteer", _("Volunteers")
    SPONSOR = "sponsor", _("Sponsor")
    VENUE = "venue", _("Venue")
    MEMBER = "member", _("Member")


class RoleWanted(models.Model):
    """募集中の役割 — a role an idea still needs, with the skills wanted and, for volunteers, how many."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="roles_wanted")
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    description = models.TextField(_("what the role does"), blank=True, max_length=2000)
    skills = models.ManyToManyField("topics.Skill", verbose_name=_("skills wanted"), blank=True, related_name="+")
    count = models.PositiveSmallIntegerField(_("how many people"), default=1)
    filled = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        indexes = [models.Index(fields=["kind", "closed_at", "opened_at"], name="role_open_by_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.idea_id})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def places_left(self) -> int:
        return max(self.count - self.filled, 0)


class TeamMember(models.Model):
    """チームメンバー — a person on an idea's team, in a role; leads may move the idea and manage the team."""

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices, default=RoleKind.MEMBER)
    is_lead = models.BooleanField(_("team lead"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_lead", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["idea", "person", "role"], name="team_member_role_unique")]

    def __str__(self):
        return f"{self.person_id} as {self.role} on {self.idea_id}"


class Application(models.Model):
    """応募・招待 — a person applies for a role, or the team invites them; the other side answers."""

    class Direction(models.TextChoices):
        APPLIED = "applied", _("applied")
        INVITED = "invited", _("invited")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    role = models.ForeignKey(RoleWanted, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="applications")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.APPLIED)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey("people.User", on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "person"], condition=models.Q(status="pending"),
                                    name="one_pending_application"),
        ]

    def __str__(self):
        return f"{self.person_id} → {self.role_id} ({self.status})"
