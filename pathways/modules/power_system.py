"""Power and heat supply: district heat, hydrogen and electricity demand, then the dispatch of
generation by source (TWh) and capacities (GW); docs/methods.md sections 5-6.

Heat and hydrogen are in Mtce, electricity in TWh inside; generation is reported in EJ.
"""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.modules import Inputs, Module
from pathways.modules.energy_demand import constants

EJ_PER_TWH = 0.0036
HOURS = 8.76  # thousand hours per year: GW x 8.76 = TWh at full load
POWER_LABELS = {
    "coal": "Coal",
    "gas": "Gas",
    "oil_other": "Oil",
    "nuclear": "Nuclear",
    "hydro": "Hydro",
    "wind": "Wind",
    "solar": "Solar",
    "biomass": "Biomass",
}


def dispatch(
    base: BaseData, years: np.ndarray, generation: np.ndarray, mix: Inputs, storage_extra
) -> dict[str, np.ndarray]:
    """Generation by source (TWh) and capacities (GW).

    Firm non-fossil (hydro, biomass from data; nuclear from capacity) comes first; wind and solar
    fill the non-fossil target (planned with the reference nuclear programme, so nuclear beyond it
    displaces fossil and the target is a floor) up to the share the grid can absorb given
    storage; fossil covers the rest, split coal / gas / oil by the coal share lever. In the
    years with statistics (to 2024, :func:`observed_generation`) nuclear, wind and solar are the
    published generation and fossil covers the rest: the non-fossil share is an outcome there.
    """
    s = base.s
    hydro = base.series("hydro_generation", years)
    biomass = base.series("biomass_generation", years)
    nuclear = mix["nuclear_capacity"] * s("nuclear_capacity_factor") * HOURS
    observed = observed_generation(base, years)
    if observed is not None:  # the statistics years: nuclear as published
        nuclear = np.where(observed["mask"], observed["nuclear"], nuclear)
    nuclear_ref = mix["nuclear_reference"] * s("nuclear_capacity_factor") * HOURS
    firm = hydro + biomass + nuclear
    # if firm non-fossil exceeds demand, scale it down (spilled or curtailed)
    scale = np.minimum(1.0, generation / firm)
    hydro, biomass, nuclear, firm = hydro * scale, biomass * scale, nuclear * scale, firm * scale
    storage = mix["storage_capacity"] + storage_extra
    peak = generation / (HOURS * s("system_load_factor"))
    vre_cap_share = np.minimum(
        s("vre_share_max"),
        s("vre_share_without_storage") + s("vre_share_per_storage") * 100 * storage / peak,
    )
    # Wind and solar are planned for the non-fossil target with the reference nuclear programme;
    # nuclear beyond it displaces fossil (the target is a floor), below it wind and solar make
    # up the difference so the target is still met.
    target_twh = mix["nonfossil_share"] * generation
    vre_planned = target_twh - np.minimum(hydro + biomass + nuclear_ref, generation)
    vre_need = np.maximum(np.maximum(target_twh - firm, vre_planned), 0.0)
    vre = np.minimum(vre_need, vre_cap_share / 100 * generation)
    vre = np.minimum(vre, generation - firm)
    solar = vre * mix["solar_share"]
    wind = vre - solar
    if observed is not None:  # the statistics years: wind and solar as published
        wind = np.where(observed["mask"], observed["wind"], wind)
        solar = np.where(observed["mask"], observed["solar"], solar)
        vre = wind + solar
    fossil = np.maximum(generation - firm - vre, 0.0)
    coal = fossil * mix["coal_share_of_fossil"]
    oil = fossil * mix["oil_share_of_fossil"]
    gas = np.maximum(fossil - coal - oil, 0.0)
    cf_wind = base.series("wind_capacity_factor", years)
    cf_solar = base.series("solar_capacity_factor", years)
    return {
        "coal": coal,
        "gas": gas,
        "oil_other": oil,
        "nuclear": nuclear,
        "hydro": hydro,
        "wind": wind,
        "solar": solar,
        "biomass": biomass,
        "wind_gw": wind / (cf_wind * HOURS),
        "solar_gw": solar / (cf_solar * HOURS),
        "storage_gw": storage + 0 * generation,
        "vre_cap_share": vre_cap_share,
    }


OBSERVED = {"nuclear": "nuclear_generation", "wind": "wind_generation", "solar": "solar_generation"}


def observed_generation(base: BaseData, years: np.ndarray) -> dict[str, np.ndarray] | None:
    """Published nuclear, wind and solar generation (TWh, (1, Y) or (S, Y) when sampled) and the
    (1, Y) mask of the years they cover (to their last anchor, 2024), from the history rows of
    paths.csv; None for a region without them (its levers' history paths apply instead). Hydro
    and biomass need no mask: their paths hold the statistics to 2024 and the outlook after."""
    if not all(name in base.paths for name in OBSERVED.values()):
        return None
    last = min(base.paths[name][0][-1] for name in OBSERVED.values())
    out = {src: base.series(name, years) for src, name in OBSERVED.items()}
    out["mask"] = (years <= last)[None, :]
    return out


