from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="membership_home"),
    path("join/<int:plan_pk>/", views.join, name="membership_join"),
    path("<int:pk>/change/", views.change, name="membership_change"),
    path("<int:pk>/named/", views.named_members, name="membership_named"),
    path("<int:pk>/named/<int:person_pk>/remove/", views.named_member_remove, name="membership_named_remove"),
    path("<int:pk>/cancel/", views.cancel, name="membership_cancel"),
    path("invoice/<int:pk>.pdf", views.invoice_pdf, name="membership_invoice_pdf"),
    path("invoice/<int:pk>.csv", views.invoice_csv, name="membership_invoice_csv"),
    path("<slug:slug>/desk/", views.desk, name="membership_desk"),
    path("<slug:slug>/members/", views.members, name="membership_members"),
    path("<slug:slug>/invoices/", views.invoices, name="membership_invoices"),
    path("<slug:slug>/invoices.csv", views.invoices_csv, name="membership_invoices_csv"),
]
