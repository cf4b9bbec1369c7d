"""The read API's shared parts: problem-details errors, pagination envelope, filter validation."""

import functools

from django.http import Http404, HttpResponseNotAllowed
from django.urls import URLPattern, re_path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .filters import InvalidPageNumber, PageOutOfRange, paginate
from .problem import PROBLEM_CONTENT_TYPE, form_errors_to_problem, problem_response
from .schemas import Problem

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
MAX_ID = 2**63 - 1  # BigAutoField: larger ids cannot exist (and would overflow the database's integer)

# pydantic's messages are English only; these are the ones a query string can trigger.
TYPE_MESSAGES = {
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "missing": gettext_lazy("This parameter is required."),
    "string_too_long": gettext_lazy("This value is too long."),
}
# Range errors name the bound (from pydantic's ctx).
RANGE_MESSAGES = {
    "greater_than_equal": (gettext_lazy("Out of range: must be greater than or equal to %(bound)s."), "ge"),
    "less_than_equal": (gettext_lazy("Out of range: must be less than or equal to %(bound)s."), "le"),
}

# What every operation can answer besides 200: declared in the OpenAPI document with this schema.
PROBLEMS = {400: Problem}
PROBLEMS_WITH_404 = {400: Problem, 404: Problem}


def responses(ok, *, with_404: bool = False) -> dict:
    """`response=` for an API operation: `ok` for 200 and problem details for 400 (and 404)."""
    return {200: ok, **(PROBLEMS_WITH_404 if with_404 else PROBLEMS)}


def page_query():
    return Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")


def page_size_query():
    return Query(20, ge=1, le=MAX_PAGE_SIZE, description=f"Results per page, 1–{MAX_PAGE_SIZE}.")


def id_query(description: str | None = None):
    return Query(None, ge=1, le=MAX_ID, description=description)


def text_query(max_length: int, description: str | None = None, *, pattern: str | None = None, example: str = ""):
    """A string parameter. `pattern` is declared in the OpenAPI document only: the view or form checks it, and
    answers 400 with its own message (the schemathesis test asserts that whatever breaks it is refused)."""
    return _declare(Query("", max_length=max_length, description=description), pattern=pattern, example=example)


def municipality_query():
    return text_query(6, "Six-digit local government code (全国地方公共団体コード).", example="102083")


def choice_query(field, description: str | None = None, *, default: str = "", max_length: int = 20):
    """A string parameter checked by a form's ChoiceField: the OpenAPI document lists the field's choices as the
    enum ("" too when the field may be left empty), so the document accepts exactly what the form does."""
    values = [str(value) for value, _label in field.choices if value != ""]
    if not field.required:
        values.insert(0, "")
    return _declare(Query(default, max_length=max_length, description=description), enum=values)


def _declare(query, **members):
    query.json_schema_extra.update({name: value for name, value in members.items() if value})
    return query


def id_path(description: str | None = None):
    return Path(..., ge=1, le=MAX_ID, description=description)


def _error_detail(error: dict) -> str:
    kind = error.get("type")
    if kind in RANGE_MESSAGES:
        message, key = RANGE_MESSAGES[kind]
        bound = (error.get("ctx") or {}).get(key)
        if bound is not None:
            return str(message) % {"bound": bound}
    return str(TYPE_MESSAGES.get(kind, error.get("msg")))


class ProblemAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says that the 4xx answers are application/problem+json, and whose every
    error is one: django-ninja answers a method an address does not serve with a plain-text 405, and an address
    under the API that no operation has would get the site's 404 page."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _problem_for_not_allowed(pattern.callback)
        # Any other address under the API is a 404 problem here, not the site's 404 page (Django's HTML one with DEBUG).
        return [*patterns, re_path(r"^.*$", _no_such_address, name="not-found")], app_name, namespace

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    if str(status)[0] in "45" and "content" in answer:
                        answer["content"] = {PROBLEM_CONTENT_TYPE: next(iter(answer["content"].values()))}
                        answer["description"] = PROBLEM_DESCRIPTIONS.get(int(status), answer.get("description"))
        return schema


