"""Broad listening (広聴) analysis engine: pol.is-style opinion maps and groups, and topics of free text.

Pure Python and numpy (with scipy and scikit-learn); no Django. The method, its references and where it
departs from pol.is are in docs/listening.md.

    analysis = analyse([(participant, statement, vote), ...], min_votes=7, moderated_out={...}, seed=0)
    analysis.k, analysis.groups, analysis.coords, analysis.repness, analysis.consensus, ...

    result = topics(["空き家を…", ...], language="ja", seed=0)
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from . import clusters, pca
from . import consensus as consensus_module
from . import repness as repness_module
from .clusters import RESTARTS
from .consensus import ConsensusStatement, DivisiveStatement, GroupInformedConsensus
from .matrix import VoteError, VoteMatrix
from .repness import RepStatement

__all__ = [
    "RESTARTS", "Analysis", "ConsensusStatement", "DivisiveStatement", "GroupInformedConsensus", "RepStatement", "Topic",
    "Topics", "VoteError", "VoteMatrix", "analyse", "topics",
]


def topics(texts, *, language: str = "ja", seed: int = 0, deduplicate: bool = True, **options):
    """Topics and sub-topics of free-text opinions: see `text.topics`. (Imported on first use: the text
    pipeline loads scikit-learn's text tools, which the vote analysis does not need.)

    With `deduplicate` (the default) near-identical texts are one opinion in the clustering (see
    `duplicates.near_duplicates`): a campaign of 110 copies weighs as one comment, not 110, while every copy
    stays a member of its topic and the groups are in `result.near_duplicates`, largest first."""
    from .text import topics as run

    if not deduplicate:
        return run(texts, language=language, seed=seed, **options)
    from . import duplicates

    texts = list(texts)
    found = duplicates.near_duplicates(texts)
    kept = found.representatives()
    return duplicates.expand(run([texts[i] for i in kept], language=language, seed=seed, **options), kept, found)


def __getattr__(name):
    if name in ("Topic", "Topics"):
        from . import text

        return getattr(text, name)
    raise AttributeError(name)


@dataclass(frozen=True, eq=False)
class Analysis:
    """The opinion map of one conversation. Groups are numbered 0 … k−1, largest first."""

    k: int
    groups: dict  # participant → group, for participants in the map
    coords: dict  # participant → (x, y), for participants in the map
    repness: dict[int, list[RepStatement]]  # group → its representative statements
    consensus: list[ConsensusStatement]  # agreed (or rejected) by every group
    group_informed_consensus: dict  # statement → GroupInformedConsensus, highest agree first
    divisive: list[DivisiveStatement]
    totals: dict  # statement → {"agree", "disagree", "pass", "seen"}: every participant's votes
    statement_coords: dict = field(default_factory=dict)  # statement → (x, y)
    left_out: tuple = ()  # participants with fewer than min_votes votes: not in the map
    silhouettes: dict = field(default_factory=dict)  # k → silhouette, for each k tried
    explained_variance_ratio: tuple = (0.0, 0.0)


def analyse(votes: Iterable | VoteMatrix, *, min_votes: int = 7, moderated_out: Iterable = (), seed: int = 0,
            restarts: int = 0, pick_max: int = repness_module.PICK_MAX) -> Analysis:
    """Opinion groups of a conversation from (participant, statement, vote[, timestamp]) items.

    vote: 1 agree, −1 disagree, 0 pass; a pair never voted on is missing, not a pass. The latest vote on a
    pair counts. Statements in `moderated_out` are in no total, axis, repness or consensus; as in pol.is,
    they still count as statements (and their votes as votes) for who is in the map and how far out a light
    voter is placed. Participants with fewer than min(min_votes, statements) votes are left out of the map
    and the groups, but their votes count in `totals`. `restarts` k-means++ starts are tried beside
    pol.is's own (see clusters.group). Deterministic for a given input and seed, and independent of the
    order of the votes and the names of participants and statements.
    """
    if not 0 <= restarts <= clusters.MAX_RESTARTS:
        raise VoteError(f"restarts must be from 0 to {clusters.MAX_RESTARTS}, not {restarts}")
    # One BLAS thread: the eigensolver and the small products here gain nothing from threads, and on a busy
    # two-core machine contended threads made LAPACK's eigh 5–60 times slower (d = 1,000: 0.09 s vs 0.4–6 s).
    with threadpool_limits(limits=1, user_api="blas"):
        return _analyse(votes, min_votes=min_votes, moderated_out=moderated_out, seed=seed, restarts=restarts,
                        pick_max=pick_max)


def _analyse(votes, *, min_votes, moderated_out, seed, restarts, pick_max) -> Analysis:
    everything = votes if isinstance(votes, VoteMatrix) else VoteMatrix.from_votes(votes)
    matrix = everything.without_statements(moderated_out)
    n_participants, n_statements = matrix.shape
    # pol.is zeroes a moderated statement's column rather than dropping it (polismath `zero-out-columns`,
    # red-dwarf's `simple_filter_matrix`); the vote threshold is counted on the votes as cast.
    zeroed = everything.shape[1] - n_statements
    cast_at_all = everything.votes_per_participant()
    in_map = cast_at_all >= max(1, min(min_votes, everything.shape[1]))

    projection = pca.project(matrix, fit_rows=cast_at_all > 0, zeroed=zeroed)
    grouping = clusters.group(projection.coords[in_map], seed=seed, restarts=restarts)
    labels = np.full(n_participants, -1, dtype=np.int64)
    labels[in_map] = grouping.labels

    stats = repness_module.group_stats(matrix.group_counts(labels, grouping.k))
    statements = matrix.statements
    totals = matrix.counts()
    mapped = np.flatnonzero(in_map)
    participants = matrix.participants
    return Analysis(
        k=grouping.k,
        groups={participants[i]: int(labels[i]) for i in mapped},
        coords={participants[i]: (float(x), float(y)) for i, (x, y) in zip(mapped, projection.coords[mapped], strict=True)},
        repness=repness_module.select(stats, statements, pick_max=pick_max) if grouping.k else {},
        consensus=consensus_module.consensus(stats, statements) if grouping.k else [],
        group_informed_consensus=consensus_module.group_informed_consensus(stats, statements) if grouping.k else {},
        divisive=consensus_module.divisive(stats, statements),
        totals={s: {key: int(totals[key][j]) for key in ("agree", "disagree", "pass", "seen")}
                for j, s in enumerate(statements)},
        statement_coords={s: (float(x), float(y)) for s, (x, y) in zip(statements, projection.statement_coords, strict=True)},
        left_out=tuple(participants[i] for i in np.flatnonzero(~in_map & (cast_at_all > 0))),
        silhouettes=grouping.silhouettes,
        explained_variance_ratio=tuple(float(r) for r in projection.explained_variance_ratio),
    )
