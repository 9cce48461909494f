"""Every number and label is whole, in a real browser (system Chromium via Playwright).

At 1280×800 and 1920×1080, in English and 中文, with presentation mode off and on, every page is
opened and checked by ``tests/js/layout_problems.js``: no card label, value, change chip, button or
navigation link is cut off or ellipsised; no chart title, subtitle or annotation runs out of its
chart; no legend leaves its chart or covers the year axis. Presentation mode keeps the page links.
A screenshot of each page is kept under a temporary directory (printed) as a test artefact. Also:
English -> 中文 -> English in the browser keeps the app alive (the preset selectbox used to receive a
translated label and crash the session).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from tests.app_server import CHROMIUM, CHROMIUM_ARGS, playwright_or_skip, streamlit_app

pytestmark = pytest.mark.browser

CHECK = (Path(__file__).parent / "js" / "layout_problems.js").read_text(encoding="utf-8")
PAGES = {
    "overview": "",
    "restoration": "restoration",
    "uncertainty": "uncertainty",
    "compare": "compare",
    "methods": "methods",
}
VIEWPORTS = [(1280, 800), (1920, 1080)]
SHOTS = Path(tempfile.mkdtemp(prefix="pathways-screenshots-"))


@pytest.fixture(scope="module")
def browser_and_url():
    api = playwright_or_skip()
    with streamlit_app() as (url, _log), api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser, url
        browser.close()
    print(f"screenshots in {SHOTS}")


def settle(page, timeout: float = 60) -> None:
    """Wait until the page has its title, no script is running and every chart has drawn."""
    page.wait_for_selector("h1", timeout=timeout * 1000)
    deadline, quiet = time.time() + timeout, 0
    while time.time() < deadline:
        charts = page.locator("[data-testid=stPlotlyChart]").count()
        drawn = page.locator(".js-plotly-plot .main-svg").count()
        running = page.locator("[data-testid=stStatusWidget]").count()
        quiet = quiet + 1 if drawn >= charts and not running else 0
        if quiet >= 4:
            return
        time.sleep(0.25)
    raise AssertionError("the page did not settle")


@pytest.mark.parametrize("present", ["0", "1"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def test_nothing_is_cut_off(browser_and_url, viewport, lang, present):
    browser, url = browser_and_url
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    problems = {}
    try:
        for name, path in PAGES.items():
            page.goto(f"{url}/{path}?lang={lang}&present={present}")
            settle(page)
            found = page.evaluate(CHECK)
            page.screenshot(
                path=SHOTS / f"{viewport[0]}x{viewport[1]}-{lang}-p{present}-{name}.png"
            )
            if found:
                problems[name] = found
            assert not page.locator("[data-testid=stException]").count(), name
    finally:
        context.close()
    assert not problems, problems


def test_presentation_mode_reaches_every_page_from_the_top_bar(browser_and_url):
    browser, url = browser_and_url
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{url}/?present=1&lang=zh")
        settle(page)
        assert not page.locator("[data-testid=stSidebar]").is_visible()
        links = page.locator("[data-testid=stTopNavLink]")
        assert links.count() == len(PAGES)
        titles = []
        for i in range(len(PAGES)):
            page.locator("[data-testid=stTopNavLink]").nth(i).click()
            settle(page)
            titles.append(page.locator("h1").first.inner_text())
        assert len(set(titles)) == len(PAGES), titles
        assert "present=1" in page.url and "lang=zh" in page.url
    finally:
        context.close()


def test_language_round_trip_in_the_browser_keeps_the_session(browser_and_url):
    browser, url = browser_and_url
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        for path in ("", "compare"):
            page.goto(f"{url}/{path}?preset=dual-carbon")
            settle(page)
            for lang_button in (1, 0, 1, 0):  # 中文, English, 中文, English
                page.locator(".st-key-w-lang button").nth(lang_button).click()
                settle(page)
                assert not page.locator("[data-testid=stException]").count()
                assert page.locator("[data-testid=stSidebar]").is_visible()
            box = page.locator(".st-key-w-preset-en")
            shown = box.evaluate(
                "e => e.textContent + ' ' + [...e.querySelectorAll('input')]"
                ".map(i => i.value).join(' ')"
            )
            assert "Dual-carbon" in shown, shown
    finally:
        context.close()
