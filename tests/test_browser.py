"""The running app in a real browser (system Chromium via Playwright; never downloads one):
the page loads, a slider moved with the keyboard redraws the trajectory chart and changes a card,
and the CSV download parses and equals the CLI's output for the same levers."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RECORD_AFTERPLOT,
    ROOT,
    playwright_or_skip,
    press_until_redraw,
    streamlit_app,
)

pytestmark = pytest.mark.browser

LEVER = "power_nonfossil_share"


@pytest.fixture(scope="module")
def page():
    playwright_api = playwright_or_skip()
    with streamlit_app() as (url, _log), playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1600, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.add_init_script(RECORD_AFTERPLOT)
        page.goto(url)
        page.wait_for_selector(".st-key-chart-trajectory .js-plotly-plot", timeout=60000)
        time.sleep(1.5)
        yield page
        browser.close()


def metric_values(page) -> list[str]:
    return [m.inner_text() for m in page.locator("[data-testid=stMetricValue]").all()]


def cli_csv(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pathways", "run", *args, "--out", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_page_loads(page):
    assert page.locator("h1").first.inner_text().startswith("China carbon-neutrality")
    assert len(metric_values(page)) == 9
    assert page.locator(".js-plotly-plot").count() >= 4
    assert page.locator("[data-testid=stException]").count() == 0


def test_keyboard_slider_redraws_chart_and_changes_a_card(page):
    before = metric_values(page)
    thumb = page.locator(f".st-key-lv-{LEVER} input[type=range]")
    start = float(thumb.get_attribute("value"))
    thumb.focus()
    press_until_redraw(page, thumb, "ArrowRight", "trajectory")
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".map(e => e.innerText).join('|') !== before",
        arg="|".join(before),
        timeout=15000,
    )
    assert float(thumb.get_attribute("value")) > start
    assert metric_values(page) != before
    assert f"{LEVER}=" in page.url


def _download(page, key: str) -> str:
    with page.expect_download(timeout=30000) as info:
        page.locator(f".st-key-{key} button").first.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False)):
        if x != y:
            return f"line {i + 1}:\n app: {x[:300]}\n cli: {y[:300]}"
    return f"lengths differ: {len(a.splitlines())} vs {len(b.splitlines())} lines"


def test_csv_download_matches_the_cli(page, tmp_path):
    thumb = page.locator(f".st-key-lv-{LEVER} input[type=range]")
    value = thumb.get_attribute("value")
    time.sleep(0.5)
    text = _download(page, "dl-csv")
    frame = pd.read_csv(io.StringIO(text))
    assert {"Model", "Scenario", "Region", "Variable", "Unit", "2020", "2060"} <= set(frame.columns)
    assert "Emissions|CO2" in set(frame["Variable"])
    expected = cli_csv(
        "--preset", "current-policies", "--set", f"{LEVER}={value}",
        "--name", "current-policies-custom",
    )  # fmt: skip
    assert text == expected, _first_difference(text, expected)
    # the lever settings file reads back through --scenario to the same results
    toml_text = _download(page, "dl-toml")
    scenario_file = tmp_path / "scenario.toml"
    scenario_file.write_text(toml_text, encoding="utf-8")
    assert cli_csv("--scenario", str(scenario_file)) == expected
