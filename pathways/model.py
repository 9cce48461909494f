"""The shared emissions model: levers + base data -> :class:`Result`.

Each pathway module turns its levers into paths; this module combines them by the accounting
identities of docs/methods.md. Every array is shaped (samples, years): one call evaluates one
lever set or ten thousand.

Pluggable modules (every file of :mod:`pathways.modules` defining ``MODULE``) and the energy
accounting below (:data:`ACCOUNTING`, one node of the same graph) run
in the order their needs give; then every reported emission or removal a pluggable module
provides (a component of ``Emissions|CO2`` or ``Carbon Removal`` in data/variables.csv) is
added to net CO2. The accounting still calls two helpers of :mod:`pathways.modules.sinks`
(capture with its ceilings and penalties, the biomass balance) and reads
``energy_mix.NONFOSSIL_SOURCES``.

Net CO2 = energy CO2 + industrial process CO2                          (gross, before capture)
          - CO2 captured and stored from power and industry
          - forestry removals - BECCS - DAC - mine revegetation (+ restoration works emissions)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from pathways import calibration, modules, variables
from pathways._malloc import tune_malloc
from pathways.data import BaseData
from pathways.indicators import compute_indicators
from pathways.levers import LeverSet
from pathways.modules import Inputs, Module, energy_mix, sinks
from pathways.region import load_region
from pathways.result import Result
from pathways.scenario import lever_arrays
from pathways.variables import unit_of  # noqa: F401  (model.unit_of: the table's unit)

tune_malloc()

EJ_PER_TWH = 0.0036
MIN_HORIZON, MAX_HORIZON = 2050, 2070
FUELS = ("coal", "oil", "gas")
SECTOR_VARIABLE = {
    "industry": "Industry",
    "transport": "Transportation",
    "buildings": "Residential and Commercial",
    "other": "Other Sector",
}


def year_axis(end: int = 2060) -> np.ndarray:
    """Years 2020..end (end between 2050 and 2070)."""
    if not MIN_HORIZON <= end <= MAX_HORIZON:
        raise ValueError(f"horizon must be between {MIN_HORIZON} and {MAX_HORIZON}, not {end}")
    return np.arange(2020, end + 1)


def run(
    levers: Mapping[str, object] | list[Mapping[str, object]],
    region: str = "china",
    end_year: int = 2060,
    base: BaseData | None = None,
    extra_modules: tuple[Module, ...] = (),
) -> Result:
    """Evaluate lever sets. ``levers``: one dict of values, a list of dicts, or a dict of (S,)
    arrays; missing levers take their catalogue default. Values are not range-checked here.
    ``extra_modules``: modules to plug in beside those of :mod:`pathways.modules`.
    """
    base = base or load_region(region)
    years = year_axis(end_year)
    lv = LeverSet(lever_arrays(levers), years)
    return evaluate(lv, base, years, extra_modules)


def evaluate(
    lv: LeverSet, base: BaseData, years: np.ndarray, extra_modules: tuple[Module, ...] = ()
) -> Result:
    """Evaluate lever sets with 2021-2024 demand calibrated to published statistics."""
    lv = lv.with_history(base.history, base.s(calibration.HALF_LIFE_KEY))
    factors = calibration.demand_factors(base, _calibration_run)
    return _account(lv, base, years, factors, extra_modules)


def _calibration_run(base: BaseData, factors: dict[str, float]) -> Result:
    """The model with given 2024 demand factors; levers do not act before 2025, so defaults do."""
    years = year_axis(2060)
    lv = LeverSet(lever_arrays({}), years, base.history)
    return _account(lv, base, years, factors)


@functools.lru_cache(maxsize=16)
def _pipeline(extra: tuple[Module, ...]) -> tuple[tuple[Module, ...], tuple, tuple]:
    """The modules in order, and the emissions and removals pluggable modules may add to net
    CO2 (the components of ``Emissions|CO2`` and ``Carbon Removal`` in data/variables.csv)."""
    order = modules.ordered((*modules.discovered(), *extra, ACCOUNTING), given=("demand_factors",))
    table = variables.table()
    emissions = tuple(
        c
        for c in table["Emissions|CO2"].partitions[0]
        if c not in ("Emissions|CO2|Energy and Industrial Processes", REMOVALS_BRANCH)
    )
    return order, emissions, table["Carbon Removal"].partitions[0]


REMOVALS_BRANCH = "Emissions|CO2|Carbon Removal"


def _account(
    lv: LeverSet,
    base: BaseData,
    years: np.ndarray,
    demand_factors: dict[str, float],
    extra_modules: tuple[Module, ...] = (),
) -> Result:
    """Run the modules and the energy accounting in order, add the emissions and removals of
    pluggable modules to net CO2, and report the variables of data/variables.csv."""
    order, emissions, removal_parts = _pipeline(extra_modules)
    q = modules.run(order, lv, base, years, {"demand_factors": demand_factors})
    table = variables.table()
    v = {name: q[name] for name in table if name in q}  # in the table's order
    net, removals = v["Emissions|CO2"], v["Carbon Removal"]
    for module in order:
        if module is ACCOUNTING:
            continue
        for name in module.provides:
            if name not in v:
                continue
            if name in removal_parts:
                net = net - v[name]
                removals = removals + v[name]
            elif name in emissions:
                net = net + v[name]
    v["Emissions|CO2"] = net
    v["Carbon Removal"] = removals
    v[REMOVALS_BRANCH] = -removals
    v = {k: _read_only(a, net.shape) for k, a in v.items()}
    return Result(
        years=years,
        variables=v,
        units={k: table[k].unit for k in v},  # data/variables.csv
        indicators=compute_indicators(v, years, base, order),
        region=base.region,
    )


def _energy(inputs: Inputs) -> dict[str, np.ndarray]:
    """The energy accounting. All energy in Mtce inside, reported in EJ; CO2 in Mt/yr."""
    base, years = inputs.base, inputs.years
    demand_factors = inputs["demand_factors"]
    v: dict[str, np.ndarray] = {}
    drv = inputs
    life = eff = mix = snk = inputs  # quantities of the modules this node needs
    s = base.s

    # --- activity and useful-energy service by sector (index 2020 = 1) ---------------------
    gdp_i, pop_i = drv["gdp_index"], drv["population_index"]
    w_steel = s("industry_energy_share_steel") / 100
    w_cement = s("industry_energy_share_cement") / 100
    w_chem = s("industry_energy_share_chemicals") / 100
    steel_out = base.path("steel_output", years)[None, :] * life["material_demand"]
    cement_out = base.path("cement_output", years)[None, :] * life["material_demand"]
    steel_i = steel_out / steel_out[:, :1] * eff["steel_energy_factor"]
    cement_i = cement_out / cement_out[:, :1] * eff["cement_energy_factor"]
    chem_i = base.path("chemicals_output_index", years)[None, :] * life["consumption"]
    structure = eff["industry_share_of_gdp"] / s("secondary_industry_share_2020")
    other_ind_i = gdp_i * structure * life["consumption"]
    activity = {
        "industry": w_steel * steel_i
        + w_cement * cement_i
        + w_chem * chem_i
        + (1 - w_steel - w_cement - w_chem) * other_ind_i,
    }
    w_pass = s("transport_energy_share_passenger") / 100
    passenger = (
        pop_i
        * base.path("passenger_travel_per_capita_index", years)[None, :]
        * life["passenger_demand"]
        * life["passenger_mode_factor"]
    )
    freight = gdp_i ** s("freight_gdp_elasticity") * life["freight_mode_factor"]
    activity["transport"] = w_pass * passenger + (1 - w_pass) * freight
    activity["buildings"] = (
        pop_i
        * life["floor_area_per_capita"]
        / s("floor_area_per_capita_2020")
        * base.path("building_service_per_area_index", years)[None, :]
        * life["building_service"]
    )
    activity["other"] = gdp_i ** s("other_gdp_elasticity")

    # --- final energy by sector and carrier (Mtce) -----------------------------------------
    final: dict[tuple[str, str], np.ndarray] = {}
    for sector in base.sectors:
        calibrated = activity[sector] * calibration.factor_path(demand_factors[sector], years, base)
        final.update(
            _sector_final_energy(sector, base, calibrated, eff[f"intensity_{sector}"], mix)
        )
    carriers = base.carriers

    # --- district heat, hydrogen, electricity demand --------------------------------------
    # DAC's heat comes from the heat supply (Mt x GJ/t = PJ -> Mtce)
    dac_heat = snk["dac"] * s("dac_heat") / (1000 * s("tce_to_ej"))
    heat = sum(final[(sec, "heat")] for sec in base.sectors) + dac_heat
    low_carbon_heat = heat * mix["heat_low_carbon_share"]
    heat_fuel = (heat - low_carbon_heat) / (s("heat_boiler_efficiency") / 100)
    heat_coal = heat_fuel * s("heat_coal_share_2020") / 100
    heat_gas = heat_fuel - heat_coal
    hydrogen = sum(final[(sec, "hydrogen")] for sec in base.sectors)
    kgce = s("kwh_to_kgce")  # Mtce per TWh
    electricity_final = sum(final[(sec, "electricity")] for sec in base.sectors) / kgce
    heat_pump_twh = low_carbon_heat / s("heat_pump_cop") / kgce
    electrolysis_twh = hydrogen / (s("electrolysis_efficiency") / 100) / kgce
    dac_twh = snk["dac"] * s("dac_electricity")  # Mt x MWh/t = TWh
    demand_twh = electricity_final + heat_pump_twh + electrolysis_twh + dac_twh
    generation = demand_twh / (1 - eff["grid_losses"] / 100)

    # --- power -------------------------------------------------------------------------
    # storage some module adds before dispatch (pumped storage in closed mines)
    power = _dispatch(base, years, generation, mix, storage_extra=inputs.get("storage_extra", 0.0))

    # --- emissions (Mt CO2/yr) --------------------------------------------------------
    ef = base.emission_factors
    stored = s("feedstock_carbon_stored") / 100
    e_heat = heat_coal * ef["coal"] + heat_gas * ef["gas"]
    e_sector = {}
    for sector in base.sectors:
        total = 0.0
        for fuel in FUELS:
            factor = ef[fuel]
            if sector == "industry":  # carbon stored in products from feedstock use
                factor = factor * (1 - s(f"industry_feedstock_share_{fuel}") / 100 * stored)
            total = total + final[(sector, fuel)] * factor
        e_sector[sector] = total
    clinker_t = cement_out * eff["clinker_ratio"] / 100
    e_cement = clinker_t * s("clinker_process_ef")
    e_other_process = s("other_process_2020") * steel_out / steel_out[:, :1]
    e_process = e_cement + e_other_process
    # large point sources in industry: combustion in steel, cement and chemicals (their share
    # of industrial service) plus process CO2
    point_share = (w_steel * steel_i + w_cement * cement_i + w_chem * chem_i) / activity["industry"]
    e_industry_point = e_sector["industry"] * point_share

    def power_with_capture(dispatch: dict[str, np.ndarray]) -> tuple[dict, dict, np.ndarray]:
        """Fuel (with the capture penalty), capture and power CO2 of a dispatch."""
        fuel = _power_fuel(dispatch, eff["coal_heat_rate"], base)
        ccs = sinks.capture(
            base,
            snk["ccus_capacity"],
            snk["ccus_power_share"],
            fuel["coal"] * ef["coal"],
            fuel["gas"] * ef["gas"],
            e_process,
            e_industry_point,
        )
        fuel = fuel | {
            "coal": fuel["coal"] + ccs["power_coal_fuel"],
            "gas": fuel["gas"] + ccs["power_gas_fuel"],
        }
        return fuel, ccs, _power_co2(fuel, base)

    power_fuel, ccs, e_power = power_with_capture(power)
    capture_power, capture_industry = ccs["power"], ccs["industry"]
    # industry's capture heat: gas boilers, CO2 released
    final_industry_gas_ccs = ccs["industry_gas_fuel"]
    e_sector["industry"] = e_sector["industry"] + ccs["industry_co2"]
    e_energy = e_power + e_heat + sum(e_sector.values())
    fossil_capture = capture_power + capture_industry
    bio = sinks.biomass(base, power["biomass"], snk["beccs"])
    beccs = bio["beccs"]
    net = e_energy + e_process - fossil_capture - snk["forestry"] - beccs - snk["dac"]

    # --- primary energy (Mtce; non-fossil electricity by coal-equivalent substitution) ------
    nonfossil_twh = sum(power[src] for src in energy_mix.NONFOSSIL_SOURCES)
    primary = {
        "Coal": power_fuel["coal"] + heat_coal + sum(final[(sec, "coal")] for sec in base.sectors),
        "Oil": power_fuel["oil"] + sum(final[(sec, "oil")] for sec in base.sectors),
        "Gas": power_fuel["gas"]
        + heat_gas
        + final_industry_gas_ccs
        + sum(final[(sec, "gas")] for sec in base.sectors),
        "Non-Fossil": nonfossil_twh * eff["coal_heat_rate"] / 1000,
    }

    # --- report ------------------------------------------------------------------------
    ej = s("tce_to_ej")
    v["Population"] = drv["population"]
    v["GDP|MER"] = drv["gdp"] * 1000
    removals = snk["forestry"] + beccs + snk["dac"]  # + removals of modules (_account)
    v["Emissions|CO2"] = net
    v["Emissions|CO2|Energy and Industrial Processes"] = e_energy + e_process - fossil_capture
    # negative branches, so that each aggregate of data/variables.csv is the sum of its parts
    v["Emissions|CO2|Carbon Capture"] = -fossil_capture
    v["Emissions|CO2|Carbon Removal"] = -removals
    v["Emissions|CO2|Energy"] = e_energy
    v["Emissions|CO2|Energy|Supply"] = e_power + e_heat
    v["Emissions|CO2|Energy|Supply|Electricity"] = e_power
    v["Emissions|CO2|Energy|Supply|Heat"] = e_heat
    v["Emissions|CO2|Energy|Demand"] = sum(e_sector.values())
    for sector, label in SECTOR_VARIABLE.items():
        v[f"Emissions|CO2|Energy|Demand|{label}"] = e_sector[sector]
    v["Emissions|CO2|Industrial Processes"] = e_process
    v["Emissions|CO2|Industrial Processes|Cement"] = e_cement
    v["Emissions|CO2|Industrial Processes|Other"] = e_other_process
    v["Carbon Removal"] = removals
    v["Carbon Removal|Forestry"] = snk["forestry"]
    v["Carbon Removal|Forestry|Existing Ecosystems"] = snk["forest_existing"]
    v["Carbon Removal|Forestry|Afforestation"] = snk["forest_new"]
    v["Carbon Removal|BECCS"] = beccs
    v["Carbon Removal|Direct Air Capture"] = snk["dac"]
    v["Carbon Capture|Storage"] = fossil_capture + beccs + snk["dac"]
    v["Carbon Capture|Storage|Electricity"] = capture_power
    v["Carbon Capture|Storage|Industry"] = capture_industry
    v["Carbon Capture|Storage|Biomass"] = beccs
    v["Carbon Capture|Storage|Direct Air Capture"] = snk["dac"]
    # capture: capacity x utilisation, ceilings, energy penalty; biomass balance (Diagnostics)
    v["Capacity|Carbon Capture"] = snk["ccus_capacity"]
    v["Diagnostics|Carbon Capture|Utilisation"] = (
        100 * fossil_capture / np.where(snk["ccus_capacity"] > 0, snk["ccus_capacity"], np.inf)
    )
    v["Diagnostics|Carbon Capture|Ceiling|Electricity"] = ccs["power_max"]
    v["Diagnostics|Carbon Capture|Ceiling|Industry"] = ccs["industry_max"]
    v["Diagnostics|Carbon Capture|Penalty CO2"] = ccs["power_co2"] + ccs["industry_co2"]
    v["Diagnostics|Primary Energy|Capture Penalty"] = (
        ccs["power_coal_fuel"] + ccs["power_gas_fuel"] + final_industry_gas_ccs
    ) * s("tce_to_ej")
    v["Diagnostics|Secondary Energy|Electricity|Direct Air Capture"] = dac_twh * EJ_PER_TWH
    v["Diagnostics|Heat|Direct Air Capture"] = dac_heat * s("tce_to_ej")
    v["Diagnostics|Biomass|Supply"] = bio["supply"]
    v["Diagnostics|Biomass|Electricity"] = bio["power"]
    v["Diagnostics|Biomass|BECCS"] = bio["beccs_biomass"]
    v["Diagnostics|Carbon Removal|BECCS|Shortfall"] = bio["shortfall"]
    v["Diagnostics|Share|Electricity|Wind and Solar"] = (
        100 * (power["wind"] + power["solar"]) / generation
    )
    v["Diagnostics|Share|Electricity|Wind and Solar|Grid Limit"] = power["vre_cap_share"]
    v["Diagnostics|Capacity|Electricity|Nuclear|Reference"] = mix["nuclear_reference"]
    v["Primary Energy"] = sum(primary.values()) * ej
    for fuel, value in primary.items():
        v[f"Primary Energy|{fuel}"] = value * ej
    v["Final Energy"] = sum(final.values()) * ej
    for sector, label in SECTOR_VARIABLE.items():
        v[f"Final Energy|{label}"] = sum(final[(sector, c)] for c in carriers) * ej
    for sector, label in SECTOR_VARIABLE.items():
        for carrier in carriers:
            v[f"Final Energy|{label}|{carrier.capitalize()}"] = final[(sector, carrier)] * ej
    for carrier in carriers:
        v[f"Final Energy|{carrier.capitalize()}"] = (
            sum(final[(sec, carrier)] for sec in base.sectors) * ej
        )
    v["Secondary Energy|Electricity"] = generation * EJ_PER_TWH
    for src, label in POWER_LABELS.items():
        v[f"Secondary Energy|Electricity|{label}"] = power[src] * EJ_PER_TWH
    v["Capacity|Electricity|Wind"] = power["wind_gw"]
    v["Capacity|Electricity|Solar"] = power["solar_gw"]
    v["Capacity|Electricity|Nuclear"] = mix["nuclear_capacity"] + 0 * net
    v["Capacity|Electricity|Storage"] = power["storage_gw"]
    v["Land Cover|Forest|Afforestation"] = np.cumsum(snk["afforestation_area"], axis=1)
    # quantities pluggable modules need (restoration: new damage follows coal; attributions
    # of mine-land energy use the power sector's released CO2)
    v["coal_index"] = primary["Coal"] / primary["Coal"][:, :1]
    v["power"] = power
    v["power_co2_released"] = e_power - capture_power
    return v


def _read_only(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A read-only (S, Y) view: broadcast when needed (a (1, Y) path), else a plain view
    (np.broadcast_to costs about 5 us a call, a view one)."""
    if array.shape != shape:
        return np.broadcast_to(array, shape)
    view = array.view()
    view.flags.writeable = False
    return view


