"""Calibration of 2021-2024 energy demand to published statistics.

Scenario levers act from 2025. Between 2020 and 2024 each sector's useful-energy demand is scaled
by a factor that is 1 in 2020 and solved for every year with statistics (2021-2024 where
data/<region>/calibration.csv has ``primary_energy_<year>``; a sector's factor is interpolated in
years without its own statistic); afterwards its 2020-2024 trend continues, fading with the
half-life ``momentum_half_life``, so the projection keeps the momentum of history instead of
breaking in 2025. The factors reproduce each year's statistics whatever the levers:
- industry: growth of secondary-industry electricity use since 2020 (CEC/NEA);
- buildings: growth of tertiary plus residential electricity use (CEC/NEA);
- transport and agriculture/construction (one common factor): total primary energy (NBS).
The factors are solved once per region (a few model evaluations) and cached on the base data.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pathways.data import BaseData
from pathways.timepaths import trend_decay

SECTORS = ("industry", "transport", "buildings", "other")
TCE_TO_EJ_KEY = "tce_to_ej"
HALF_LIFE_KEY = "momentum_half_life"


def calibration_years(base: BaseData) -> list[int]:
    """Years after 2020 with a primary-energy statistic, up to the calibration year."""
    end = int(base.s("calibration_year"))
    return [y for y in range(2021, end + 1) if f"primary_energy_{y}" in base.scalars]


def factor_path(
    factor: float | np.ndarray, years: np.ndarray, base: BaseData, momentum: bool = True
) -> np.ndarray:
    """(1, Y) multiplier: 1 in 2020, ``factor`` in the calibration years (a scalar: the
    calibration year only), linear between; then the 2020-2024 trend continues with a slope
    that halves every ``momentum_half_life`` years:

        C(t) = C_2024 + m H / ln 2 (1 - 2^(-(t - 2024) / H)),  m = (C_2024 - 1) / 4.

    ``momentum=False`` holds the factor flat after 2024 (the calibration solve: only history counts).
    """
    end = base.s("calibration_year")
    values = np.atleast_1d(np.asarray(factor, dtype=float))
    if values.size == 0:  # a region without statistics to calibrate to: no factor
        return np.ones((1, years.size))
    anchors = [float(end)] if values.size == 1 else [float(y) for y in calibration_years(base)]
    path = np.interp(years, [2020.0, *anchors], [1.0, *values])
    if momentum:
        slope = (values[-1] - 1.0) / (end - 2020.0)
        path = path + slope * trend_decay(years, base.s(HALF_LIFE_KEY))
    return path[None, :]


def demand_factors(base: BaseData, run: Callable[[BaseData, dict[str, float]], object]) -> dict:
    """Solve (and cache on ``base``) each sector's demand factor in every calibration year (an
    array over :func:`calibration_years`); see module docstring. A factor acts on its own year
    only, so all years are solved at once."""
    cached = base.extra.get("demand_factors")
    if cached is not None:
        return cached
    cal = np.array(calibration_years(base), dtype=int)
    idx = cal - 2020
    ones = {sector: np.ones(cal.size) for sector in SECTORS}
    if not cal.size:  # no primary-energy statistic after 2020 (a province): not calibrated
        base.extra["demand_factors"] = ones
        return ones
    first = run(base, ones)
    factors = dict(ones)
    for sector, label, key in (
        ("industry", "Industry", "electricity_industry"),
        ("buildings", "Residential and Commercial", "electricity_buildings"),
    ):
        modelled = first.variables[f"Final Energy|{label}|Electricity"][0]
        observed = [y for y in cal if f"{key}_{y}" in base.scalars]
        growth = [base.s(f"{key}_{y}") / base.s(f"{key}_2020") for y in observed]
        ratio = [
            g / (modelled[y - 2020] / modelled[0]) for g, y in zip(growth, observed, strict=True)
        ]
        factors[sector] = np.interp(cal, [2020, *observed], [1.0, *ratio])
    target = np.array([base.s(f"primary_energy_{y}") for y in cal]) * base.s(TCE_TO_EJ_KEY)
    # primary energy is linear in the remaining factor: secant steps, all years at once
    x0, x1 = np.ones(cal.size), np.full(cal.size, 1.2)
    for _ in range(2):
        p0 = _primary(run(base, factors | {"transport": x0, "other": x0}), idx)
        p1 = _primary(run(base, factors | {"transport": x1, "other": x1}), idx)
        x0, x1 = x0 + (target - p0) * (x1 - x0) / (p1 - p0), x0
    factors["transport"] = factors["other"] = x0
    base.extra["demand_factors"] = factors
    return factors


def _primary(result, idx: np.ndarray) -> np.ndarray:
    return result.variables["Primary Energy"][0, idx]
