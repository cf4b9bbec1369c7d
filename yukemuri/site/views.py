from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from yukemuri.core.problem import problem_response
from yukemuri.ideas.selectors import idea_cards, idea_counts_by, with_idea_counts
from yukemuri.issues.selectors import issue_cards, issue_counts_by
from yukemuri.regions.selectors import prefectures_with_tree


def home(request):
    """What is happening: the newest issues and ideas, and each area with its numbers."""
    issue_counts, idea_counts = issue_counts_by("area"), idea_counts_by("area")
    prefectures = list(prefectures_with_tree())
    areas = [
        {"area": area, "issues": issue_counts.get(area.pk, 0), "ideas": idea_counts.get(area.pk, 0)}
        for prefecture in prefectures
        for area in prefecture.areas.all()
    ]
    return render(request, "site/home.html", {
        "ideas": idea_cards().order_by("-created_at", "-id")[:6],
        "issues": with_idea_counts(issue_cards().order_by("-created_at", "-id")[:6]),
        "areas": areas,
        "prefecture": prefectures[0] if prefectures else None,
    })


def healthz(request):
    """Liveness for load balancers — and the ceiling in bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")


def rate_limited(request, exception):
    """Over a rate limit (core/ratelimits.py): say how long to wait, in words and in Retry-After."""
    from yukemuri.core.ratelimits import wait_message

    retry_after = getattr(exception, "retry_after", None)
    wait = wait_message(retry_after) if retry_after else _("Please wait a little and try again.")
    if request.path.startswith("/api/"):
        response = problem_response(429, _("Too many requests"), wait)
    else:
        response = render(request, "429.html", {"wait": wait}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def about(request):
    return render(request, "site/about.html")


@never_cache
def furigana(request):
    """The footer's ふりがな form: the middleware keeps the choice (?furigana=…) in a cookie; back to the page the
    reader was on (`next`, a path of this site), or home. A form on a page that answered a POST sends that page's
    address, which is not one to GET: the referring page is used then."""
    for candidate in (request.GET.get("next", ""), request.headers.get("referer", "")):
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                         require_https=request.is_secure()):
            return redirect(_without_furigana(candidate))
    return redirect("home")


def _without_furigana(address: str) -> str:
    """The address without a ?furigana= of its own, which would undo the choice just made."""
    parts = urlsplit(address)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "furigana"])
    return urlunsplit(("", "", parts.path or "/", query, ""))


class SimilarQuery(forms.Form):
    """What the similar-posts suggestions read while a post is written (htmx, issue 20)."""

    kind = forms.ChoiceField(choices=[("issue", "issue"), ("idea", "idea"), ("", "any")], required=False)
    title = forms.CharField(max_length=120, required=False, strip=True)
    body = forms.CharField(max_length=20000, required=False, strip=True)
    language = forms.CharField(max_length=12, required=False)


def similar_posts(request):
    """似た投稿: the published issues and ideas closest to what is being typed, as the form's suggestion list.
    Parameters that do not fit (too long, an unknown kind) give an empty list, never an error page."""
    from yukemuri.core.similar import similar_to

    query = SimilarQuery(request.GET)
    suggestions = []
    # Only people who can post are writing one: for anyone else the search (every published post compared with
    # what was typed, on each keystroke) would be free work for a scraper.
    if request.user.is_authenticated and query.is_valid():
        data = query.cleaned_data
        kinds = (data["kind"],) if data["kind"] else ("issue", "idea")
        suggestions = similar_to(data["title"], data["body"], kinds=kinds, language=data["language"] or "ja")
    return render(request, "core/_similar_posts.html", {"similar": suggestions, "checked": True})
