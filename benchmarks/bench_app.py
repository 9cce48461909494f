"""Dashboard speed in a real browser: slider key press -> trajectory chart redrawn.

Starts ``streamlit run app.py`` (PATHWAYS_TIMING=1, so every script run logs its duration),
opens it in the system Chromium, focuses the 'non-fossil share of power' slider and presses the
arrow key MOVES times (each a new value, so no cached result is reused), waiting each time for
the trajectory chart's ``plotly_afterplot``. Prints the median and p95 key-press -> afterplot
time (this includes Streamlit's 200 ms slider debounce) and the median server-side rerun time.

    python benchmarks/bench_app.py [--moves 25] [--lever power_nonfossil_share]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=25)
    parser.add_argument("--lever", default="power_nonfossil_share")
    parser.add_argument("--key", default="ArrowLeft", help="key to press (each press = one step)")
    args = parser.parse_args()

    with streamlit_app(env={"PATHWAYS_TIMING": "1"}) as (url, log):
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
