from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "yukemuri.help"
    label = "help"
    verbose_name = _("Help requests")

    def ready(self):
        from yukemuri.events.selectors import provide_origin

        from . import receivers, rules  # noqa: F401  (connect the receivers, declare the permissions)
        from .selectors import origin_of

        # The event page of a slot links back to its request, and a guest's sign-up with errors is shown again on
        # the request's page; events imports nothing of help.
        provide_origin(origin_of)
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from yukemuri.translations import registry as translations

        from .models import HelpRequest

        translations.register(
            HelpRequest, key="help", label=lambda: _("Help request"), body_field="description",
            url=lambda o: reverse("help_detail", args=[o.pk]),
            public=lambda: HelpRequest.objects.exclude(status=HelpRequest.Status.DRAFT),
            author_id=lambda o: o.created_by_id, detail_url_name="help_detail",
        )
        from yukemuri.attachments import registry as attachments

        from .selectors import request_visible_to

        # Photos and files (docs/decisions/0037): served to exactly those who may read the request; its hosts add them.
        attachments.register(HelpRequest, key="help", visible=request_visible_to, change_perm="help.manage",
                             url=lambda o: reverse("help_detail", args=[o.pk]))
        from yukemuri.events.views import provide_guest_form_page

        from .views import guest_form_page

        provide_guest_form_page(guest_form_page)
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # "Download your data" (privacy) asks each app for its part; it reads no app's tables itself.
        register_personal_data("help_signups", personaldata.help_signups)
