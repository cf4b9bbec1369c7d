from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    name = "yukemuri.issues"
    label = "issues"
    verbose_name = _("Regional issues")

    def ready(self):
        from django.urls import reverse

        from yukemuri.core.views_helpers import register_support_hole
        from yukemuri.moderation import registry

        from . import receivers, services  # noqa: F401 — connect the answer and account-deletion receivers
        from .models import Issue, IssueSupport

        registry.register(Issue, key="issue", url=lambda o: reverse("issue_detail", args=[o.pk]),
                          excerpt=lambda o: o.title)
        register_support_hole("issue_support", IssueSupport)
        from django.utils.translation import gettext_lazy as _

        from yukemuri.translations import registry as translations

        translations.register(Issue, key="issue", label=lambda: _("Issue"), body_field="body",
                              url=lambda o: reverse("issue_detail", args=[o.pk]), public=Issue.objects.published,
                              detail_url_name="issue_detail")
        from yukemuri.attachments import registry as attachments

        from .selectors import issue_detail

        # Photos and files (docs/decisions/0037): served to exactly those who may read the issue.
        attachments.register(Issue, key="issue", visible=issue_detail, change_perm="issues.change_issue",
                             url=lambda o: reverse("issue_detail", args=[o.pk]))
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("issues", personaldata.issues)
        register_personal_data("issue_supports", personaldata.issue_supports)
        from . import guests

        guests.connect()  # supports without an account (notifications/guests.py)
