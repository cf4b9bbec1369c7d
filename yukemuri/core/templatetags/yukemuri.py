from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yukemuri.people.display import public_name as _public_name

register = template.Library()


@register.filter
def public_name(person, viewer=None):
    """{{ post.author|public_name:user }} — the name only with the person's consent."""
    return _public_name(person, viewer)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.simple_tag
def place_label(post):
    """Municipality, area or prefecture of a post, in the reader's language."""
    if post.municipality_id:
        return post.municipality.display_name
    if post.area_id:
        return _("%(name)s area") % {"name": post.area.display_name}
    return post.prefecture.display_name


def _options(choices, selected: str):
    parts = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # an optgroup
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, _options(label, selected)))
        else:
            value = "" if value is None else str(value)
            parts.append(format_html('<option value="{}"{}>{}</option>', value,
                                     mark_safe(" selected") if value == selected else "", label))
    return mark_safe("".join(parts))


@register.simple_tag
def filter_field(field):
    """A filter field as label + input/select + errors, built in Python.

    Lists render this on every request; Django's per-option widget templates cost more than
    the rest of the page together (see bench/pages.py).
    """
    field_id = field.auto_id
    value = field.value()
    value = "" if value is None else str(value)
    described = f"{field_id}_error" if field.errors else ""
    attrs = format_html(' aria-invalid="true" aria-describedby="{}"', described) if described else ""
    if hasattr(field.field, "choices"):
        control = format_html('<select name="{}" id="{}"{}>{}</select>', field.html_name, field_id, attrs,
                              _options(field.field.choices, value))
    else:
        control = format_html('<input type="search" name="{}" id="{}" value="{}" maxlength="100"{}>',
                              field.html_name, field_id, value, attrs)
    errors = format_html('<ul class="errorlist" id="{}">{}</ul>', described,
                         format_html_join("", "<li>{}</li>", ((e,) for e in field.errors))) if described else ""
    return format_html('<div class="field"><label for="{}">{}</label>{}{}</div>', field_id,
                       conditional_escape(field.label), control, errors)
