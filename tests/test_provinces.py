"""Provinces (issue 17): Inner Mongolia (CN-NM) and Shanxi (CN-SX) on hand-read statistics, the
other 28 CEADs provinces on one table of inputs (data/provinces/province_inputs.csv) and
documented derivations (scripts/provinces_data.py).

Their data reproduce the CEADs 2019 inventory by sector group, carry explicit power exports, run
under every preset offered for them with physically sensible results, and every data row has a
unit, a source and a status. The CEADs rows are the copy in data/provinces/ceads_2019.csv
(Guan et al. 2021, Earth's Future 9:e2021EF002241; Shan et al. 2020, Scientific Data 7:54).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from pathways import model, scenario
from pathways.data import (
    DATA_DIR,
    DataError,
    is_province,
    list_regions,
    region_name,
    region_root,
)
from pathways.region import load_region

PROVINCES = ("CN-NM", "CN-SX")  # the two with hand-read statistics and their own presets
# the 30 provinces of the CEADs inventory (no Tibet, Hong Kong, Macao, Taiwan), by ISO code
ALL_PROVINCES = (
    "CN-AH",
    "CN-BJ",
    "CN-CQ",
    "CN-FJ",
    "CN-GD",
    "CN-GS",
    "CN-GX",
    "CN-GZ",
    "CN-HA",
    "CN-HB",
    "CN-HE",
    "CN-HI",
    "CN-HL",
    "CN-HN",
    "CN-JL",
    "CN-JS",
    "CN-JX",
    "CN-LN",
    "CN-NM",
    "CN-NX",
    "CN-QH",
    "CN-SC",
    "CN-SD",
    "CN-SH",
    "CN-SN",
    "CN-SX",
    "CN-TJ",
    "CN-XJ",
    "CN-YN",
    "CN-ZJ",
)
CEADS = DATA_DIR / "provinces" / "ceads_2019.csv"
STATUSES = {"found", "derived", "verify"}


def ceads_2019() -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = defaultdict(float)
    with CEADS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[(row["region"], row["sector_group"])] += float(row["value"])
    return out


@pytest.fixture(scope="module")
def province_results():
    return {
        (region, preset): model.run(scenario.complete(preset=preset, region=region), region=region)
        for region in PROVINCES
        for preset in scenario.list_presets(region)
    }


def test_regions_are_the_nation_then_the_provinces():
    assert list_regions() == ["china", *ALL_PROVINCES]
    assert region_name("CN-GD") == "Guangdong" and region_name("CN-GD", "zh") == "广东省"
    assert region_root("CN-NM") == DATA_DIR / "provinces" / "CN-NM"
    assert region_root("china") == DATA_DIR / "china"
    assert is_province("CN-SX") and not is_province("china")
    assert region_name("CN-NM") == "Inner Mongolia" and region_name("CN-NM", "zh") == "内蒙古自治区"
    assert region_name("CN-SX", "zh") == "山西省" and region_name("china") == "China"
    for bad in ("../china", "provinces", "CN-XX", "", "a/b"):
        with pytest.raises(DataError, match="unknown region"):
            region_root(bad)


@pytest.mark.parametrize("region", ALL_PROVINCES)
def test_2019_emissions_by_sector_group_reproduce_ceads(region):
    """The model's base year (2020) is CEADs 2019 carried by one documented factor (the
    province's energy-consumption growth 2019-2020): divided by it, every sector group is the
    inventory's within 1 %."""
    base = load_region(region)
    carry = base.s("inventory_carry_2019_2020")
    v = model.run(scenario.complete(region=region), region=region).variables

    def y2019(*names: str) -> float:
        return sum(float(v[n][0, 0]) for n in names) / carry

    modelled = {
        "power_heat": y2019("Emissions|CO2|Energy|Supply"),
        # CEADs counts cement process CO2 only: the model's other process CO2 (lime, glass) is
        # outside its scope
        "industry": y2019(
            "Emissions|CO2|Energy|Demand|Industry", "Emissions|CO2|Industrial Processes|Cement"
        ),
        "transport": y2019("Emissions|CO2|Energy|Demand|Transportation"),
        "buildings_services": y2019("Emissions|CO2|Energy|Demand|Residential and Commercial"),
        "agriculture_construction": y2019("Emissions|CO2|Energy|Demand|Other Sector"),
    }
    inventory = ceads_2019()
    expected = {g: inventory[(region, g)] for g in modelled if g in ("power_heat", "industry")}
    for g in ("transport", "buildings_services"):
        expected[g] = inventory[(region, g)]
    expected["agriculture_construction"] = (
        inventory[(region, "agriculture")] + inventory[(region, "construction")]
    )
    for group, value in expected.items():
        assert modelled[group] == pytest.approx(value, rel=0.01), group
    total = sum(inventory[(region, g)] for (r, g) in list(inventory) if r == region)
    assert sum(modelled.values()) == pytest.approx(total, rel=0.01)


