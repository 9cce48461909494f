"""Time paths for target levers: a ramp from the base-year value to a target by a target year."""

from __future__ import annotations

import numpy as np

BASE_YEAR = 2020
HISTORY_END = 2024  # last year of published statistics; scenario levers act from the year after
TABLE_FROM_SAMPLES = 64  # larger batches of whole target years gather ramps from a table ...
TABLE_MAX_ROWS = 64  # ... of at most this many distinct target years


def ramp_fraction(
    target_year: np.ndarray, years: np.ndarray, shape: str = "linear", start: int = BASE_YEAR
) -> np.ndarray:
    """Share of the way from the value in ``start`` to the target, shape (samples, years).

    0 up to ``start``, 1 from ``target_year`` on; ``shape`` is ``linear`` or ``scurve``
    (smoothstep 3f^2 - 2f^3: slow start, fast middle, slow finish, as technology diffusion).
    """
    target = np.asarray(target_year, dtype=float).reshape(-1)
    if target.size > TABLE_FROM_SAMPLES and np.all(target == np.floor(target)):
        first, last = target.min(), target.max()
        if last - first < TABLE_MAX_ROWS:
            # whole target years (as the sliders give): one row per distinct year, gathered
            rows = _ramp_rows(np.arange(first, last + 1), years, shape, start)
            return rows[(target - first).astype(np.intp)]
    return _ramp_rows(target, years, shape, start)


def _ramp_rows(target: np.ndarray, years: np.ndarray, shape: str, start: int) -> np.ndarray:
    span = np.maximum(target.reshape(-1, 1) - start, 1.0)
    fraction = np.clip((years[None, :] - start) / span, 0.0, 1.0)
    if shape == "scurve":
        fraction = fraction * fraction * (3.0 - 2.0 * fraction)
    return fraction


def history_then_target(
    history_years: np.ndarray,
    history_values: np.ndarray,
    target: np.ndarray,
    target_year: np.ndarray,
    years: np.ndarray,
    shape: str = "linear",
) -> np.ndarray:
    """Observed values up to :data:`HISTORY_END` (interpolated between anchors, starting in 2020),
    then a ramp from the last observed value to ``target`` by ``target_year``; shape (S, Y)."""
    observed = np.interp(np.minimum(years, HISTORY_END), history_years, history_values)[None, :]
    last = np.interp(HISTORY_END, history_years, history_values)
    target = np.asarray(target, dtype=float).reshape(-1, 1)
    return observed + (target - last) * ramp_fraction(target_year, years, shape, HISTORY_END)


def compound(rate_percent: np.ndarray, years: np.ndarray, start: int = HISTORY_END) -> np.ndarray:
    """Factor (1 - r/100)^(t - start) of a constant yearly improvement rate from ``start`` on
    (1 before: history is calibrated separately), shape (S, Y)."""
    rate = np.asarray(rate_percent, dtype=float).reshape(-1, 1)
    return np.exp(np.log1p(-rate / 100.0) * np.maximum(years[None, :] - start, 0))
