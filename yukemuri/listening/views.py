"""Broad listening pages. Taking part needs no account: a cookie per conversation names the participant."""

import json
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yukemuri.core import csvexport, pagecache
from yukemuri.core.permissions import allowed, require
from yukemuri.core.ratelimits import Limited, limit, statement_limit, vote_limit
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, submit_form
from yukemuri.events.models import Event
from yukemuri.ideas.selectors import idea_detail
from yukemuri.issues.models import Issue
from yukemuri.regions.models import Area

from . import bursts, imports, report, services
from .forms import (
    AnswersForm,
    ConversationForm,
    GuestStatementForm,
    ImportForm,
    ModerateForm,
    OpinionForm,
    StatementForm,
)
from .models import AWAITING_GUEST, DEMOGRAPHICS, Conversation, Opinion, ResultTable, Statement, Vote

YEAR = 365 * 24 * 3600


def _cookie(conversation) -> str:
    return f"listen{conversation.pk}"


def _address(request) -> str:
    try:
        from django_ratelimit.core import _get_ip  # the address the vote limits count (proxy setting, IPv6 /64)

        return _get_ip(request)
    except Exception:
        return request.META.get("REMOTE_ADDR", "")


def _participant(request, conversation):
    """The participant of this browser or account, made on its first vote or statement (POST only)."""
    key = request.COOKIES.get(_cookie(conversation))
    try:
        return services.participant_for(conversation, key=key, person=request.user, address=_address(request))
    except services.TooManyParticipants as exc:
        raise Limited(exc.retry_after) from exc


def _existing_participant(request, conversation):
    """For GET: the participant if there is one; never makes one (a page view is not taking part). Their page shows
    their progress: a reader with the cookie is never given, nor gives, the anonymous page cache's copy."""
    pagecache.personal_cookie(request, _cookie(conversation))
    return services.participant_find(conversation, key=request.COOKIES.get(_cookie(conversation)),
                                     person=request.user)


def _remember(response, conversation, participant):
    response.set_cookie(_cookie(conversation), participant.key, max_age=YEAR, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


def conversation_list(request):
    conversations = Conversation.objects.select_related("issue", "idea", "area").order_by("-created_at")[:100]
    return render(request, "listening/index.html", {
        "conversations": conversations, "may_organise": allowed(request.user, "listening.organise")})


@login_required
@limit("post", form=True)
def conversation_new(request):
    issue_id, idea_id = request.GET.get("issue", ""), request.GET.get("idea", "")
    area_id, event_id = request.GET.get("area", ""), request.GET.get("event", "")
    issue_id, idea_id, area_id, event_id = map(id_from, (issue_id, idea_id, area_id, event_id))
    issue = Issue.objects.published().filter(pk=issue_id).first() if issue_id is not None else None
    idea = idea_detail(idea_id, request.user) if idea_id is not None else None
    area = Area.objects.filter(pk=area_id).first() if area_id is not None else None
    event = Event.objects.filter(pk=event_id).first() if event_id is not None else None
    require(request.user, "listening.open_conversation", issue or idea,
            _("Only coordinators, staff and the author of the issue or idea open a conversation."))
    form = ConversationForm(request.POST or None)
    return submit_form(request, form, partial(services.conversation_create, by=request.user, issue=issue, idea=idea,
                                              area=area, event=event),
                       success=_("The conversation is open. Share its address so that many can take part."),
                       page=lambda: render(request, "listening/form.html", {
                           "form": form, "issue": issue, "idea": idea, "area": area, "event": event}))


@pagecache.cached_per_person
def conversation(request, pk, statement_form=None, participant=None):
    conv = get_object_or_404(Conversation.objects.select_related("issue", "idea"), pk=pk)
    participant = participant or _existing_participant(request, conv)
    done, total = services.progress(participant, conversation=conv)
    asked = (conv.demographics and participant is not None and participant.consented_at is None
             and request.GET.get("skip") != "questions")
    response = render(request, "listening/conversation.html", {
        "conversation": conv,
        "statement": services.next_statement(participant, conversation=conv) if conv.is_open else None,
        "done": done, "total": total,
        "statement_form": statement_form or _statement_form(request),
        "opinion_form": OpinionForm() if conv.collect_opinions and conv.is_open else None,
        "answers_form": AnswersForm(questions=conv.demographics) if asked and done >= 3 else None,
        "may_moderate": allowed(request.user, "listening.moderate_conversation", conv),
        "pending": conv.statements.filter(status=Statement.Status.PENDING).exclude(AWAITING_GUEST).count(),
        "table_published": ResultTable.objects.filter(conversation=conv, published=True).exists(),
    }, status=400 if statement_form is not None else 200)
    if participant is None or request.COOKIES.get(_cookie(conv)) == participant.key or (
            request.user.is_authenticated and participant.person_id == request.user.pk):
        # The browser has the cookie, or the account finds the participant: the page stays cacheable.
        return response
    return _remember(response, conv, participant)


@require_POST
@vote_limit
def vote(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    participant = _participant(request, conv)
    statement = get_object_or_404(Statement, pk=request.POST.get("statement") or 0, conversation=conv)
    try:
        services.vote(participant=participant, statement=statement, value=int(request.POST.get("value", "x")))
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [_("Choose agree, disagree or pass.")])))
        return _remember(redirect(conv), conv, participant)  # the message is at the top of the page
    # Back at the next statement: with the fragment, the first Tab (or a screen reader's next item) is its text and
    # buttons, not the site's header again.
    return _remember(HttpResponseRedirect(conv.get_absolute_url() + "#vote"), conv, participant)


