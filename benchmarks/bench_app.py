"""Dashboard speed in a real browser: slider key press -> trajectory chart redrawn.

Starts ``streamlit run app.py`` (PATHWAYS_TIMING=1, so every script run logs its duration),
opens it in the system Chromium, focuses the 'non-fossil share of power' slider and presses the
arrow key MOVES times (each a new value, so no cached result is reused), waiting each time for
the trajectory chart's ``plotly_afterplot``. Prints the median and p95 key-press -> afterplot
time (this includes Streamlit's 200 ms slider debounce) and the median server-side rerun time.

    python benchmarks/bench_app.py [--moves 25] [--lever power_nonfossil_share]

Then the first steps of a planner (issue 9), each in a new browser context on the warm server,
timed from navigation start (or the click) until every chart of the page has drawn:
first chart / all charts of a new session, a share link opened, presentation mode switched on,
the language switched to 中文. Targets: first chart <= 3 s, share link <= 3 s, mode and language
switch <= 1 s.

Targets: median key press -> redraw <= 400 ms; median rerun <= 80 ms. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.app_server import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    RECORD_AFTERPLOT,
    press_until_redraw,
    streamlit_app,
    wait_for_redraw,
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


OVERVIEW_CHARTS = ("trajectory", "contributions", "primary", "power")


def _all_drawn(
    page, since: float, timeout_ms: float = 30000, keys=OVERVIEW_CHARTS
) -> tuple[float, float]:
    """(first, last) time (performance.now()) at which the Overview charts drew after ``since``."""
    keys = list(keys)
    check = f"() => {keys!r}.every(k => window.__afterplot.some(e => e.key === k && e.t > {since}))"
    page.wait_for_function(check, timeout=timeout_ms, polling=16)
    times = page.evaluate(
        f"() => {keys!r}.map(k => window.__afterplot.find(e => e.key === k && e.t > {since}).t)"
    )
    return min(times), max(times)


def bare_first_chart(browser, url: str) -> tuple[float, float]:
    """First and last chart of the bare reference app in a new session (ms from navigation)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(RECORD_AFTERPLOT)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    drawn = _all_drawn(page, 0, keys=("bare0", "bare1"))
    context.close()
    return drawn


def first_steps(browser, url: str, repeats: int, bare_url: str) -> dict[str, list[float]]:
    """Times (ms) of the first steps, each in a fresh browser context (a new session), with the
    bare app's first chart measured between them as the reference."""
    from pathways import scenario, share

    levers = scenario.complete(preset="dual-carbon") | {"dac": 250.0, "ccus_capacity": 900.0}
    code = share.encode(levers, "china", "dual-carbon")
    out: dict[str, list[float]] = {
        k: []
        for k in ("first_chart", "all_charts", "share_link", "present", "language", "bare_first")
    }
    bare_first_chart(browser, bare_url)  # warm up the reference
    for _ in range(repeats):
        out["bare_first"].append(bare_first_chart(browser, bare_url)[1])
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(RECORD_AFTERPLOT)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        first, last = _all_drawn(page, 0)
        out["first_chart"].append(first)
        out["all_charts"].append(last)
        time.sleep(1.0)
        since = page.evaluate("() => performance.now()")
        page.locator(".st-key-w-present label").click()
        out["present"].append(_all_drawn(page, since)[1] - since)
        time.sleep(1.0)
        page.goto(url, wait_until="commit")  # back to a normal page (a new session)
        _all_drawn(page, 0)
        time.sleep(1.0)
        since = page.evaluate("() => performance.now()")
        page.locator(".st-key-w-lang button").nth(1).click()
        out["language"].append(_all_drawn(page, since)[1] - since)
        share_page = context.new_page()
        share_page.goto(f"{url}/?{share.QUERY_PARAM}={code}", wait_until="commit")
        out["share_link"].append(_all_drawn(share_page, 0)[1])
        context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=25)
    parser.add_argument("--lever", default="power_nonfossil_share")
    parser.add_argument("--key", default="ArrowLeft", help="key to press (each press = one step)")
    parser.add_argument("--first-steps", type=int, default=5, help="repeats of the first steps")
    args = parser.parse_args()

    bare = streamlit_app(script=str(Path(__file__).with_name("bare_app.py")))
    with streamlit_app(env={"PATHWAYS_TIMING": "1"}) as (url, log), bare as (bare_url, _):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.add_init_script(RECORD_AFTERPLOT)
            page.goto(url)
            page.wait_for_selector(".st-key-chart-trajectory .js-plotly-plot", timeout=60000)
            time.sleep(2)
            thumb = page.locator(f".st-key-lv-{args.lever} input[type=range]")
            thumb.focus()
            for _ in range(3):  # warm up
                press_until_redraw(page, thumb, args.key, "trajectory")
                time.sleep(0.4)
            runs_before = len(re.findall(r"PATHWAYS_RERUN_MS", log.read_text()))
            latencies = []
            for _ in range(args.moves):
                since = page.evaluate("() => performance.now()")
                thumb.press(args.key)
                drawn = wait_for_redraw(page, "trajectory", since)
                latencies.append(drawn - since)
                time.sleep(0.4)  # let the page settle, like a user pausing between moves
            value = thumb.get_attribute("value")
            steps = (
                first_steps(browser, url, args.first_steps, bare_url) if args.first_steps else {}
            )
            browser.close()
        reruns = [float(x) for x in re.findall(r"PATHWAYS_RERUN_MS ([\d.]+)", log.read_text())]
        reruns = reruns[runs_before:]

    print(f"lever {args.lever}: {args.moves} key presses ({args.key}), final value {value}")
    print(
        f"key press -> trajectory redraw (plotly_afterplot): median {statistics.median(latencies):.0f} ms, "
        f"p95 {percentile(latencies, 95):.0f} ms, min {min(latencies):.0f} ms, max {max(latencies):.0f} ms"
    )
    print(
        f"server-side rerun ({len(reruns)} runs): median {statistics.median(reruns):.1f} ms, "
        f"p95 {percentile(reruns, 95):.1f} ms"
    )
    print("targets: median redraw <= 400 ms (incl. 200 ms slider debounce), median rerun <= 80 ms")
    targets = {"first_chart": 3000, "all_charts": None, "share_link": 3000, "present": 1000}
    targets["language"] = 1000
    bare_ms = statistics.median(steps["bare_first"]) if steps else float("nan")
    for name, times in steps.items():
        target = targets.get(name)
        median = statistics.median(times)
        ratio = (
            f", {median / bare_ms:.1f}x the bare app's first chart" if name != "bare_first" else ""
        )
        print(
            f"first steps, {name}: median {median:.0f} ms, max {max(times):.0f} ms over "
            f"{len(times)} new sessions{ratio}" + (f" (target <= {target} ms)" if target else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
