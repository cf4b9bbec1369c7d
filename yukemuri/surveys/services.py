"""Writes of surveys: write the questionnaire, open and close it, invite people, take answers, publish the
results, send free text to broad listening. Every write under authority records its action (yukemuri.actions).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.core.text import strip_bidi
from yukemuri.regions.models import AgeBand

from .models import CHOICE_KINDS, Answer, Invitation, InvitationUse, Kind, LinkUse, Question, Response, Survey

MIN_CELL = 10  # fewer answers than this are never shown, exported or sent on (docs/decisions/0021-surveys.md)
SURVEY_FIELDS = ("title", "title_en", "intro", "intro_en", "anonymous", "access")


def _manage(by, survey=None):
    require(by, "surveys.manage", survey, _("Only staff and coordinators run surveys."))


def _draft(survey):
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Questions and settings can only change while the survey is a draft."))


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", strip_bidi(text or "")).strip()


# The questionnaire ------------------------------------------------------------------------------------------

@transaction.atomic
def survey_create(*, by, title: str, title_en: str = "", intro: str = "", intro_en: str = "", anonymous: bool = True,
                  access: str = Survey.Access.LINK, demo: bool = False) -> Survey:
    if not demo:
        _manage(by)
    survey = Survey.objects.create(title=_clean(title), title_en=_clean(title_en), intro=_clean(intro),
                                   intro_en=_clean(intro_en), anonymous=anonymous, access=access, is_demo=demo,
                                   created_by=by)
    action_record(actor=by, verb=verbs.SURVEY_CREATED, target=survey, data={"anonymous": anonymous, "access": access})
    return survey


@transaction.atomic
def survey_update(*, survey, by, **fields) -> Survey:
    """The title, introduction, anonymity and who may answer: while a draft only (people answered on the
    terms they were shown)."""
    _manage(by, survey)
    _draft(survey)
    before = {name: getattr(survey, name) for name in SURVEY_FIELDS}
    for name in SURVEY_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(survey, name, _clean(value) if isinstance(value, str) and name != "access" else value)
    survey.save(update_fields=list(SURVEY_FIELDS))
    changes = diff(before, {name: getattr(survey, name) for name in SURVEY_FIELDS})
    if changes:
        action_record(actor=by, verb=verbs.SURVEY_EDITED, target=survey, data={"settings": changes})
    return survey


def _check_question(survey, question, *, kind, choices, min_value, max_value, condition_question, condition_values):
    errors = {}
    if kind in CHOICE_KINDS and len(choices) < 2:
        errors["choices"] = _("Give at least two choices, one per line.")
    if kind == Kind.NUMBER and min_value is not None and max_value is not None and min_value > max_value:
        errors["max_value"] = _("The largest number must not be smaller than the smallest.")
    if condition_question is not None:
        earlier = condition_question.survey_id == survey.pk and (
            question is None or (condition_question.position, condition_question.pk) < (question.position, question.pk))
        if not earlier or condition_question.kind in (Kind.TEXT, Kind.NUMBER):
            errors["condition_question"] = _("Choose an earlier question with choices, a 1–5 or a 0–10 answer.")
        elif not condition_values:
            errors["condition_values"] = _("Say which answers show this question.")
        else:
            allowed = {value for value, _label in condition_question.options()}
            if not set(condition_values) <= allowed:
                errors["condition_values"] = _("Use the answers' numbers: %(allowed)s.") % {
                    "allowed": ", ".join(sorted(allowed, key=int))}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_save(*, survey, by, question=None, kind: str, text: str, text_en: str = "", required: bool = False,
                  choices=(), min_value=None, max_value=None, condition_question=None, condition_values=()) -> Question:
    """Add a question at the end, or change one: while the survey is a draft. `choices` are (Japanese,
    English) pairs; a condition names an earlier question and the answers that show this one."""
    _manage(by, survey)
    _draft(survey)
    choices = [[_clean(ja), _clean(en)] for ja, en in choices if _clean(ja)] if kind in CHOICE_KINDS else []
    condition_values = [str(v).strip() for v in condition_values if str(v).strip()] if condition_question else []
    _check_question(survey, question, kind=kind, choices=choices, min_value=min_value, max_value=max_value,
                    condition_question=condition_question, condition_values=condition_values)
    fields = {"kind": kind, "text": _clean(text), "text_en": _clean(text_en), "required": required,
              "choices": choices, "min_value": min_value if kind == Kind.NUMBER else None,
              "max_value": max_value if kind == Kind.NUMBER else None, "condition_question": condition_question,
              "condition_values": condition_values}
    if question is None:
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = Question.objects.create(survey=survey, position=0 if last is None else last + 1, **fields)
        change = "added"
    else:
        for name, value in fields.items():
            setattr(question, name, value)
        question.save()
        change = "changed"
    action_record(actor=by, verb=verbs.SURVEY_EDITED, target=survey, data={"question": question.pk, "change": change})
    return question


@transaction.atomic
def question_delete(*, question, by) -> None:
    survey = question.survey
    _manage(by, survey)
    _draft(survey)
    action_record(actor=by, verb=verbs.SURVEY_EDITED, target=survey, data={"question": question.pk, "change": "deleted"})
    question.delete()


@transaction.atomic
def question_move(*, question, by, up: bool) -> None:
    """Swap the question with the one before (up) or after it. A question shown on a condition cannot move
    above the question it depends on."""
    survey = question.survey
    _manage(by, survey)
    _draft(survey)
    ordered = list(survey.questions.order_by("position", "id"))
    index = ordered.index(question)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(ordered):
        return
    first, second = sorted((ordered[index], ordered[other_index]), key=ordered.index)
    if second.condition_question_id == first.pk:
        raise ValidationError(_("A question shown on a condition must stay after the question it depends on."))
    ordered[index], ordered[other_index] = ordered[other_index], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            Question.objects.filter(pk=item.pk).update(position=position)
    action_record(actor=by, verb=verbs.SURVEY_EDITED, target=survey,
                  data={"question": question.pk, "change": "moved up" if up else "moved down"})


# Status -----------------------------------------------------------------------------------------------------

@transaction.atomic
def survey_open(*, survey, by) -> Survey:
    _manage(by, survey)
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Only a draft can be opened."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question first."))
    survey.status, survey.opened_at = Survey.Status.OPEN, timezone.now()
    survey.save(update_fields=["status", "opened_at"])
    action_record(actor=by, verb=verbs.SURVEY_STATUS_CHANGED, target=survey,
                  data={"old": Survey.Status.DRAFT, "new": survey.status})
    return survey


@transaction.atomic
def survey_close(*, survey, by) -> Survey:
    _manage(by, survey)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status, survey.closed_at = Survey.Status.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    action_record(actor=by, verb=verbs.SURVEY_STATUS_CHANGED, target=survey,
                  data={"old": Survey.Status.OPEN, "new": survey.status})
    return survey


@transaction.atomic
def survey_publish(*, survey, by, published: bool = True) -> Survey:
    """Make the results of a closed survey public (or take them back)."""
    _manage(by, survey)
    if published and survey.status != Survey.Status.CLOSED:
        raise ValidationError(_("Results are published once the survey is closed."))
    old = survey.published
    survey.published = published
    survey.save(update_fields=["published"])
    action_record(actor=by, verb=verbs.SURVEY_PUBLISHED, target=survey, data={"old": old, "new": published})
    return survey


# Invitations ------------------------------------------------------------------------------------------------

@transaction.atomic
def invite(*, survey, by, areas=(), municipalities=(), age_bands=()) -> int:
    """Invite the people who live in the chosen areas or municipalities and are in the chosen age bands (as
    their profiles say), each with a link of their own, by a notice (kind SURVEYS) and an e-mail. People invited
    before are skipped, and so are those who chose to hear of no survey. The invitation e-mail is the one e-mail
    (the notice stays on the site): it goes at once to those who chose any e-mail for surveys and left e-mails on,
    not to those who chose "on the site only" (docs/decisions/0023-notification-choices.md). Returns how many
    were invited now."""
    from yukemuri.notifications.choices import channels_of
    from yukemuri.notifications.models import Channel, NoticeKind
    from yukemuri.notifications.services import notify
    from yukemuri.people.selectors import residents
    from yukemuri.regions.selectors import municipalities as all_municipalities

    _manage(by, survey)
    if survey.access != Survey.Access.INVITATION:
        raise ValidationError(_("This survey is answered through its link; it takes no invitations."))
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Open the survey before inviting people."))
    if not areas and not municipalities:
        raise ValidationError({"areas": _("Choose at least one area or municipality.")})
    bands = [band for band in age_bands if band in AgeBand.values]
    if not bands:
        raise ValidationError({"age_bands": _("Choose at least one age band.")})
    area_ids = {getattr(area, "pk", area) for area in areas}
    places = {m.pk: m for m in all_municipalities() if m.area_id in area_ids}
    places.update({m.pk: m for m in municipalities})
    already = set(survey.invitations.values_list("person_id", flat=True))
    people = [person for person in residents(places, bands) if person.pk not in already]
    channels = channels_of([person.pk for person in people], NoticeKind.SURVEYS)
    made = [Invitation.objects.create(survey=survey, person=person, age_band=person.age_band,
                                      area_id=places[person.home_municipality_id].area_id)
            for person in people if channels[person.pk] != Channel.NONE]
    from . import tasks

    for invitation in made:
        notify([invitation.person], kind=NoticeKind.SURVEYS, email=False,
               message=gettext_noop("You are invited to answer the survey “%(title)s”."),
               params={"title": survey.title}, url=invitation.get_absolute_url())
        if channels[invitation.person_id] != Channel.SITE and invitation.person.email_digest:
            transaction.on_commit(lambda pk=invitation.pk: tasks.send_invitation.enqueue(pk))
    action_record(actor=by, verb=verbs.SURVEY_INVITED, target=survey, data={
        "invited": len(made), "areas": sorted(area_ids), "municipalities": sorted(m.code for m in municipalities),
        "age_bands": bands})
    return len(made)


def invitation_email(invitation):
    """The e-mail of one invitation in its person's language, or None when we may not e-mail them."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.utils import translation

    from yukemuri.people.selectors import may_email

    person = invitation.person
    if not may_email(person):
        return None
    site = settings.YUKEMURI["SITE_URL"].rstrip("/")
    with translation.override(person.preferred_language):
        survey = invitation.survey
        subject = _("yukemuri: you are invited to answer “%(title)s”") % {"title": survey.display_title}
        body = "\n".join([
            _("Hello %(name)s,") % {"name": person.display_name}, "",
            _("You are invited to answer the survey “%(title)s”. This link is yours alone and can be used once:")
            % {"title": survey.display_title},
            site + invitation.get_absolute_url(), "",
            _("Your answers are anonymous: they are kept without any link to you.") if survey.anonymous else
            _("Your answers are kept with your account."),
        ])
    return EmailMessage(subject, body, None, [person.email])


