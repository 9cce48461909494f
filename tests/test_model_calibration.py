"""The base year 2020 reproduces published statistics."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import model, scenario

TCE_TO_EJ = 0.029307


@pytest.fixture(scope="module")
def r2020():
    result = model.run(scenario.defaults())
    return lambda variable: float(result[variable][0, 0])


def test_primary_energy_2020_is_4_98_bn_tce(r2020):
    # NBS 2020 statistical communique: 4.98 bn tce
    assert r2020("Primary Energy") / TCE_TO_EJ == pytest.approx(4980, rel=0.02)


@pytest.mark.parametrize(
    "fuel, share",
    [("Coal", 56.8), ("Oil", 18.9), ("Gas", 8.4), ("Non-Fossil", 15.9)],  # NBS 2020 communique
)
def test_fuel_shares_2020_within_one_point(r2020, fuel, share):
    assert 100 * r2020(f"Primary Energy|{fuel}") / r2020("Primary Energy") == pytest.approx(
        share, abs=1.0
    )


def test_energy_and_process_co2_2020_in_published_range(r2020):
    # Carbon Monitor 10.5 Gt, Global Carbon Budget 2021 about 10.7 Gt: published range 10.0-11.8
    total = r2020("Emissions|CO2|Energy") + r2020("Emissions|CO2|Industrial Processes")
    assert 10_000 <= total <= 11_800


def test_cement_process_co2_2020(r2020):
    # Global Carbon Budget cement estimates 0.8-0.9 Gt
    assert 800 <= r2020("Emissions|CO2|Industrial Processes|Cement") <= 900


def test_power_2020(r2020):
    # CEC 2020: 7.62 PWh generated, coal 60.8 %; NEA: wind 282 GW, solar 253 GW
    generation_twh = r2020("Secondary Energy|Electricity") / 0.0036
    assert generation_twh == pytest.approx(7620, rel=0.01)
    coal_twh = r2020("Secondary Energy|Electricity|Coal") / 0.0036
    assert coal_twh / generation_twh == pytest.approx(0.608, abs=0.01)
    assert r2020("Capacity|Electricity|Wind") == pytest.approx(282, rel=0.02)
    assert r2020("Capacity|Electricity|Solar") == pytest.approx(253, rel=0.02)


def test_drivers_2020(r2020):
    assert r2020("Population") == pytest.approx(1411.8, rel=1e-3)  # census 2020
    assert r2020("GDP|MER") == pytest.approx(101_600, rel=1e-3)  # billion CNY


def test_ccus_and_sinks_2020(r2020):
    assert r2020("Carbon Capture|Storage") == pytest.approx(3, abs=0.5)  # CCUS report 2021
    assert 700 <= r2020("Carbon Removal|Forestry") <= 1300  # LULUCF 1.0-1.3 Gt


# --- 2024: the last year of published statistics, reproduced whatever the levers -----------


@pytest.fixture(scope="module")
def r2024_all_presets(preset_results):
    return lambda variable: np.array([r.at(variable, 2024)[0] for r in preset_results.values()])


def test_primary_energy_2024_matches_nbs(r2024_all_presets):
    # NBS 2024 communique: 5.96 bn tce
    mtce = r2024_all_presets("Primary Energy") / TCE_TO_EJ
    np.testing.assert_allclose(mtce, 5960, rtol=0.005)


def test_nonfossil_share_2024(r2024_all_presets):
    # NBS 2024 communique: non-fossil 19.8 % of primary energy
    share = (
        100 * r2024_all_presets("Primary Energy|Non-Fossil") / r2024_all_presets("Primary Energy")
    )
    np.testing.assert_allclose(share, 19.8, atol=1.0)


def test_power_and_capacity_2024(r2024_all_presets):
    # CEC 2024: 10.09 PWh; NEA Jan 2025: wind 521 GW, solar 887 GW
    np.testing.assert_allclose(
        r2024_all_presets("Secondary Energy|Electricity") / 0.0036, 10_090, rtol=0.02
    )
    np.testing.assert_allclose(r2024_all_presets("Capacity|Electricity|Wind"), 521, rtol=0.03)
    np.testing.assert_allclose(r2024_all_presets("Capacity|Electricity|Solar"), 887, rtol=0.03)


def test_co2_2024_in_published_range(r2024_all_presets):
    # Global Carbon Budget 2024 about 12.0 Gt; Carbon Monitor / CREA 12.3-12.6 Gt
    total = r2024_all_presets("Emissions|CO2|Energy") + r2024_all_presets(
        "Emissions|CO2|Industrial Processes"
    )
    assert np.all((total >= 11_900) & (total <= 12_800))


def test_levers_do_not_change_history():
    from tests.conftest import random_lever_sets

    result = model.run(random_lever_sets(200, seed=2))
    net = result["Emissions|CO2"]
    np.testing.assert_allclose(net[:, :5], np.broadcast_to(net[:1, :5], net[:, :5].shape))