def _problem_for_not_allowed(view):
    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = problem_response(405, _("Method not allowed"),
                                        _("This address answers only %(methods)s.") % {"methods": allowed})
            response["Allow"] = allowed
        return response

    return answer


@csrf_exempt  # a POST to no address is a 404 too, not a CSRF refusal
def _no_such_address(request):
    return problem_response(404, _("Not found"), _("Nothing is at this address."))


PROBLEM_DESCRIPTIONS = {
    400: "Bad request: a parameter is unknown, malformed or out of range, or names nothing (an area, a "
         "municipality or a prefecture that is not loaded, a page past the last) (RFC 9457 problem details).",
    404: "Not found (RFC 9457 problem details).",
}


class BadRequest(Exception):
    """A request the API refuses, with RFC 9457 members to explain why."""

    def __init__(self, detail: str, errors=None):
        super().__init__(detail)
        self.detail, self.errors = detail, errors or []


def create_api() -> NinjaAPI:
    api = ProblemAPI(
        title="yukemuri API",
        version="1",
        description=(
            "Read API of yukemuri: regions, regional issues (地域課題) and ideas (未来の種). "
            "Errors are RFC 9457 problem details (application/problem+json). "
            "Send Accept-Language: en for English error messages (Japanese by default)."
        ),
        urls_namespace="api",
        docs_decorator=require_safe,  # the document and its page answer GET and HEAD, and 405 to the rest
    )

    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        return problem_response(400, _("Bad request"), exc.detail, errors=exc.errors)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc):
        errors = [
            {"parameter": ".".join(str(p) for p in e.get("loc", [])[1:]) or None,
             "detail": _error_detail(e), "code": e.get("type")}
            for e in exc.errors
        ]
        return problem_response(400, _("Bad request"), _("Some parameters are not valid."), errors=errors)

    @api.exception_handler(InvalidPageNumber)
    def bad_page(request, exc):
        return problem_response(400, _("Bad request"), str(exc),
                                errors=[{"parameter": "page", "detail": str(exc), "code": "invalid"}])

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(404, _("Not found"), str(exc) or _("Nothing is at this address."))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, exc):
        return problem_response(401, _("Sign-in required"))

    return api


class PageMeta(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None


def check_params(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise BadRequest(
            _("Unknown parameter: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))},
            errors=[{"parameter": name, "detail": _("Unknown parameter."), "code": "unknown"} for name in unknown],
        )


def filtered(request, form_class, queryset):
    """Validate the query string with the same form the pages use; raise BadRequest if it is wrong."""
    allowed = set(form_class.base_fields) | {"page_size"}
    check_params(request, allowed)
    form = form_class(request.GET)
    if not form.is_valid():
        raise BadRequest(_("Some parameters are not valid."), errors=form_errors_to_problem(form))
    return form, form.filter(queryset)


def page_of(request, queryset, page_number, page_size):
    page_size = page_size or 20
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadRequest(
            _("page_size must be between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE},
            errors=[{"parameter": "page_size", "detail": _("Out of range."), "code": "out_of_range"}],
        )
    try:
        page = paginate(queryset, page_number or 1, page_size)
    except PageOutOfRange as exc:
        raise BadRequest(
            ngettext("Page %(page)s does not exist: there is %(pages)s page.",
                     "Page %(page)s does not exist: there are %(pages)s pages.", exc.pages)
            % {"page": exc.page, "pages": exc.pages},
            errors=[{"parameter": "page", "detail": _("Out of range."), "code": "out_of_range"}],
        ) from None
    params = request.GET.copy()

    def link(number):
        params["page"] = number
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()

    meta = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": page_size,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }
    return page, meta


def listed(request, form_class, queryset, page_number, page_size) -> dict:
    """One page of `queryset` filtered by the page's own filter form: the body of every list endpoint."""
    _form, queryset = filtered(request, form_class, queryset)
    page, meta = page_of(request, queryset, page_number, page_size)
    return {**meta, "results": list(page.object_list)}


def one_or_404(queryset, pk: int, message: str):
    """The object `pk` of `queryset`, or a 404 problem saying `message` (which may name %(id)s)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(message % {"id": pk})
    return found


class APILanguageMiddleware:
    """The API is outside the language-prefixed URLs, so it follows Accept-Language (Japanese by default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
