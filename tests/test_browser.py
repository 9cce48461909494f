"""The running app in a real browser (system Chromium via Playwright; never downloads one):
the page loads; a slider moved with the keyboard redraws every chart and changes the cards while
only the live fragment reruns (pathways/ui/live.py: the full script's run count, logged with
PATHWAYS_TIMING=1, does not grow); the CSV download parses and equals the CLI's output for the same
levers; and the downloads, the share link and a library save, all drawn outside the fragment, carry
a lever moved inside it (nothing captured when drawn goes stale)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from pathways import share
from tests.app_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RECORD_AFTERPLOT,
    ROOT,
    playwright_or_skip,
    press_until_redraw,
    streamlit_app,
    wait_for_redraw,
)

pytestmark = pytest.mark.browser

LEVER = "power_nonfossil_share"


OVERVIEW_CHARTS = ("trajectory", "contributions", "primary", "power")


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('library') / 'scenarios.db'}"


@pytest.fixture(scope="module")
def app_log(page):
    return page._app_log


@pytest.fixture(scope="module")
def page(db_url):
    playwright_api = playwright_or_skip()
    env = {"PATHWAYS_TIMING": "1", "PATHWAYS_DB_URL": db_url}
    with streamlit_app(env=env) as (url, log), playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1600, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.add_init_script(RECORD_AFTERPLOT)
        page.goto(url)
        page.wait_for_selector(".st-key-chart-trajectory .js-plotly-plot", timeout=60000)
        time.sleep(1.5)
        page._app_log = log
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
    assert len(metric_values(page)) == 9 + 2  # indicator cards, system cost, cost per tonne
    assert page.locator(".js-plotly-plot").count() >= 4
    assert page.locator("[data-testid=stException]").count() == 0


def runs(log: Path) -> tuple[int, int]:
    """(full script runs, live fragment runs) so far, from the server log (PATHWAYS_TIMING=1)."""
    text = log.read_text()
    return text.count("PATHWAYS_RERUN_MS"), text.count("PATHWAYS_FRAGMENT_MS")


def wait_quiet(log: Path, seconds: float = 1.0, timeout: float = 20) -> tuple[int, int]:
    """Wait until the run counts have not changed for ``seconds``; the counts."""
    deadline, last, since = time.time() + timeout, runs(log), time.time()
    while time.time() < deadline:
        time.sleep(0.2)
        now = runs(log)
        if now != last:
            last, since = now, time.time()
        elif time.time() - since >= seconds:
            return now
    raise AssertionError("the app did not go quiet")


def test_keyboard_slider_redraws_every_chart_and_the_cards_in_the_fragment_only(page, app_log):
    full_before, live_before = wait_quiet(app_log)
    title = page.locator("h1").first.element_handle()
    before = metric_values(page)
    thumb = page.locator(f".st-key-lv-{LEVER} input[type=range]")
    start = float(thumb.get_attribute("value"))
    thumb.focus()
    since = page.evaluate("() => performance.now()")
    press_until_redraw(page, thumb, "ArrowRight", "trajectory")
    for chart in OVERVIEW_CHARTS:  # every chart of the page shows the new scenario
        wait_for_redraw(page, chart, since)
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".map(e => e.innerText).join('|') !== before",
        arg="|".join(before),
        timeout=15000,
    )
    assert float(thumb.get_attribute("value")) > start
    assert metric_values(page) != before
    assert f"{LEVER}=" in page.url
    full_after, live_after = wait_quiet(app_log)
    assert full_after == full_before, "a lever move reran the full script"
    assert live_after > live_before, "a lever move did not rerun the live fragment"
    assert title.evaluate("e => e.isConnected"), "the static title was redrawn"
    # the lever controls in the sidebar are the fragment's too: the mark and the reset button
    changed = page.locator(f".st-key-lv-{LEVER} [data-testid=stWidgetLabel]").inner_text()
    assert "●" in changed
    assert page.locator(".st-key-w-reset button").first.is_enabled()


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


def _share_code(page) -> str:
    page.locator("[data-testid=stExpander] summary", has_text="Share link").click()
    text = page.locator(".st-key-share-link code").first.inner_text()
    return text.split(f"{share.QUERY_PARAM}=")[-1].split("&")[0]


def test_what_is_drawn_outside_the_fragment_uses_the_lever_moved_inside_it(page, app_log, db_url):
    """The downloads, the share link and the library's save are drawn by full runs only; after
    lever moves that reran only the fragment they must carry the new values, not the ones they
    were drawn with."""
    full_before, _ = wait_quiet(app_log)
    thumb = page.locator(f".st-key-lv-{LEVER} input[type=range]")
    thumb.focus()
    press_until_redraw(page, thumb, "ArrowRight", "trajectory")
    press_until_redraw(page, thumb, "ArrowRight", "trajectory")
    wait_quiet(app_log)
    assert runs(app_log)[0] == full_before, "the moves reran the full script"
    value = float(thumb.get_attribute("value"))
    # downloads: made when clicked, from the scenario on screen
    toml_text = _download(page, "dl-toml")
    assert tomllib.loads(toml_text)["levers"][LEVER] == pytest.approx(value)
    csv_text = _download(page, "dl-csv")
    assert "current-policies-custom" in csv_text
    # the share link in the sidebar
    decoded = share.decode(_share_code(page))
    assert decoded.levers[LEVER] == pytest.approx(value)
    # save to the library: the saved scenario is the one on screen now
    page.locator("[data-testid=stExpander] summary", has_text="Scenario library").click()
    page.locator(".st-key-lib_save_name input").fill("moved in the fragment")
    page.locator(".st-key-lib_save_name input").press("Enter")
    wait_quiet(app_log)
    page.locator(".st-key-lib_save button").click()
    wait_quiet(app_log)
    from pathways.store import Store

    store = Store(db_url)
    saved = [r for r in store.list() if r.name == "moved in the fragment"]
    assert saved, "nothing saved"
    assert store.open(saved[0].id).levers[LEVER] == pytest.approx(value)
