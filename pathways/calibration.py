"""Calibration of 2021-2024 energy demand to published statistics.

Scenario levers act from 2025. Between 2020 and 2024 each sector's useful-energy demand is scaled
by a factor rising linearly from 1 (2020) to its 2024 value; afterwards its 2020-2024 trend
continues, fading with the half-life ``momentum_half_life`` (data/<region>/calibration.csv), so the
projection keeps the momentum of history instead of breaking in 2025. The factors reproduce 2024
statistics whatever the levers:
- industry: growth of secondary-industry electricity use 2020-2024 (CEC);
- buildings: growth of tertiary plus residential electricity use (CEC);
- transport and agriculture/construction (one common factor): total primary energy 2024 (NBS).
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


def factor_path(
    factor: float, years: np.ndarray, base: BaseData, momentum: bool = True
) -> np.ndarray:
    """(1, Y) multiplier: 1 in 2020, ``factor`` in the calibration year, linear between; then
    the 2020-2024 trend continues with a slope that halves every ``momentum_half_life`` years:

        C(t) = C_2024 + m H / ln 2 (1 - 2^(-(t - 2024) / H)),  m = (C_2024 - 1) / 4.

    ``momentum=False`` holds the factor flat after 2024 (the calibration solve: only 2024 counts).
    """
    end = base.s("calibration_year")
    path = np.interp(years, [2020.0, end], [1.0, factor])
    if momentum:
        slope = (factor - 1.0) / (end - 2020.0)
        path = path + slope * trend_decay(years, base.s(HALF_LIFE_KEY))
    return path[None, :]


def demand_factors(base: BaseData, run: Callable[[BaseData, dict[str, float]], object]) -> dict:
    """Solve (and cache on ``base``) the 2024 demand factor of each sector; see module docstring."""
    cached = base.extra.get("demand_factors")
    if cached is not None:
        return cached
    year = int(base.s("calibration_year"))
    ones = dict.fromkeys(SECTORS, 1.0)
    first = run(base, ones)
    factors = dict(ones)
    for sector, label, key in (
        ("industry", "Industry", "electricity_industry"),
        ("buildings", "Residential and Commercial", "electricity_buildings"),
    ):
        modelled = first.variables[f"Final Energy|{label}|Electricity"][0]
        modelled_growth = modelled[year - 2020] / modelled[0]
        observed_growth = base.s(f"{key}_{year}") / base.s(f"{key}_2020")
        factors[sector] = observed_growth / modelled_growth
    target = base.s(f"primary_energy_{year}") * base.s(TCE_TO_EJ_KEY)
    # primary energy is linear in the remaining factor: two evaluations, then one refinement
    x0, x1 = 1.0, 1.2
    for _ in range(2):
        p0 = _primary(run(base, factors | {"transport": x0, "other": x0}), year)
        p1 = _primary(run(base, factors | {"transport": x1, "other": x1}), year)
        x0, x1 = x0 + (target - p0) * (x1 - x0) / (p1 - p0), x0
    factors["transport"] = factors["other"] = x0
    base.extra["demand_factors"] = factors
    return factors


def _primary(result, year: int) -> float:
    return float(result.variables["Primary Energy"][0, year - 2020])
