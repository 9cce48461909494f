"""Mine-revegetation cohorts: per-hectare carbon curves, the Toeplitz operators built from them,
and the sinks of land restored year by year, computed for blocks of samples with samples on the
last axis (see :mod:`pathways.modules.restoration`).

The sinks are convolutions of restored area with per-hectare stock changes, done as matrix
products with lower-triangular Toeplitz operators. Linearity keeps them few: every sum the
outputs need (over cohort types, zones, years of restoration) is done inside a matrix product,
and the products skip most of the operators' zero upper triangle (:func:`lower_product`). The
soil kernels are steps in age, so the soil sink needs cumulative areas, not a product
(:func:`soil_steps`); the biomass sink is the total less the soil.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from pathways.cohorts import (
    chapman_richards,
    lower_product,
    stacked_toeplitz,
    stock_change_kernel,
    time_blocks,
    toeplitz_operator,
)
from pathways.modules.mine_data import (
    APPROACHES,
    LANDUSES,
    PAIRS,
    PV_PAIR,
    ZONES,
    MineData,
)

CO2_PER_C = 44.0 / 12.0
LANDUSE_PAIRS = tuple(tuple(j for j, (_, lu) in enumerate(PAIRS) if lu == u) for u in LANDUSES)
# rows of the stacked sinks: biomass, soil, total, zones, land uses, grades
ZONE_ROW, LANDUSE_ROW = 3, 3 + len(ZONES)
GRADE_ROW = LANDUSE_ROW + len(LANDUSES)


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


@dataclass(frozen=True, eq=False)
class Operators:
    """Cached per (data, horizon n): operators turning Mha restored per year into Mt CO2 taken
    up per year (t CO2/ha = Mt CO2/Mha). Each multiplies, from the left, areas laid out with the
    year of restoration first (rows of the area matrix: year, then cohort type; columns:
    samples); row t of an operator is the year of uptake, so it is lower triangular by blocks."""

    biomass: np.ndarray  # (n, n*Z*P): biomass kernel of every (zone, pair)
    by_pair: np.ndarray  # (Z*P, n, n): biomass + soil, one Toeplitz matrix per (zone, pair)
    eco: np.ndarray  # (P-1, n, n*Z): biomass + soil, one row block per pair but PV, zones summed
    pv: np.ndarray  # (n, n*Z): biomass + soil of PV with grass, zones summed
    works: np.ndarray  # (Z, P) t CO2/ha
    cost: np.ndarray  # (Z, P) 10^4 CNY/ha
    kernels: np.ndarray  # (2, Z, P, n): biomass, and biomass + soil, by year of age
    # the soil kernels as steps (see :func:`soil_steps`): (L, Z*P) step heights at L ages and
    # the (n, n*L) operator summing the areas restored at least that many years before; None
    # when the soil kernels are not steps
    soil_steps: np.ndarray | None = None
    soil_sum: np.ndarray | None = None


@functools.lru_cache(maxsize=8)
def operators(data: MineData, n: int) -> Operators:
    """The :class:`Operators` of ``data`` on a horizon of ``n`` years."""
    kernel = stock_change_kernel(stock_per_hectare(data, np.arange(n)))  # (Z, P, 2, n)
    z_count, p_count = len(ZONES), len(PAIRS)
    both = kernel.sum(axis=2)  # (Z, P, n) biomass + soil
    by_pair = np.stack([toeplitz_operator(k).T for k in both.reshape(-1, n)])
    eco = np.stack([stacked_toeplitz(both[:, j]) for j in range(PV_PAIR)])
    steps = soil_steps(kernel[:, :, 1].reshape(z_count * p_count, n))
    return Operators(
        biomass=stacked_toeplitz(kernel[:, :, 0].reshape(z_count * p_count, n)),
        by_pair=by_pair,
        eco=eco,
        pv=stacked_toeplitz(both[:, PV_PAIR]),
        works=works_per_hectare(data),
        cost=cost_per_hectare(data),
        kernels=np.stack([kernel[:, :, 0], both]),
        soil_steps=None if steps is None else steps[0],
        soil_sum=None if steps is None else steps[1],
    )


def soil_steps(kernels: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The soil stock-change kernels (K, n) (t CO2/ha in each year of age) as steps: the soil
    stock is piecewise linear in age (a rate up to T years, then a decline over Td years, then
    flat), so its change is piecewise constant, k[a] = sum_l h_l [a >= L_l], and a convolution
    with it is a sum of cumulative areas: sum_a k[a] x(t - a) = sum_l h_l X(t - L_l), X the
    cumulative of x. Returns the step heights (L, K) and the (n, n*L) 0/1 operator M with
    M[t, tau*L + l] = 1 for tau <= t - L_l, so that ``M @ y`` ((n*L, S), y[tau, l] = sum_k
    h[l, k] x_k(tau)) is the soil sink of all K kernels; None when the kernels are not steps
    (equal to the steps within 1e-12 of the largest change), then the sinks use products."""
    count, n = kernels.shape
    jumps = np.diff(kernels, prepend=0.0, axis=-1)  # (K, n) height of the step at each age
    scale = max(float(np.abs(kernels).max()), 1e-300)
    ages = np.flatnonzero(np.any(np.abs(jumps) > 1e-12 * scale, axis=0))
    heights = jumps[:, ages]  # (K, L)
    rebuilt = np.zeros_like(kernels)
    rebuilt[:, ages] = heights
    if len(ages) > max(4, n // 4) or not np.allclose(
        np.cumsum(rebuilt, axis=-1), kernels, rtol=0, atol=1e-12 * scale
    ):
        return None
    lag = np.arange(n)[:, None] - np.arange(n)[None, :]  # t - tau
    summing = (lag[:, :, None] >= ages[None, None, :]).astype(float)  # (t, tau, l)
    return np.ascontiguousarray(heights.T), summing.reshape(n, n * len(ages))


