"""Build time and size of the meeting pack (issue 16: at most 3 s in the dashboard).

For each format (pptx, html, xlsx) and language, prints the median time to gather and write the
pack of one scenario (the dashboard's case: its model runs and Shapley split are already cached
by the page, as ``pathways.ui.cached_api`` does) and of a three-scenario compare pack, the time of a
cold build (model runs and split included, as ``pathways report`` does) and the file sizes.
With ``--browser`` it also runs the dashboard and clicks each "Meeting pack" button in the system
Chromium (Overview, then Compare with its three default scenarios, in English and Chinese),
printing the time from the click to the finished download: what a user waits for.
Run: ``python benchmarks/bench_pack.py [--browser]``.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from pathlib import Path

from pathways import contributions, model, scenario
from pathways.report import FORMATS, PackScenario, gather, render

REPEATS = 5


@functools.cache
def _run(items, region):
    return model.run(dict(items), region=region)


@functools.cache
def _split(items, base_items, region):
    return contributions.shapley(dict(items), dict(base_items), region=region)


def run(levers, region):
    return _run(tuple(levers.items()), region)


def split(levers, baseline, region):
    return _split(tuple(levers.items()), tuple(baseline.items()), region)


def timed(entries, fmt, lang, **kwargs) -> tuple[float, int]:
    start = time.perf_counter()
    data = render(gather(entries, lang, **kwargs), fmt)
    return time.perf_counter() - start, len(data)


def main() -> None:
    dual = scenario.complete(preset="dual-carbon")
    one = [PackScenario("My plan", dual | {"dac": 300.0}, "china", "dual-carbon")]
    three = [
        PackScenario(p, scenario.complete(preset=p), "china", p)
        for p in ("current-policies", "dual-carbon", "accelerated")
    ]
    model.run(dual)  # imports, calibration
    for fmt in FORMATS:
        cold, _ = timed(one, fmt, "en")
        print(f"{fmt} cold (model runs and split included): {cold * 1000:.0f} ms")
        for lang in ("en", "zh"):
            for label, entries in (("single", one), ("compare3", three)):
                times, size = [], 0
                for _ in range(REPEATS):
                    seconds, size = timed(entries, fmt, lang, run=run, split=split)
                    times.append(seconds)
                print(
                    f"{fmt} {lang} {label}: median {statistics.median(times) * 1000:.0f} ms, "
                    f"max {max(times) * 1000:.0f} ms, {size / 1024:.0f} KiB"
                )


def browser() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from playwright.sync_api import sync_playwright

    from pathways.i18n import t
    from tests.app_server import CHROMIUM, CHROMIUM_ARGS, streamlit_app

    with streamlit_app() as (url, _log), sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = chromium.new_context(
            viewport={"width": 1600, "height": 1000}, accept_downloads=True
        ).new_page()
        for lang in ("en", "zh"):
            for where, path in (("overview", ""), ("cmp", "compare")):
                page.goto(f"{url}/{path}?lang={lang}&preset=dual-carbon&dac=300")
                group = page.locator(f".st-key-pack-{where}")
                group.wait_for(timeout=120_000)
                time.sleep(2)
                for fmt in (*FORMATS, "pptx"):  # pptx twice: the second click is served cached
                    button = group.get_by_role("button", name=t(f"pack_{fmt}", lang))
                    start = time.perf_counter()
                    with page.expect_download(timeout=120_000) as info:
                        button.click()
                    size = Path(info.value.path()).stat().st_size
                    seconds = time.perf_counter() - start
                    print(
                        f"browser {lang} {path} {fmt}: click to download {seconds * 1000:.0f} ms, {size / 1024:.0f} KiB"
                    )
        chromium.close()


if __name__ == "__main__":
    main()
    if "--browser" in sys.argv:
        browser()
