"""The ideas app's part of "download your data": my ideas, comments, supports and follows."""

from .models import Comment, Follow, Idea, IdeaSupport


def ideas(person) -> list[dict]:
    return [{"id": i.pk, "title": i.title, "body": i.body, "visibility": i.visibility, "created_at": i.created_at}
            for i in Idea.objects.filter(author=person).order_by("created_at", "id")]


def comments(person) -> list[dict]:
    return [{"id": c.pk, "idea": c.idea_id, "body": c.body, "visibility": c.visibility, "created_at": c.created_at}
            for c in Comment.objects.filter(author=person).order_by("created_at", "id")]


def idea_supports(person) -> list[dict]:
    return [{"idea": s.target_id, "title": s.target.title, "at": s.created_at}
            for s in IdeaSupport.objects.filter(person=person).select_related("target").order_by("created_at", "id")]


def idea_follows(person) -> list[dict]:
    return [{"idea": f.idea_id, "title": f.idea.title, "at": f.created_at}
            for f in Follow.objects.filter(person=person).select_related("idea").order_by("created_at", "id")]
