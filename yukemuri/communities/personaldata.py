"""The communities app's part of "download your data": the communities I am in, my requests and thread posts."""

from .models import JoinRequest, Member, ThreadPost


def community_places(person) -> list[dict]:
    rows = [{"community": m.community.name, "role": m.role, "listed": m.listed, "joined_at": m.joined_at}
            for m in Member.objects.filter(person=person).select_related("community").order_by("joined_at", "id")]
    rows += [{"community": r.community.name, "request": r.status, "message": r.message, "joined_at": r.created_at}
             for r in JoinRequest.objects.filter(person=person).select_related("community").order_by("id")]
    rows += [{"community": p.community.name, "thread_post": p.body, "joined_at": p.created_at}
             for p in ThreadPost.objects.filter(author=person).select_related("community").order_by("id")]
    return rows
