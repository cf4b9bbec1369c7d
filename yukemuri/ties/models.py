"""関係人口 — people tied to a place: their ties to municipalities, each municipality's short needs survey and
its 関係案内人 (the contact person), and where tied people live (prefecture level)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import prefectures


class Kind(models.TextChoices):
    """How a person is tied to a municipality (a tie may have several)."""

    FAN = "fan", _("Fan")
    HOMETOWN = "hometown", _("My hometown")
    FORMER_RESIDENT = "former_resident", _("I used to live there")
    FREQUENT_VISITOR = "visitor", _("I visit often")
    WORKS_OR_STUDIES = "works_studies", _("I work or study there")
    DONOR = "donor", _("Furusato nozei donor")
    DUAL_RESIDENCE = "dual_residence", _("Dual residence (I live there part of the time)")


class Residence(models.Model):
    """住んでいる都道府県 — the prefecture a person lives in (or abroad), given once for all their ties.

    The profile's home municipality only knows the municipalities the platform serves, and people tied from
    afar live elsewhere: this is what the ties' "where people live" counts read first."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tie_residence")
    prefecture = models.CharField(_("prefecture where I live"), max_length=6,
                                  choices=[(code, code) for code in prefectures.CODES])
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")

    def __str__(self):
        return prefectures.label(self.prefecture)


class Tie(models.Model):
    """関係人口の登録 — one person's tie to one municipality.

    One row per person and municipality, with its kinds as rows of `TieKind`, rather than one row per kind:
    what the person wants to do there, since when, and their consents are about the person and the place,
    not about each way they are tied to it (a former resident who now donates would otherwise give two
    answers and two consents that could disagree). The public counts then count each person once per place,
    and a kind's count is one indexed query on `TieKind`."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ties")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.CASCADE, related_name="ties")
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    wishes = models.ManyToManyField("SurveyQuestion", blank=True, verbose_name=_("what I would like to do"),
                                    related_name="ties")
    wish_text = models.TextField(_("in my own words"), blank=True, max_length=1000)
    # Each consent keeps when it was given; withdrawing empties it. Nothing is shown or exported without it.
    contact_consented_at = models.DateTimeField(_("agreed to be contacted at"), null=True, blank=True)
    public_consented_at = models.DateTimeField(_("agreed to be named at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [models.UniqueConstraint(fields=["person", "municipality"], name="tie_one_per_place")]
        indexes = [models.Index(fields=["municipality", "created_at"], name="tie_by_place")]

    def __str__(self):
        return f"#{self.person_id} → {self.municipality_id}"

    @property
    def kinds(self) -> list[str]:
        return [row.kind for row in self.kind_rows.all()]


class TieKind(models.Model):
    """One way a tie holds (fan, hometown …); a row per kind so that counts by kind use an index."""

    tie = models.ForeignKey(Tie, on_delete=models.CASCADE, related_name="kind_rows")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("kind of tie")
        verbose_name_plural = _("kinds of tie")
        constraints = [models.UniqueConstraint(fields=["tie", "kind"], name="tie_kind_unique")]
        indexes = [models.Index(fields=["kind", "tie"], name="tie_kind_by_kind")]

    def __str__(self):
        return self.get_kind_display()


class TieSurvey(models.Model):
    """関係人口アンケート — a municipality's short survey: what would you like to do with us?

    A municipality without one offers the default questions (`DEFAULT_QUESTIONS`); the first tie registered
    there or the first edit by its staff saves them as its own."""

    municipality = models.OneToOneField("regions.Municipality", on_delete=models.CASCADE, related_name="tie_survey")
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("ties survey")
        verbose_name_plural = _("ties surveys")

    def __str__(self):
        return str(self.municipality)


class SurveyQuestion(models.Model):
    """One choice of the survey (e.g. 農作業を手伝いたい). Removing it from the survey hides it but keeps the
    answers already given; `key` names it in forms (the default questions' keys are the same everywhere)."""

    survey = models.ForeignKey(TieSurvey, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=20)
    text = models.CharField(_("text"), max_length=100)
    text_en = models.CharField(_("text (English)"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("asked"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="survey_question_key_unique")]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        """As the municipality wrote it; in English for other languages when an English text is kept."""
        if (get_language() or "ja").startswith("ja") or not self.text_en:
            return self.text
        return self.text_en


# The default survey, as data (Japanese first, as a municipality would write it, and its English).
DEFAULT_QUESTIONS = [
    ("farm", "農作業を手伝いたい", "Help with farm work"),
    ("festival", "祭りや行事に参加したい", "Take part in festivals and events"),
    ("snow", "雪かきや草刈りを手伝いたい", "Help clear snow or cut grass"),
    ("buy", "特産品を買いたい", "Buy local products"),
    ("online", "オンラインで関わりたい", "Take part online"),
    ("skills", "仕事のスキルを活かしたい", "Offer my professional skills"),
    ("move", "移住を考えている", "I am thinking of moving there"),
]


class Guide(models.Model):
    """関係案内人 — the person a municipality names as the contact for people tied to it."""

    municipality = models.OneToOneField("regions.Municipality", on_delete=models.CASCADE, related_name="tie_guide")
    name = models.CharField(_("name"), max_length=60, blank=True)
    role = models.CharField(_("role"), max_length=80, blank=True, help_text=_("e.g. 企画課 移住定住係"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    url = models.URLField(_("web page"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("ties guide")
        verbose_name_plural = _("ties guides")

    def __str__(self):
        return self.name or str(self.municipality)
