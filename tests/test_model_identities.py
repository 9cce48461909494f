"""Accounting identities hold for any in-range lever set; hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pathways import model, scenario
from pathways.cohorts import chapman_richards, stock_change_kernel, toeplitz_operator
from pathways.timepaths import ramp_fraction
from tests.conftest import random_lever_sets

SECTORS = ["Industry", "Transportation", "Residential and Commercial", "Other Sector"]


@pytest.fixture(scope="module")
def batch():
    return model.run(random_lever_sets(500, seed=3))


def close(a, b):
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-6)


def test_net_equals_gross_minus_removals_and_capture(batch):
    v = batch.variables
    expected = (
        v["Emissions|CO2|Energy"]
        + v["Emissions|CO2|Industrial Processes"]
        - v["Carbon Capture|Storage|Electricity"]
        - v["Carbon Capture|Storage|Industry"]
        - v["Carbon Removal|Forestry"]
        - v["Carbon Removal|BECCS"]
        - v["Carbon Removal|Direct Air Capture"]
    )
    if "Carbon Removal|Mine Revegetation" in v:
        expected = (
            expected
            - v["Carbon Removal|Mine Revegetation"]
            + v["Emissions|CO2|Mine Restoration Works"]
        )
    close(v["Emissions|CO2"], expected)


def test_emission_parts_sum_to_totals(batch):
    v = batch.variables
    close(
        v["Emissions|CO2|Energy|Supply"],
        v["Emissions|CO2|Energy|Supply|Electricity"] + v["Emissions|CO2|Energy|Supply|Heat"],
    )
    close(
        v["Emissions|CO2|Energy|Demand"],
        sum(v[f"Emissions|CO2|Energy|Demand|{s}"] for s in SECTORS),
    )
    close(
        v["Emissions|CO2|Energy"],
        v["Emissions|CO2|Energy|Supply"] + v["Emissions|CO2|Energy|Demand"],
    )
    close(
        v["Carbon Capture|Storage"],
        v["Carbon Capture|Storage|Electricity"]
        + v["Carbon Capture|Storage|Industry"]
        + v["Carbon Removal|BECCS"]
        + v["Carbon Removal|Direct Air Capture"],
    )


def test_energy_parts_sum_to_totals_and_shares_to_one(batch):
    v = batch.variables
    fuels = ["Coal", "Oil", "Gas", "Non-Fossil"]
    close(v["Primary Energy"], sum(v[f"Primary Energy|{f}"] for f in fuels))
    shares = sum(v[f"Primary Energy|{f}"] / v["Primary Energy"] for f in fuels)
    close(shares, np.ones_like(shares))
    close(v["Final Energy"], sum(v[f"Final Energy|{s}"] for s in SECTORS))
    carriers = ["Solids", "Liquids", "Gases", "Electricity", "Heat", "Hydrogen"]
    close(v["Final Energy"], sum(v[f"Final Energy|{c}"] for c in carriers))
    sources = ["Coal", "Gas", "Oil", "Nuclear", "Hydro", "Wind", "Solar", "Biomass"]
    close(
        v["Secondary Energy|Electricity"],
        sum(v[f"Secondary Energy|Electricity|{s}"] for s in sources),
    )


def test_no_negative_energy_emissions_or_capacity(batch):
    for name, values in batch.variables.items():
        if name.startswith(("Primary", "Final", "Secondary", "Capacity", "Carbon")) or (
            name.startswith("Emissions|CO2|") and "Avoided" not in name
        ):
            if name in NEGATIVE_BRANCHES:
                assert values.max() <= 1e-9, name
            else:
                assert values.min() >= -1e-9, name


NEGATIVE_BRANCHES = ("Emissions|CO2|Carbon Capture", "Emissions|CO2|Carbon Removal")


def test_capture_never_exceeds_ninety_percent_of_point_sources(batch):
    v = batch.variables
    power = v["Emissions|CO2|Energy|Supply|Electricity"]
    industry = v["Emissions|CO2|Energy|Demand|Industry"] + v["Emissions|CO2|Industrial Processes"]
    assert np.all(v["Carbon Capture|Storage|Electricity"] <= 0.9 * power + 1e-9)
    assert np.all(v["Carbon Capture|Storage|Industry"] <= 0.9 * industry + 1e-9)


def test_generation_covers_demand_plus_losses(batch):
    v = batch.variables
    # final electricity (EJ) <= generation (EJ): losses and other uses are non-negative
    assert np.all(v["Final Energy|Electricity"] <= v["Secondary Energy|Electricity"] + 1e-9)


def test_all_results_finite_for_in_range_levers():
    result = model.run(random_lever_sets(3000, seed=11))
    for name, values in result.variables.items():
        assert np.isfinite(values).all(), name
    for name in ("peak_year", "peak_level", "cumulative_2020_2060", "nonfossil_share_2060"):
        assert np.isfinite(result.indicators[name]).all(), name


# --- hand-computed values ----------------------------------------------------------------


def test_gdp_path_compounds_the_growth_levers():
    r = model.run({"gdp_growth_2025_2030": 5.5, "gdp_growth_2031_2040": 4.0})
    observed_2024 = 101_600 * 1.084 * 1.030 * 1.052 * 1.050  # NBS real growth 2021-2024
    assert r.at("GDP|MER", 2024)[0] == pytest.approx(observed_2024)
    assert r.at("GDP|MER", 2030)[0] == pytest.approx(observed_2024 * 1.055**6)
    assert r.at("GDP|MER", 2040)[0] == pytest.approx(observed_2024 * 1.055**6 * 1.04**10)


def test_target_path_linear_and_scurve():
    years = np.arange(2020, 2061)
    from pathways.timepaths import history_then_target

    hist = history_then_target(
        np.array([2020.0, 2024.0]),
        np.array([10.0, 18.0]),
        np.array([58.0]),
        np.array([2034]),
        years,
    )[0]
    assert hist[2] == pytest.approx(14) and hist[4] == 18  # observed, interpolated
    assert hist[9] == pytest.approx(18 + 40 * 0.5) and hist[14] == 58 and hist[40] == 58
    linear = 10.0 + 40.0 * ramp_fraction(np.array([2040]), years, "linear")[0]
    assert linear[0] == 10 and linear[10] == pytest.approx(30) and linear[20] == 50
    assert linear[40] == 50  # flat after the target year
    s_curve = 10.0 + 40.0 * ramp_fraction(np.array([2040]), years, "scurve")[0]
    assert s_curve[10] == pytest.approx(30)  # symmetric: half way at mid-point
    assert s_curve[5] == pytest.approx(10 + 40 * (0.25**2 * (3 - 0.5)))


@pytest.mark.parametrize("shape", ["linear", "scurve"])
def test_ramp_table_for_large_batches_equals_the_formula(shape):
    """Batches of whole target years gather rows from a table: bit for bit the same ramps."""
    years = np.arange(2020, 2061)
    rng = np.random.default_rng(2)
    whole = rng.integers(2025, 2061, 500).astype(float)
    table = ramp_fraction(whole, years, shape, 2024)
    one_by_one = np.vstack([ramp_fraction(np.array([y]), years, shape, 2024) for y in whole])
    np.testing.assert_array_equal(table, one_by_one)
    fractional = whole + 0.5  # not whole years: the formula, also right
    expected = np.vstack([ramp_fraction(np.array([y]), years, shape, 2024) for y in fractional])
    np.testing.assert_array_equal(ramp_fraction(fractional, years, shape, 2024), expected)


def test_cohort_convolution_matches_hand_sum():
    stock = chapman_richards(np.arange(41), 90.0, 0.06, 3.0)
    kernel = stock_change_kernel(stock)
    area = np.zeros((1, 41))
    area[0, 5] = 2.0  # 2 Mha planted in 2025
    area[0, 10] = 1.0  # 1 Mha in 2030
    uptake = (area @ toeplitz_operator(kernel))[0]
    # cumulative uptake by 2060 equals the stocks reached by both cohorts
    assert uptake.sum() == pytest.approx(2.0 * stock[35] + 1.0 * stock[30])
    assert uptake[15] == pytest.approx(2.0 * (stock[10] - stock[9]) + (stock[5] - stock[4]))
    assert stock[10] == pytest.approx(90 * (1 - math.exp(-0.6)) ** 3)


def test_nonfossil_primary_energy_uses_coal_equivalent_substitution():
    r = model.run(scenario.defaults())
    nonfossil_twh = sum(
        r["Secondary Energy|Electricity|" + s][0, 0] / 0.0036
        for s in ["Nuclear", "Hydro", "Wind", "Solar", "Biomass"]
    )
    mtce = r["Primary Energy|Non-Fossil"][0, 0] / 0.029307
    assert mtce == pytest.approx(nonfossil_twh * 305.5 / 1000)


def test_horizon_extends_to_2070():
    r = model.run({}, end_year=2070)
    assert r.years[-1] == 2070 and r["Emissions|CO2"].shape == (1, 51)
    with pytest.raises(ValueError):
        model.year_axis(2080)
