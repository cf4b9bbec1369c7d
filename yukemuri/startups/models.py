"""The startup registry (スタートアップ一覧): programmes, the startups that joined them, their
funding rounds and progress — the 見える化 of seed 001's スタートアップ支援.

Money is in whole yen (integers). What a startup raised is summed from its public rounds when
read (selectors.startup_list), never stored twice.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yukemuri.core.markdown import render_markdown
from yukemuri.core.models import Moderatable

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Programme(models.Model):
    """支援施策 — a programme of the region's startup support (アクセラレータープログラム 2025 …)."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Ecosystem seminar")  # エコシステム醸成セミナー
        PITCH = "pitch", _("Pitch event and meet-up")  # スタートアップピッチ・交流会
        ACCELERATOR = "accelerator", _("Accelerator programme")  # アクセラレータープログラム
        SUPPORT = "support", _("Support programme or contest")  # スタートアップ支援プログラム（コンテストの実施等）
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=YEAR_VALIDATORS, help_text=_("The fiscal year (年度) starting in April.")
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-fiscal_year", "name"]
        verbose_name = pgettext_lazy("startup support", "programme")
        verbose_name_plural = pgettext_lazy("startup support", "programmes")
        constraints = [models.UniqueConstraint(fields=["name", "fiscal_year"], name="programme_unique_per_year")]

    def __str__(self):
        return f"{self.name} ({self.fiscal_year})"


class Startup(models.Model):
    """スタートアップ — an organisation of kind "startup" as the registry shows it."""

    class Stage(models.TextChoices):
        # A context: ideas have a "Seed" stage of their own (種), a startup's seed stage is シード.
        IDEA = "idea", pgettext_lazy("startup stage", "Idea")
        PRE_SEED = "pre_seed", pgettext_lazy("startup stage", "Pre-seed")
        SEED = "seed", pgettext_lazy("startup stage", "Seed")
        SERIES_A = "series_a", pgettext_lazy("startup stage", "Series A")
        SERIES_B_PLUS = "series_b_plus", pgettext_lazy("startup stage", "Series B or later")
        EXITED = "exited", pgettext_lazy("startup stage", "Exited (listed or acquired)")
        CLOSED = "closed", pgettext_lazy("startup stage", "Closed")

    class Sector(models.TextChoices):
        """事業分野 — a short fixed list, so the registry can be filtered and counted by it."""

        MANUFACTURING = "manufacturing", _("Manufacturing and hardware")
        SOFTWARE = "software", _("Software and IT services")
        HEALTH = "health", _("Health and care")
        FOOD = "food", _("Agriculture and food")
        TOURISM = "tourism", _("Tourism and hot springs")
        TOWN = "town", _("Real estate and town development")
        ENERGY = "energy", _("Energy and environment")
        EDUCATION = "education", _("Education and human resources")
        MOBILITY = "mobility", _("Mobility and logistics")
        FINANCE = "finance", _("Finance")
        CREATIVE = "creative", _("Creative industries and content")
        SOCIAL = "social", _("Social business and community")
        OTHER = "other", _("Other")

    organisation = models.OneToOneField(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="startup", limit_choices_to={"kind": "startup"},
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    sector = models.CharField(_("field of business"), max_length=20, choices=Sector.choices)
    pitch = models.CharField(_("in one sentence"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    programmes = models.ManyToManyField(Programme, through="Participation", related_name="startups",
                                        verbose_name=pgettext_lazy("startup support", "programmes"))
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        indexes = [models.Index(fields=["stage"], name="startup_stage"),
                   models.Index(fields=["sector"], name="startup_sector")]

    def __str__(self):
        return self.organisation.name

    def get_absolute_url(self):
        return reverse("startup_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.organisation.name


class Participation(models.Model):
    """採択・参加 — a startup's place in a programme: the year it joined and how it went."""

    class Outcome(models.TextChoices):
        PARTICIPATED = "participated", _("Took part")
        SELECTED = "selected", _("Selected")  # 採択
        FINALIST = "finalist", _("Finalist")
        AWARDED = "awarded", _("Awarded")
        COMPLETED = "completed", _("Completed the programme")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="participations")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="participations",
                                  verbose_name=pgettext_lazy("startup support", "programme"))
    year = models.PositiveSmallIntegerField(_("year joined"), validators=YEAR_VALIDATORS)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PARTICIPATED)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "programme__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["startup", "programme"], name="participation_unique")]

    def __str__(self):
        return f"{self.startup_id} @ {self.programme_id} ({self.year})"


class FundingRound(models.Model):
    """資金調達 — money a startup received: a grant, an investment, a loan or crowdfunding."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant or subsidy")
        EQUITY = "equity", _("Equity investment")
        LOAN = "loan", _("Loan")
        CROWDFUNDING = "crowdfunding", _("Crowdfunding")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="rounds")
    date = models.DateField(_("date"))
    amount_yen = models.PositiveBigIntegerField(_("amount (yen)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("investor or source"), max_length=120, blank=True,
                              help_text=_("Investor, lender, fund or programme (optional)."))
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("Public rounds are shown to everyone and counted in the money raised."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        indexes = [models.Index(fields=["startup", "is_public"], name="round_public_by_startup")]
        constraints = [models.CheckConstraint(condition=models.Q(amount_yen__gt=0), name="round_amount_positive")]

    def __str__(self):
        return f"{self.startup_id} {self.date} {self.amount_yen} JPY"


class ProgressUpdate(Moderatable):
    """進捗報告 — a dated note of how the startup is doing, in Markdown; moderators can hide it."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=5000, help_text=_("You can use Markdown."))
    text_html = models.TextField(editable=False, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.SET_NULL,
                               null=True, related_name="+")
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.startup_id} {self.date}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"text_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("startup_detail", args=[self.startup_id]) + f"#update-{self.pk}"
