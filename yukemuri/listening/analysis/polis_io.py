"""Reading pol.is's openData export (votes.csv, comments.csv, participants-votes.csv).

votes.csv: `timestamp,datetime,comment-id,voter-id,vote` with vote 1 agree, −1 disagree, 0 pass. A voter
may vote again on a comment; the latest (by timestamp) counts. comments.csv: `comment-id`, `moderated`
(1 accepted, 0 unmoderated, −1 moderated out), `comment-body` and more; older and newer exports differ in
the other columns, so only the ones used are required. Every problem is a `PolisDataError` whose message
names the file and line, fit to show a person as is.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MODERATED_OUT = -1


class PolisDataError(ValueError):
    """A file that is not usable openData: missing columns, a bad value, not UTF-8 CSV."""


@dataclass(frozen=True)
class Comment:
    id: object
    text: str
    moderated: int = 0
    is_meta: bool = False


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for each data row, with only the `required` columns checked."""
    name = Path(path).name
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise PolisDataError(f"{name}: the file is empty")
            header = [column.strip() for column in header]
            missing = [column for column in required if column not in header]
            if missing:
                raise PolisDataError(f"{name}: missing column {', '.join(missing)} (the header is: {','.join(header)[:200]})")
            index = {column: header.index(column) for column in header}
            width = len(header)
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) < width and any(index[column] >= len(row) for column in required):
                    raise PolisDataError(f"{name} line {reader.line_num}: {len(row)} fields where the header has {width}")
                yield reader.line_num, {column: (row[i] if i < len(row) else "") for column, i in index.items()}
    except UnicodeDecodeError:
        raise PolisDataError(f"{name}: not UTF-8 text") from None
    except csv.Error as error:
        raise PolisDataError(f"{name}: not valid CSV ({error})") from None


def _int(value: str, what: str, name: str, line: int) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise PolisDataError(f"{name} line {line}: {what} must be an integer, not {value!r}") from None


def read_votes(path) -> list[tuple[int, int, int, float | None]]:
    """(voter, comment, vote, timestamp) for each row; the timestamp is None when the column is absent."""
    name = Path(path).name
    votes = []
    for line, row in _rows(path, ("comment-id", "voter-id", "vote")):
        vote = _int(row["vote"], "vote", name, line)
        if vote not in (-1, 0, 1):
            raise PolisDataError(f"{name} line {line}: vote must be 1 (agree), -1 (disagree) or 0 (pass), not {vote}")
        stamp = row.get("timestamp")
        if stamp is not None:
            try:
                stamp = float(stamp)
            except ValueError:
                raise PolisDataError(f"{name} line {line}: timestamp must be a number, not {stamp!r}") from None
        votes.append((_int(row["voter-id"], "voter-id", name, line), _int(row["comment-id"], "comment-id", name, line),
                      vote, stamp))
    if votes and votes[0][3] is None:
        votes = [vote[:3] for vote in votes]
    return votes


def read_comments(path, *, text_column: str = "comment-body", id_column: str | None = "comment-id") -> list[Comment]:
    """The comments of an export (or any CSV with a text column). Without `id_column` in the file, a comment's
    id is its row number, from 0. `moderated` and `is-meta` are read when present."""
    name = Path(path).name
    comments = []
    for number, (line, row) in enumerate(_rows(path, (text_column,))):
        if id_column and id_column in row:
            value = row[id_column].strip()
            comment_id = int(value) if value.lstrip("-").isdigit() else value
            if comment_id == "":
                raise PolisDataError(f"{name} line {line}: {id_column} is empty")
        else:
            comment_id = number
        moderated = _int(row["moderated"], "moderated", name, line) if row.get("moderated", "").strip() else 0
        is_meta = row.get("is-meta", "").strip().lower() in ("true", "1", "t")
        comments.append(Comment(comment_id, row[text_column], moderated, is_meta))
    return comments


def moderated_out(comments) -> set:
    """The comments pol.is leaves out of the analysis: moderated = −1."""
    return {comment.id for comment in comments if comment.moderated == MODERATED_OUT}


def read_groups(path) -> dict[int, int]:
    """participants-votes.csv: participant → the `group-id` pol.is assigned (participants without one are left out)."""
    name = Path(path).name
    groups = {}
    for line, row in _rows(path, ("participant", "group-id")):
        value = row["group-id"].strip()
        if value:
            groups[_int(row["participant"], "participant", name, line)] = int(float(value))
    return groups
