from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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
