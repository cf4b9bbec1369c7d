"""公共施設 — public facilities, holding every column of the 自治体標準オープンデータセット「公共施設一覧」."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.regions.codes import validate_code


class PublicFacility(models.Model):
    """公共施設 — a public facility (a town hall, a library, a museum …).

    `owner_code` is the 全国地方公共団体コード of the body that publishes the row (the prefecture for 県庁),
    `municipality` is where the facility stands: the list of a municipality shows what stands there.
    `owner_code` + `source_id` (the dataset's ID) identify a row, so importing a file again updates it."""

    prefecture = models.ForeignKey("regions.Prefecture", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="facilities")
    owner_code = models.CharField(_("local government code"), max_length=6, validators=[validate_code])
    source_id = models.CharField(_("ID"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name in kana"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    poi_code = models.CharField(_("POI code"), max_length=10, blank=True)
    category = models.CharField(_("kind"), max_length=60, blank=True, help_text=_("e.g. 庁舎, 図書館, 博物館"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_extra = models.CharField(_("building, floor (方書)"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    corporate_number = models.CharField(_("corporate number"), max_length=13, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    open_days = models.CharField(_("open on"), max_length=100, blank=True, help_text=_("e.g. 月火水木金"))
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    hours_note = models.CharField(_("note on opening hours"), max_length=400, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    accessibility = models.CharField(_("accessibility (barrier-free)"), max_length=400, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["owner_code", "source_id"]
        verbose_name = _("public facility")
        verbose_name_plural = _("public facilities")
        constraints = [models.UniqueConstraint(fields=["owner_code", "source_id"], name="facility_unique_id")]
        indexes = [models.Index(fields=["latitude", "longitude"], name="facility_latlon")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("facility_detail", args=[self.pk])

    @property
    def full_address(self) -> str:
        return f"{self.address} {self.address_extra}".strip()
