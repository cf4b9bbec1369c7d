"""Who may translate (translations/rules.py): role × perm → allowed."""

import pytest
from django.contrib.contenttypes.models import ContentType

from yukemuri.core.tests.permission_grid import SIGNED_IN, grid, person_for
from yukemuri.ideas.models import Idea
from yukemuri.people.tests.factories import PersonFactory
from yukemuri.translations.models import Translation

MODERATORS = ("staff", "moderator", "administrator")
GRID = grid({
    # Any signed-in person is a volunteer translator (obj: the post).
    "translations.translate": (*SIGNED_IN, "author", "translator"),
    # obj: the translation. A person's: its translator, the post's author, moderators; a machine draft: anyone
    # signed in (it becomes theirs).
    "translations.change_translation": {"person": (*MODERATORS, "author", "translator"),
                                        "machine": (*SIGNED_IN, "author", "translator")},
    # obj: the post; only when an operator configured a provider.
    "translations.request_machine_draft": {"configured": (*SIGNED_IN, "author", "translator"), "off": ()},
}, states=("person",))


@pytest.mark.parametrize(("perm", "state", "role", "allowed"), GRID)
def test_translation_permissions(perm, state, role, allowed, roles, settings, gunma):
    settings.TRANSLATION_PROVIDER = ({"class": "yukemuri.translations.providers.LibreTranslate",
                                      "options": {"url": "http://127.0.0.1:9"}} if state == "configured" else None)
    author, translator = PersonFactory(), PersonFactory()
    idea = Idea.objects.create(author=author, title="t", body="b", prefecture=gunma)
    translation = Translation(content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk, language="en",
                              title="t", body="b", author=None if state == "machine" else translator,
                              provider="LibreTranslate" if state == "machine" else "")
    obj = translation if perm == "translations.change_translation" else idea
    person = person_for(roles, role, author=author, translator=translator)
    assert person.has_perm(perm, obj) is allowed
