"""Removals with physics: capture costs energy, BECCS needs biomass, DAC needs electricity and
heat, industrial capture only on point sources, capacity x utilisation = captured."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import model
from pathways.lever_effects import lever_effect
from pathways.region import load_region
from tests.conftest import random_lever_sets

BASE = load_region("china")
S = BASE.s
YEARS = model.year_axis(2060)
I2060 = int(np.searchsorted(YEARS, 2060))
EJ_PER_TWH = 0.0036


def test_more_ccus_never_lowers_primary_energy():
    levers = random_lever_sets(200, seed=5)
    low = dict(levers) | {"ccus_capacity": levers["ccus_capacity"] * 0.5}
    r_low, r_high = model.run(low), model.run(levers)
    assert np.all(r_high["Primary Energy"] >= r_low["Primary Energy"] - 1e-9)
    assert np.all(r_high["Carbon Capture|Storage"] >= r_low["Carbon Capture|Storage"] - 1e-9)


def test_capture_penalty_raises_2060_primary_energy():
    r = model.run([{"ccus_capacity": 0.0}, {"ccus_capacity": 2500.0}])
    pe = r.at("Primary Energy", 2060)
    penalty = r.at("Diagnostics|Primary Energy|Capture Penalty", 2060)
    assert penalty[0] == 0 and penalty[1] > 3  # EJ
    assert pe[1] - pe[0] == pytest.approx(penalty[1] - penalty[0])


def test_power_capture_penalty_by_hand():
    """All capture on power: extra fuel = captured x p / (f (1 + p)) / emission factor."""
    r = model.run({"ccus_capacity": 50.0, "ccus_power_share": 100.0, "ccus_capacity_year": 2030})
    i = int(np.searchsorted(YEARS, 2035))
    captured = r["Carbon Capture|Storage|Electricity"][0, i]
    assert captured == pytest.approx(50.0 * S("ccus_utilisation") / 100)  # capacity x utilisation
    assert r["Diagnostics|Carbon Capture|Utilisation"][0, i] == pytest.approx(90.0)
    coal = r["Secondary Energy|Electricity|Coal"][0, i]
    gas = r["Secondary Energy|Electricity|Gas"][0, i]
    ef = BASE.emission_factors
    f = S("ccus_capture_max_fraction") / 100

    def k(p):
        return p / (f * (1 + p))

    k_coal, k_gas = k(0.30), k(0.16)
    penalty_co2 = r["Diagnostics|Carbon Capture|Penalty CO2"][0, i]
    assert captured * k_gas < penalty_co2 < captured * k_coal  # a coal-gas blend
    penalty_fuel = r["Diagnostics|Primary Energy|Capture Penalty"][0, i] / S("tce_to_ej")
    assert captured * k_gas / ef["gas"] < penalty_fuel < captured * k_coal / ef["coal"]
    assert coal > 0 and gas > 0


def test_industrial_capture_stays_below_its_point_source_ceiling():
    levers = random_lever_sets(300, seed=7) | {"ccus_power_share": np.zeros(300)}
    r = model.run(levers)
    captured = r["Carbon Capture|Storage|Industry"]
    ceiling = r["Diagnostics|Carbon Capture|Ceiling|Industry"]
    assert np.all(captured <= ceiling + 1e-9)
    industrial = r["Emissions|CO2|Energy|Demand|Industry"] + r["Emissions|CO2|Industrial Processes"]
    assert np.all(ceiling < 0.9 * industrial)  # dispersed combustion is not capturable
    process = r["Emissions|CO2|Industrial Processes"]
    assert np.all(ceiling >= S("ccus_capture_rate_process") / 100 * process - 1e-9)


def test_beccs_beyond_the_biomass_supply_is_capped_and_reported():
    r = model.run([{"beccs": 100.0, "beccs_year": 2040}, {"beccs": 1000.0, "beccs_year": 2040}])
    per_t = 1 / (0.47 * 3.667 * 0.90) + 3.5 / (15.6 * 0.85)  # t dry matter per t CO2
    assert per_t == pytest.approx(0.909, abs=1e-3)
    power_biomass = (
        r.at("Secondary Energy|Electricity|Biomass", 2060) / EJ_PER_TWH / (15.6 * 0.28 / 3.6)
    )
    np.testing.assert_allclose(r.at("Diagnostics|Biomass|Electricity", 2060), power_biomass)
    room = (S("biomass_supply") - power_biomass) / per_t
    beccs = r.at("Carbon Removal|BECCS", 2060)
    assert beccs[0] == pytest.approx(100.0)  # within the supply
    assert beccs[1] == pytest.approx(room[1])  # capped
    shortfall = r.at("Diagnostics|Carbon Removal|BECCS|Shortfall", 2060)
    assert shortfall[0] == 0 and shortfall[1] == pytest.approx(1000.0 - room[1])
    used = r.at("Diagnostics|Biomass|Electricity", 2060) + r.at("Diagnostics|Biomass|BECCS", 2060)
    assert used[1] == pytest.approx(S("biomass_supply"))


def test_dac_draws_electricity_and_heat_from_the_energy_system():
    r = model.run([{"dac": 0.0}, {"dac": 200.0, "dac_year": 2040}])
    demand = r.at("Diagnostics|Secondary Energy|Electricity|Direct Air Capture", 2060)
    assert demand[1] == pytest.approx(200 * 0.366 * EJ_PER_TWH)  # Mt x MWh/t = TWh
    heat = r.at("Diagnostics|Heat|Direct Air Capture", 2060)
    assert heat[1] == pytest.approx(200 * 5.25 / 1000)  # PJ -> EJ
    # the heat supply: 15 % heat pumps (COP 3) in 2060 by default, the rest boilers
    heat_pump_twh = 200 * 5.25 / 29.307 * 0.15 / 3.0 / 0.1229  # Mtce / (Mtce per TWh)
    generation = r.at("Secondary Energy|Electricity", 2060)
    losses = 9.0 / 100  # the grid-losses lever default in 2060
    expected = (demand[1] + heat_pump_twh * EJ_PER_TWH) / (1 - losses)
    assert generation[1] - generation[0] == pytest.approx(expected)
    fossil = r.at("Primary Energy|Coal", 2060) + r.at("Primary Energy|Gas", 2060)
    assert fossil[1] > fossil[0]  # the heat supply burns more (boilers beyond heat pumps)


def test_lever_effect_explains_nuclear_within_the_target():
    effect = lever_effect(
        {"nuclear_capacity": 100.0, "storage_capacity": 600.0}, "nuclear_capacity"
    )
    assert effect.zero and effect.reason == "nuclear_within_target"
    assert effect.params["reference_gw"] == pytest.approx(150.0)
    beyond = lever_effect(
        {"nuclear_capacity": 300.0, "power_nonfossil_share": 40.0}, "nuclear_capacity"
    )
    assert not beyond.zero and beyond.change_2060 < 0 and beyond.reason is None


def test_lever_effect_explains_storage_below_the_grid_limit_and_biomass():
    effect = lever_effect({"power_nonfossil_share": 40.0}, "storage_capacity")
    assert effect.zero and effect.reason == "grid_limit_not_binding"
    assert effect.params["wind_solar_share"] < effect.params["limit_share"]
    capped = lever_effect({"beccs": 900.0, "beccs_year": 2025}, "beccs")
    assert capped.zero and capped.reason == "biomass_exhausted"
    assert capped.params["shortfall"] > 0
