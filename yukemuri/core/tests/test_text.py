"""Unicode bidi controls are never stored: one function (core.text.strip_bidi) for forms, saves and exports."""

from django.urls import reverse

from yukemuri.core.text import BIDI_CONTROLS, fold, strip_bidi

ALL_BIDI = "".join(chr(c) for c in sorted(BIDI_CONTROLS))


def test_strip_bidi_removes_every_control_and_nothing_else():
    assert len(BIDI_CONTROLS) == 5 + 4 + 2 + 1
    assert {0x202A, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x061C} <= BIDI_CONTROLS
    assert strip_bidi(f"空き{ALL_BIDI}家") == "空き家"
    kept = "👩\u200d👩\u200dtext\u200bمرحبا"  # joiners, zero-width space, Arabic letters stay
    assert strip_bidi(kept) == kept
    assert strip_bidi(None) is None and strip_bidi(3) == 3
    assert fold("ア\u202eキヤ") == "あきや"


def test_service_writes_are_stored_without_bidi(person, make_idea, make_issue):
    from yukemuri.people.models import User

    idea = make_idea(person, title="evil\u202egnp.exe", body="本文\u2066です\u2069")
    idea.refresh_from_db()
    assert idea.title == "evilgnp.exe" and idea.body == "本文です" and "\u2066" not in idea.body_html
    issue = make_issue(person, title="\u200f課題\u061c")
    issue.refresh_from_db()
    assert issue.title == "課題"
    person.display_name = "名前\u202d"
    person.save()
    assert User.objects.get(pk=person.pk).display_name == "名前"


def test_forms_clean_bidi_out_of_names_and_titles(client, person):
    from yukemuri.organisations.models import Organisation

    client.force_login(person)
    response = client.post(reverse("organisation_new"), {
        "name": "\u202eぐんま協議会", "kind": Organisation.Kind.NPO, "description": "説明\u202a文"})
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.name == "ぐんま協議会" and organisation.description == "説明文"

    from yukemuri.issues.postforms import PostForm

    form = PostForm({"title": "\u2067題名\u2069", "body": "本\u200e文"}, user=person)
    form.is_valid()
    assert form.cleaned_data["title"] == "題名" and form.cleaned_data["body"] == "本文"


def test_listening_statements_and_imports_are_stored_without_bidi(coordinator, make_issue):
    from yukemuri.listening import services

    text = "\u202eまずは所有者の意向を聞くべき"
    conversation = services.conversation_create(
        by=coordinator, title="空き家\u202e", question="どう思う？", issue=make_issue(coordinator),
        seeds=["空き家は地域の資源だ", "古い町並みを残したい", text])
    conversation.refresh_from_db()
    assert conversation.title == "空き家"
    assert text[1:] in set(conversation.statements.values_list("text", flat=True))
    assert not conversation.statements.filter(text=text).exists()
    services.opinions_import(conversation=conversation, by=coordinator, rows=["\u2066輸入した意見です\u2069"])
    assert list(conversation.opinions.values_list("text", flat=True)) == ["輸入した意見です"]
