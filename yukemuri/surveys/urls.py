"""/surveys/…"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_new, name="survey_new"),
    path("<int:pk>/manage/", views.manage, name="survey_manage"),
    path("<int:pk>/manage/settings/", views.settings_edit, name="survey_settings"),
    path("<int:pk>/manage/status/", views.status, name="survey_status"),
    path("<int:pk>/manage/invite/", views.invite, name="survey_invite"),
    path("<int:pk>/manage/listening/", views.to_listening, name="survey_to_listening"),
    path("<int:pk>/questions/new/", views.question_new, name="survey_question_new"),
    path("<int:pk>/questions/<int:qid>/", views.question_edit, name="survey_question_edit"),
    path("<int:pk>/questions/<int:qid>/delete/", views.question_delete, name="survey_question_delete"),
    path("<int:pk>/questions/<int:qid>/move/", views.question_move, name="survey_question_move"),
    path("<int:pk>/", views.answer, name="survey_answer"),
    path("<int:pk>/thanks/", views.thanks, name="survey_thanks"),
    path("<int:pk>/results/", views.results_page, name="survey_results"),
    path("<int:pk>/answers.csv", views.answers_csv, name="survey_answers_csv"),
    path("i/<str:token>/", views.invited, name="survey_invited"),
]
