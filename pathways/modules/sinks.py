"""Sinks: existing ecosystems, afforestation cohorts, forest management, CCUS, BECCS and DAC.

Removals and capacities in Mt CO2/yr, shapes (S, Y).
"""

from __future__ import annotations

import functools

import numpy as np

from pathways.cohorts import chapman_richards, stock_change_kernel, toeplitz_operator
from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Module, catalogue_levers, from_levers
from pathways.timepaths import HISTORY_END


@functools.lru_cache(maxsize=8)
def _afforestation_operator(maximum: float, rate: float, shape: float, n: int) -> np.ndarray:
    """(Y, Y) operator: Mha planted per year -> Mt CO2 taken up per year (t CO2/ha = Mt/Mha)."""
    stock = chapman_richards(np.arange(n), maximum, rate, shape) * 44.0 / 12.0
    return toeplitz_operator(stock_change_kernel(stock))


def _afforestation_uptake(
    area: np.ndarray, maximum: object, rate: object, shape: object
) -> np.ndarray:
    """Mt CO2/yr taken up by forests planted from 2021 (``area``, Mha/yr, (S, Y)): the
    convolution of planting with the stock change per hectare. Central data (floats): one
    cached operator. Sampled data ((S, 1) arrays, :mod:`pathways.sampled_data`): the carbon
    density scales the uptake (the stock is proportional to it); a sampled growth rate or shape
    gives each sample its own kernel, convolved lag by lag."""
    n = area.shape[-1]
    if all(np.ndim(x) == 0 for x in (rate, shape)):
        operator = _afforestation_operator(1.0, float(rate), float(shape), n)
        return (area @ operator) * maximum
    stock = chapman_richards(np.arange(n)[None, :], 1.0, rate, shape) * 44.0 / 12.0
    kernel = np.diff(stock, prepend=stock[:, :1], axis=-1)  # (S, n) by year of age
    kernel = np.broadcast_to(kernel, np.broadcast_shapes(kernel.shape, area.shape))
    uptake = area * kernel[:, :1]
    for lag in range(1, n):
        uptake[:, lag:] += area[:, :-lag] * kernel[:, lag : lag + 1]
    return uptake * maximum


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    area = levers.path("afforestation_rate", base.s("afforestation_2020"))
    area = (
        area * (years > years[0])[None, :]
    )  # forests planted before 2020 are in the baseline sink
    new_forest = _afforestation_uptake(
        area,
        base.s("afforestation_max_biomass"),
        base.s("afforestation_growth_rate"),
        base.s("afforestation_shape"),
    )
    existing = base.series("existing_ecosystem_sink", years)
    managed = existing * (1.0 + levers.path("forest_management", 0.0) / 100.0)
    dac = levers.path("dac", 0.0)
    forestry = managed + new_forest
    return {
        "afforestation_area": area,
        "forest_existing": managed,
        "forest_new": new_forest,
        "forestry": forestry,
        "ccus_capacity": levers.path("ccus_capacity", base.s("ccus_2020")),
        # levers act from 2025: 2020-2024 capture keeps the catalogue default split
        "ccus_power_share": np.where(
            years <= HISTORY_END,
            levers.catalogue["ccus_power_share"].default,
            levers.value("ccus_power_share"),
        )
        / 100.0,
        "beccs": levers.path("beccs", 0.0),
        "dac": dac,
        # reported removals (BECCS is reported after the biomass balance, energy_emissions.py)
        "Carbon Removal|Forestry": forestry,
        "Carbon Removal|Forestry|Existing Ecosystems": managed,
        "Carbon Removal|Forestry|Afforestation": new_forest,
        "Carbon Removal|Direct Air Capture": dac,
        "Land Cover|Forest|Afforestation": np.cumsum(area, axis=1),
    }


