"""Writes of ties (関係人口): a person's own ties and residence, a municipality's survey and 関係案内人, and the
export of the people who agreed to be contacted.

What a person registers for themselves is not recorded in the action stream (docs/decisions/0009): the tie is
its own row with its times, and each consent keeps when it was given. What a municipality's staff do — change
the survey or the guide, download the contact list — is recorded, in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import diff
from yukemuri.actions.services import record as action_record
from yukemuri.core.permissions import require
from yukemuri.privacy.models import AccessKind
from yukemuri.privacy.services import access_record

from . import prefectures
from .models import DEFAULT_QUESTIONS, Guide, Kind, Residence, SurveyQuestion, Tie, TieKind, TieSurvey
from .selectors import contact_members

EARLIEST_YEAR = 1900
MAX_QUESTIONS = 15
GUIDE_FIELDS = ("name", "role", "email", "phone", "url", "note")


def check_since(since) -> int | None:
    """A year from 1900 to this year, or nothing."""
    if since in (None, ""):
        return None
    if isinstance(since, bool) or not isinstance(since, int) or not EARLIEST_YEAR <= since <= timezone.now().year:
        raise ValidationError({"since": _("Give a year from %(first)s to %(last)s.") % {
            "first": EARLIEST_YEAR, "last": timezone.now().year}})
    return since


def _check_kinds(kinds) -> list[str]:
    kinds = list(dict.fromkeys(kinds or ()))
    if not kinds:
        raise ValidationError({"kinds": _("Choose at least one way you are tied to this place.")})
    unknown = [kind for kind in kinds if kind not in Kind.values]
    if unknown:
        raise ValidationError({"kinds": _("Unknown kind of tie: %(kinds)s.") % {"kinds": ", ".join(unknown)}})
    return kinds


# The survey -------------------------------------------------------------------------------------------------

def _survey_for_write(municipality, by=None) -> TieSurvey:
    """The municipality's survey, saved with the default questions the first time it is needed (never on a
    GET: only a registration or a staff edit calls this). Concurrent first uses keep one survey."""
    survey = TieSurvey.objects.filter(municipality=municipality).first()
    if survey is not None:
        return survey
    try:
        with transaction.atomic():
            survey = TieSurvey.objects.create(municipality=municipality, updated_by=by)
            SurveyQuestion.objects.bulk_create([
                SurveyQuestion(survey=survey, key=key, text=text, text_en=text_en, sort_order=n)
                for n, (key, text, text_en) in enumerate(DEFAULT_QUESTIONS)
            ])
            return survey
    except IntegrityError:
        return TieSurvey.objects.get(municipality=municipality)


def _questions_by_key(municipality, keys) -> list[SurveyQuestion]:
    keys = list(dict.fromkeys(keys or ()))
    if not keys:
        return []
    survey = _survey_for_write(municipality)
    found = {q.key: q for q in SurveyQuestion.objects.filter(survey=survey, key__in=keys, active=True)}
    missing = [key for key in keys if key not in found]
    if missing:
        raise ValidationError({"wishes": _("This survey has no such question; reload the page and choose again.")})
    return [found[key] for key in keys]


@transaction.atomic
def survey_update(*, municipality, by, lines, intro: str = "") -> TieSurvey:
    """Set the survey's questions from one line each, in order. A line that keeps a question's text keeps the
    question (and its answers); a removed line stops being asked but its answers stay; a new line is a new
    question. At least one and at most MAX_QUESTIONS questions."""
    if by is not None:  # None: the system (the demo loader)
        require(by, "ties.manage_ties", municipality, _("Only this municipality's staff can change its survey."))
    texts = list(dict.fromkeys(line.strip() for line in lines if line and line.strip()))
    if not texts:
        raise ValidationError({"questions": _("Keep at least one question.")})
    if len(texts) > MAX_QUESTIONS:
        raise ValidationError({"questions": _("Ask at most %(most)s questions.") % {"most": MAX_QUESTIONS}})
    too_long = [text for text in texts if len(text) > 100]
    if too_long:
        raise ValidationError({"questions": _("Each question has at most 100 characters.")})
    survey = TieSurvey.objects.select_for_update().get(pk=_survey_for_write(municipality, by).pk)
    questions = list(survey.questions.all())
    old = [q.text for q in questions if q.active]
    by_text = {q.text: q for q in questions}
    used = {q.key for q in questions}
    for order, text in enumerate(texts):
        question = by_text.get(text)
        if question is None:
            key = next(f"q{n}" for n in range(1, 10_000) if f"q{n}" not in used)
            used.add(key)
            SurveyQuestion.objects.create(survey=survey, key=key, text=text, sort_order=order)
        else:
            question.sort_order, question.active = order, True
            question.save(update_fields=["sort_order", "active"])
    survey.questions.exclude(text__in=texts).update(active=False)
    old_intro, survey.intro, survey.updated_by = survey.intro, intro.strip()[:300], by
    survey.save()
    action_record(actor=by, verb=verbs.TIES_SURVEY_CHANGED, target=survey,
                  data={"old": old, "new": texts, **({"intro": {"old": old_intro, "new": survey.intro}}
                                                     if old_intro != survey.intro else {})})
    return survey


# The 関係案内人 ------------------------------------------------------------------------------------------------

@transaction.atomic
def guide_set(*, municipality, by, name: str = "", role: str = "", email: str = "", phone: str = "",
              url: str = "", note: str = "") -> Guide:
    """Name (or, with an empty name, take down) the municipality's 関係案内人. A named guide gives at least one
    way to reach them."""
    if by is not None:  # None: the system (the demo loader)
        require(by, "ties.manage_ties", municipality, _("Only this municipality's staff can name its guide."))
    values = {"name": name.strip(), "role": role.strip(), "email": email.strip().lower(), "phone": phone.strip(),
              "url": url.strip(), "note": note.strip()}
    if values["name"] and not (values["email"] or values["phone"] or values["url"]):
        raise ValidationError({"email": _("Give an e-mail address, a phone number or a web page.")})
    guide, _created = Guide.objects.select_for_update().get_or_create(municipality=municipality)
    before = {field: getattr(guide, field) for field in GUIDE_FIELDS}
    for field, value in values.items():
        setattr(guide, field, value)
    guide.updated_by = by
    guide.full_clean()
    guide.save()
    action_record(actor=by, verb=verbs.TIES_GUIDE_CHANGED, target=guide, data=diff(before, values))
    return guide


# A person's own ties -----------------------------------------------------------------------------------------

def residence_set(*, person, prefecture: str) -> Residence | None:
    """Where the person lives (a prefecture's JIS number or 'abroad'); an empty value forgets it."""
    if not prefecture:
        Residence.objects.filter(person=person).delete()
        return None
    if prefecture not in prefectures.CODES:
        raise ValidationError({"prefecture": _("Choose a prefecture from the list.")})
    residence, _created = Residence.objects.update_or_create(person=person, defaults={"prefecture": prefecture})
    return residence


def _consent_time(current, agreed: bool, now):
    """Keep the first time of a consent still given; a withdrawn one is emptied."""
    if not agreed:
        return None
    return current or now


def _save_answers(tie, *, kinds, wishes, since, wish_text, contact_consent, public_consent):
    now = timezone.now()
    tie.since = check_since(since)
    tie.wish_text = (wish_text or "").strip()
    tie.contact_consented_at = _consent_time(tie.contact_consented_at, contact_consent, now)
    tie.public_consented_at = _consent_time(tie.public_consented_at, public_consent, now)
    tie.full_clean(exclude=["person", "municipality"])
    tie.save()
    tie.kind_rows.exclude(kind__in=kinds).delete()
    have = set(tie.kind_rows.values_list("kind", flat=True))
    TieKind.objects.bulk_create([TieKind(tie=tie, kind=kind) for kind in kinds if kind not in have])
    # Answers to questions the survey no longer asks stay: they were true when given.
    keep = list(tie.wishes.filter(active=False))
    tie.wishes.set(keep + list(wishes))
    return tie


@transaction.atomic
def tie_create(*, person, municipality, kinds, since=None, wishes=(), wish_text: str = "",
               contact_consent: bool = False, public_consent: bool = False, prefecture=None,
               demo: bool = False) -> Tie:
    """Register a person's tie to a municipality: one per municipality (edit it to add a kind). `wishes` are
    the survey's question keys; `prefecture`, when given, sets where the person lives."""
    require(person, "ties.add_tie", None, _("Sign in to register a tie."))
    kinds = _check_kinds(kinds)
    if municipality is None:
        raise ValidationError({"municipality": _("Choose a municipality.")})
    if Tie.objects.filter(person=person, municipality=municipality).exists():
        raise ValidationError({"municipality": _("You already registered a tie to %(place)s: edit it instead.")
                               % {"place": municipality.display_name}})
    questions = _questions_by_key(municipality, wishes)
    if prefecture is not None:
        residence_set(person=person, prefecture=prefecture)
    tie = Tie(person=person, municipality=municipality, is_demo=demo)
    try:
        with transaction.atomic():
            return _save_answers(tie, kinds=kinds, wishes=questions, since=since, wish_text=wish_text,
                                 contact_consent=contact_consent, public_consent=public_consent)
    except IntegrityError:  # the same registration sent twice at once
        raise ValidationError({"municipality": _("You already registered a tie to %(place)s: edit it instead.")
                               % {"place": municipality.display_name}}) from None


@transaction.atomic
def tie_update(*, tie, by, kinds, since=None, wishes=(), wish_text: str = "", contact_consent: bool = False,
               public_consent: bool = False, prefecture=None) -> Tie:
    """Change one's own tie; unticking a consent withdraws it at once."""
    require(by, "ties.change_tie", tie, _("Only the person who registered this tie can change it."))
    kinds = _check_kinds(kinds)
    questions = _questions_by_key(tie.municipality, wishes)
    if prefecture is not None:
        residence_set(person=by, prefecture=prefecture)
    tie = Tie.objects.select_for_update().get(pk=tie.pk)
    return _save_answers(tie, kinds=kinds, wishes=questions, since=since, wish_text=wish_text,
                         contact_consent=contact_consent, public_consent=public_consent)


@transaction.atomic
def tie_delete(*, tie, by) -> None:
    require(by, "ties.delete_tie", tie, _("Only the person who registered this tie can delete it."))
    tie.delete()


# The contact list ---------------------------------------------------------------------------------------------

@transaction.atomic
def members_export(*, municipality, by) -> list:
    """The people tied to the municipality who agreed to be contacted by it, for its staff to download: the
    download itself is recorded (who took personal data, when, how many people)."""
    require(by, "ties.export_members", municipality,
            _("Only this municipality's staff can download the people who agreed to be contacted."))
    members = list(contact_members(municipality))
    action_record(actor=by, verb=verbs.TIES_MEMBERS_EXPORTED, target=municipality,
                  data={"people": len(members)})
    access_record(viewer=by, people=[tie.person_id for tie in members], kind=AccessKind.TIES_MEMBERS,
                  about=str(municipality))
    return members
