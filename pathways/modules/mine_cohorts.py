"""Mine-revegetation cohorts: per-hectare carbon curves, the Toeplitz operators built from them,
and the sinks, works, cost and areas of land restored year by year, computed time-major
(grade, zone, year, sample) for blocks of samples (see :mod:`pathways.modules.restoration`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from pathways.cohorts import chapman_richards, stock_change_kernel, toeplitz_operator
from pathways.modules.mine_data import (
    APPROACHES,
    LANDUSES,
    PAIRS,
    PV_PAIR,
    ZONES,
    MineData,
)

CO2_PER_C = 44.0 / 12.0


# --- per-hectare curves and operators ------------------------------------------------------


def _pair_index(pair: tuple[str, str]) -> tuple[int, int]:
    approach, landuse = pair
    return LANDUSES.index(landuse), APPROACHES.index(approach)


def stock_per_hectare(data: MineData, ages: np.ndarray) -> np.ndarray:
    """Carbon stock (t CO2/ha) by (zone, pair, pool, age); pool 0 = biomass, 1 = soil."""
    ages = np.asarray(ages, dtype=float)
    out = np.zeros((len(ZONES), len(PAIRS), 2, ages.size))
    cf = data.p("carbon_fraction")
    for z in range(len(ZONES)):
        for j, pair in enumerate(PAIRS):
            u, a = _pair_index(pair)

            def par(name: str, z=z, u=u, a=a) -> float:
                return float(data.p(name)[z, u, a])

            survival = par("survival")
            biomass = chapman_richards(ages, par("cr_max"), par("cr_rate"), par("cr_shape"))
            out[z, j, 0] = survival * biomass * (1 + par("root_shoot")) * cf[z, u, a] * CO2_PER_C
            years, decline_years = par("soil_years"), par("soil_decline_years")
            soil = par("soil_rate") * np.minimum(ages, years) - par("soil_decline_rate") * np.clip(
                ages - years, 0.0, decline_years
            )
            out[z, j, 1] = survival * soil * CO2_PER_C
    return out


def works_per_hectare(data: MineData) -> np.ndarray:
    """Emissions of the works (t CO2/ha) by (zone, pair): activity quantities x factors."""
    per_ha = (
        data.p("diesel") * data.p("ef_diesel")
        + data.p("topsoil_haulage") * data.p("ef_haulage")
        + data.p("fertiliser_n") * data.p("ef_fertiliser_n")
    ) / 1000.0
    return np.array([[per_ha[z, *_pair_index(p)] for p in PAIRS] for z in range(len(ZONES))])


def cost_per_hectare(data: MineData) -> np.ndarray:
    """Cost (10^4 CNY/ha) by (zone, pair)."""
    cost = data.p("cost")
    return np.array([[cost[z, *_pair_index(p)] for p in PAIRS] for z in range(len(ZONES))])


@dataclass(frozen=True)
class Operators:
    """Cached per (data, horizon): Toeplitz operators turning Mha restored per year into Mt CO2
    taken up per year (t CO2/ha = Mt CO2/Mha), laid out to multiply time-major (Y, S) areas from
    the left."""

    by_pool: np.ndarray  # (Z*P, 2Y, Y): biomass rows | soil rows, one block per (zone, pair)
    by_zone: np.ndarray  # (P*Y, Z*Y): biomass + soil, one row block per pair, summing zones
    works: np.ndarray  # (Z, P) t CO2/ha
    cost: np.ndarray  # (Z, P) 10^4 CNY/ha


@functools.lru_cache(maxsize=8)
def operators(data: MineData, n: int) -> Operators:
    stock = stock_per_hectare(data, np.arange(n))
    kernel = stock_change_kernel(stock)  # (Z, P, 2, n)
    z_count, p_count = len(ZONES), len(PAIRS)
    by_pool = np.zeros((z_count * p_count, 2 * n, n))
    by_zone = np.zeros((p_count * n, z_count * n))
    for z in range(z_count):
        for j in range(p_count):
            biomass = toeplitz_operator(kernel[z, j, 0]).T
            soil = toeplitz_operator(kernel[z, j, 1]).T
            by_pool[z * p_count + j] = np.vstack([biomass, soil])
            by_zone[j * n : (j + 1) * n, z * n : (z + 1) * n] = biomass + soil
    return Operators(by_pool, by_zone, works_per_hectare(data), cost_per_hectare(data))


def cohort_sinks(
    eco: np.ndarray, pv: np.ndarray, shares: np.ndarray, ops: Operators
) -> dict[str, np.ndarray]:
    """Sinks of cohorts (Mt CO2/yr). ``eco`` and ``pv``: Mha restored per year, time-major
    (G, Z, Y, S), for the (approach, land use) mix ``shares`` ((G, P, S or 1); the PV column
    unused) and for PV with grass.

    Returns biomass and soil (Y, S); zone (Z, Y, S), pair (P, Y, S) and grade (G, Y, S). Two
    matrix products: one batched over (zone, pair) blocks for the pools, one over stacked zones
    for the grades. Samples are the last axis, so every broadcast runs over contiguous memory.
    """
    grades, zones, n, samples = eco.shape
    pairs = len(PAIRS)
    weight = np.broadcast_to(shares[:, :PV_PAIR], (grades, PV_PAIR, samples))
    area = np.empty((zones, pairs, n, samples))
    mixed = area[:, :PV_PAIR]
    np.multiply(eco[0][:, None], weight[0][None, :, None, :], out=mixed)
    term = np.empty(mixed.shape)
    for g in range(1, grades):
        np.multiply(eco[g][:, None], weight[g][None, :, None, :], out=term)
        mixed += term
    np.sum(pv, axis=0, out=area[:, PV_PAIR])
    pools = np.matmul(ops.by_pool, area.reshape(zones * pairs, n, samples))  # (ZP, 2Y, S)
    biomass, soil = pools[:, :n], pools[:, n:]
    by_zone_pair = (biomass + soil).reshape(zones, pairs, n, samples)
    biomass, soil = biomass.sum(axis=0), soil.sum(axis=0)
    # grades: every pair's convolution summed over zones, weighted by the grade's shares; the
    # last grade is the total minus the others
    head = grades - 1
    stacked = (head, zones * n, samples)
    eco_pairs = np.matmul(ops.by_zone[: PV_PAIR * n], eco[:head].reshape(stacked))
    eco_pairs = eco_pairs.reshape(head, PV_PAIR, n, samples)
    grade = np.empty((grades, n, samples))
    np.sum(eco_pairs * weight[:head, :, None, :], axis=1, out=grade[:head])
    grade[:head] += np.matmul(ops.by_zone[PV_PAIR * n :], pv[:head].reshape(stacked))
    grade[head] = biomass + soil - grade[:head].sum(axis=0)
    return {
        "biomass": biomass,
        "soil": soil,
        "zone": by_zone_pair.sum(axis=1),
        "pair": by_zone_pair.sum(axis=0),
        "grade": grade,
    }


def area_outputs(
    eco: np.ndarray,
    pv: np.ndarray,
    old: np.ndarray,
    shares_old: np.ndarray,
    shares: np.ndarray,
    ops: Operators,
) -> dict[str, np.ndarray]:
    """Works emissions (Mt CO2/yr), cost (billion CNY/yr), natural and total area restored
    (Mha/yr), (Y, S), of all land restored, ``eco`` and ``pv`` (G, Z, Y, S): cohorts in years
    ``old`` (Y,) bool with ``shares_old``, the others with ``shares`` ((G, P, S or 1) each)."""
    natural = np.array([a == "natural" for a, _ in PAIRS[:PV_PAIR]], dtype=float)
    grades, zones, n, samples = eco.shape
    cells = eco.reshape(grades * zones, n, samples)

    def factors(sh: np.ndarray) -> np.ndarray:  # (C, 3, S|1): per hectare of each cell
        sh = sh[:, :PV_PAIR]
        out = np.empty((grades, zones, 3, sh.shape[-1]))
        out[:, :, 0] = np.einsum("gps,zp->gzs", sh, ops.works[:, :PV_PAIR])
        out[:, :, 1] = np.einsum("gps,zp->gzs", sh, ops.cost[:, :PV_PAIR]) * 10.0  # 10 bn CNY
        out[:, :, 2] = np.einsum("gps,p->gs", sh, natural)[:, None]
        return out.reshape(grades * zones, 3, -1)

    per_cell = np.broadcast_to(factors(shares), (grades * zones, 3, samples))
    out = np.empty((4, n, samples))
    np.einsum("cks,cys->kys", per_cell, cells, out=out[:3])
    if old.any():
        at_old = np.tensordot(factors(shares_old)[..., 0], cells[:, old], axes=(0, 0))
        out[:3, old] = at_old
    np.sum(cells, axis=0, out=out[3])
    pv_zone = pv.sum(axis=0)  # (Z, Y, S)
    out[0] += np.tensordot(ops.works[:, PV_PAIR], pv_zone, axes=(0, 0))
    out[1] += np.tensordot(ops.cost[:, PV_PAIR] * 10.0, pv_zone, axes=(0, 0))
    out[3] += pv_zone.sum(axis=0)
    return {"works": out[0], "cost": out[1], "natural": out[2], "restored": out[3]}
