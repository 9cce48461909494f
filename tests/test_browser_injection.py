"""Markdown/HTML injection in a real browser (issue 13): a URL whose parameter names and values
are Markdown links, images and HTML shows them as text in the app's notices — no ``<a>`` or
``<img>`` from them, and no request to their host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.app_server import CHROMIUM, CHROMIUM_ARGS, streamlit_app

pytestmark = pytest.mark.browser

HOSTILE_QUERY = (
    f"{quote('[Log in](https://ev.il/x)')}=1"
    f"&region={quote('![t](https://ev.il/p.png)')}"
    f"&preset={quote('<img src=https://ev.il/q.png>')}"
)


def test_markdown_injection_url_renders_as_text(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no system Chromium at {CHROMIUM}")
    playwright_api = pytest.importorskip("playwright.sync_api")
    env = {"PATHWAYS_DATA_DIR": str(tmp_path), "PATHWAYS_DB_URL": ""}
    with streamlit_app(env) as (url, _log), playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{url}/?{HOSTILE_QUERY}")
        alerts = page.locator("[data-testid=stAlert]", has_text="ev.il")
        alerts.first.wait_for(timeout=60000)
        page.wait_for_timeout(1500)
        text = " ".join(alerts.all_inner_texts()).replace("\u2060", "")  # see ui/text.plain
        assert "[Log in](https://ev.il/x)" in text
        assert "![t](https://ev.il/p.png)" in text
        assert "<img src=https://ev.il/q.png>" in text
        anchors = page.locator("a[href*='ev.il']")
        assert anchors.count() == 0, [
            a.evaluate("e => e.parentElement.outerHTML") for a in anchors.all()
        ]
        assert page.locator("img[src*='ev.il']").count() == 0
        assert not [u for u in requested if u.startswith(("https://ev.il", "http://ev.il"))]
        browser.close()
