"""Mine ecological restoration: land, revegetation carbon, restoration works, mine-land energy.

Reported variables (names are stable; the dashboard's "Mine restoration" page shows them):

    Carbon Removal|Mine Revegetation                 Mt CO2/yr  biomass + soil stock change (gross
                                                                 of the works' emissions)
    Carbon Removal|Mine Revegetation|Biomass         Mt CO2/yr
    Carbon Removal|Mine Revegetation|Soil            Mt CO2/yr
    Carbon Removal|Mine Revegetation|Humid           Mt CO2/yr  by climate zone (also |Semi-Arid,
                                                                 |Cold-Arid)
    Carbon Removal|Mine Revegetation|Extremely Important  by grade (also |Important, |General)
    Carbon Removal|Mine Revegetation|Forest          by land use (also |Shrub and Grass,
                                                      |Cropland, |PV with Grass, |Wetland)
    Emissions|CO2|Mine Restoration Works             Mt CO2/yr  diesel, topsoil haulage, fertiliser
    Land|Mine|Restored                               Mha        cumulative since 2020
    Land|Mine|Restoration Rate                       Mha/yr     restored in the year
    Land|Mine|Restored|Natural, |Artificial          Mha        cumulative since 2020, by approach
    Land|Mine|Restored|<zone>, |<grade>              Mha        cumulative since 2020, by climate
                                                                zone and by restoration grade
    Land|Mine|Restored|Carbon Credited               Mha        cumulative, land damaged before 2021
    Land|Mine|Damage Rate                            Mha/yr     new damage (tied to coal)
    Land|Mine|Backlog                                Mha        damaged, not yet restored
    Capacity|Electricity|Solar|Mine Land             GW         part of Capacity|Electricity|Solar
    Secondary Energy|Electricity|Solar|Mine Land     EJ/yr      part of the solar generation
    Capacity|Electricity|Storage|Mine Pumped Hydro   GW         part of Capacity|Electricity|Storage
    Secondary Energy|Electricity|Storage|Mine Pumped Hydro  EJ/yr  energy shifted (discharged)
    Avoided Emissions|CO2|Mine Land PV               Mt CO2/yr  ATTRIBUTION, not part of net CO2:
                                                                 mine-PV generation x grid-average
                                                                 intensity of the year
    Avoided Emissions|CO2|Mine Pumped Storage        Mt CO2/yr  ATTRIBUTION, not part of net CO2:
                                                                 energy shifted x (displaced fossil
                                                                 - charging mix / efficiency)
    Land|Mine|Restoration Rate|Programme             Mha/yr     legacy-backlog programme (+ PV land)
    Land|Mine|Restoration Rate|Operators             Mha/yr     operators' reclamation of producing
                                                                 and new-damage land after the lag
    Cost|Mine Restoration                            billion CNY/yr

Indicators (per sample): ``mine_sequestration_2020_2060`` (Gt CO2, revegetation sink net of the
works, 2020-2060), ``mine_sink_2060`` (Mt CO2/yr, net), ``mine_restored_share_2060`` (% of all mine
land ever damaged that is restored by 2060), ``mine_cost_2020_2060`` (billion CNY),
``mine_share_of_removals_2060`` (% of all carbon removals: forestry, BECCS, DAC, mine revegetation).

The accounting (docs/methods.md, "Mine restoration"):

* Land. Legacy backlog L (abandoned mines) and producing-mine land P by climate zone x grade.
  Producing land is released for restoration as mines close (P over ``producing_release_years``,
  new damage after ``mining_use_years``). New damage D(t) = D0 (c q(t) + 1 - c), q = coal primary
  energy relative to 2020, c = coal share of new damage. Operators reclaim a share of released
  land after the closure lag (lever; temporary land use shortens it); the rest joins the legacy
  backlog, which the programme restores at the rate levers (plus the land PV needs), never more
  than is available: cumulative restored X(t) = R(t) + min(0, min_{s<=t} (A(s) - R(s))), with R the
  cumulative demand and A the cumulative availability, so no loop over years is needed.
* Credit. Land damaged before 2021 earns the carbon of its regrowth; land damaged later is
  restored (area, works, cost count) but its regrowth only returns what its damage removed, so
  neither is counted. Pre-2021 land is restored first, so the credited area, and the sink, do not
  depend on the coal path (less coal: less new damage, smaller backlog, fewer works).
* Carbon. Each year's credited area, by grade, zone, approach (natural / artificial) and land
  use, is a cohort. Per hectare: biomass = survival x CR(age) x (1 + root:shoot) x C fraction,
  soil = survival x (rate x min(age, T) - decline x clip(age - T, 0, Td)); the sink is the
  convolution of area with the per-hectare stock change, done as matrix products with stacked
  Toeplitz operators (cached per data and horizon).
* Energy. Mine-land PV is a part of the solar the energy mix decides: its avoided CO2 is an
  attribution (generation x grid-average intensity of the year), not subtracted again. Pumped
  storage in closed mines adds storage before dispatch (it acts on net CO2 through the grid's
  wind-and-solar limit, like any storage); its avoided CO2 is an attribution of the energy it
  shifts (see :func:`energy_attributions`).
* Levers act from 2025 (as in the rest of the model): cohorts of 2021-2024 follow the catalogue
  defaults, the observed programme pace and the 2020 closure lag.
"""

