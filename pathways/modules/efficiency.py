"""Efficiency: energy intensity by sector, industrial structure, material substitution, power.

Returns intensity factors (1 = 2020 intensity), paths in the levers' units, shapes (S, Y).
"""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Module, catalogue_levers, from_levers
from pathways.timepaths import compound

SECTORS = ("industry", "transport", "buildings", "other")


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    eaf0 = base.s("eaf_share_2020") / 100.0
    eaf_ratio = base.s("eaf_energy_ratio")
    eaf = levers.path("scrap_steel_share", base.s("eaf_share_2020")) / 100.0
    clinker0 = base.s("clinker_ratio_2020")
    clinker = levers.path("clinker_ratio", clinker0)
    kiln = base.s("cement_kiln_energy_share") / 100.0
    h = levers.half_life  # rates phase in as the calibrated trend fades (docs/methods.md 1)
    # the four sectors' intensity factors in one call (rows of one (4 S, Y) array)
    rates = np.concatenate([levers.arrays[f"{sector}_intensity_improvement"] for sector in SECTORS])
    intensity = compound(rates, years, half_life=h).reshape(len(SECTORS), levers.samples, -1)
    return {
        **{f"intensity_{sector}": intensity[i] for i, sector in enumerate(SECTORS)},
        "industry_share_of_gdp": levers.path(
            "industry_structure", base.s("secondary_industry_share_2020")
        ),
        # energy per tonne of steel relative to 2020, from the BF-BOF / EAF route mix
        "steel_energy_factor": ((1 - eaf) + eaf * eaf_ratio) / ((1 - eaf0) + eaf0 * eaf_ratio),
        "clinker_ratio": clinker,
        # kiln fuel scales with clinker; grinding and the rest do not
        "cement_energy_factor": (1 - kiln) + kiln * clinker / clinker0,
        "coal_heat_rate": levers.path("coal_power_heat_rate", base.s("coal_heat_rate_2020")),
        "grid_losses": levers.path("grid_losses", base.s("losses_and_own_use_2020")),
    }


MODULE = Module(
    name="efficiency",
    compute=from_levers(compute),
    levers=catalogue_levers("efficiency"),
    provides=(
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
    ),
)