def sinks(
    eco: np.ndarray,
    pv: np.ndarray,
    weights: np.ndarray,
    ops: Operators,
    out: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Sinks (Mt CO2/yr) of cohorts restored in every year of the horizon n.

    ``eco`` and ``pv``: Mha restored per year, grade-major (G, n, Z, S), for the (approach, land
    use) mix ``weights`` ((G, P, S); the PV column unused) and for PV with grass.

    Returns the stacked sinks (R, n, S) (written into ``out`` when given): rows biomass, soil,
    total, zones (from ``ZONE_ROW``), land uses (``LANDUSE_ROW``) and grades (``GRADE_ROW``);
    and the sinks by pair (P, n, S). The area of each (zone, pair) is mixed once (:func:`_mix`);
    zones, pairs and the total come from one Toeplitz product per (zone, pair); soil from the
    step kernels (:func:`soil_steps`: the areas summed over cohort types per step, then one
    small 0/1 product), biomass as the total less the soil (with kernels that are not steps:
    biomass from one product summing every cohort type, soil the rest); each grade but the last
    from its own cells, weighted after the product (the last is the total minus the others).
    """
    grades, n, zones, samples = eco.shape
    pairs = len(PAIRS)
    blocks = time_blocks(n, samples)
    area = np.empty((n, zones, pairs, samples))
    _mix(eco, weights[:, :PV_PAIR], area[:, :, :PV_PAIR])
    np.add.reduce(pv, axis=0, out=area[:, :, PV_PAIR])
    if out is None:
        out = np.empty((GRADE_ROW + grades, n, samples))
    by_year = area.reshape(n, zones * pairs, samples)
    per_pair = lower_product(ops.by_pair, by_year.transpose(1, 0, 2), blocks).reshape(
        zones, pairs, n, samples
    )
    zone = np.add.reduce(per_pair, axis=1, out=out[ZONE_ROW:LANDUSE_ROW])
    np.add.reduce(zone, axis=0, out=out[2])
    if ops.soil_steps is not None and ops.soil_sum.shape[0] == n:
        # soil: step kernels, summed over cohort types before the (small) summing product
        stepped = np.matmul(ops.soil_steps, by_year)  # (n, L, S)
        lower_product(ops.soil_sum, stepped.reshape(-1, samples), blocks, out=out[1])
        np.subtract(out[2], out[1], out=out[0])
    else:
        lower_product(ops.biomass, area.reshape(n * zones * pairs, samples), blocks, out=out[0])
        np.subtract(out[2], out[0], out=out[1])
    pair = np.add.reduce(per_pair, axis=0)
    for u, members in enumerate(LANDUSE_PAIRS):
        if len(members) == 1:
            out[LANDUSE_ROW + u] = pair[members[0]]
        else:
            np.add(pair[members[0]], pair[members[1]], out=out[LANDUSE_ROW + u])
    grade = out[GRADE_ROW:]
    for g in range(grades - 1):
        by_pair = lower_product(ops.eco, eco[g].reshape(n * zones, samples), blocks)
        np.einsum("pts,ps->ts", by_pair, weights[g, :PV_PAIR], out=grade[g])
        if pv[g].any():  # never in extremely important zones
            grade[g] += lower_product(ops.pv, pv[g].reshape(n * zones, samples), blocks)
    np.subtract(out[2], np.add.reduce(grade[:-1], axis=0), out=grade[-1])
    return out, pair


def _mix(eco: np.ndarray, weights: np.ndarray, out: np.ndarray) -> None:
    """``out`` (n, Z, P', S) = sum_g eco (G, n, Z, S) x weights (G, P', S): the area of each
    (zone, pair). Many samples: one small product per sample (samples first), then one copy
    back to samples last, about 3x faster than the einsum."""
    grades, n, zones, samples = eco.shape
    if samples < 16:
        np.einsum("gtzs,gps->tzps", eco, weights, out=out)
        return
    by_sample = np.matmul(  # (S, n*Z, P')
        eco.transpose(3, 1, 2, 0).reshape(samples, n * zones, grades), weights.transpose(2, 0, 1)
    )
    np.copyto(out.reshape(n * zones, -1, samples), by_sample.transpose(1, 2, 0))


def cohort_sinks(
    eco: np.ndarray, pv: np.ndarray, shares: np.ndarray, ops: Operators
) -> dict[str, np.ndarray]:
    """:func:`sinks` of areas laid out (G, Z, Y, S) (Mha/yr), with ``shares`` (G, P, S or 1):
    biomass, soil (Y, S); zone (Z, Y, S), pair (P, Y, S), grade (G, Y, S)."""
    grades, _, _, samples = eco.shape
    weights = np.broadcast_to(shares, (grades, len(PAIRS), samples))
    out, pair = sinks(
        np.ascontiguousarray(eco.transpose(0, 2, 1, 3)),
        np.ascontiguousarray(pv.transpose(0, 2, 1, 3)),
        weights,
        ops,
    )
    return {
        "biomass": out[0],
        "soil": out[1],
        "zone": out[ZONE_ROW:LANDUSE_ROW],
        "pair": pair,
        "grade": out[GRADE_ROW:],
    }


def sink_kernels(weights: np.ndarray, ops: Operators) -> np.ndarray:
    """The stacked sinks of one sample as kernels (R, 2*G*Z*n): row r of the stacked sinks of :func:`sinks`;
    column (source, grade, zone, year of age), source 0 the area for ecology with the mix
    ``weights`` (G, P), 1 the area for PV. With the areas laid out as lagged copies
    (:func:`lagged`), one small product gives every sink of the sample."""
    biomass, both = ops.kernels  # (Z, P, n)
    zones, _, n = both.shape
    grades = weights.shape[0]
    eco_w = weights[:, :PV_PAIR]
    rows = GRADE_ROW + grades
    kernel = np.zeros((rows, 2, grades, zones, n))  # by year of age
    kernel[0, 0] = np.einsum("gp,zpl->gzl", eco_w, biomass[:, :PV_PAIR])
    kernel[0, 1] = biomass[:, PV_PAIR]
    eco = np.einsum("gp,zpl->gzl", eco_w, both[:, :PV_PAIR])
    kernel[2, 0], kernel[2, 1] = eco, both[:, PV_PAIR]
    kernel[1] = kernel[2] - kernel[0]
    for z in range(zones):
        kernel[ZONE_ROW + z, 0, :, z] = eco[:, z]
        kernel[ZONE_ROW + z, 1, :, z] = both[z, PV_PAIR]
    for u, members in enumerate(LANDUSE_PAIRS):
        if members == (PV_PAIR,):
            kernel[LANDUSE_ROW + u, 1] = both[:, PV_PAIR]
        else:
            pick = list(members)
            kernel[LANDUSE_ROW + u, 0] = np.einsum("gp,zpl->gzl", eco_w[:, pick], both[:, pick])
    for g in range(grades):
        kernel[GRADE_ROW + g, 0, g] = eco[g]
        kernel[GRADE_ROW + g, 1, g] = both[:, PV_PAIR]
    return kernel.reshape(rows, -1)


def lagged(areas: np.ndarray) -> np.ndarray:
    """Areas (C, n) as lagged copies (C*n, n): row (c, lag), column t holds areas[c, t - lag]
    (0 for t < lag), so ``kernels @ lagged(areas)`` convolves (see :func:`sink_kernels`)."""
    count, n = areas.shape
    padded = np.zeros((count, 2 * n))
    padded[:, n:] = areas
    row, step = padded.strides
    # [c, lag, t] -> padded[c, n - lag + t], within the row: a view (built directly, cheaper
    # than ``as_strided``), then one copy
    view = np.ndarray(
        (count, n, n),
        dtype=padded.dtype,
        buffer=padded,
        offset=n * step,
        strides=(row, -step, step),
    )
    return view.reshape(count * n, n)
