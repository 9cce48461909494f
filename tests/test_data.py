"""Data loading validates every row; the lever catalogue is complete and consistent."""

from __future__ import annotations

import pytest

from pathways import scenario
from pathways.data import DataError, sources_table
from pathways.region import load_region
from tests.conftest import load_error


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "row 3, column 'value': value is missing"),
        ("-5", "row 3, column 'value': -5.0 is negative"),
        ("lots", "row 3, column 'value': 'lots' is not a number"),
        ("nan", "row 3, column 'value': 'nan' is not a finite number"),
    ],
)
def test_bad_value_names_file_row_and_column(data_copy, value, message):
    error = load_error(data_copy, "final_energy.csv", 3, "value", value)
    assert error == f"china/final_energy.csv: {message}"


def test_missing_unit_or_source_is_an_error(data_copy):
    error = load_error(data_copy, "power.csv", 4, "source", " ")
    assert "power.csv: row 4, column 'source': value is missing" in error


def test_missing_file_and_unknown_region(data_copy):
    (data_copy / "china" / "paths.csv").unlink()
    load_region.cache_clear()
    with pytest.raises(DataError, match="paths.csv: file not found"):
        load_region("china", data_copy)
    with pytest.raises(DataError, match="unknown region 'mars'"):
        load_region("mars", data_copy)
    load_region.cache_clear()


def test_every_data_row_has_unit_and_source():
    rows = sources_table(load_region("china"))
    assert len(rows) > 100
    for row in rows:
        assert row["unit"].strip() and row["source"].strip(), row


def test_catalogue_is_consistent():
    cat = scenario.catalogue()
    assert len(cat) >= 40
    for name, lever in cat.items():
        assert lever.min <= lever.default <= lever.max, name
        assert lever.step > 0 and lever.unit, name
        assert lever.label_en and lever.label_zh and lever.help_en and lever.help_zh, name
        assert lever.module in scenario.MODULE_ORDER, name
        if lever.kind == "target":
            assert cat[lever.pair].kind == "year" and cat[lever.pair].pair == name
            assert lever.ramp in ("linear", "scurve"), name
    modules = {lv.module for lv in cat.values()}
    assert {"energy_mix", "efficiency", "lifestyle", "sinks"} <= modules


def test_every_lever_default_names_what_it_is_based_on():
    """data/levers.csv `source`: a statistic, a plan target, a study, or "assumption: ..." (issue 11)."""
    for name, lever in scenario.catalogue().items():
        assert lever.source.strip(), name
        assert len(lever.source) >= 20, name  # a phrase, not a placeholder
    kinds = [lv.source.split(":")[0] for lv in scenario.catalogue().values()]
    assert kinds.count("assumption") < len(kinds)  # some defaults rest on more than assumption


def test_validate_and_check_value():
    assert scenario.validate({"dac": "20"}) == {"dac": 20.0}
    with pytest.raises(scenario.ScenarioError, match="did you mean"):
        scenario.validate({"nuclear": 1})
    with pytest.raises(scenario.ScenarioError, match="not a number"):
        scenario.validate({"dac": True})
    # the one lever-value check: exact values, or a problem with a code and a nearest value
    assert scenario.check_value("nuclear_capacity", 123.456) == 123.456
    assert scenario.check_value("dac", 1.0) == 1.0
    assert scenario.check_value("dac", "-0") == 0.0
    too_big = scenario.check_value("dac", 9999)
    assert (too_big.code, too_big.nearest) == ("out_of_range", 500.0)
    huge = scenario.check_value("dac", 10**5000)
    assert (huge.code, huge.nearest, huge.params["value"]) == (
        "out_of_range",
        500.0,
        "<5001-digit integer>",
    )
    assert scenario.check_value("dac", "9" * 5000).code == "out_of_range"
    year = scenario.check_value("ccus_capacity_year", 2041.4)
    assert (year.code, year.nearest) == ("not_whole_year", 2041.0)
    assert scenario.check_value("zzz", 1).code == "unknown_lever"
    for bad in ("nan", "inf", "1_000", "0x10", "", None, float("nan"), [1]):
        assert scenario.check_value("dac", bad).code == "not_a_number", bad
    assert "超出范围" in too_big.message("zh")
