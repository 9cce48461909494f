"""Side-by-side comparison of two to four scenarios (pure numpy/pandas; no streamlit).

Each scenario is a :class:`Entry` (label, region, complete levers, where it came from). One batch
call of the model per region evaluates them all; the comparison gives

- net CO2 trajectories (year x scenario),
- the indicator table with each scenario's difference from the first (the reference),
- each path's cumulative contribution against current policies (Shapley wedges,
  :mod:`pathways.contributions`),
- mine restoration figures side by side (when the model has the restoration module),

and the whole comparison as one tidy CSV (user-typed labels made formula-safe).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pathways import model
from pathways.contributions import ECONOMY, PATHS, Contributions, shapley
from pathways.indicators import INDICATOR_UNITS, NET
from pathways.result import Result
from pathways.safe_csv import to_safe_csv
from pathways.scenario import defaults

MIN_SCENARIOS, MAX_SCENARIOS = 2, 4
INDICATORS = (
    "peak_year",
    "peak_level",
    "net_zero_year",
    "net_2030",
    "net_2060",
    "cumulative_2020_2060",
    "nonfossil_share_2030",
    "nonfossil_share_2060",
    "co2_per_gdp_vs_2005_2030",
    "wind_solar_2030",
)
MINE = "Carbon Removal|Mine Revegetation"
REMOVALS = (
    "Carbon Capture|Storage|Electricity",
    "Carbon Capture|Storage|Industry",
    "Carbon Removal|Forestry",
    MINE,
    "Carbon Removal|BECCS",
    "Carbon Removal|Direct Air Capture",
)
# (key, variable, how, year or None, unit if the variable's own unit is not used)
RESTORATION_ROWS = (
    ("resto_sink_2060", MINE, "at", 2060, None),
    ("resto_seq_cumulative", MINE, "sum", 2060, "Mt CO2"),
    ("resto_share_2060", MINE, "share", 2060, "%"),
    ("resto_restored_2060", "Land|Mine|Restored", "at", 2060, None),
    ("resto_works_cumulative", "Emissions|CO2|Mine Restoration Works", "sum", 2060, "Mt CO2"),
    ("resto_cost_cumulative", "Cost|Mine Restoration", "sum", 2060, None),
    ("resto_pv_2060", "Capacity|Electricity|Solar|Mine Land", "at", 2060, None),
    ("resto_avoided_pv_cumulative", "Avoided Emissions|CO2|Mine Land PV", "sum", 2060, "Mt CO2"),
    ("resto_pumped_2060", "Capacity|Electricity|Storage|Mine Pumped Hydro", "at", 2060, None),
)


class CompareError(ValueError):
    """Too few or too many scenarios, or duplicate labels."""


@dataclass
class Entry:
    """One scenario to compare. ``source``: preset, saved, current or upload."""

    label: str
    levers: dict[str, float]
    region: str = "china"
    source: str = "current"


@dataclass
class Comparison:
    entries: list[Entry]
    results: list[Result]  # one single-sample result per entry
    contributions: list[Contributions] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [e.label for e in self.entries]

    @property
    def years(self) -> np.ndarray:
        return self.results[0].years

    @property
    def has_restoration(self) -> bool:
        return all(MINE in r.variables for r in self.results)


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Labels made unique by appending (2), (3) ... to repeats."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        label = str(label).strip() or "?"
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def compare(
    entries: Sequence[Entry],
    end_year: int = 2060,
    contributions: bool = True,
    baseline: dict[str, float] | Callable[[str], dict[str, float]] | None = None,
    run: Callable[[dict[str, float], str], Result] | None = None,
    split: Callable[[dict[str, float], dict[str, float], str], Contributions] | None = None,
) -> Comparison:
    """Run the scenarios (one batch per region) and their contributions vs ``baseline`` (the
    levers, or a function of the region giving them; default: each region's defaults).
    ``run(levers, region)`` and ``split(levers, baseline, region)``, when given, replace the
    batch run and the Shapley split (the dashboard passes its cached ones, horizon 2060)."""
    entries = list(entries)
    if not MIN_SCENARIOS <= len(entries) <= MAX_SCENARIOS:
        raise CompareError(
            f"pick {MIN_SCENARIOS} to {MAX_SCENARIOS} scenarios to compare, not {len(entries)}"
        )
    labels = unique_labels([e.label for e in entries])
    entries = [
        Entry(lab, e.levers, e.region, e.source) for lab, e in zip(labels, entries, strict=True)
    ]
    results: list[Result | None] = [None] * len(entries)
    if callable(baseline):
        base_of = baseline
    else:
        base_of = (lambda region: baseline) if baseline is not None else defaults
    if run is not None:
        results = [run(e.levers, e.region) for e in entries]
        split = split or (lambda levers, base, region: shapley(levers, base, region=region))
        contribs = (
            [split(e.levers, base_of(e.region), e.region) for e in entries] if contributions else []
        )
        return Comparison(entries, results, contribs)  # type: ignore[arg-type]
    for region in dict.fromkeys(e.region for e in entries):
        idx = [i for i, e in enumerate(entries) if e.region == region]
        batch = model.run([entries[i].levers for i in idx], region=region, end_year=end_year)
        for k, i in enumerate(idx):
            results[i] = batch.sample(k)
    contribs = (
        [shapley(e.levers, base_of(e.region), region=e.region, end_year=end_year) for e in entries]
        if contributions
        else []
    )
    return Comparison(entries, results, contribs)  # type: ignore[arg-type]


# --- tables ---------------------------------------------------------------------------------


def trajectories(cmp: Comparison, variable: str = NET) -> pd.DataFrame:
    """Year x scenario table of ``variable`` (default net CO2, Mt CO2/yr)."""
    return pd.DataFrame(
        {label: r.variables[variable][0] for label, r in zip(cmp.labels, cmp.results, strict=True)},
        index=pd.Index([int(y) for y in cmp.years], name="year"),
    )


def _deltas(labels: Sequence[str], values: Sequence[float]) -> dict[str, float]:
    """'Δ label' -> value minus the first value (rounding noise below 1e-9 relative -> 0)."""
    scale = max((abs(v) for v in values if np.isfinite(v)), default=0.0)
    out = {}
    for label, value in zip(labels[1:], values[1:], strict=True):
        delta = value - values[0]
        out[f"Δ {label}"] = 0.0 if abs(delta) <= 1e-9 * scale else delta
    return out


def indicator_table(cmp: Comparison, keys: Sequence[str] = INDICATORS) -> pd.DataFrame:
    """Rows: indicators (key, unit); columns: each scenario, then 'Δ <label>' for every scenario
    after the first (difference from the first; NaN when a year is not reached)."""
    rows = []
    for key in keys:
        values = [float(r.indicators[key][0]) for r in cmp.results]
        row = {"indicator": key, "unit": INDICATOR_UNITS.get(key, "")}
        row.update(dict(zip(cmp.labels, values, strict=True)))
        row.update(_deltas(cmp.labels, values))
        rows.append(row)
    return pd.DataFrame(rows)


def contribution_table(cmp: Comparison, until: int = 2060) -> pd.DataFrame:
    """Rows: paths; columns: scenarios; cumulative reduction vs current policies (Gt CO2)."""
    if not cmp.contributions:
        return pd.DataFrame()
    players = list(PATHS)
    if any(ECONOMY in c.wedges and np.any(c.wedges[ECONOMY]) for c in cmp.contributions):
        players.append(ECONOMY)
    data = {
        label: [c.cumulative(until).get(p, 0.0) for p in players]
        for label, c in zip(cmp.labels, cmp.contributions, strict=True)
    }
    frame = pd.DataFrame(data, index=pd.Index(players, name="path"))
    frame.loc["total"] = [float(c.total[c.years <= until].sum()) / 1000 for c in cmp.contributions]
    return frame.reset_index()


def _all_removals(r: Result) -> np.ndarray:
    return sum((r.variables[v][0] for v in REMOVALS if v in r.variables), np.zeros(len(r.years)))


def restoration_table(cmp: Comparison) -> pd.DataFrame:
    """Mine restoration side by side (rows whose variable the model has); empty without it."""
    rows = []
    for key, variable, how, year, unit in RESTORATION_ROWS:
        if not all(variable in r.variables for r in cmp.results):
            continue
        values = []
        for r in cmp.results:
            series = r.variables[variable][0]
            upto = r.years <= year
            col = int(np.searchsorted(r.years, min(year, int(r.years[-1]))))
            if how == "at":
                values.append(float(series[col]))
            elif how == "sum":
                values.append(float(series[upto].sum()))
            else:  # share of all removals
                total = _all_removals(r)[col]
                values.append(float(100 * series[col] / total) if total > 0 else 0.0)
        own = cmp.results[0].units.get(variable, "")
        if how == "sum" and own.endswith("/yr"):
            own = own.removesuffix("/yr")
        row = {"item": key, "unit": unit or own}
        row.update(dict(zip(cmp.labels, values, strict=True)))
        row.update(_deltas(cmp.labels, values))
        rows.append(row)
    return pd.DataFrame(rows)


def lever_differences(cmp: Comparison) -> pd.DataFrame:
    """Levers on which the scenarios differ (rows), values per scenario (columns)."""
    names = [n for n in cmp.entries[0].levers if len({e.levers.get(n) for e in cmp.entries}) > 1]
    return pd.DataFrame(
        {"lever": names} | {e.label: [e.levers.get(n) for n in names] for e in cmp.entries}
    )


def to_csv(cmp: Comparison, label: Callable[[str], str] | None = None) -> str:
    """The whole comparison as one tidy CSV: section, item, unit, scenario, region, year, value.

    ``label`` turns indicator/path keys into display names (default: the key). Scenario labels
    and any other text are neutralised against spreadsheet formula injection.
    """
    name = label or (lambda key: key)
    rows: list[dict[str, object]] = []
    regions = {e.label: e.region for e in cmp.entries}
    for variable in (NET,):
        frame = trajectories(cmp, variable)
        unit = cmp.results[0].units.get(variable, "")
        for year, values in frame.iterrows():
            for scen, value in values.items():
                rows.append(
                    {"section": "trajectory", "item": variable, "unit": unit, "scenario": scen,
                     "year": int(year), "value": float(value)}
                )  # fmt: skip
    for section, table, key, unit in (
        ("indicator", indicator_table(cmp), "indicator", None),
        ("contribution_2020_2060", contribution_table(cmp), "path", "Gt CO2"),
        ("mine_restoration", restoration_table(cmp), "item", None),
    ):
        for _, row in table.iterrows():
            for scen in cmp.labels:
                rows.append(
                    {"section": section, "item": name(str(row[key])),
                     "unit": unit or row["unit"], "scenario": scen, "year": None,
                     "value": row[scen]}
                )  # fmt: skip
    frame = pd.DataFrame(rows, columns=["section", "item", "unit", "scenario", "year", "value"])
    frame.insert(4, "region", frame["scenario"].map(regions))
    frame["year"] = frame["year"].astype("Int64")
    return to_safe_csv(frame, columns=["item", "unit", "scenario", "region"])
