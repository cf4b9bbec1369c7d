
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core.ratelimits import limit, login_limit
from yukemuri.core.views_helpers import safe_next, submit_form

from . import services
from .forms import ConsentForm, DeleteAccountForm, LoginForm, SignupForm
from .verification import person_of


@limit("signup", form=True)
def signup(request):
    if request.user.is_authenticated:
        return redirect("me")
    form = SignupForm(request.POST or None)

    def register(**data):  # a ValidationError: the address was taken between the form's check and the insert
        person = services.person_register(
            email=data["email"], password=data["password1"], display_name=data["display_name"],
            preferred_language=data["preferred_language"], relation=data["relation"],
            home_municipality=data["home_municipality"], consents=form.consents(),
        )
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        return person

    def welcome(person):
        messages.success(request, _("Welcome to yukemuri, %(name)s!") % {"name": person.display_name})
        messages.info(request, _("We sent you an e-mail: open its link to confirm your address."))

    return submit_form(request, form, register, success=welcome,
                       to=lambda person: safe_next(request, "/" if person.preferred_language == "ja"
                                                   else f"/{person.preferred_language}/"),
                       page=lambda: render(request, "people/signup.html",
                                           {"form": form, "next": request.GET.get("next", "")}))


def verify_email(request, token):
    """The link from the e-mail: a page with a button (GET never writes); its POST confirms the address."""
    person = person_of(token)
    if request.method == "POST" and person is not None:
        services.email_verify(person=person)
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return redirect("me" if request.user.is_authenticated else "login")
    return render(request, "people/verify_email.html", {"person": person}, status=200 if person else 400)


@require_POST
@login_required
@limit("verify")
def verify_email_resend(request):
    if request.user.email_verified:
        messages.info(request, _("Your e-mail address is confirmed already."))
    else:
        services.verification_request(person=request.user)
        messages.success(request, _("We sent the link again to %(email)s.") % {"email": request.user.email})
    return redirect("me")


# What apps above people add to the login page (a function of the request giving context), handed over in their
# AppConfig.ready: the sign-in providers' buttons (yukemuri/oidc). docs/decisions/0010-layers.md.
LOGIN_PAGE_EXTRAS = []


@method_decorator(login_limit, name="post")
class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for extra in LOGIN_PAGE_EXTRAS:
            context.update(extra(self.request))
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.retry_after:  # too many failed logins for this account: say how long to wait
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response


@require_POST
@login_required
def consent_change(request):
    form = ConsentForm(request.POST)
    if form.is_valid():
        purpose, granted = form.cleaned_data["purpose"], form.cleaned_data["granted"]
        if granted:
            services.consent_grant(person=request.user, purpose=purpose)
            messages.success(request, _("Thank you. Your consent is recorded."))
        else:
            services.consent_withdraw(person=request.user, purpose=purpose)
            messages.success(request, _("Your consent is withdrawn. It stops applying now."))
    return redirect("me")


@login_required
@login_limit
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        services.person_delete(person=request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data are deleted. Thank you for taking part."))
        return redirect("home")
    return render(request, "people/delete.html", {"form": form})
