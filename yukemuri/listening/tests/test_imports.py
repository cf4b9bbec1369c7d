"""Importing public comments from CSV: limits, bad bytes and cells, streaming, and a dry run that checks all."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from yukemuri.listening import imports, services

SEEDS = ["空き家は地域の資源だ", "空き家の活用は行政が主導すべき", "若い世代の移住を増やしたい"]


@pytest.fixture
def conversation(coordinator):
    return services.conversation_create(by=coordinator, title="空き家", question="空き家について", seeds=SEEDS)


def post(client, conversation, body: bytes, column="意見"):
    with translation.override("en"):
        return client.post(reverse("conversation_import", args=[conversation.pk]),
                           {"file": SimpleUploadedFile("pc.csv", body), "column": column})


@pytest.mark.parametrize("body, message", [
    ("番号,意見\n1,空き家\x00の活用\n".encode(), "Line 2 contains a NUL character"),
    ("番号,意見\n1,ok\n2,\"".encode() + b"x" * 131_073 + b"\"\n", "Line 3: a cell is longer than 131,072 characters"),
    ("番号,意見\n1,ok\n2\x00,ok\n".encode(), "Line 3 contains a NUL character"),
    ("番号,意見\n1,ok\n".encode() + b"2,\xff\xff\n", "neither UTF-8 nor Shift_JIS"),
])
def test_bad_cells_are_a_form_error_not_a_500(client, coordinator, conversation, body, message):
    client.force_login(coordinator)
    response = post(client, conversation, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert conversation.opinions.count() == 0


def test_size_and_row_limits_are_settings_with_clear_errors(client, coordinator, conversation, settings):
    client.force_login(coordinator)
    body = ("番号,意見\n" + "".join(f"{n},意見その{n}\n" for n in range(1, 21))).encode()
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_IMPORT_MAX_ROWS": 19}
    response = post(client, conversation, body)
    assert response.status_code == 400 and "more than 19 rows" in response.content.decode()
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_IMPORT_MAX_ROWS": 20, "LISTENING_IMPORT_MAX_BYTES": 100}
    response = post(client, conversation, body)
    assert response.status_code == 400 and "The file is larger than 100\xa0bytes" in response.content.decode()
    assert conversation.opinions.count() == 0
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_IMPORT_MAX_BYTES": 10_000}
    assert post(client, conversation, body).status_code == 302
    assert conversation.opinions.count() == 20


def test_defaults_are_bounded():
    assert 0 < imports.max_bytes() <= 50 * 1024 * 1024 and 0 < imports.max_rows() <= 100_000


class CountingFile(io.BytesIO):
    """A file that counts the bytes read from it."""

    taken = 0

    def read(self, size=-1):
        data = super().read(size)
        self.taken += len(data)
        return data

    def read1(self, size=-1):
        data = super().read1(size)
        self.taken += len(data)
        return data

    def readinto(self, buffer):
        n = super().readinto(buffer)
        self.taken += n
        return n


def test_rows_are_streamed_and_reading_stops_at_the_limit(settings):
    """A 1,000,000-row file once took 30 s and 1.27 GB: the whole file was decoded into one string first."""
    settings.YUKEMURI = {**settings.YUKEMURI, "LISTENING_IMPORT_MAX_ROWS": 100, "LISTENING_IMPORT_MAX_BYTES": 10**9}
    raw = ("番号,意見\n" + "".join(f"{n},意見その{n}\n" for n in range(200_000))).encode()
    upload = CountingFile(raw)
    upload.size = len(raw)
    with translation.override("en"), pytest.raises(ValidationError, match="more than 100 rows"):
        imports.read_comments(upload, "意見")
    assert upload.taken < 100_000 < len(raw)


def test_shift_jis_still_works_and_the_upload_stays_open(settings):
    body = "番号,意見\n1,空き家を活用したい\n".encode("cp932")
    upload = SimpleUploadedFile("pc.csv", body)
    assert imports.read_comments(upload, "意見") == ["空き家を活用したい"]
    assert not upload.closed


def test_a_dry_run_checks_what_the_real_run_checks_and_writes_nothing(coordinator, conversation):
    good = SimpleUploadedFile("pc.csv", "番号,意見\n1,空き家を活用したい\n2,子育て支援\n".encode())
    assert imports.import_comments(conversation=conversation, by=coordinator, upload=good, column="意見",
                                   dry_run=True) == 2
    assert conversation.opinions.count() == 0
    empty_row = SimpleUploadedFile("pc.csv", "番号,意見\n1,空き家を活用したい\n2,\n".encode())
    with translation.override("en"), pytest.raises(ValidationError, match="Rows without text: 3"):
        imports.import_comments(conversation=conversation, by=coordinator, upload=empty_row, column="意見",
                                dry_run=True)
    assert imports.import_comments(conversation=conversation, by=coordinator, upload=good, column="意見") == 2
    assert conversation.opinions.count() == 2
