"""Communities (コミュニティ): standing groups of 官民共創 — an area's 官民共創コミュニティ grown from its workshops,
a 始動人 circle, a theme group on 空き家. Members join (at once, or by a request an organiser approves), organisers
link the posts of other apps to the community (known here as (kind, id) only), announce to the members and look after
a thread only members read."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Moderatable


class Joining(models.TextChoices):
    OPEN = "open", _("Anyone may join")
    REQUEST = "request", _("By request, approved by an organiser")


class Community(models.Model):
    """コミュニティ — a standing group, placed in an area and/or a municipality, or gathered round a theme."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True, allow_unicode=True,
                            help_text=_("Letters, numbers and hyphens, for example kitagunma-shibukawa."))
    description = models.TextField(_("description"), max_length=10000, help_text=_("Markdown is supported."))
    description_html = models.TextField(editable=False, default="")
    area = models.ForeignKey("regions.Area", verbose_name=_("area"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    theme = models.ForeignKey("topics.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    joining = models.CharField(_("joining"), max_length=10, choices=Joining.choices, default=Joining.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [models.CheckConstraint(
            condition=Q(area__isnull=False) | Q(municipality__isnull=False) | Q(theme__isnull=False),
            name="community_has_a_place_or_theme")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("community_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.joining == Joining.OPEN


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    MEMBER = "member", _("Member")


class Member(models.Model):
    """メンバー — a person in a community. `listed`: they agreed to be named on its public page; otherwise they are
    counted only."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_places")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    listed = models.BooleanField(_("show my name on the community's page"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        constraints = [models.UniqueConstraint(fields=["community", "person"], name="community_member_once")]

    def __str__(self):
        return f"{self.community_id}: #{self.person_id} ({self.role})"

    @property
    def is_organiser(self) -> bool:
        return self.role == Role.ORGANISER


class JoinRequest(models.Model):
    """参加申請 — a request to join a community whose organisers approve members."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("a word to the organisers"), max_length=500, blank=True)
    listed = models.BooleanField(_("show my name on the community's page"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        # One waiting request per person and community, however many arrive at once.
        constraints = [models.UniqueConstraint(fields=["community", "person"], condition=Q(status="pending"),
                                               name="community_request_once")]

    def __str__(self):
        return f"{self.community_id}: #{self.person_id} {self.status}"


class LinkKind(models.TextChoices):
    ISSUE = "issue", _("Issue")
    IDEA = "idea", _("Idea")
    EVENT = "event", _("Event")
    CONVERSATION = "conversation", _("Conversation")
    HELP = "help", _("Help request")


class LinkedPost(models.Model):
    """A post of another app that an organiser linked to the community, known as (kind, id): this app reads the
    post through its app's selectors and holds no foreign key into it."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=15, choices=LinkKind.choices)
    object_id = models.PositiveIntegerField()
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at", "-id"]
        verbose_name = _("linked post")
        verbose_name_plural = _("linked posts")
        constraints = [models.UniqueConstraint(fields=["community", "kind", "object_id"], name="community_link_once")]

    def __str__(self):
        return f"{self.community_id}: {self.kind} {self.object_id}"


class Announcement(models.Model):
    """お知らせ — an organiser's word to the members, delivered as a notification; members read it on the page."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("message"), max_length=5000, help_text=_("Markdown is supported."))
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class ThreadPost(Moderatable):
    """メンバー掲示板の投稿 — a post in the community's members-only thread, reported and hidden like a comment."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="thread_posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("thread post")
        verbose_name_plural = _("thread posts")
        indexes = [models.Index(fields=["community", "created_at"], name="community_thread")]

    def __str__(self):
        return self.body[:60]

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)