@pytest.mark.parametrize("region", ALL_PROVINCES)
def test_every_province_runs_under_current_policies(region):
    """Finite results, no negative energy, exports within generation, and the power-plant coal
    factor that makes power and heat match CEADs computed and documented in its data."""
    base = load_region(region)
    result = model.run(scenario.complete(region=region), region=region)
    v = result.variables
    for name, values in v.items():
        assert np.all(np.isfinite(values)), name
        if name.startswith(("Final Energy", "Primary Energy", "Secondary Energy", "Capacity")):
            assert values.min() >= -1e-9, name
    for name, values in result.indicators.items():
        if name != "net_zero_year":  # NaN: not reached by the horizon
            assert np.all(np.isfinite(values)), name
    exported = v["Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"][0]
    assert np.all(exported >= 0) and np.all(
        exported <= v["Emissions|CO2|Energy|Supply|Electricity"][0] + 1e-9
    )
    k = base.s("coal_ef_factor_power_heat")
    assert 0.2 < k < 2.0
    row = next(r for r in base.rows if r.keys.get("name") == "coal_ef_factor_power_heat")
    assert row.status == "derived" and "CEADs" in row.source


def test_the_28_provinces_rest_on_one_table_of_found_inputs():
    """GDP, population and 2020 energy growth of the provinces without hand-read statistics
    come from province_inputs.csv (found, with source); the generator writes them unchanged."""
    with (DATA_DIR / "provinces" / "province_inputs.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = {(r["region"], r["name"]): r for r in rows}
    others = [p for p in ALL_PROVINCES if p not in PROVINCES]
    assert {r for r, _ in table} == set(others)
    for region in others:
        for name in ("gdp_2020", "population_2020", "energy_growth_2020"):
            assert table[(region, name)]["status"] == "found" and table[(region, name)]["source"]
        base = load_region(region)
        assert base.s("gdp_2020") == pytest.approx(
            float(table[(region, "gdp_2020")]["value"]), rel=1e-4
        )
        growth = float(table[(region, "energy_growth_2020")]["value"])
        assert base.s("inventory_carry_2019_2020") == pytest.approx(1 + growth / 100, rel=1e-4)
    # the census: Guangdong 126.01 million, the 28 with NM and SX 1406.1 million
    assert float(table[("CN-GD", "population_2020")]["value"]) == pytest.approx(126.0125, abs=1e-3)
    total = sum(float(table[(r, "population_2020")]["value"]) for r in others)
    assert total + 24.049 + 34.916 == pytest.approx(1406.13, abs=0.01)


def test_provinces_without_a_mine_land_source_have_none():
    for region in ("CN-GD", "CN-BJ", "CN-HE"):
        result = model.run(scenario.complete(region=region), region=region)
        assert not result.variables["Land|Mine|Restored"].any()
        assert result.indicators["mine_sink_2060"][0] == 0
        backlog = next(
            r
            for r in _read(region_root(region) / "mine_land.csv")
            if r["name"] == "backlog_legacy_2020"
        )
        assert float(backlog["value"]) == 0 and "not invented" in backlog["source"]


def test_ceads_totals_are_the_issue_s():
    inventory = ceads_2019()
    provinces = {r for (r, _) in inventory if r != "CN-30"}
    assert provinces == set(ALL_PROVINCES)
    every = sum(v for (r, _), v in inventory.items() if r != "CN-30")
    assert every == pytest.approx(10864.4, abs=1)  # the 30 provinces' 10.86 Gt
    nm = sum(v for (r, _), v in inventory.items() if r == "CN-NM")
    sx = sum(v for (r, _), v in inventory.items() if r == "CN-SX")
    assert nm == pytest.approx(794.3, abs=0.5) and inventory[("CN-NM", "power_heat")] == (
        pytest.approx(604.2, abs=0.5)
    )
    assert sx == pytest.approx(564.9, abs=0.5) and inventory[("CN-SX", "industry")] == (
        pytest.approx(189.9, abs=0.5)
    )


@pytest.mark.parametrize("region", PROVINCES)
def test_every_preset_runs_with_sensible_results(province_results, region):
    presets = scenario.list_presets(region)
    assert presets[0] == "current-policies" and f"{region}-peaking-plan" in presets
    for preset in presets:
        result = province_results[(region, preset)]
        v = result.variables
        for name, values in v.items():
            assert np.all(np.isfinite(values)), (preset, name)
            if name.startswith(("Final Energy", "Primary Energy", "Secondary Energy", "Capacity")):
                assert values.min() >= -1e-9, (preset, name)
        net = v["Emissions|CO2"][0]
        gross_2020 = v["Emissions|CO2|Energy and Industrial Processes"][0, 0]
        # the province's range: never above twice the base year, removals bounded
        assert net.max() < 2 * gross_2020 and net.min() > -0.5 * gross_2020, preset
        exported = v["Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"][0]
        power = v["Emissions|CO2|Energy|Supply|Electricity"][0]
        assert np.all(exported >= 0) and np.all(exported <= power + 1e-9), preset


@pytest.mark.parametrize("region", PROVINCES)
def test_exports_are_generated_in_the_province(region):
    """Generation = (final use + conversions + exports) / (1 - losses): the province's
    production-based emissions include the power it sends out, and the CO2 embodied in it is
    reported in proportion to the exported share of the electricity sent out."""
    base = load_region(region)
    result = model.run(scenario.complete(region=region), region=region)
    v = result.variables
    export_ej = v["Trade|Secondary Energy|Electricity|Volume"][0]
    export_twh = base.path("power_export", result.years)
    np.testing.assert_allclose(export_ej, export_twh * 0.0036)
    gen = v["Secondary Energy|Electricity"][0] / 0.0036
    final = v["Final Energy|Electricity"][0] / base.s("tce_to_ej") / base.s("kwh_to_kgce")
    losses = 1 - base.s("losses_and_own_use_2020") / 100
    assert gen[0] == pytest.approx((final[0] + export_twh[0]) / losses, rel=1e-6)
    share = export_twh[0] / (gen[0] * losses)
    embodied = v["Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"][0, 0]
    power = v["Emissions|CO2|Energy|Supply|Electricity"][0, 0]
    assert embodied == pytest.approx(power * share, rel=1e-6)
    assert 0.25 < share < 0.5  # both send out a third or more of their power


def test_the_nation_has_no_exports(preset_results):
    v = preset_results["current-policies"].variables
    assert not v["Trade|Secondary Energy|Electricity|Volume"].any()
    assert not v["Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"].any()


@pytest.mark.parametrize("region", PROVINCES)
def test_2021_2024_statistics(region):
    """Generation and exports after the base year against the province's statistics
    (history_checks.csv: value and tolerance in %)."""
    result = model.run(scenario.complete(region=region), region=region)
    v = result.variables
    with (region_root(region) / "history_checks.csv").open(encoding="utf-8") as handle:
        checks = list(csv.DictReader(handle))
    assert checks
    for check in checks:
        i = int(check["year"]) - 2020
        modelled = {
            "generation": v["Secondary Energy|Electricity"][0, i] / 0.0036,
            "power_export": v["Trade|Secondary Energy|Electricity|Volume"][0, i] / 0.0036,
        }[check["indicator"]]
        value, tolerance = float(check["value"]), float(check["tolerance"])
        assert abs(modelled / value - 1) * 100 <= tolerance, (check, modelled)


def _data_files() -> list[Path]:
    return sorted((DATA_DIR / "provinces").rglob("*.csv"))


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_every_row_has_unit_source_and_status(path):
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # a province without 2021-2024 statistics read has no checks (header only)
    assert rows or (path.name == "history_checks.csv" and path.parent.name not in PROVINCES)
    source = "ipcc_source" if path.name == "mine_ipcc_comparison.csv" else "source"
    unitless = path.name == "uncertainty_correlations.csv"  # rank correlations
    for line, row in enumerate(rows, start=2):
        assert unitless or row["unit"].strip(), (path.name, line)
        assert row[source].strip(), (path.name, line)
        if path.name != "mine_ipcc_comparison.csv":
            assert row["status"] in STATUSES, (path.name, line, row["status"])


@pytest.mark.parametrize("region", ALL_PROVINCES)
def test_province_files_are_the_nation_s(region):
    """The same files as data/china/ (the model's loader reads the same set), plus the
    province's own lever defaults."""
    china = {p.name for p in (DATA_DIR / "china").glob("*.csv")}
    own = {p.name for p in region_root(region).glob("*.csv")}
    assert own == china | {"levers.csv"}


@pytest.mark.parametrize("region", PROVINCES)
def test_mine_land_is_in_the_province_s_climate_zones(region):
    data = load_region(region).extra["restoration"]
    zones = dict(
        zip(
            ("humid", "semi-arid", "cold-arid"),
            data.shares["legacy_share"][1].sum(axis=0),
            strict=True,
        )
    )
    expected = {"CN-NM": {"semi-arid", "cold-arid"}, "CN-SX": {"semi-arid", "humid"}}[region]
    assert {z for z, share in zones.items() if share > 0} == expected
    assert sum(zones.values()) == pytest.approx(1.0)


def test_province_defaults_are_their_own():
    nm = scenario.defaults("CN-NM")
    china = scenario.defaults()
    assert nm["nuclear_capacity"] == 0 and china["nuclear_capacity"] == 150
    assert nm["storage_capacity"] < china["storage_capacity"] / 5
    assert scenario.complete(region="CN-SX")["industry_structure"] > china["industry_structure"]
    # a model run without levers for a province uses the province's defaults
    run_default = model.run({}, region="CN-NM")
    run_complete = model.run(scenario.complete(region="CN-NM"), region="CN-NM")
    np.testing.assert_array_equal(run_default["Emissions|CO2"], run_complete["Emissions|CO2"])


def test_a_national_preset_is_carried_to_a_province():
    """Absolute quantities scale with the province's default, other levers the province sets
    move by the preset's change, the rest is used as it is."""
    cat = scenario.catalogue()
    own = scenario.region_defaults("CN-NM")
    dual = scenario.load_preset("dual-carbon").levers
    carried = scenario.preset_levers("dual-carbon", "CN-NM")
    ratio = own["ccus_capacity"] / cat["ccus_capacity"].default
    assert carried["ccus_capacity"] == pytest.approx(dual["ccus_capacity"] * ratio)
    assert carried["beccs"] == pytest.approx(dual["beccs"] * ratio)  # scaled as CCUS
    assert carried["nuclear_capacity"] == 0  # no nuclear in the province
    shift = dual["industry_structure"] - cat["industry_structure"].default
    assert carried["industry_structure"] == pytest.approx(own["industry_structure"] + shift)
    assert carried["power_nonfossil_share"] == dual["power_nonfossil_share"]
    assert scenario.preset_levers("dual-carbon") == dual


def test_provincial_presets_belong_to_their_province():
    assert "CN-NM-peaking-plan" not in scenario.list_presets()
    assert "CN-NM-peaking-plan" not in scenario.list_presets("CN-SX")
    assert "CN-NM-peaking-plan" in scenario.list_presets(None)
    with pytest.raises(scenario.ScenarioError):
        scenario.complete(preset="CN-NM-peaking-plan", region="CN-SX")


# --- command line and export -----------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cli_runs_a_province_named_in_the_iamc_region_column(tmp_path):
    from pathways.cli import main

    out = tmp_path / "nm.csv"
    assert main(["run", "--region", "CN-NM", "--out", str(out)]) == 0
    rows = _read(out)
    assert {r["Region"] for r in rows} == {"Inner Mongolia"}
    by_var = {r["Variable"]: r for r in rows}
    expected = model.run(scenario.complete(region="CN-NM"), region="CN-NM")
    assert float(by_var["Emissions|CO2"]["2060"]) == pytest.approx(
        expected.at("Emissions|CO2", 2060)[0], rel=1e-5
    )
    assert float(by_var["Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"]["2020"]) > 0


def test_cli_region_all_writes_every_region_in_one_file(tmp_path):
    from pathways.cli import main

    one, every = tmp_path / "china.csv", tmp_path / "all.csv"
    assert main(["run", "--preset", "dual-carbon", "--out", str(one)]) == 0
    assert main(["run", "--preset", "dual-carbon", "--region", "all", "--out", str(every)]) == 0
    rows = _read(every)
    regions = list(dict.fromkeys(r["Region"] for r in rows))
    assert regions[:1] == ["China"] and len(regions) == 1 + len(ALL_PROVINCES) + 2  # sum, term
    assert {"Inner Mongolia", "Shanxi", "Guangdong"} <= set(regions)
    assert len(rows) == len(regions) * len(_read(one))
    nm = {r["Variable"]: r for r in rows if r["Region"] == "Inner Mongolia"}
    carried = model.run(scenario.complete(preset="dual-carbon", region="CN-NM"), region="CN-NM")
    assert float(nm["Emissions|CO2"]["2050"]) == pytest.approx(
        carried.at("Emissions|CO2", 2050)[0], rel=1e-5
    )


def test_cli_provincial_preset_picks_its_province_and_refuses_another(tmp_path, capsys):
    from pathways.cli import main

    out = tmp_path / "plan.csv"
    assert main(["run", "--preset", "CN-SX-peaking-plan", "--out", str(out)]) == 0
    assert {r["Region"] for r in _read(out)} == {"Shanxi"}
    code = main(["run", "--preset", "CN-SX-peaking-plan", "--region", "CN-NM", "--out", str(out)])
    assert code == 2 and "CN-SX-peaking-plan" in capsys.readouterr().err
    assert main(["run", "--region", "CN-XX", "--out", str(out)]) == 2
    assert main(["presets", "--region", "CN-NM"]) == 0
    listed = capsys.readouterr().out
    assert "CN-NM-peaking-plan" in listed and "CN-SX-peaking-plan" not in listed


def test_readme_numbers_for_the_provinces():
    """README's table of peak year, net-zero year and 2060 mine sink is the model's."""
    text = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("## Provinces")
    section = text[start : text.index("\n## ", start + 1)]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 4
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        name, preset = cells[0].split(", ")
        region = {"Inner Mongolia": "CN-NM", "Shanxi": "CN-SX"}[name]
        ind = model.run(
            scenario.complete(preset=preset.strip("`"), region=region), region=region
        ).indicators
        assert cells[1] == f"{ind['peak_year'][0]:.0f}"
        net_zero = ind["net_zero_year"][0]
        assert cells[2] == (f"{net_zero:.0f}" if np.isfinite(net_zero) else "after 2060")
        assert cells[3] == f"{ind['mine_sink_2060'][0]:.2f} Mt CO2/yr"
