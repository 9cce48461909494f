"""The meeting pack (pathways/report): every file opened with its own library and its content
checked against the model: slide titles and native charts whose series are the model's numbers in
the display unit, the workbook's IAMC sheet against the CLI's CSV, a formula-like name kept as
text, a self-contained HTML report, Chinese packs in Chinese, the CLI round trip and the buttons
on the Overview and Compare pages."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import plotly
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from pathways import model, scenario
from pathways.i18n import t
from pathways.report import PackScenario, build, gather, render
from pathways.report.pptx_pack import CJK_FONT
from pathways.ui import units
from pathways.ui.figures import EJ_PER_TWH, GROSS, REMOVALS
from pathways.ui.i18n import var_label
from tests.conftest import open_app

ROOT = Path(__file__).resolve().parent.parent
EVIL = '=HYPERLINK("http://x","y")'
DUAL = scenario.complete(preset="dual-carbon")
CHANGED = DUAL | {"dac": 300.0, "power_nonfossil_share": 90.0}


@pytest.fixture(scope="module")
def packs():
    """One pack per language of the dual-carbon preset with two levers moved, and a compare pack
    of three scenarios (one with a formula-like name)."""
    one = PackScenario("My plan", CHANGED, "china", "dual-carbon", "http://localhost:8501/?s=1x")
    out = {lang: gather([one], lang) for lang in ("en", "zh")}
    out["compare"] = gather(
        [
            PackScenario("Current policies", scenario.complete(preset="current-policies")),
            PackScenario("Dual carbon", DUAL, preset="dual-carbon"),
            PackScenario(EVIL, CHANGED, preset="dual-carbon"),
        ],
        "en",
    )
    return out


@pytest.fixture(scope="module")
def files(packs):
    return {(name, fmt): render(pack, fmt) for name, pack in packs.items() for fmt in ("pptx", "html", "xlsx")}  # fmt: skip


def _prs(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def _charts(prs) -> list:
    return [sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart]


# the dashboard's figures hold values rounded to 0.001 of the display unit (finer than any number
# they show: Gt with 2 decimals, 1e8 t with 1); the slides chart exactly those values
ATOL = 5e-4 + 1e-9


def _series(chart) -> dict[str, tuple[float, ...]]:
    """Every series of a chart (all its plots: stacked and lines) by name."""
    return {s.name: tuple(s.values) for plot in chart.plots for s in plot.series}


# --- slides ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pptx_slides_in_order_16_9(files, lang):
    prs = _prs(files[(lang, "pptx")])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    expected = [
        "My plan",
        t("pack_slide_cards", lang),
        t("fig_trajectory", lang),
        t("fig_contrib", lang),
        t("fig_primary", lang),
        t("fig_power", lang),
        t("pack_slide_restoration", lang),
        t("targets", lang),
        t("pack_slide_changed", lang),
        t("pack_slide_sources", lang),
    ]
    assert _titles(prs) == expected
    text = "\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    assert "http://localhost:8501/?s=1x" in text  # the share link on the title slide
    assert scenario.load_preset("dual-carbon").title(lang) in text
    changed = [row for s in prs.slides for sh in s.shapes if sh.has_table for row in sh.table.rows]
    labels = {row.cells[1].text for row in changed}
    for name in ("dac", "power_nonfossil_share"):  # the levers changed from the preset
        assert scenario.catalogue()[name].label(lang) in labels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pptx_charts_are_native_with_the_models_numbers(files, lang):
    """Each chart is a PowerPoint chart whose series are the model's values converted to the
    display unit of the language (the unit in the chart's title)."""
    result = model.run(CHANGED)
    prs = _prs(files[(lang, "pptx")])
    charts = _charts(prs)
    assert len(charts) == 5
    trajectory, contrib, primary, power, mine = charts
    q = units.unit("co2", lang)
    series = _series(trajectory)
    for var in GROSS:
        assert np.allclose(series[var_label(var, lang)], result[var][0] * q.factor, atol=ATOL)
    for var in REMOVALS:
        if np.any(result[var][0]):
            assert np.allclose(series[var_label(var, lang)], -result[var][0] * q.factor, atol=ATOL)
    assert np.allclose(series[t("net", lang)], result["Emissions|CO2"][0] * q.factor, atol=ATOL)
    assert q.label in trajectory.chart_title.text_frame.text
    # the net lines are drawn as lines over the stacked columns (a combined chart)
    kinds = {type(p).__name__ for p in trajectory.plots}
    assert kinds == {"BarPlot", "LinePlot"}, kinds
    assert [s.name for s in trajectory.plots[1].series] == [t("net_baseline", lang), t("net", lang)]
    assert list(trajectory.plots[0].categories) == [str(y) for y in result.years]

    e = units.unit("energy", lang)
    for fuel in ("Coal", "Oil", "Gas", "Non-Fossil"):
        var = f"Primary Energy|{fuel}"
        assert np.allclose(
            _series(primary)[var_label(var, lang)], result[var][0] * e.factor, atol=ATOL
        )
    assert e.label in primary.chart_title.text_frame.text
    w = units.unit("electricity", lang)
    var = "Secondary Energy|Electricity|Solar"
    shown = result[var][0] / EJ_PER_TWH * w.factor
    assert np.allclose(_series(power)[var_label(var, lang)], shown, atol=ATOL)
    m = units.unit("co2_mine", lang)
    var = "Carbon Removal|Mine Revegetation|Semi-Arid"
    assert np.allclose(_series(mine)[var_label(var, lang)], result[var][0] * m.factor, atol=ATOL)
    assert m.label in mine.chart_title.text_frame.text
    wedges = _series(contrib)
    assert np.allclose(
        wedges[t("total_reduction", lang)],
        (model.run(scenario.complete(preset="current-policies"))["Emissions|CO2"][0]
         - result["Emissions|CO2"][0]) * q.factor,
        atol=ATOL,
    )  # fmt: skip


def test_pptx_in_chinese_has_chinese_text_with_a_cjk_font(files):
    prs = _prs(files[("zh", "pptx")])
    runs = [
        r for s in prs.slides for sh in s.shapes if sh.has_text_frame
        for p in sh.text_frame.paragraphs for r in p.runs
    ]  # fmt: skip
    text = "".join(r.text for r in runs)
    for key in ("pack_slide_cards", "targets", "ind_net_zero_year", "pack_kicker"):
        assert t(key, "zh") in text
    for run in runs:
        ea = run.font._rPr.find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == CJK_FONT
        assert run.font._rPr.find(qn("a:latin")).get("typeface") == CJK_FONT
    assert "亿吨" in "".join(c.chart_title.text_frame.text for c in _charts(prs))


def test_pptx_card_and_target_texts_are_the_dashboards(packs):
    from pathways.ui import overview_page

    for lang in ("en", "zh"):
        s = packs[lang].scenarios[0]
        for card, (key, lower, kind) in zip(s.cards, overview_page.CARDS, strict=True):
            page = overview_page.card(
                key,
                float(s.result.indicators[key][0]),
                float(s.baseline.indicators[key][0]),
                lower,
                kind,
                lang,
            )
            assert (card.label, card.value) == (page["label"], page["value"])
            assert card.delta == (page["delta"] or "")
        for row in s.targets:
            assert row.shown == overview_page.target_value(row.indicator, row.value, lang)


def test_compare_pptx_overlays_and_differences(files, packs):
    prs = _prs(files[("compare", "pptx")])
    titles = _titles(prs)
    assert titles[0].startswith("Current policies")
    assert titles[1] == t("pack_slide_differences", "en")
    for key in ("cmp_net", "cmp_contrib", "pack_nonfossil_share", "cmp_restoration", "targets"):
        assert t(key, "en") in titles
    labels = packs["compare"].comparison.comparison.labels
    net = _charts(prs)[0]
    q = units.unit("co2", "en")
    for label, s in zip(labels, packs["compare"].scenarios, strict=True):
        assert np.allclose(_series(net)[label], s.result["Emissions|CO2"][0] * q.factor, atol=1e-6)
    table = next(sh.table for sh in prs.slides[1].shapes if sh.has_table)
    header = [c.text for c in table.rows[0].cells]
    assert header[2:5] == labels and header[5] == f"Δ {labels[1]}"
    assert len(table.rows) == 11  # header + the ten indicators of the compare page


# --- workbook -------------------------------------------------------------------------------


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pathways", *args],
        cwd=ROOT,
        capture_output=True,
        env=(os.environ | (env or {})),
    )


