from django.urls import path

from . import paper_views, table_views, views

urlpatterns = [
    path("", views.conversation_list, name="conversation_list"),
    path("new/", views.conversation_new, name="conversation_new"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/vote/", views.vote, name="conversation_vote"),
    path("<int:pk>/statements/", views.statement_new, name="conversation_statement"),
    path("<int:pk>/answers/", views.answers, name="conversation_answers"),
    path("<int:pk>/opinions/", views.opinion_new, name="conversation_opinion"),
    path("<int:pk>/import/", views.opinions_import, name="conversation_import"),
    path("<int:pk>/moderate/", views.moderate, name="conversation_moderate"),
    path("<int:pk>/report/", views.conversation_report, name="conversation_report"),
    path("<int:pk>/report.json", views.report_json, name="conversation_report_json"),
    path("<int:pk>/report.csv", views.report_csv, name="conversation_report_csv"),
    path("<int:pk>/close/", views.close, name="conversation_close"),
    path("<int:pk>/ballot/", paper_views.ballot_print, name="conversation_ballot"),
    path("<int:pk>/ballots/", paper_views.ballots_enter, name="conversation_ballots"),
    path("<int:pk>/me/", views.where_i_stand, name="conversation_me"),
    # The published table of comments and answers (パブリックコメントの結果)
    path("<int:pk>/table/", table_views.result_table, name="result_table"),
    path("<int:pk>/table/print/", table_views.result_table_print, name="result_table_print"),
    path("<int:pk>/table.csv", table_views.result_table_csv, name="result_table_csv"),
    path("<int:pk>/table/edit/", table_views.result_table_edit, name="result_table_edit"),
    path("<int:pk>/table/items/<int:item_pk>/", table_views.result_item, name="result_item"),
    path("<int:pk>/table/import/", table_views.result_table_import, name="result_table_import"),
    path("<int:pk>/table/log/", table_views.result_table_log, name="result_table_log"),
]
