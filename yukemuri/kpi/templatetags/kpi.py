from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def amount(value):
    """A decimal as people write it: thousands grouped, no trailing zeros (72.07, 5,689,149); "—" for none."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    text = f"{value.normalize():,f}"
    return text[:-2] if text.endswith(".0") else text
