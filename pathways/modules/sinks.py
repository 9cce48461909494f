"""Sinks: existing ecosystems, afforestation cohorts, forest management, CCUS, BECCS and DAC.

Removals and capacities in Mt CO2/yr, shapes (S, Y).
"""

from __future__ import annotations

import functools

import numpy as np

from pathways.cohorts import chapman_richards, stock_change_kernel, toeplitz_operator
from pathways.data import BaseData
from pathways.levers import LeverSet


@functools.lru_cache(maxsize=8)
def _afforestation_operator(maximum: float, rate: float, shape: float, n: int) -> np.ndarray:
    """(Y, Y) operator: Mha planted per year -> Mt CO2 taken up per year (t CO2/ha = Mt/Mha)."""
    stock = chapman_richards(np.arange(n), maximum, rate, shape) * 44.0 / 12.0
    return toeplitz_operator(stock_change_kernel(stock))


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    area = levers.path("afforestation_rate", base.s("afforestation_2020"))
    area = (
        area * (years > years[0])[None, :]
    )  # forests planted before 2020 are in the baseline sink
    operator = _afforestation_operator(
        base.s("afforestation_max_biomass"),
        base.s("afforestation_growth_rate"),
        base.s("afforestation_shape"),
        years.size,
    )
    existing = base.path("existing_ecosystem_sink", years)[None, :]
    managed = existing * (1.0 + levers.path("forest_management", 0.0) / 100.0)
    new_forest = area @ operator
    return {
        "afforestation_area": area,
        "forest_existing": managed,
        "forest_new": new_forest,
        "forestry": managed + new_forest,
        "ccus_capacity": levers.path("ccus_capacity", base.s("ccus_2020")),
        "ccus_power_share": levers.value("ccus_power_share") / 100.0,
        "beccs": levers.path("beccs", 0.0),
        "dac": levers.path("dac", 0.0),
    }


def allocate_capture(
    capacity: np.ndarray,
    power_share: np.ndarray,
    power_sources: np.ndarray,
    industry_sources: np.ndarray,
    max_fraction: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Split CCUS capacity (Mt/yr) between power and industry, each bounded by max_fraction of its
    point-source emissions; capacity one side cannot use spills to the other. Returns (power, industry).
    """
    power_max = max_fraction * power_sources
    industry_max = max_fraction * industry_sources
    power = np.minimum(capacity * power_share, power_max)
    industry = np.minimum(capacity * (1.0 - power_share), industry_max)
    spare = capacity - power - industry
    extra_power = np.minimum(spare, power_max - power)
    industry = industry + np.minimum(spare - extra_power, industry_max - industry)
    return power + extra_power, industry
