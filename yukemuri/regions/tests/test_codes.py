import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from yukemuri.regions.codes import check_digit, is_valid_code, validate_code

GUNMA_CSV = Path(__file__).resolve().parents[1] / "data" / "gunma" / "municipalities.csv"


def test_every_gunma_code_has_a_valid_check_digit():
    with open(GUNMA_CSV, encoding="utf-8") as fh:
        codes = [row["code"] for row in csv.DictReader(fh)]
    assert len(codes) == 35
    assert all(is_valid_code(code) for code in codes)
    assert is_valid_code("100005")  # 群馬県 itself


@pytest.mark.parametrize("code", ["102017", "10201", "1020160", "１０２０１６", "abcdef", "", "102 16"])
def test_bad_codes_are_refused(code):
    assert not is_valid_code(code)
    with pytest.raises(ValidationError):
        validate_code(code)


def test_wrong_check_digit_message_names_the_right_digit():
    with pytest.raises(ValidationError) as excinfo:
        validate_code("102017")
    assert excinfo.value.code == "check_digit"
    assert "6" in excinfo.value.messages[0]


@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_exactly_one_sixth_digit_is_valid(first_five):
    valid = [d for d in range(10) if is_valid_code(first_five + str(d))]
    assert valid == [check_digit(first_five)]