def allocate_capture(
    capacity: np.ndarray,
    power_share: np.ndarray,
    power_max: np.ndarray,
    industry_max: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Split the CO2 the capture plants can take (Mt/yr) between power and industry, each
    bounded by its ceiling (Mt/yr); capacity one side cannot use spills to the other.
    Returns (power, industry)."""
    power = np.minimum(capacity * power_share, power_max)
    industry = np.minimum(capacity * (1.0 - power_share), industry_max)
    spare = capacity - power - industry
    extra_power = np.minimum(spare, power_max - power)
    industry = industry + np.minimum(spare - extra_power, industry_max - industry)
    return power + extra_power, industry


def penalty_co2_per_t(fuel_increase_percent: float, capture_rate_percent: float) -> float:
    """t CO2 from the extra fuel per t captured at a plant that burns ``p`` more fuel per kWh
    and captures a fraction ``f`` of all its CO2: captured = f B (1 + p), extra = p B, so
    p / (f (1 + p))."""
    p, f = fuel_increase_percent / 100.0, capture_rate_percent / 100.0
    return p / (f * (1.0 + p))


def capture(
    base: BaseData,
    capacity: np.ndarray,
    power_share: np.ndarray,
    power_coal_co2: np.ndarray,
    power_gas_co2: np.ndarray,
    industry_process_co2: np.ndarray,
    industry_point_combustion_co2: np.ndarray,
) -> dict[str, np.ndarray]:
    """CCS on fossil point sources with its energy penalty (docs/methods.md section 8).

    ``capacity`` (Mt CO2/yr) x utilisation = the CO2 the plants can take. Ceilings: power, the
    capture rate of coal and gas plants' CO2 including the CO2 of their own extra fuel
    (f E / (1 - f k)); industry, the capture rates of process CO2 and of combustion CO2 at
    large point sources (cement, steel, chemicals). Extra fuel: power plants burn more coal and
    gas (its CO2 passes through the same capture unit); industry raises solvent-regeneration
    heat in gas boilers (its CO2 released). Returns captured power/industry (Mt/yr), ceilings,
    extra fuel (Mtce/yr, by fuel) and the extra CO2 (Mt/yr) by side.
    """
    s = base.s
    ef = base.emission_factors
    f_power = s("ccus_capture_max_fraction")
    k_coal = penalty_co2_per_t(s("ccs_fuel_increase_coal_power"), f_power)
    k_gas = penalty_co2_per_t(s("ccs_fuel_increase_gas_power"), f_power)
    capturable = power_coal_co2 + power_gas_co2
    coal_part = np.where(capturable > 0, power_coal_co2 / np.maximum(capturable, 1e-12), 1.0)
    k_power = coal_part * k_coal + (1.0 - coal_part) * k_gas
    power_max = f_power / 100 * capturable / (1.0 - f_power / 100 * k_power)
    industry_max = (
        s("ccus_capture_rate_process") / 100 * industry_process_co2
        + s("ccus_capture_rate_industry_combustion") / 100 * industry_point_combustion_co2
    )
    takes = capacity * s("ccus_utilisation") / 100
    power, industry = allocate_capture(takes, power_share, power_max, industry_max)
    heat_gas = industry * s("ccs_heat_industry") / (1000 * s("tce_to_ej"))  # PJ -> Mtce
    return {
        "power": power,
        "industry": industry,
        "power_max": power_max,
        "industry_max": industry_max,
        "power_coal_fuel": power * coal_part * k_coal / ef["coal"],
        "power_gas_fuel": power * (1.0 - coal_part) * k_gas / ef["gas"],
        "power_co2": power * k_power,
        "industry_gas_fuel": heat_gas,
        "industry_co2": heat_gas * ef["gas"],
    }


def biomass(
    base: BaseData, biomass_power_twh: np.ndarray, beccs_requested: np.ndarray
) -> dict[str, np.ndarray]:
    """One sustainable biomass supply (Mt dry matter/yr) for biomass power and BECCS.

    Biomass power draws generation / (efficiency x heating value); BECCS draws, per t CO2
    stored, the biomass whose carbon it captures, 1 / (CF x 44/12 x capture rate), plus the
    biomass burnt for the capture heat, q / (heating value x boiler efficiency). BECCS beyond
    what is left is capped; the shortfall (Mt CO2/yr) is reported."""
    s = base.s
    lhv = s("biomass_heating_value")  # GJ/t dm
    power_mwh_per_t = lhv * s("biomass_power_efficiency") / 100 / 3.6
    power_draw = biomass_power_twh / power_mwh_per_t  # TWh / (MWh/t) = Mt
    per_t_co2 = 1.0 / (
        s("biomass_carbon_fraction") * s("co2_per_c") * s("ccus_capture_rate_beccs") / 100
    ) + s("ccs_heat_beccs") / (lhv * s("heat_boiler_efficiency") / 100)
    supply = s("biomass_supply")
    left = np.maximum(supply - power_draw, 0.0)
    beccs = np.minimum(beccs_requested, left / per_t_co2)
    return {
        "supply": supply + 0.0 * power_draw,
        "power": power_draw,
        "beccs": beccs,
        "beccs_biomass": beccs * per_t_co2,
        "shortfall": beccs_requested - beccs,
    }


MODULE = Module(
    name="sinks",
    compute=from_levers(compute),
    levers=catalogue_levers("sinks"),
    provides=(
        "afforestation_area",
        "forest_existing",
        "forest_new",
        "forestry",
        "ccus_capacity",
        "ccus_power_share",
        "beccs",
        "dac",
        "Carbon Removal|Forestry",
        "Carbon Removal|Forestry|Existing Ecosystems",
        "Carbon Removal|Forestry|Afforestation",
        "Carbon Removal|Direct Air Capture",
        "Land Cover|Forest|Afforestation",
    ),
)
