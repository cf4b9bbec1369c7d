"""A single select for "where": the whole prefecture, an area or a municipality."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
        obj = model.objects.filter(**{field: key}).first() if key.isdigit() else None
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
