from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="support"),
    path("people/new/", views.person_new, name="support_person_new"),
    path("people/<str:reference>/", views.person_show, name="support_person"),
    path("people/<str:reference>/claim-code/", views.claim_code_renew, name="support_claim_code"),
    path("people/<str:reference>/issue/", views.enter_issue, name="support_enter_issue"),
    path("people/<str:reference>/idea/", views.enter_idea, name="support_enter_idea"),
    path("people/<str:reference>/support/", views.enter_support, name="support_enter_support"),
    path("people/<str:reference>/vote/", views.vote_choose, name="support_vote_choose"),
    path("people/<str:reference>/vote/<int:conversation>/", views.enter_votes, name="support_enter_votes"),
    path("people/<str:reference>/register/", views.enter_registration, name="support_enter_registration"),
    path("people/<str:reference>/help/", views.enter_help, name="support_enter_help"),
    path("phone/", views.phone, name="support_phone"),
    path("paper/", views.paper, name="support_paper"),
    path("log/", views.log, name="support_log"),
    path("report/", views.report, name="support_report"),
    path("forms/<str:kind>/", views.print_form, name="support_print_form"),
    path("posters/event/<int:pk>/", views.poster_event, name="support_poster_event"),
    path("posters/help/<int:pk>/", views.poster_help, name="support_poster_help"),
    path("claim/", views.claim, name="support_claim"),
]
