"""Which data rows move the answer: every numeric row of data/<region>/*.csv scaled by +-20 %,
ranked by the effect on cumulative 2020-2060 net CO2 of the current-policies preset.

The loader calibrates 2021-2024 on each base, so each perturbed row needs a fresh base: the script
copies the data folder once, rewrites one row at a time, loads it uncached and runs the preset for
both signs in one vectorised call... per base (two bases per row). Rows of mine_*.csv scale low,
value and high together. history_checks.csv (statistics the model is tested against) is skipped.
Zone and grade shares in mine_*.csv (rows `*_share` with zone or grade `all`) must add up to 100 %:
when one of them is scaled, the other shares of its group are rescaled so that the group keeps its
total (the perturbation moves land between zones or grades rather than creating or removing it).

    python benchmarks/influence.py [--top 30] [--region china] [--csv out.csv]

Prints the ranking (effect = half the spread between +20 % and -20 %, Gt CO2 cumulative) with each
row's status, and the number of `verify` rows in the data.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pathways import model, scenario  # noqa: E402
from pathways.data import DATA_DIR  # noqa: E402
from pathways.region import load_region  # noqa: E402

SKIP_FILES = {"history_checks.csv"}
SCALED = ("low", "value", "high")
KEY_SKIP = {"value", "low", "high", "unit", "source", "status", "tolerance"}


def cumulative(base, levers) -> float:
    result = model.run(levers, base=base)
    net = result["Emissions|CO2"][0]
    return float(net[result.years <= 2060].sum() / 1000)


def rows_of(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def share_group(rows: list[dict[str, str]], i: int) -> list[int]:
    """The other rows of row i's zone or grade share group (empty if it is not a share row)."""
    row = rows[i]
    if not row.get("name", "").endswith("_share") or "zone" not in row or "grade" not in row:
        return []
    if row["grade"] == "all" and row["zone"] != "all":
        axis, other = "zone", "grade"
    elif row["zone"] == "all" and row["grade"] != "all":
        axis, other = "grade", "zone"
    else:
        return []
    return [
        j
        for j, r in enumerate(rows)
        if j != i and r["name"] == row["name"] and r[other] == "all" and r[axis] != "all"
    ]


def perturb(rows: list[dict[str, str]], i: int, factor: float) -> list[dict[str, str]]:
    """Rows with row i scaled by factor (low, value, high), its share group renormalised."""
    changed = [dict(r) for r in rows]
    for column in SCALED:
        if column in changed[i] and changed[i][column] not in ("", None):
            changed[i][column] = repr(float(changed[i][column]) * factor)
    group = share_group(rows, i)
    if group:
        old = float(rows[i]["value"])
        rest = sum(float(rows[j]["value"]) for j in group)
        keep = (rest - old * (factor - 1)) / rest  # the group total stays what it was
        for j in group:
            for column in SCALED:
                if changed[j].get(column) not in ("", None):
                    changed[j][column] = repr(float(changed[j][column]) * keep)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="china")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--csv", type=Path, help="write the full ranking here")
    args = parser.parse_args()
    levers = scenario.complete(preset="current-policies")
    loader = load_region.__wrapped__  # uncached
    reference = cumulative(loader(args.region), levers)
    ranking, verify, renormalised = [], 0, 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, data)
        folder = data / args.region
        for path in sorted(folder.glob("*.csv")):
            if path.name in SKIP_FILES:
                continue
            fields, rows = rows_of(path)
            original = [dict(r) for r in rows]
            for i, row in enumerate(original):
                verify += row.get("status", "") == "verify"
                try:
                    float(row["value"])
                except (KeyError, ValueError):
                    continue
                if "year" in row.get("unit", "") and row.get("unit") == "year":
                    continue  # a calendar year, not a quantity
                effects = []
                renormalised += bool(share_group(original, i))
                for factor in (1.2, 0.8):
                    write(path, fields, perturb(original, i, factor))
                    try:
                        effects.append(cumulative(loader(args.region, data), levers))
                    except Exception as exc:  # a perturbation the loader refuses (e.g. > 100 %)
                        effects.append(float("nan"))
                        print(
                            f"  {path.name} row {i + 2}: {type(exc).__name__}: {exc}",
                            file=sys.stderr,
                        )
                write(path, fields, original)
                keys = " / ".join(v for k, v in row.items() if k not in KEY_SKIP and v)
                spread = (effects[0] - effects[1]) / 2
                ranking.append((abs(spread), spread, path.name, keys, row.get("status", "")))
    ranking.sort(key=lambda r: -(r[0] if r[0] == r[0] else -1))
    elapsed = time.perf_counter() - started
    print(f"current-policies cumulative net CO2 2020-2060: {reference:.1f} Gt")
    print(f"{len(ranking)} numeric rows perturbed +-20 % in {elapsed:.0f} s; verify rows: {verify}")
    print(f"{renormalised} zone/grade share rows perturbed with their group renormalised to 100 %")
    print(f"{'rank':>4}  {'+-Gt':>7}  {'status':8}  file: row")
    for n, (_, spread, file, keys, status) in enumerate(ranking[: args.top], 1):
        print(f"{n:4d}  {spread:+7.2f}  {status:8}  {file}: {keys}")
    top = ranking[: args.top]
    print(f"verify among the top {args.top}: {sum(r[4] == 'verify' for r in top)}")
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["rank", "effect_gt", "file", "row", "status"])
            for n, (_, spread, file, keys, status) in enumerate(ranking, 1):
                out.writerow([n, f"{spread:.3f}", file, keys, status])


if __name__ == "__main__":
    main()
