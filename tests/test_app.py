"""AppTest: every page starts cleanly, every lever slider renders at its min and max, levers move
the cards, the language switch translates cards and charts, the wedges add up, bad input in the
URL or the session is corrected with a notice and never shows a traceback."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pathways import model, scenario
from pathways.ui import figures
from pathways.ui.i18n import t
from tests.conftest import APP_TIMEOUT, lever_slider, open_app, rendered

PAGES = {
    "overview": "pathways/ui/pages/overview.py",
    "restoration": "pathways/ui/pages/restoration.py",
    "uncertainty": "pathways/ui/pages/uncertainty.py",
    "compare": "pathways/ui/pages/compare.py",
    "methods": "pathways/ui/pages/methods.py",
}


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def lever_sliders(at: AppTest):
    return [s for s in at.slider if s.key and s.key.startswith("lv.")]


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def values(data) -> np.ndarray:
    """Trace data as plotly serialises it: a list or a typed array {dtype, bdata}."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).astype(float)
    return np.asarray(data, dtype=float)


def charts(at: AppTest) -> dict[str, dict]:
    """Plotly specs on the page by title."""
    out = {}
    for node in at.get("plotly_chart"):
        spec = json.loads(node.proto.spec)
        out[spec["layout"]["title"]["text"]] = spec
    return out


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_starts_without_exception(page, lang):
    at = open_app(lang=lang)
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    clean(at)
    assert at.title, page


def test_overview_has_cards_charts_checklist_and_downloads():
    at = open_app(preset="dual-carbon")
    clean(at)
    labels = list(cards(at))
    assert len(labels) == 9 + 2  # the indicator cards, then system cost and cost per tonne
    assert t("ind_net_zero_year", "en") in labels
    assert t("ind_system_cost_2020_2060", "en") in labels
    titles = list(charts(at))
    for key in ("fig_trajectory", "fig_contrib", "fig_primary", "fig_power"):
        assert t(key, "en") in titles
    assert t("fig_cost", "en") not in titles  # drawn on request: a lever move redraws 4 charts
    at.toggle(key="w.cost_chart").set_value(True).run()
    clean(at)
    assert t("fig_cost", "en") in list(charts(at))
    assert len(cards(at)) == 9 + 2
    assert any(t("targets", "en") in s.value for s in at.subheader)
    assert len(at.get("download_button")) == 5  # CSV, levers; meeting pack: PPTX, HTML, XLSX


def test_every_slider_renders_at_min_and_max():
    """Path by path, the sidebar shows exactly that path's levers; every lever of every path has
    a slider and takes its min and max; values set on one path survive switching to another."""
    at = open_app()
    clean(at)
    seen = set()
    for end in ("min", "max"):
        for module, levers in scenario.by_module().items():
            at.radio(key="w.group.en").set_value(module).run()
            clean(at)
            sliders = lever_sliders(at)
            assert {s.key[3:] for s in sliders} == {lv.name for lv in levers}, module
            seen |= {s.key[3:] for s in sliders}
            for s in sliders:
                s.set_value(getattr(s, end))
            at.run()
            clean(at)
        levers = at.session_state["levers"]
        for name, lever in scenario.catalogue().items():
            assert levers[name] == pytest.approx(getattr(lever, end)), (end, name)
        assert len(at.metric) == 9 + 2  # indicator cards, system cost and cost per tonne
        assert len(charts(at)) >= 4
    assert seen == set(scenario.catalogue()), "every lever has a slider"


def test_restoration_page_sliders_at_min_and_max():
    at = open_app()
    at.switch_page(PAGES["restoration"]).run()
    clean(at)
    main = [s for s in at.main.slider if s.key and s.key.startswith("lv.")]
    restoration = [lv.name for lv in scenario.by_module().get("restoration", [])]
    if not restoration:
        assert any(t("resto_missing", "en") in i.value for i in at.info)
        return
    assert {s.key[3:] for s in main} == set(restoration)
    for end in ("min", "max"):
        for s in [s for s in at.main.slider if s.key and s.key.startswith("lv.")]:
            s.set_value(getattr(s, end))
        at.run()
        clean(at)
        assert len(charts(at)) >= 7  # the sink split is one chart with a selector


def test_moving_a_lever_changes_the_cards_and_marks_it():
    at = open_app()
    before = cards(at)
    slider = lever_slider(at, "power_nonfossil_share")
    slider.set_value(slider.max).run()
    clean(at)
    after = cards(at)
    assert after != before
    net_2060 = t("ind_net_2060", "en")
    assert after[net_2060][0] != before[net_2060][0]
    assert after[net_2060][1].startswith("-")  # lower than the baseline
    assert lever_slider(at, "power_nonfossil_share").label.startswith(":orange[●]")
    assert at.query_params.get("power_nonfossil_share") == f"{slider.max:g}"
    # reset to the preset undoes it
    at.button(key="w.reset").click().run()
    assert cards(at) == before
    assert "power_nonfossil_share" not in at.query_params