# Answers ----------------------------------------------------------------------------------------------------

def device_key(cookie: str) -> str:
    """A keyed hash of the browser's survey cookie: enough to refuse a second answer, nothing to recover."""
    return salted_hmac("yukemuri.surveys.device", cookie).hexdigest()[:64] if cookie else ""


def visible(question, given: dict) -> bool:
    """Whether a question is asked, given the answers so far ({question pk: value or list of values})."""
    if question.condition_question_id is None:
        return True
    answer = given.get(question.condition_question_id)
    values = set(answer) if isinstance(answer, list) else ({answer} if answer not in (None, "") else set())
    return bool(values & set(question.condition_values))


def _parse(question, raw):
    """(number, chosen, text) of one raw answer, None when unanswered; ValueError when it is not a valid one."""
    if question.kind == Kind.MULTIPLE:
        chosen = [str(v) for v in (raw or []) if str(v)]
        allowed = {value for value, _label in question.options()}
        if not set(chosen) <= allowed:
            raise ValueError(_("Choose from the list."))
        return (None, sorted(set(chosen), key=int), "") if chosen else None
    if raw is None or str(raw).strip() == "":
        return None
    raw = str(raw).strip()
    if question.kind in (Kind.LIKERT, Kind.SCALE, Kind.SINGLE):
        if raw not in {value for value, _label in question.options()}:
            raise ValueError(_("Choose from the list."))
        return (float(raw), [], "") if question.kind != Kind.SINGLE else (None, [raw], "")
    if question.kind == Kind.NUMBER:
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            raise ValueError(_("Enter a number.")) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(_("Enter a number."))
        if question.min_value is not None and number < question.min_value:
            raise ValueError(_("Enter %(n)s or more.") % {"n": question.min_value})
        if question.max_value is not None and number > question.max_value:
            raise ValueError(_("Enter %(n)s or less.") % {"n": question.max_value})
        return (number, [], "")
    text = _clean(raw)[:4000]
    return (None, [], text) if text else None


