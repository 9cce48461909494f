"""Start ``streamlit run app.py`` on a free localhost port for browser tests and benchmarks.

Uses the system Chromium (``/usr/bin/chromium``); never downloads a browser.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PATHWAYS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def playwright_or_skip():
    """playwright.sync_api, or skip the test when it or Chromium is missing. Under the README's
    test command (PATHWAYS_REQUIRE_BROWSER=1) a missing browser is a failure, not a skip."""
    import importlib

    import pytest

    required = os.environ.get("PATHWAYS_REQUIRE_BROWSER") == "1"
    problem = None if Path(CHROMIUM).exists() else f"no system Chromium at {CHROMIUM}"
    try:
        api = importlib.import_module("playwright.sync_api")
    except ImportError as exc:
        problem = problem or f"playwright is not installed ({exc})"
    if problem:
        if required:
            pytest.fail(problem)
        pytest.skip(problem)
    return api


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_app(
    env: dict[str, str] | None = None, timeout: float = 60, script: str = "app.py"
) -> Iterator[tuple[str, Path]]:
    """Run the app (or another ``script``, e.g. the benchmarks' bare reference app); yields
    (base URL, path of the server's log). Stops it on exit."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=os.environ | (env or {})
        )
    try:
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.unlink(missing_ok=True)


# Installed before the app loads (page.add_init_script). Streamlit remounts a Plotly chart when its
# figure changes, so a listener on one chart element is lost; instead catch the ``emit`` function
# Plotly assigns to every new graph div and record each ``plotly_afterplot`` with the chart's
# container key (``st-key-chart-<name>``) in ``window.__afterplot``.
RECORD_AFTERPLOT = """
(() => {
  window.__afterplot = [];
  Object.defineProperty(HTMLDivElement.prototype, 'emit', {
    configurable: true,
    set(fn) {
      const gd = this;
      Object.defineProperty(gd, 'emit', {
        configurable: true,
        writable: true,
        value: function (event, data) {
          if (event === 'plotly_afterplot') {
            const box = gd.closest('[class*="st-key-chart-"]');
            const key = box ? [...box.classList].find(c => c.startsWith('st-key-chart-')) : '';
            window.__afterplot.push({t: performance.now(), key: key.replace('st-key-chart-', '')});
          }
          return fn.apply(gd, arguments);
        },
      });
    },
  });
})();
"""


def wait_for_redraw(page, chart: str, since: float, timeout_ms: float = 15000) -> float:
    """Wait for ``chart`` to finish a redraw after ``since`` (performance.now()); its time."""
    check = f"() => window.__afterplot.some(e => e.key === {chart!r} && e.t > {since})"
    page.wait_for_function(check, timeout=timeout_ms, polling=16)
    return page.evaluate(
        f"() => window.__afterplot.find(e => e.key === {chart!r} && e.t > {since}).t"
    )


def press_until_redraw(page, locator, key: str, chart: str, tries: int = 3) -> float:
    """Press ``key`` on ``locator`` until ``chart`` redraws (the first press after page load can
    land while the app is still settling); returns the redraw time."""
    for attempt in range(tries):
        since = page.evaluate("() => performance.now()")
        locator.press(key)
        try:
            return wait_for_redraw(
                page, chart, since, timeout_ms=5000 if attempt < tries - 1 else 15000
            )
        except Exception:  # noqa: BLE001 - playwright's TimeoutError; retry
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")