def test_language_switch_translates_cards_and_charts():
    at = open_app(preset="dual-carbon")
    en_cards, en_charts = list(cards(at)), list(charts(at))
    at.segmented_control(key="w.lang").set_value("zh").run()
    clean(at)
    zh_cards, zh_charts = list(cards(at)), list(charts(at))
    assert zh_cards[: len(_card_keys())] == [t(f"ind_{k}", "zh") for k in _card_keys()]
    assert zh_cards[len(_card_keys()) :] == [
        t("ind_system_cost_2020_2060", "zh"),
        t("ind_cost_per_tonne", "zh"),
    ]
    assert not set(en_cards) & set(zh_cards)
    assert t("fig_trajectory", "zh") in zh_charts and not set(en_charts) & set(zh_charts)
    assert at.title[0].value == t("app_title", "zh")
    assert at.query_params.get("lang") == "zh"


def _card_keys():
    from pathways.ui.overview_page import CARDS

    return [name for name, _, _ in CARDS]


def test_wedges_in_the_app_sum_to_baseline_minus_scenario():
    at = open_app(preset="accelerated")
    clean(at)
    spec = charts(at)[t("fig_contrib", "en")]
    bars = [values(tr["y"]) for tr in spec["data"] if tr["type"] == "bar"]
    bar_years = [tr for tr in spec["data"] if tr["type"] == "bar"][0]["x"]
    result = model.run(scenario.complete(preset="accelerated"))
    at_bars = np.isin(result.years, bar_years)  # bars every five years
    scen = result["Emissions|CO2"][0][at_bars]
    base = model.run(scenario.complete(preset="current-policies"))["Emissions|CO2"][0][at_bars]
    # shown in Gt CO2/yr, rounded to 0.1 Mt per bar
    np.testing.assert_allclose(sum(bars) * 1000, base - scen, atol=0.1 * len(bars))


def test_out_of_range_url_values_fall_back_with_a_notice():
    at = open_app(nuclear_capacity="99999", storage_capacity="abc", no_such_lever="1")
    clean(at)
    levers = at.session_state["levers"]
    assert levers["nuclear_capacity"] == scenario.catalogue()["nuclear_capacity"].max
    assert levers["storage_capacity"] == scenario.complete()["storage_capacity"]
    warnings = " ".join(rendered(w.value) for w in at.warning)
    assert "99999" in warnings and "abc" in warnings and "no_such_lever" in warnings
    assert (
        lever_slider(at, "nuclear_capacity").value == scenario.catalogue()["nuclear_capacity"].max
    )


