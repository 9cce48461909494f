"""Ensembles: one lever set evaluated under sampled uncertain inputs, chunk by chunk.

:func:`run_ensemble` draws the design of :mod:`pathways.sampling` for the uncertain inputs of
``data/<region>/uncertainty.csv`` (:mod:`pathways.uncertain_inputs`), evaluates each chunk in
one vectorised model call (data rows that differ by sample through
:mod:`pathways.sampled_data`, lever offsets on the lever arrays) and keeps, per sample, the
chosen variables (float32, Mt CO2/yr etc. as in data/variables.csv) and every indicator.
Chunks run locally one after the other (memory bounded by one chunk) or on a Dask cluster
(:mod:`pathways.scale_out`); a chunk depends only on (seed, chunk size, its index), so both give
the same numbers.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from pathways import model, sampling, uncertain_inputs, variables
from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.region import UNCERTAINTY_KEY, load_region
from pathways.result import Result
from pathways.sampled_data import with_samples
from pathways.scenario import catalogue, lever_arrays
from pathways.timepaths import HISTORY_END
from pathways.uncertain_inputs import UncertaintySet

NET = "Emissions|CO2"
HEADLINE = (
    NET,
    "Emissions|CO2|Energy and Industrial Processes",
    "Carbon Removal",
    "Primary Energy",
    "Primary Energy|Coal",
    "Primary Energy|Non-Fossil",
    "Secondary Energy|Electricity",
    "Carbon Removal|Mine Revegetation",
)
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


class Cancelled(Exception):
    """The caller's ``cancel`` callable asked to stop."""


@dataclass(frozen=True)
class EnsembleSpec:
    """What to run: one lever set (name -> value; missing levers take their default) under
    ``samples`` draws of the uncertain inputs. ``spread`` scales every draw's distance from the
    central value (0: no uncertainty, 1: the data's ranges). ``parameters``: a subset of the
    uncertain inputs by name (None: all)."""

    levers: Mapping[str, float] = field(default_factory=dict)
    region: str = "china"
    end_year: int = 2060
    samples: int = 1000
    seed: int = 1
    chunk: int = sampling.DEFAULT_CHUNK
    spread: float = 1.0
    variables: tuple[str, ...] = HEADLINE
    parameters: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.samples < 1 or self.chunk < 1:
            raise ValueError("samples and chunk size must be at least 1")
        if not np.isfinite(self.spread) or self.spread < 0:
            raise ValueError("spread must be a number of at least 0")


@dataclass
class ChunkResult:
    """One chunk: ``values`` (n, D) of the uncertain parameters, ``variables`` name -> (n, Y)
    float32, ``indicators`` name -> (n,)."""

    index: int
    values: np.ndarray
    variables: dict[str, np.ndarray]
    indicators: dict[str, np.ndarray]


@dataclass
class Ensemble:
    """All samples of a run (see :class:`ChunkResult`), in chunk order."""

    spec: EnsembleSpec
    years: np.ndarray
    parameters: tuple[str, ...]
    values: np.ndarray
    variables: dict[str, np.ndarray]
    indicators: dict[str, np.ndarray]
    units: dict[str, str]

    @property
    def samples(self) -> int:
        return self.values.shape[0]

    def quantiles(self, variable: str, q: tuple[float, ...] = QUANTILES) -> np.ndarray:
        """(len(q), Y) quantiles across samples, year by year."""
        return np.quantile(self.variables[variable], q, axis=0)

    def probability(self, indicator: str, test: Callable[[np.ndarray], np.ndarray]) -> float:
        """Share of samples whose ``indicator`` passes ``test`` (NaN counts as failing)."""
        values = self.indicators[indicator]
        with np.errstate(invalid="ignore"):
            return float(np.mean(test(values) & ~np.isnan(values)))

    def p_net_zero_by(self, year: int) -> float:
        """P(net CO2 reaches zero by ``year``)."""
        return self.probability("net_zero_year", lambda v: v <= year)


def uncertainty_of(base: BaseData, names: tuple[str, ...] | None = None) -> UncertaintySet:
    """The region's uncertain inputs (validated when the region was loaded), or the named
    subset."""
    found = base.extra.get(UNCERTAINTY_KEY)
    if found is None:  # base data not loaded by pathways.region.load_region
        found = uncertain_inputs.load(base, tuple(catalogue()))
        base.extra[UNCERTAINTY_KEY] = found
    return found if names is None else found.subset(names)


