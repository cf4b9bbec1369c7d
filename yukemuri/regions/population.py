"""地域・年齢別人口 — reading population counts in the 自治体標準オープンデータセット layout.

The standard dataset has a row per 地域 (or one per municipality) with 全国地方公共団体コード, 調査年月日 and a column per
age class, often per sex (「0-4歳の男性」「0-4歳_女」「100歳以上」). We sum every age column into our ten-year bands
(`AgeBand`) and every row of a municipality and date into one count, so files split by district or by sex both
load. A column whose span crosses two bands (「15-24歳」) is refused rather than guessed. Pure: no Django.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

CODE = "全国地方公共団体コード"
DATE = "調査年月日"
_SPAN = re.compile(r"^\s*(\d{1,3})\s*歳?\s*[-‐−–〜~～]\s*(\d{1,3})\s*歳")
_OPEN = re.compile(r"^\s*(\d{1,3})\s*歳以上")
_DATE = re.compile(r"^(\d{4})[-/年.]?(\d{1,2})[-/月.]?(\d{1,2})日?$")


def band_of(age: int) -> str:
    """The ten-year band (AgeBand value) of an age."""
    if age < 20:
        return "10s"
    if age >= 80:
        return "80+"
    return f"{age // 10 * 10}s"


@dataclass
class Parsed:
    counts: dict = field(default_factory=dict)  # (code, date) -> {band: count}
    problems: list = field(default_factory=list)


def _age_columns(header: list[str], problems: list[str]) -> dict[int, str]:
    """Index of each age column -> its band."""
    found = {}
    for index, name in enumerate(header):
        if m := _SPAN.match(name):
            low, high = int(m.group(1)), int(m.group(2))
            if low > high or band_of(low) != band_of(high):
                problems.append(f"column {name!r}: the ages {low}–{high} cross two ten-year bands")
                continue
            found[index] = band_of(low)
        elif m := _OPEN.match(name):
            low = int(m.group(1))
            if low < 80:
                problems.append(f"column {name!r}: an open class must start at 80 or above")
                continue
            found[index] = "80+"
    return found


def parse_date(value: str) -> date | None:
    m = _DATE.match((value or "").strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse(data: bytes) -> Parsed:
    """Counts per (municipality code, date) and band, or the problems that stop the file loading."""
    result = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp932")  # the files many municipalities publish
        except UnicodeDecodeError:
            result.problems.append("the file is neither UTF-8 nor Shift_JIS text")
            return result
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        result.problems.append("the file is empty")
        return result
    header = [h.strip() for h in rows[0]]
    for required in (CODE, DATE):
        if required not in header:
            result.problems.append(f"the column {required} is missing")
    ages = _age_columns(header, result.problems)
    if not ages:
        result.problems.append("no age columns (such as 0-4歳 or 80歳以上) were found")
    if result.problems:
        return result
    code_at, date_at = header.index(CODE), header.index(DATE)
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            result.problems.append(f"line {line}: {len(row)} columns, the header has {len(header)}")
            continue
        code = row[code_at].strip()
        when = parse_date(row[date_at])
        if not re.fullmatch(r"\d{6}", code):
            result.problems.append(f"line {line}: {CODE} {code!r} is not six digits")
            continue
        if when is None:
            result.problems.append(f"line {line}: {DATE} {row[date_at]!r} is not a date")
            continue
        bands = result.counts.setdefault((code, when), {})
        for index, band in ages.items():
            cell = row[index].strip().replace(",", "")
            if cell in ("", "-", "－"):
                continue
            if not cell.isdigit():
                result.problems.append(f"line {line}: {header[index]} {row[index]!r} is not a whole number")
                continue
            bands[band] = bands.get(band, 0) + int(cell)
    return result