def _statement_form(request, data=None):
    # Without an account, a statement comes with a name or pseudonym and an address that a link confirms.
    return StatementForm(data) if request.user.is_authenticated else GuestStatementForm(data)


@require_POST
@statement_limit
def statement_new(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    participant = _participant(request, conv)
    form = _statement_form(request, request.POST)
    return submit_form(request, form, partial(services.statement_add, participant=participant, by=request.user,
                                              language=get_language() or "ja"),
                       success=lambda added: _("Check your e-mail: the statement counts once you open the link we "
                                               "sent and press “Confirm”.") if added.guest_email
                       else _("Thank you! Others can vote on it once a moderator has read it.")
                       if added.status == Statement.Status.PENDING else _("Your statement is added."),
                       to=lambda added: _remember(redirect(conv), conv, participant),
                       page=lambda: conversation(request, pk, statement_form=form, participant=participant))


@require_POST
@statement_limit
def opinion_new(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    participant = _participant(request, conv)
    form = OpinionForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.opinion_add(participant=participant, text=form.cleaned_data["text"]),
                _("Thank you! Your comment counts in the topics once a moderator has read it."))
    else:
        messages.error(request, _("Write at least 5 characters."))
    return _remember(redirect(conv), conv, participant)


@login_required
def opinions_import(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    require(request.user, "listening.moderate_conversation", conv, _("Only the organisers import comments."))
    form = ImportForm(request.POST or None, request.FILES or None)
    return submit_form(request, form, lambda file, column: imports.import_comments(
                           conversation=conv, by=request.user, upload=file, column=column),
                       success=lambda count: _("%(count)s comments imported.") % {"count": count},
                       to=reverse("conversation_report", args=[conv.pk]),
                       page=lambda: render(request, "listening/import.html", {"conversation": conv, "form": form}))


@require_POST
def answers(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    participant = _participant(request, conv)
    form = AnswersForm(request.POST, questions=conv.demographics)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        services.answers_set(participant=participant, answers=data, consent=True)
        messages.success(request, _("Thank you for your answers."))
    else:
        messages.error(request, _("Tick the box to agree, or skip these questions."))
    return _remember(redirect(conv), conv, participant)


@login_required
def moderate(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    require(request.user, "listening.moderate_conversation", conv,
            _("Only the organisers and moderators review statements."))
    if request.method == "POST" and request.POST.get("opinion"):
        opinion = get_object_or_404(Opinion, pk=request.POST["opinion"], conversation=conv)
        services.opinion_accept(opinion=opinion, by=request.user, accept=request.POST.get("accept") == "1")
        return redirect("conversation_moderate", pk=conv.pk)
    if request.method == "POST":
        statement = get_object_or_404(Statement, pk=request.POST.get("statement") or 0, conversation=conv)
        form = ModerateForm(request.POST)
        form.is_valid()
        attempt(request, lambda: services.moderate(statement=statement, by=request.user,
                                                   accept=request.POST.get("accept") == "1",
                                                   reason=form.cleaned_data.get("reason", "")),
                _("Thank you: the statement is reviewed."))
        return redirect("conversation_moderate", pk=conv.pk)
    flagged = conv.participants.filter(flagged=True).annotate(vote_count=Count("votes")).order_by("-created_at")
    return render(request, "listening/moderate.html", {
        "conversation": conv,
        "pending": conv.statements.filter(status=Statement.Status.PENDING).exclude(AWAITING_GUEST),
        "opinions": conv.opinions.filter(accepted=False), "form": ModerateForm(),
        "flagged": flagged[:200], "flagged_count": flagged.count(),
        "flagged_votes": Vote.objects.filter(participant__conversation=conv, participant__flagged=True).count(),
        "bursts": bursts.of_conversation(conv), "burst_count": bursts.threshold()[0],
        "burst_minutes": round(bursts.threshold()[1].total_seconds() / 60)})


def _etag(request, conv, *extra) -> str:
    """The report pages are keyed by the conversation's current state: a vote (its version) or a new
    result (the version it was computed from) changes them, and so their ETag."""
    return '"' + "-".join(map(str, (conv.pk, conv.version, conv.analysed_version,
                                     getattr(request, "LANGUAGE_CODE", ""), *extra))) + '"'


def _stamped(response, etag):
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)  # browsers ask again each time (and get a 304 when unchanged)
    return response


def conversation_report(request, pk):
    """The last stored analysis, with when it was computed and how many votes came since; GET never runs
    it (report.py runs it in the background)."""
    conv = get_object_or_404(Conversation.objects.select_related("issue", "idea"), pk=pk)
    may_moderate = allowed(request.user, "listening.moderate_conversation", conv)
    table = ResultTable.objects.filter(conversation=conv).first()
    etag = _etag(request, conv, int(may_moderate), request.GET.get("view", ""),
                 "t" + (str(int(table.published)) if table else ""))
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    data = report.public(conv.analysis)
    labels = {key: label for key, (label, _choices) in DEMOGRAPHICS.items()}
    totals = {str(row["id"]): row["text"] for row in data["totals"]}
    by_answer = [{"question": labels.get(q, q), "answers": [
        {"answer": a, "rows": [{"text": totals.get(sid, ""), **cell} for sid, cell in sorted(cells.items())]}
        for a, cells in sorted(answers.items())]} for q, answers in data["by_answer"].items()]
    return _stamped(render(request, "listening/report.html", {
        "conversation": conv, "data": data, "by_answer": by_answer, "map_size": report.MAP,
        "min_cell": report.min_cell(), "printing": request.GET.get("view") == "print",
        "may_moderate": may_moderate, "table": table,
        "may_enter_ballots": allowed(request.user, "listening.enter_ballots", conv)}), etag)


def report_json(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    etag = _etag(request, conv)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    data = {**report.public(conv.analysis), "computed_at": conv.analysed_at.isoformat() if conv.analysed_at else None,
            "new_votes_since": conv.new_votes, "by_answer_min_cell": report.min_cell()}
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conv.pk}.json"'
    return _stamped(response, etag)


def report_csv(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    etag = _etag(request, conv)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    data = report.public(conv.analysis)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversation-{conv.pk}.csv"'
    response.write("\ufeff")
    writer = csvexport.writer(response)
    groups = {g["id"]: {s["id"]: s for s in g["statements"]} for g in data["groups"]}
    writer.writerow([_("ID"), _("Statement"), _("Agree"), _("Disagree"), _("Pass"), _("Seen by"), _("Consensus"),
                     *[_("Group %(label)s representative") % {"label": g["label"]} for g in data["groups"]]])
    consensus = {c["id"] for c in data["consensus"]}
    for row in data["totals"]:
        writer.writerow([row["id"], row["text"], row["agree"], row["disagree"], row["pass"], row["seen"],
                         "1" if row["id"] in consensus else "",
                         *[groups[g["id"]][row["id"]]["direction"] if row["id"] in groups[g["id"]] else ""
                           for g in data["groups"]]])
    # After the statements, a blank row and the counts of people (how many came on paper ballots).
    writer.writerow([])
    writer.writerow([_("Participants"), data["participants"]])
    writer.writerow([_("Participants on paper ballots"), data["paper_participants"]])
    return _stamped(response, etag)


@require_POST
@login_required
def close(request, pk):
    conv = get_object_or_404(Conversation, pk=pk)
    services.close(conversation=conv, by=request.user)
    messages.info(request, _("The conversation is closed; its report stays."))
    return redirect(reverse("conversation_report", args=[conv.pk]))




def where_i_stand(request, pk):
    """"Where do I stand": the participant's own dot on the opinion map and what their group agreed with, from
    the stored analysis. Reads only (GET never writes); known by the conversation's cookie or the account."""
    conv = get_object_or_404(Conversation, pk=pk)
    participant = _existing_participant(request, conv)
    done, total = services.progress(participant, conversation=conv)
    # The engine puts on the map only those with min(min_votes, statements) votes: fewer, and pol.is's
    # projection pulls a participant towards the centre and their group says little.
    needed = max(1, min(conv.min_votes, total))
    found = report.standing(conv, participant) if done >= needed else None
    response = render(request, "listening/me.html", {
        "conversation": conv, "done": done, "total": total, "needed": needed, "more": max(needed - done, 0),
        "found": found, "map_size": report.MAP,
        "data": found["data"] if found else None})
    # One participant's page: neither browsers' shared caches nor the anonymous page cache keep it (its _storable).
    patch_cache_control(response, private=True, no_store=True)
    return response
