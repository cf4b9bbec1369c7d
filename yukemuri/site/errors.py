"""Error pages in the reader's language; problem details under /api/."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from yukemuri.core.problem import problem_response


def _error(request, status, title, template, message=""):
    if request.path.startswith("/api/"):
        return problem_response(status, title, message)
    return render(request, template, {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    from yukemuri.core.filters import InvalidPageNumber

    # Only our own refusals say more: Django's (e.g. a bad Host header) may echo what the client sent.
    if isinstance(exception, InvalidPageNumber):
        message = str(exception)
    else:
        message = _("The request could not be understood.")
    return _error(request, 400, _("Bad request"), "error.html", message)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else _("You do not have permission to do this.")
    return _error(request, 403, _("Not allowed"), "error.html", message)


def page_not_found(request, exception=None):
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return _error(request, 404, _("Page not found"), "404.html", message)


# How long a visitor is asked to wait when the database does not answer: a restart of PostgreSQL takes seconds,
# and the connections come back by themselves (CONN_HEALTH_CHECKS reopens a broken one on the next request).
RETRY_AFTER_SECONDS = 30


def _database_unavailable(request):
    """503, in the reader's language, when the database is down or restarting: nothing was saved, try again.
    Rendered without context processors, which would ask the database for the user and their notices."""
    title = _("The site is busy for a moment")
    message = _("We could not reach our database. Nothing you sent was saved. Please try again in a minute.")
    if request.path.startswith("/api/"):
        response = problem_response(503, title, message)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"title": title, "message": message}),
                                status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    # Django calls this inside its `except` block: the exception that got here is still at hand.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return _database_unavailable(request)
    if request.path.startswith("/api/"):
        return problem_response(500, _("Something went wrong"))
    # No context processors or database here: the page must render even when they are what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
