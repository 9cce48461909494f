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
        self._stacked = self.samples <= STACK_MAX_SAMPLES and _pairs() <= arrays.keys()
        self._built: dict[str, tuple[float, np.ndarray]] = {}  # name -> (base value, path)

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
        built = self._built.get(name)  # asked before in this lever set: the same base value
        if built is not None and built[0] == base_value:
            return built[1]
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
        if self._ramps is None:
            self._ramps = _Ramps(self)
        stacked = self._ramps.paths(self)
        row = stacked.rows.get(name)
        if row is not None and stacked.base_values[row] == base_value:
            if not self._built:  # every known path at once: later calls are one lookup
                self._built = dict(
                    zip(
                        stacked.rows,
                        zip(stacked.base_values, stacked.values, strict=True),
                        strict=True,
                    )
                )
            return stacked.values[row]
        observed, last, trend = _observed(self.history, name, base_value, self.years)
        stacked.known.setdefault(name, base_value)  # built with the others from the next set on
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


@functools.lru_cache(maxsize=1)
def _pairs() -> frozenset[str]:
    """The year levers of the target levers."""
    return frozenset(_pair_names())


@functools.lru_cache(maxsize=1)
def _pair_names() -> tuple[str, ...]:
    """The year lever of each target lever, in the order of :func:`_target_levers`."""
    return tuple(catalogue()[n].pair for n in _target_levers())


@functools.lru_cache(maxsize=1)
def _scurve_rows() -> list[int]:
    """Rows of :func:`_target_levers` whose ramp is an S-curve."""
    return [i for n, i in _target_levers().items() if catalogue()[n].ramp == "scurve"]


def rows(arrays: list[np.ndarray]) -> np.ndarray:
    """Equal-length 1-D arrays as the rows of one (K, S) array: ``np.stack`` with fewer calls
    (numpy's ``stack`` costs about a microsecond an array)."""
    return np.concatenate(arrays).reshape(len(arrays), -1)


class _Ramps:
    """Ramp fractions (L, S, Y) of every target lever of a lever set, in each lever's shape,
    and the linear fractions behind the momentum weights."""

    def __init__(self, levers: LeverSet) -> None:
        names = _target_levers()
        target_years = rows([levers.arrays[pair] for pair in _pair_names()])
        self.years = levers.years
        self.linear = _ramp_rows(
            target_years.astype(float, copy=False).reshape(-1), levers.years, "linear", HISTORY_END
        ).reshape(len(names), levers.samples, -1)
        self._fraction: np.ndarray | None = None
        self._weights: dict[float, np.ndarray] = {}
        self._paths: _StackedPaths | None = None

    @property
    def fraction(self) -> np.ndarray:
        """Ramp fractions (L, S, Y) of every target lever in its shape (linear or S-curve)."""
        if self._fraction is None:
            self._fraction = self.fraction_rows(np.arange(len(self.linear)), _scurve_rows())
        return self._fraction

    def fraction_rows(self, index: np.ndarray, scurve: list[int]) -> np.ndarray:
        """The rows ``index`` of :attr:`fraction`, computed for those rows only; ``scurve``:
        the positions in ``index`` of the levers with S-curve ramps."""
        fraction = self.linear[index]
        if scurve:
            f = fraction[scurve]
            fraction[scurve] = f * f * (3.0 - 2.0 * f)
        return fraction

    def paths(self, levers: LeverSet) -> _StackedPaths:
        """The paths of every target lever whose base value earlier lever sets on the same
        history used, computed together (S, Y) each."""
        if self._paths is None:
            self._paths = _StackedPaths(levers, self)
        return self._paths

    def weight(self, half_life: float) -> np.ndarray:
        """Momentum weights (L, S, Y), see :func:`pathways.timepaths.momentum_weight`."""
        cached = self._weights.get(half_life)
        if cached is None:
            cached = _decay(self.years, half_life) * (1.0 - self.linear)
            self._weights[half_life] = cached
        return cached

    def weight_rows(self, half_life: float, index: np.ndarray) -> np.ndarray:
        """The rows ``index`` of :meth:`weight` ((K, S, Y)), computed for those rows only."""
        cached = self._weights.get(half_life)
        if cached is not None:
            return cached[index]
        return _decay(self.years, half_life) * (1.0 - self.linear[index])


class _Known:
    """Base values the target levers were asked with on one history and year axis, and the
    stacked constants of those levers: observed values (K, 1, Y), 2024 values (K, 1, 1), and
    the trend lines (M, 1, Y) of the M levers with momentum."""

    def __init__(self) -> None:
        self.base_values: dict[str, float] = {}
        # (names, observed, last, momentum rows, trend, ramp rows, their momentum rows, momentum
        # rows as an index array, S-curve positions, row of each name, base values in order)
        self.built: tuple | None = None

    def stacked(self, levers: LeverSet) -> tuple:
        if self.built is None or len(self.built[0]) != len(self.base_values):
            names = tuple(self.base_values)
            consts = [
                _observed(levers.history, n, self.base_values[n], levers.years) for n in names
            ]
            moving = [
                k
                for k, (n, c) in enumerate(zip(names, consts, strict=True))
                if c[2] is not None and len(levers.history.get(n, ((), ()))[0])
            ]
            index = np.array([_target_levers()[n] for n in names], dtype=np.intp)
            scurve = set(_scurve_rows())
            self.built = (
                names,
                np.stack([c[0] for c in consts]) if names else None,
                np.array([c[1] for c in consts])[:, None, None] if names else None,
                moving,
                np.stack([consts[k][2] for k in moving]) if moving else None,
                index,  # rows of the known levers in the stacked ramps
                index[moving],  # the same of those with momentum
                np.array(moving, dtype=np.intp),
                [k for k, i in enumerate(index) if i in scurve],  # S-curve ramps among them
                {name: k for k, name in enumerate(names)},  # row of each name
                [self.base_values[n] for n in names],
            )
        return self.built


_KNOWN: dict[tuple, tuple[object, _Known]] = {}


def _known(levers: LeverSet) -> _Known:
    """The :class:`_Known` of a lever set's history object, year axis and half-life."""
    key = (id(levers.history), int(levers.years[0]), levers.years.size, levers.half_life)
    cached = _KNOWN.get(key)
    if cached is not None and cached[0] is levers.history:
        return cached[1]
    if len(_KNOWN) >= 16:
        _KNOWN.clear()
    known = _Known()
    _KNOWN[key] = (levers.history, known)  # the history object keeps the id valid
    return known


class _StackedPaths:
    """Paths (S, Y) of the known target levers of one lever set, computed in one pass with the
    same operations as :meth:`LeverSet.path`."""

    def __init__(self, levers: LeverSet, ramps: _Ramps) -> None:
        known = _known(levers)
        self.known = known.base_values
        (names, observed, last, moving, trend, index, moving_index, moving_rows, scurve) = (
            known.stacked(levers)[:9]
        )
        self.rows, self.base_values = known.built[9:]  # not changed: shared with later sets
        self.values: np.ndarray | list = []
        if not names:
            return
        targets = rows([levers.arrays[n] for n in names])[:, :, None]
        values = observed + (targets - last) * ramps.fraction_rows(index, scurve)
        if moving and levers.half_life is not None:
            weight = ramps.weight_rows(levers.half_life, moving_index)
            part = values[moving_rows]
            values[moving_rows] = part + weight * (trend - part)
        values.flags.writeable = False  # rows are handed out as views
        self.values = values


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
