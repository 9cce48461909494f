"""The meeting pack of a province (issue 17): its targets are the province's own, the numbers of
its published peaking plan (whatever preset is on screen), then the national targets that apply
to a province; never the nation's capacity targets in GW. The slides, report and workbook show
them; a compare pack across regions lines up each region's targets."""

from __future__ import annotations

import io

import openpyxl
import pytest
from pptx import Presentation

from pathways import model, scenario
from pathways.comparators import modelled, preset_comparators
from pathways.i18n import t
from pathways.indicators import INDICATOR_UNITS, TARGETS
from pathways.report import PackScenario, gather, render

GW_TARGETS = {target.key for target in TARGETS if INDICATOR_UNITS.get(target.indicator) == "GW"}


@pytest.fixture(scope="module")
def nm_pack():
    levers = scenario.complete(preset="current-policies", region="CN-NM")
    return {
        lang: gather([PackScenario("NM", levers, "CN-NM", "current-policies")], lang)
        for lang in ("en", "zh")
    }


def test_a_province_s_pack_lists_its_plan_s_targets_not_the_nation_s_gw(nm_pack):
    s = nm_pack["en"].scenarios[0]
    keys = [row.key for row in s.targets]
    assert not GW_TARGETS & set(keys) and GW_TARGETS  # wind+solar 1200 / 3600 GW: the nation's
    plan = [row for row in s.targets if row.kind == "plan"]
    comparators = preset_comparators("CN-NM-peaking-plan")
    assert len(plan) == len(comparators) and s.targets[: len(plan)] == plan  # the plan first
    result = model.run(scenario.complete(preset="current-policies", region="CN-NM"), "CN-NM")
    for row, c in zip(plan, comparators, strict=True):
        assert row.threshold == c.value and row.comparison == c.comparison and row.unit == c.unit
        assert row.value == pytest.approx(modelled(result, c))
        assert row.passed == c.matches(modelled(result, c))
        assert "Inner Mongolia peaking plan" in row.label and str(c.year) in row.label
    # the plan's 2025 non-fossil share of energy, 18 %, and its 200 GW of new energy by 2030
    assert any(r.threshold == 18 and r.unit == "%" and "2025" in r.label for r in plan)
    assert any(r.threshold == 200 and r.unit == "GW" for r in plan)
    national = [row for row in s.targets if row.kind == "national"]
    assert {row.key for row in national} == {
        target.key for target in TARGETS if target.key not in GW_TARGETS
    }


def test_the_files_of_a_province_s_pack_show_its_targets(nm_pack):
    for lang, pack in nm_pack.items():
        plan = [row for row in pack.scenarios[0].targets if row.kind == "plan"]
        prs = Presentation(io.BytesIO(render(pack, "pptx")))
        slides = [
            s for s in prs.slides if s.shapes.title.text_frame.text.startswith(t("targets", lang))
        ]
        text = " ".join(
            cell.text
            for slide in slides
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        )
        assert all(row.label in text for row in plan), lang
        assert t("target.wind_solar_2030", lang) not in text
        html = render(pack, "html").decode("utf-8")
        assert all(row.label in html for row in plan)
        book = openpyxl.load_workbook(io.BytesIO(render(pack, "xlsx")), read_only=True)
        sheet = book[t("pack_sheet_targets", lang)]
        labels = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert labels[: len(plan)] == [row.label for row in plan]
        assert t("target.wind_solar_2030", lang) not in labels
    zh = nm_pack["zh"].scenarios[0].targets[0].label
    assert zh.startswith("内蒙古碳达峰实施方案") and "2025年" in zh


def test_a_province_without_a_plan_has_the_national_targets_that_apply():
    levers = scenario.complete(region="CN-GD")
    pack = gather([PackScenario("GD", levers, "CN-GD", "current-policies")], "en")
    keys = [row.key for row in pack.scenarios[0].targets]
    assert keys == [target.key for target in TARGETS if target.key not in GW_TARGETS]


def test_a_compare_pack_across_regions_lines_up_each_region_s_targets():
    pack = gather(
        [
            PackScenario("China", scenario.complete(preset="current-policies")),
            PackScenario(
                "Shanxi",
                scenario.complete(preset="CN-SX-peaking-plan", region="CN-SX"),
                "CN-SX",
                "CN-SX-peaking-plan",
            ),
        ],
        "en",
    )
    matrix = pack.comparison.targets
    by_label = {row[0]: row[1:] for row in matrix[1:]}
    wind_solar = t("target.wind_solar_2030", "en")
    assert by_label[wind_solar][0] != "–" and by_label[wind_solar][1] == "–"  # the nation's GW
    plan_rows = [label for label in by_label if label.startswith("Shanxi peaking plan")]
    assert plan_rows and all(by_label[label][0] == "–" for label in plan_rows)
    assert all(by_label[label][1][0] in "✔✘" for label in plan_rows)
    book = openpyxl.load_workbook(io.BytesIO(render(pack, "xlsx")), read_only=True)
    labels = [
        r[0] for r in book[t("pack_sheet_targets", "en")].iter_rows(min_row=2, values_only=True)
    ]
    assert set(plan_rows) <= set(labels) and wind_solar in labels


def test_the_dashboard_pack_of_a_province_carries_its_plan(tmp_path):
    """The Overview's pack of Inner Mongolia (the cached build the dashboard's buttons call)."""
    from pathways.ui import cached_api

    levers = scenario.complete(preset="CN-NM-peaking-plan", region="CN-NM")
    entry = PackScenario("NM plan", levers, "CN-NM", "CN-NM-peaking-plan")
    data = cached_api.meeting_pack("xlsx", "en", [entry])
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    labels = [
        r[0] for r in book[t("pack_sheet_targets", "en")].iter_rows(min_row=2, values_only=True)
    ]
    assert labels[0].startswith("Inner Mongolia peaking plan")
    assert t("target.ndc2035_wind_solar", "en") not in labels


def test_the_overview_checklist_of_a_province_shows_its_plan_as_the_pack_does():
    from tests.conftest import open_app

    at = open_app(region="CN-SX", preset="CN-SX-peaking-plan")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    levers = scenario.complete(preset="CN-SX-peaking-plan", region="CN-SX")
    pack = gather([PackScenario("SX", levers, "CN-SX", "CN-SX-peaking-plan")], "en")
    plan = [row.label for row in pack.scenarios[0].targets if row.kind == "plan"]
    assert plan and all(label in text for label in plan)
    assert t("target.wind_solar_2030", "en") not in text
