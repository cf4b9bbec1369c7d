from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkedAccount(models.Model):
    """連携アカウント — a person's account at a sign-in provider (LINE, a municipality's OpenID provider).

    Only what signing in needs is kept: which provider, and the provider's subject identifier (`sub`, stable and
    opaque). No access or refresh token, no profile (docs/decisions/0028-openid-connect.md)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="linked_accounts")
    provider = models.CharField(_("provider"), max_length=64)
    subject = models.CharField(_("subject identifier"), max_length=255)
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used to sign in"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked sign-in account")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="oidc_one_person_per_subject"),
            models.UniqueConstraint(fields=["person", "provider"], name="oidc_one_account_per_provider"),
        ]

    def __str__(self):
        return f"{self.provider}: {self.person_id}"
