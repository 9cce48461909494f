"""The dashboard for a province (issue 17): the region selector names the provinces in both
languages, every page works for Inner Mongolia, and switching region carries the scenario over."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pathways import model, scenario
from pathways.ui.compare_page import _entry
from tests.conftest import lever_slider, open_app
from tests.test_app import PAGES, clean


def region_box(at: AppTest, lang: str = "en"):
    return at.selectbox(key=f"w.region.{lang}")


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_works_for_inner_mongolia(page, lang):
    at = open_app(lang=lang, region="CN-NM")
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    clean(at)
    assert at.title, page
    assert at.session_state["region"] == "CN-NM"


@pytest.mark.parametrize(
    "lang, names",
    [("en", ["China", "Inner Mongolia", "Shanxi"]), ("zh", ["中国", "内蒙古自治区", "山西省"])],
)
def test_region_selector_names_the_provinces(lang, names):
    at = open_app(lang=lang)
    box = region_box(at, lang)
    assert list(box.options) == names


def test_overview_of_a_province_uses_its_own_levers_and_cites_ceads():
    at = open_app(region="CN-SX")
    clean(at)
    levers = at.session_state["levers"]
    assert levers == scenario.complete(region="CN-SX")
    assert lever_slider(at, "nuclear_capacity").value == 0
    captions = " ".join(c.value for c in at.caption)
    assert "Shanxi" in captions and "CEADs" in captions and "Guan et al. 2021" in captions
    # the cards show the province's own run
    expected = model.run(levers, region="CN-SX").indicators["peak_year"][0]
    peak = next(m for m in at.metric if "peak" in m.label.lower() and "year" in m.label.lower())
    assert peak.value == f"{expected:.0f}"


def test_switching_region_carries_the_preset_and_offers_the_province_s_plan():
    at = open_app(preset="dual-carbon")
    region_box(at).set_value("CN-NM").run()
    clean(at)
    assert at.session_state["region"] == "CN-NM" and at.session_state["preset"] == "dual-carbon"
    assert at.session_state["levers"] == scenario.complete(preset="dual-carbon", region="CN-NM")
    presets = at.selectbox(key="w.preset.en")
    assert "Inner Mongolia peaking plan" in presets.options
    presets.set_value("CN-NM-peaking-plan").run()
    clean(at)
    assert at.session_state["levers"] == scenario.complete(
        preset="CN-NM-peaking-plan", region="CN-NM"
    )
    # back to the nation: the province's own plan does not exist there, current policies does
    region_box(at).set_value("china").run()
    clean(at)
    assert at.session_state["preset"] == "current-policies"
    assert at.session_state["levers"] == scenario.complete()


def test_a_bad_region_in_the_url_falls_back_to_the_nation():
    at = open_app(region="CN-XX")
    clean(at)
    assert at.session_state["region"] == "china"


def test_compare_can_put_provinces_side_by_side():
    entry = _entry("preset:dual-carbon@CN-SX", None, "en", [])
    assert entry.region == "CN-SX"
    assert entry.levers == scenario.complete(preset="dual-carbon", region="CN-SX")
