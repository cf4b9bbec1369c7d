"""A single select for "where": the whole prefecture, an area or a municipality."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yukemuri.core.text import id_from

from .models import Area, Municipality, Prefecture
from .selectors import municipalities_by_area


def place_choices():
    choices = [("", _("Choose a place"))]
    prefectures = list(Prefecture.objects.all())
    areas = list(Area.objects.select_related("prefecture"))
    municipalities = list(Municipality.objects.order_by("code"))
    for prefecture in prefectures:
        choices.append((prefecture.display_name, [
            (f"p:{prefecture.code}", _("All of %(name)s") % {"name": prefecture.display_name})
        ] + [
            (f"a:{area.pk}", _("%(name)s area") % {"name": area.display_name})
            for area in areas if area.prefecture_id == prefecture.pk
        ]))
        for area in areas:
            if area.prefecture_id != prefecture.pk:
                continue
            choices.append((area.display_name, [
                (f"m:{m.code}", m.display_name) for m in municipalities if m.area_id == area.pk
            ]))
    return choices


class PlaceField(forms.ChoiceField):
    """Cleans to a dict with one of prefecture / area / municipality set."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Where"))
        super().__init__(choices=place_choices, **kwargs)

    def valid_value(self, value):
        return True  # checked against the database in clean()

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _sep, key = value.partition(":")
        lookups = {"p": (Prefecture, "code"), "a": (Area, "pk"), "m": (Municipality, "code")}
        if kind not in lookups:
            raise ValidationError(_("Choose a place from the list."), code="invalid_choice")
        model, field = lookups[kind]
        obj = model.objects.filter(**{field: key}).first() if id_from(key) is not None else None
        if obj is None:
            raise ValidationError(_("Choose a place from the list."), code="invalid_choice")
        return {"prefecture": obj if kind == "p" else None, "area": obj if kind == "a" else None,
                "municipality": obj if kind == "m" else None}


def place_initial(post) -> str:
    if post.municipality_id:
        return f"m:{post.municipality.code}"
    if post.area_id:
        return f"a:{post.area_id}"
    return f"p:{post.prefecture.code}"


def municipality_choices():
    """Municipalities grouped by area, valued by their codes."""
    return [("", _("All municipalities")), *municipalities_by_area()]


class MunicipalityCodeField(forms.ChoiceField):
    """A municipality chosen by its 全国地方公共団体コード; cleans to the Municipality."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=municipality_choices, **kwargs)

    def valid_value(self, value):
        return True  # a wrong check digit deserves its own message, given in clean()

    def clean(self, value):
        from .codes import validate_code

        code = (super().clean(value) or "").strip()
        if not code:
            return None
        validate_code(code)
        municipality = Municipality.objects.select_related("area").filter(code=code).first()
        if municipality is None:
            raise ValidationError(_("No municipality has the code %(code)s."), code="unknown", params={"code": code})
        return municipality


class MunicipalitiesField(forms.MultipleChoiceField):
    """Several municipalities ticked by their codes, grouped by area (広域: what else a post concerns);
    cleans to a list of Municipality."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "municipality-ticks"}))
        super().__init__(choices=municipalities_by_area, **kwargs)

    def clean(self, value):
        codes = list(dict.fromkeys(super().clean(value) or []))
        found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        return [found[code] for code in codes if code in found]


class PointFields:
    """Latitude and longitude typed as numbers (the no-JavaScript way to mark a place); both or neither."""

    @staticmethod
    def latitude():
        return forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                                help_text=_("Optional: mark the place on the map, e.g. 36.3895."))

    @staticmethod
    def longitude():
        return forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                                help_text=_("e.g. 139.0634. Give both numbers, or neither."))


def clean_point(form) -> None:
    """A form's latitude and longitude come together (adds the error to the form)."""
    data = form.cleaned_data
    lat, lon = data.get("latitude"), data.get("longitude")
    if "latitude" in form.errors or "longitude" in form.errors:
        return
    if (lat is None) != (lon is None):
        form.add_error("longitude" if lon is None else "latitude",
                       _("Give both the latitude and the longitude, or neither."))
