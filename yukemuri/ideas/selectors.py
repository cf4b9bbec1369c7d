"""Reads of ideas and their comments, already joined for the page that shows them."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from yukemuri.core.filters import paginate
from yukemuri.core.models import Visibility
from yukemuri.core.selectors import counts_by_place
from yukemuri.issues.selectors import issue_list

from .models import Comment, Follow, Idea

THREADS_PER_PAGE = 30


def idea_list():
    """Published ideas with what a list row shows, in a fixed number of queries."""
    return (
        Idea.objects.published()
        .select_related("municipality", "area", "prefecture", "organisation", "author")
        .prefetch_related("sdgs")
    )


def idea_cards():
    """Like idea_list(), without the long texts a card does not show."""
    return idea_list().defer("body", "body_html", "search_text")


def idea_detail(pk: int, viewer):
    """The idea if the viewer may see it: published, their own, or the viewer moderates."""
    idea = (
        Idea.objects.select_related("municipality", "area", "prefecture", "organisation", "author", "municipal_partner",
                              "origin_event__series", "origin_event__municipality", "origin_event__area")
        .prefetch_related("sdgs", "themes", "municipalities")
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        return None
    if idea.visibility == Visibility.PUBLISHED:
        return idea
    if viewer.is_authenticated and (idea.author_id == viewer.pk or viewer.has_perm("moderation.moderate")):
        return idea
    return None


def answered_issues(idea):
    return issue_list().filter(ideas=idea)


def ideas_answering(issue):
    return idea_cards().filter(issues=issue).order_by("-support_count", "-id")


def idea_counts_for_issues(issue_ids) -> dict[int, int]:
    """How many published ideas answer each issue (one query for a page of issues)."""
    rows = (
        Idea.issues.through.objects.filter(issue_id__in=issue_ids, idea__visibility=Visibility.PUBLISHED)
        .values("issue_id")
        .annotate(n=Count("idea_id"))
    )
    return {row["issue_id"]: row["n"] for row in rows}


def with_idea_counts(issues) -> list:
    """Set `idea_count` on each issue of a page (one query), for the issue cards."""
    issues = list(issues)
    counts = idea_counts_for_issues([issue.pk for issue in issues])
    for issue in issues:
        issue.idea_count = counts.get(issue.pk, 0)
    return issues


def idea_counts_by(field: str) -> dict:
    """Published ideas per value of `field` ("area" or "municipality")."""
    return counts_by_place(Idea.objects.published(), field)


def is_following(idea, person) -> bool:
    return person.is_authenticated and Follow.objects.filter(idea=idea, person=person).exists()


def following_states(request, args) -> dict[str, bool]:
    """Which of the ideas (ids as strings) the person follows, in one query: the follow button's hole."""
    person = request.user
    followed = set(Follow.objects.filter(person=person, idea_id__in=[int(a) for a in args])
                   .values_list("idea_id", flat=True)) if person.is_authenticated else set()
    return {arg: int(arg) in followed for arg in args}


def follow_controls(_idea_pk, following: bool) -> str:
    return format_html('<input type="hidden" name="following" value="{}">\n        '
                       '<button type="submit" class="secondary">{}</button>', "0" if following else "1",
                       _("Stop following") if following else _("Follow"))


def involved_in(idea) -> set[int]:
    """Everyone the idea page may show more than holes hold: comment authors (their held comments, the
    reason a comment was hidden) besides the author and the team, which the view adds."""
    return set(Comment.objects.filter(idea=idea).values_list("author_id", flat=True).distinct())


@dataclass
class Node:
    comment: Comment
    children: list = field(default_factory=list)

    @property
    def visible(self):
        return self.comment.is_published


def comment_threads(idea, viewer, page_number=1):
    """A page of comment threads: top-level comments with all their replies, as trees.

    Held comments are shown only to their authors; hidden ones stay as a placeholder when they
    have replies, so the conversation keeps its shape. Four queries whatever the thread length.
    """
    own = Q(author=viewer) if viewer.is_authenticated else Q(pk__in=[])
    visible = Q(visibility=Visibility.PUBLISHED) | Q(visibility=Visibility.HIDDEN) | own
    roots = Comment.objects.filter(visible, idea=idea, parent__isnull=True).select_related("author")
    page = paginate(roots.order_by("created_at", "id"), page_number, THREADS_PER_PAGE)
    replies = (
        Comment.objects.filter(visible, root__in=[c.pk for c in page.object_list])
        .select_related("author")
        .order_by("created_at", "id")
    )
    nodes = {c.pk: Node(c) for c in page.object_list}
    for reply in replies:
        nodes[reply.pk] = Node(reply)
        parent = nodes.get(reply.parent_id)
        if parent is not None:
            parent.children.append(nodes[reply.pk])
    trees = [nodes[c.pk] for c in page.object_list]
    return page, [t for t in trees if t.visible or t.children or t.comment.visibility == Visibility.HELD]


def ideas_by(person):
    """A person's own ideas, whatever their visibility (for their own page)."""
    return Idea.objects.filter(author=person).select_related("municipality", "area", "prefecture").order_by("-created_at")


def public_ideas_by(person):
    return idea_cards().filter(author=person).order_by("-created_at")


