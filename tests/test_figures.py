"""Figures are pure functions of results: titles with units, large fonts, both languages."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pathways import contributions, i18n, model, scenario, variables
from pathways.ui import figures
from pathways.ui.i18n import t

# the catalogue (pathways/locale/messages.toml) and the legend labels of data/variables.csv
STRINGS = {k: (v["en"], v["zh"]) for k, v in i18n.catalogue().items()}
VARIABLES = variables.labels()

CJK = range(0x4E00, 0xA000)


def has_cjk(text: str) -> bool:
    return any(ord(ch) in CJK for ch in text)


@pytest.fixture(scope="module")
def results():
    scen = model.run(scenario.complete(preset="dual-carbon"))
    base = model.run(scenario.complete(preset="current-policies"))
    contrib = contributions.shapley(
        scenario.complete(preset="dual-carbon"), scenario.complete(preset="current-policies")
    )
    return scen, base, contrib


def all_figures(results, lang):
    scen, base, contrib = results
    figs = {
        "trajectory": figures.trajectory(scen, base, lang),
        "contributions": figures.contributions(contrib, lang),
        "primary": figures.primary_energy(scen, lang),
        "primary_pct": figures.primary_energy(scen, lang, percent=True),
        "power": figures.power_mix(scen, lang),
        "power_pct": figures.power_mix(scen, lang, percent=True),
    }
    if figures.has_restoration(scen):
        figs |= {
            "resto_area": figures.restoration_area(scen, lang),
            "resto_cumulative": figures.restoration_cumulative(scen, lang),
            "resto_cost": figures.restoration_cost(scen, lang),
            "resto_energy": figures.restoration_energy(scen, lang),
            "resto_capacity": figures.restoration_capacity(scen, lang),
            "resto_share": figures.restoration_share(scen, lang),
        }
        for dim in ("zone", "grade", "landuse", "pool"):
            figs[f"resto_{dim}"] = figures.restoration_breakdown(scen, dim, lang)
    if figures.has_costs(scen):
        figs["cost"] = figures.system_cost(scen, base, lang)
    figs["goalseek"] = figures.goalseek_overlay(base, scen, lang, (2055,))
    return figs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_titles_with_units_and_large_fonts(results, lang):
    for name, fig in all_figures(results, lang).items():
        layout = fig.layout
        title = layout.title.text
        assert title, name
        # the unit is the subtitle and the y-axis title (one line each, never cut off)
        assert layout.title.subtitle.text, name
        assert layout.yaxis.title.text == layout.title.subtitle.text, name
        assert layout.title.font.size >= 18, name
        assert layout.xaxis.tickfont.size >= 14 and layout.yaxis.tickfont.size >= 14, name
        assert layout.legend.font.size >= 14, name
        assert layout.yaxis.title.text, name
        assert len(fig.data) >= 1, name
        if lang == "zh":
            assert has_cjk(title), name


def test_language_switch_translates_titles_axes_and_legends(results):
    en, zh = all_figures(results, "en"), all_figures(results, "zh")
    for name in en:
        assert en[name].layout.title.text != zh[name].layout.title.text, name
        names_en = [tr.name for tr in en[name].data if tr.name]
        names_zh = [tr.name for tr in zh[name].data if tr.name]
        assert len(names_en) == len(names_zh)
        # every legend entry is translated, except technical acronyms
        for a, b in zip(names_en, names_zh, strict=True):
            assert a != b or a in ("BECCS",), (name, a)


def test_trajectory_stacks_gross_above_and_removals_below(results):
    scen, base, _ = results
    fig = figures.trajectory(scen, base, "en")
    groups = {tr.stackgroup for tr in fig.data if tr.stackgroup}
    assert groups == {"gross", "removals"}
    for tr in fig.data:
        if tr.stackgroup == "gross":
            assert np.all(np.asarray(tr.y) >= -1e-9)
        if tr.stackgroup == "removals":
            assert np.all(np.asarray(tr.y) <= 1e-9)
    net = next(tr for tr in fig.data if tr.name == t("net", "en"))
    # shown in Gt CO2/yr (English convention), rounded to 1 Mt
    assert fig.layout.title.subtitle.text == "Gt CO2/yr"
    np.testing.assert_allclose(np.asarray(net.y) * 1000, scen["Emissions|CO2"][0], atol=0.51)
    baseline = next(tr for tr in fig.data if tr.name == t("net_baseline", "en"))
    assert baseline.line.dash == "dash"
    # gross minus removals = net in every year
    gross = sum(np.asarray(tr.y) for tr in fig.data if tr.stackgroup == "gross")
    removals = sum(np.asarray(tr.y) for tr in fig.data if tr.stackgroup == "removals")
    np.testing.assert_allclose((gross + removals) * 1000, scen["Emissions|CO2"][0], atol=8)
    # the two targets are marked
    texts = [a.text for a in fig.layout.annotations]
    assert t("target_peak", "en") in texts and t("target_neutral", "en") in texts
    assert {s.x0 for s in fig.layout.shapes} == {2030, 2060}


def test_contribution_bars_add_up_to_the_total_line(results):
    _, _, contrib = results
    fig = figures.contributions(contrib, "en")
    bars = [np.asarray(tr.y) for tr in fig.data if tr.type == "bar"]
    total = next(tr for tr in fig.data if tr.type == "scatter")
    bar_years = list(next(tr for tr in fig.data if tr.type == "bar").x)
    assert bar_years == list(range(2020, 2061, 5))  # bars every five years, the line yearly
    at = [list(total.x).index(year) for year in bar_years]
    np.testing.assert_allclose(sum(bars), np.asarray(total.y)[at], atol=1e-3)
    assert fig.layout.barmode == "relative"


def test_mix_charts_in_units_and_percent(results):
    scen, _, _ = results
    power = figures.power_mix(scen, "en")
    twh = sum(np.asarray(tr.y) for tr in power.data)
    np.testing.assert_allclose(twh, scen["Secondary Energy|Electricity"][0] / 0.0036, rtol=1e-3)
    pct = figures.power_mix(scen, "en", percent=True)
    assert pct.data[0].groupnorm == "percent" and pct.layout.title.subtitle.text == "%"
    assert figures.primary_energy(scen, "zh", percent=True).layout.title.subtitle.text == "%"


def test_png_export_at_presentation_size():
    options = figures.PLOTLY_CONFIG["toImageButtonOptions"]
    assert (options["width"], options["height"], options["scale"]) == (1600, 900, 2)
    assert options["format"] == "png"


def test_restoration_figures_when_available(results):
    scen, _, _ = results
    if not figures.has_restoration(scen):
        pytest.skip("mine restoration module not in the model")
    fig = figures.restoration_breakdown(scen, "landuse", "en")
    total = sum(np.asarray(tr.y) for tr in fig.data)
    np.testing.assert_allclose(total, scen[figures.RESTORATION][0], rtol=1e-3, atol=1e-3)
    share = figures.restoration_share(scen, "en").data[0].y
    assert np.all((np.asarray(share) >= 0) & (np.asarray(share) <= 100))


def test_every_string_has_both_languages():
    for key, (en, zh) in {**STRINGS, **VARIABLES}.items():
        assert en and zh, key
        if en[0].isalpha() and en not in ("BECCS", "CCUS", "DAC"):
            assert has_cjk(zh) or zh == en or zh.startswith("%"), key


def test_every_string_key_used_by_the_dashboard_exists():
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parent.parent / "pathways" / "ui"
    mine = [
        "figures",
        "i18n",
        "overview_page",
        "restoration_page",
        "methods_page",
        "shell",
        "widgets",
    ]
    used = set()
    for name in mine:
        text = (ui / f"{name}.py").read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\(\s*"([a-z_0-9]+)"', text))
    assert used, "no keys found"
    assert sorted(used - set(STRINGS)) == []


def test_one_unit_convention_per_language(results):
    """Chinese charts use 亿吨/万吨, 亿吨标准煤, 亿千瓦时, 亿千瓦/万千瓦, 万公顷, 亿元 — never 百万吨
    or 吉瓦; the numbers are converted, not just relabelled."""
    scen, base, _ = results
    for name, fig in all_figures(results, "zh").items():
        text = str(fig.layout.to_plotly_json()) + " ".join(
            f"{tr.name} {tr.hovertemplate}" for tr in fig.data
        )
        for foreign in ("百万吨", "吉瓦", "百万公顷", "十亿元", "Mt CO2", "Gt CO2", "GW"):
            assert foreign not in text, (name, foreign)
    zh = figures.trajectory(scen, base, "zh")
    net = next(tr for tr in zh.data if tr.name == t("net", "zh"))
    np.testing.assert_allclose(np.asarray(net.y) * 100, scen["Emissions|CO2"][0], atol=0.1)
    assert zh.layout.title.subtitle.text == "亿吨CO2/年"
    primary = figures.primary_energy(scen, "zh")
    total_100mtce = sum(np.asarray(tr.y) for tr in primary.data)
    # 2020: 4.98 bn tce = 49.8 亿吨标准煤 (NBS)
    assert abs(total_100mtce[0] - 49.8) < 0.5
    power = figures.power_mix(scen, "zh")
    total_100twh = sum(np.asarray(tr.y) for tr in power.data)
    np.testing.assert_allclose(total_100twh, scen["Secondary Energy|Electricity"][0] / 0.0036 * 10)


def test_published_comparators_are_marked_on_the_trajectory(results):
    """dual-carbon reproduces ICCSD's 2050 energy CO2 (2.9 Gt): a diamond at 2050, 2.9 Gt (29
    亿吨 in Chinese); shares and years are not CO2 and are not drawn."""
    from pathways.comparators import preset_comparators

    scen, base, _ = results
    published = preset_comparators("dual-carbon")
    en = figures.trajectory(scen, base, "en", published)
    diamonds = [tr for tr in en.data if tr.marker and tr.marker.symbol == "diamond"]
    assert [(tr.x, tr.y) for tr in diamonds] == [((2050,), (2.9,))]
    assert "ICCSD" in diamonds[0].name and "2050" in diamonds[0].name
    zh = figures.trajectory(scen, base, "zh", published)
    assert [tr.y for tr in zh.data if tr.marker and tr.marker.symbol == "diamond"] == [(29.0,)]
    assert not [
        tr
        for tr in figures.trajectory(scen, base, "en").data
        if tr.marker and tr.marker.symbol == "diamond"
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_is_valid_plotly(results, lang):
    """Figures skip plotly's validation when built (speed); here each one is validated."""
    import plotly.graph_objects as go

    from pathways.comparators import preset_comparators

    scen, base, _ = results
    figs = all_figures(results, lang)
    figs["trajectory_published"] = figures.trajectory(
        scen, base, lang, preset_comparators("dual-carbon")
    )
    for name, fig in figs.items():
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property
        assert fig.to_dict()["data"], name
        # what st.plotly_chart sends: the same as plotly's own (slower) to_dict
        if isinstance(fig, figures.Figure):
            assert json.dumps(fig.to_dict(), sort_keys=True) == json.dumps(
                fig.to_dict_plotly(), sort_keys=True
            ), name


def test_cost_chart_stacks_the_parts_of_the_system_cost(results):
    scen, base, _ = results
    fig = figures.system_cost(scen, base, "en")
    stacked = [tr for tr in fig.data if tr.stackgroup]
    total = sum(np.asarray(tr.y, dtype=float) for tr in stacked)
    np.testing.assert_allclose(total, scen["Cost|System"][0], rtol=1e-3, atol=0.01)
    zh = figures.system_cost(scen, base, "zh")
    assert zh.layout.title.subtitle.text == "亿元/年"
    np.testing.assert_allclose(
        sum(np.asarray(tr.y, dtype=float) for tr in zh.data if tr.stackgroup), 10 * total, rtol=1e-3
    )
