"""Lifestyle: travel, modal shift, floor area, building service and material/consumption demand.

Returns dimensionless demand multipliers of shape (S, Y) (1 = baseline) and floor area per person.
"""

from __future__ import annotations

import numpy as np

from pathways.data import BaseData
from pathways.levers import LeverSet
from pathways.modules import Module, catalogue_levers, from_levers


def compute(levers: LeverSet, base: BaseData, years: np.ndarray) -> dict[str, np.ndarray]:
    car_share = base.s("car_share_of_passenger_energy") / 100.0
    public_ratio = base.s("public_vs_car_energy_per_pkm") / 100.0
    road_share = base.s("road_share_of_freight_energy") / 100.0
    rail_ratio = base.s("rail_vs_road_energy_per_tkm") / 100.0
    modal = levers.path("modal_shift_public", 0.0) / 100.0
    freight = levers.path("freight_shift_rail", 0.0) / 100.0
    return {
        "passenger_demand": 1.0 + levers.path("passenger_travel_change", 0.0) / 100.0,
        # energy per pkm falls when car travel moves to modes using public_ratio of the energy
        "passenger_mode_factor": 1.0 - modal * car_share * (1.0 - public_ratio),
        "freight_mode_factor": 1.0 - freight * road_share * (1.0 - rail_ratio),
        "floor_area_per_capita": levers.path(
            "floor_area_per_capita", base.s("floor_area_per_capita_2020")
        ),
        "building_service": 1.0 + levers.path("building_service_change", 0.0) / 100.0,
        "material_demand": 1.0 + levers.path("material_demand_change", 0.0) / 100.0,
        "consumption": 1.0 + levers.path("consumption_change", 0.0) / 100.0,
    }


MODULE = Module(
    name="lifestyle",
    compute=from_levers(compute),
    levers=catalogue_levers("lifestyle"),
    provides=(
        "passenger_demand",
        "passenger_mode_factor",
        "freight_mode_factor",
        "floor_area_per_capita",
        "building_service",
        "material_demand",
        "consumption",
    ),
)
