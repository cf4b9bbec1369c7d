"""The fields every post (issue or idea) has, and their initial values on an edit page.

Moved from core.forms, which imports no domain app (docs/decisions/0010-layers.md); ideas build on issues."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.forms import LanguageField, MultiLineField, OneLineField, TermsField
from yukemuri.organisations.services import organisations_of
from yukemuri.regions.forms import MunicipalitiesField, PlaceField, PointFields, clean_point, place_initial
from yukemuri.topics.forms import SDGField


class PostForm(forms.Form):
    """Fields every post has. Subclasses add their own."""

    title = OneLineField(label=_("Title"), max_length=120)
    body = MultiLineField(label=_("Description"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("You can use Markdown: **bold**, lists with -, links."))
    language = LanguageField()
    place = PlaceField()
    municipalities = MunicipalitiesField(
        label=_("Also concerns"),
        help_text=_("Tick other municipalities if this concerns several of them (広域)."))
    latitude = PointFields.latitude()
    longitude = PointFields.longitude()
    sdgs = SDGField()
    themes = TermsField(label=_("Themes"), help_text=_("Separate with commas, e.g. 空き家, 子育て"))
    organisation = forms.ModelChoiceField(label=_("On behalf of an organisation"), queryset=None,
                                          required=False, empty_label=_("Myself only"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(user)
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        clean_point(self)
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"], "body": data["body"], "place": data["place"],
            "municipalities": data["municipalities"],
            "point": (data["latitude"], data["longitude"]) if data.get("latitude") is not None else None,
            "sdg_numbers": data["sdgs"], "theme_names": data["themes"],
            "organisation": data.get("organisation"), "language": data.get("language") or None,
        }


def post_initial(post) -> dict:
    """A PostForm's initial values from an existing post, for its edit page."""
    return {
        "title": post.title, "body": post.body, "place": place_initial(post),
        "sdgs": [g.number for g in post.sdgs.all()], "themes": ", ".join(t.name for t in post.themes.all()),
        "organisation": post.organisation_id, "language": post.language,
        "municipalities": [m.code for m in post.municipalities.all()],
        "latitude": post.latitude, "longitude": post.longitude,
    }
