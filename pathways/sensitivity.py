"""Sensitivity of an indicator: a tornado (one input at a time at its low and high) and Sobol
first- and total-order indices (SALib: Saltelli's scheme with Sobol sequences, Jansen's
estimators, bootstrap confidence intervals).

Indicators are those of :mod:`pathways.indicators` (per sample). A net-zero year that is never
reached counts as one year after the horizon (``end_year + 1``), so that it can be ranked.

Sobol indices treat the inputs as independent (the method's assumption): the rank correlations
of uncertainty_correlations.csv are not applied to the Sobol design, only to ensembles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from pathways import sampling
from pathways.ensemble import EnsembleSpec, evaluate_values, sampled_inputs, uncertainty_of
from pathways.levers import LeverSet
from pathways.model import evaluate, year_axis
from pathways.region import load_region
from pathways.scenario import catalogue, lever_arrays

INDICATORS = ("cumulative_2020_2060", "net_2060", "net_zero_year", "peak_year")
EDGE = 1e-9  # probabilities are kept inside (EDGE, 1 - EDGE): a normal's ppf(0) is -inf


def indicator_values(result, indicator: str, end_year: int) -> np.ndarray:
    """The indicator per sample; a net-zero year never reached -> ``end_year + 1``."""
    values = np.asarray(result.indicators[indicator], dtype=float)
    if indicator == "net_zero_year":
        values = np.where(np.isnan(values), end_year + 1.0, values)
    return values


@dataclass(frozen=True)
class TornadoBar:
    """One input at its low and its high, the others central: the indicator at each end."""

    name: str
    kind: str  # "parameter" (an uncertain input) or "lever"
    low: float  # the input's low end (factor/offset for a parameter, lever value)
    high: float
    at_low: float  # indicator value
    at_high: float

    @property
    def swing(self) -> float:
        return abs(self.at_high - self.at_low)


@dataclass(frozen=True)
class Tornado:
    indicator: str
    central: float
    bars: tuple[TornadoBar, ...]  # largest swing first


def tornado(
    spec: EnsembleSpec,
    indicator: str,
    probability: float = 0.9,
    include_levers: bool = True,
) -> Tornado:
    """Each uncertain parameter at the ends of its central ``probability`` interval (5th and
    95th percentile by default) and, with ``include_levers``, each lever at its catalogue
    minimum and maximum, the others at the scenario's values: one vectorised model call."""
    base = load_region(spec.region)
    years = year_axis(spec.end_year)
    uncertainty = uncertainty_of(base, spec.parameters)
    centre = sampling.centrals(uncertainty)
    d = centre.size
    rows = [centre]  # row 0: everything central
    labels: list[tuple[str, str, float, float]] = []
    for j, p in enumerate(uncertainty.parameters):
        low, high = p.interval(probability)
        for value in (low, high):
            row = centre.copy()
            row[j] = value
            rows.append(row)
        labels.append((p.name, "parameter", low, high))
    values = np.array(rows).reshape(-1, d)
    arrays, sampled = sampled_inputs(uncertainty, base, spec.levers, years, values)
    at = indicator_values(evaluate(LeverSet(arrays, years), sampled, years), indicator, years[-1])
    bars = [
        TornadoBar(name, kind, low, high, at[1 + 2 * i], at[2 + 2 * i])
        for i, (name, kind, low, high) in enumerate(labels)
    ]
    if include_levers:
        bars += _lever_bars(spec, indicator)
    bars.sort(key=lambda b: -b.swing)
    return Tornado(indicator, float(at[0]), tuple(bars))


def _lever_bars(spec: EnsembleSpec, indicator: str) -> list[TornadoBar]:
    """Each lever at its catalogue minimum and maximum (central data), one call."""
    cat = catalogue()
    names = [n for n, lever in cat.items() if lever.max > lever.min]
    one = lever_arrays(dict(spec.levers))
    arrays = {k: np.repeat(v, 2 * len(names)) for k, v in one.items()}
    for i, name in enumerate(names):
        arrays[name][2 * i] = cat[name].min
        arrays[name][2 * i + 1] = cat[name].max
    base = load_region(spec.region)
    years = year_axis(spec.end_year)
    at = indicator_values(evaluate(LeverSet(arrays, years), base, years), indicator, years[-1])
    return [
        TornadoBar(name, "lever", cat[name].min, cat[name].max, at[2 * i], at[2 * i + 1])
        for i, name in enumerate(names)
    ]


@dataclass(frozen=True)
class SobolIndices:
    """First-order (S1) and total-order (ST) indices with their 95 % confidence half-widths."""

    names: tuple[str, ...]
    first: np.ndarray
    first_conf: np.ndarray
    total: np.ndarray
    total_conf: np.ndarray
    evaluations: int

    def ranking(self) -> list[int]:
        """Indices of the inputs, largest total-order index first."""
        return list(np.argsort(-self.total))


def sobol_indices(
    names: tuple[str, ...],
    evaluate_u: Callable[[np.ndarray], np.ndarray],
    base_samples: int = 512,
    seed: int = 1,
    batch: int = 4096,
    progress: Callable[[int, int], None] | None = None,
) -> SobolIndices:
    """Sobol indices of a function of independent inputs given as probabilities:
    ``evaluate_u(u)`` maps (n, D) probabilities in (0, 1) to (n,) outputs. ``base_samples``
    (a power of 2) x (D + 2) evaluations, done ``batch`` rows at a time."""
    problem = {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}
    u = sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
    u = np.clip(u, EDGE, 1.0 - EDGE)
    out = np.empty(u.shape[0])
    for start in range(0, u.shape[0], batch):
        out[start : start + batch] = evaluate_u(u[start : start + batch])
        if progress is not None:
            progress(min(start + batch, u.shape[0]), u.shape[0])
    analysed = sobol_analyze.analyze(
        problem, out, calc_second_order=False, seed=seed, print_to_console=False
    )
    return SobolIndices(
        names=tuple(names),
        first=np.asarray(analysed["S1"]),
        first_conf=np.asarray(analysed["S1_conf"]),
        total=np.asarray(analysed["ST"]),
        total_conf=np.asarray(analysed["ST_conf"]),
        evaluations=int(u.shape[0]),
    )


def model_sobol(
    spec: EnsembleSpec,
    indicator: str,
    base_samples: int = 512,
    progress: Callable[[int, int], None] | None = None,
) -> SobolIndices:
    """Sobol indices of ``indicator`` over the spec's uncertain inputs (seeded by the spec)."""
    base = load_region(spec.region)
    uncertainty = uncertainty_of(base, spec.parameters)

    def evaluate_u(u: np.ndarray) -> np.ndarray:
        values = sampling.values_at(uncertainty, u)
        return indicator_values(evaluate_values(spec, values, base), indicator, spec.end_year)

    return sobol_indices(uncertainty.names, evaluate_u, base_samples, spec.seed, progress=progress)
