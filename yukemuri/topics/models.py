"""Shared vocabularies: the 17 SDGs, free themes, and skills."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class SDGGoal(models.Model):
    """持続可能な開発目標 — one of the 17 Sustainable Development Goals, with its official colour."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    colour = models.CharField(
        _("colour"), max_length=7, validators=[RegexValidator(r"^#[0-9A-F]{6}$")]
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        """In Japanese (and やさしい日本語) the official Japanese name; elsewhere the UN's name in that language
        (the catalogues translate the English names: topics/sdgs.py), English where none is known."""
        if (get_language() or "ja").startswith("ja"):
            return self.name_ja
        return gettext(self.name_en)


class NamedTermQuerySet(models.QuerySet):
    def get_or_create_many(self, names):
        """Return the terms named, creating the missing ones (case-insensitive match). A term already made may
        stand among the names (services take what forms type and what the demo built alike)."""
        terms, seen = [], set()
        for name in names:
            if isinstance(name, self.model):
                if name.name.casefold() not in seen:
                    seen.add(name.name.casefold())
                    terms.append(name)
                continue
            name = (name or "").strip()[:60]
            if not name or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            term = self.filter(name__iexact=name).first()
            if term is None:
                try:
                    with transaction.atomic():
                        term = self.create(name=name)
                except IntegrityError:  # created meanwhile by someone else
                    term = self.get(name__iexact=name)
            terms.append(term)
        return terms


class NamedTerm(models.Model):
    name = models.CharField(_("name"), max_length=60)

    objects = NamedTermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(NamedTerm):
    """テーマ — a free theme people tag issues and ideas with (空き家, 子供の居場所 …)."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(Lower("name"), name="theme_name_unique_ci")]


class Skill(NamedTerm):
    """スキル — something a person can do (design, facilitation, Portuguese …)."""

    class Meta(NamedTerm.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_name_unique_ci")]
