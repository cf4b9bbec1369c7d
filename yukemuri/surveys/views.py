"""Survey pages: the list, the staff's questionnaire builder and invitations, answering through a link or an
invitation, and the results. Every write is a POST through a service; the rules are in rules.py."""

import secrets
from functools import partial

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport, pagecache
from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import limit
from yukemuri.core.views_helpers import attempt, submit_form

from . import results, selectors, services
from .forms import AnswerForm, InviteForm, QuestionForm, SurveyForm
from .models import Kind, Survey

YEAR = 365 * 24 * 3600


def _survey(pk):
    survey = selectors.survey_detail(pk)
    if survey is None:
        raise Http404(_("There is no such survey."))
    return survey


def _managed(request, pk):
    survey = _survey(pk)
    require(request.user, "surveys.manage", survey, _("Only staff and coordinators run surveys."))
    return survey


def survey_list(request):
    manager = allowed(request.user, "surveys.manage")
    return render(request, "surveys/index.html", {"surveys": selectors.survey_list(manager=manager)[:100],
                                                  "manager": manager})


@login_required
@limit("organise", form=True)
def survey_new(request):
    require(request.user, "surveys.manage", None, _("Only staff and coordinators run surveys."))
    form = SurveyForm(request.POST or None)
    return submit_form(request, form, partial(services.survey_create, by=request.user),
                       success=_("The survey is saved as a draft. Now add its questions."),
                       page=lambda: render(request, "surveys/form.html", {"form": form, "survey": None}))


def _manage_page(request, survey, status=200, **forms):
    return render(request, "surveys/manage.html", {
        "survey": survey, "questions": list(survey.questions.select_related("condition_question")),
        "settings_form": forms.get("settings_form") or SurveyForm(instance=survey),
        "counts": selectors.counts(survey), "answer_url": request.build_absolute_uri(reverse("survey_answer", args=[survey.pk])),
        "has_text": survey.questions.filter(kind=Kind.TEXT, conversation__isnull=True).exists(),
        "conversations": [q.conversation_id for q in survey.questions.all() if q.conversation_id],
    }, status=status)


@login_required
def manage(request, pk):
    return _manage_page(request, _managed(request, pk))


@login_required
@require_POST
def settings_edit(request, pk):
    survey = _managed(request, pk)
    form = SurveyForm(request.POST, instance=Survey.objects.get(pk=survey.pk))
    return submit_form(request, form, partial(services.survey_update, survey=survey, by=request.user),
                       success=_("The survey is saved."), to=reverse("survey_manage", args=[pk]),
                       page=lambda: _manage_page(request, survey, 400, settings_form=form))


@login_required
def question_new(request, pk):
    survey = _managed(request, pk)
    form = QuestionForm(request.POST or None, survey=survey)
    return submit_form(request, form, partial(services.question_save, survey=survey, by=request.user),
                       success=_("The question is added."), to=reverse("survey_manage", args=[pk]),
                       page=lambda: render(request, "surveys/question_form.html", {
                           "form": form, "survey": survey, "question": None}))


@login_required
def question_edit(request, pk, qid):
    survey = _managed(request, pk)
    question = survey.questions.filter(pk=qid).first()
    if question is None:
        raise Http404(_("There is no such question."))
    form = QuestionForm(request.POST or None, survey=survey, question=question,
                        initial=QuestionForm.initial_of(question))
    return submit_form(request, form, partial(services.question_save, survey=survey, by=request.user, question=question),
                       success=_("The question is saved."), to=reverse("survey_manage", args=[pk]),
                       page=lambda: render(request, "surveys/question_form.html", {
                           "form": form, "survey": survey, "question": question}))


@login_required
@require_POST
def question_delete(request, pk, qid):
    survey = _managed(request, pk)
    question = survey.questions.filter(pk=qid).first()
    if question is not None:
        attempt(request, lambda: services.question_delete(question=question, by=request.user),
                _("The question is deleted."))
    return redirect("survey_manage", pk)


@login_required
@require_POST
def question_move(request, pk, qid):
    survey = _managed(request, pk)
    question = survey.questions.filter(pk=qid).first()
    if question is not None:
        attempt(request, lambda: services.question_move(question=question, by=request.user,
                                                        up=request.POST.get("direction") == "up"))
    return redirect(reverse("survey_manage", args=[pk]) + "#questions")


