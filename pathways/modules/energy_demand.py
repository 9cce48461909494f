"""Energy demand: activity by sector and final energy by sector and carrier.

Activity (index 2020 = 1) comes from the drivers, lifestyle and efficiency modules; final energy
follows docs/methods.md sections 3-4. Energy is in Mtce inside, reported in EJ. All sectors and
carriers are computed as one (carrier, sector, samples, years) array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pathways import calibration
from pathways.data import CARRIER_ORDER, BaseData
from pathways.modules import Inputs, Module

SECTOR_VARIABLE = {
    "industry": "Industry",
    "transport": "Transportation",
    "buildings": "Residential and Commercial",
    "other": "Other Sector",
}
FUELS = ("coal", "oil", "gas")
# IAMC final-energy carriers (common-definitions / openENTRANCE): final coal is all solids, oil
# all liquids, gas all gases here (biomass and synthetic fuels are not final-energy carriers)
IAMC_CARRIER = {
    "coal": "Solids",
    "oil": "Liquids",
    "gas": "Gases",
    "electricity": "Electricity",
    "heat": "Heat",
    "hydrogen": "Hydrogen",
}


@dataclass(frozen=True)
class DemandConstants:
    """2020 final-energy structure of a region, by carrier c and sector n."""

    sectors: tuple[str, ...]
    carriers: tuple[str, ...]
    x0: np.ndarray  # (C, N) carrier shares of 2020 final energy
    efficiency: np.ndarray  # (C, N, 1, 1) useful energy per unit of final energy
    useful0: np.ndarray  # (N, 1, 1) 2020 useful-energy service, Mtce-equivalent
    composition: dict[str, np.ndarray]  # coal/oil/gas/heat: (N, 1, 1) shares of the rest in 2020


def constants(base: BaseData) -> DemandConstants:
    """The region's :class:`DemandConstants`, computed once and kept on ``base``."""
    cached = base.extra.get("demand_constants")
    if cached is not None:
        return cached
    sectors, carriers = tuple(base.sectors), tuple(base.carriers)
    fe0 = np.array([[base.final_energy[(s, c)] for s in sectors] for c in carriers])
    total0 = fe0.sum(axis=0)
    x0 = fe0 / total0
    efficiency = np.ones((len(carriers), len(sectors)))
    for n, sector in enumerate(sectors):
        efficiency[carriers.index("electricity"), n] = base.scalars.get(
            f"efficiency_electricity_{sector}", 1.0
        )
        efficiency[carriers.index("hydrogen"), n] = base.scalars.get(
            f"efficiency_hydrogen_{sector}", 1.0
        )
    useful0 = total0 * (x0 * efficiency).sum(axis=0)
    rest0 = 1.0 - x0[carriers.index("electricity")] - x0[carriers.index("hydrogen")]
    composition = {
        c: (x0[carriers.index(c)] / rest0)[:, None, None] for c in ("coal", "oil", "gas", "heat")
    }
    out = DemandConstants(
        sectors,
        carriers,
        x0,
        efficiency[:, :, None, None],
        useful0[:, None, None],
        composition,
    )
    base.extra["demand_constants"] = out
    return out


def activity(q: Inputs) -> dict[str, np.ndarray]:
    """Useful-energy service by sector relative to 2020 (S, Y), and the industrial outputs the
    emissions need: steel and cement output (Mt), the share of industrial service at large point
    sources (steel, cement, chemicals)."""
    base, years, s = q.base, q.years, q.base.s
    gdp_i, pop_i = q["gdp_index"], q["population_index"]
    w_steel = s("industry_energy_share_steel") / 100
    w_cement = s("industry_energy_share_cement") / 100
    w_chem = s("industry_energy_share_chemicals") / 100
    steel_out = base.series("steel_output", years) * q["material_demand"]
    cement_out = base.series("cement_output", years) * q["material_demand"]
    steel_i = steel_out / steel_out[:, :1] * q["steel_energy_factor"]
    cement_i = cement_out / cement_out[:, :1] * q["cement_energy_factor"]
    chem_i = base.series("chemicals_output_index", years) * q["consumption"]
    structure = q["industry_share_of_gdp"] / s("secondary_industry_share_2020")
    other_ind_i = gdp_i * structure * q["consumption"]
    point = w_steel * steel_i + w_cement * cement_i + w_chem * chem_i
    industry = point + (1 - w_steel - w_cement - w_chem) * other_ind_i
    w_pass = s("transport_energy_share_passenger") / 100
    passenger = (
        pop_i
        * base.series("passenger_travel_per_capita_index", years)
        * q["passenger_demand"]
        * q["passenger_mode_factor"]
    )
    freight = gdp_i ** s("freight_gdp_elasticity") * q["freight_mode_factor"]
    buildings = (
        pop_i
        * q["floor_area_per_capita"]
        / s("floor_area_per_capita_2020")
        * base.series("building_service_per_area_index", years)
        * q["building_service"]
    )
    return {
        "industry": industry,
        "transport": w_pass * passenger + (1 - w_pass) * freight,
        "buildings": buildings,
        "other": gdp_i ** s("other_gdp_elasticity"),
        "steel_output": steel_out,
        "cement_output": cement_out,
        "industry_point_share": point / industry,
    }


