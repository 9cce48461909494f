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
