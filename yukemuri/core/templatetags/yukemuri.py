from django import template
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