@login_required
@require_POST
def status(request, pk):
    survey = _managed(request, pk)
    action = request.POST.get("action", "")
    steps = {
        "open": (partial(services.survey_open, survey=survey, by=request.user), _("The survey is open.")),
        "close": (partial(services.survey_close, survey=survey, by=request.user), _("The survey is closed.")),
        "publish": (partial(services.survey_publish, survey=survey, by=request.user, published=True),
                    _("The results are public.")),
        "unpublish": (partial(services.survey_publish, survey=survey, by=request.user, published=False),
                      _("The results are no longer public.")),
    }
    if action in steps:
        attempt(request, steps[action][0], steps[action][1])
    return redirect("survey_manage", pk)


@login_required
@limit("organise", form=True)
def invite(request, pk):
    survey = _managed(request, pk)
    form = InviteForm(request.POST or None)
    return submit_form(
        request, form, partial(services.invite, survey=survey, by=request.user),
        success=lambda count: _("%(count)s people were invited.") % {"count": count},
        to=lambda _count: reverse("survey_manage", args=[pk]),
        page=lambda: render(request, "surveys/invite.html", {"form": form, "survey": survey}))


# Answering ----------------------------------------------------------------------------------------------------

def _cookie_name(survey) -> str:
    return f"survey{survey.pk}"


def _answer_page(request, survey, *, invitation=None):
    """The questionnaire (GET) or taking the answers (POST), for a link or an invitation."""
    if survey.access == Survey.Access.INVITATION and invitation is None:
        return render(request, "surveys/closed.html", {"survey": survey, "invitation_only": True}, status=403)
    if not survey.is_open:
        return render(request, "surveys/closed.html", {"survey": survey}, status=200 if request.method == "GET" else 400)
    if survey.access == Survey.Access.LINK and not survey.anonymous and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # The device's cookie says whether it answered already: such a reader's page is never the anonymous cache's.
    pagecache.personal_cookie(request, _cookie_name(survey))
    cookie = request.COOKIES.get(_cookie_name(survey), "")
    device = services.device_key(cookie) if survey.access == Survey.Access.LINK and survey.anonymous else ""
    if services.already_answered(survey, person=request.user, invitation=invitation, device=device):
        return render(request, "surveys/closed.html", {"survey": survey, "answered": True},
                      status=200 if request.method == "GET" else 400)
    known = invitation is not None or (not survey.anonymous and request.user.is_authenticated
                                       and request.user.home_municipality_id and request.user.age_band)
    questions = list(survey.questions.order_by("position", "id"))
    form = AnswerForm(request.POST or None, questions=questions, ask_cell=not known)
    action = partial(services.submit, survey=survey, person=request.user, invitation=invitation, device=device)
    response = submit_form(request, form, action, success=_("Thank you for answering!"),
                           to=lambda _r: reverse("survey_thanks", args=[survey.pk]),
                           page=lambda: render(request, "surveys/answer.html", {
                               "survey": survey, "form": form, "invitation": invitation}))
    if survey.access == Survey.Access.LINK and survey.anonymous and not cookie:
        response.set_cookie(_cookie_name(survey), secrets.token_urlsafe(24), max_age=YEAR, httponly=True,
                            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response


@limit("answer", form=True)
def answer(request, pk):
    return _answer_page(request, _survey(pk))


@limit("answer", form=True)
def invited(request, token):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404(_("This invitation link is not valid."))
    return _answer_page(request, invitation.survey, invitation=invitation)


def thanks(request, pk):
    survey = _survey(pk)
    return render(request, "surveys/closed.html", {"survey": survey, "thanks": True})


# Results ------------------------------------------------------------------------------------------------------

def results_page(request, pk):
    survey = _survey(pk)
    require(request.user, "surveys.view_results", survey,
            _("The results are shown once the survey is closed and its results are published."))
    return render(request, "surveys/results.html", {
        "survey": survey, "data": results.build(survey),
        "may_manage": allowed(request.user, "surveys.manage", survey),
        "may_export": allowed(request.user, "surveys.export_answers", survey)})


@login_required
@require_POST
def answers_csv(request, pk):
    """The anonymised answers as CSV (formula-safe: core.csvexport). A POST: the download is recorded."""
    survey = _survey(pk)
    rows = services.answers_export(survey=survey, by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-answers.csv"'
    response.write("\ufeff")  # so that Excel opens the Japanese text as UTF-8
    csvexport.writer(response).writerows(rows)
    return response


@login_required
@require_POST
def to_listening(request, pk):
    survey = _managed(request, pk)
    attempt(request, lambda: services.send_to_listening(survey=survey, by=request.user),
            _("The free-text answers are in broad listening; their topics appear in its report shortly."))
    return redirect("survey_manage", pk)