def check_answers(questions, values: dict) -> dict:
    """{question: (number, chosen, text)} of the questions asked and answered, in order; a ValidationError
    keyed by field (q<pk>) when a shown required question is unanswered or an answer is not valid. Answers to
    questions not shown (their condition unmet) are dropped."""
    given, kept, errors = {}, {}, {}
    for question in questions:
        raw = values.get(question.pk)
        if not visible(question, given):
            continue
        try:
            parsed = _parse(question, raw)
        except ValueError as exc:
            errors[f"q{question.pk}"] = str(exc)
            continue
        if parsed is None:
            if question.required:
                errors[f"q{question.pk}"] = _("Please answer this question.")
            continue
        kept[question] = parsed
        number, chosen, _text = parsed
        if question.kind in (Kind.LIKERT, Kind.SCALE):
            given[question.pk] = str(int(number))
        elif question.kind in CHOICE_KINDS:
            given[question.pk] = chosen
    if errors:
        raise ValidationError(errors)
    return kept


def already_answered(survey, *, person=None, invitation=None, device: str = "") -> bool:
    """For the answer page (a read): whether this invitation, account or browser has answered."""
    if invitation is not None:
        return InvitationUse.objects.filter(invitation=invitation).exists()
    if not survey.anonymous and person is not None and person.is_authenticated:
        return Response.objects.filter(survey=survey, person=person).exists()
    return bool(device) and LinkUse.objects.filter(survey=survey, device=device).exists()


