"""Access to lever arrays inside the model: scalars as (S, 1) columns, targets as (S, Y) paths.

Target paths are built for all target levers at once: the ramp fractions and momentum weights of
every target lever are one (L, S, Y) array computation per lever set, and the parts that depend
only on the data (observed values, the last observation, the 2020-2024 trend) are cached per
lever, base value and history. Large batches build each path on its own (memory, not Python
calls, is what costs there). Both give the numbers of :func:`history_then_target`.
"""

from __future__ import annotations

import functools

import numpy as np

from pathways.scenario import catalogue
from pathways.timepaths import BASE_YEAR, HISTORY_END, _ramp_rows, history_then_target

STACK_MAX_SAMPLES = 256  # up to this many samples, all ramps are built in one (L, S, Y) pass


class LeverSet:
    """Complete lever arrays of shape (S,) for S samples, on the year axis ``years``.

    ``history`` maps a target lever to its observed anchors (years, values) after 2020; target
    paths follow them up to 2024 and ramp to the lever's target afterwards.
    """

    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        years: np.ndarray,
        history: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
        half_life: float | None = None,
    ) -> None:
        self.arrays = arrays
        self.years = years
        self.history = history or {}
        self.half_life = half_life
        self.samples = len(next(iter(arrays.values())))
        self._catalogue = catalogue()
        self._ramps: _Ramps | None = None
        self._stacked = self.samples <= STACK_MAX_SAMPLES and all(
            self._catalogue[n].pair in arrays for n in _target_levers()
        )

    @property
    def catalogue(self):
        """The lever catalogue (name -> lever spec)."""
        return self._catalogue

    def with_history(
        self, history: dict[str, tuple[np.ndarray, np.ndarray]], half_life: float | None = None
    ) -> LeverSet:
        """The same levers following observed ``history`` to 2024; with ``half_life`` (years)
        paths of levers with observations leave 2024 with their 2020-2024 trend (momentum)."""
        return LeverSet(self.arrays, self.years, history, half_life)

    def value(self, name: str) -> np.ndarray:
        """A lever as an (S, 1) column, ready to broadcast against (S, Y)."""
        return self.arrays[name][:, None]

    def path(self, name: str, base_value: float) -> np.ndarray:
        """The (S, Y) path of a target lever: ``base_value`` in 2020, observed values to 2024
        where the data has them, then a ramp to the lever's target by its target year (levers
        with observations keep their 2020-2024 momentum, see :func:`history_then_target`)."""
        anchors = self.history.get(name, ((), ()))
        momentum = self.half_life if len(anchors[0]) else None
        if not self._stacked or name not in _target_levers():
            lever = self._catalogue[name]
            return history_then_target(
                np.array([BASE_YEAR, *anchors[0]], dtype=float),
                np.array([base_value, *anchors[1]], dtype=float),
                self.arrays[name],
                self.arrays[lever.pair],
                self.years,
                lever.ramp,
                momentum,
            )
        observed, last, trend = _observed(self.history, name, base_value, self.years)
        if self._ramps is None:
            self._ramps = _Ramps(self)
        i = _target_levers()[name]
        target = self.arrays[name].reshape(-1, 1)
        path = observed + (target - last) * self._ramps.fraction[i]
        if momentum is None or trend is None:
            return path
        return path + self._ramps.weight(momentum)[i] * (trend - path)


@functools.lru_cache(maxsize=1)
def _target_levers() -> dict[str, int]:
    """Target levers (those with a year pair) -> their row in the stacked ramps."""
    return {name: i for i, name in enumerate(n for n, lv in catalogue().items() if lv.pair)}


class _Ramps:
    """Ramp fractions (L, S, Y) of every target lever of a lever set, in each lever's shape,
    and the linear fractions behind the momentum weights."""

    def __init__(self, levers: LeverSet) -> None:
        names = _target_levers()
        cat = levers.catalogue
        target_years = np.stack([levers.arrays[cat[n].pair] for n in names]).astype(float)
        self.years = levers.years
        self.linear = _ramp_rows(
            target_years.reshape(-1), levers.years, "linear", HISTORY_END
        ).reshape(len(names), levers.samples, -1)
        self.fraction = self.linear
        scurve = [i for n, i in names.items() if cat[n].ramp == "scurve"]
        if scurve:
            self.fraction = self.linear.copy()
            f = self.linear[scurve]
            self.fraction[scurve] = f * f * (3.0 - 2.0 * f)
        self._weights: dict[float, np.ndarray] = {}

    def weight(self, half_life: float) -> np.ndarray:
        """Momentum weights (L, S, Y), see :func:`pathways.timepaths.momentum_weight`."""
        cached = self._weights.get(half_life)
        if cached is None:
            cached = _decay(self.years, half_life) * (1.0 - self.linear)
            self._weights[half_life] = cached
        return cached


_OBSERVED: dict[tuple, tuple[object, tuple]] = {}


def _observed(
    history: dict, name: str, base_value: float, years: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray | None]:
    """(1, Y) observed values (held after 2024), the 2024 value and the (1, Y) trend line
    continuing the 2020-2024 slope after 2024 (None without a slope); cached per history
    object, lever, base value and year axis."""
    key = (id(history), name, base_value, years[0], years.size)
    cached = _OBSERVED.get(key)
    if cached is not None and cached[0] is history:
        return cached[1]
    anchor_years, anchor_values = history.get(name, ((), ()))
    hist_years = np.array([BASE_YEAR, *anchor_years], dtype=float)
    hist_values = np.array([base_value, *anchor_values], dtype=float)
    observed = np.interp(np.minimum(years, HISTORY_END), hist_years, hist_values)[None, :]
    last = np.interp(HISTORY_END, hist_years, hist_values)
    trend = None
    if len(hist_years) >= 2:
        slope = (last - hist_values[0]) / (HISTORY_END - hist_years[0])
        if slope != 0:
            trend = observed + slope * np.maximum(years - HISTORY_END, 0)[None, :]
    if len(_OBSERVED) >= 512:
        _OBSERVED.clear()
    _OBSERVED[key] = (history, (observed, last, trend))  # the history object keeps the id valid
    return observed, last, trend


@functools.lru_cache(maxsize=8)
def _decay_cached(first: int, size: int, half_life: float) -> np.ndarray:
    years = np.arange(first, first + size)
    after = np.maximum(years - HISTORY_END, 0)
    return np.where(years > HISTORY_END, np.exp2(-after / half_life), 0.0)


def _decay(years: np.ndarray, half_life: float) -> np.ndarray:
    """(Y,) 2^(-(t-2024)/half_life) after 2024, 0 up to 2024."""
    return _decay_cached(int(years[0]), int(years.size), float(half_life))
