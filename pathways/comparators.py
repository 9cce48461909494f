"""Published headline numbers a preset reproduces ("published comparators").

Each preset file may carry ``[[comparators]]`` tables: variable, year, value, unit, tolerance (% of
the value) and source, with an optional ``comparison`` (``"="`` by default; ``">="``/``"<="`` for
a published bound). Besides result variables, derived variables are understood:
``Share|<variable>`` (% of its parent, e.g. ``Share|Primary Energy|Non-Fossil`` or
``Share|Primary Energy|Coal``), ``Year|Net Zero CO2`` / ``Year|Peak CO2`` (year) and
``Indicator|<name>`` (an indicator of pathways.indicators).
The trajectory chart can show them as markers; tests/test_preset_comparators.py checks them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

import numpy as np

from pathways.scenario import PRESET_DIR, list_presets


@dataclass(frozen=True)
class Comparator:
    variable: str
    year: int
    value: float
    unit: str
    tolerance: float  # % of value
    source: str
    comparison: str = "="
    departure: str = ""  # where and why the preset departs from this number (then not checked)
    status: str = "verify"  # found / derived / verify, as in data/

    def matches(self, modelled: float) -> bool:
        if self.comparison == ">=":
            return modelled >= self.value * (1 - self.tolerance / 100)
        if self.comparison == "<=":
            return modelled <= self.value * (1 + self.tolerance / 100)
        return abs(modelled - self.value) <= abs(self.value) * self.tolerance / 100


def preset_comparators(name: str) -> tuple[Comparator, ...]:
    """The comparators of a preset (empty when it has none)."""
    if name not in list_presets(None):
        raise KeyError(name)
    with (PRESET_DIR / f"{name}.toml").open("rb") as handle:
        doc = tomllib.load(handle)
    return tuple(
        Comparator(
            variable=str(c["variable"]),
            year=int(c["year"]),
            value=float(c["value"]),
            unit=str(c["unit"]),
            tolerance=float(c["tolerance"]),
            source=str(c["source"]),
            comparison=str(c.get("comparison", "=")),
            departure=str(c.get("departure", "")),
            status=str(c.get("status", "verify")),
        )
        for c in doc.get("comparators", ())
    )


def modelled(result, comparator: Comparator, sample: int = 0) -> float:
    """The model's value for a comparator's variable and year (first sample by default)."""
    v, years = result.variables, result.years
    variable = comparator.variable
    if variable == "Year|Net Zero CO2":
        return float(result.indicators["net_zero_year"][sample])
    if variable == "Year|Peak CO2":
        return float(result.indicators["peak_year"][sample])
    if variable.startswith("Indicator|"):
        return float(result.indicators[variable.removeprefix("Indicator|")][sample])
    i = int(np.searchsorted(years, comparator.year))
    if variable.startswith("Share|"):  # e.g. Share|Primary Energy|Coal: % of Primary Energy
        part = variable.removeprefix("Share|")
        whole = part.rsplit("|", 1)[0]
        return float(100 * v[part][sample, i] / v[whole][sample, i])
    return float(v[variable][sample, i])
