"""{% personal name arg %} — the person's own state on a page (supported, following, unread notices).

While a page may be shared between signed-in people it leaves a marker that the page cache fills for each
reader (core/pagecache.py); otherwise it renders the state at once. `state=` passes a state the view already
knows, so that a page rendered for one person costs no extra query.
"""

from django import template

from yukemuri.core.pagecache import hole

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name, arg="", **known):
    if "state" in known:
        return hole(context.get("request"), name, arg, state=known["state"], known=True)
    return hole(context.get("request"), name, arg)
