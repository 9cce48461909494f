"""Energy and industrial CO2, carbon capture with its energy penalty, the biomass balance of BECCS,
and primary energy; docs/methods.md sections 7-9.

Fuels in Mtce (primary energy reported in EJ), CO2 in Mt/yr. Gross emissions are before capture;
``Emissions|CO2|Energy and Industrial Processes`` is net of fossil capture. Removals (forests,
BECCS, DAC, and those of other modules) are combined into net CO2 by the model core from the
variable table (:func:`pathways.model.balance`).
"""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.modules import Inputs, Module, sinks
from pathways.modules.energy_demand import FUELS, SECTOR_VARIABLE, constants
from pathways.modules.energy_mix import NONFOSSIL_SOURCES


def power_fuel(
    power: dict[str, np.ndarray], coal_heat_rate: np.ndarray, base: BaseData
) -> dict[str, np.ndarray]:
    """Fuel burnt in power plants (Mtce) by fuel: generation (TWh) x heat rate (gce/kWh) / 1000."""
    return {
        "coal": power["coal"] * coal_heat_rate / 1000,
        "gas": power["gas"] * base.s("gas_heat_rate") / 1000,
        "oil": power["oil_other"] * base.s("oil_other_heat_rate") / 1000,
    }


def power_co2(fuel: dict[str, np.ndarray], base: BaseData) -> np.ndarray:
    """Power-sector CO2 (Mt/yr): fuel burnt (Mtce) x emission factor (t CO2/tce)."""
    ef = base.emission_factors
    return (
        fuel["coal"] * supply_coal_factor(base) + fuel["gas"] * ef["gas"] + fuel["oil"] * ef["oil"]
    )


def supply_coal_factor(base: BaseData) -> float:
    """t CO2 per tce of coal burnt in power and heat plants: the coal emission factor, times a
    province's inventory factor ``coal_ef_factor_power_heat`` (parameters.csv; 1 without one):
    the ratio that makes the province's 2019 power-and-heat CO2 that of its CEADs inventory
    (docs/methods.md, "Provinces")."""
    return base.emission_factors["coal"] * base.scalars.get("coal_ef_factor_power_heat", 1.0)


def fuel_factors(base: BaseData) -> np.ndarray:
    """(fuel, sector, 1, 1) (or (fuel, sector, S, 1) with sampled factors) t CO2 per tce burnt: the fuel's emission factor, in industry less the
    carbon stored in products from feedstock use. Cached on ``base``."""
    cached = base.extra.get("fuel_factors")
    if cached is not None:
        return cached
    s, ef = base.s, base.emission_factors
    stored = s("feedstock_carbon_stored") / 100
    sectors = constants(base).sectors
    factors = [np.asarray(ef[fuel], dtype=float) for fuel in FUELS]  # floats, or (S, 1) sampled
    out = np.empty(
        (len(FUELS), len(sectors), *np.broadcast_shapes((1, 1), *(f.shape for f in factors)))
    )
    for i, factor in enumerate(factors):
        out[i] = factor
    if "industry" in sectors:
        n = sectors.index("industry")
        for i, fuel in enumerate(FUELS):
            out[i, n] *= 1 - s(f"industry_feedstock_share_{fuel}") / 100 * stored
    base.extra["fuel_factors"] = out
    return out


