from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "yukemuri.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from yukemuri.core.personaldata import register_personal_data

        from . import personaldata

        # Only signed surveys' answers are someone's personal data; anonymous ones belong to nobody.
        register_personal_data("survey_answers", personaldata.survey_answers)
