"""How much each pathway closes the gap to a baseline: a Shapley decomposition.

The players ("wedges") and the levers each one moves are declared in data/wedges.csv: a wedge takes
the levers it lists by name and every other lever of the catalogue modules it lists (energy mix,
efficiency, lifestyle, natural sinks, mine restoration, CCUS; plus the economy, shown only when
the GDP drivers differ from the baseline). A coalition S
is the baseline with the levers of the paths in S set to the scenario's values; v(S) is the net
CO2 of that lever set in every year. The contribution (wedge) of path i in year t is its Shapley
value

    phi_i(t) = sum over S not containing i of |S|! (n - |S| - 1)! / n! * (v(S, t) - v(S + i, t))

so the wedges add up to v(baseline) - v(scenario) in every year and do not depend on the order in
which paths are switched on. All 2^n coalitions are evaluated in one batch call of the model.
Pure numpy; no streamlit.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from math import factorial
from pathlib import Path

import numpy as np

from pathways import model
from pathways.scenario import catalogue

WEDGES_FILE = Path(__file__).resolve().parents[1] / "data" / "wedges.csv"
NET = "Emissions|CO2"


@dataclass(frozen=True)
class Wedge:
    """One row of data/wedges.csv."""

    name: str
    modules: tuple[str, ...]  # catalogue modules whose levers it takes (unless listed elsewhere)
    levers: tuple[str, ...]  # levers it takes by name
    always: bool  # shown with a zero wedge too (else only when its levers differ)
    colour: str


@functools.lru_cache(maxsize=1)
def wedges() -> dict[str, Wedge]:
    """The wedges of data/wedges.csv by name, in the file's order."""
    with WEDGES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["wedge"]: Wedge(
            row["wedge"],
            tuple(m for m in row["modules"].split(";") if m),
            tuple(n for n in row["levers"].split(";") if n),
            row["shown"] == "always",
            row["colour"],
        )
        for row in rows
    }


PATHS = tuple(name for name, w in wedges().items() if w.always)
ECONOMY = next(name for name, w in wedges().items() if not w.always)


@functools.cache
def path_of(lever_name: str) -> str:
    """The wedge (player) a lever belongs to: the wedge listing it by name, else the wedge
    listing its catalogue module."""
    for name, w in wedges().items():
        if lever_name in w.levers:
            return name
    module = catalogue()[lever_name].module
    for name, w in wedges().items():
        if module in w.modules:
            return name
    raise KeyError(f"data/wedges.csv: no wedge takes lever '{lever_name}' (module '{module}')")


@dataclass(frozen=True)
class Contributions:
    """Per-year wedges (reduction vs the baseline, Mt CO2/yr; positive = lower emissions)."""

    years: np.ndarray
    wedges: dict[str, np.ndarray]  # player -> (Y,)
    baseline: np.ndarray  # (Y,) variable in the baseline
    scenario: np.ndarray  # (Y,) variable in the scenario
    variable: str = NET

    @property
    def players(self) -> list[str]:
        return list(self.wedges)

    @property
    def total(self) -> np.ndarray:
        """Baseline minus scenario, which the wedges add up to."""
        return self.baseline - self.scenario

    def cumulative(self, until: int = 2060) -> dict[str, float]:
        """Each wedge summed over the years up to ``until`` (Gt CO2 for an Mt CO2/yr variable)."""
        keep = self.years <= until
        return {k: float(v[keep].sum()) / 1000 for k, v in self.wedges.items()}


def shapley(
    levers: Mapping[str, float],
    baseline: Mapping[str, float],
    region: str = "china",
    end_year: int = 2060,
    variable: str = NET,
    base=None,
) -> Contributions:
    """Shapley wedges of ``levers`` against ``baseline`` (both complete or partial lever dicts).

    Every path in :data:`PATHS` gets a wedge (zero when none of its levers differ); the economy
    is added only when a driver lever differs, so the wedges always sum to baseline - scenario.
    """
    cat = catalogue()
    full_base = {name: float(baseline.get(name, lv.default)) for name, lv in cat.items()}
    full_scen = {name: float(levers.get(name, full_base[name])) for name in cat}
    differing: dict[str, list[str]] = {}
    for name in cat:
        if full_scen[name] != full_base[name]:
            differing.setdefault(path_of(name), []).append(name)
    order = [p for p in (*PATHS, ECONOMY) if p in differing]
    order += sorted(p for p in differing if p not in order)  # a module the list doesn't know yet
    n = len(order)
    masks = np.arange(2**n)
    arrays = {name: np.full(masks.size, value) for name, value in full_base.items()}
    for bit, player in enumerate(order):
        on = (masks >> bit) & 1 == 1
        for name in differing[player]:
            arrays[name][on] = full_scen[name]
    values = model.run(arrays, region=region, end_year=end_year, base=base)[variable]
    sizes = np.array([bin(int(m)).count("1") for m in masks])
    weight_of_size = np.array(
        [factorial(s) * factorial(n - s - 1) / factorial(n) if s < n else 0.0 for s in range(n + 1)]
    )
    by_player = {p: np.zeros(values.shape[1]) for p in PATHS}
    for bit, player in enumerate(order):
        without = masks[(masks >> bit) & 1 == 0]
        w = weight_of_size[sizes[without]]
        by_player[player] = w @ (values[without] - values[without | (1 << bit)])
    years = model.year_axis(end_year)
    return Contributions(years, by_player, values[0].copy(), values[-1].copy(), variable)
