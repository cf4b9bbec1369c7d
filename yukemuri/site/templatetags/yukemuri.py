from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


# Cards and badges are built here rather than in included templates: a list page shows twenty
# cards, and Django's template engine spends close to a millisecond on each (bench/pages.py).


@register.simple_tag
def sdg_badges(post, full=False):
    goals = post.sdgs.all()
    if not goals:
        return ""
    items = format_html_join(
        "", '<li><span class="sdg sdg-{}" title="{}"><span class="swatch" aria-hidden="true"></span>{}</span></li>',
        ((g.number, g.name, str(g) if full else _("SDG %(n)s") % {"n": g.number}) for g in goals),
    )
    return format_html('<ul class="sdgs" aria-label="{}">{}</ul>', _("SDGs"), items)


def _count(singular, plural, n):
    return format_html("<span>{}</span>", ngettext(singular, plural, n) % {"counter": n})


def _card(url, title, meta, post, counts):
    meta_html = format_html_join("", "<dt>{}</dt><dd>{}</dd>", meta)
    # The title in the reader's language where the list found a translation (translations.selectors).
    translation = getattr(post, "translation", None)
    if translation is not None and translation.title:
        title, language = translation.title, translation.language
    else:
        language = getattr(post, "language", "")
    return format_html(
        '<li class="card">{}<h3><a href="{}" lang="{}">{}</a></h3><dl class="meta">{}</dl>{}<p class="counts">{}</p></li>',
        _card_photo(post), url, language, title, meta_html, sdg_badges(post), mark_safe("".join(counts)),
    )


def _card_photo(post):
    """The post's first photo where the list found one (attachments.selectors.with_first_photos, one query for
    the list): lazy, and sized so the cards do not jump as it loads."""
    photo = getattr(post, "first_photo", None)
    if photo is None:
        return ""
    return format_html('<img class="card-photo" src="{}" alt="{}" width="{}" height="{}" loading="lazy" '
                       'decoding="async">', reverse("attachment_thumbnail", args=[photo.pk]), photo.alt,
                       photo.thumb_width or "", photo.thumb_height or "")


@register.simple_tag
def idea_card(idea):
    meta = [(_("Proposed in"), place_label(idea)),
            (_("Stage"), format_html('<span class="badge">{}</span>', idea.get_stage_display()))]
    if idea.organisation_id:
        meta.append((_("Proposed by"), idea.organisation.name))
    counts = [_count("%(counter)s supporter", "%(counter)s supporters", idea.support_count),
              _count("%(counter)s comment", "%(counter)s comments", idea.comment_count)]
    return _card(reverse("idea_detail", args=[idea.pk]), idea.title, meta, idea, counts)


ANSWER_SYMBOLS = {"received": "✉", "considering": "…", "in_progress": "▶", "done": "✔", "not_possible": "✖"}


@register.simple_tag
def answer_badge(state, label, short=False):
    """公式回答 badge: the state in words (and a symbol), so it reads without its colour. `short` (the map's list,
    where a long language's full badge would not fit a phone's line): "Official answer:" is said to screen readers
    and shown as the badge's tooltip only."""
    prefix = _("Official answer:")
    if short:
        return format_html('<span class="badge answer answer-{}" title="{} {}"><span aria-hidden="true">{}</span> '
                           '<span class="visually-hidden">{}</span> {}</span>',
                           state, prefix, label, ANSWER_SYMBOLS.get(state, ""), prefix, label)
    return format_html('<span class="badge answer answer-{}"><span aria-hidden="true">{}</span> {} {}</span>',
                       state, ANSWER_SYMBOLS.get(state, ""), prefix, label)


@register.simple_tag
def issue_card(issue):
    meta = [(_("Place"), place_label(issue)),
            (_("Status"), format_html('<span class="badge status-{}">{}</span>', issue.status,
                                      issue.get_status_display()))]
    if getattr(issue, "answer_state", ""):
        meta.append((_("Official answer"), answer_badge(issue.answer_state, issue.get_answer_state_display(), short=True)))
    if issue.organisation_id:
        meta.append((_("Posted by"), issue.organisation.name))
    counts = [_count("%(counter)s supporter", "%(counter)s supporters", issue.support_count),
              _count("%(counter)s idea", "%(counter)s ideas", getattr(issue, "idea_count", 0))]
    return _card(reverse("issue_detail", args=[issue.pk]), issue.title, meta, issue, counts)


@register.filter
def dict_get(mapping, key):
    """{{ mapping|dict_get:key }} — templates cannot index a dict by a variable otherwise."""
    return (mapping or {}).get(key)


@register.filter
def area_name(name):
    """{{ "北群馬渋川"|area_name }} — an area kept by its Japanese name (e.g. in the KPI's counts) shown in
    the reader's language: the romaji of the region data for everyone but Japanese readers."""
    from yukemuri.regions.models import Area

    area = Area.objects.filter(name=name).only("name", "romaji").first()
    return area.display_name if area else name