def final_energy(q: Inputs, service: dict[str, np.ndarray]) -> np.ndarray:
    """Final energy (Mtce) as a (carrier, sector, S, Y) array in the region's orders.

    Useful-energy service U = U0 * activity * calibration * intensity, with
    U0 = FE0 * sum_c x0_c e_c. Carrier shares x_c of final energy: electricity and hydrogen from
    levers; the rest keeps its 2020 composition except coal switched to gas. Then
    FE = U / sum_c x_c e_c and FE_c = x_c FE, so an efficient carrier (electric motors, heat
    pumps) needs less final energy for the same service.
    """
    k = constants(q.base)
    samples, n_years = q["gdp_index"].shape[0], q.years.size
    shape = (len(k.sectors), samples, n_years)
    c = k.carriers.index
    useful = np.empty(shape)
    x_el, x_h2, moved = np.empty(shape), np.empty(shape), np.zeros(shape)
    factors = _factor_paths(q.base, q["demand_factors"], q.years)
    for n, sector in enumerate(k.sectors):
        useful[n] = service[sector] * factors[sector] * q[f"intensity_{sector}"]
        x_el[n] = q["electrification"][sector]
        x_h2[n] = q["hydrogen"].get(sector, k.x0[c("hydrogen"), n])
        switch = q.get(f"coal_switch_{sector}")
        if switch is not None:
            moved[n] = switch
    useful *= k.useful0
    np.minimum(x_h2, 1.0 - x_el, out=x_h2)
    rest = 1.0 - x_el - x_h2
    moved *= k.composition["coal"]
    shares = np.empty((len(k.carriers), *shape))
    shares[c("electricity")] = x_el
    shares[c("hydrogen")] = x_h2
    shares[c("coal")] = rest * (k.composition["coal"] - moved)
    shares[c("gas")] = rest * (k.composition["gas"] + moved)
    shares[c("oil")] = rest * k.composition["oil"]
    shares[c("heat")] = rest * k.composition["heat"]
    total = useful / (shares * k.efficiency).sum(axis=0)
    shares *= total
    return shares


_FACTOR_PATHS: dict[tuple, tuple[object, dict[str, np.ndarray]]] = {}


def _factor_paths(base: BaseData, factors: dict, years: np.ndarray) -> dict[str, np.ndarray]:
    """The (1, Y) calibration multipliers of every sector; cached per factors object."""
    key = (id(factors), id(base), int(years[0]), years.size)
    cached = _FACTOR_PATHS.get(key)
    if cached is not None and cached[0] is factors:
        return cached[1]
    paths = {sector: calibration.factor_path(f, years, base) for sector, f in factors.items()}
    if len(_FACTOR_PATHS) >= 16:
        _FACTOR_PATHS.clear()
    _FACTOR_PATHS[key] = (factors, paths)  # the factors object keeps its id valid
    return paths


def _compute(q: Inputs) -> dict[str, np.ndarray]:
    service = activity(q)
    final = final_energy(q, service)
    k = constants(q.base)
    ej = q.base.s("tce_to_ej")
    final_ej = final * ej
    v = {
        "final_energy": final,
        "steel_output": service["steel_output"],
        "cement_output": service["cement_output"],
        "industry_point_share": service["industry_point_share"],
        "Final Energy": final_ej.sum(axis=(0, 1)),
    }
    by_sector = final_ej.sum(axis=0)
    by_carrier = final_ej.sum(axis=1)
    for n, sector in enumerate(k.sectors):
        label = SECTOR_VARIABLE[sector]
        v[f"Final Energy|{label}"] = by_sector[n]
        for i, carrier in enumerate(k.carriers):
            v[f"Final Energy|{label}|{IAMC_CARRIER[carrier]}"] = final_ej[i, n]
    for i, carrier in enumerate(k.carriers):
        v[f"Final Energy|{IAMC_CARRIER[carrier]}"] = by_carrier[i]
    return v


MODULE = Module(
    name="energy demand",
    compute=_compute,
    needs=(
        "demand_factors",
        "population_index",
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
        "cement_energy_factor",
        "electrification",
        "hydrogen",
    ),
    optional=("coal_switch_industry", "coal_switch_buildings", "coal_switch_transport"),
    provides=(
        "final_energy",
        "steel_output",
        "cement_output",
        "industry_point_share",
        "Final Energy",
        *(f"Final Energy|{label}" for label in SECTOR_VARIABLE.values()),
        *(
            f"Final Energy|{label}|{IAMC_CARRIER[carrier]}"
            for label in SECTOR_VARIABLE.values()
            for carrier in CARRIER_ORDER
        ),
        *(f"Final Energy|{IAMC_CARRIER[carrier]}" for carrier in CARRIER_ORDER),
    ),
)