from __future__ import annotations

import functools

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Inputs, Module, catalogue_levers
from pathways.modules.mine_cohorts import Operators, area_outputs, cohort_sinks, operators
from pathways.modules.mine_data import (
    ECOLOGICAL,
    GRADE_LABELS,
    GRADES,
    LANDUSE_LABELS,
    LANDUSES,
    PAIRS,
    PV_PAIR,
    ZONE_LABELS,
    ZONES,
    MineData,
    load,
    mine_data,
)
from pathways.scenario import catalogue
from pathways.timepaths import HISTORY_END

POWER_SOURCES = ("coal", "gas", "oil_other", "nuclear", "hydro", "wind", "solar", "biomass")

MIX_LEVERS = {
    "forest": "mine_landuse_forest",
    "shrub-grass": "mine_landuse_shrub_grass",
    "cropland": "mine_landuse_cropland",
    "wetland": "mine_landuse_wetland",
}
NATURAL_LEVERS = (
    "mine_natural_share_extremely_important",
    "mine_natural_share_important",
    "mine_natural_share_general",
)
RATE_PERIODS = (
    ("mine_restoration_rate_2025_2030", 2025, 2030),
    ("mine_restoration_rate_2031_2040", 2031, 2040),
    ("mine_restoration_rate_2041_2050", 2041, 2050),
    ("mine_restoration_rate_2051_2070", 2051, 2100),
)
LAG_LEVER = "mine_restoration_lag"
LAG_TRANSITION_YEARS = 5  # the lag moves from its 2020 value to the lever over 2025-2029
PV_LEVER = "mine_pv_capacity"
STORAGE_LEVER = "mine_pumped_storage"


# --- levers -> shares ---------------------------------------------------------------------


def pair_shares(arrays: dict[str, np.ndarray]) -> np.ndarray:
    """(S, G, P) shares of each grade's restored area (PV excluded) by (approach, land use).

    Land-use weights are normalised to 100% (all zero -> shrub-grass); extremely important
    zones take only ecological uses (forest, shrub-grass, wetland). Within ecological uses the
    grade's natural share is restored naturally; cropland is always built.
    """
    names = list(MIX_LEVERS)
    weights = np.stack([np.asarray(arrays[MIX_LEVERS[u]], dtype=float) for u in names], -1)
    allowed = np.array([[u in ECOLOGICAL or g > 0 for u in names] for g in range(len(GRADES))])
    w = weights[:, None, :] * allowed  # (S, G, U')
    total = w.sum(axis=-1, keepdims=True)
    fallback = np.array([u == "shrub-grass" for u in names], dtype=float)
    mix = np.where(total > 0, w / np.where(total > 0, total, 1.0), fallback)
    natural = np.stack([np.asarray(arrays[n], dtype=float) for n in NATURAL_LEVERS], -1)
    natural = np.clip(natural / 100.0, 0.0, 1.0)[:, :, None]  # (S, G, 1)
    lu = [names.index(u) if u in names else 0 for _, u in PAIRS]
    is_eco = np.array([u in ECOLOGICAL for _, u in PAIRS])
    is_nat = np.array([a == "natural" for a, _ in PAIRS])
    approach = np.where(is_eco, np.where(is_nat, natural, 1.0 - natural), 1.0)
    shares = mix[:, :, lu] * approach
    shares[:, :, PV_PAIR] = 0.0
    return shares