ACCOUNTING = Module(
    name="energy accounting",
    compute=_energy,
    needs=(
        "population",
        "population_index",
        "gdp",
        "gdp_index",
        "passenger_demand",
        "passenger_mode_factor",
        "freight_mode_factor",
        "floor_area_per_capita",
        "building_service",
        "material_demand",
        "consumption",
        "intensity_industry",
        "intensity_transport",
        "intensity_buildings",
        "intensity_other",
        "industry_share_of_gdp",
        "steel_energy_factor",
        "clinker_ratio",
        "cement_energy_factor",
        "coal_heat_rate",
        "grid_losses",
        "nonfossil_share",
        "coal_share_of_fossil",
        "oil_share_of_fossil",
        "solar_share",
        "nuclear_capacity",
        "nuclear_reference",
        "storage_capacity",
        "heat_low_carbon_share",
        "coal_switch_industry",
        "coal_switch_buildings",
        "electrification",
        "hydrogen",
        "afforestation_area",
        "forest_existing",
        "forest_new",
        "forestry",
        "ccus_capacity",
        "ccus_power_share",
        "beccs",
        "dac",
    ),
    optional=("storage_extra",),
    provides=("coal_index", "power", "power_co2_released"),
)


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


def _sector_final_energy(
    sector: str, base: BaseData, activity: np.ndarray, intensity: np.ndarray, mix: dict
) -> dict[tuple[str, str], np.ndarray]:
    """Final energy (Mtce) by carrier for one sector.

    Useful-energy service U = U0 * activity * intensity, with U0 = FE0 * sum_c x0_c e_c. Carrier
    shares x_c of final energy: electricity and hydrogen from levers; the rest keeps its 2020
    composition except coal switched to gas. Then FE = U / sum_c x_c e_c and FE_c = x_c FE, so an
    efficient carrier (electric motors, heat pumps) needs less final energy for the same service.
    """
    carriers = base.carriers
    fe0 = {c: base.final_energy[(sector, c)] for c in carriers}
    total0 = sum(fe0.values())
    x0 = {c: fe0[c] / total0 for c in carriers}
    e_el = base.scalars.get(f"efficiency_electricity_{sector}", 1.0)
    e_h2 = base.scalars.get(f"efficiency_hydrogen_{sector}", 1.0)
    eff_c = {c: 1.0 for c in carriers} | {"electricity": e_el, "hydrogen": e_h2}
    useful0 = total0 * sum(x0[c] * eff_c[c] for c in carriers)

    x_el = mix["electrification"][sector]
    x_h2 = mix["hydrogen"].get(sector, x0["hydrogen"])
    x_h2 = np.minimum(x_h2, 1.0 - x_el)
    rest = 1.0 - x_el - x_h2
    rest0 = 1.0 - x0["electricity"] - x0["hydrogen"]
    composition = {c: x0[c] / rest0 for c in ("coal", "oil", "gas", "heat")}
    moved = composition["coal"] * mix.get(f"coal_switch_{sector}", 0.0)  # coal share to gas
    shares = {
        "electricity": x_el,
        "hydrogen": x_h2,
        "coal": rest * (composition["coal"] - moved),
        "gas": rest * (composition["gas"] + moved),
        "oil": rest * composition["oil"],
        "heat": rest * composition["heat"],
    }

    useful = useful0 * activity * intensity
    final_total = useful / sum(shares[c] * eff_c[c] for c in carriers)
    return {(sector, c): shares[c] * final_total for c in carriers}


