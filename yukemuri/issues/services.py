"""Services for regional issues. Views and the API call these; rules live here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from yukemuri.actions import verbs
from yukemuri.actions.services import record
from yukemuri.core.models import Channel, Visibility, site_languages
from yukemuri.core.money import check_yen
from yukemuri.core.permissions import require
from yukemuri.core.services import KEEP, place_from, set_point, set_shared, support_set
from yukemuri.moderation import services as moderation
from yukemuri.organisations.services import is_member
from yukemuri.people.models import CreatorKind
from yukemuri.people.signals import person_leaving
from yukemuri.regions.selectors import default_prefecture
from yukemuri.topics.models import SDGGoal, Theme

from .answering import answering_organisations
from .models import AnswerState, CreatorBrief, EvidenceLink, Issue, IssueSupport, OfficialAnswer


def _check_organisation(author, organisation):
    if organisation is not None and not is_member(person=author, organisation=organisation):
        raise PermissionDenied(_("You can only post on behalf of an organisation you belong to."))


def _apply(issue, *, title, body, place, language=None, sdg_numbers, theme_names, organisation, evidence,
           municipalities=KEEP, point=KEEP):
    prefecture, area, municipality = place_from(place, default_prefecture())
    if prefecture is None:
        raise ValidationError({"place": _("Choose where the issue is.")})
    issue.title, issue.body = title.strip(), body.strip()
    if language:
        if language not in site_languages():
            raise ValidationError({"language": _("Choose one of the site's languages.")})
        issue.language = language
    issue.prefecture, issue.area, issue.municipality = prefecture, area, municipality
    issue.organisation = organisation
    set_point(issue, point)
    issue.save()
    set_shared(issue, municipalities)
    issue.sdgs.set(SDGGoal.objects.filter(number__in=sdg_numbers))
    issue.themes.set(Theme.objects.get_or_create_many(theme_names))
    if evidence is not None:
        issue.evidence.all().delete()
        EvidenceLink.objects.bulk_create(
            [EvidenceLink(issue=issue, url=url, title=title) for url, title in evidence]
        )
    return issue


@transaction.atomic
def issue_create(*, author, title: str, body: str, place=None, sdg_numbers=(), theme_names=(),
                 organisation=None, evidence=(), status: str = Issue.Status.OPEN, origin_event=None,
                 channel: str = Channel.WEB, language: str | None = None, municipalities=(),
                 point=None) -> Issue:
    """Post a regional issue. New accounts' first posts may be held for review (HOLD_FIRST_POSTS). `channel`
    says how it came (entered for the author on paper, by phone or by a supporter: the support app)."""
    require(author, "issues.add_issue", None, _("Log in to post an issue."))
    _check_organisation(author, organisation)
    issue = Issue(author=author, status=status, visibility=moderation.initial_visibility(author),
                  origin_event=origin_event, channel=Channel(channel))
    _apply(issue, title=title, body=body, place=place, language=language, sdg_numbers=sdg_numbers,
           theme_names=theme_names, organisation=organisation, evidence=list(evidence),
           municipalities=municipalities, point=point)
    if issue.visibility == Visibility.HELD:
        moderation.log_held(issue)
    return issue


@transaction.atomic
def issue_update(*, issue: Issue, editor, title: str, body: str, place=None, sdg_numbers=(),
                 theme_names=(), organisation=None, evidence=None, language: str | None = None,
                 municipalities=KEEP, point=KEEP) -> Issue:
    """Edit an issue; only those with issues.change_issue on it may. `municipalities` (広域) and `point`
    (latitude, longitude) stay as they are unless given."""
    require(editor, "issues.change_issue", issue, _("You cannot edit this issue."))
    _check_organisation(editor, organisation)
    return _apply(issue, title=title, body=body, place=place, language=language, sdg_numbers=sdg_numbers,
                  theme_names=theme_names, organisation=organisation, evidence=evidence,
                  municipalities=municipalities, point=point)


@transaction.atomic
def issue_set_status(*, issue: Issue, by, status: str) -> Issue:
    if status not in Issue.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    require(by, "issues.change_issue_status", issue, _("You cannot change the status of this issue."))
    issue.status = status
    issue.save(update_fields=["status"])
    return issue


def issue_support(*, issue: Issue, person, supported: bool = True) -> int:
    if supported:  # taking one's support back is always allowed
        require(person, "issues.support_issue", issue, _("Log in to support"))
    if not issue.is_published:
        raise PermissionDenied(_("This issue cannot be supported now."))
    return support_set(target=issue, person=person, supported=supported)


@transaction.atomic
def creator_brief_set(*, issue: Issue, by, wanted: str, kinds, budget_yen: int | None = None,
                      status: str = CreatorBrief.Status.OPEN) -> CreatorBrief:
    """Ask creators for help with an issue, or change or close the request. The issue's author,
    coordinators and staff may; at least one kind of creator; a budget, if any, in whole yen."""
    require(by, "issues.set_creator_brief", issue, _("Only the issue’s author, coordinators and staff can ask for creators."))
    wanted, kinds = (wanted or "").strip(), list(dict.fromkeys(kinds))
    if not wanted:
        raise ValidationError({"wanted": _("Say what you would like a creator to make.")})
    if not kinds or set(kinds) - set(CreatorKind.values):
        raise ValidationError({"kinds": _("Choose at least one kind of creator from the list.")})
    if budget_yen is not None:
        check_yen(budget_yen, field="budget_yen")
    if status not in CreatorBrief.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    brief, _created = CreatorBrief.objects.update_or_create(issue=issue, defaults={
        "wanted": wanted, "kinds": [k for k in CreatorKind.values if k in kinds], "budget_yen": budget_yen,
        "status": status, "set_by": by,
    })
    return brief


@transaction.atomic
def answer_issue(*, issue: Issue, by, state: str, body: str, reason: str = "") -> OfficialAnswer:
    """公式回答 — answer a published issue publicly for the municipality or the organisation it concerns (or as
    site staff): a state and a text; "not possible" needs a reason. Each answer is kept (the history); the
    latest one's state is the issue's `answer_state`. The author and supporters hear of it after commit."""
    require(by, "issues.answer_issue", issue, _("Only the municipality or organisation this issue concerns can answer it."))
    if not issue.is_published:
        raise PermissionDenied(_("This issue cannot be answered now."))
    body, reason = (body or "").strip(), (reason or "").strip()
    errors = {}
    if state not in AnswerState.values:
        errors["state"] = _("Choose a state from the list.")
    if not body:
        errors["body"] = _("Write the answer.")
    if state == AnswerState.NOT_POSSIBLE and not reason:
        errors["reason"] = _("Say why it is not possible.")
    if errors:
        raise ValidationError(errors)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    organisations = answering_organisations(by, issue)
    answer = OfficialAnswer.objects.create(
        issue=issue, state=state, body=body, reason=reason if state == AnswerState.NOT_POSSIBLE else "",
        answered_by=by, organisation=organisations[0] if organisations else None)
    old = issue.answer_state
    Issue.objects.filter(pk=issue.pk).update(answer_state=state)  # not save(): the post's own dates stay
    record(actor=by, verb=verbs.ISSUE_ANSWERED, target=issue,
           data={"old": old, "new": state, "answer": answer.pk,
                 "organisation": answer.organisation_id})
    return answer


@receiver(person_leaving)
def _withdraw_supports(sender, person, **kwargs):
    for support in IssueSupport.objects.filter(person=person).select_related("target"):
        support_set(target=support.target, person=person, supported=False)
