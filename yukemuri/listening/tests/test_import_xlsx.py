"""Importing received public comments from an Excel workbook (.xlsx): same columns, all or nothing, row numbers."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from yukemuri.listening import imports, services, spreadsheets

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "若い世代の移住を増やしたい"]


@pytest.fixture
def conversation(coordinator):
    return services.conversation_create(by=coordinator, title="空き家", question="空き家について", seeds=SEEDS)


def workbook(rows, header=("番号", "意見", "受付日")) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(body: bytes, name="pc.xlsx"):
    return SimpleUploadedFile(name, body)


def good_rows(n=8):
    return [(i, f"空き家の活用についての意見その{i}", "2026-12-01") for i in range(1, n + 1)]


def test_a_workbook_imports_like_a_csv(coordinator, conversation):
    rows = [*good_rows(3), (4, 12345, None)]  # a number in the text column is its text
    assert imports.import_comments(conversation=conversation, by=coordinator, upload=upload(workbook(rows)),
                                   column="意見") == 4
    assert list(conversation.opinions.values_list("text", flat=True)) == [
        "空き家の活用についての意見その1", "空き家の活用についての意見その2", "空き家の活用についての意見その3", "12345"]
    assert all(conversation.opinions.values_list("imported", flat=True))


def test_told_by_content_not_by_name(coordinator, conversation):
    assert imports.read_comments(upload(workbook(good_rows(2)), name="comments.csv"), "意見") == [
        "空き家の活用についての意見その1", "空き家の活用についての意見その2"]


@pytest.mark.parametrize("bad, message", [
    ((6, None, "2026-12-01"), "Row 7 has no comment text"),
    ((6, "　 ", "2026-12-01"), "Row 7 has no comment text"),
    ((6, "#DIV/0!", None), "Row 7: the cell holds the Excel error #DIV/0!"),
])
def test_an_error_on_row_7_says_row_7_and_imports_nothing(client, coordinator, conversation, bad, message):
    rows = good_rows(8)
    rows[5] = bad  # the sixth data row is the workbook's row 7 (the header is row 1)
    client.force_login(coordinator)
    with translation.override("en"):
        response = client.post(reverse("conversation_import", args=[conversation.pk]),
                               {"file": upload(workbook(rows)), "column": "意見"})
    assert response.status_code == 400
    assert message in response.content.decode() and "row 7" in response.content.decode().lower()
    assert conversation.opinions.count() == 0


def test_empty_rows_at_the_end_are_skipped_and_a_missing_column_names_the_columns(conversation):
    body = workbook([*good_rows(2), (None, None, None), (None, None, None)])
    assert len(imports.read_comments(upload(body), "意見")) == 2
    with translation.override("en"), pytest.raises(ValidationError, match=r"no column “本文”\. Its columns: 番号, 意見, 受付日"):
        imports.read_comments(upload(body), "本文")


def test_row_limit_and_broken_or_oversized_workbooks(settings, monkeypatch):
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_IMPORT_MAX_ROWS": 5}
    with translation.override("en"), pytest.raises(ValidationError, match="more than 5 rows"):
        imports.read_comments(upload(workbook(good_rows(6))), "意見")
    body = workbook(good_rows(2))
    with translation.override("en"), pytest.raises(ValidationError, match="not a readable Excel workbook"):
        imports.read_comments(upload(body[: len(body) // 2]), "意見")  # a zip cut in half
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED", 100)
    with translation.override("en"), pytest.raises(ValidationError, match="not a readable Excel workbook"):
        imports.read_comments(upload(body), "意見")
