"""Services for ideas (未来の種): propose, edit, support, follow, comment."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils.translation import gettext as _

from yukemuri.core.models import Channel, Visibility, site_languages
from yukemuri.core.permissions import require
from yukemuri.core.services import KEEP, place_from, set_point, set_shared, support_set
from yukemuri.issues.selectors import issues_for_ids
from yukemuri.moderation import services as moderation
from yukemuri.moderation.signals import visibility_changed
from yukemuri.organisations.services import is_member
from yukemuri.people.signals import person_leaving
from yukemuri.regions.selectors import default_prefecture
from yukemuri.topics.models import SDGGoal, Theme

from .models import Comment, Follow, Idea, IdeaSupport
from .signals import idea_proposed

MAX_DEPTH = 4  # replies deeper than this attach to the deepest level so threads stay readable on a phone


def _apply(idea, *, title, body, place, language=None, sdg_numbers, theme_names, organisation, issue_ids,
           municipalities=KEEP, point=KEEP):
    if organisation is not None and not is_member(person=idea.author, organisation=organisation):
        raise PermissionDenied(_("You can only propose on behalf of an organisation you belong to."))
    prefecture, area, municipality = place_from(place, default_prefecture())
    if prefecture is None:
        raise ValidationError({"place": _("Choose the proposing municipality or area.")})
    idea.title, idea.body = title.strip(), body.strip()
    if language:
        if language not in site_languages():
            raise ValidationError({"language": _("Choose one of the site's languages.")})
        idea.language = language
    idea.prefecture, idea.area, idea.municipality = prefecture, area, municipality
    idea.organisation = organisation
    set_point(idea, point)
    idea.save()
    set_shared(idea, municipalities)
    idea.sdgs.set(SDGGoal.objects.filter(number__in=sdg_numbers))
    idea.themes.set(Theme.objects.get_or_create_many(theme_names))
    issues = list(issues_for_ids(issue_ids))
    unknown = set(issue_ids) - {issue.pk for issue in issues}
    if unknown:
        raise ValidationError({"issues": _("There is no published issue numbered %(ids)s.") % {
            "ids": ", ".join(str(i) for i in sorted(unknown))}})
    idea.issues.set(issues)
    return idea


@transaction.atomic
def idea_create(*, author, title: str, body: str, place=None, sdg_numbers=(), theme_names=(),
                organisation=None, issue_ids=(), origin_event=None, channel: str = Channel.WEB,
                language: str | None = None, municipalities=(), point=None) -> Idea:
    """Propose an idea as a seed. Its proposer follows it from the start. `origin_event` is the workshop
    session it was born at (生まれた場); `channel` how it came (entered for the proposer: the support app)."""
    require(author, "ideas.add_idea", None, _("Log in to propose an idea."))
    idea = Idea(author=author, visibility=moderation.initial_visibility(author), origin_event=origin_event,
                channel=Channel(channel))
    _apply(idea, title=title, body=body, place=place, language=language, sdg_numbers=sdg_numbers,
           theme_names=theme_names,
           organisation=organisation, issue_ids=list(issue_ids), municipalities=municipalities, point=point)
    idea_follow(idea=idea, person=author, following=True)
    idea_proposed.send(sender=Idea, idea=idea)
    if idea.visibility == Visibility.HELD:
        moderation.log_held(idea)
    return idea


@transaction.atomic
def idea_update(*, idea: Idea, editor, title: str, body: str, place=None, sdg_numbers=(), theme_names=(),
                organisation=None, issue_ids=(), language: str | None = None, municipalities=KEEP,
                point=KEEP) -> Idea:
    """Edit an idea: only its proposer (or an administrator) may; 広域 `municipalities` and `point` stay unless
    given."""
    require(editor, "ideas.change_idea", idea, _("You cannot edit this idea."))
    return _apply(idea, title=title, body=body, place=place, language=language, sdg_numbers=sdg_numbers,
                  theme_names=theme_names, organisation=organisation, issue_ids=list(issue_ids),
                  municipalities=municipalities, point=point)


def idea_support(*, idea: Idea, person, supported: bool = True) -> int:
    """Support an idea, once per person."""
    if supported:  # taking one's support back is always allowed
        require(person, "ideas.support_idea", idea, _("Log in to support"))
    if not idea.is_published:
        raise PermissionDenied(_("This idea cannot be supported now."))
    return support_set(target=idea, person=person, supported=supported)


@transaction.atomic
def idea_follow(*, idea: Idea, person, following: bool = True) -> bool:
    if following:  # unfollowing is always allowed (also for an account that is leaving)
        require(person, "ideas.follow_idea", idea, _("Log in to follow this idea."))
        _follow, changed = Follow.objects.get_or_create(idea=idea, person=person)
        delta = 1 if changed else 0
    else:
        deleted, _detail = Follow.objects.filter(idea=idea, person=person).delete()
        delta = -1 if deleted else 0
    if delta:
        Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") + delta)
    return following


@transaction.atomic
def comment_create(*, idea: Idea, author, body: str, parent: Comment | None = None) -> Comment:
    """Comment on an idea, or reply to a comment of the same idea."""
    require(author, "ideas.add_comment", idea, _("Log in to comment"))
    if not idea.is_published:
        raise PermissionDenied(_("Comments are closed on this idea."))
    if not body.strip():
        raise ValidationError({"body": _("Write a comment first.")})
    if parent is not None:
        if parent.idea_id != idea.pk or not parent.is_published:
            raise ValidationError({"parent": _("You can only reply to a visible comment of this idea.")})
        if parent.depth >= MAX_DEPTH and parent.parent_id:
            parent = parent.parent
    comment = Comment.objects.create(
        idea=idea,
        author=author,
        body=body.strip(),
        parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        visibility=moderation.initial_visibility(author),
    )
    if comment.is_published:
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    else:
        moderation.log_held(comment)
    return comment


@receiver(visibility_changed, sender=Comment)
def _recount_comments(sender, instance, old, new, **kwargs):
    # The count shows published comments only, so it follows every moderation decision.
    if Visibility.PUBLISHED in (old, new):
        delta = 1 if new == Visibility.PUBLISHED else -1
        Idea.objects.filter(pk=instance.idea_id).update(comment_count=F("comment_count") + delta)


@receiver(person_leaving)
def _withdraw_supports_and_follows(sender, person, **kwargs):
    for support in IdeaSupport.objects.filter(person=person).select_related("target"):
        support_set(target=support.target, person=person, supported=False)
    for follow in Follow.objects.filter(person=person).select_related("idea"):
        idea_follow(idea=follow.idea, person=person, following=False)