def sampled_inputs(
    uncertainty: UncertaintySet,
    base: BaseData,
    levers: Mapping[str, float],
    years: np.ndarray,
    values: np.ndarray,
) -> tuple[dict[str, np.ndarray], BaseData]:
    """Lever arrays (S,) and base data for ``values`` (S, D) of the uncertain parameters.

    A lever offset is added to the lever's value and kept within the catalogue range (a draw
    beyond it takes the bound); a factor multiplies a scalar or an emission factor in every
    year, and a path from the calibration year on, growing to its full value over the row's
    ``ramp_years``."""
    samples = values.shape[0]
    arrays = {k: np.repeat(v, samples) for k, v in lever_arrays(dict(levers)).items()}
    cat = catalogue()
    scalars: dict[str, np.ndarray] = {}
    factors: dict[str, np.ndarray] = {}
    series: dict[str, np.ndarray] = {}
    for j, p in enumerate(uncertainty.parameters):
        x = values[:, j]
        if p.kind == "lever":
            for name in fnmatch.filter(cat, p.target):
                moved = arrays[name] + x if p.applies == "offset" else arrays[name] * x
                arrays[name] = np.clip(moved, cat[name].min, cat[name].max)
        elif p.kind == "scalar":
            scalars[p.target] = scalars.get(p.target, base.scalars[p.target]) * x
        elif p.kind == "emission_factor":
            factors[p.target] = factors.get(p.target, base.emission_factors[p.target]) * x
        else:
            ramp = np.clip((years - HISTORY_END) / p.ramp_years, 0.0, 1.0)[None, :]
            step = 1.0 + (x[:, None] - 1.0) * ramp
            series[p.target] = series.get(p.target, 1.0) * step
    return arrays, with_samples(base, samples, scalars, factors, series)


def evaluate_values(spec: EnsembleSpec, values: np.ndarray, base: BaseData | None = None) -> Result:
    """The model at ``values`` (S, D) of the spec's uncertain parameters."""
    base = base or load_region(spec.region)
    years = model.year_axis(spec.end_year)
    uncertainty = uncertainty_of(base, spec.parameters)
    arrays, sampled = sampled_inputs(uncertainty, base, spec.levers, years, values)
    return model.evaluate(LeverSet(arrays, years), sampled, years)


def run_chunk(spec: EnsembleSpec, index: int) -> ChunkResult:
    """Chunk ``index`` of the spec's design, evaluated (what a Dask worker runs)."""
    base = load_region(spec.region)
    uncertainty = uncertainty_of(base, spec.parameters)
    size = sampling.chunk_sizes(spec.samples, spec.chunk)[index]
    values = sampling.design_chunk(uncertainty, size, spec.seed, index)
    centre = sampling.centrals(uncertainty)
    values = centre + spec.spread * (values - centre)
    result = evaluate_values(spec, values, base)
    return ChunkResult(
        index=index,
        values=values,
        variables={v: np.asarray(result[v], dtype=np.float32) for v in spec.variables},
        indicators={k: np.asarray(a, dtype=float) for k, a in result.indicators.items()},
    )


def run_ensemble(
    spec: EnsembleSpec,
    scheduler: object | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Ensemble:
    """Every chunk of ``spec``, locally or on a Dask cluster (``scheduler``: an address such as
    ``tcp://host:8786`` or a ``distributed.Client``). ``progress(done, total)`` is called after
    each chunk; ``cancel()`` returning True stops the run (:class:`Cancelled`)."""
    base = load_region(spec.region)
    uncertainty = uncertainty_of(base, spec.parameters)
    unknown = [v for v in spec.variables if v not in variables.table()]
    if unknown:
        raise ValueError(f"unknown variable(s): {', '.join(unknown)}")
    total = len(sampling.chunk_sizes(spec.samples, spec.chunk))
    if scheduler is None:
        chunks = []
        for index in range(total):
            if cancel is not None and cancel():
                raise Cancelled
            chunks.append(run_chunk(spec, index))
            if progress is not None:
                progress(index + 1, total)
    else:
        from pathways.scale_out import run_on_cluster

        chunks = run_on_cluster(spec, total, scheduler, progress, cancel)
    table = variables.table()
    return Ensemble(
        spec=spec,
        years=model.year_axis(spec.end_year),
        parameters=uncertainty.names,
        values=np.concatenate([c.values for c in chunks]),
        variables={v: np.concatenate([c.variables[v] for c in chunks]) for v in spec.variables},
        indicators={
            k: np.concatenate([c.indicators[k] for c in chunks]) for k in chunks[0].indicators
        },
        units={v: table[v].unit for v in spec.variables},
    )
