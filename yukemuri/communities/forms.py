"""Forms of the community pages: the list's filters, a community, joining, linking, an announcement, a thread post."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yukemuri.core.filters import active_filters
from yukemuri.core.forms import OneLineField
from yukemuri.regions.forms import MunicipalityCodeField
from yukemuri.regions.models import Area

from .models import Joining, Role


class CommunityFilterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    theme = OneLineField(label=_("Theme"), required=False, max_length=60)
    q = OneLineField(label=_("Words"), required=False, max_length=100)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100_000)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["area"].error_messages["invalid_choice"] = _("There is no area with that id.")

    def filter(self, queryset):
        from .selectors import filter_communities

        return filter_communities(queryset, self.cleaned_data)

    def active_filters(self) -> dict:
        return active_filters(self)


class CommunityForm(forms.Form):
    name = OneLineField(label=_("Name"), max_length=120, help_text=_("For example: 官民共創コミュニティ 北群馬渋川"))
    slug = forms.SlugField(label=_("Short name"), max_length=60, allow_unicode=True,
                           help_text=_("Letters, numbers and hyphens, for example kitagunma-shibukawa."))
    description = forms.CharField(label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
                                  help_text=_("Who the community is for and what it does. Markdown is supported."))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("No area"))
    municipality = MunicipalityCodeField(label=_("Municipality"))
    theme = OneLineField(label=_("Theme"), required=False, max_length=60, help_text=_("For example: 空き家"))
    joining = forms.ChoiceField(label=_("Joining"), choices=Joining.choices, widget=forms.RadioSelect,
                                initial=Joining.OPEN)

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("area") or data.get("municipality") or data.get("theme")):
            self.add_error("area", _("Choose an area, a municipality or a theme (or more than one)."))
        return data

    def service_kwargs(self) -> dict:
        # The theme goes by name: the service makes it a term in its own transaction, after its checks.
        return {**self.cleaned_data, "theme": self.cleaned_data.get("theme") or None}


def community_initial(community) -> dict:
    return {"name": community.name, "slug": community.slug, "description": community.description,
            "area": community.area_id, "municipality": community.municipality.code if community.municipality else "",
            "theme": community.theme.name if community.theme else "", "joining": community.joining}


class JoinForm(forms.Form):
    listed = forms.BooleanField(label=_("Show my name on the community's page"), required=False,
                                help_text=_("Otherwise you are counted, not named."))
    message = OneLineField(label=_("A word to the organisers (optional)"), required=False, max_length=500)


class ListingForm(forms.Form):
    listed = forms.BooleanField(label=_("Show my name on the community's page"), required=False)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("Approve")), ("0", _("Decline"))], coerce=lambda v: v == "1")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class LinkForm(forms.Form):
    address = forms.CharField(label=_("Address of the post"), max_length=300,
                              help_text=_("An issue, idea, event, conversation or help request on this site, for "
                                          "example /ideas/12/."))


class AnnouncementForm(forms.Form):
    title = OneLineField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Sent to every member, on the site and by e-mail as each member chose. "
                                       "Markdown is supported."))


class ThreadPostForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
