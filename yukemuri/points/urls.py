from django.urls import path

from . import views

me_patterns = [
    path("", views.wallet, name="points_wallet"),
    path("open/", views.wallet_open, name="points_wallet_open"),
    path("statement.csv", views.statement, name="points_statement"),
]

urlpatterns = [
    path("w/<str:code>/", views.charge, name="points_charge"),
    path("m/<str:code>/", views.pay, name="points_pay"),
    path("redemptions/<int:pk>/answer/", views.answer, name="points_answer"),
    path("merchants/<int:pk>/", views.merchant, name="points_merchant"),
    path("merchants/<int:pk>/ask/", views.ask, name="points_ask"),
    path("issuers/<int:pk>/", views.issuer, name="points_issuer"),
    path("issuers/<int:pk>/give/", views.issue, name="points_issue"),
    path("transactions/<int:pk>/reverse/", views.reverse_transaction, name="points_reverse"),
]