def test_notices_are_translated():
    at = open_app(lang="zh", nuclear_capacity="-5", preset="nope")
    clean(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "核电装机容量" in warnings and "已使用" in warnings
    assert "nope" in warnings


def test_out_of_range_session_value_falls_back_with_a_notice():
    at = open_app()
    at.session_state["levers"]["dac"] = 1e9
    at.run()
    clean(at)
    assert at.session_state["levers"]["dac"] == scenario.catalogue()["dac"].max
    assert any("1e+09" in rendered(w.value) for w in at.warning)


def test_preset_switch_sets_the_sliders():
    at = open_app()
    at.selectbox(key="w.preset.en").set_value("dual-carbon").run()
    clean(at)
    preset = scenario.complete(preset="dual-carbon")
    assert lever_slider(at, "nuclear_capacity").value == preset["nuclear_capacity"]
    assert at.query_params.get("preset") == "dual-carbon"
    assert not any(s.label.startswith(":orange") for s in lever_sliders(at))


def test_presentation_mode_hides_the_controls():
    at = open_app()
    at.toggle(key="w.present").set_value(True).run()
    clean(at)
    assert at.session_state["present"] is True
    assert any("display: none" in m.value for m in at.markdown if "stSidebar" in m.value)
    at.button(key="w.exit_present").click().run()
    assert at.session_state["present"] is False


def test_restoration_page_shows_its_figures_and_levers():
    at = open_app()
    at.switch_page(PAGES["restoration"]).run()
    clean(at)
    result = model.run({})
    if not figures.has_restoration(result):
        pytest.skip("restoration module not available")
    titles = list(charts(at))
    for key in ("fig_resto_area", "fig_resto_pool", "fig_resto_share"):
        assert t(key, "en") in titles
    # the sink's split is one chart with a selector: every split can be shown
    for split in ("zone", "grade", "landuse", "pool"):
        at.segmented_control(key="w.resto_breakdown.en").set_value(split).run()
        clean(at)
        assert t(f"fig_resto_{split}", "en") in list(charts(at)), split
    # the restoration levers are on the page, not in the sidebar
    assert not [s for s in at.sidebar.slider if s.key and s.key.startswith("lv.mine_")]
    assert len(at.metric) >= 3


def test_methods_page_lists_every_data_source():
    at = open_app()
    at.switch_page(PAGES["methods"]).run()
    clean(at)
    frames = at.dataframe
    assert len(frames) == 2
    from pathways.data import sources_table
    from pathways.region import load_region

    assert len(frames[0].value) == len(sources_table(load_region("china")))
    assert len(frames[1].value) == len(scenario.catalogue())


def test_a_failing_page_shows_a_translated_message_not_a_traceback():
    def failing_page():
        import streamlit as st

        from pathways.ui import state

        st.session_state.setdefault("lang", "zh")
        with state.error_boundary(st.session_state["lang"]):
            raise RuntimeError("boom")

    at = AppTest.from_function(failing_page, default_timeout=APP_TIMEOUT).run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error_page", "zh")]


def test_url_state_round_trip_and_coercion():
    from pathways.ui import url_state

    changed = {"nuclear_capacity": 400.0, "dac_year": 2050.0}
    params = url_state.encode("zh", "china", "dual-carbon", changed, present=True)
    parsed = url_state.read(params, ["china"])
    assert (parsed.lang, parsed.preset, parsed.present) == ("zh", "dual-carbon", True)
    assert parsed.levers == changed and not parsed.notices
    # out of range, off the step grid, not a number, unknown
    parsed = url_state.read(
        {"nuclear_capacity": "1e6", "dac_year": "2050.4", "beccs": "nan", "x": "1", "lang": "fr"},
        ["china"],
    )
    assert parsed.lang == "en"
    assert parsed.levers["nuclear_capacity"] == scenario.catalogue()["nuclear_capacity"].max
    assert parsed.levers["dac_year"] == 2050
    assert "beccs" not in parsed.levers  # fell back to the preset value
    assert {n.key for n in parsed.notices} == {
        "notice_clipped",
        "notice_not_whole",
        "notice_nan",
        "notice_unknown",
    }
    assert all(n.text("zh") and n.text("en") for n in parsed.notices)


@pytest.mark.parametrize("page", list(PAGES))
def test_language_switch_both_ways_on_every_page(page):
    """English -> 中文 -> English on each page keeps the preset, the levers and the page, with
    choice widgets of the shown language holding keys (never translated labels)."""
    at = open_app(preset="dual-carbon", dac="300")
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    title_en = at.title[0].value
    for lang in ("zh", "en", "zh", "en"):
        at.segmented_control(key="w.lang").set_value(lang).run()
        clean(at)
        assert at.session_state["lang"] == lang
        assert at.session_state["preset"] == "dual-carbon"
        assert at.session_state["levers"]["dac"] == 300
        assert at.selectbox(key=f"w.preset.{lang}").value == "dual-carbon"
        assert at.selectbox(key=f"w.region.{lang}").value == "china"
        if page == "compare":
            assert at.multiselect(key=f"cmp_pick.{lang}").value[0] == "current"
    assert at.title[0].value == title_en
    # a preset chosen after the round trip still applies
    at.selectbox(key="w.preset.en").set_value("accelerated").run()
    clean(at)
    assert at.session_state["preset"] == "accelerated"


def test_a_lever_without_effect_says_why_on_its_slider():
    """Under current policies, storage below the grid limit, the solar/wind split and the year of
    the nuclear programme do not move net CO2: their sliders carry the ⊘ mark and the reason
    (pathways.lever_effects); levers that act carry no mark."""
    at = open_app()
    clean(at)
    storage = lever_slider(at, "storage_capacity")
    assert storage.label.startswith(":gray[⊘]")
    assert "grid can take" in storage.help
    assert "not emissions" in lever_slider(at, "solar_share_of_wind_solar").help
    assert "already counts on" in lever_slider(at, "nuclear_capacity_year").help
    for acting in ("power_nonfossil_share", "nuclear_capacity", "dac"):
        assert not lever_slider(at, acting).label.startswith(":gray"), acting
    # with a non-fossil target the grid cannot absorb, storage acts and the mark goes
    lever_slider(at, "power_nonfossil_share").set_value(95.0).run()
    assert not lever_slider(at, "storage_capacity").label.startswith(":gray")
    zh = open_app(lang="zh")
    assert "电网可消纳上限" in lever_slider(zh, "storage_capacity").help


@pytest.mark.parametrize("page", list(PAGES))
def test_presentation_mode_reaches_every_page(page):
    """In presentation mode every page opens and draws; the CSS that hides the controls leaves
    the top bar's page links (stTopNav) visible (the browser test clicks them)."""
    at = open_app(present="1", lang="zh")
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    clean(at)
    assert at.title and at.session_state["present"] is True
    assert at.button(key="w.exit_present")
    from pathways.ui.shell import PRESENT_CSS

    assert any(PRESENT_CSS.strip() in m.value for m in at.markdown)
    hidden = PRESENT_CSS.split("{ display: none")[0]  # the selectors presentation mode hides
    assert "stSidebar" in hidden
    assert "stTopNav" not in hidden and '"stToolbar"' not in hidden and "stHeader" not in hidden


def test_checklist_says_which_targets_history_already_meets():
    at = open_app()
    text = " ".join(m.value for m in at.markdown)
    assert "met by the 2024 statistics" in text
    zh = open_app(lang="zh")
    assert "2024年统计数据已实现" in " ".join(m.value for m in zh.markdown)
