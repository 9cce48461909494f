"""Energy mix: power generation mix, storage, district heat, and fuel switching by sector.

Returns share paths (fractions 0-1) and capacities (GW), shapes (S, Y).
"""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Module, catalogue_levers, from_levers

NONFOSSIL_SOURCES = ("nuclear", "hydro", "wind", "solar", "biomass")
FOSSIL_SOURCES = ("coal", "gas", "oil_other")


def base_generation(base: BaseData) -> dict[str, float]:
    """2020 generation by source, TWh."""
    return {
        s: base.s(f"generation_{s}_2020")
        for s in ("coal", "gas", "oil_other", "nuclear", "hydro", "wind", "solar", "biomass")
    }


def base_shares(base: BaseData) -> dict[str, float]:
    """2020 values of the energy-mix levers, in the levers' units (%, GW), and two 2020
    fractions the module uses; cached on ``base``."""
    cached = base.extra.get("energy_mix_base_shares")
    if cached is not None:
        return cached
    gen = base_generation(base)
    total = sum(gen.values())
    fossil = sum(gen[s] for s in FOSSIL_SOURCES)
    shares = {
        "power_nonfossil_share": 100 * sum(gen[s] for s in NONFOSSIL_SOURCES) / total,
        "power_coal_share_of_fossil": 100 * gen["coal"] / fossil,
        "solar_share_of_wind_solar": 100 * gen["solar"] / (gen["solar"] + gen["wind"]),
        "nuclear_capacity": base.s("capacity_nuclear_2020"),
        "storage_capacity": base.s("capacity_storage_2020"),
        "heat_low_carbon_share": 0.0,
    }
    for sector in ("industry", "transport", "buildings"):
        sector_total = sum(v for (s, _), v in base.final_energy.items() if s == sector)
        shares[f"{sector}_electrification"] = (
            100 * base.final_energy[(sector, "electricity")] / sector_total
        )
        shares[f"{sector}_hydrogen"] = 100 * base.final_energy[(sector, "hydrogen")] / sector_total
    # not lever values: the oil share of fossil power (fraction) and agriculture and
    # construction's 2020 electricity share of final energy (fraction)
    shares["oil_share_of_fossil"] = gen["oil_other"] / sum(gen[s] for s in FOSSIL_SOURCES)
    other_total = sum(v for (s, _), v in base.final_energy.items() if s == "other")
    shares["other_electrification_fraction"] = (
        base.final_energy[("other", "electricity")] / other_total
    )
    base.extra["energy_mix_base_shares"] = shares
    return shares


def nuclear_reference(
    levers: LeverSet, base_value: float, own: dict[str, float] | None = None
) -> np.ndarray:
    """(1, Y) nuclear capacity (GW) the non-fossil share target counts on: the path of the
    lever's default (target and target year; ``own``: a region's own defaults). Nuclear beyond
    it displaces fossil power (the share target is a floor); below it, wind and solar keep the
    share at the target."""
    lever = levers.catalogue["nuclear_capacity"]
    own = own or {}
    target = own.get("nuclear_capacity", lever.default)
    year = own.get(lever.pair, levers.catalogue[lever.pair].default)
    key = (
        id(levers.history),
        levers.years[0],
        levers.years[-1],
        levers.half_life,
        base_value,
        target,
        year,
    )
    cached = _REFERENCE_CACHE.get(key)
    if cached is not None and cached[0] is levers.history:
        return cached[1]
    default = LeverSet(
        {
            "nuclear_capacity": np.array([target]),
            lever.pair: np.array([year]),
        },
        levers.years,
        levers.history,
        levers.half_life,
    )
    path = default.path("nuclear_capacity", base_value)
    if len(_REFERENCE_CACHE) >= 16:
        _REFERENCE_CACHE.clear()
    _REFERENCE_CACHE[key] = (levers.history, path)  # the history object keeps the id valid
    return path


_REFERENCE_CACHE: dict[tuple, tuple[object, np.ndarray]] = {}


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    b = base_shares(base)
    out = {
        "nonfossil_share": levers.path("power_nonfossil_share", b["power_nonfossil_share"]) / 100,
        "coal_share_of_fossil": levers.path(
            "power_coal_share_of_fossil", b["power_coal_share_of_fossil"]
        )
        / 100,
        "oil_share_of_fossil": np.full((1, years.size), b["oil_share_of_fossil"]),
        "solar_share": levers.path("solar_share_of_wind_solar", b["solar_share_of_wind_solar"])
        / 100,
        "nuclear_capacity": levers.path("nuclear_capacity", b["nuclear_capacity"]),
        "nuclear_reference": nuclear_reference(levers, b["nuclear_capacity"], base.lever_defaults),
        "storage_capacity": levers.path("storage_capacity", b["storage_capacity"]),
        "heat_low_carbon_share": levers.path("heat_low_carbon_share", 0.0) / 100,
        "coal_switch_industry": levers.path("industry_coal_switch", 0.0) / 100,
        "coal_switch_buildings": levers.path("buildings_coal_switch", 0.0) / 100,
    }
    electrification = {
        s: levers.path(f"{s}_electrification", b[f"{s}_electrification"]) / 100
        for s in ("industry", "transport", "buildings")
    }
    # Agriculture and construction follow industry's electrification, scaled to their own base:
    # the same fraction of the remaining gap when industry electrifies further, the same relative
    # cut when it falls below its 2020 share (so the share never turns negative).
    ind0 = b["industry_electrification"] / 100
    other0 = b["other_electrification_fraction"]
    ind = electrification["industry"]
    electrification["other"] = np.where(
        ind >= ind0, other0 + (1 - other0) * (ind - ind0) / (1 - ind0), other0 * ind / ind0
    )
    out["electrification"] = electrification
    out["hydrogen"] = {
        "industry": levers.path("industry_hydrogen", b["industry_hydrogen"]) / 100,
        "transport": levers.path("transport_hydrogen", b["transport_hydrogen"]) / 100,
    }
    return out


MODULE = Module(
    name="energy_mix",
    compute=from_levers(compute),
    levers=catalogue_levers("energy_mix"),
    provides=(
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
    ),
)
