"""Back-test of the calibration half-life `momentum_half_life` (docs/methods.md section 1).

For each half-life H the script rewrites calibration.csv in a copy of the data, reloads the base
(the 2021-2024 calibration and the momentum rules both depend on H) and runs every preset. It
prints, per preset, the 2025 change of primary energy, generation and wind + solar capacity over
the mean change of 2021-2024 (the continuity band of tests/test_continuity.py is 0.5-1.5) and
cumulative 2020-2060 net CO2, then the share of the 2021-2024 momentum left in 2031, the first
year of the 16th Five-Year Plan.

    python benchmarks/half_life_backtest.py [--half-lives 0.5 1 1.5 2 2.5 3 4 6]
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pathways import calibration, model, scenario  # noqa: E402
from pathways.data import DATA_DIR  # noqa: E402
from pathways.region import load_region  # noqa: E402

QUANTITIES = {
    "primary energy": lambda r: r["Primary Energy"][0],
    "generation": lambda r: r["Secondary Energy|Electricity"][0],
    "wind+solar capacity": lambda r: (
        r["Capacity|Electricity|Wind"][0] + r["Capacity|Electricity|Solar"][0]
    ),
}
BAND = (0.5, 1.5)


def growth_ratio_2025(series: np.ndarray, years: np.ndarray) -> float:
    """2025 year-on-year change over the mean change of 2021-2024 (as tests/test_continuity.py)."""
    change = dict(zip(years[1:].tolist(), np.diff(series), strict=True))
    return change[2025] / np.mean([change[y] for y in (2021, 2022, 2023, 2024)])


def with_half_life(text: str, half_life: float) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["name"] == calibration.HALF_LIFE_KEY:
            row["value"] = repr(half_life)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--half-lives", type=float, nargs="+", default=[0.5, 1, 1.5, 2, 2.5, 3, 4, 6]
    )
    parser.add_argument("--region", default="china")
    args = parser.parse_args()
    loader = load_region.__wrapped__  # uncached
    presets = scenario.list_presets()
    print(f"2025 growth / 2021-2024 mean growth ({', '.join(QUANTITIES)}); band {BAND}")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, data)
        path = data / args.region / "calibration.csv"
        original = path.read_text(encoding="utf-8")
        for half_life in args.half_lives:
            path.write_text(with_half_life(original, half_life), encoding="utf-8")
            base = loader(args.region, data)
            lines, ratios = [], []
            for preset in presets:
                result = model.run(scenario.complete(preset=preset), base=base)
                row = [growth_ratio_2025(f(result), result.years) for f in QUANTITIES.values()]
                ratios += row
                net = result["Emissions|CO2"][0][result.years <= 2060].sum() / 1000
                shown = " ".join(f"{x:.2f}" for x in row)
                lines.append(f"    {preset:<18} {shown}   cumulative net CO2 {net:.1f} Gt")
            inside = all(BAND[0] <= x <= BAND[1] for x in ratios)
            left_2031 = 2 ** (-(2031 - 2024) / half_life)
            print(
                f"H = {half_life:g} yr: ratios {min(ratios):.2f}-{max(ratios):.2f}, "
                f"{'inside' if inside else 'OUTSIDE'} the band; momentum left in 2031 "
                f"{100 * left_2031:.0f} %"
            )
            print("\n".join(lines))


if __name__ == "__main__":
    main()
