"""core.permissions: the one helper every service and view asks a perm through."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from yukemuri.core.permissions import allowed, permission_required, require


def test_require_raises_with_the_message_and_passes_silently(roles):
    with pytest.raises(PermissionDenied, match="Not you"):
        require(roles["resident"], "kpi.coordinate", None, "Not you")
    with pytest.raises(PermissionDenied):
        require(None, "kpi.coordinate")
    require(roles["coordinator"], "kpi.coordinate")


def test_allowed_answers_for_nobody_and_anonymous(roles):
    assert not allowed(None, "moderation.report")
    assert not allowed(AnonymousUser(), "moderation.report")
    assert allowed(roles["resident"], "moderation.report")


def test_permission_required_asks_with_the_object_of_the_view(roles):
    seen = []

    @permission_required("ideas.change_idea", lambda request, pk: seen.append(pk) or None, message="No")
    def view(request, pk):
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = roles["resident"]
    with pytest.raises(PermissionDenied, match="No"):
        view(request, pk=3)
    assert seen == [3]
    request.user = roles["administrator"]
    assert view(request, pk=4).content == b"ok"
