"""Calibration of 2021-2024 energy demand to published statistics.

Scenario levers act from 2025. Between 2020 and 2024 each sector's useful-energy demand is scaled
by a factor rising linearly from 1 (2020) to its 2024 value and held there afterwards, so that the
model reproduces 2024 statistics whatever the levers:
- industry: growth of secondary-industry electricity use 2020-2024 (CEC);
- buildings: growth of tertiary plus residential electricity use (CEC);
- transport and agriculture/construction (one common factor): total primary energy 2024 (NBS).
The factors are solved once per region (a few model evaluations) and cached on the base data.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pathways.data import BaseData

SECTORS = ("industry", "transport", "buildings", "other")
TCE_TO_EJ_KEY = "tce_to_ej"


def factor_path(factor: float, years: np.ndarray, base: BaseData) -> np.ndarray:
    """(1, Y) multiplier: 1 in 2020, ``factor`` from the calibration year on, linear between."""
    end = base.s("calibration_year")
    return np.interp(years, [2020.0, end], [1.0, factor])[None, :]


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
