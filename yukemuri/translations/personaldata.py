"""The translations app's part of "download your data": the translations a person wrote."""

from .models import Translation


def translations(person) -> list[dict]:
    return [{"id": t.pk, "post_type": t.content_type.model, "post": t.object_id, "language": t.language,
             "title": t.title, "body": t.body, "visibility": t.visibility, "created_at": t.created_at,
             "updated_at": t.updated_at}
            for t in Translation.objects.filter(author=person).select_related("content_type").order_by("created_at", "id")]
