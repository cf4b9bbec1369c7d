from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from yukemuri.core.ratelimits import login_limit

from . import views

account_patterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("verify/resend/", views.verify_email_resend, name="verify_email_resend"),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path("password/reset/", login_limit(auth_views.PasswordResetView.as_view(
        template_name="people/password_reset.html",
        email_template_name="people/email/password_reset.txt",
        subject_template_name="people/email/password_reset_subject.txt",
        success_url=reverse_lazy("password_reset_done"),
    )), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="people/password_reset_done.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="people/password_reset_confirm.html",
        success_url=reverse_lazy("password_reset_complete"),
    ), name="password_reset_confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="people/password_reset_complete.html"), name="password_reset_complete"),
]

me_patterns = [
    path("consents/", views.consent_change, name="consent_change"),
    path("delete/", views.delete_account, name="delete_account"),
]
