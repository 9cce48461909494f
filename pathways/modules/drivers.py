"""Drivers: population (data) and GDP (growth rate by period, a lever)."""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Module, catalogue_levers, from_levers

PERIODS = (
    ("gdp_growth_2025_2030", 2025, 2030),
    ("gdp_growth_2031_2040", 2031, 2040),
    ("gdp_growth_2041_2050", 2041, 2050),
    ("gdp_growth_2051_2070", 2051, 2100),
)


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    """Returns population (million, (1, Y)), gdp (trillion CNY 2020 prices, (S, Y)) and indices.

    Growth follows the published statistics for 2021-2024 and the period levers afterwards.
    """
    observed, periods = _rate_layout(base, years)
    lever_rates = np.stack([levers.arrays[name] for name, _, _ in PERIODS], axis=1) / 100.0
    rates = observed + lever_rates @ periods  # periods are disjoint: one term per year
    gdp_index = np.exp(np.cumsum(np.log1p(rates), axis=1))
    population = base.series("population", years)
    gdp = base.s("gdp_2020") * gdp_index
    return {
        "population": population,
        "population_index": population / population[:, :1],
        "gdp": gdp,
        "gdp_index": gdp_index,
        "Population": population,
        "GDP|MER": gdp * 1000,  # billion CNY
    }


def _rate_layout(base: BaseData, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(1, Y) observed growth rates (fraction/yr, 0 outside 2021-2024) and the (P, Y) 0/1 mask
    of each growth period; cached on ``base`` per year axis."""
    key = ("gdp_rate_layout", int(years[0]), years.size)
    cached = base.extra.get(key)
    if cached is None:
        observed_years, observed = base.history["gdp_growth"]
        in_history = np.isin(years, observed_years)
        rates = np.where(in_history, np.interp(years, observed_years, observed) / 100.0, 0.0)
        periods = np.array([(years >= first) & (years <= last) for _, first, last in PERIODS])
        cached = (rates[None, :], periods.astype(float))
        base.extra[key] = cached
    return cached


MODULE = Module(
    name="drivers",
    compute=from_levers(compute),
    levers=catalogue_levers("drivers"),
    provides=("population", "population_index", "gdp", "gdp_index", "Population", "GDP|MER"),
)