def _compute(q: Inputs) -> dict[str, object]:
    base, s, ef = q.base, q.base.s, q.base.emission_factors
    k = constants(base)
    final, power = q["final_energy"], q["power"]
    fuel_rows = [k.carriers.index(f) for f in FUELS]
    factors = fuel_factors(base)
    # (sector, S, Y): fuel by fuel, in the fuels' order
    e_sector = final[fuel_rows[0]] * factors[0]
    for i in range(1, len(FUELS)):
        e_sector += final[fuel_rows[i]] * factors[i]
    ef_supply_coal = supply_coal_factor(base)
    e_heat = q["heat_coal"] * ef_supply_coal + q["heat_gas"] * ef["gas"]
    steel_out = q["steel_output"]
    clinker_t = q["cement_output"] * q["clinker_ratio"] / 100
    e_cement = clinker_t * s("clinker_process_ef")
    e_other_process = s("other_process_2020") * steel_out / steel_out[:, :1]
    e_process = e_cement + e_other_process
    industry = k.sectors.index("industry")
    # large point sources in industry: combustion in steel, cement and chemicals plus process CO2
    e_industry_point = e_sector[industry] * q["industry_point_share"]

    fuel = power_fuel(power, q["coal_heat_rate"], base)
    ccs = sinks.capture(
        base,
        q["ccus_capacity"],
        q["ccus_power_share"],
        fuel["coal"] * ef_supply_coal,
        fuel["gas"] * ef["gas"],
        e_process,
        e_industry_point,
    )
    fuel["coal"] = fuel["coal"] + ccs["power_coal_fuel"]
    fuel["gas"] = fuel["gas"] + ccs["power_gas_fuel"]
    e_power = power_co2(fuel, base)
    capture_power, capture_industry = ccs["power"], ccs["industry"]
    # industry's capture heat: gas boilers, CO2 released
    e_sector[industry] += ccs["industry_co2"]
    e_demand = np.add.reduce(e_sector, axis=0)
    e_energy = e_power + e_heat + e_demand
    fossil_capture = capture_power + capture_industry
    released = e_power - capture_power  # power CO2 released (net of capture)
    bio = sinks.biomass(base, power["biomass"], q["beccs"])
    beccs, dac = bio["beccs"], q["dac"]

    # primary energy (Mtce; non-fossil electricity by coal-equivalent substitution)
    fuel_use = [q["final_energy_by_carrier"][i] for i in fuel_rows]  # (S, Y) Mtce each
    nonfossil_twh = sum(power[src] for src in NONFOSSIL_SOURCES)
    primary = {
        "Coal": fuel["coal"] + q["heat_coal"] + fuel_use[0],
        "Oil": fuel["oil"] + fuel_use[1],
        "Gas": fuel["gas"] + q["heat_gas"] + ccs["industry_gas_fuel"] + fuel_use[2],
        "Non-Fossil": nonfossil_twh * q["coal_heat_rate"] / 1000,
    }
    ej = s("tce_to_ej")

    v: dict[str, object] = {
        "Emissions|CO2|Energy and Industrial Processes": e_energy + e_process - fossil_capture,
        # a negative branch, so that the aggregate above is the sum of its parts
        "Emissions|CO2|Carbon Capture": -fossil_capture,
        "Emissions|CO2|Energy": e_energy,
        "Emissions|CO2|Energy|Supply": e_power + e_heat,
        "Emissions|CO2|Energy|Supply|Electricity": e_power,
        # released CO2 of the electricity sent to other regions (0 for the nation)
        "Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports": released * q["export_share"],
        "Emissions|CO2|Energy|Supply|Heat": e_heat,
        "Emissions|CO2|Energy|Demand": e_demand,
        "Emissions|CO2|Industrial Processes": e_process,
        "Emissions|CO2|Industrial Processes|Cement": e_cement,
        "Emissions|CO2|Industrial Processes|Other": e_other_process,
        "Carbon Removal|BECCS": beccs,
        "Carbon Capture|Storage": fossil_capture + beccs + dac,
        "Carbon Capture|Storage|Electricity": capture_power,
        "Carbon Capture|Storage|Industry": capture_industry,
        "Carbon Capture|Storage|Biomass": beccs,
        "Carbon Capture|Storage|Direct Air Capture": dac,
        # capture: capacity x utilisation, ceilings, energy penalty; biomass balance
        "Capacity|Carbon Capture": q["ccus_capacity"],
        "Diagnostics|Carbon Capture|Utilisation": 100
        * fossil_capture
        / np.where(q["ccus_capacity"] > 0, q["ccus_capacity"], np.inf),
        "Diagnostics|Carbon Capture|Ceiling|Electricity": ccs["power_max"],
        "Diagnostics|Carbon Capture|Ceiling|Industry": ccs["industry_max"],
        "Diagnostics|Carbon Capture|Penalty CO2": ccs["power_co2"] + ccs["industry_co2"],
        "Diagnostics|Primary Energy|Capture Penalty": (
            ccs["power_coal_fuel"] + ccs["power_gas_fuel"] + ccs["industry_gas_fuel"]
        )
        * ej,
        "Diagnostics|Biomass|Supply": bio["supply"],
        "Diagnostics|Biomass|Electricity": bio["power"],
        "Diagnostics|Biomass|BECCS": bio["beccs_biomass"],
        "Diagnostics|Carbon Removal|BECCS|Shortfall": bio["shortfall"],
        "Primary Energy": sum(primary.values()) * ej,
        # quantities other modules need (restoration: new damage follows coal; attributions of
        # mine-land energy use the power sector's released CO2)
        "coal_index": primary["Coal"] / primary["Coal"][:, :1],
        "power_co2_released": released,
    }
    for n, sector in enumerate(k.sectors):
        v[f"Emissions|CO2|Energy|Demand|{SECTOR_VARIABLE[sector]}"] = e_sector[n]
    for name, value in primary.items():
        v[f"Primary Energy|{name}"] = value * ej
    return v


MODULE = Module(
    name="energy emissions",
    compute=_compute,
    needs=(
        "final_energy",
        "final_energy_by_carrier",
        "steel_output",
        "cement_output",
        "industry_point_share",
        "power",
        "export_share",
        "heat_coal",
        "heat_gas",
        "coal_heat_rate",
        "clinker_ratio",
        "ccus_capacity",
        "ccus_power_share",
        "beccs",
        "dac",
    ),
    provides=(
        "Emissions|CO2|Energy and Industrial Processes",
        "Emissions|CO2|Carbon Capture",
        "Emissions|CO2|Energy",
        "Emissions|CO2|Energy|Supply",
        "Emissions|CO2|Energy|Supply|Electricity",
        "Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports",
        "Emissions|CO2|Energy|Supply|Heat",
        "Emissions|CO2|Energy|Demand",
        *(f"Emissions|CO2|Energy|Demand|{label}" for label in SECTOR_VARIABLE.values()),
        "Emissions|CO2|Industrial Processes",
        "Emissions|CO2|Industrial Processes|Cement",
        "Emissions|CO2|Industrial Processes|Other",
        "Carbon Removal|BECCS",
        "Carbon Capture|Storage",
        "Carbon Capture|Storage|Electricity",
        "Carbon Capture|Storage|Industry",
        "Carbon Capture|Storage|Biomass",
        "Carbon Capture|Storage|Direct Air Capture",
        "Capacity|Carbon Capture",
        "Diagnostics|Carbon Capture|Utilisation",
        "Diagnostics|Carbon Capture|Ceiling|Electricity",
        "Diagnostics|Carbon Capture|Ceiling|Industry",
        "Diagnostics|Carbon Capture|Penalty CO2",
        "Diagnostics|Primary Energy|Capture Penalty",
        "Diagnostics|Biomass|Supply",
        "Diagnostics|Biomass|Electricity",
        "Diagnostics|Biomass|BECCS",
        "Diagnostics|Carbon Removal|BECCS|Shortfall",
        "Primary Energy",
        *(f"Primary Energy|{name}" for name in ("Coal", "Oil", "Gas", "Non-Fossil")),
        "coal_index",
        "power_co2_released",
    ),
)
