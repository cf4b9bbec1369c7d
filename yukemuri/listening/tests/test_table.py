"""The published table of a public-comment round (パブリックコメントの結果, issue 18): drafted from the topics,
edited, comments moved and traced, published, exported as CSV that imports back unchanged, as an accessible
HTML table and a print view."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from yukemuri.actions import verbs
from yukemuri.actions.models import Action
from yukemuri.listening import services, table_csv, tables
from yukemuri.listening.models import Opinion, ResultItem, ResultTable

THEMES = [
    ["駅前の駐輪場が足りないので増やしてほしい", "駅前に自転車を止める場所がなく困っている", "駐輪場の台数を増やしてください",
     "駅の近くの駐輪場がいつも満車です", "自転車置き場を駅前に新設してほしい"],
    ["図書館の開館時間を夜まで延長してほしい", "図書館を夜遅くまで開けてほしい", "仕事帰りに図書館を使えるよう延長を",
     "図書館の閉館が早すぎて利用できない", "平日夜の図書館の開館を希望します"],
    ["公園の遊具が古くて危ないので更新してほしい", "子どもが遊ぶ公園の遊具を新しくしてほしい", "公園の遊具の点検と交換を",
     "遊具が壊れたままの公園がある", "公園に新しい遊具を設置してほしい"],
]
CAMPAIGN = "私は市の計画に反対します。住民の声をもっと聞いてから決めるべきです。拙速な決定はやめてください。"


@pytest.fixture
def conversation(coordinator):
    conversation = services.conversation_of_texts(
        by=coordinator, title="市の計画への意見", question="計画案について御意見をお寄せください",
        texts=[text for theme in THEMES for text in theme] + [CAMPAIGN.replace("市", f"{town}市") for town in
                                                             ["北", "南", "東", "西", "中", "上", "下", "新"]])
    return conversation


def placement(table):
    """Every item as (summary, answer, sorted comment ids), in order: what a round trip must keep."""
    return [(item.summary, item.answer, sorted(item.opinions.values_list("pk", flat=True)))
            for item in table.items.order_by("position", "id")]


def test_the_draft_places_every_comment_once_and_counts_copies_as_submitted(conversation, coordinator):
    table = tables.draft(conversation=conversation, by=coordinator)
    accepted = set(conversation.opinions.filter(accepted=True).values_list("pk", flat=True))
    placed = list(Opinion.objects.filter(item__table=table).values_list("pk", flat=True))
    assert sorted(placed) == sorted(accepted) and len(accepted) == 23
    items = list(tables.items_of(table))
    assert sum(item.count for item in items) == 23
    assert all(item.summary for item in items)  # the extractive draft: a comment of the item
    assert all(item.summary in set(conversation.opinions.values_list("text", flat=True)) for item in items)
    campaign = [item for item in items if "拙速" in item.summary]
    assert len(campaign) == 1 and campaign[0].count == 8  # eight copies: one item, counted eight times
    assert items[0].count >= items[-1].count  # largest first
    assert not table.published
    assert Action.objects.filter(verb=verbs.TABLE_DRAFTED).get().data == {"items": len(items), "comments": 23}
    with pytest.raises(ValidationError):
        tables.draft(conversation=conversation, by=coordinator)


def test_only_the_organisers_draft_and_edit(conversation, person, coordinator):
    with pytest.raises(PermissionDenied):
        tables.draft(conversation=conversation, by=person)
    table = tables.draft(conversation=conversation, by=coordinator)
    with pytest.raises(PermissionDenied):
        tables.item_edit(item=table.items.first(), by=person, summary="x", answer="y")
    with pytest.raises(PermissionDenied):
        tables.publish(table=table, by=person, published=True)


def test_moves_merges_and_deletes_keep_every_comment_traceable(conversation, coordinator):
    table = tables.draft(conversation=conversation, by=coordinator)
    first, second = list(table.items.order_by("position"))[:2]
    opinion = first.opinions.first()
    tables.comment_move(opinion=opinion, to=second, by=coordinator)
    assert Opinion.objects.get(pk=opinion.pk).item == second
    moved = Action.objects.filter(verb=verbs.TABLE_COMMENT_MOVED).get()
    assert moved.data == {"opinion": opinion.pk, "old": first.pk, "new": second.pk}
    held = second.opinions.count()
    tables.items_merge(item=second, into=first, by=coordinator)
    assert not ResultItem.objects.filter(pk=second.pk).exists() and first.opinions.count() >= held
    left = tables.item_delete(item=first, by=coordinator)
    assert left > 0 and tables.unplaced(conversation).count() == left  # the comments stay, in no item
    added = tables.item_add(table=table, by=coordinator, summary="その他")
    for stray in list(tables.unplaced(conversation)):
        tables.comment_move(opinion=stray, to=added, by=coordinator)
    assert not tables.unplaced(conversation).exists()
    assert conversation.opinions.count() == 23
    other = services.conversation_of_texts(by=coordinator, title="別", question="別", texts=["別の意見です"])
    foreign = tables.draft(conversation=other, by=coordinator).items.first()
    with pytest.raises(ValidationError):
        tables.comment_move(opinion=opinion, to=foreign, by=coordinator)
    with pytest.raises(ValidationError):
        tables.items_merge(item=added, into=foreign, by=coordinator)


def test_the_csv_round_trips_and_neutralises_formulas(conversation, coordinator):
    table = tables.draft(conversation=conversation, by=coordinator)
    items = list(table.items.order_by("position"))
    tables.item_edit(item=items[0], by=coordinator, summary="=HYPERLINK(\"http://x\")と、改行\nを含む概要",
                     answer="+81 の番号は、御意見として承ります。")
    tables.item_edit(item=items[1], by=coordinator, summary="駐輪場について", answer="-検討します, \"引用\"")
    tables.comment_move(opinion=items[2].opinions.first(), to=items[0], by=coordinator)
    tables.item_add(table=table, by=coordinator, summary="まだ空の項目")
    before = placement(table)
    out = io.StringIO()
    table_csv.write(table, out)
    text = out.getvalue()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == table_csv.HEADER
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][3].startswith("'+81")  # no formula
    assert rows[2][3].startswith("'-検討")
    assert [int(row[2]) for row in rows[1:]] == [item.count for item in tables.items_of(table)]
    # Scramble the table, then bring the file back.
    tables.items_merge(item=items[1], into=items[0], by=coordinator)
    tables.item_edit(item=items[0], by=coordinator, summary="変えた", answer="")
    assert placement(table) != before
    count = table_csv.import_table(table=table, by=coordinator,
                                   upload=SimpleUploadedFile("t.csv", ("\ufeff" + text).encode()))
    assert count == len(before) and placement(table) == before
    # Shift_JIS, as a spreadsheet saves it, too.
    table_csv.import_table(table=table, by=coordinator, upload=SimpleUploadedFile("t.csv", text.encode("cp932")))
    assert placement(table) == before
    assert Action.objects.filter(verb=verbs.TABLE_IMPORTED).count() == 2


@pytest.mark.parametrize("body, message", [
    ("item,summary,count,answer,comments\n1,a,1,b,999999\n", "Line 2: comment 999999 is not an accepted comment"),
    ("item,summary,count,answer,comments\n1,a,1,b,x y\n", "Line 2: the comments column holds comment numbers"),
    ("item,summary,answer\n1,a,b\n", "The file has no column “comments”"),
    ("item,summary,count,answer,comments\n1,a,1,b,\x00\n", "Line 2 contains a NUL character"),
    ("item,summary,count,answer,comments\n1,概要".encode() + b"\xff\xff\n", "neither UTF-8 nor Shift_JIS"),
])
def test_a_bad_file_is_a_form_error_and_changes_nothing(client, conversation, coordinator, body, message):
    table = tables.draft(conversation=conversation, by=coordinator)
    before = placement(table)
    client.force_login(coordinator)
    raw = body if isinstance(body, bytes) else body.encode()
    with translation.override("en"):
        response = client.post(reverse("result_table_import", args=[conversation.pk]),
                               {"file": SimpleUploadedFile("t.csv", raw)})
    assert response.status_code == 400 and message in response.content.decode()
    assert placement(table) == before


def test_a_comment_twice_is_refused_with_both_lines(conversation, coordinator):
    table = tables.draft(conversation=conversation, by=coordinator)
    pk = conversation.opinions.first().pk
    body = f"item,summary,count,answer,comments\n1,a,1,b,{pk}\n2,c,1,d,{pk}\n".encode()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        table_csv.import_table(table=table, by=coordinator, upload=SimpleUploadedFile("t.csv", body))
    assert "Line 3: comment" in str(error.value) and "line 2" in str(error.value)


def test_a_draft_is_for_the_organisers_and_a_published_table_for_everyone(client, conversation, coordinator, person):
    pages = [reverse(name, args=[conversation.pk]) for name in ("result_table", "result_table_print", "result_table_csv")]
    assert all(client.get(page).status_code == 404 for page in pages)  # no table yet
    table = tables.draft(conversation=conversation, by=coordinator)
    assert all(client.get(page).status_code == 404 for page in pages)  # a draft
    client.force_login(person)
    assert all(client.get(page).status_code == 404 for page in pages)
    assert client.get(reverse("result_table_edit", args=[conversation.pk])).status_code == 403
    client.force_login(coordinator)
    assert all(client.get(page).status_code == 200 for page in pages)
    tables.publish(table=table, by=coordinator, published=True)
    client.logout()
    with translation.override("en"):
        page = client.get("/en" + pages[0]).content.decode()
    assert '<table class="result-table">' in page and "<caption" in page
    assert page.count('scope="col"') == 4 and page.count('scope="row"') == table.items.count()
    assert "Draft: only the organisers" not in page
    assert "listening/table" in client.get(pages[1]).content.decode()  # the print view's A4 style sheet
    csv_body = client.get(pages[2]).content.decode("utf-8-sig")
    assert csv_body.splitlines()[0] == ",".join(table_csv.HEADER)
    tables.publish(table=table, by=coordinator, published=False)
    assert client.get(pages[0]).status_code == 404


def test_the_editor_pages_edit_move_merge_delete_publish_and_log(client, conversation, coordinator,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    edit = reverse("result_table_edit", args=[conversation.pk])
    assert client.get(edit).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the drafting task (run at once in the tests)
        assert client.post(edit, {"action": "draft"}).status_code == 302
    table = ResultTable.objects.get(conversation=conversation)
    first, second = list(table.items.order_by("position"))[:2]
    assert client.get(edit).status_code == 200
    client.post(edit, {"action": "save", "item": first.pk, "summary": "駐輪場の増設を求める御意見",
                       "answer": "来年度に検討します。"})
    first.refresh_from_db()
    assert (first.summary, first.answer) == ("駐輪場の増設を求める御意見", "来年度に検討します。")
    page = reverse("result_item", args=[conversation.pk, first.pk])
    assert client.get(page).status_code == 200
    opinion = first.opinions.first()
    client.post(page, {"action": "move", "opinion": opinion.pk, "to": second.pk})
    assert Opinion.objects.get(pk=opinion.pk).item_id == second.pk
    for bad in ("x", "999999", ""):  # no 500 from a forged field
        assert client.post(page, {"action": "move", "opinion": first.opinions.first().pk, "to": bad}).status_code == 302
    assert client.post(page, {"action": "move", "opinion": "abc", "to": second.pk}).status_code == 404
    assert client.post(edit, {"action": "save", "item": "1e5", "summary": "x"}).status_code == 404
    client.post(page, {"action": "move", "opinion": first.opinions.first().pk, "to": "none"})
    assert client.get(reverse("result_item", args=[conversation.pk, 0])).status_code == 200
    client.post(page, {"action": "merge", "into": second.pk})
    assert not ResultItem.objects.filter(pk=first.pk).exists()
    client.post(edit, {"action": "add"})
    added = table.items.order_by("-position").first()
    client.post(reverse("result_item", args=[conversation.pk, added.pk]), {"action": "delete"})
    assert not ResultItem.objects.filter(pk=added.pk).exists()
    client.post(edit, {"action": "publish"})
    assert ResultTable.objects.get(pk=table.pk).published
    with translation.override("en"):
        log = client.get(reverse("result_table_log", args=[conversation.pk])).content.decode()
    for verb in (verbs.TABLE_DRAFTED, verbs.TABLE_ITEM_EDITED, verbs.TABLE_COMMENT_MOVED, verbs.TABLE_ITEMS_MERGED,
                 verbs.TABLE_ITEM_ADDED, verbs.TABLE_ITEM_DELETED, verbs.TABLE_PUBLISHED):
        with translation.override("en"):
            assert escape(str(verbs.get(verb).label)) in log
    assert f"comment {opinion.pk}: item #{first.pk} → item #{second.pk}" in log
    assert client.get(reverse("result_item", args=[conversation.pk, 999999])).status_code == 404


def test_an_empty_conversation_has_nothing_to_draft(client, coordinator, make_issue):
    conversation = services.conversation_create(by=coordinator, title="t", question="q", seeds=["一つ目です", "二つ目です"])
    with pytest.raises(ValidationError):
        tables.draft(conversation=conversation, by=coordinator)
    table = ResultTable.objects.create(conversation=conversation)
    with pytest.raises(ValidationError):
        tables.publish(table=table, by=coordinator, published=True)


def test_the_draft_is_a_background_task_and_the_page_says_drafting_meanwhile(
        client, conversation, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    edit = reverse("result_table_edit", args=[conversation.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(edit, {"action": "draft"}).status_code == 302
    [enqueue] = drafting_tasks(callbacks)  # the task is asked for when the request commits, not run in it
    table = ResultTable.objects.get(conversation=conversation)
    assert table.drafting and not table.items.exists()
    page = client.get(f"/en{edit}").content.decode()  # the English page (Japanese is the default)
    assert "Drafting…" in page and f'href="/en{edit}"' in page and "<script" not in page.split("<main", 1)[-1]
    assert 'name="action" value="redraft"' not in page  # not stuck: only the refresh link
    assert not ResultTable.objects.get(pk=table.pk).items.exists()  # GET never writes, never drafts
    client.post(edit, {"action": "publish"})
    assert not ResultTable.objects.get(pk=table.pk).published  # nothing to publish while it drafts
    enqueue()  # the worker runs the task (immediate backend in the tests)
    table.refresh_from_db()
    assert not table.drafting and table.items.exists()
    assert not Opinion.objects.filter(conversation=conversation, accepted=True, item__isnull=True).exists()
    with translation.override("en"):
        page = client.get(edit).content.decode()
    assert "Drafting…" not in page and 'id="publish"' in page and table.items.first().summary[:20] in page
    assert Action.objects.filter(verb=verbs.TABLE_DRAFTED).count() == 1


def drafting_tasks(callbacks):
    """The on-commit callbacks that enqueue the drafting task (others bump the page cache, record actions)."""
    return [callback for callback in callbacks if "_enqueue" in callback.__qualname__]


def test_drafting_twice_adds_no_item(conversation, coordinator, django_capture_on_commit_callbacks):
    from yukemuri.listening import tasks

    with django_capture_on_commit_callbacks(execute=False):
        table = tables.draft_request(conversation=conversation, by=coordinator)
    assert tasks.draft_table.enqueue(table.pk, coordinator.pk).return_value is True
    placed = placement(table)
    assert len(placed) >= 3
    # The same task again (a retry after a worker restart that had in fact finished, or a duplicate): nothing.
    assert tasks.draft_table.enqueue(table.pk, coordinator.pk).return_value is False
    assert tables.draft_fill(table.pk, coordinator.pk) is False
    assert placement(table) == placed and Action.objects.filter(verb=verbs.TABLE_DRAFTED).count() == 1
    with pytest.raises(ValidationError):
        tables.draft_request(conversation=conversation, by=coordinator)


def test_a_draft_lost_with_its_worker_can_be_asked_for_again(client, conversation, coordinator,
                                                           django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    edit = reverse("result_table_edit", args=[conversation.pk])
    with django_capture_on_commit_callbacks(execute=False):  # the worker dies: the task never runs
        client.post(edit, {"action": "draft"})
    table = ResultTable.objects.get(conversation=conversation)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(edit, {"action": "redraft"})
    assert not drafting_tasks(callbacks) and ResultTable.objects.get(pk=table.pk).drafting  # may only be slow
    ResultTable.objects.filter(pk=table.pk).update(draft_queued_at=timezone.now() - tables.DRAFT_LEASE * 2)
    with translation.override("en"):
        assert 'name="action" value="redraft"' in client.get(edit).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(edit, {"action": "redraft"})
    table.refresh_from_db()
    assert len(drafting_tasks(callbacks)) == 1 and not table.drafting and table.items.exists()
