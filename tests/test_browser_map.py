"""The province map in a real browser (system Chromium via Playwright; never downloads one): the
Compare page draws the choropleth with its 30 provinces, and a click on a province selects it
(Streamlit's chart selection event): the region on screen becomes that province, as the region
selector and the selectbox beside the map then show."""

from __future__ import annotations

import time

import pytest

from tests.app_server import CHROMIUM, CHROMIUM_ARGS, playwright_or_skip, streamlit_app

pytestmark = pytest.mark.browser

TARGET = "CN-SC"  # Sichuan: large and compact, its bounding box's centre lies inside it


@pytest.fixture(scope="module")
def page():
    playwright_api = playwright_or_skip()
    with streamlit_app() as (url, _log), playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1100})
        page = context.new_page()
        page.goto(f"{url}/compare?preset=current-policies")
        page.wait_for_selector(".st-key-cmp_map", timeout=90000)
        page.locator(".st-key-cmp_map").scroll_into_view_if_needed()
        # drawn offline: Plotly's geo base map is an empty inline topology (figures.MAP_CONFIG)
        page.wait_for_selector(".st-key-cmp_map path.choroplethlocation", timeout=60000)
        time.sleep(1.0)
        yield page
        browser.close()


def _shown(page, selector: str) -> str:
    """What a selectbox shows: its text and its input's value (while the app reruns, a stale
    copy of the element may still be on the page: the fresh one is read)."""
    return page.locator(f"{selector}:not([data-stale='true'])").first.evaluate(
        "e => e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')"
    )


def _pick_text(page) -> str:
    return _shown(page, ".st-key-map_pick-en")


def test_the_map_renders_every_province(page):
    chart = page.locator(".st-key-cmp_map .js-plotly-plot")
    assert chart.count() == 1
    locations = chart.evaluate("gd => gd.data[1].locations")
    assert len(locations) == 30 and TARGET in locations
    # one drawn shape per coloured province, plus the four places without data in grey
    coloured = page.locator(".st-key-cmp_map .choroplethlayer .trace").nth(1)
    assert coloured.locator("path.choroplethlocation").count() == 30
    assert page.locator("[data-testid=stException]").count() == 0
    assert "China" in _pick_text(page)


def test_clicking_a_province_selects_it(page):
    chart = page.locator(".st-key-cmp_map .js-plotly-plot")
    index = chart.evaluate(f"gd => gd.data[1].locations.indexOf('{TARGET}')")
    shape = (
        page.locator(".st-key-cmp_map .choroplethlayer .trace")
        .nth(1)
        .locator("path.choroplethlocation")
        .nth(index)
    )
    box = shape.bounding_box()
    assert box is not None and box["width"] > 10
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    time.sleep(0.3)
    hover = page.locator(".st-key-cmp_map .hoverlayer").text_content() or ""
    assert "Sichuan" in hover, hover
    page.mouse.click(x, y)
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        if "Sichuan" in _pick_text(page) and "Sichuan" in _shown(page, ".st-key-w-region-en"):
            break
        time.sleep(0.25)
    assert "Sichuan" in _pick_text(page)
    region = _shown(page, ".st-key-w-region-en")  # the sidebar follows: the whole app reran
    assert "Sichuan" in region, region
    assert "region=CN-SC" in page.url
    assert page.locator("[data-testid=stException]").count() == 0
