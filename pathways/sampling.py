"""Sampling designs for uncertainty: Latin hypercubes (scipy.stats.qmc) with rank correlations
imposed by the Iman-Conover method, drawn chunk by chunk from one seed.

A design of ``n`` samples is cut into chunks of ``chunk`` samples; chunk ``k`` is its own Latin
hypercube drawn from ``numpy.random.default_rng([seed, k])``. Any process that knows (seed,
chunk size, k) draws the same chunk, so a chunk computed on a Dask worker equals the one computed
locally, and memory stays bounded by one chunk.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.stats import qmc

from pathways.uncertain_inputs import UncertaintySet

DEFAULT_CHUNK = 1000  # the app's 1,000-sample fan is chunk 0 of every larger run


def chunk_sizes(samples: int, chunk: int = DEFAULT_CHUNK) -> list[int]:
    """Sizes of the chunks of a design of ``samples`` (all ``chunk`` but the last)."""
    if samples < 1 or chunk < 1:
        raise ValueError("samples and chunk size must be at least 1")
    full, rest = divmod(samples, chunk)
    return [chunk] * full + ([rest] if rest else [])


def latin_hypercube(samples: int, dimensions: int, rng: np.random.Generator) -> np.ndarray:
    """(samples, dimensions) probabilities in (0, 1), one per stratum in every column."""
    return qmc.LatinHypercube(d=dimensions, rng=rng).random(samples)


def impose_rank_correlation(
    u: np.ndarray, correlation: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Reorder each column of ``u`` (n, d) so that the rank correlation approaches
    ``correlation`` (Iman and Conover 1982): every column keeps its values (so its marginal
    and its Latin-hypercube strata), only their pairing across columns changes."""
    n, d = u.shape
    if d < 2 or np.allclose(correlation, np.eye(d)):
        return u
    scores = stats.norm.ppf(np.arange(1, n + 1) / (n + 1))
    score_matrix = np.column_stack([rng.permutation(scores) for _ in range(d)])
    target = np.linalg.cholesky(correlation)
    current = np.linalg.cholesky(np.corrcoef(score_matrix, rowvar=False))
    correlated = score_matrix @ np.linalg.inv(current).T @ target.T
    out = np.empty_like(u)
    for j in range(d):
        ranks = np.argsort(np.argsort(correlated[:, j]))
        out[:, j] = np.sort(u[:, j])[ranks]
    return out


def design_chunk(uncertainty: UncertaintySet, samples: int, seed: int, index: int) -> np.ndarray:
    """Chunk ``index`` of the design: (samples, D) values (factors or offsets) of the
    uncertain parameters, correlated as the data says."""
    rng = np.random.default_rng([seed, index])
    d = len(uncertainty.parameters)
    if d == 0:
        return np.empty((samples, 0))
    u = impose_rank_correlation(latin_hypercube(samples, d, rng), uncertainty.correlation, rng)
    return values_at(uncertainty, u)


def values_at(uncertainty: UncertaintySet, u: np.ndarray) -> np.ndarray:
    """The parameters' values (n, D) at probabilities ``u`` (n, D)."""
    return np.column_stack([p.ppf(u[:, j]) for j, p in enumerate(uncertainty.parameters)])


def centrals(uncertainty: UncertaintySet) -> np.ndarray:
    """(D,) the values that leave every input as in the data (factors 1, offsets 0)."""
    return np.array([p.central for p in uncertainty.parameters])
