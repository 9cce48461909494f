"""Drivers: population (data) and GDP (growth rate by period, a lever)."""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Inputs, Module, catalogue_levers

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
    observed_years, observed = base.history["gdp_growth"]
    in_history = np.isin(years, observed_years)
    rates = np.where(in_history, np.interp(years, observed_years, observed) / 100.0, 0.0)[None, :]
    rates = np.repeat(rates, levers.samples, axis=0)
    for name, first, last in PERIODS:
        in_period = (years >= first) & (years <= last)
        rates = rates + levers.value(name) / 100.0 * in_period[None, :]
    gdp_index = np.exp(np.cumsum(np.log1p(rates), axis=1))
    population = base.path("population", years)[None, :]
    gdp = base.s("gdp_2020") * gdp_index
    return {
        "population": population,
        "population_index": population / population[:, :1],
        "gdp": gdp,
        "gdp_index": gdp_index,
        "Population": population,
        "GDP|MER": gdp * 1000,  # billion CNY
    }


def _compute(inputs: Inputs) -> dict[str, np.ndarray]:
    return compute(inputs.levers, inputs.base, inputs.years)


MODULE = Module(
    name="drivers",
    compute=_compute,
    levers=catalogue_levers("drivers"),
    provides=("population", "population_index", "gdp", "gdp_index", "Population", "GDP|MER"),
)
