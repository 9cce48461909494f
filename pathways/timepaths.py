"""Time paths for target levers: a ramp from the base-year value to a target by a target year."""

from __future__ import annotations

import functools

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
    table = _table_rows(target_year)
    if table is not None:
        # whole target years (as the sliders give): one row per distinct year, gathered
        index, first, last = table
        return _ramp_rows(np.arange(first, last + 1), years, shape, start)[index]
    return _ramp_rows(np.asarray(target_year, dtype=float).reshape(-1), years, shape, start)


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
    half_life: float | None = None,
) -> np.ndarray:
    """Observed values up to :data:`HISTORY_END` (interpolated between anchors, starting in 2020),
    then a ramp from the last observed value to ``target`` by ``target_year``; shape (S, Y).

    With ``half_life`` (years) and observations after 2020, the path also keeps the momentum of
    history: it leaves 2024 along the 2020-2024 trend (slope m) and converges to the ramp,

        L(t) = ramp(t) + w(t) [L_2024 + m (t - 2024) - ramp(t)],
        w(t) = 2^(-(t - 2024) / half_life) * max(0, 1 - (t - 2024) / (T - 2024)),

    so the slope in 2025 follows history, the weight of the trend halves every ``half_life``
    years, and the target is reached exactly in its target year T (w(T) = 0).
    """
    observed = np.interp(np.minimum(years, HISTORY_END), history_years, history_values)[None, :]
    last = np.interp(HISTORY_END, history_years, history_values)
    target = np.asarray(target, dtype=float).reshape(-1, 1)
    ramp = ramp_fraction(target_year, years, shape, HISTORY_END)
    scale = target - last
    if ramp.shape == np.broadcast_shapes(ramp.shape, scale.shape, observed.shape):
        # observed + (target - last) x ramp, in place on the (fresh) ramp array
        path = ramp
        path *= scale
        path += observed
    else:
        path = observed + scale * ramp
    if half_life is None or len(history_years) < 2:
        return path
    slope = (last - history_values[0]) / (HISTORY_END - history_years[0])
    if slope == 0:
        return path
    rows = _table_rows(target_year)
    if rows is None:
        weight = momentum_weight(target_year, years, half_life)
    else:  # many samples, few distinct target years: the weights gathered from one row each
        index, first, last_year = rows
        weight = momentum_weight(np.arange(first, last_year + 1), years, half_life)[index]
    trend = observed + slope * np.maximum(years - HISTORY_END, 0)[None, :]
    if weight.shape != path.shape:
        return path + weight * (trend - path)
    gap = np.subtract(trend, path)  # path + weight x (trend - path), the product in place
    gap *= weight
    path += gap
    return path


def _table_rows(target_year: np.ndarray) -> tuple[np.ndarray, float, float] | None:
    """For more than :data:`TABLE_FROM_SAMPLES` whole target years spanning fewer than
    :data:`TABLE_MAX_ROWS`: (row of each sample, first and last target year); else None."""
    target = np.asarray(target_year, dtype=float).reshape(-1)
    if target.size <= TABLE_FROM_SAMPLES or not np.all(target == np.floor(target)):
        return None
    first, last = target.min(), target.max()
    if last - first >= TABLE_MAX_ROWS:
        return None
    return (target - first).astype(np.intp), first, last


def momentum_weight(target_year: np.ndarray, years: np.ndarray, half_life: float) -> np.ndarray:
    """w(t) = 2^(-(t-2024)/half_life) x (1 - linear ramp fraction to ``target_year``); 0 up to
    2024 and from the target year on; shape (samples, years)."""
    after = np.maximum(years - HISTORY_END, 0)
    decay = np.where(years > HISTORY_END, np.exp2(-after / half_life), 0.0)[None, :]
    return decay * (1.0 - ramp_fraction(target_year, years, "linear", HISTORY_END))


def trend_decay(years: np.ndarray, half_life: float) -> np.ndarray:
    """(Y,) years of trend kept after 2024 when a yearly trend decays with ``half_life``:
    sum of 2^(-k/H) dk from 0 to t - 2024 = H / ln 2 (1 - 2^(-(t-2024)/H)); 0 up to 2024."""
    after = np.maximum(years - HISTORY_END, 0)
    return half_life / np.log(2.0) * (1.0 - np.exp2(-after / half_life))


def compound(
    rate_percent: np.ndarray,
    years: np.ndarray,
    start: int = HISTORY_END,
    half_life: float | None = None,
) -> np.ndarray:
    """Factor (1 - r/100)^(t - start) of a constant yearly improvement rate from ``start`` on
    (1 before: history is calibrated separately), shape (S, Y).

    With ``half_life`` the rate phases in as the calibrated 2020-2024 trend fades out: the
    improvement of year k is (1 - r/100)^(1 - 2^(-(k - start)/H)), so the factor is
    (1 - r/100)^P(t) with P(t) = sum over k <= t of (1 - 2^(-(k - start)/H))."""
    rate = np.asarray(rate_percent, dtype=float).reshape(-1, 1)
    first, size = int(years[0]), int(years.size)
    if int(years[-1]) - first + 1 != size:  # not a whole-year axis: no cache
        return np.exp(np.log1p(-rate / 100.0) * _steps(years, start, half_life))
    steps = _compound_steps(first, size, start, None if half_life is None else float(half_life))
    return np.exp(np.log1p(-rate / 100.0) * steps)


@functools.lru_cache(maxsize=16)
def _compound_steps(first: int, size: int, start: int, half_life: float | None) -> np.ndarray:
    """(1, Y) improvement years P(t) of :func:`compound` on the axis first..first+size-1."""
    steps = _steps(np.arange(first, first + size), start, half_life)
    steps.flags.writeable = False
    return steps


def _steps(years: np.ndarray, start: int, half_life: float | None) -> np.ndarray:
    steps = np.maximum(years - start, 0).astype(float)
    if half_life is not None:
        phase = np.where(years > start, 1.0 - np.exp2(-steps / half_life), 0.0)
        steps = np.cumsum(phase)
    return steps[None, :]
