"""Search, filters and paging shared by the lists — the same forms validate page and API parameters (the
issue and idea filter form, which knows areas, is regions.filters.PostFilterForm)."""

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .text import fold

SORTS = {"new": ("-created_at", "-id"), "supported": ("-support_count", "-id")}


def normalise_query(text: str) -> list[str]:
    """Fold like the stored search text, and split into at most five terms."""
    return [term for term in fold(text).split() if term][:5]


def search(queryset, text: str):
    """Substring search in the folded title and body: 空き家 finds 空き家活用, ｓｎｓ finds SNS,
    あきや finds アキヤ. Every term must match. On PostgreSQL a trigram index serves terms of 3+ characters."""
    for term in normalise_query(text):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def active_filters(form) -> dict:
    """The filters in use on a bound filter form, for links that keep them (e.g. pagination)."""
    if not form.is_valid():
        return {}
    out = {}
    for name, value in form.cleaned_data.items():
        if name == "page" or value in (None, ""):
            continue
        out[name] = value.code if name == "municipality" else (value.pk if name == "area" else value)
    return out


class PageOutOfRange(Http404):
    """A page past the end. An Http404, so that a view which does not catch it still answers 404."""

    def __init__(self, page: int, pages: int):
        super().__init__(str(_("There is no such page.")))
        self.page, self.pages = page, pages


class InvalidPageNumber(BadRequest):
    """?page=abc, -1, 0: Django answers 400 (site.errors.bad_request shows this message)."""

    def __init__(self, value):
        super().__init__(str(_("“%(value)s” is not a page number. Pages are numbered from 1."))
                         % {"value": "".join(ch for ch in str(value)[:20] if ch.isprintable())})
        self.value = value


def page_number(value) -> int:
    """A page number from a query string: empty means 1; anything but a whole number from 1 is refused."""
    if value is None or value == "":
        return 1
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):
            raise InvalidPageNumber(value)
        number = int(text)
    if number < 1:
        raise InvalidPageNumber(value)
    return number


def paginate(queryset, page_number_or_text, per_page: int):
    """The page asked for. InvalidPageNumber (400) for ?page=abc, PageOutOfRange (404) past the end."""
    number = page_number(page_number_or_text)
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        raise PageOutOfRange(number, paginator.num_pages) from None
