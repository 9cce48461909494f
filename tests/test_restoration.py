"""Mine restoration module: hand-computed cohorts, land conservation, properties, no double counting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways import model, scenario
from pathways.modules import mine_cohorts as mc
from pathways.modules import mine_data as md
from pathways.modules import restoration as mr
from pathways.region import load_region
from tests.conftest import load_error, random_lever_sets

POWER = ("Coal", "Gas", "Oil", "Nuclear", "Hydro", "Wind", "Solar", "Biomass")
YEARS = model.year_axis(2060)
SINK = "Carbon Removal|Mine Revegetation"
WORKS = "Emissions|CO2|Mine Restoration Works"
RATES = [name for name, _, _ in mr.RATE_PERIODS]


@pytest.fixture(scope="module")
def data():
    return md.mine_data(load_region("china"))


def mine_net(result):
    return result[SINK] - result[WORKS]


# --- data --------------------------------------------------------------------------------


def test_data_ranges_and_backlog(data):
    assert data.c("backlog_legacy_2020") + data.c("backlog_producing_2020") == pytest.approx(3.61)
    assert data.c("new_damage_2020") == 82.6  # kha/yr, Land 2022
    for name, cube in data.params.items():
        low, central, high = cube
        assert np.all(low <= central) and np.all(central <= high), name
    for pool, table in data.shares.items():
        assert table[1].sum() == pytest.approx(1.0), pool


def test_every_mine_row_has_unit_source_and_status(base):
    rows = [r for r in base.rows if r.file.endswith(("mine_land.csv", "mine_carbon.csv"))]
    rows += [r for r in base.rows if r.file.endswith("mine_works.csv")]
    assert len(rows) > 150
    for row in rows:
        assert row.unit and row.source and row.status in ("found", "verify", "derived"), row


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "message"),
    [
        ("mine_carbon.csv", 3, "high", "abc", "row 3, column 'high': 'abc' is not a number"),
        ("mine_carbon.csv", 3, "low", "260", "row 3, column 'value': 250 outside low-high 260-350"),
        ("mine_land.csv", 2, "value", "", "row 2, column 'value': value is missing"),
        ("mine_works.csv", 2, "low", "-1", "row 2, column 'low': -1 is not a finite number >= 0"),
        (
            "mine_carbon.csv",
            3,
            "zone",
            "tropical",
            "row 3, column 'zone': unknown 'tropical' (allowed: all, humid, semi-arid, cold-arid)",
        ),
    ],
)
def test_bad_mine_data_names_file_row_and_column(data_copy, file, row, column, value, message):
    assert load_error(data_copy, file, row, column, value) == f"china/{file}: {message}"


def test_uncovered_cell_is_an_error(data_copy):
    error = load_error(data_copy, "mine_carbon.csv", 3, "parameter", "cr_rate")  # cr_max lost
    assert "parameter 'cr_max' has no value for zone humid" in error


# --- per-hectare curves and the cohort convolution ------------------------------------------


def test_one_hectare_of_humid_artificial_forest_by_hand(data):
    """1 ha restored artificially as forest in the humid zone in 2025.

    Data: CR max 250 t dm/ha, rate 0.099/yr, shape 3 (IPCC 2019 Table 4.10: 8.0 t dm/ha/yr over
    20 yr); root:shoot 0.24; C fraction 0.47; survival 0.90; soil 1.2 t C/ha/yr for 30 yr.
    Stock (t CO2/ha) at age a:
      biomass = 0.9 x 250 (1 - e^(-0.099 a))^3 x 1.24 x 0.47 x 44/12
      soil    = 0.9 x 1.2 x min(a, 30) x 44/12
    2035 (a = 10): 250 x 0.628423^3 = 62.044 t dm -> 119.325 + 39.600 = 158.925 t CO2
    2060 (a = 35): 250 x 0.968727^3 = 227.27 t dm -> 437.097 + 118.800 = 555.897 t CO2
    """
    z, g = md.ZONES.index("humid"), md.GRADES.index("important")
    pair = md.PAIRS.index(("artificial", "forest"))
    eco = np.zeros((3, 3, YEARS.size, 1))  # (grade, zone, year, sample)
    eco[g, z, YEARS == 2025, 0] = 1e-6  # Mha
    shares = np.zeros((3, len(md.PAIRS), 1))
    shares[g, pair, 0] = 1.0
    ops = mc.operators(data, YEARS.size)
    out = mc.cohort_sinks(eco, np.zeros_like(eco), shares, ops)
    stock_biomass = np.cumsum(out["biomass"][:, 0]) * 1e6  # t CO2 on the hectare
    stock_soil = np.cumsum(out["soil"][:, 0]) * 1e6
    at = {y: int(np.searchsorted(YEARS, y)) for y in (2025, 2035, 2060)}
    assert stock_biomass[at[2025]] == 0 and stock_soil[at[2025]] == 0
    assert stock_biomass[at[2035]] == pytest.approx(119.3247, abs=1e-3)
    assert stock_soil[at[2035]] == pytest.approx(39.600, abs=1e-9)
    assert stock_biomass[at[2060]] == pytest.approx(437.0969, abs=1e-3)
    assert stock_soil[at[2060]] == pytest.approx(118.800, abs=1e-9)
    # the same through every breakdown: zone, grade and land use
    total = (stock_biomass + stock_soil)[at[2060]]
    assert total == pytest.approx(555.897, abs=1e-3)
    assert np.cumsum(out["zone"][z, :, 0])[at[2060]] * 1e6 == pytest.approx(total)
    assert np.cumsum(out["grade"][g, :, 0])[at[2060]] * 1e6 == pytest.approx(total)
    assert np.cumsum(out["pair"][pair, :, 0])[at[2060]] * 1e6 == pytest.approx(total)


def test_matrix_convolution_equals_a_loop_over_cohorts(data):
    rng = np.random.default_rng(3)
    eco = rng.uniform(0, 0.01, (2, 3, 3, YEARS.size))
    pv = rng.uniform(0, 0.001, (2, 3, 3, YEARS.size))
    shares = mr.pair_shares(random_lever_sets(2, seed=4))
    out = mc.cohort_sinks(  # time-major: (grade, zone, year, sample)
        eco.transpose(1, 2, 3, 0),
        pv.transpose(1, 2, 3, 0),
        shares.transpose(1, 2, 0),
        mc.operators(data, YEARS.size),
    )
    out = {k: np.moveaxis(a, -1, -2) for k, a in out.items()}  # samples before years
    stock = mc.stock_per_hectare(data, np.arange(YEARS.size)).sum(axis=2)  # (Z, P, age)
    expected = np.zeros((2, YEARS.size))
    for s in range(2):
        for g in range(3):
            for z in range(3):
                for tau in range(YEARS.size):  # one cohort at a time
                    ages = np.arange(YEARS.size) - tau
                    for j in range(len(md.PAIRS)):
                        area = (
                            pv[s, g, z, tau]
                            if j == md.PV_PAIR
                            else eco[s, g, z, tau] * shares[s, g, j]
                        )
                        curve = np.where(ages >= 0, stock[z, j, np.clip(ages, 0, None)], 0.0)
                        expected[s] += area * np.diff(curve, prepend=0.0)
    np.testing.assert_allclose(out["biomass"] + out["soil"], expected, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(out["grade"].sum(axis=0), expected, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(out["zone"].sum(axis=0), expected, rtol=1e-10, atol=1e-14)


def test_soil_from_step_kernels_equals_the_soil_products(data):
    """The soil sink from cumulative areas (the soil kernels are steps) equals the Toeplitz
    products it replaces, row by row, for a block of samples with every cohort type."""
    import dataclasses

    rng = np.random.default_rng(8)
    n, samples = YEARS.size - 5, 70
    ops = mc.operators(data, n)
    assert ops.soil_steps is not None and len(ops.soil_steps) <= 6
    eco = rng.uniform(0, 0.01, (3, n, 3, samples))
    pv = rng.uniform(0, 0.001, (3, n, 3, samples))
    pv[0] = 0.0
    weights = np.ascontiguousarray(
        mr.pair_shares(random_lever_sets(samples, seed=9)).transpose(1, 2, 0)
    )
    steps = mc.sinks(eco, pv, weights, ops)[0]
    products = mc.sinks(eco, pv, weights, dataclasses.replace(ops, soil_steps=None))[0]
    np.testing.assert_allclose(steps, products, rtol=1e-12, atol=1e-15)


def test_soil_steps_convolve_and_refuse_kernels_that_are_not_steps():
    ages = np.arange(30.0)
    stock = 0.7 * np.minimum(ages, 12.0) - 0.2 * np.clip(ages - 12.0, 0.0, 6.0)
    kernel = np.diff(stock, prepend=0.0)  # +0.7 from age 1, -0.2 from 13, 0 from 19
    heights, summing = mc.soil_steps(kernel[None, :])
    assert heights.shape == (3, 1) and summing.shape == (30, 90)
    x = np.random.default_rng(2).uniform(0, 1, 30)
    expected = [sum(kernel[a] * x[t - a] for a in range(t + 1)) for t in range(30)]
    by_step = (x[:, None] * heights[:, 0]).reshape(-1)  # (year, step)
    np.testing.assert_allclose(summing @ by_step, expected, rtol=1e-12, atol=1e-14)
    smooth = np.diff(1 - np.exp(-0.1 * ages), prepend=0.0)[None, :]
    assert mc.soil_steps(smooth) is None


def test_cold_arid_hectare_sequesters_less_than_humid(data):
    stock = mc.stock_per_hectare(data, np.array([10.0, 20.0, 40.0])).sum(axis=2)  # (Z, P, 3)
    humid, cold = md.ZONES.index("humid"), md.ZONES.index("cold-arid")
    assert np.all(stock[cold] < stock[humid])


def test_natural_restoration_costs_and_emits_less(data):
    works, cost = mc.works_per_hectare(data), mc.cost_per_hectare(data)
    for landuse in md.ECOLOGICAL:
        nat = md.PAIRS.index(("natural", landuse))
        art = md.PAIRS.index(("artificial", landuse))
        assert np.all(works[:, nat] < works[:, art]), landuse
        assert np.all(cost[:, nat] < cost[:, art]), landuse
    # and in the model: more natural recovery, lower works emissions and cost
    names = list(mr.NATURAL_LEVERS)
    r = model.run([{n: 0.0 for n in names}, {n: 100.0 for n in names}])
    after = YEARS >= 2025
    assert np.all(r[WORKS][1, after] < r[WORKS][0, after])
    assert np.all(r["Cost|Mine Restoration"][1, after] < r["Cost|Mine Restoration"][0, after])


def test_works_emissions_are_activity_times_factors(data):
    """Humid artificial forest: 900 L diesel x 2.68 + 14,000 t km x 0.10 + 100 kg N x 8 (kg CO2)."""
    z, j = md.ZONES.index("humid"), md.PAIRS.index(("artificial", "forest"))
    assert mc.works_per_hectare(data)[z, j] == pytest.approx((900 * 2.68 + 1400 + 800) / 1000)


# --- land accounting ------------------------------------------------------------------------


def test_area_is_conserved_and_nothing_negative(data):
    r = model.run(random_lever_sets(300, seed=11))
    restored, backlog = r["Land|Mine|Restored"], r["Land|Mine|Backlog"]
    damaged = (
        data.c("backlog_legacy_2020")
        + data.c("backlog_producing_2020")
        + np.cumsum(r["Land|Mine|Damage Rate"], axis=1)
    )
    assert np.all(restored <= damaged + 1e-12)
    np.testing.assert_allclose(restored + backlog, damaged, atol=1e-12)
    for name in ("Land|Mine|Restoration Rate", "Land|Mine|Damage Rate", "Land|Mine|Backlog", WORKS):
        assert np.all(r[name] >= -1e-15), name
    credited = r["Land|Mine|Restored|Carbon Credited"]
    assert np.all(credited <= restored + 1e-12)
    assert np.all(np.diff(credited, axis=1) >= -1e-15)
    assert np.all(r["Land|Mine|Restored|Natural"] <= restored + 1e-12)
    for variable in r.variables:
        assert np.all(np.isfinite(r[variable])), variable


def test_programme_stops_when_the_backlog_is_cleared():
    r = model.run({name: 300.0 for name in RATES})
    new = r["Land|Mine|Restoration Rate"][0]
    assert new[YEARS == 2026][0] >= 0.3 - 1e-12  # the lever, plus operators' reclamation
    # left: land still in mining use or waiting for the operator (about 0.1 Mha/yr x 5-10 yr)
    assert r.at("Land|Mine|Backlog", 2060)[0] < 0.7
    assert new[YEARS == 2060][0] < 0.15  # limited by the land released, not the lever


def test_less_coal_less_new_damage_and_the_sink_does_not_depend_on_coal():
    low_coal = {"power_nonfossil_share": 95.0, "power_nonfossil_share_year": 2040.0}
    r = model.run([{}, low_coal])
    assert r.at("Primary Energy|Coal", 2040)[1] < r.at("Primary Energy|Coal", 2040)[0]
    after = YEARS >= 2026
    assert np.all(r["Land|Mine|Damage Rate"][1, after] < r["Land|Mine|Damage Rate"][0, after])
    np.testing.assert_allclose(r[SINK][1], r[SINK][0], rtol=1e-12, atol=1e-12)
    assert np.all(r[WORKS][1] <= r[WORKS][0] + 1e-12)  # fewer works on less damaged land


def test_shorter_lag_restores_earlier_and_stores_more():
    r = model.run([{"mine_restoration_lag": 10.0}, {"mine_restoration_lag": 1.0}])
    assert np.all(r["Land|Mine|Restored"][1] >= r["Land|Mine|Restored"][0] - 1e-12)
    seq = r.indicators["mine_sequestration_2020_2060"]
    assert seq[1] > seq[0]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    lever=st.sampled_from(RATES[:2]),
    extra=st.floats(5.0, 150.0),
)
def test_raising_the_restoration_rate_never_lowers_cumulative_net_sequestration(seed, lever, extra):
    """Cohorts restored in 2025-2040 have 20+ years to grow: each is a net sink by 2060."""
    levers = {k: float(v[0]) for k, v in random_lever_sets(1, seed=seed).items()}
    more = levers | {lever: min(levers[lever] + extra, 300.0)}
    r = model.run([levers, more])
    seq = r.indicators["mine_sequestration_2020_2060"]
    assert seq[1] >= seq[0] - 1e-9


def test_mine_levers_do_not_change_history():
    r = model.run(random_lever_sets(50, seed=5))
    first = YEARS <= 2024
    for name in (SINK, WORKS, "Land|Mine|Restored", "Emissions|CO2"):
        np.testing.assert_allclose(r[name][:, first], np.broadcast_to(r[name][:1, first], (50, 5)))


# --- the shared model: net identity, PV and pumped storage ---------------------------------


def test_mine_sink_enters_net_emissions():
    mine = {n: 0.0 for n in RATES} | {"mine_restoration_rate_2025_2030": 200.0}
    r = model.run([{}, mine])
    delta_net = r["Emissions|CO2"][1] - r["Emissions|CO2"][0]
    delta_mine = mine_net(r)[1] - mine_net(r)[0]
    np.testing.assert_allclose(delta_net, -delta_mine, atol=1e-9)
    assert r["Emissions|CO2|Energy"][1] == pytest.approx(r["Emissions|CO2|Energy"][0])


def test_mine_land_pv_is_not_counted_twice():
    """Only the mine PV share of a fixed solar total changes: energy and its emissions stay put;
    net emissions change only by the grass carbon and works on the PV land."""
    r = model.run([{"mine_pv_capacity": 5.0}, {"mine_pv_capacity": 150.0}])
    for name in (
        "Secondary Energy|Electricity|Solar",
        "Capacity|Electricity|Solar",
        "Emissions|CO2|Energy",
        "Emissions|CO2|Energy and Industrial Processes",
    ):
        np.testing.assert_array_equal(r[name][0], r[name][1], err_msg=name)
    delta_net = r["Emissions|CO2"][1] - r["Emissions|CO2"][0]
    np.testing.assert_allclose(delta_net, -(mine_net(r)[1] - mine_net(r)[0]), atol=1e-9)
    assert r.at("Capacity|Electricity|Solar|Mine Land", 2060)[1] > 100
    assert np.all(r["Capacity|Electricity|Solar|Mine Land"] <= r["Capacity|Electricity|Solar"])
    pv = r["Secondary Energy|Electricity|Solar|Mine Land"]
    assert np.all(pv <= r["Secondary Energy|Electricity|Solar"] + 1e-12)
    # attribution: mine PV generation x the grid-average CO2 intensity of the year (released
    # power CO2 / generation), so it falls as the grid decarbonises
    i = int(np.searchsorted(YEARS, 2040))
    released = (
        r["Emissions|CO2|Energy|Supply|Electricity"][1, i]
        - r["Carbon Capture|Storage|Electricity"][1, i]
    )
    intensity = released / r["Secondary Energy|Electricity"][1, i]  # Mt per EJ
    assert r["Avoided Emissions|CO2|Mine Land PV"][1, i] == pytest.approx(pv[1, i] * intensity)
    per_kwh = r["Avoided Emissions|CO2|Mine Land PV"][1] / (pv[1] / 0.0036)  # kg/kWh
    assert per_kwh[YEARS == 2060][0] < per_kwh[YEARS == 2025][0] * 0.6


def test_pumped_storage_in_mines_is_real_storage_with_a_bounded_smooth_attribution():
    """1 GW shifts at most 1 GW x 1500 h = 1.5 TWh a year; the avoided CO2 (an attribution)
    is that energy x (displaced fossil intensity - charging mix / round-trip efficiency)."""
    case = {"power_nonfossil_share": 73.0, "mine_restoration_lag": 5.0}
    r = model.run([case | {"mine_pumped_storage": 0.0}, case | {"mine_pumped_storage": 1.0}])
    storage = r["Capacity|Electricity|Storage"]
    np.testing.assert_allclose(
        storage[1] - storage[0], r["Capacity|Electricity|Storage|Mine Pumped Hydro"][1]
    )
    avoided = r["Avoided Emissions|CO2|Mine Pumped Storage"]
    assert np.all(avoided[0] == 0)
    i = int(np.searchsorted(YEARS, 2060))
    gw = r["Capacity|Electricity|Storage|Mine Pumped Hydro"][1, i]
    assert gw == pytest.approx(1.0)
    shifted = 1.0 * 1500 / 1000  # TWh
    twh = {s: r[f"Secondary Energy|Electricity|{s}"][1, i] / 0.0036 for s in POWER}
    fossil = twh["Coal"] + twh["Gas"] + twh["Oil"]
    released = (
        r["Emissions|CO2|Energy|Supply|Electricity"][1, i]
        - r["Carbon Capture|Storage|Electricity"][1, i]
    )
    vre = (twh["Wind"] + twh["Solar"]) / sum(twh.values())
    expected = shifted * released / fossil * (1 - (1 - vre) / 0.78)
    assert avoided[1, i] == pytest.approx(expected)
    assert 0 < avoided[1, i] < shifted * 1.0  # below 1 Mt CO2 per TWh shifted
    assert np.all(np.abs(np.diff(avoided[1])) < 0.2)  # smooth: no jump from one year to the next


def test_indicators_and_units():
    r = model.run({})
    from pathways.indicators import INDICATOR_UNITS

    for key in mr.INDICATOR_UNITS:
        assert INDICATOR_UNITS[key] == mr.INDICATOR_UNITS[key]
        assert np.isfinite(r.indicators[key]).all()
    upto = YEARS <= 2060
    assert r.indicators["mine_sequestration_2020_2060"][0] == pytest.approx(
        mine_net(r)[0, upto].sum() / 1000
    )
    assert r.units["Cost|Mine Restoration"] == "billion CNY/yr"
    assert r.units["Land|Mine|Backlog"] == "Mha"
    assert r.units["Land|Mine|Restoration Rate"] == "Mha/yr"
    assert r.units[SINK] == "Mt CO2/yr"
    assert r.units["Capacity|Electricity|Storage|Mine Pumped Hydro"] == "GW"


def test_breakdowns_add_up():
    r = model.run(random_lever_sets(20, seed=9))
    total = r[SINK]
    for group in (
        ("Biomass", "Soil"),
        md.ZONE_LABELS,
        md.GRADE_LABELS,
        md.LANDUSE_LABELS,
    ):
        parts = sum(r[f"{SINK}|{label}"] for label in group)
        np.testing.assert_allclose(parts, total, rtol=1e-9, atol=1e-9, err_msg=str(group))


def test_presets_rank_mine_sequestration():
    seq = {
        p: model.run(scenario.complete(preset=p)).indicators["mine_sequestration_2020_2060"][0]
        for p in ("current-policies", "dual-carbon", "accelerated")
    }
    assert 0 < seq["current-policies"] < seq["dual-carbon"] < seq["accelerated"]


def test_shares_follow_the_grading_rule():
    """Defaults: extremely important 100 % natural and no cropland or PV; important 70 % and
    general 40 % natural on forest, shrub-grass and wetland; cropland always built."""
    cat = scenario.catalogue()
    shares = mr.pair_shares({name: np.array([lever.default]) for name, lever in cat.items()})[0]
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    crop, pv = md.PAIRS.index(("artificial", "cropland")), md.PV_PAIR
    assert shares[0, crop] == 0 and np.all(shares[:, pv] == 0)
    natural = [j for j, (a, _) in enumerate(md.PAIRS) if a == "natural"]
    eco = [j for j, (_, u) in enumerate(md.PAIRS) if u in md.ECOLOGICAL]
    for g, expected in enumerate((1.0, 0.7, 0.4)):
        assert shares[g, natural].sum() / shares[g, eco].sum() == pytest.approx(expected)
    # weights are normalised; all zero falls back to shrub-grass
    zero = {name: np.array([0.0]) for name in mr.MIX_LEVERS.values()}
    zero |= {name: np.array([50.0]) for name in mr.NATURAL_LEVERS}
    fallback = mr.pair_shares(zero)[0]
    shrub = [md.PAIRS.index((a, "shrub-grass")) for a in md.APPROACHES]
    np.testing.assert_allclose(fallback[:, shrub].sum(axis=1), 1.0)


def test_no_pv_in_extremely_important_zones_and_pv_land_matches_capacity(data):
    r = model.run([{}, {"mine_pv_capacity": 100.0, "mine_pv_capacity_year": 2040.0}])
    built = r.at("Capacity|Electricity|Solar|Mine Land", 2060)[1]
    assert built == pytest.approx(100.0)  # ample backlog: the lever is met
    land = (100.0 - 25.0) * data.c("pv_land_per_gw") / 1000  # Mha more than the default
    delta = r.at("Land|Mine|Restored", 2060)
    assert delta[1] - delta[0] == pytest.approx(land)
    assert r.at(f"{SINK}|PV with Grass", 2030)[1] > r.at(f"{SINK}|PV with Grass", 2030)[0]
    ei = f"{SINK}|Extremely Important"
    np.testing.assert_allclose(r[ei][1], r[ei][0], rtol=1e-12)


def test_current_policies_continue_history_without_a_jump(data):
    r = model.run({})
    new = r["Land|Mine|Restoration Rate"][0]
    assert new[YEARS == 2024][0] == pytest.approx(data.c("restoration_rate_2021_2024") / 1000)
    assert scenario.catalogue()["mine_restoration_lag"].default == data.c("closure_lag_2020")


def test_restored_area_by_zone_and_by_grade_adds_up_to_the_total():
    r = model.run([scenario.complete(preset=p) for p in scenario.list_presets()])
    total = r["Land|Mine|Restored"]
    zones = sum(r[f"Land|Mine|Restored|{z}"] for z in ("Humid", "Semi-Arid", "Cold-Arid"))
    grades = sum(
        r[f"Land|Mine|Restored|{g}"] for g in ("Extremely Important", "Important", "General")
    )
    np.testing.assert_allclose(zones, total, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(grades, total, rtol=1e-9, atol=1e-12)
    assert total[:, -1].min() > 1.0  # Mha restored by 2060 in every preset


def test_restored_area_splits_into_programme_and_operators_which_explain_the_cost_steps():
    """Cost follows the area restored; the yearly area steps up in 2026 and 2031 and down in
    2046 with every rate lever unchanged because the operators' reclamation starts (producing
    land released from 2020 + the 5-year lag), adds the new damage (5 years of use + lag) and
    ends with the 20-year release of the 2020 producing land."""
    r = model.run(scenario.defaults())
    new = r["Land|Mine|Restoration Rate"][0]
    operators = r["Land|Mine|Restoration Rate|Operators"][0]
    programme = r["Land|Mine|Restoration Rate|Programme"][0]
    np.testing.assert_allclose(operators + programme, new, atol=1e-12)
    assert r.units["Land|Mine|Restoration Rate|Operators"] == "Mha/yr"
    at = {int(y): i for i, y in enumerate(YEARS)}
    assert np.all(operators[: at[2025] + 1] == 0)
    assert operators[at[2026]] > 0.02  # Mha/yr: the first producing land after the lag
    assert operators[at[2031]] > operators[at[2030]] + 0.02  # new damage joins
    assert operators[at[2046]] < operators[at[2045]] - 0.02  # 2020 producing land done
    # programme at the rate levers (45 kha/yr) plus the land mine PV needs
    assert programme[at[2050]] * 1000 == pytest.approx(45.0, rel=0.01)
    cost_per_ha = r["Cost|Mine Restoration"][0][1:] / new[1:]  # bn CNY per Mha
    assert cost_per_ha.max() < 1.15 * cost_per_ha.min()  # the steps are area, not price


def test_restoration_page_explains_cost_steps_and_the_attribution():
    from pathways.ui.restoration_page import cost_note
    from tests.conftest import open_app

    result = model.run(scenario.complete(preset="current-policies"))
    note = cost_note(result, "en")
    # the steps named are the years the operators' reclamation area jumps (hand-checked: the
    # producing land released from 2020 arrives after the 5-year lag in 2026, post-2020 damage
    # from 2031, the 20-year release ends in 2046)
    assert "2026, 2031, 2046" in note and "thousand CNY/ha" in note
    assert "2026、2031、2046" in cost_note(result, "zh")
    at = open_app()
    at.switch_page("pathways/ui/pages/restoration.py").run()
    captions = " ".join(c.value for c in at.caption)
    assert "2026, 2031, 2046" in captions and "Attribution, not a sink" in captions
