"""The shared emissions model: levers + base data -> :class:`Result`.

Each pathway module turns its levers into paths; this module combines them by the accounting
identities of docs/methods.md. Every array is shaped (samples, years): one call evaluates one
lever set or ten thousand.

The modules (every file of :mod:`pathways.modules` defining ``MODULE``: drivers, lifestyle,
efficiency, energy mix, sinks, energy demand, power and heat, energy emissions, restoration, and
any plugged in) run in the order their needs give; :func:`balance` then adds every emission and
removal they provide (the components of ``Emissions|CO2`` and ``Carbon Removal`` in
data/variables.csv) into net CO2:

Net CO2 = energy CO2 + industrial process CO2                          (gross, before capture)
          - CO2 captured and stored from power and industry
          - forestry removals - BECCS - DAC - mine revegetation (+ restoration works emissions)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from pathways import calibration, modules, variables
from pathways._malloc import tune_malloc
from pathways._threads import limit_blas_threads
from pathways.data import BaseData
from pathways.indicators import compute_indicators
from pathways.levers import LeverSet
from pathways.modules import Module
from pathways.region import load_region
from pathways.result import Result
from pathways.scenario import lever_arrays
from pathways.variables import unit_of  # noqa: F401  (model.unit_of: the table's unit)

tune_malloc()
limit_blas_threads()

MIN_HORIZON, MAX_HORIZON = 2050, 2070


def year_axis(end: int = 2060) -> np.ndarray:
    """Years 2020..end (end between 2050 and 2070)."""
    if not MIN_HORIZON <= end <= MAX_HORIZON:
        raise ValueError(f"horizon must be between {MIN_HORIZON} and {MAX_HORIZON}, not {end}")
    return np.arange(2020, end + 1)


def run(
    levers: Mapping[str, object] | list[Mapping[str, object]],
    region: str = "china",
    end_year: int = 2060,
    base: BaseData | None = None,
    extra_modules: tuple[Module, ...] = (),
) -> Result:
    """Evaluate lever sets. ``levers``: one dict of values, a list of dicts, or a dict of (S,)
    arrays; missing levers take their catalogue default. Values are not range-checked here.
    ``extra_modules``: modules to plug in beside those of :mod:`pathways.modules`.
    """
    base = base or load_region(region)
    years = year_axis(end_year)
    lv = LeverSet(lever_arrays(levers, base.lever_defaults), years)
    return evaluate(lv, base, years, extra_modules)


def evaluate(
    lv: LeverSet, base: BaseData, years: np.ndarray, extra_modules: tuple[Module, ...] = ()
) -> Result:
    """Evaluate lever sets with 2021-2024 demand calibrated to published statistics."""
    lv = lv.with_history(base.history, base.s(calibration.HALF_LIFE_KEY))
    return _account(lv, base, years, calibrate(base), extra_modules)


def calibrate(base: BaseData) -> dict[str, np.ndarray]:
    """The 2021-2024 demand factors of ``base`` (:mod:`pathways.calibration`), solved once and
    kept on ``base``."""
    return calibration.demand_factors(base, _calibration_run)


def _calibration_run(base: BaseData, factors: dict[str, float]) -> Result:
    """The model with given 2024 demand factors; levers do not act before 2025, so defaults do."""
    years = year_axis(2060)
    lv = LeverSet(lever_arrays({}, base.lever_defaults), years, base.history)
    return _account(lv, base, years, factors)


@functools.lru_cache(maxsize=16)
def _pipeline(extra: tuple[Module, ...]) -> tuple[tuple[Module, ...], tuple, tuple]:
    """The modules in order, and the parts of net CO2 and of removals (the components of
    ``Emissions|CO2`` and ``Carbon Removal`` in data/variables.csv)."""
    order = modules.ordered((*modules.discovered(), *extra), given=("demand_factors",))
    table = variables.table()
    return order, table[NET].partitions[0], table[REMOVALS].partitions[0]


NET = "Emissions|CO2"
REMOVALS = "Carbon Removal"
REMOVALS_BRANCH = "Emissions|CO2|Carbon Removal"


def balance(
    q: Mapping[str, np.ndarray], emission_parts: tuple[str, ...], removal_parts: tuple[str, ...]
) -> dict[str, np.ndarray]:
    """Net CO2 from what the modules provide (Mt CO2/yr): removals are the sum of the
    ``Carbon Removal`` components present, and net CO2 the sum of the ``Emissions|CO2``
    components present, removals entering as the negative branch ``Emissions|CO2|Carbon
    Removal``. A module adds an emission or a removal by providing a component; nothing else
    lists it."""
    removals = sum(q[name] for name in removal_parts if name in q)
    out = {REMOVALS: removals, REMOVALS_BRANCH: -removals}
    parts = [out[n] if n in out else q[n] for n in emission_parts if n in out or n in q]
    out[NET] = sum(parts[1:], parts[0])
    return out


def _account(
    lv: LeverSet,
    base: BaseData,
    years: np.ndarray,
    demand_factors: dict[str, float],
    extra_modules: tuple[Module, ...] = (),
) -> Result:
    """Run the modules and the energy accounting in order, add the emissions and removals of
    pluggable modules to net CO2, and report the variables of data/variables.csv."""
    order, emission_parts, removal_parts = _pipeline(extra_modules)
    q = modules.run(order, lv, base, years, {"demand_factors": demand_factors})
    q.update(balance(q, emission_parts, removal_parts))
    table = variables.table()
    shape = q[NET].shape
    v = {}
    for name in table:  # the table's order; :func:`_read_only`, inlined (135 variables)
        array = q.get(name)
        if array is not None:
            if array.shape != shape:
                array = np.broadcast_to(array, shape)
            else:
                array.setflags(write=False)
            v[name] = array
    return Result(
        years=years,
        variables=v,
        units=_units(table, tuple(v)),  # data/variables.csv
        indicators=compute_indicators(v, years, base, order),
        region=base.region,
    )


def _read_only(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The (S, Y) array made read-only: broadcast when needed (a (1, Y) path). Arrays of the
    full shape are the modules' own results, frozen in place (a view would cost a call each;
    ``setflags`` costs half of ``flags.writeable``)."""
    if array.shape != shape:
        return np.broadcast_to(array, shape)
    array.setflags(write=False)
    return array


_UNITS: dict[tuple[int, tuple[str, ...]], tuple[dict, dict[str, str]]] = {}


def _units(table: dict, names: tuple[str, ...]) -> dict[str, str]:
    """The units of ``names`` in the variable ``table``, kept per table and names (a new dict
    each time: callers may change it)."""
    key = (id(table), names)
    cached = _UNITS.get(key)
    if cached is None or cached[0] is not table:
        if len(_UNITS) >= 32:
            _UNITS.clear()
        cached = _UNITS[key] = (table, {k: table[k].unit for k in names})
    return dict(cached[1])
