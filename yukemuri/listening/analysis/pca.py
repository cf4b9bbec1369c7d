"""Two-component PCA of the vote matrix with pol.is's handling of missing votes (意見地図の座標).

pol.is fills a missing vote with the statement's mean vote, centres, finds the principal components, and
projects each participant using only the statements they voted on, then scales the projection by
√(statements / votes cast) so that people who voted little are not all bunched at the centre
(polismath `pca.clj`, `sparsity-aware-project-ptpt`; red-dwarf's `SparsityAwareScaler`).

Mean-filling then centring leaves a missing vote at exactly 0, so the centred matrix is as sparse as the
votes are: the covariance XᵀX comes from one sparse product and the two components from a symmetric
eigensolver. pol.is approximates the same components by power iteration (100 rounds); we solve exactly.
"""

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg

from .matrix import AGREE, VoteMatrix

DENSE_COVARIANCE_MAX = 4000  # statements; beyond this an iterative solver avoids a d × d dense matrix


@dataclass(frozen=True, eq=False)
class Projection:
    coords: np.ndarray  # (participants, 2): every participant projected, whether fitted on or not
    statement_coords: np.ndarray  # (statements, 2): where a participant who only agreed with it would sit
    components: np.ndarray  # (2, statements), unit vectors
    center: np.ndarray  # (statements,): mean vote of the fitted participants who voted on it
    explained_variance_ratio: np.ndarray  # (2,)


def _iterative_eigenvectors(x: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k largest eigenpairs of XᵀX without forming it. ARPACK fails on degenerate matrices (a starting
    vector in XᵀX's null space: "starting vector is zero", e.g. when every participant voted once, each on a
    different statement, so that every centred vote is 0); it is retried from a random start, then LOBPCG."""
    d = x.shape[1]
    operator = scipy.sparse.linalg.LinearOperator((d, d), matvec=lambda v: x.T @ (x @ v), dtype=np.float64)
    rng = np.random.default_rng(0)
    for v0 in (np.ones(d), rng.standard_normal(d)):
        try:
            return scipy.sparse.linalg.eigsh(operator, k=k, which="LA", v0=v0)
        except (scipy.sparse.linalg.ArpackError, scipy.sparse.linalg.ArpackNoConvergence):
            continue
    start = rng.standard_normal((d, k))
    values, vectors = scipy.sparse.linalg.lobpcg(operator, start, largest=True, maxiter=500, tol=1e-8)
    return values, vectors


def _top_eigenvectors(x: sp.csr_matrix, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    d = x.shape[1]
    if d <= DENSE_COVARIANCE_MAX:
        covariance = (x.T @ x).toarray()
        k = min(n_components, d)
        values, vectors = scipy.linalg.eigh(covariance, subset_by_index=[d - k, d - 1])
        total = float(np.trace(covariance))
    else:
        k = min(n_components, d - 1)
        values, vectors = _iterative_eigenvectors(x, k)
        total = float(x.multiply(x).sum())
    order = np.argsort(-values)
    values, vectors = values[order], vectors[:, order].T
    # Fix the sign (an eigenvector's sign is arbitrary): its largest loading is positive.
    signs = np.sign(vectors[np.arange(len(vectors)), np.abs(vectors).argmax(axis=1)])
    vectors = vectors * np.where(signs == 0, 1, signs)[:, None]
    components = np.zeros((n_components, d))
    components[: len(vectors)] = vectors
    ratio = np.zeros(n_components)
    if total > 0:
        ratio[: len(values)] = np.clip(values, 0, None) / total
    return components, ratio


def project(matrix: VoteMatrix, fit_rows: np.ndarray, n_components: int = 2, zeroed: int = 0) -> Projection:
    """Fit the components on the participants in `fit_rows` (a boolean mask) and project everyone.

    `zeroed` statements moderated out are, as in pol.is, columns of zeros beside the matrix: a 0 for
    everyone, which moves no axis but counts as a vote in everyone's √(statements / votes cast)."""
    n, d = matrix.shape
    rows, cols = matrix.rows, matrix.cols
    values = matrix.values.astype(np.float64)
    fitted_vote = fit_rows[rows]
    seen = np.bincount(cols[fitted_vote], minlength=d)
    sums = np.bincount(cols[fitted_vote], weights=values[fitted_vote], minlength=d)
    center = np.divide(sums, seen, out=np.zeros(d), where=seen > 0)
    centred = values - center[cols]
    # The votes come sorted by (row, column), so the CSR structure is read off directly, without a sort.
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    x_all = sp.csr_matrix((centred, cols, indptr), shape=(n, d))
    if d == 0 or not fitted_vote.any() or not np.any(centred[fitted_vote]):
        # Nothing varies (no votes, or no statement voted on by two people who differ): no axis to find.
        components, ratio = np.zeros((n_components, d)), np.zeros(n_components)
    else:
        x_fit = x_all if fitted_vote.all() else x_all.multiply(fit_rows[:, None]).tocsr()
        components, ratio = _top_eigenvectors(x_fit, n_components)
    raw = np.asarray(x_all @ components.T)
    votes_cast = np.bincount(rows, minlength=n)
    scale = np.sqrt((d + zeroed) / np.maximum(votes_cast + zeroed, 1))
    # A participant who agreed with statement j and voted on nothing else.
    statement_coords = ((AGREE - center)[:, None] * components.T) * np.sqrt((d + zeroed) / (1 + zeroed))
    return Projection(
        coords=raw * scale[:, None],
        statement_coords=statement_coords,
        components=components,
        center=center,
        explained_variance_ratio=ratio,
    )
