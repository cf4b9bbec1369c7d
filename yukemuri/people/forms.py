from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import HoneypotField, TermsField
from yukemuri.regions.models import AgeBand, Municipality
from yukemuri.topics.forms import SDGField

from .models import LANGUAGE_CHOICES, ConsentPurpose, CreatorKind, Relation, User


class MunicipalityChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Municipality.objects.order_by("code"), required=False, to_field_name="code",
                         empty_label=_("Not in the list / prefer not to say"), **kwargs)

    def label_from_instance(self, obj):
        return obj.display_name


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    display_name = forms.CharField(
        label=_("Display name"), max_length=50,
        help_text=_("A nickname is fine. It is shown on your posts only if you agree below."),
    )
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    relation = forms.ChoiceField(label=_("Your relation to the region"), choices=Relation.choices,
                                 widget=forms.RadioSelect, initial=Relation.RESIDENT)
    home_municipality = MunicipalityChoiceField(label=_("Municipality you live in or are tied to (optional)"))
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    consent_terms = forms.BooleanField(label=ConsentPurpose.TERMS.label, required=True,
                                       error_messages={"required": _("You need to agree to the terms to sign up.")})
    consent_public_profile = forms.BooleanField(label=ConsentPurpose.PUBLIC_PROFILE.label, required=False)
    consent_contact = forms.BooleanField(label=ConsentPurpose.CONTACT.label, required=False)
    consent_matching = forms.BooleanField(label=ConsentPurpose.MATCHING.label, required=False)
    website = HoneypotField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language() if get_language() in dict(settings.LANGUAGES) else "ja"

    def clean_email(self):
        from .selectors import email_taken
        from .services import EMAIL_TAKEN

        email = normalise_email(self.cleaned_data["email"])
        if email_taken(email):
            raise ValidationError(EMAIL_TAKEN)
        return email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        if p1:
            candidate = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def consents(self) -> set[str]:
        return {purpose for purpose in ConsentPurpose.values if self.cleaned_data.get(f"consent_{purpose}")}


class LoginForm(AuthenticationForm):
    """Login, with a limit on failed attempts per account (its address as typed, normalised) besides the
    limit per client address: guessing one person's password from many addresses stops too."""

    retry_after = None

    def clean(self):
        from yukemuri.core.ratelimits import over_budget, wait_message

        account = normalise_email(self.data.get("username", ""))
        if account and self.request is not None:
            wait = over_budget(self.request, "login_account", key=account, increment=False)
            if wait:
                self.retry_after = wait
                raise ValidationError(wait_message(wait), code="too_many_attempts")
        try:
            return super().clean()
        except ValidationError as exc:
            if account and self.request is not None and exc.code == "invalid_login":
                over_budget(self.request, "login_account", key=account)
            raise


def normalise_email(value: str) -> str:
    """The form in which addresses are stored (UserManager lower-cases them)."""
    return str(value or "").strip().lower()


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=50)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    relation = forms.ChoiceField(label=_("Your relation to the region"), choices=Relation.choices,
                                 widget=forms.RadioSelect)
    home_municipality = MunicipalityChoiceField(label=_("Municipality you live in or are tied to (optional)"))
    bio = forms.CharField(label=_("About me"), required=False, max_length=2000,
                          widget=forms.Textarea(attrs={"rows": 4}))
    skills = TermsField(label=_("Skills"), help_text=_("Separate with commas, e.g. design, facilitation, Portuguese"))
    creator_kinds = forms.MultipleChoiceField(
        label=_("I am a creator"), choices=CreatorKind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("With a public profile, you are listed on the creators page, where regional issues and "
                    "ideas look for help."),
    )
    portfolio_url = forms.URLField(label=_("Portfolio (optional)"), required=False, max_length=300,
                                   assume_scheme="https", help_text=_("A page that shows your creative work."))
    themes = TermsField(label=_("Themes I care about"), help_text=_("Separate with commas, e.g. 空き家, 子育て"))
    sdgs = SDGField(label=_("SDGs I care about"))
    languages = forms.MultipleChoiceField(label=_("Languages I speak"), choices=LANGUAGE_CHOICES, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    gender = forms.CharField(label=_("Gender (optional, in your own words)"), max_length=40, required=False)
    age_band = forms.ChoiceField(
        label=_("Age (optional)"), required=False, choices=[("", _("Not given")), *AgeBand.choices],
        help_text=_("Only counted, never shown: it lets the region see which ages take part and invite you to "
                    "surveys for your age."))
    email_digest = forms.BooleanField(label=_("E-mail me when new notices are waiting (one e-mail for several)"),
                                      required=False)
    show_contributions = forms.BooleanField(
        label=_("Show my contributions on my public profile (ideas, events and help I took part in, points)"),
        required=False, help_text=_("Recognised as a 始動人: only when your profile is public."))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "display_name": data["display_name"], "preferred_language": data["preferred_language"],
            "relation": data["relation"], "home_municipality": data["home_municipality"], "bio": data["bio"],
            "gender": data["gender"], "age_band": data["age_band"], "languages": data["languages"], "skill_names": data["skills"],
            "theme_names": data["themes"], "sdg_numbers": data["sdgs"],
            "creator_kinds": data["creator_kinds"], "portfolio_url": data["portfolio_url"],
            "email_digest": data["email_digest"], "show_contributions": data["show_contributions"],
        }


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p, p) for p in ConsentPurpose.values if p != ConsentPurpose.TERMS])
    granted = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if not person.has_usable_password():  # signs in only through a provider (yukemuri/oidc): no password to ask
            self.fields["password"] = forms.CharField(
                label=_("Your e-mail address"), help_text=_("Type it to confirm."),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def clean_password(self):
        typed = self.cleaned_data["password"]
        if not self.person.has_usable_password():
            if typed.strip().lower() != self.person.email.lower():
                raise ValidationError(_("This is not your e-mail address."))
        elif not self.person.check_password(typed):
            raise ValidationError(_("This is not your password."))
        return ""
