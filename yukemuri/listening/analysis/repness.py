"""Representative statements per group (代表的な意見), with pol.is's tests (polismath `repness.clj`, `stats.clj`).

For a statement and a group g, with n_a agrees, n_d disagrees and n_s votes of any kind inside g, and the
same counts summed over the other groups ("rest"):

    pa = (n_a + 1) / (n_s + 2)                               pd likewise with n_d
    pat = 2·√(n_s + 1)·((n_a + 1)/(n_s + 1) − ½)             one-proportion z (pdt likewise)
    ra = pa / ((rest n_a + 1) / (rest n_s + 2))              rd likewise
    rat = two-proportion z of (n_a + 1)/(n_s + 1) against (rest n_a + 1)/(rest n_s + 1),
          pooled p̂ = (n_a + rest n_a + 2)/(n_s + rest n_s + 2), and 0 when p̂ = 1      rdt likewise

A statement is *sufficient* for g when rat and pat are both significant (z > 1.2816, one-sided 90 %) or
rdt and pdt both are. Its direction ("repful-for") is agree when rat > rdt, else disagree. The group's
list is: the best-agree statement first (chosen as pol.is's `beats-best-agr?` does), then the sufficient
ones by ra·rat·pa·pat (of the chosen direction) descending, at most five, agrees before disagrees. When
nothing is sufficient the list is the best-agree statement alone, or failing that the statement with the
largest max(rat, rdt).
"""

from dataclasses import dataclass

import numpy as np

Z_90 = 1.2816  # one-sided 90 %, as polismath `z-sig-90?`
PICK_MAX = 5


@dataclass(frozen=True)
class RepStatement:
    """One representative statement of a group."""

    statement: object
    direction: str  # "agree" or "disagree": which way the group differs from the rest
    agree: float  # share of the group's votes on it that agree (raw, no pseudocount)
    disagree: float
    passes: float
    n_success: int  # agrees (or disagrees) in the group
    n_trials: int  # votes of any kind in the group
    p_success: float  # pa or pd
    p_test: float  # pat or pdt
    repness: float  # ra or rd
    repness_test: float  # rat or rdt
    best_agree: bool = False


def prop_test(successes, trials):
    successes, trials = np.asarray(successes, dtype=np.float64) + 1, np.asarray(trials, dtype=np.float64) + 1
    return 2 * np.sqrt(trials) * (successes / trials - 0.5)


def two_prop_test(successes_in, successes_out, trials_in, trials_out):
    s1, s2, n1, n2 = (np.asarray(x, dtype=np.float64) + 1 for x in (successes_in, successes_out, trials_in, trials_out))
    pooled = (s1 + s2) / (n1 + n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return np.where(pooled == 1, 0.0, z)


def group_stats(counts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """All the per-group, per-statement statistics from `VoteMatrix.group_counts` (arrays groups × statements)."""
    na, nd, ns = counts["agree"], counts["disagree"], counts["seen"]
    rest_na, rest_nd, rest_ns = na.sum(axis=0) - na, nd.sum(axis=0) - nd, ns.sum(axis=0) - ns
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    return {
        "na": na, "nd": nd, "ns": ns, "np": counts["pass"],
        "pa": pa, "pd": pd,
        "pat": prop_test(na, ns), "pdt": prop_test(nd, ns),
        "ra": pa / ((rest_na + 1) / (rest_ns + 2)), "rd": pd / ((rest_nd + 1) / (rest_ns + 2)),
        "rat": two_prop_test(na, rest_na, ns, rest_ns), "rdt": two_prop_test(nd, rest_nd, ns, rest_ns),
    }


def _finalise(stats, g: int, j: int, statement, best_agree: bool = False) -> RepStatement:
    way = "a" if stats["rat"][g, j] > stats["rdt"][g, j] else "d"
    ns = int(stats["ns"][g, j])

    def share(count) -> float:
        return float(count / ns) if ns else 0.0

    return RepStatement(
        statement=statement,
        direction="agree" if way == "a" else "disagree",
        agree=share(stats["na"][g, j]),
        disagree=share(stats["nd"][g, j]),
        passes=share(stats["np"][g, j]),
        n_success=int(stats[f"n{way}"][g, j]),
        n_trials=ns,
        p_success=float(stats[f"p{way}"][g, j]),
        p_test=float(stats[f"p{way}t"][g, j]),
        repness=float(stats[f"r{way}"][g, j]),
        repness_test=float(stats[f"r{way}t"][g, j]),
        best_agree=best_agree,
    )


def _metric(rep: RepStatement) -> float:
    return rep.repness * rep.repness_test * rep.p_success * rep.p_test


def select(stats: dict[str, np.ndarray], statements: tuple, *, pick_max: int = PICK_MAX) -> dict[int, list[RepStatement]]:
    """Each group's representative statements, in pol.is's order (statements are scanned in canonical order)."""
    n_groups = stats["na"].shape[0]
    sig = {key: stats[key] > Z_90 for key in ("pat", "pdt", "rat", "rdt")}
    sufficient_mask = (sig["rat"] & sig["pat"]) | (sig["rdt"] & sig["pdt"])
    result = {}
    for g in range(n_groups):
        ra, rat, pa, pat = stats["ra"][g], stats["rat"][g], stats["pa"][g], stats["pat"][g]
        rdt, na, nd = stats["rdt"][g], stats["na"][g], stats["nd"][g]
        sufficient, best, best_z, best_agree = [], None, None, None
        for j in range(len(statements)):
            if sufficient_mask[g, j]:
                sufficient.append(j)
            # `best` is only tracked until the first sufficient statement turns up, as in pol.is.
            if not sufficient and (best_z is None or max(rat[j], rdt[j]) > best_z):
                best, best_z = j, max(rat[j], rdt[j])
            if na[j] == 0 and nd[j] == 0:
                continue
            if best_agree is None:
                beats = pat[j] > Z_90 or (ra[j] > 1.0 and pa[j] > 0.5)
            elif ra[best_agree] > 1.0:
                beats = ra[j] * rat[j] * pa[j] * pat[j] > ra[best_agree] * rat[best_agree] * pa[best_agree] * pat[best_agree]
            else:
                beats = pa[j] * pat[j] > pa[best_agree] * pat[best_agree]
            if beats:
                best_agree = j
        head = []
        if best_agree is not None:
            head = [_finalise(stats, g, best_agree, statements[best_agree], best_agree=True)]
        elif best is not None:
            head = [_finalise(stats, g, best, statements[best])]
        if not sufficient:
            result[g] = head
            continue
        ranked = sorted((_finalise(stats, g, j, statements[j]) for j in sufficient if j != best_agree),
                        key=_metric, reverse=True)
        chosen = (head if best_agree is not None else []) + ranked
        chosen = chosen[:pick_max]
        result[g] = [r for r in chosen if r.direction == "agree"] + [r for r in chosen if r.direction == "disagree"]
    return result