@functools.lru_cache(maxsize=1)
def _default_shares() -> np.ndarray:
    cat = catalogue()
    names = [*MIX_LEVERS.values(), *NATURAL_LEVERS]
    return pair_shares({n: np.array([cat[n].default]) for n in names})


_SHARES_CACHE: dict[bytes, np.ndarray] = {}


def _lever_shares(arrays: dict[str, np.ndarray]) -> np.ndarray:
    """:func:`pair_shares`, memoised for small lever sets (a slider move re-runs one sample)."""
    names = [*MIX_LEVERS.values(), *NATURAL_LEVERS]
    if len(arrays[names[0]]) > 16:
        return pair_shares(arrays)
    key = b"".join(np.asarray(arrays[n], dtype=float).tobytes() for n in names)
    if key not in _SHARES_CACHE:
        if len(_SHARES_CACHE) >= 256:
            _SHARES_CACHE.clear()
        _SHARES_CACHE[key] = pair_shares(arrays)
    return _SHARES_CACHE[key]


BLOCK = 512  # samples per block: a block's cell and cohort arrays stay in the CPU cache


def _history_sinks(
    data: MineData, n: int, eco: np.ndarray, pv: np.ndarray
) -> dict[str, np.ndarray]:
    """:func:`cohort_sinks` of the 2021-2024 cohorts (one sample, default shares), memoised:
    they are the same in every evaluation with the same data and coal history."""
    key = (data, n, eco.tobytes(), pv.tobytes())
    if key not in _HISTORY_CACHE:
        if len(_HISTORY_CACHE) >= 16:
            _HISTORY_CACHE.clear()
        _HISTORY_CACHE[key] = cohort_sinks(eco, pv, _default_shares_by_grade(), operators(data, n))
    return _HISTORY_CACHE[key]


_HISTORY_CACHE: dict[tuple, dict[str, np.ndarray]] = {}


def _default_shares_by_grade() -> np.ndarray:
    """The catalogue defaults' shares as (G, P, 1)."""
    return _default_shares().transpose(1, 2, 0)


# --- land accounting (time-major: years first, samples last) -------------------------------


def _at(cumulative: np.ndarray, when: np.ndarray, years: np.ndarray) -> np.ndarray:
    """A cumulative series, (Y,) or (Y, S), read at fractional years ``when`` ((Y, 1) or
    (Y, S)) by linear interpolation; 0 before the first year, flat after the last."""
    pos = np.clip(when - years[0], 0.0, years.size - 1.0)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, years.size - 1)
    frac = pos - lo
    if cumulative.ndim == 1:
        low, high = cumulative[lo], cumulative[hi]
    else:
        low = np.take_along_axis(cumulative, lo, axis=0)
        high = np.take_along_axis(cumulative, hi, axis=0)
    return np.where(when < years[0], 0.0, low * (1 - frac) + high * frac)


def _yearly(cumulative: np.ndarray, axis: int = 0) -> np.ndarray:
    """Yearly increments of a cumulative series (the first year's is its value)."""
    return np.diff(cumulative, axis=axis, prepend=0.0)


def _accumulate(ufunc: np.ufunc, x: np.ndarray, axis: int) -> np.ndarray:
    """``ufunc.accumulate(x, axis)``. numpy accumulates slowly across wide trailing axes (about
    10 ns an element), so wide arrays are accumulated one year at a time: the same operations
    in the same order, so the same result bit for bit, about 10x faster."""
    if x.size < 64 * x.shape[axis]:
        return ufunc.accumulate(x, axis=axis)
    out = np.array(x, dtype=float)
    steps = np.moveaxis(out, axis, 0)
    for t in range(1, steps.shape[0]):
        ufunc(steps[t - 1], steps[t], out=steps[t])
    return out


