"""The participants × statements vote matrix (投票行列), kept sparse.

agree = 1, disagree = −1, pass = 0, and a missing vote is *absent*: it is never stored as a pass.
Participants and statements are held in a canonical order (sorted ids), so nothing downstream depends on
the order in which votes arrive. When a participant votes twice on a statement the latest vote wins:
latest by timestamp when the votes carry one, otherwise by position in the input.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

AGREE, PASS, DISAGREE = 1, 0, -1


class VoteError(ValueError):
    """Votes that cannot be analysed: wrong shape, a value outside {−1, 0, 1}, an unusable id."""


def _id_key(value):
    # Ints and strings may be mixed (e.g. anonymous "xid"s beside numeric ids): order by type, then value.
    return (0, value, "") if isinstance(value, int | np.integer) else (1, 0, str(value))


def _encode(ids: Sequence) -> tuple[tuple, np.ndarray]:
    """Unique ids in canonical order and, for each input item, the index of its id."""
    array = np.asarray(ids) if len(ids) else np.zeros(0, dtype=np.int64)
    if array.ndim == 1 and array.dtype.kind in "iu" and len(array) and 0 <= array.min() and array.max() <= 4 * len(array):
        # Small non-negative integers (database keys, pol.is ids): a lookup table instead of a sort.
        present = np.zeros(int(array.max()) + 1, dtype=bool)
        present[array] = True
        index = np.cumsum(present) - 1
        return tuple(np.flatnonzero(present).tolist()), index[array]
    if array.ndim == 1 and array.dtype.kind in "iuU":
        unique, inverse = np.unique(array, return_inverse=True)
        return tuple(unique.tolist()), inverse.astype(np.int64, copy=False)
    try:
        unique = sorted(set(ids), key=_id_key)
    except TypeError as error:
        raise VoteError(f"participant and statement ids must be ints or strings ({error})") from None
    index = {value: i for i, value in enumerate(unique)}
    return tuple(unique), np.fromiter((index[value] for value in ids), dtype=np.int64, count=len(ids))


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """One vote per (participant, statement) pair, as coordinate arrays sorted by (row, column)."""

    participants: tuple
    statements: tuple
    rows: np.ndarray  # int32 index into participants
    cols: np.ndarray  # int32 index into statements
    values: np.ndarray  # int8 in {−1, 0, 1}

    @classmethod
    def from_votes(cls, votes: Iterable) -> "VoteMatrix":
        """From (participant_id, statement_id, vote) or (participant_id, statement_id, vote, timestamp) items."""
        votes = votes if isinstance(votes, list | tuple) else list(votes)
        if not votes:
            return cls.from_arrays((), (), ())
        try:
            widths = set(map(len, votes))
        except TypeError:
            widths = set()
        if len(widths) != 1 or not widths <= {3, 4}:
            raise VoteError("each vote must be (participant, statement, vote) or (participant, statement, vote, timestamp),"
                            " all of the same length")
        columns = [list(map(itemgetter(i), votes)) for i in range(widths.pop())]
        return cls.from_arrays(*columns)

    @classmethod
    def from_arrays(cls, participants: Sequence, statements: Sequence, votes: Sequence,
                    timestamps: Sequence | None = None) -> "VoteMatrix":
        """From parallel sequences; the latest vote on a pair wins (by timestamp, then by position)."""
        n = len(votes)
        if not len(participants) == len(statements) == n or (timestamps is not None and len(timestamps) != n):
            raise VoteError("participants, statements, votes and timestamps must have the same length")
        try:
            value_array = np.asarray(votes, dtype=np.float64) if n else np.zeros(0)
        except (TypeError, ValueError):
            raise VoteError("votes must be numbers: 1 agree, -1 disagree, 0 pass") from None
        bad = ~np.isin(value_array, (AGREE, PASS, DISAGREE))
        if bad.any():
            raise VoteError(f"a vote must be 1 (agree), -1 (disagree) or 0 (pass), not {value_array[bad][0]:g}")
        if timestamps is not None:
            try:
                stamps = np.asarray(timestamps, dtype=np.float64)
            except (TypeError, ValueError):
                raise VoteError("timestamps must be numbers") from None
        participant_ids, rows = _encode(participants)
        statement_ids, cols = _encode(statements)
        n_statements = max(len(statement_ids), 1)
        keys = rows * n_statements + cols
        # Sort by pair (a stable sort keeps input order within a pair); then, only where a pair was voted on
        # more than once, order its votes by time. The last entry of each pair is its latest vote.
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        last = np.ones(n, dtype=bool)
        last[:-1] = sorted_keys[1:] != sorted_keys[:-1]
        if timestamps is not None and not last.all():
            first = np.ones(n, dtype=bool)
            first[1:] = last[:-1]
            repeated = np.flatnonzero(~(first & last))
            within = order[repeated]
            order[repeated] = within[np.lexsort((within, stamps[within], keys[within]))]
        chosen = order[last]
        sorted_keys = sorted_keys[last]
        return cls(
            participants=participant_ids,
            statements=statement_ids,
            rows=(sorted_keys // n_statements).astype(np.int32),
            cols=(sorted_keys % n_statements).astype(np.int32),
            values=value_array[chosen].astype(np.int8),
        )

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participants), len(self.statements)

    @property
    def n_votes(self) -> int:
        return len(self.values)

    def without_statements(self, statement_ids: Iterable) -> "VoteMatrix":
        """The same votes with some statements (e.g. moderated out) removed entirely."""
        drop = set(statement_ids)
        keep = np.array([s not in drop for s in self.statements], dtype=bool)
        if keep.all():
            return self
        new_index = np.cumsum(keep) - 1
        kept_votes = keep[self.cols]
        return VoteMatrix(
            participants=self.participants,
            statements=tuple(s for s, k in zip(self.statements, keep, strict=True) if k),
            rows=self.rows[kept_votes],
            cols=new_index[self.cols[kept_votes]].astype(np.int32),
            values=self.values[kept_votes],
        )

    def votes_per_participant(self) -> np.ndarray:
        return np.bincount(self.rows, minlength=len(self.participants))

    def counts(self, row_mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Per statement: agree, disagree, pass and seen (= voted at all) counts, over the rows in `row_mask`."""
        rows_in = np.ones(self.n_votes, dtype=bool) if row_mask is None else row_mask[self.rows]
        n = len(self.statements)
        cols, values = self.cols[rows_in], self.values[rows_in]
        return {
            "agree": np.bincount(cols[values == AGREE], minlength=n),
            "disagree": np.bincount(cols[values == DISAGREE], minlength=n),
            "pass": np.bincount(cols[values == PASS], minlength=n),
            "seen": np.bincount(cols, minlength=n),
        }

    def group_counts(self, labels: np.ndarray, n_groups: int) -> dict[str, np.ndarray]:
        """Like `counts`, per group: arrays of shape (n_groups, n_statements). `labels` is −1 for no group."""
        label_of_vote = labels[self.rows]
        grouped = label_of_vote >= 0
        cols, values, groups = self.cols[grouped], self.values[grouped], label_of_vote[grouped]
        n = len(self.statements)
        flat = groups.astype(np.int64) * n + cols
        size = n_groups * n

        def count(mask):
            return np.bincount(flat[mask], minlength=size).reshape(n_groups, n)

        return {
            "agree": count(values == AGREE),
            "disagree": count(values == DISAGREE),
            "pass": count(values == PASS),
            "seen": np.bincount(flat, minlength=size).reshape(n_groups, n),
        }
