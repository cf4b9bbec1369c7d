from django import template

from yukemuri.core.money import format_yen

register = template.Library()


@register.filter
def yen(amount):
    """{{ amount|yen }} — whole yen with thousands separators."""
    return format_yen(amount)
