"""Time paths for target levers: a ramp from the base-year value to a target by a target year."""

from __future__ import annotations

import numpy as np

BASE_YEAR = 2020


def ramp_fraction(target_year: np.ndarray, years: np.ndarray, shape: str = "linear") -> np.ndarray:
    """Share of the way from the base-year value to the target, shape (samples, years).

    0 in the base year, 1 from ``target_year`` on; ``shape`` is ``linear`` or ``scurve``
    (smoothstep 3f^2 - 2f^3: slow start, fast middle, slow finish, as technology diffusion).
    """
    span = np.maximum(np.asarray(target_year, dtype=float).reshape(-1, 1) - BASE_YEAR, 1.0)
    fraction = np.clip((years[None, :] - BASE_YEAR) / span, 0.0, 1.0)
    if shape == "scurve":
        fraction = fraction * fraction * (3.0 - 2.0 * fraction)
    return fraction


def target_path(
    base_value: float | np.ndarray,
    target: np.ndarray,
    target_year: np.ndarray,
    years: np.ndarray,
    shape: str = "linear",
) -> np.ndarray:
    """Path from ``base_value`` in 2020 to ``target`` (per sample) by ``target_year``; flat after."""
    target = np.asarray(target, dtype=float).reshape(-1, 1)
    return base_value + (target - base_value) * ramp_fraction(target_year, years, shape)


def compound(rate_percent: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Factor (1 - r/100)^(t - 2020) of a constant yearly improvement rate, shape (S, Y)."""
    rate = np.asarray(rate_percent, dtype=float).reshape(-1, 1)
    return np.exp(np.log1p(-rate / 100.0) * (years[None, :] - BASE_YEAR))
