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
  Toeplitz operators (cached per data and horizon); the soil part alone, whose change is a few
  steps in age, from cumulative areas (:func:`pathways.modules.mine_cohorts.soil_steps`).
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
from dataclasses import dataclass

import numpy as np

from pathways.data import BaseData
from pathways.indicators import _column
from pathways.levers import LeverSet, rows
from pathways.modules import Inputs, Module, catalogue_levers
from pathways.modules.mine_cohorts import (
    Operators,
    lagged,
    operators,
    sink_kernels,
    sinks,
)
from pathways.modules.mine_data import (
    ECOLOGICAL,
    GRADE_LABELS,
    GRADES,
    LANDUSE_LABELS,
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
REVEGETATION = "Carbon Removal|Mine Revegetation"
# parameters.csv: multiplier of every per-hectare stock of mine_carbon.csv (biomass and soil);
# 1 in the data, sampled by data/<region>/uncertainty.csv. The sink is linear in the stocks.
STOCK_FACTOR = "mine_carbon_stock_factor"


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
    """:func:`pair_shares` as weights (G, P, S), contiguous; memoised for small lever sets (a
    slider move re-runs one sample)."""
    names = SHARE_LEVERS
    if len(arrays[names[0]]) > 16:
        return np.ascontiguousarray(pair_shares(arrays).transpose(1, 2, 0))
    key = b"".join([np.asarray(arrays[n], dtype=float).tobytes() for n in names])
    value = _SHARES_CACHE.get(key)
    if value is None:
        if len(_SHARES_CACHE) >= 256:
            _SHARES_CACHE.clear()
        value = np.ascontiguousarray(pair_shares(arrays).transpose(1, 2, 0))
        value.setflags(write=False)  # handed out again
        _SHARES_CACHE[key] = value
    return value


SHARE_LEVERS = (*MIX_LEVERS.values(), *NATURAL_LEVERS)


NATURAL = np.array([a == "natural" for a, _ in PAIRS[:PV_PAIR]], dtype=float)
BLOCK = 256  # samples per block: a block's cell and cohort arrays stay in the CPU cache
NARROW = 16  # up to this many samples, the land loop over years takes its closed form


def _default_shares_by_grade() -> np.ndarray:
    """The catalogue defaults' shares as (G, P, 1)."""
    return _default_shares().transpose(1, 2, 0)


# --- what depends only on the data and the year axis ---------------------------------------


@dataclass(frozen=True, eq=False)
class Plan:
    """Data- and year-only quantities of the land accounting, computed once per (data, years).

    Cells are (grade, zone); areas in Mha, rates in Mha/yr, years on the first axis."""

    years: np.ndarray  # (Y,)
    first: int  # index of the first year levers act on (2025)
    ops: Operators  # on the whole horizon (history cohorts)
    ops_new: Operators  # on the horizon from ``first`` (later cohorts)
    damage_coal: np.ndarray  # (Y, 1) new damage per unit of coal index (Mha/yr), 0 in 2020
    damage_other: np.ndarray  # (Y, 1) new damage not tied to coal (Mha/yr), 0 in 2020
    release: np.ndarray  # (Y, Y) cumulative damage -> damage released from mining use
    released_frac: np.ndarray  # (Y,) producing land released since 2020
    lag_2020: float
    ramp: np.ndarray  # (Y, 1) lag transition 0 -> 1 over 2025-2029
    use_years: float
    pre_available: np.ndarray  # (Y, G, Z) land damaged before 2021 available, cumulative
    new_coef: np.ndarray  # (G, Z) share of new damage joining the legacy backlog, by cell
    op_coefs: np.ndarray  # (2, G, Z) operators' reclamation (Mha) of pre-2021 producing
    # land per unit of its released fraction, and per Mha of new damage released
    op_sums: tuple  # op_coefs summed over grades (2, Z), zones (2, G), both (2,), and (2,)
    # again (its first entry: pre-2021 land)
    base_rate: np.ndarray  # (Y, 1) programme rate 2021-2024 (Mha/yr), 0 elsewhere
    rate_levers: np.ndarray  # (Y, R) rate levers (kha/yr) -> programme rate (Mha/yr)
    pre_total: np.ndarray  # (Y, 1) pre-2021 land available, all cells (>= 1e-12)
    pre_pv: np.ndarray  # (Y, 1) the same outside extremely important zones (>= 1e-12)
    pv_land: float  # Mha/GW
    backlog_2020: float  # Mha
    old_factors: np.ndarray  # (G, Z, 3) works, cost (x10), natural share per Mha, defaults
    pv_factors: np.ndarray  # (2, Z) works and cost (x10) per Mha of PV with grass
    pair_factors: np.ndarray  # (Z, P-1, 3) works, cost (x10), natural per Mha of each pair


@functools.lru_cache(maxsize=8)
def _plan(data: MineData, years_key: bytes) -> Plan:
    """:func:`_make_plan`, cached by data and the bytes of the year axis."""
    return _make_plan(data, np.frombuffer(years_key, dtype=float).copy())


def plan(data: MineData, years: np.ndarray) -> Plan:
    """The cached :class:`Plan` of ``data`` on ``years``."""
    return _plan(data, np.asarray(years, dtype=float).tobytes())


def _make_plan(data: MineData, years: np.ndarray) -> Plan:
    """The :class:`Plan` of ``data`` (central values) on ``years``."""
    n = years.size
    hist = years <= HISTORY_END
    first = int(hist.sum())
    use, release_years = data.c("mining_use_years"), data.c("producing_release_years")
    released_frac = np.clip((years - years[0]) / max(release_years, 1e-9), 0.0, 1.0)
    release = _at(np.eye(n), (years - use)[:, None], years)  # row t: weights of the years
    share_legacy = data.shares["legacy_share"][1]
    share_prod = data.shares["producing_share"][1]
    share_new = data.shares["new_damage_share"][1]
    producing0 = data.c("backlog_producing_2020")
    operator = data.c("operator_reclamation_share") / 100
    new_damage = data.c("new_damage_2020") / 1000
    coal_share = data.c("coal_share_of_new_damage") / 100
    after = (years > years[0]).astype(float)
    coef_legacy = data.c("backlog_legacy_2020") * share_legacy
    coef_prod = (1 - operator) * producing0 * share_prod
    pre_available = coef_legacy[None] + coef_prod[None] * released_frac[:, None, None]
    pre_total = coef_legacy.sum() + coef_prod.sum() * released_frac
    pre_pv = coef_legacy[1:].sum() + coef_prod[1:].sum() * released_frac
    rate_levers = np.zeros((n, len(RATE_PERIODS)))
    for i, (_, start, stop) in enumerate(RATE_PERIODS):
        rate_levers[(years >= start) & (years <= stop) & ~hist, i] = 1 / 1000
    base_rate = np.where((years > years[0]) & hist, data.c("restoration_rate_2021_2024"), 0.0)
    ops = operators(data, n)
    shares = _default_shares()[0]  # (G, P)
    op_coefs = np.stack([operator * producing0 * share_prod, operator * share_new])
    # works (t CO2/ha = Mt/Mha), cost (10^4 CNY/ha x Mha = 10 billion CNY), natural share
    pair_factors = np.stack(
        [
            ops.works[:, :PV_PAIR],
            ops.cost[:, :PV_PAIR] * 10.0,
            np.broadcast_to(NATURAL, (len(ZONES), PV_PAIR)),
        ],
        axis=-1,
    )
    old_factors = np.einsum("gp,zpk->gzk", shares[:, :PV_PAIR], pair_factors)
    return Plan(
        years=years,
        first=first,
        ops=ops,
        ops_new=operators(data, n - first),
        damage_coal=(new_damage * coal_share * after)[:, None],
        damage_other=(new_damage * (1 - coal_share) * after)[:, None],
        release=release,
        released_frac=released_frac,
        lag_2020=data.c("closure_lag_2020"),
        ramp=np.clip((years - HISTORY_END) / LAG_TRANSITION_YEARS, 0.0, 1.0)[:, None],
        use_years=use,
        pre_available=pre_available,
        new_coef=(1 - operator) * share_new,
        op_coefs=op_coefs,
        op_sums=(
            op_coefs.sum(axis=1),
            op_coefs.sum(axis=2),
            op_coefs.sum(axis=(1, 2)),
            np.array([op_coefs[0].sum(), op_coefs[1].sum()]),
        ),
        base_rate=base_rate[:, None] / 1000,
        rate_levers=rate_levers,
        pre_total=np.maximum(pre_total, 1e-12)[:, None],
        pre_pv=np.maximum(pre_pv, 1e-12)[:, None],
        pv_land=data.c("pv_land_per_gw") / 1000,
        backlog_2020=data.c("backlog_legacy_2020") + producing0,
        old_factors=old_factors,
        pv_factors=np.stack([ops.works[:, PV_PAIR], ops.cost[:, PV_PAIR] * 10.0]),
        pair_factors=pair_factors,
    )


SINK_ROWS = (  # the variables of the rows of the stacked sinks (mine_cohorts.sinks)
    REVEGETATION + "|Biomass",
    REVEGETATION + "|Soil",
    REVEGETATION,
    *(f"{REVEGETATION}|{label}" for label in (*ZONE_LABELS, *LANDUSE_LABELS, *GRADE_LABELS)),
)
ZONE_LAND = tuple(f"Land|Mine|Restored|{label}" for label in ZONE_LABELS)
GRADE_LAND = tuple(f"Land|Mine|Restored|{label}" for label in GRADE_LABELS)


# --- land accounting (years first, samples last) -------------------------------------------


def _at(cumulative: np.ndarray, when: np.ndarray, years: np.ndarray) -> np.ndarray:
    """A cumulative series, (Y,) or (Y, S), read at fractional years ``when`` ((Y, 1) or
    (Y, S)) by linear interpolation; 0 before the first year, flat after the last."""
    pos = np.subtract(when, years[0])
    np.minimum(np.maximum(pos, 0.0, out=pos), years.size - 1.0, out=pos)  # np.clip, fewer calls
    lo = pos.astype(int)  # floor: pos >= 0
    hi = np.minimum(lo + 1, years.size - 1)
    frac = pos - lo
    if cumulative.ndim == 2:  # the same column: flat indices
        columns = np.arange(cumulative.shape[1])
        lo = lo * cumulative.shape[1] + columns
        hi = hi * cumulative.shape[1] + columns
        cumulative = cumulative.ravel()
    low, high = cumulative[lo], cumulative[hi]
    return np.where(when < years[0], 0.0, low * (1 - frac) + high * frac)


def _yearly(cumulative: np.ndarray) -> np.ndarray:
    """Yearly increments of a cumulative series, years first (the first year's is its value)."""
    out = np.empty_like(cumulative)
    out[0] = cumulative[0]
    np.subtract(cumulative[1:], cumulative[:-1], out=out[1:])
    return out


def _yearly_pair(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """:func:`_yearly` of two (Y, S) cumulative series, as one (2, Y, S) array."""
    out = np.empty((2, *first.shape))
    for k, cumulative in enumerate((first, second)):
        out[k, 0] = cumulative[0]
        np.subtract(cumulative[1:], cumulative[:-1], out=out[k, 1:])
    return out


def _accumulate(ufunc: np.ufunc, x: np.ndarray, in_place: bool = False) -> np.ndarray:
    """``ufunc.accumulate(x, axis=0)``. numpy accumulates slowly across wide trailing axes
    (about 10 ns an element), so wide arrays are accumulated one year at a time: the same
    operations in the same order, so the same result bit for bit, about 10x faster.
    ``in_place``: a wide float array may be overwritten (no copy)."""
    if x.size < 64 * x.shape[0]:
        return ufunc.accumulate(x, axis=0)
    out = x if in_place and x.dtype == float else np.array(x, dtype=float)
    for t in range(1, out.shape[0]):
        ufunc(out[t - 1], out[t], out=out[t])
    return out


def _restoration_loop(
    pre: np.ndarray, share: np.ndarray, new_coef: np.ndarray, released: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Yearly restoration by cell, grade-major (G, Y, Z, S) each: of all land and of land damaged before
    2021, the cumulative of each X(t) = min(X(t-1) + demand(t), cap(t)), X = 0 before the first
    year; demand(t) = ``pre`` (Y, G, Z, 1) x ``share`` (Y, G, 1, S), the caps ``pre`` + new_coef
    (G, Z, 1) x ``released`` (Y, S) and ``pre``. A loop over the years, each step vectorised over
    cells and samples on arrays that stay in the cache; the same operations as a loop over the
    whole arrays."""
    n, samples = released.shape
    cells = pre.shape[1:3]
    # two arrays, not one (2, G, Y, Z, S): each stays below glibc's mmap threshold (32 MB) for
    # 10,000 samples, so its memory comes from the heap instead of fresh zeroed pages
    restored, credited = (np.empty((cells[0], n, cells[1], samples)) for _ in range(2))
    level, last = np.zeros((2, 2, *cells, samples))
    demand, cap = np.empty((2, *cells, samples))
    for t in range(n):
        np.multiply(pre[t], share[t], out=demand)
        np.multiply(new_coef, released[t], out=cap)
        cap += pre[t]
        np.add(last, demand, out=level)
        np.minimum(level[0], cap, out=level[0])
        np.minimum(level[1], pre[t], out=level[1])
        np.subtract(level[0], last[0], out=restored[:, t])
        np.subtract(level[1], last[1], out=credited[:, t])
        level, last = last, level
    return restored, credited


def _restoration_closed(
    pre: np.ndarray, share: np.ndarray, new_coef: np.ndarray, released: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_restoration_loop` for a few samples, where a numpy call costs more than its
    arithmetic: X(t) = R(t) + min(0, min_{s<=t} (cap(s) - R(s))), R the cumulative demand,
    equal to the loop up to rounding (about 1e-16 of R)."""
    total = np.cumsum(pre * share, axis=0)
    out = []
    for cap in (new_coef * released[:, None, None, :] + pre, pre):
        gap = np.minimum.accumulate(cap - total, axis=0)
        np.minimum(gap, 0.0, out=gap)
        gap += total
        out.append(_yearly(gap).transpose(1, 0, 2, 3))
    return out[0], out[1]


def _land(
    plan: Plan, coal_index: np.ndarray, lag: np.ndarray, rates: np.ndarray, pv_target: np.ndarray
) -> dict[str, np.ndarray]:
    """Land accounting, years first.

    ``coal_index``: coal primary energy relative to 2020 (Y, S); ``lag``: closure lag lever
    (yr, (S,)); ``rates``: the programme rate levers of :data:`RATE_PERIODS` (kha/yr, (R, S));
    ``pv_target``: mine-land PV capacity path (GW, (Y, S)).

    Returns new damage (Mha/yr) and cumulative damage (Mha), (Y, S); the programme's
    restoration by cell ``restored`` (Mha/yr, grade-major (G, Y, Z, S)) and its part on land damaged before
    2021, whose regrowth is credited, ``credited``; ``pv_part`` (Y, S), the share of the
    programme outside extremely important zones that is PV land; ``operators`` (2, Y, S): the
    yearly increments of the operators' reclamation, of pre-2021 producing land (fraction,
    1/yr; x ``plan.op_coefs[0]`` by cell) and of new damage (Mha/yr; x ``plan.op_coefs[1]``).
    """
    damage = coal_index * plan.damage_coal
    damage += plan.damage_other
    cum_damage = _accumulate(np.add, damage)
    released = plan.release @ cum_damage
    years = plan.years
    when = years[:, None] - (plan.lag_2020 + (lag - plan.lag_2020) * plan.ramp)
    op_frac = _accumulate(np.maximum, _at(plan.released_frac, when, years))
    op_damage = _accumulate(np.maximum, _at(cum_damage, when - plan.use_years, years))

    # programme restoration of the legacy backlog, plus land for PV (Mha/yr). Demand is spread
    # over cells by their land damaged before 2021 (PV not in extremely important zones, grade
    # 0). That land earns the carbon of its regrowth; land damaged later is restored (area,
    # works, cost) but its regrowth only offsets the carbon its damage removed, so neither is
    # counted. Restoring pre-2021 land first, the credited part C = min(C + demand, pre-2021
    # land) does not depend on the coal path: less coal never lowers the mine sink.
    rate = plan.rate_levers @ rates
    rate += plan.base_rate
    np.maximum(rate, 0.0, out=rate)
    pv_new_gw = np.zeros(pv_target.shape)  # GW added in the year (none in the first)
    np.subtract(pv_target[1:], pv_target[:-1], out=pv_new_gw[1:])
    np.maximum(pv_new_gw, 0.0, out=pv_new_gw)
    share = np.empty((rate.shape[0], plan.new_coef.shape[0], 1, rate.shape[1]))
    rate_per_area = np.divide(rate, plan.pre_total, out=share[:, 0, 0])
    pv_per_area = pv_new_gw * plan.pv_land / plan.pre_pv
    both = np.add(rate_per_area, pv_per_area, out=share[:, 1, 0])
    share[:, 2:, 0] = both[:, None]
    pre = plan.pre_available[..., None]  # (Y, G, Z, 1)
    bounded = _restoration_closed if rate.shape[1] <= NARROW else _restoration_loop
    restored, credited = bounded(pre, share, plan.new_coef[..., None], released)
    np.minimum(credited, restored, out=credited)
    return {
        "damage": damage,
        "cum_damage": cum_damage,
        "restored": restored,
        "credited": credited,
        "pv_part": pv_per_area / np.maximum(both, 1e-300),
        "operators": _yearly_pair(op_frac, op_damage),
    }


# --- sinks, works, cost and areas -----------------------------------------------------------


def _history_sinks(plan: Plan, eco: np.ndarray, pv: np.ndarray) -> np.ndarray:
    """Stacked sinks (:func:`sinks`, (R, n, 1)) of the 2021-2024 cohorts ((G, first, Z, 1)
    each, one sample, default shares) on the whole horizon, memoised: they are the same in
    every evaluation with the same data and coal history."""
    key = (plan, eco.tobytes(), pv.tobytes())  # the plan, not its id: kept alive
    value = _HISTORY_CACHE.get(key)
    if value is None:  # no second lookup: another thread may clear the cache meanwhile
        if len(_HISTORY_CACHE) >= 16:
            _HISTORY_CACHE.clear()
        value = _HISTORY_CACHE[key] = _old_sinks(plan, eco, pv)
    return value


_HISTORY_CACHE: dict[tuple, np.ndarray] = {}


def _old_sinks(plan: Plan, eco: np.ndarray, pv: np.ndarray) -> np.ndarray:
    """Stacked sinks (R, n, S) of the cohorts of years before ``plan.first`` ((G, first, Z, S)
    each, default shares) on the whole horizon."""
    grades, first, zones, samples = eco.shape
    padded = np.zeros((2, grades, plan.years.size, zones, samples))
    padded[0, :, :first], padded[1, :, :first] = eco, pv
    weights = np.broadcast_to(_default_shares_by_grade(), (grades, len(PAIRS), samples))
    return sinks(padded[0], padded[1], weights, plan.ops)[0]


def _kernels(plan: Plan, weights: np.ndarray) -> np.ndarray:
    """:func:`sink_kernels` of the later cohorts for the mix ``weights`` (G, P), memoised (a
    slider move that leaves the mix re-evaluates one sample with the same mix)."""
    key = (plan, weights.tobytes())
    value = _OPERATOR_CACHE.get(key)
    if value is None:
        if len(_OPERATOR_CACHE) >= 32:
            _OPERATOR_CACHE.clear()
        value = _OPERATOR_CACHE[key] = sink_kernels(weights, plan.ops_new)
    return value


_OPERATOR_CACHE: dict[tuple, np.ndarray] = {}


def _credited_cells(
    plan: Plan, credited: np.ndarray, pv_part: np.ndarray, op_frac: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Credited cohorts (G, Y, Z, S) for :func:`sinks`, from ``credited`` (G, Y, Z, S),
    ``pv_part`` and ``op_frac`` (Y, S) (see :func:`_land`): for ecology, the programme's
    credited land but PV plus the operators' pre-2021 land; for PV."""
    eco = np.empty(credited.shape)
    pv = np.zeros(credited.shape)
    np.multiply(credited[1:], pv_part[:, None, :], out=pv[1:])
    np.subtract(credited, pv, out=eco)
    eco += plan.op_coefs[0][:, None, :, None] * op_frac[:, None, :]
    return eco, pv


def _same_in_every_sample(x: np.ndarray) -> bool:
    return bool(np.array_equal(x, np.broadcast_to(x[..., :1], x.shape)))


def _cohorts(plan: Plan, land: dict[str, np.ndarray], weights: np.ndarray) -> np.ndarray:
    """Stacked sinks (:func:`sinks`, (R, Y, S)) of all cohorts, in blocks of :data:`BLOCK`
    samples: those before 2025 with the default shares (computed once when all samples of a
    block share them), the later ones with ``weights`` (G, P, S); one sample: one product with
    the memoised :func:`sink_kernels` of its mix."""
    first, n = plan.first, plan.years.size
    credited, pv_part, op_frac = land["credited"], land["pv_part"], land["operators"][0]
    samples = pv_part.shape[1]
    out = None
    for start in range(0, samples, BLOCK):
        part = slice(start, start + BLOCK)
        eco, pv = _credited_cells(plan, credited[..., part], pv_part[:, part], op_frac[:, part])
        old_eco, old_pv = eco[:, :first], pv[:, :first]
        if samples == 1 or (_same_in_every_sample(old_eco) and _same_in_every_sample(old_pv)):
            old = _history_sinks(plan, old_eco[..., :1], old_pv[..., :1])
        else:
            old = _old_sinks(plan, old_eco, old_pv)
        if out is None:
            out = np.empty((len(old), n, samples))
        target = out[..., part]
        target[:, :first] = old[:, :first]
        if samples == 1:
            areas = np.empty((2, eco.shape[0], eco.shape[2], n - first))  # (source, G, Z, t)
            areas[0] = eco[:, first:, :, 0].transpose(0, 2, 1)
            areas[1] = pv[:, first:, :, 0].transpose(0, 2, 1)
            new = _kernels(plan, weights[..., 0]) @ lagged(areas.reshape(-1, n - first))
            np.add(new[..., None], old[:, first:], out=target[:, first:])
        else:  # the sinks written in place, then the earlier cohorts' added
            later = target[:, first:]
            sinks(eco[:, first:], pv[:, first:], weights[..., part], plan.ops_new, out=later)
            later += old[:, first:]
    return out


def _flows(
    plan: Plan,
    restored: np.ndarray,
    pv_part: np.ndarray,
    pv_zone: np.ndarray,
    by_year: np.ndarray,
    weights: np.ndarray,
) -> np.ndarray:
    """Works emissions (Mt CO2/yr), cost (billion CNY/yr) and natural area restored (Mha/yr),
    (3, Y, S), of all land restored: the programme's ``restored`` (G, Y, Z, S), of which
    ``pv_part`` (Y, S) outside extremely important zones is PV land (``pv_zone`` (Y, Z, S)),
    and the operators' reclamation (``by_year`` (2, Y, S) x ``plan.op_coefs``). Cohorts
    before 2025 with the default shares, the later ones with ``weights`` (G, P, S). Each cell's
    per-Mha factors are summed inside the products: no per-cell area is formed."""
    first = plan.first
    factor_pairs = _flow_factors(plan, weights)
    out = np.empty((3, *pv_part.shape))
    keep = 1.0 - pv_part  # share of the programme outside grade 0 that is not PV land
    spans = (slice(0, first), slice(first, None))
    for span, (factors, per_op) in zip(spans, factor_pairs, strict=True):
        part = out[:, span]
        np.einsum("tzs,zks->kts", restored[0, span], factors[0], out=part)
        part += keep[span] * np.einsum("gtzs,gzks->kts", restored[1:, span], factors[1:])
        part += np.einsum("jks,jts->kts", per_op, by_year[:, span])
    out[:2] += np.einsum("kz,tzs->kts", plan.pv_factors, pv_zone)
    return out


def _flow_factors(plan: Plan, weights: np.ndarray) -> tuple:
    """Per-Mha factors (G, Z, 3, S) of the cohorts before 2025 (default shares) and of the later
    ones (``weights``), each with the same of the operators' reclamation (2, 3, S); memoised
    for a few samples (a slider move re-evaluates one sample with the same mix)."""
    samples = weights.shape[-1]
    key = (plan, weights.tobytes()) if samples <= NARROW else None
    value = _FLOW_CACHE.get(key) if key is not None else None
    if value is None:
        new = np.einsum("gps,zpk->gzks", weights[:, :PV_PAIR], plan.pair_factors)  # per Mha
        old = np.broadcast_to(plan.old_factors[..., None], new.shape)
        value = tuple(
            (factors, np.einsum("jgz,gzks->jks", plan.op_coefs, factors)) for factors in (old, new)
        )
        if key is not None:
            if len(_FLOW_CACHE) >= 32:
                _FLOW_CACHE.clear()
            _FLOW_CACHE[key] = value
    return value


_FLOW_CACHE: dict[tuple, tuple] = {}


def _variables(plan: Plan, land: dict[str, np.ndarray], weights: np.ndarray) -> dict:
    """Land, carbon, works and cost variables, (Y, S) (see the module docstring), from the
    land accounting ``land`` (:func:`_land`) and the lever shares ``weights`` (G, P, S). Also
    ``PV land`` (Mha, cumulative). Areas are reduced (by zone, grade) before anything else."""
    restored, pv_part = land["restored"], land["pv_part"]
    out = _cohorts(plan, land, weights)
    # operators' reclamation: of pre-2021 producing land, and of new damage
    by_year = land["operators"]
    pv_zone = np.add.reduce(restored[1:], axis=0)  # (Y, Z, S)
    pv_zone *= pv_part[:, None, :]
    flows = _flows(plan, restored, pv_part, pv_zone, by_year, weights)

    v = dict(zip(SINK_ROWS, out, strict=True))
    v["Emissions|CO2|Mine Restoration Works"] = flows[0]
    v["Cost|Mine Restoration"] = flows[1]
    # Mha a year (accumulated together below): all restored, natural, credited, PV land, by
    # zone and by grade (programme, PV land included, and operators)
    zones, grades = len(ZONES), len(GRADES)
    rates = np.empty((pv_part.shape[0], 4 + zones + grades, pv_part.shape[1]))
    by_zone = np.add.reduce(restored, axis=0, out=rates[:, 4 : 4 + zones])
    by_zone += np.einsum("jz,jts->tzs", plan.op_sums[0], by_year)
    by_grade = np.add.reduce(restored, axis=2, out=rates[:, 4 + zones :].transpose(1, 0, 2))
    by_grade += np.einsum("jg,jts->gts", plan.op_sums[1], by_year)
    rate = np.add.reduce(by_zone, axis=1)
    rates[:, 0] = rate
    rates[:, 1] = flows[2]
    credited = np.add.reduce(land["credited"], axis=(0, 2), out=rates[:, 2])
    credited += plan.op_sums[3][0] * by_year[0]
    np.add.reduce(pv_zone, axis=1, out=rates[:, 3])
    cumulative = _accumulate(np.add, rates, in_place=True)  # rates are not needed any more
    restored_cum, natural_cum = cumulative[:, 0], cumulative[:, 1]
    operators_rate = np.einsum("j,jts->ts", plan.op_sums[2], by_year)
    v["Land|Mine|Restored"] = restored_cum
    v["Land|Mine|Restoration Rate"] = rate
    v["Land|Mine|Restoration Rate|Operators"] = operators_rate
    v["Land|Mine|Restoration Rate|Programme"] = rate - operators_rate
    v["Land|Mine|Restored|Natural"] = natural_cum
    v["Land|Mine|Restored|Artificial"] = restored_cum - natural_cum
    for z, name in enumerate(ZONE_LAND):
        v[name] = cumulative[:, 4 + z]
    for g, name in enumerate(GRADE_LAND):
        v[name] = cumulative[:, 4 + zones + g]
    v["Land|Mine|Restored|Carbon Credited"] = cumulative[:, 2]
    v["Land|Mine|Damage Rate"] = land["damage"]
    backlog = plan.backlog_2020 + land["cum_damage"] - restored_cum
    v["Land|Mine|Backlog"] = np.maximum(backlog, 0.0, out=backlog)
    v["PV land"] = cumulative[:, 3]
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
    storage_gw: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Land, carbon, works, cost and mine-land energy; variables as in the module docstring.

    ``coal_index``: coal primary energy relative to 2020 (S, Y); ``power``: the dispatch (TWh,
    GW); ``power_co2``: power-sector CO2 released (Mt/yr, net of capture) for the emission
    factors of the attributions; ``storage_gw``: :func:`pumped_storage` when already computed.
    Computed time-major; results are (S, Y) views.
    """
    data = mine_data(base)
    if data is None:
        return {}
    pv_target = np.maximum(levers.path(PV_LEVER, data.c("pv_capacity_2020")), 0.0)
    weights = _lever_shares(levers.arrays)  # (G, P, S)
    rates = rows([levers.arrays[name] for name, _, _ in RATE_PERIODS]).astype(float, copy=False)
    steps = plan(data, years)
    land = _land(
        steps,
        np.ascontiguousarray(coal_index.T),
        np.asarray(levers.arrays[LAG_LEVER], dtype=float),
        rates,
        np.ascontiguousarray(pv_target.T),
    )
    variables = _variables(steps, land, weights)
    stock_factor = base.scalars.get(STOCK_FACTOR, 1.0)
    if not isinstance(stock_factor, float | int) or stock_factor != 1.0:
        # sampled (pathways.sampled_data): the stocks scale the sink
        stock_factor = np.asarray(stock_factor, dtype=float).reshape(-1)
        for name in SINK_ROWS:
            variables[name] = variables[name] * stock_factor
    v = {name: a.T for name, a in variables.items()}
    pv_land = v.pop("PV land")
    v |= energy_attributions(base, levers, power, power_co2, pv_target, pv_land, storage_gw)
    return v


def energy_attributions(
    base: BaseData,
    levers: LeverSet,
    power: dict[str, np.ndarray],
    power_co2: np.ndarray,
    pv_target: np.ndarray,
    pv_land: np.ndarray,
    storage_gw: np.ndarray | None = None,
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

    if storage_gw is None:
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
    i2060 = _column(years, 2060)
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
        "mine_sequestration_2020_2060": np.add.reduce(net[:, upto], axis=1) / 1000,
        "mine_sink_2060": net[:, i2060],
        # a region without mine land (ever 0) has restored none of it: 0 %
        "mine_restored_share_2060": 100 * (before + restored) / np.where(ever > 0, ever, np.inf),
        "mine_cost_2020_2060": np.add.reduce(v["Cost|Mine Restoration"][:, upto], axis=1),
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
        inputs.get(STORAGE_VARIABLE),
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
        optional=(STORAGE_VARIABLE,),
        provides=PROVIDES,
        load_data=load,
        indicators=indicators,
    ),
)
