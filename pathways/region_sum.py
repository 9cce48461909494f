"""China as the sum of its provinces, plus one explicit reconciliation term per variable.

For every additive variable ``V`` (a quantity: its unit in ``data/variables.csv`` is not a share or
an index, :func:`is_additive`) and every year ``t``:

    S_V(t) = sum_p V_p(t) + R_V(t)

over the 30 CEADs provinces ``p``. ``S`` is the region "China (sum of provinces)", ``R`` the
region "China (reconciliation)"; both are written beside the nation and the provinces by
``pathways run --region all``. Shares and intensities are never summed: the sum region reports
only additive variables, and :func:`ratios` recomputes the headline ones from its sums.

The reconciliation term is fixed in the base year and then held as a share of the provincial
sum, ``R_V(t) = rho_V * sum_p V_p(t)`` (docs/methods.md section 16, "Provinces and the nation"):

- **CEADs scope** (energy CO2 and cement process CO2: ``Emissions|CO2|Energy`` and everything
  under it, ``Emissions|CO2|Industrial Processes|Cement``): ``rho`` is the inventory's own gap,
  CEADs' national inventory over its 30 provinces' sum in 2019, minus 1 (9.79 / 10.86 Gt - 1 =
  -9.8 %: provincial energy statistics count more than the national ones; the national inventory
  also covers Tibet, which has no provincial inventory).
- **Everything else** (energy, capacities, land, sinks, costs, population, GDP): ``rho`` is the
  national model's base year over the provinces' base-year sum, minus 1, taken once for each
  family of variables (the highest aggregate of ``data/variables.csv`` above the variable that
  holds no CEADs-scope variable), so that every aggregate of the sum region is still the sum of
  its components in each of its partitions. Where the provinces' base-year sum of a family is 0
  (e.g. no province's data has what the nation has), the term is the national base-year value,
  held; where it is 0 in the nation too (land restored since 2020, capture that starts later),
  the base year defines no gap and the term is 0: the sum region shows the provinces' own.
- An aggregate that holds CEADs-scope and other variables (``Emissions|CO2``) gets the sum of
  its components' terms.

Pure: numpy arrays shaped (samples, years); no Streamlit.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from pathways.data import DATA_DIR
from pathways.result import Result
from pathways.variables import table

SUM_REGION = "china-sum"  # data/regions.csv: "China (sum of provinces)"
RECONCILIATION_REGION = "china-reconciliation"  # "China (reconciliation)"
# units of shares, indices and ratios: recomputed from sums, never summed
NON_ADDITIVE_UNITS = frozenset({"%", "unit", "fraction", "index"})
# the variables whose base year is CEADs' (energy CO2 by sector, cement process CO2)
CEADS_SCOPE = ("Emissions|CO2|Energy", "Emissions|CO2|Industrial Processes|Cement")
CEADS_PROVINCES = "ceads_2019.csv"  # data/provinces/: the 30 provinces' 2019 rows
CEADS_NATIONAL = "ceads_national_2019.csv"  # data/provinces/: the national inventory, 2019
# shares recomputed in the sum region from its sums: name -> (numerator terms, denominator)
RATIOS = {
    "Diagnostics|Share|Electricity|Wind and Solar": (
        ("Secondary Energy|Electricity|Wind", "Secondary Energy|Electricity|Solar"),
        "Secondary Energy|Electricity",
    ),
}


class RegionSumError(ValueError):
    """The provinces cannot be summed (none given, or their variables or years differ)."""


@dataclass(frozen=True)
class Term:
    """How one variable's reconciliation term is made.

    ``rule``: ``ceads`` (the inventory's gap), ``base-year share`` (the family's base-year gap
    as a share of the provinces' sum), ``base-year level`` (the national base-year value, the
    provinces' sum being 0), ``none`` (0: the family is 0 in the base year in the nation and
    the provinces alike, e.g. land restored since 2020, so the base year defines no gap) or
    ``components`` (the sum of its components' terms); ``family``: the variable whose base year
    sets the share."""

    rule: str
    family: str


@dataclass(frozen=True)
class RegionSum:
    """The provinces' runs summed: ``provincial_sum`` (sum_p V_p), ``reconciliation`` (R_V) and
    ``total`` (S_V = sum_p V_p + R_V) as :class:`Result` objects on the same years, and the
    rule of each term."""

    provincial_sum: Result
    reconciliation: Result
    total: Result
    terms: dict[str, Term]


def is_additive(name: str) -> bool:
    """Whether ``name`` adds up over regions: its unit (data/variables.csv) is a quantity, not a
    share, index or ratio."""
    row = table().get(name)
    return row is not None and row.unit not in NON_ADDITIVE_UNITS


@functools.lru_cache(maxsize=1)
def ceads_gap() -> tuple[float, float, float]:
    """(national inventory, the 30 provinces' sum, national / provinces - 1) in 2019, Mt CO2,
    from data/provinces/ceads_national_2019.csv and ceads_2019.csv."""
    folder = DATA_DIR / "provinces"
    with (folder / CEADS_NATIONAL).open(encoding="utf-8", newline="") as handle:
        national = next(
            float(row["value"]) for row in csv.DictReader(handle) if row["fuel"] == "Scope 1 Total"
        )
    with (folder / CEADS_PROVINCES).open(encoding="utf-8", newline="") as handle:
        provinces = sum(
            float(row["value"]) for row in csv.DictReader(handle) if row["region"] != "CN-30"
        )
    return national, provinces, national / provinces - 1


@functools.lru_cache(maxsize=1)
def _tree() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(child -> parent aggregate, aggregate -> its first partition) of data/variables.csv."""
    parent: dict[str, str] = {}
    first: dict[str, tuple[str, ...]] = {}
    for name, row in table().items():
        if row.partitions:
            first[name] = row.partitions[0]
            for partition in row.partitions:
                for child in partition:
                    parent.setdefault(child, name)
    return parent, first


def _in_ceads_scope(name: str) -> bool:
    parent, _ = _tree()
    while True:
        if name in CEADS_SCOPE:
            return True
        if name not in parent:
            return False
        name = parent[name]


@functools.cache
def _holds_ceads(name: str) -> bool:
    """An aggregate with a CEADs-scope variable below it (but not itself in scope)."""
    _, first = _tree()
    return not _in_ceads_scope(name) and any(
        _in_ceads_scope(c) or _holds_ceads(c) for c in first.get(name, ())
    )


def term(name: str) -> Term:
    """The rule of ``name``'s reconciliation term (module docstring)."""
    if _in_ceads_scope(name):
        return Term("ceads", name)
    if _holds_ceads(name):
        return Term("components", name)
    parent, _ = _tree()
    family = name
    while family in parent and not _holds_ceads(parent[family]) and is_additive(parent[family]):
        family = parent[family]
    return Term("base-year share", family)


def reconcile(nation: Result, provinces: Mapping[str, Result]) -> RegionSum:
    """The sum of the provincial results with its reconciliation term against ``nation``
    (whose base year, ``years[0]``, sets the shares outside CEADs' scope)."""
    if not provinces:
        raise RegionSumError("no provinces to sum")
    results = list(provinces.values())
    years = nation.years
    for result in results:
        if not np.array_equal(result.years, years):
            raise RegionSumError(f"{result.region}: years differ from the nation's")
    names = [n for n in nation.variables if is_additive(n)]
    missing = [n for n in names if any(n not in r.variables for r in results)]
    if missing:
        raise RegionSumError(f"variables missing in a province: {', '.join(missing[:5])}")
    summed = {n: np.add.reduce([r.variables[n] for r in results]) for n in names}
    _, _, rho_ceads = ceads_gap()
    terms: dict[str, Term] = {}
    recon: dict[str, np.ndarray] = {}

    def family_term(n: str, family: str) -> np.ndarray:
        base_sum = summed[family][:, :1]
        base_nation = nation.variables[family][:, :1]
        if np.all(base_sum == 0):
            level = nation.variables[n][:, :1]
            terms[n] = Term("base-year level" if np.any(level != 0) else "none", family)
            return np.broadcast_to(level, summed[n].shape).copy()
        share = np.divide(base_nation, base_sum, out=np.ones_like(base_sum), where=base_sum != 0)
        return (share - 1) * summed[n]

    def solve(n: str) -> np.ndarray:
        if n in recon:
            return recon[n]
        rule = term(n)
        terms[n] = rule
        if rule.rule == "ceads":
            out = rho_ceads * summed[n]
        elif rule.rule == "components":
            out = np.add.reduce([solve(c) for c in _tree()[1][n] if c in summed])
        else:
            out = family_term(n, rule.family if rule.family in summed else n)
        recon[n] = out
        return out

    for n in names:
        solve(n)
    units = {n: nation.units[n] for n in names}
    total = {n: summed[n] + recon[n] for n in names}
    return RegionSum(
        provincial_sum=Result(years, summed, units, {}, region=SUM_REGION),
        reconciliation=Result(years, recon, dict(units), {}, region=RECONCILIATION_REGION),
        total=Result(years, total, dict(units), {}, region=SUM_REGION),
        terms=terms,
    )


def ratios(result: Result) -> dict[str, np.ndarray]:
    """Shares recomputed from a summed result's additive variables (:data:`RATIOS`), in %."""
    out = {}
    for name, (numerator, denominator) in RATIOS.items():
        den = result.variables[denominator]
        num = np.add.reduce([result.variables[n] for n in numerator])
        out[name] = 100 * np.divide(num, den, out=np.zeros_like(num), where=den != 0)
    return out


def provinces() -> list[str]:
    """The provinces summed: every region with a data folder under data/provinces/."""
    from pathways.data import is_province, list_regions

    return [r for r in list_regions() if is_province(r)]


def run(
    levers: Mapping[str, float] | None = None,
    preset: str | None = None,
    end_year: int = 2060,
) -> tuple[Result, dict[str, Result], RegionSum]:
    """The nation and every province under the same levers or preset (carried to each province
    as :func:`pathways.scenario.complete` does), and their :class:`RegionSum`."""
    from pathways import model, scenario

    def one(region: str) -> Result:
        return model.run(
            scenario.complete(dict(levers or {}), preset, region), region=region, end_year=end_year
        )

    nation = one("china")
    runs = {region: one(region) for region in provinces()}
    return nation, runs, reconcile(nation, runs)
