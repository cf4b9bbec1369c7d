"""People: the custom user model (email login), their profile and their consents."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from yukemuri.regions.models import AgeBand


class Relation(models.TextChoices):
    """How a person is tied to the region (関係人口 is the people who care for it from elsewhere)."""

    RESIDENT = "resident", _("I live here")
    WORKS_HERE = "works", _("I work here")
    STUDIES_HERE = "studies", _("I study here")
    ELSEWHERE = "elsewhere", _("I live elsewhere and care about the region")


class Role(models.TextChoices):
    """Roles beyond taking part. Assignable roles are Django groups of the same name."""

    RESIDENT = "resident", _("Resident")
    ORGANISATION_MEMBER = "organisation_member", _("Organisation member")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    COORDINATOR = "coordinator", _("Coordinator")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")
    # 運営スタッフ: staff of the company that runs a co-creation space under contract — not prefectural staff.
    OPERATOR = "operator", _("Space operator")


class CreatorKind(models.TextChoices):
    """クリエイターの種類 — the creative work a person offers (seed 001: クリエイターデータベース)."""

    DESIGN = "design", _("Designer")
    VIDEO = "video", _("Video maker")
    WRITING = "writing", _("Writer or editor")
    PHOTOGRAPHY = "photography", _("Photographer")
    ILLUSTRATION = "illustration", _("Illustrator")
    DEVELOPMENT = "development", _("Web or app developer")
    MUSIC = "music", _("Musician or sound creator")
    OTHER = "other", _("Other creative work")


ASSIGNABLE_ROLES = [Role.MUNICIPAL_STAFF, Role.COORDINATOR, Role.MODERATOR, Role.ADMINISTRATOR, Role.OPERATOR]

LANGUAGE_CHOICES = [
    ("ja", "日本語"),
    ("en", "English"),
    ("pt", "Português"),
    ("vi", "Tiếng Việt"),
    ("tl", "Tagalog"),
    ("es", "Español"),
    ("zh", "中文"),
    ("ko", "한국어"),
    ("id", "Bahasa Indonesia"),
    ("ne", "नेपाली"),
    ("th", "ไทย"),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("email_verified", True)  # made on the server by its operator
        extra.setdefault("display_name", "admin")
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """参加者 — anyone with an account: residents, 関係人口, staff, members of organisations."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    display_name = models.CharField(
        _("display name"), max_length=50, help_text=_("Shown on your posts only if you agree below.")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="ja"
    )
    relation = models.CharField(
        _("relation to the region"), max_length=10, choices=Relation.choices, default=Relation.RESIDENT
    )
    home_municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    skills = models.ManyToManyField(
        "topics.Skill", through="PersonSkill", blank=True, verbose_name=_("skills"), related_name="+"
    )
    interest_sdgs = models.ManyToManyField(
        "topics.SDGGoal", blank=True, verbose_name=_("SDGs I care about"), related_name="+"
    )
    interest_themes = models.ManyToManyField(
        "topics.Theme", blank=True, verbose_name=_("themes I care about"), related_name="+"
    )
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    gender = models.CharField(_("gender (optional, in your own words)"), max_length=40, blank=True)
    # 年代: optional; lets surveys invite by age band and indicators count participation per 1,000 residents.
    age_band = models.CharField(_("age band (optional)"), max_length=3, choices=AgeBand.choices, blank=True)
    portfolio_url = models.URLField(_("portfolio"), max_length=300, blank=True,
                                    help_text=_("A page that shows your creative work."))
    profile_public = models.BooleanField(
        _("profile public"),
        default=False,
        editable=False,
        help_text=_("Kept in step with the 'public profile' consent by the consent service."),
    )
    # 始動人: a person chooses whether their profile lists what they did (ideas, events attended, help given).
    show_contributions = models.BooleanField(
        _("show my contributions"), default=False,
        help_text=_("List on my public profile the ideas I posted, the events and help I took part in, and my points."),
    )
    email_digest = models.BooleanField(
        _("e-mail digest"), default=True, help_text=_("Send me one e-mail when new notices are waiting.")
    )
    # Set when the person opened the link we sent to the address: until then no e-mail but that link goes
    # to it (people.selectors.may_email), so nobody can sign someone else's address up for our mail.
    email_verified = models.BooleanField(_("e-mail address confirmed"), default=False)
    is_demo = models.BooleanField(_("demo account"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_short_name(self):
        return self.display_name

    def get_full_name(self):
        return self.display_name

    @cached_property
    def role_names(self) -> frozenset[str]:
        """Assigned roles (Django groups) — one query per request, cached on the object."""
        names = set(self.groups.values_list("name", flat=True))
        if self.is_superuser:
            names.add(Role.ADMINISTRATOR)
        return frozenset(names)

    def has_role(self, role: str) -> bool:
        return role in self.role_names


class PersonSkill(models.Model):
    class Level(models.IntegerChoices):
        LEARNING = 1, _("learning")
        EXPERIENCED = 2, _("experienced")
        EXPERT = 3, _("expert")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="person_skills")
    skill = models.ForeignKey("topics.Skill", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.EXPERIENCED)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "skill"], name="person_skill_unique")]

    def __str__(self):
        return f"{self.skill_id} ({self.level})"


class PersonCreatorKind(models.Model):
    """A person's mark as a creator of one kind; a row per kind so lists filter by it with an index."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="creator_kinds")
    kind = models.CharField(_("kind of creator"), max_length=20, choices=CreatorKind.choices)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("creator kind")
        verbose_name_plural = _("creator kinds")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="person_creator_kind_unique")]
        indexes = [models.Index(fields=["kind", "person"], name="creator_by_kind")]

    def __str__(self):
        return self.get_kind_display()


class ConsentPurpose(models.TextChoices):
    """What a person may agree to. Nothing personal is shown or used without the matching consent."""

    TERMS = "terms", _("I agree to the terms of use and the privacy policy")
    PUBLIC_PROFILE = "public_profile", _(
        "Show my display name on my posts and my profile (area, skills, interests) to everyone"
    )
    CONTACT = "contact", _("Organisers of ideas and events may contact me by email")
    MATCHING = "matching", _("Use my skills, interests and area to suggest ideas that need me")


class Consent(models.Model):
    """同意記録 — one grant of consent for a purpose, and its withdrawal if any (APPI)."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    policy_version = models.CharField(_("policy version"), max_length=20, default="2026-11")

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]

    def __str__(self):
        return f"{self.purpose} ({'active' if self.active else 'withdrawn'})"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
