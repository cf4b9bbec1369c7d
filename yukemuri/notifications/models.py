"""Notifications (お知らせ) in the site, gathered into an e-mail digest by the task queue."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice is about (お知らせの種類); each person chooses per kind how it reaches them.
    ACCOUNT and STAFF cannot be turned off (docs/decisions/0023-notification-choices.md): they are about the
    person's own account and data, or work staff must answer (a reported barrier, a legal duty)."""

    MY_POSTS = "my_posts", _("Comments on and supports of my posts")
    FOLLOWING = "following", _("News of the ideas I follow")
    ANSWERS = "answers", _("Official answers to issues I posted or support")
    TEAMS = "teams", _("My teams and applications")
    EVENTS = "events", _("Events")
    HELP = "help", _("Help requests I signed up for")
    HELP_NEARBY = "help_nearby", _("New help requests where I live or have helped")
    MATCHING = "matching", _("Suggestions matched to me")
    SURVEYS = "surveys", _("Invitations to surveys")
    COMMUNITIES = "communities", _("Announcements of my communities")
    ACCOUNT = "account", _("My account and my data")
    STAFF = "staff", _("Work for staff")
    OTHER = "other", _("Other notices")


FIXED_KINDS = frozenset({NoticeKind.ACCOUNT, NoticeKind.STAFF})
# Kinds a person hears only once they chose a channel for them (no row means Channel.NONE): notices that are not
# about anything of theirs, sent to many people at once (0023).
OPT_IN_KINDS = frozenset({NoticeKind.HELP_NEARBY})


class Channel(models.TextChoices):
    """How a kind of notice reaches a person (受け取り方). SOON is today's behaviour and the default."""

    SOON = "soon", _("On the site, and by e-mail soon after (several in one e-mail)")
    DAILY = "daily", _("On the site, and in one e-mail a day")
    WEEKLY = "weekly", _("On the site, and in one e-mail a week")
    SITE = "site", _("On the site only")
    NONE = "none", _("Not at all")


class NoticeChoice(models.Model):
    """One person's choice for one kind of notice; no row means Channel.SOON (the default)."""

    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="notice_choices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.SOON)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="notice_choice_once")]

    def __str__(self):
        return f"{self.person_id} {self.kind}: {self.channel}"


class NotificationQuerySet(models.QuerySet):
    """Writes in bulk move the page cache's version of the unread count (core/pagecache.py: the count is a hole
    each person's state keeps); single saves and deletes move it through signals (apps.py)."""

    def bulk_create(self, objs, *args, **kwargs):
        made = super().bulk_create(objs, *args, **kwargs)
        if made:
            notices_changed(using=self.db)
        return made

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        if changed and {"read_at", "person", "person_id"} & set(kwargs):  # what an unread count reads
            notices_changed(using=self.db)
        return changed

    def delete(self):
        deleted = super().delete()
        notices_changed(using=self.db)
        return deleted


def notices_changed(using=None, **kwargs) -> None:
    from yukemuri.core.pagecache import bump_version

    bump_version(NOTICES_VERSION, using=using)


NOTICES_VERSION = "notices"


class Notification(models.Model):
    """One thing to tell one person. The text is kept as a message id and its values, and translated
    when shown, so each person reads it in their own language."""

    person = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices, default=NoticeKind.OTHER)
    # When a digest may carry it: soon after, the next daily or weekly digest, or never (on the site only).
    email_after = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set while a digest carrying this notice is being sent; `emailed_at` only once the mail server took it.
    # A claim older than STALE_CLAIM belongs to a sender that died, and is taken up again.
    email_claimed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "read_at"], name="notification_unread"),
            models.Index(fields=["person", "emailed_at"], name="notification_unsent"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        params = {key: gettext(value) if key.endswith("_label") else value for key, value in self.params.items()}
        return gettext(self.message) % params


class OutgoingEmail(models.Model):
    """One e-mail that must go out exactly once (a guest's confirmation link, a seat offer …), keyed by
    what it is about. A sender claims the row, sends, and only then marks it sent; a failed send gives the
    claim back, so a retry of the task or the sweep (`send_due_digests`) sends it later — and a task that
    runs twice finds it sent and sends nothing."""

    key = models.CharField(max_length=200, unique=True)
    task_path = models.CharField(max_length=200)  # the task that sends it, and its arguments, for the sweep
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "claimed_at"], name="outgoing_email_unsent")]

    def __str__(self):
        return self.key
