"""支援 — assisted participation: people without a device, and what supporters and staff entered for them.

An assisted person is an ordinary account (people.User) that nobody can sign in to yet: no usable password, and
a login address under the reserved `.invalid` domain (RFC 2606), so no mail ever goes to it. Supporters find the
person by reference number, or by name within a municipality; the person can later claim the account with the
reference and the claim code printed on their slip (docs/decisions/0026-assisted-participation.md).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yukemuri.core.models import Channel

ASSISTED_EMAIL_DOMAIN = "assisted.invalid"


class AssistedPerson(models.Model):
    """支援対象者 — a person helped by supporters, who may have no e-mail and no device of their own."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assisted",
                                  verbose_name=_("account"))
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    # The name as the person gives it: seen by supporters and staff only (their display name is what posts show,
    # and only with the person's consent, as for anyone).
    full_name = models.CharField(_("full name"), max_length=100)
    name_kana = models.CharField(_("name in kana"), max_length=100, blank=True)
    municipality = models.ForeignKey("regions.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="+")
    contact_note = models.CharField(_("how to reach them"), max_length=200, blank=True,
                                    help_text=_("A phone number, or “through the community centre”."))
    claim_code = models.CharField(max_length=128, editable=False)  # hashed, as a password is
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+", verbose_name=_("registered by"))
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    class Meta:
        ordering = ["name_kana", "full_name", "id"]
        verbose_name = _("assisted person")
        verbose_name_plural = _("assisted people")
        indexes = [models.Index(fields=["municipality", "full_name"], name="assisted_by_place_name")]

    def __str__(self):
        return self.reference


class AssistedEntry(models.Model):
    """代理入力 — one thing a supporter or staff member entered for a person, and how the person consented.

    The post, vote or registration itself is the owning app's and belongs to the person; this row says who
    entered it, when, by which channel, and the consent: a paper form's number, or words spoken to the supporter
    (their note). Never edited."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue")
        IDEA = "idea", _("Idea")
        SUPPORT = "support", _("Support of an idea")
        VOTE = "vote", _("Votes in a conversation")
        REGISTRATION = "registration", _("Event registration")
        HELP_SIGNUP = "help_signup", _("Help sign-up")

    class ConsentMethod(models.TextChoices):
        PAPER = "paper", _("Signed paper form")
        SPOKEN = "spoken", _("Spoken (noted by the supporter)")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("for"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("entered by"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("what"), max_length=15, choices=Kind.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_repr = models.CharField(_("about"), max_length=200)
    target_url = models.CharField(max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)  # e.g. "3 votes", a slot's time
    consent_method = models.CharField(_("consent"), max_length=10, choices=ConsentMethod.choices)
    consent_form_number = models.CharField(_("form number"), max_length=40, blank=True)
    consent_note = models.CharField(_("consent note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assisted entry")
        verbose_name_plural = _("assisted entries")
        indexes = [models.Index(fields=["person", "created_at"], name="assisted_entry_person_at"),
                   models.Index(fields=["created_at", "id"], name="assisted_entry_at")]
        constraints = [
            # No entry without consent: a paper form has a number, spoken consent the supporter's note.
            models.CheckConstraint(
                condition=(Q(consent_method="paper") & ~Q(consent_form_number=""))
                | (Q(consent_method="spoken") & ~Q(consent_note="")),
                name="assisted_entry_has_consent"),
            # A returned paper form is entered once.
            models.UniqueConstraint(fields=["kind", "consent_form_number"], condition=Q(channel="paper"),
                                    name="paper_form_entered_once"),
        ]

    def __str__(self):
        return f"{self.kind} {self.target_repr}"