def _bounded_cumulative(demand: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Cumulative restoration X(t) = min(X(t-1) + demand(t), available(t)), X = 0 before the
    first year; years on axis -2, ``demand`` broadcasting against ``available``. A loop over
    the years, each step vectorised over cells and samples."""
    out = np.empty(available.shape)
    np.minimum(demand[..., 0, :], available[..., 0, :], out=out[..., 0, :])
    for t in range(1, available.shape[-2]):
        level = out[..., t, :]
        np.add(out[..., t - 1, :], demand[..., t, :], out=level)
        np.minimum(level, available[..., t, :], out=level)
    return out


def _land(
    data: MineData,
    years: np.ndarray,
    coal_index: np.ndarray,
    lag: np.ndarray,
    rates: np.ndarray,
    pv_target: np.ndarray,
) -> dict[str, np.ndarray]:
    """Land accounting of a block of samples, time-major.

    ``coal_index``: coal primary energy relative to 2020 (Y, S); ``lag``: closure lag lever
    (yr, (S,)); ``rates``: the programme rate levers of :data:`RATE_PERIODS` (kha/yr, (R, S));
    ``pv_target``: mine-land PV capacity path (GW, (Y, S)).

    Returns new damage (Mha/yr) and cumulative damage (Mha), (Y, S); land restored, all and
    credited, for ecology and for PV (Mha/yr, (G, Z, Y, S)).
    """
    n, samples = coal_index.shape
    zones, cells = len(ZONES), len(GRADES) * len(ZONES)
    hist = years <= HISTORY_END

    # --- new damage, release and operator reclamation (Mha) ------------------------------
    coal_share = data.c("coal_share_of_new_damage") / 100
    damage = data.c("new_damage_2020") / 1000 * (coal_share * coal_index + 1 - coal_share)
    damage = damage * (years > years[0])[:, None]
    cum_damage = _accumulate(np.add, damage, 0)
    use, release_years = data.c("mining_use_years"), data.c("producing_release_years")
    released_frac = np.clip((years - years[0]) / max(release_years, 1e-9), 0.0, 1.0)
    lag_2020 = data.c("closure_lag_2020")
    ramp = np.clip((years - HISTORY_END) / LAG_TRANSITION_YEARS, 0.0, 1.0)[:, None]
    reclaim_when = years[:, None] - (lag_2020 + (lag - lag_2020) * ramp)
    released_damage = _at(cum_damage, (years - use)[:, None], years)
    op_frac = _accumulate(np.maximum, _at(released_frac, reclaim_when, years), 0)
    op_damage = _accumulate(np.maximum, _at(cum_damage, reclaim_when - use, years), 0)

    # cells = (grade, zone) flattened; each cell quantity is national series x cell shares
    share_legacy = data.shares["legacy_share"][1].reshape(cells)
    share_prod = data.shares["producing_share"][1].reshape(cells)
    share_new = data.shares["new_damage_share"][1].reshape(cells)
    legacy0 = data.c("backlog_legacy_2020")
    producing0 = data.c("backlog_producing_2020")
    operator = data.c("operator_reclamation_share") / 100
    # cumulative availability of the legacy backlog: L0 + (1 - operator share) x released;
    # the land damaged before 2021 is the same in every sample (C, Y)
    coef_legacy = legacy0 * share_legacy
    coef_prod = (1 - operator) * producing0 * share_prod
    pre_available = coef_legacy[:, None] + coef_prod[:, None] * released_frac
    # all land (first) and pre-2021 land (second), (2, C, Y, S)
    available = np.empty((2, cells, n, samples))
    np.multiply(((1 - operator) * share_new)[:, None, None], released_damage, out=available[0])
    available[0] += pre_available[..., None]
    available[1] = pre_available[..., None]
    # operators' reclamation after the closure lag (Mha/yr per cell)
    op_pre = (operator * producing0 * share_prod)[:, None, None] * _yearly(op_frac)
    op_new = op_pre + (operator * share_new)[:, None, None] * _yearly(op_damage)

    # --- programme restoration of the legacy backlog, plus land for PV (Mha/yr) -------------
    rate = np.where((years > years[0]) & hist, data.c("restoration_rate_2021_2024"), 0.0)
    rate = rate[:, None] / 1000
    for (_, first, last), value in zip(RATE_PERIODS, rates, strict=True):
        period = (years >= first) & (years <= last) & ~hist
        rate = rate + value / 1000 * period[:, None]
    rate = np.maximum(rate, 0.0)
    pv_new_gw = np.maximum(np.diff(pv_target, axis=0, prepend=pv_target[:1]), 0.0)
    pv_demand = pv_new_gw * (data.c("pv_land_per_gw") / 1000)  # Mha/GW
    # Demand is spread over cells by their land damaged before 2021 (PV not in extremely
    # important zones, the first `zones` cells). That land earns the carbon of its regrowth;
    # land damaged later is restored (area, works, cost) but its regrowth only offsets the
    # carbon its damage removed, so neither is counted. Restoring pre-2021 land first, the
    # credited part C = min(C + demand, pre-2021 land) does not depend on the coal path: less
    # coal never lowers the mine sink.
    pre_total = coef_legacy.sum() + coef_prod.sum() * released_frac
    pre_pv = coef_legacy[zones:].sum() + coef_prod[zones:].sum() * released_frac
    rate_per_area = rate / np.maximum(pre_total, 1e-12)[:, None]
    pv_per_area = pv_demand / np.maximum(pre_pv, 1e-12)[:, None]
    demand = np.empty((cells, n, samples))
    np.multiply(pre_available[:zones, :, None], rate_per_area, out=demand[:zones])
    np.multiply(pre_available[zones:, :, None], rate_per_area + pv_per_area, out=demand[zones:])
    restored, credited = _yearly(_bounded_cumulative(demand, available), axis=-2)
    credit = np.clip(credited / np.where(restored > 0, restored, 1.0), 0.0, 1.0)
    pv_part = pv_per_area / np.maximum(rate_per_area + pv_per_area, 1e-300)
    pv_area = np.zeros_like(restored)
    np.multiply(restored[zones:], pv_part, out=pv_area[zones:])
    grid = (len(GRADES), zones, n, samples)
    return {
        "operators": op_new.sum(axis=0),
        "damage": damage,
        "cum_damage": cum_damage,
        "eco_area": (restored - pv_area + op_new).reshape(grid),
        "pv_area": pv_area.reshape(grid),
        "eco_credited": ((restored - pv_area) * credit + op_pre).reshape(grid),
        "pv_credited": (pv_area * credit).reshape(grid),
    }


def _block(
    data: MineData,
    years: np.ndarray,
    ops: Operators,
    coal_index: np.ndarray,
    lag: np.ndarray,
    rates: np.ndarray,
    pv_target: np.ndarray,
    shares: np.ndarray,
) -> dict[str, np.ndarray]:
    """Land, carbon, works and cost variables of a block of samples, time-major (Y, S); inputs
    as :func:`_land`, plus the lever ``shares`` (G, P, S). Also ``PV land`` (Mha, cumulative)."""
    land = _land(data, years, coal_index, lag, rates, pv_target)
    eco_area, pv_area = land["eco_area"], land["pv_area"]
    eco_credited, pv_credited = land["eco_credited"], land["pv_credited"]
    n = years.size

    # --- cohorts; levers shape the cohorts from 2025, defaults those of 2020-2024 ------------
    before = years <= HISTORY_END
    history = np.stack([eco_credited[..., before, :], pv_credited[..., before, :]])
    in_history = before[:, None]
    if np.all(history == history[..., :1]):  # shared by all samples: computed once
        old = _history_sinks(
            data, n, eco_credited[..., :1] * in_history, pv_credited[..., :1] * in_history
        )
    else:
        old = cohort_sinks(
            eco_credited * in_history, pv_credited * in_history, _default_shares_by_grade(), ops
        )
    # the later cohorts on the shorter horizon they have (a Toeplitz operator's trailing block)
    first = int(before.sum())
    new = cohort_sinks(
        eco_credited[..., first:, :],
        pv_credited[..., first:, :],
        shares,
        operators(data, n - first),
    )
    out = {}
    for key, value in new.items():
        out[key] = np.empty(value.shape[:-2] + (n, value.shape[-1]))
        out[key][...] = old[key]
        out[key][..., first:, :] += value
    out |= area_outputs(eco_area, pv_area, before, _default_shares_by_grade(), shares, ops)

    v: dict[str, np.ndarray] = {}
    v["Carbon Removal|Mine Revegetation"] = out["biomass"] + out["soil"]
    v["Carbon Removal|Mine Revegetation|Biomass"] = out["biomass"]
    v["Carbon Removal|Mine Revegetation|Soil"] = out["soil"]
    for z, label in enumerate(ZONE_LABELS):
        v[f"Carbon Removal|Mine Revegetation|{label}"] = out["zone"][z]
    for g, label in enumerate(GRADE_LABELS):
        v[f"Carbon Removal|Mine Revegetation|{label}"] = out["grade"][g]
    for u, label in zip(LANDUSES, LANDUSE_LABELS, strict=True):
        members = [j for j, (_, lu) in enumerate(PAIRS) if lu == u]
        v[f"Carbon Removal|Mine Revegetation|{label}"] = out["pair"][members].sum(axis=0)
    v["Emissions|CO2|Mine Restoration Works"] = out["works"]
    restored = _accumulate(np.add, out["restored"], 0)
    v["Land|Mine|Restored"] = restored
    v["Land|Mine|Restoration Rate"] = out["restored"]
    v["Land|Mine|Restoration Rate|Operators"] = land["operators"]
    v["Land|Mine|Restoration Rate|Programme"] = out["restored"] - land["operators"]
    v["Land|Mine|Restored|Natural"] = _accumulate(np.add, out["natural"], 0)
    v["Land|Mine|Restored|Artificial"] = restored - v["Land|Mine|Restored|Natural"]
    # cumulative Mha restored by zone (Z, Y, S) and by grade (G, Y, S); reduce before adding
    by_zone = _accumulate(np.add, eco_area.sum(axis=0) + pv_area.sum(axis=0), 1)
    by_grade = _accumulate(np.add, eco_area.sum(axis=1) + pv_area.sum(axis=1), 1)
    for z, label in enumerate(ZONE_LABELS):
        v[f"Land|Mine|Restored|{label}"] = by_zone[z]
    for g, label in enumerate(GRADE_LABELS):
        v[f"Land|Mine|Restored|{label}"] = by_grade[g]
    v["Land|Mine|Restored|Carbon Credited"] = _accumulate(
        np.add, eco_credited.sum(axis=(0, 1)) + pv_credited.sum(axis=(0, 1)), 0
    )
    v["Land|Mine|Damage Rate"] = land["damage"]
    backlog_2020 = data.c("backlog_legacy_2020") + data.c("backlog_producing_2020")
    v["Land|Mine|Backlog"] = np.maximum(backlog_2020 + land["cum_damage"] - restored, 0.0)
    v["Cost|Mine Restoration"] = out["cost"]
    v["PV land"] = _accumulate(np.add, pv_area.sum(axis=(0, 1)), 0)
    return v


def pumped_storage(levers: LeverSet, base: BaseData, years: np.ndarray) -> np.ndarray:
    """Pumped-storage capacity in closed mines (GW, (S, Y)); levers only, so it can enter the
    power dispatch before the energy accounting."""
    data = mine_data(base)
    if data is None:
        return np.zeros((levers.samples, years.size))
    return np.maximum(levers.path(STORAGE_LEVER, data.c("pumped_storage_2020")), 0.0)


def compute(
    levers: LeverSet,
    base: BaseData,
    years: np.ndarray,
    coal_index: np.ndarray,
    power: dict[str, np.ndarray],
    power_co2: np.ndarray,
) -> dict[str, np.ndarray]:
    """Land, carbon, works, cost and mine-land energy; variables as in the module docstring.

    ``coal_index``: coal primary energy relative to 2020 (S, Y); ``power``: the dispatch (TWh,
    GW); ``power_co2``: power-sector CO2 released (Mt/yr, net of capture) for the emission
    factors of the attributions. Computed time-major in blocks of :data:`BLOCK` samples;
    results are (S, Y) views.
    """
    data = mine_data(base)
    if data is None:
        return {}
    samples = levers.samples
    pv_target = np.maximum(levers.path(PV_LEVER, data.c("pv_capacity_2020")), 0.0)
    inputs = (
        np.ascontiguousarray(coal_index.T),
        np.asarray(levers.arrays[LAG_LEVER], dtype=float),
        np.stack([np.asarray(levers.arrays[name], dtype=float) for name, _, _ in RATE_PERIODS]),
        np.ascontiguousarray(pv_target.T),
        np.ascontiguousarray(_lever_shares(levers.arrays).transpose(1, 2, 0)),
    )
    ops = operators(data, years.size)
    blocks = [
        _block(data, years, ops, *(x[..., start : start + BLOCK] for x in inputs))
        for start in range(0, samples, BLOCK)
    ]
    v = {
        name: (blocks[0][name] if len(blocks) == 1 else np.hstack([b[name] for b in blocks])).T
        for name in blocks[0]
    }

    v |= energy_attributions(base, levers, power, power_co2, pv_target, v.pop("PV land"))
    return v


def energy_attributions(
    base: BaseData,
    levers: LeverSet,
    power: dict[str, np.ndarray],
    power_co2: np.ndarray,
    pv_target: np.ndarray,
    pv_land: np.ndarray,
) -> dict[str, np.ndarray]:
    """Mine-land PV and pumped storage: capacities, generation and avoided CO2 (attributions,
    never subtracted from net CO2; docs/methods.md "Energy on mine land").

    * PV is part of the solar the energy mix decides (it adds no generation): credited with
      the *grid-average* CO2 intensity of the year, (released power CO2) / generation.
    * Pumped storage shifts E = P x generating hours per year; charging takes E / eta, from
      wind and solar in their share of generation s and from fossil power otherwise, and the
      discharge displaces fossil power at its average intensity I_f:
      avoided = E I_f (1 - (1 - s) / eta) (negative on a grid with little wind and solar,
      where round-trip losses are made up by fossil power).
    """
    data = mine_data(base)
    v: dict[str, np.ndarray] = {}
    generation = sum(power[k] for k in POWER_SOURCES)
    fossil_twh = power["coal"] + power["gas"] + power["oil_other"]
    grid_intensity = power_co2 / np.maximum(generation, 1e-12)  # Mt per TWh
    fossil_intensity = np.where(fossil_twh > 0, power_co2 / np.maximum(fossil_twh, 1e-12), 0.0)

    land_per_gw = data.c("pv_land_per_gw") / 1000  # Mha/GW
    pv_built = data.c("pv_capacity_2020") + pv_land / max(land_per_gw, 1e-12)
    pv_gw = np.minimum(pv_built, power["solar_gw"])
    pv_share = np.where(power["solar_gw"] > 0, pv_gw / np.maximum(power["solar_gw"], 1e-12), 0.0)
    pv_twh = power["solar"] * pv_share
    v["Capacity|Electricity|Solar|Mine Land"] = pv_gw
    v["Secondary Energy|Electricity|Solar|Mine Land"] = pv_twh * 0.0036
    v["Avoided Emissions|CO2|Mine Land PV"] = pv_twh * grid_intensity

    storage_gw = pumped_storage(levers, base, levers.years)
    shifted = storage_gw * base.s("pumped_storage_generating_hours") / 1000  # TWh
    eta = base.s("pumped_storage_round_trip_efficiency") / 100
    vre_share = (power["wind"] + power["solar"]) / np.maximum(generation, 1e-12)
    v["Secondary Energy|Electricity|Storage|Mine Pumped Hydro"] = shifted * 0.0036
    v["Avoided Emissions|CO2|Mine Pumped Storage"] = (
        shifted * fossil_intensity * (1.0 - (1.0 - vre_share) / eta)
    )
    return v


def indicators(v: dict[str, np.ndarray], years: np.ndarray, base: BaseData) -> dict:
    """Mine-restoration indicators per sample (see the module docstring)."""
    data = mine_data(base)
    if data is None or "Carbon Removal|Mine Revegetation" not in v:
        return {}
    sink = v["Carbon Removal|Mine Revegetation"]
    net = sink - v["Emissions|CO2|Mine Restoration Works"]
    upto = years <= 2060
    i2060 = int(np.searchsorted(years, min(2060, int(years[-1]))))
    share = data.c("restored_share_2020") / 100
    before = (
        share / (1 - share) * (data.c("backlog_legacy_2020") + data.c("backlog_producing_2020"))
    )
    restored = v["Land|Mine|Restored"][:, i2060]
    ever = before + restored + v["Land|Mine|Backlog"][:, i2060]
    others = (
        "Carbon Removal|Forestry",
        "Carbon Removal|BECCS",
        "Carbon Removal|Direct Air Capture",
    )
    removals = sink[:, i2060] + sum(v[k][:, i2060] for k in others if k in v)
    return {
        "mine_sequestration_2020_2060": net[:, upto].sum(axis=1) / 1000,
        "mine_sink_2060": net[:, i2060],
        "mine_restored_share_2060": 100 * (before + restored) / ever,
        "mine_cost_2020_2060": v["Cost|Mine Restoration"][:, upto].sum(axis=1),
        "mine_share_of_removals_2060": 100
        * sink[:, i2060]
        / np.where(removals > 0, removals, np.inf),
    }


INDICATOR_UNITS = {
    "mine_sequestration_2020_2060": "Gt CO2",
    "mine_sink_2060": "Mt CO2/yr",
    "mine_restored_share_2060": "%",
    "mine_cost_2020_2060": "billion CNY",
    "mine_share_of_removals_2060": "%",
}


# --- the module protocol (pathways/modules/__init__.py) ------------------------------------

REVEGETATION = "Carbon Removal|Mine Revegetation"
STORAGE_VARIABLE = "Capacity|Electricity|Storage|Mine Pumped Hydro"
PROVIDES = (
    REVEGETATION,
    *(
        f"{REVEGETATION}|{label}"
        for label in ("Biomass", "Soil", *ZONE_LABELS, *GRADE_LABELS, *LANDUSE_LABELS)
    ),
    "Emissions|CO2|Mine Restoration Works",
    "Land|Mine|Restored",
    "Land|Mine|Restoration Rate",
    "Land|Mine|Restoration Rate|Operators",
    "Land|Mine|Restoration Rate|Programme",
    "Land|Mine|Restored|Natural",
    "Land|Mine|Restored|Artificial",
    *(f"Land|Mine|Restored|{label}" for label in (*ZONE_LABELS, *GRADE_LABELS)),
    "Land|Mine|Restored|Carbon Credited",
    "Land|Mine|Damage Rate",
    "Land|Mine|Backlog",
    "Cost|Mine Restoration",
    "Capacity|Electricity|Solar|Mine Land",
    "Secondary Energy|Electricity|Solar|Mine Land",
    "Avoided Emissions|CO2|Mine Land PV",
    "Secondary Energy|Electricity|Storage|Mine Pumped Hydro",
    "Avoided Emissions|CO2|Mine Pumped Storage",
)


def _storage(inputs: Inputs) -> dict[str, np.ndarray]:
    """Pumped storage in closed mines: extra storage for the dispatch (before the accounting)."""
    storage = pumped_storage(inputs.levers, inputs.base, inputs.years)
    if mine_data(inputs.base) is None:
        return {"storage_extra": storage}
    return {"storage_extra": storage, STORAGE_VARIABLE: storage}


def _compute(inputs: Inputs) -> dict[str, np.ndarray]:
    return compute(
        inputs.levers,
        inputs.base,
        inputs.years,
        inputs["coal_index"],
        inputs["power"],
        inputs["power_co2_released"],
    )


MODULE = (
    Module(
        name="mine pumped storage",
        compute=_storage,
        levers=(STORAGE_LEVER, f"{STORAGE_LEVER}_year"),
        provides=("storage_extra", STORAGE_VARIABLE),
    ),
    Module(
        name="restoration",
        compute=_compute,
        levers=catalogue_levers("restoration"),
        needs=("coal_index", "power", "power_co2_released"),
        provides=PROVIDES,
        load_data=load,
        indicators=indicators,
    ),
)