def exports(base: BaseData, years: np.ndarray) -> np.ndarray | float:
    """Net electricity exports to other regions (TWh, (1, Y)): the region's ``power_export``
    path, 0 for a region without one (the nation)."""
    if "power_export" not in base.paths:
        return 0.0
    return base.series("power_export", years)


def _compute(q: Inputs) -> dict[str, object]:
    base, years, s = q.base, q.years, q.base.s
    # (carrier, S, Y) Mtce
    carriers = constants(base).carriers  # cached (``base.carriers`` sorts on every call)
    by_carrier = dict(zip(carriers, q["final_energy_by_carrier"], strict=True))
    # DAC's heat comes from the heat supply (Mt x GJ/t = PJ -> Mtce)
    dac_heat = q["dac"] * s("dac_heat") / (1000 * s("tce_to_ej"))
    heat = by_carrier["heat"] + dac_heat
    low_carbon_heat = heat * q["heat_low_carbon_share"]
    heat_fuel = (heat - low_carbon_heat) / (s("heat_boiler_efficiency") / 100)
    heat_coal = heat_fuel * s("heat_coal_share_2020") / 100
    kgce = s("kwh_to_kgce")  # Mtce per TWh
    heat_pump_twh = low_carbon_heat / s("heat_pump_cop") / kgce
    electrolysis_twh = by_carrier["hydrogen"] / (s("electrolysis_efficiency") / 100) / kgce
    dac_twh = q["dac"] * s("dac_electricity")  # Mt x MWh/t = TWh
    demand_twh = by_carrier["electricity"] / kgce + heat_pump_twh + electrolysis_twh + dac_twh
    # electricity sent to other provinces (data/provinces/<code>/paths.csv power_export; none
    # for the nation): generated here, so its fuel and CO2 are the province's (production-based)
    export_twh = exports(base, years)
    sent_out = demand_twh + export_twh
    generation = sent_out / (1 - q["grid_losses"] / 100)
    # storage some module adds before dispatch (pumped storage in closed mines)
    power = dispatch(base, years, generation, q, q.get("storage_extra", 0.0))
    v: dict[str, object] = {
        "power": power,
        "export_share": export_twh / sent_out,
        "Trade|Secondary Energy|Electricity|Volume": export_twh * EJ_PER_TWH + 0 * generation,
        "heat_coal": heat_coal,
        "heat_gas": heat_fuel - heat_coal,
        "Secondary Energy|Electricity": generation * EJ_PER_TWH,
        "Capacity|Electricity|Wind": power["wind_gw"],
        "Capacity|Electricity|Solar": power["solar_gw"],
        "Capacity|Electricity|Nuclear": q["nuclear_capacity"] + 0 * generation,
        "Capacity|Electricity|Storage": power["storage_gw"],
        "Diagnostics|Share|Electricity|Wind and Solar": (
            100 * (power["wind"] + power["solar"]) / generation
        ),
        "Diagnostics|Share|Electricity|Wind and Solar|Grid Limit": power["vre_cap_share"],
        "Diagnostics|Capacity|Electricity|Nuclear|Reference": q["nuclear_reference"],
        "Diagnostics|Secondary Energy|Electricity|Direct Air Capture": dac_twh * EJ_PER_TWH,
        "Diagnostics|Heat|Direct Air Capture": dac_heat * s("tce_to_ej"),
    }
    for src, label in POWER_LABELS.items():
        v[f"Secondary Energy|Electricity|{label}"] = power[src] * EJ_PER_TWH
    return v


MODULE = Module(
    name="power and heat",
    compute=_compute,
    needs=(
        "final_energy_by_carrier",
        "dac",
        "heat_low_carbon_share",
        "grid_losses",
        "nonfossil_share",
        "coal_share_of_fossil",
        "oil_share_of_fossil",
        "solar_share",
        "nuclear_capacity",
        "nuclear_reference",
        "storage_capacity",
    ),
    optional=("storage_extra",),
    provides=(
        "power",
        "export_share",
        "Trade|Secondary Energy|Electricity|Volume",
        "heat_coal",
        "heat_gas",
        "Secondary Energy|Electricity",
        *(f"Secondary Energy|Electricity|{label}" for label in POWER_LABELS.values()),
        "Capacity|Electricity|Wind",
        "Capacity|Electricity|Solar",
        "Capacity|Electricity|Nuclear",
        "Capacity|Electricity|Storage",
        "Diagnostics|Share|Electricity|Wind and Solar",
        "Diagnostics|Share|Electricity|Wind and Solar|Grid Limit",
        "Diagnostics|Capacity|Electricity|Nuclear|Reference",
        "Diagnostics|Secondary Energy|Electricity|Direct Air Capture",
        "Diagnostics|Heat|Direct Air Capture",
    ),
)
