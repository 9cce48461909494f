"""What a slider move costs the browser, by layout: app variants measured beside the bare
two-slider two-chart app (``bare_app.py``) in one run, taking turns press by press.

Each argument is ``name:VAR=value,...``; the variables go to the variant's server (see
``benchmarks/floor/floor_app.py``); ``SCRIPT=`` runs another script (e.g. ``app.py``) and ``SEL=``
names the CSS selector of the slider to press (default: the floor app's first slider). Prints,
per variant, the median and p95 from key press to every chart redrawn and the app idle, and the
ratio to the bare app. Example (the layout questions of issue 12)::

    python benchmarks/bench_floor.py c4:NC=4 c2:NC=2 c4-no-legend:NC=4,LEG=0 \\
        subplots:MODE=subplots s26:NS=26 metrics:METRICS=st
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.bench_app import RECORD_MUTATIONS, _settle, percentile  # noqa: E402
from tests.app_server import CHROMIUM, CHROMIUM_ARGS, RECORD_AFTERPLOT, streamlit_app  # noqa: E402

FLOOR_APP = str(HERE / "floor" / "floor_app.py")
FLOOR_SLIDER = ".st-key-s0 input[type=range]"


def parse(spec: str) -> tuple[str, str, str, dict[str, str]]:
    """``name:VAR=v,...`` -> (name, script, slider selector, environment)."""
    name, _, rest = spec.partition(":")
    env = dict(item.split("=", 1) for item in rest.split(",") if item)
    return name, env.pop("SCRIPT", FLOOR_APP), env.pop("SEL", FLOOR_SLIDER), env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+", help="name:VAR=value,...")
    parser.add_argument("--moves", type=int, default=14)
    args = parser.parse_args()
    variants = [("bare", str(HERE / "bare_app.py"), ".st-key-a input[type=range]", {})]
    variants += [parse(spec) for spec in args.variants]
    times: dict[str, list[float]] = {name: [] for name, *_ in variants}
    with contextlib.ExitStack() as stack, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pages = {}
        for name, script, selector, env in variants:
            url, _ = stack.enter_context(streamlit_app(script=script, env=env))
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            context.add_init_script(RECORD_AFTERPLOT)
            context.add_init_script(RECORD_MUTATIONS)
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
            pages[name] = (page, selector)
        time.sleep(2)
        for i in range(args.moves + 2):  # the first two rounds are warm-up
            for name, (page, selector) in pages.items():
                since = page.evaluate("() => performance.now()")
                page.locator(selector).first.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
                charts, idle = _settle(page, since)
                if i >= 2:
                    times[name].append(max(charts, idle) - since)
                time.sleep(0.3)
        browser.close()
    bare = statistics.median(times["bare"])
    print(f"key press -> every chart redrawn and idle, {args.moves} moves (median / p95, ms):")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:16s} {median:6.0f} / {percentile(values, 95):6.0f}"
            f"  ({median / bare:.2f}x bare)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
