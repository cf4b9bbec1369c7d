from django.urls import path

from . import views

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("new/", views.call_new, name="call_new"),
    path("calls.csv", views.calls_csv, name="calls_csv"),
    path("<int:pk>/", views.call_detail, name="call_detail"),
    path("<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="call_document"),
    path("<int:pk>/ask/", views.question_ask, name="call_ask"),
    path("<int:pk>/questions/", views.questions, name="call_questions"),
    path("<int:pk>/propose/", views.propose, name="call_propose"),
    path("<int:pk>/proposals/", views.proposal_list, name="call_proposals"),
    path("<int:pk>/proposals.csv", views.proposals_csv, name="call_proposals_csv"),
    path("<int:pk>/proposals/<int:proposal_pk>/", views.proposal_detail, name="call_proposal"),
    path("<int:pk>/proposals/<int:proposal_pk>/files/<int:file_pk>/", views.proposal_file,
         name="call_proposal_file"),
    path("<int:pk>/proposals/<int:proposal_pk>/idea/", views.proposal_to_idea, name="call_proposal_idea"),
    path("<int:pk>/summary/", views.summary, name="call_summary"),
]