def _power_fuel(
    power: dict[str, np.ndarray], coal_heat_rate: np.ndarray, base: BaseData
) -> dict[str, np.ndarray]:
    """Fuel burnt in power plants (Mtce) by fuel: generation (TWh) x heat rate (gce/kWh) / 1000."""
    return {
        "coal": power["coal"] * coal_heat_rate / 1000,
        "gas": power["gas"] * base.s("gas_heat_rate") / 1000,
        "oil": power["oil_other"] * base.s("oil_other_heat_rate") / 1000,
    }


def _power_co2(power_fuel: dict[str, np.ndarray], base: BaseData) -> np.ndarray:
    """Power-sector CO2 (Mt/yr): fuel burnt (Mtce) x emission factor (t CO2/tce)."""
    return sum(fuel * base.emission_factors[name] for name, fuel in power_fuel.items())


def _dispatch(
    base: BaseData, years: np.ndarray, generation: np.ndarray, mix: dict, storage_extra
) -> dict[str, np.ndarray]:
    """Generation by source (TWh) and capacities (GW).

    Firm non-fossil (hydro, biomass from data; nuclear from capacity) comes first; wind and solar
    fill the non-fossil target (planned with the reference nuclear programme, so nuclear beyond it
    displaces fossil and the target is a floor) up to the share the grid can absorb given
    storage; fossil covers the rest, split coal / gas / oil by the coal share lever.
    """
    s = base.s
    hours = 8.76  # thousand hours per year: GW x 8.76 = TWh at full load
    hydro = base.path("hydro_generation", years)[None, :]
    biomass = base.path("biomass_generation", years)[None, :]
    nuclear = mix["nuclear_capacity"] * s("nuclear_capacity_factor") * hours
    nuclear_ref = mix["nuclear_reference"] * s("nuclear_capacity_factor") * hours
    firm = hydro + biomass + nuclear
    # if firm non-fossil exceeds demand, scale it down (spilled or curtailed)
    scale = np.minimum(1.0, generation / firm)
    hydro, biomass, nuclear, firm = hydro * scale, biomass * scale, nuclear * scale, firm * scale
    storage = mix["storage_capacity"] + storage_extra
    peak = generation / (hours * s("system_load_factor"))
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
    fossil = np.maximum(generation - firm - vre, 0.0)
    coal = fossil * mix["coal_share_of_fossil"]
    oil = fossil * mix["oil_share_of_fossil"]
    gas = np.maximum(fossil - coal - oil, 0.0)
    cf_wind = base.path("wind_capacity_factor", years)[None, :]
    cf_solar = base.path("solar_capacity_factor", years)[None, :]
    return {
        "coal": coal,
        "gas": gas,
        "oil_other": oil,
        "nuclear": nuclear,
        "hydro": hydro,
        "wind": wind,
        "solar": solar,
        "biomass": biomass,
        "wind_gw": wind / (cf_wind * hours),
        "solar_gw": solar / (cf_solar * hours),
        "storage_gw": storage + 0 * generation,
        "vre_cap_share": vre_cap_share,
    }
