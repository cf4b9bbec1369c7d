from django.utils.translation import gettext_lazy as _

from yukemuri.people.forms import SignupForm


class ProviderSignupForm(SignupForm):
    """Sign-up after a provider's sign-in: the people app's form (address, name, relation, language, consents)
    without a password — the provider is the way in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["password1"], self.fields["password2"]
        self.fields["email"].help_text = _("We send a link to confirm it, as at any sign-up.")