@dataclass
class Entry:
    """One comment in reading order, with the list markup around it: `opens` a nested list before it,
    `nests` keeps its <li> open for the replies that follow, `closes` ends that many nested lists after it."""

    comment: Comment
    opens: bool
    nests: bool
    closes: int

    @property
    def close_markup(self):
        return mark_safe("</ul></li>" * self.closes)  # fixed markup, no user text


def in_reading_order(trees) -> list[Entry]:
    """Flatten comment trees depth-first so one template loop renders nested lists (no recursion)."""
    flat = []

    def walk(node, depth):
        flat.append((node.comment, depth))
        for child in node.children:
            walk(child, depth + 1)

    for tree in trees:
        walk(tree, 0)
    entries = []
    for i, (comment, depth) in enumerate(flat):
        previous = flat[i - 1][1] if i else 0
        following = flat[i + 1][1] if i + 1 < len(flat) else 0
        entries.append(Entry(comment, opens=depth > previous, nests=following > depth,
                             closes=max(0, depth - following)))
    return entries


def followers(idea):
    """The people who follow an idea (to tell them when it moves)."""
    from yukemuri.people.models import User

    return User.objects.filter(pk__in=Follow.objects.filter(idea=idea).values("person_id"), is_active=True)


def first_reached(*, from_workshops: bool, stages=("pilot", "running", "spread"), about: dict | None = None):
    """(idea id, area name, when) for each published idea that reached one of `stages`, at the first time;
    `about` narrows to `ideas_about(**about)`."""
    from django.db.models import Min

    from .models import StageChange

    changes = StageChange.objects.filter(to_stage__in=stages, kind="advance",
                                         idea__visibility=Visibility.PUBLISHED)
    if from_workshops:
        changes = changes.filter(idea__origin_event__isnull=False)
    if about is not None:
        changes = changes.filter(idea_id__in=ideas_about(**about))
    rows = changes.values("idea_id", "idea__area__name").annotate(at=Min("at")).order_by("at", "idea_id")
    return [(row["idea_id"], row["idea__area__name"] or "—", row["at"]) for row in rows]


def ideas_about(*, municipality_codes=(), word: str = ""):
    """Ids of the ideas placed in one of these municipalities, or whose title, text or a theme names `word`
    (the 尾瀬 initiatives of kpi: ideas of 片品村, and ideas mentioning or tagged 尾瀬 wherever they are)."""
    match = Q(municipality__code__in=list(municipality_codes))
    if word:
        match |= Q(title__contains=word) | Q(body__contains=word) | Q(themes__name__contains=word)
    return Idea.objects.filter(match).values("pk")


def participant_ids(start, end) -> set[int]:
    """People who posted an idea or a comment or supported an idea in [start, end) (for kpi's participation)."""
    from .models import IdeaSupport

    found = set(Idea.objects.filter(created_at__gte=start, created_at__lt=end, author__isnull=False)
                .values_list("author_id", flat=True).distinct())
    found |= set(Comment.objects.filter(created_at__gte=start, created_at__lt=end, author__isnull=False)
                 .values_list("author_id", flat=True).distinct())
    found |= set(IdeaSupport.objects.filter(created_at__gte=start, created_at__lt=end)
                 .values_list("person_id", flat=True).distinct())
    return found


def published_with_organisation(idea_ids) -> dict[int, tuple[str, object, str]]:
    """{idea id: (kind of the organisation it was posted on behalf of or "", posted at, area name)} for the
    published ones among `idea_ids` (for the team partnerships of kpi)."""
    rows = Idea.objects.filter(pk__in=list(idea_ids), visibility=Visibility.PUBLISHED).values_list(
        "pk", "organisation__kind", "created_at", "area__name")
    return {pk: (kind or "", at, area or "—") for pk, kind, at, area in rows}


def channel_counts(start=None, end=None) -> dict[str, int]:
    """{channel: ideas posted} (web, supporter, paper, phone), in [start, end) when given: the reports
    count what came on paper, by phone or with a supporter apart (the support app, kpi's participation)."""
    queryset = Idea.objects.all()
    if start is not None:
        queryset = queryset.filter(created_at__gte=start)
    if end is not None:
        queryset = queryset.filter(created_at__lt=end)
    return {row["channel"]: row["n"] for row in queryset.order_by().values("channel").annotate(n=Count("id"))}


def ideas_working_on(*, theme_ids=(), idea_ids=(), area_id=None, municipality_id=None):
    """Published ideas of a place tagged with one of `theme_ids`, and the ideas `idea_ids` wherever they are,
    with their themes (the follow-up of an area vision, yukemuri/visions)."""
    place = Q()
    if municipality_id is not None:
        place = Q(municipality_id=municipality_id)
    elif area_id is not None:
        place = Q(area_id=area_id) | Q(municipality__area_id=area_id)
    match = Q(pk__in=list(idea_ids)) | (place & Q(themes__in=list(theme_ids)))
    ids = Idea.objects.published().filter(match).values("pk")
    return (Idea.objects.filter(pk__in=ids).select_related("area", "municipality")
            .prefetch_related("themes").order_by("title", "pk"))


def stage_changes_between(idea_ids, start, end):
    """The stage changes (moves, pauses, closes, resumptions) of these ideas from `start` to before `end`."""
    from .models import StageChange

    return (StageChange.objects.filter(idea_id__in=list(idea_ids), at__gte=start, at__lt=end)
            .select_related("idea").order_by("at", "id"))