def _once(make) -> None:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        raise ValidationError(_("This survey has already been answered here. Thank you!")) from None


@transaction.atomic
def submit(*, survey, values: dict, person=None, invitation=None, device: str = "", area=None, age_band: str = "",
           demo: bool = False) -> Response:
    """Take one set of answers. One per invitation, per person (signed surveys) and per browser (open link):
    each is a unique row written in this transaction, so of two posts at once one is refused by the database.
    The cell (area, age band) comes from the invitation, else the profile (signed surveys), else what the
    person said. Anonymous answers keep no person and no invitation."""
    survey = Survey.objects.get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(_("This survey is not open for answers."))
    signed_in = person is not None and person.is_authenticated
    if survey.access == Survey.Access.INVITATION:
        if invitation is None or invitation.survey_id != survey.pk:
            raise ValidationError(_("This survey is answered through the link of an invitation."))
        person = invitation.person
        area, age_band = invitation.area, invitation.age_band
    elif not survey.anonymous:
        if not signed_in:
            raise ValidationError(_("Log in to answer this survey: answers are signed."))
        home = person.home_municipality
        area = home.area if home is not None and home.area is not None else area
        age_band = person.age_band or age_band
    elif not device and not demo:
        raise ValidationError(_("Your browser must accept cookies to answer, so that each person answers once."))
    if age_band and age_band not in AgeBand.values:
        raise ValidationError({"age_band": _("Choose from the list.")})
    questions = list(survey.questions.order_by("position", "id"))
    kept = check_answers(questions, values)
    if not kept:
        raise ValidationError(_("Please answer at least one question."))
    if invitation is not None:
        _once(lambda: InvitationUse.objects.create(invitation=invitation))
    if survey.access == Survey.Access.LINK and survey.anonymous and device:
        _once(lambda: LinkUse.objects.create(survey=survey, device=device))
    response = Response(survey=survey, person=None if survey.anonymous else person, area=area, age_band=age_band,
                        is_demo=demo)
    _once(response.save)
    Answer.objects.bulk_create(Answer(response=response, question=question, number=number, chosen=chosen, text=text)
                               for question, (number, chosen, text) in kept.items())
    return response


# Results out ------------------------------------------------------------------------------------------------

@transaction.atomic
def answers_export(*, survey, by) -> list[list]:
    """The anonymised answers as CSV rows (results.answer_rows), recorded: an action, and for a signed survey
    an access record for each person whose answers are in it (they see it on their data page)."""
    from yukemuri.privacy.models import AccessKind
    from yukemuri.privacy.services import access_record

    from .results import answer_rows

    require(by, "surveys.export_answers", survey, _("Only staff download a survey's answers."))
    rows = answer_rows(survey)
    people = [] if survey.anonymous else list(survey.responses.exclude(person=None).values_list("person_id", flat=True))
    if people:
        access_record(viewer=by, people=people, kind=AccessKind.SURVEY_ANSWERS, about=survey.title)
    action_record(actor=by, verb=verbs.SURVEY_EXPORTED, target=survey, data={"rows": len(rows) - 1})
    return rows


@transaction.atomic
def send_to_listening(*, survey, by) -> list:
    """Hand the free-text answers of a closed survey to broad listening: one closed conversation per free-text
    question (listening.services.conversation_of_texts), whose report groups them into topics. A question
    with fewer than MIN_CELL answers is not sent; one sent before is not sent again."""
    from yukemuri.listening.services import conversation_of_texts

    _manage(by, survey)
    if survey.status != Survey.Status.CLOSED:
        raise ValidationError(_("Free-text answers go to broad listening once the survey is closed."))
    made = []
    for question in survey.questions.filter(kind=Kind.TEXT, conversation__isnull=True).order_by("position", "id"):
        texts = list(Answer.objects.filter(question=question).exclude(text="").order_by("?").values_list("text", flat=True))
        if len(texts) < MIN_CELL:
            continue
        question.conversation = conversation_of_texts(
            by=by, title=survey.title, question=question.text, texts=texts)
        question.save(update_fields=["conversation"])
        made.append(question.conversation)
    if not made:
        raise ValidationError(_("No free-text question has %(n)s answers or more to send.") % {"n": MIN_CELL})
    action_record(actor=by, verb=verbs.SURVEY_LISTENED, target=survey,
                  data={"conversations": [conversation.pk for conversation in made]})
    return made
