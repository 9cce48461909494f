"""Scenario comparison: tables, contributions, restoration side by side, CSV download."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pathways import compare, i18n, model, scenario
from pathways.compare import CompareError, Entry
from pathways.store import Store, StoreError
from pathways.ui.i18n import label as display_label
from tests.conftest import open_app


@pytest.fixture(scope="module")
def cmp():
    entries = [
        Entry(p, scenario.complete(preset=p), source="preset") for p in scenario.list_presets()
    ]
    entries.append(Entry("=cmd|'/C calc'!A0", scenario.complete({"dac": 300}), source="saved"))
    return compare.compare(entries)


def test_compare_needs_two_to_four_scenarios():
    one = Entry("a", scenario.defaults())
    with pytest.raises(CompareError):
        compare.compare([one])
    with pytest.raises(CompareError):
        compare.compare([one] * 5)


def test_compare_results_match_single_runs(cmp):
    for entry, result in zip(cmp.entries, cmp.results, strict=True):
        single = model.run(entry.levers)
        np.testing.assert_allclose(result["Emissions|CO2"], single["Emissions|CO2"], rtol=1e-12)


def test_compare_repeated_labels_are_made_unique():
    same = [Entry("Mine", scenario.defaults()), Entry("Mine", scenario.defaults())]
    assert compare.compare(same, contributions=False).labels == ["Mine", "Mine (2)"]


def test_compare_indicator_table_differences(cmp):
    table = compare.indicator_table(cmp).set_index("indicator")
    first, second = cmp.labels[0], cmp.labels[1]
    assert table.loc["net_2060", f"Δ {second}"] == pytest.approx(
        table.loc["net_2060", second] - table.loc["net_2060", first]
    )
    assert table.loc["cumulative_2020_2060", "unit"] == "Gt CO2"


def test_compare_contributions_add_up_to_the_reduction(cmp):
    table = compare.contribution_table(cmp).set_index("path")
    for label, result in zip(cmp.labels, cmp.results, strict=True):
        assert table.drop(index="total")[label].sum() == pytest.approx(table.loc["total", label])
        baseline = model.run(scenario.defaults())["Emissions|CO2"][0]
        expected = (baseline - result["Emissions|CO2"][0])[cmp.years <= 2060].sum() / 1000
        assert table.loc["total", label] == pytest.approx(expected, abs=1e-6)
        assert "restoration" in table.index


def test_compare_restoration_side_by_side(cmp):
    table = compare.restoration_table(cmp)
    if not cmp.has_restoration:
        assert table.empty
        return
    assert set(cmp.labels) <= set(table.columns)
    assert "resto_seq_cumulative" in set(table["item"])


def test_compare_csv_is_complete_and_formula_safe(cmp):
    text = compare.to_csv(cmp)
    rows = list(csv.DictReader(io.StringIO(text)))
    sections = {r["section"] for r in rows}
    assert {"trajectory", "indicator", "contribution_2020_2060"} <= sections
    scenarios = {r["scenario"] for r in rows}
    assert "'=cmd|'/C calc'!A0" in scenarios  # neutralised: a text cell, never a formula
    assert not any(r["scenario"].startswith(("=", "+", "-", "@")) for r in rows)
    net = [r for r in rows if r["section"] == "trajectory" and r["year"] == "2060"]
    assert len(net) == len(cmp.labels)
    assert any(float(r["value"]) < 0 for r in rows if r["section"] == "trajectory")  # numbers


def test_compare_lever_differences(cmp):
    diff = compare.lever_differences(cmp)
    assert "dac" in set(diff["lever"]) and "power_nonfossil_share" in set(diff["lever"])


# --- the Compare page (AppTest) -----------------------------------------------------------

COMPARE_PAGE = "pathways/ui/pages/compare.py"


def _compare_page(**params: str) -> AppTest:
    at = open_app(**params)
    at.switch_page(COMPARE_PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_compare_page_default_shows_everything(data_dir):
    at = _compare_page(dac="300")
    pick = at.multiselect(key="cmp_pick.en")
    assert pick.value == ["current", "preset:current-policies", "preset:dual-carbon"]
    assert not at.error
    charts = at.get("plotly_chart")
    assert len(charts) >= 2  # net overlay + contributions (+ restoration with the module on)
    assert len(at.dataframe) >= 2
    indicators = at.dataframe[0].value
    assert "Δ Current policies" in indicators.columns or any(
        c.startswith("Δ ") for c in indicators.columns
    )
    assert at.get("download_button")


def test_compare_page_with_saved_scenarios_and_limits(data_dir):
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    saved = lib.save("=Team plan", {"ccus_capacity": 1500}, preset="dual-carbon")
    at = _compare_page()
    pick = at.multiselect(key="cmp_pick.en")
    assert f"saved:{saved.id}" in pick.options or any("Team plan" in o for o in pick.options)
    pick.set_value(["preset:accelerated", f"saved:{saved.id}"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "=Team plan" in table.columns  # shown as typed on screen
    pick = at.multiselect(key="cmp_pick.en")
    pick.set_value(["preset:accelerated"]).run()
    assert any("at least two" in i.value for i in at.info)
    lib.close()


def test_compare_page_in_chinese(data_dir):
    at = _compare_page(lang="zh")
    assert any("情景对比" in t.value for t in at.title)
    assert not at.exception


def test_compare_in_chinese_uses_chinese_units_and_words(data_dir):
    at = _compare_page(lang="zh", preset="dual-carbon", dac="300")
    assert not at.exception
    text = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    for english in ("never", "Mt CO2/yr", "Gt CO2", "Mha", "billion CNY", "GW"):
        assert english not in text, english
    assert "亿吨CO2/年" in text and "亿吨CO2" in text
    indicators = at.dataframe[0].value
    # 2060 net CO2 of the current-policies column in 亿吨 (= Mt / 100)
    reference = model.run(scenario.complete(preset="current-policies")).indicators["net_2060"][0]
    column = next(c for c in indicators.columns if "现行政策" in c and not c.startswith("Δ"))
    row = indicators.index[indicators.iloc[:, 0] == display_label("net_2060", "zh")][0]
    assert float(indicators.loc[row, column].replace(",", "")) == pytest.approx(
        reference / 100, abs=0.051
    )


def test_the_on_screen_scenario_is_named_not_confused_with_a_preset(data_dir):
    at = _compare_page(preset="dual-carbon", dac="300")
    pick = at.multiselect(key="cmp_pick.en")
    assert "Your scenario: Dual-carbon targets (modified: 1)" in pick.options
    columns = list(at.dataframe[0].value.columns)
    assert "Dual-carbon targets (modified: 1)" in columns and "Current scenario" not in columns
    levers = at.dataframe[-1].value
    assert list(levers.columns[:2]) == ["Item", "Unit"]
    assert "Mt CO2/yr" in set(levers["Unit"])  # the DAC lever's unit


def test_saving_a_taken_name_is_refused_with_a_message(data_dir):
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    lib.save("Plan A", {"dac": 100})
    with pytest.raises(StoreError) as info:
        lib.save("Plan A", {"dac": 200})
    assert info.value.key == "name_taken" and "Plan A" in i18n.message(info.value, "en")
    assert "已有" in i18n.message(info.value, "zh")
    other = lib.save("Plan B", {})
    with pytest.raises(StoreError):
        lib.rename(other.id, "Plan A")
    assert [r.name for r in lib.list()] == ["Plan B", "Plan A"]  # nothing lost or changed
    lib.close()
