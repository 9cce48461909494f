"""Cohort accounting: carbon stocks of land restored or planted in different years.

Each year's new area is a cohort whose carbon stock follows a per-hectare curve of age. The annual
sink of all cohorts is the convolution of new area with the per-hectare stock *change* curve,
computed as one matrix product with a lower-triangular Toeplitz matrix (no loop over cohorts).
"""

from __future__ import annotations

import numpy as np


def chapman_richards(age: np.ndarray, maximum: float, rate: float, shape: float) -> np.ndarray:
    """Carbon stock per hectare at ``age`` years: maximum * (1 - exp(-rate*age))^shape.

    maximum in t C/ha, rate in 1/yr, shape = 1/(1-m) (dimensionless). Zero for age <= 0.
    """
    age = np.maximum(np.asarray(age, dtype=float), 0.0)
    return maximum * (1.0 - np.exp(-rate * age)) ** shape


def stock_change_kernel(stock_by_age: np.ndarray) -> np.ndarray:
    """Per-hectare stock change in each year of age 1..n from a stock curve indexed by age 0..n."""
    return np.diff(stock_by_age, prepend=stock_by_age[..., :1], axis=-1)


def toeplitz_operator(kernel: np.ndarray) -> np.ndarray:
    """Matrix M with M[tau, t] = kernel[t - tau] for t >= tau (else 0), so ``area @ M`` convolves.

    ``kernel[k]`` is the quantity in year t of a cohort created in year t - k.
    """
    n = kernel.shape[-1]
    lag = np.arange(n)[None, :] - np.arange(n)[:, None]
    return np.where(lag >= 0, kernel[np.clip(lag, 0, n - 1)], 0.0)


def stacked_toeplitz(kernels: np.ndarray) -> np.ndarray:
    """Kernels (K, n) side by side: M (n, n*K) with M[t, tau*K + k] = kernels[k, t - tau] for
    t >= tau (else 0), so ``M @ x`` sums every kernel's convolution of x (n*K, S), whose rows
    are (year, kernel) pairs, the year first."""
    count, n = kernels.shape
    lag = np.arange(n)[:, None] - np.arange(n)[None, :]  # t - tau
    blocks = np.where(lag >= 0, kernels[:, np.clip(lag, 0, n - 1)], 0.0)  # (K, t, tau)
    return np.ascontiguousarray(blocks.transpose(1, 2, 0)).reshape(n, n * count)


def time_blocks(n: int, samples: int) -> tuple[tuple[int, int], ...]:
    """Row blocks (start, stop) of the year of uptake for :func:`lower_product`: one for a few
    samples (fewer calls), three for many (the products then skip a third of the operator, the
    blocks above the diagonal)."""
    if samples < 64 or n < 12:
        return ((0, n),)
    third, two_thirds = n // 3, 2 * n // 3
    return ((0, third), (third, two_thirds), (two_thirds, n))


def lower_product(
    operator: np.ndarray,
    x: np.ndarray,
    blocks: tuple[tuple[int, int], ...],
    out: np.ndarray | None = None,
) -> np.ndarray:
    """``operator @ x`` for an operator block lower triangular in time: ``operator`` (..., n,
    n*K) with row t taking only columns of years tau <= t (columns tau*K + k), ``x`` (..., n*K,
    S). Rows ``start:stop`` of the product use the first ``stop*K`` columns only."""
    n = operator.shape[-2]
    width = operator.shape[-1] // n
    if out is None:
        shape = np.broadcast_shapes(operator.shape[:-2], x.shape[:-2]) + (n, x.shape[-1])
        out = np.empty(shape)
    for start, stop in blocks:
        np.matmul(
            operator[..., start:stop, : stop * width],
            x[..., : stop * width, :],
            out=out[..., start:stop, :],
        )
    return out
