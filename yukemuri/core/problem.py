"""RFC 9457 problem details for the API."""

from django.http import JsonResponse
from django.utils.translation import get_language

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(status: int, title, detail="", *, errors=None, type_: str = "about:blank", **extra):
    body = {"type": type_, "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    response["Content-Language"] = get_language()
    return response


def form_errors_to_problem(form) -> list[dict]:
    """Turn a bound Django form's errors into a list of {parameter, detail, code} members."""
    return [
        {"parameter": field, "detail": error["message"], "code": error["code"]}
        for field, field_errors in form.errors.get_json_data().items()
        for error in field_errors
    ]
