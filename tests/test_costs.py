"""System cost (pathways/modules/costs.py, data/china/costs.csv): hand calculations, data
validation, the cost per tonne avoided."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import model, scenario
from pathways.data import DataError
from pathways.modules import costs
from pathways.region import load_region
from tests.conftest import load_error

YEARS = np.arange(2020, 2061)


def col(year: int) -> int:
    return year - 2020


def test_gross_additions_by_hand():
    stock = np.array([[10.0, 12.0, 12.0, 11.0]])
    # growth (first year takes the second's) + replacement of last year's stock / 10
    expected = [2 + 1.0, 2 + 1.0, 0 + 1.2, 0 + 1.2]
    np.testing.assert_allclose(costs.gross_additions(stock, 10.0)[0], expected)
    np.testing.assert_allclose(costs.gross_additions(stock, None)[0], [2, 2, 0, 0])


def test_learning_factor_by_hand():
    stock = np.array([[100.0, 200.0, 400.0, 300.0]])
    # 20% per doubling; the stock falling back does not raise the cost again
    np.testing.assert_allclose(costs.learning_factor(stock, 20.0)[0], [1, 0.8, 0.64, 0.64])


def test_discount_factors_by_hand():
    f = costs.discount_factors(np.array([2020, 2021, 2030]), 8.0)[0]
    np.testing.assert_allclose(f, [1, 1 / 1.08, 1 / 1.08**10])


def test_dac_investment_and_operation_by_hand():
    """200 Mt/yr of DAC by 2060: investment and operating cost of one year against the rows
    of costs.csv (14,000 CNY per t/yr in 2025, 5,500 in 2050, linear; 25-year life; operation
    700 -> 250 CNY/t; transport and storage 150 CNY/t in 2030, 110 in 2060)."""
    r = model.run([{"dac": 0.0}, {"dac": 200.0}])
    dac = r["Carbon Removal|Direct Air Capture"][1]
    d39, d40 = dac[col(2039)], dac[col(2040)]
    assert d40 > d39 > 0
    unit_2040 = 14000 + (5500 - 14000) * 15 / 25  # 8,900 CNY per t/yr
    invest = unit_2040 * ((d40 - d39) + d39 / 25) / 1000  # Mt x CNY/t / 1000 = billion CNY
    assert r["Investment|Carbon Removal|Direct Air Capture"][1, col(2040)] == pytest.approx(invest)
    assert r["Investment|Carbon Removal|Direct Air Capture"][0].max() == 0
    operation_2040 = 700 + (250 - 700) * 15 / 25
    storage_2040 = 150 + (110 - 150) * 10 / 30
    extra = (
        r["Cost|Operation and Maintenance|Carbon Management"][1, col(2040)]
        - r["Cost|Operation and Maintenance|Carbon Management"][0, col(2040)]
    )
    # DAC's own operation and storage; capture in power and industry is the same in both runs
    for name in ("Carbon Capture|Storage|Electricity", "Carbon Capture|Storage|Industry"):
        assert r[name][1, col(2040)] == pytest.approx(r[name][0, col(2040)])
    assert extra == pytest.approx(d40 * (operation_2040 + storage_2040) / 1000)


def test_fuel_cost_and_solar_investment_by_hand():
    r = model.run(scenario.complete(preset="current-policies"))
    # coal 25 CNY/GJ x EJ = billion CNY
    np.testing.assert_allclose(r["Cost|Fuel|Coal"][0], 25 * r["Primary Energy|Coal"][0])
    solar = r["Capacity|Electricity|Solar"][0]
    i = col(2030)
    factor = (max(solar[: i + 1]) / solar[0]) ** np.log2(1 - 0.24)  # learning, 24%/doubling
    additions = max(solar[i] - solar[i - 1], 0) + solar[i - 1] / 25
    expected = 3990 * factor * additions / 1000
    assert r["Investment|Electricity|Solar"][0, i] == pytest.approx(expected)


def test_system_cost_is_the_sum_of_its_parts_and_discounted_at_8_percent():
    r = model.run(scenario.complete(preset="dual-carbon"))
    parts = (r["Investment"] + r["Cost|Operation and Maintenance"] + r["Cost|Fuel"]) + r[
        "Cost|Mine Restoration"
    ]
    np.testing.assert_allclose(r["Cost|System"], parts)
    discounted = r["Cost|System"][0] * 1.08 ** -(YEARS - 2020.0)
    np.testing.assert_allclose(r["Discounted Cost|System"][0], discounted)
    assert r.indicators["system_cost_2020_2060"][0] == pytest.approx(discounted.sum())
    assert r.units["Cost|System"] == "billion CNY/yr"


def test_per_tonne_avoided_by_hand():
    base = model.run(scenario.complete(preset="current-policies"))
    r = model.run(scenario.complete(preset="dual-carbon"))
    cost = r.indicators["system_cost_2020_2060"][0] - base.indicators["system_cost_2020_2060"][0]
    avoided = base.indicators["cumulative_2020_2060"][0] - r.indicators["cumulative_2020_2060"][0]
    assert costs.per_tonne_avoided(r, base)[0] == pytest.approx(cost / avoided)
    assert np.isnan(costs.per_tonne_avoided(base, base)[0])
    # another discount rate: recomputed from the annual costs
    at_3 = costs.discounted_total(r, 3.0)[0]
    assert at_3 == pytest.approx((r["Cost|System"][0] * 1.03 ** -(YEARS - 2020.0)).sum())


def test_costs_rows_are_in_the_sources_table():
    rows = [row for row in load_region("china").rows if row.file == "china/costs.csv"]
    assert len(rows) > 40
    assert all(row.status in ("found", "derived", "verify") for row in rows)
    assert all(row.source for row in rows)


@pytest.mark.parametrize(
    "column, value, message",
    [
        (
            "unit",
            "CNY/W",
            "row 2, column 'unit': 'CNY/W' for solar/all investment, expected 'CNY/kW'",
        ),
        ("item", "fusion", "row 2, column 'item': unknown item/route 'fusion/all'"),
        (
            "parameter",
            "price",
            "row 2, column 'parameter': 'price' is not a parameter of solar/all",
        ),
        ("currency", "USD", "row 2, column 'currency': 'USD', expected 'CNY2020'"),
        ("year", "2020.5", "row 2, column 'year': '2020.5' is not a whole year"),
        ("value", "-1", "row 2, column 'value': -1.0 is negative"),
    ],
)
def test_a_malformed_cost_row_names_file_row_and_column(data_copy, column, value, message):
    error = load_error(data_copy, "costs.csv", 2, column, value)
    assert error.startswith("china/costs.csv: ")
    assert message in error


def test_a_required_cost_is_named_when_missing(data_copy):
    path = data_copy / "china" / "costs.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(line for line in lines if not line.startswith("economy,")) + "\n",
        encoding="utf-8",
    )
    load_region.cache_clear()
    try:
        with pytest.raises(DataError, match="no row for economy/all discount_rate"):
            load_region("china", data_copy)
    finally:
        load_region.cache_clear()


def test_a_region_without_costs_reports_none(data_copy):
    (data_copy / "china" / "costs.csv").unlink()
    load_region.cache_clear()
    try:
        base = load_region("china", data_copy)
        r = model.run({}, base=base)
    finally:
        load_region.cache_clear()
    assert "Cost|System" not in r.variables
    assert "system_cost_2020_2060" not in r.indicators
    assert r["Emissions|CO2"].shape == (1, 41)