def test_xlsx_iamc_sheet_equals_the_cli_csv(files, tmp_path):
    toml = tmp_path / "plan.toml"
    toml.write_text(scenario.scenario_toml("My plan", "china", CHANGED, "dual-carbon"))
    done = _cli("run", "--scenario", str(toml), "--out", "-")
    csv = pd.read_csv(io.StringIO(done.stdout.decode()))
    wb = openpyxl.load_workbook(io.BytesIO(files[("en", "xlsx")]))
    assert wb.sheetnames == [t(f"pack_sheet_{k}", "en") for k in ("data", "indicators", "targets", "levers", "sources")]  # fmt: skip
    ws = wb[t("pack_sheet_data", "en")]
    rows = list(ws.values)
    sheet = pd.DataFrame(rows[1:], columns=rows[0])
    assert [str(c) for c in sheet.columns] == list(csv.columns)
    assert sheet.iloc[:, :5].astype(str).equals(csv.iloc[:, :5].astype(str))
    assert np.allclose(
        sheet.iloc[:, 5:].to_numpy(float), csv.iloc[:, 5:].to_numpy(float), rtol=1e-5
    )
    assert ws.freeze_panes == "F2"
    assert ws.cell(2, 6).number_format == "#,##0.00"


def test_xlsx_sheets_levers_targets_and_a_formula_safe_name(files, packs):
    wb = openpyxl.load_workbook(io.BytesIO(files[("compare", "xlsx")]))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + EVIL in texts and EVIL not in texts
    data = wb[t("pack_sheet_data", "en")]
    assert {r[1] for r in data.iter_rows(min_row=2, values_only=True)} == {
        "Current policies", "Dual carbon", "'" + EVIL,
    }  # fmt: skip
    levers = wb[t("pack_sheet_levers", "en")]
    header = [c.value for c in levers[1]]
    assert header[:4] == ["id", t("pack_col_path", "en"), t("pack_col_lever", "en"), t("cmp_col_unit", "en")]  # fmt: skip
    rows = {r[0]: r for r in levers.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(scenario.catalogue())
    dac = rows["dac"]
    # third scenario: value 300, preset (dual-carbon) value, changed
    assert dac[10] == 300 and dac[11] == DUAL["dac"] and dac[12] == t("pack_yes", "en")
    assert levers.freeze_panes == "A2"
    targets = wb[t("pack_sheet_targets", "en")]
    assert targets.max_row == 13  # header + 12 official targets
    one = openpyxl.load_workbook(io.BytesIO(files[("zh", "xlsx")]))
    assert t("pack_sheet_levers", "zh") in one.sheetnames


# --- report ---------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "data", "action")]


@pytest.mark.parametrize("name", ["en", "zh", "compare"])
def test_html_is_self_contained_with_plotly_inlined(files, name):
    text = files[(name, "html")].decode("utf-8")
    parser = _Links()
    parser.feed(text)
    external = [r for r in parser.refs if r.startswith(("http:", "https:", "//", "ftp:"))]
    assert not external
    assert f"plotly.js v{plotly.__version__}" in text or "plotly.js v" in text
    assert text.count("Plotly.newPlot") >= 4
    assert "page-break-before: always" in text and "@media print" in text


def test_html_in_chinese_with_the_full_lever_table(files):
    text = files[("zh", "html")].decode("utf-8")
    assert '<html lang="zh">' in text
    for key in ("pack_all_levers", "targets", "pack_slide_restoration", "pack_slide_sources"):
        assert t(key, "zh") in text
    for lever in scenario.catalogue().values():
        assert lever.label("zh").replace("&", "&amp;") in text or lever.label("zh") in text
    assert text.count('<tr class="changed">') == 2


def test_html_escapes_scenario_names(files):
    text = files[("compare", "html")].decode("utf-8")
    assert EVIL not in text and "=HYPERLINK(&quot;http://x&quot;" in text


# --- command line ---------------------------------------------------------------------------


def test_cli_report_round_trip(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(scenario.scenario_toml("Plan A", "china", {"dac": 200.0}, "dual-carbon"))
    b.write_text(scenario.scenario_toml("方案B", "china", {"dac": 400.0}, "accelerated"))
    out = tmp_path / "pack.pptx"
    done = _cli(
        "report", "--preset", "dual-carbon", "--format", "pptx", "--lang", "zh", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert _titles(Presentation(str(out)))[1] == t("pack_slide_cards", "zh")
    done = _cli("report", "--scenario", str(a), "--out", str(tmp_path / "a.xlsx"))
    assert done.returncode == 0, done.stderr
    levers = openpyxl.load_workbook(tmp_path / "a.xlsx")[t("pack_sheet_levers", "en")]
    dac = next(r for r in levers.iter_rows(min_row=2, values_only=True) if r[0] == "dac")
    assert dac[4:7] == (200, DUAL["dac"], t("pack_yes", "en"))
    done = _cli(
        "report", "--compare", str(a), str(b), "--format", "html", "--out", str(tmp_path / "c.html")
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "Plan A" in html and "方案B" in html


def test_cli_report_errors_are_translated(tmp_path):
    one = tmp_path / "a.toml"
    one.write_text(scenario.scenario_toml("A", "china", {}, None))
    done = _cli("report", "--compare", str(one), "--out", str(tmp_path / "x.pptx"))
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "pathways: error: " + t(
        "cli.compare_count", "en", max=4, count=1
    )
    done = _cli("report", "--out", str(tmp_path / "x.bin"), env={"PATHWAYS_LANG": "zh"})
    assert done.returncode == 2
    assert t("cli.report_format", "zh", path=str(tmp_path / "x.bin")) in done.stderr.decode()
    done = _cli("report", "--set", "dac=99999", "--out", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2 and "dac" in done.stderr.decode()
    assert not (tmp_path / "x.xlsx").exists()


def test_report_package_never_imports_streamlit():
    code = (
        "import sys; from pathways.report import build, PackScenario; "
        "from pathways.report import pptx_pack, html_pack, xlsx_pack; "
        "assert 'streamlit' not in sys.modules, 'streamlit imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_build_one_call():
    data = build([PackScenario("x", DUAL, preset="dual-carbon")], "xlsx", lang="zh")
    assert data[:2] == b"PK"
    with pytest.raises(ValueError):
        build([], "pptx")


# --- the dashboard --------------------------------------------------------------------------


def _pack_buttons(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button") if "pack." in b.proto.id]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_meeting_pack_buttons_on_overview_and_compare(data_dir, lang):
    wanted = [t(f"pack_{fmt}", lang) for fmt in ("pptx", "html", "xlsx")]
    at = open_app(lang=lang, preset="dual-carbon")
    assert _pack_buttons(at) == wanted
    assert any(t("pack_heading", lang) in s.value for s in at.subheader)
    at.switch_page("pathways/ui/pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _pack_buttons(at) == wanted


def test_dashboard_pack_is_built_from_the_cached_runs():
    from pathways.ui import cached_api

    entry = PackScenario("x", CHANGED, "china", "dual-carbon")
    data = cached_api.meeting_pack("pptx", "en", [entry])
    assert cached_api.meeting_pack("pptx", "en", [entry]) is data  # cached
    assert _titles(_prs(data))[0] == "x"
