"""The model's speed against another revision, measured alternately in the same minutes.

A busy shared machine makes two benchmark runs minutes apart differ by 30 % or more. This script
extracts revision ``--ref`` (``git archive``, into a temporary folder), starts one warm worker
process for it and one for the working tree, and then, round after round (the order alternating),
asks each for a short burst: the pure-Python workload of ``bench_model.py`` (30 runs, before and
after), one evaluation (60 runs) and one 10,000-sample batch. It prints per side the ranges
(median) of ``single_ms``, ``single_units`` and ``batch10k_ms`` and of the batch speed-up over
10,000 singles, and the paired ratios this tree / the reference of each round (below 1: faster),
which a slow moment affects on both sides alike. Run:
``python benchmarks/bench_model_ab.py [--ref main] [--rounds 12]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = """
import json, sys, time
sys.path.insert(0, "benchmarks")
from bench_model import random_levers, workload
from pathways import model
from pathways.levers import LeverSet
from pathways.region import load_region
from pathways.scenario import defaults, lever_arrays

base = load_region("china")
years = model.year_axis(2060)
single, batch = lever_arrays(defaults()), random_levers(10_000)
model.evaluate(LeverSet(single, years), base, years)
model.evaluate(LeverSet(batch, years), base, years)
jobs = {
    "unit": workload,
    "single": lambda: model.evaluate(LeverSet(single, years), base, years),
    "batch": lambda: model.evaluate(LeverSet(batch, years), base, years),
}
print("ready", flush=True)
for line in sys.stdin:
    job, count = line.split()
    times = []
    for _ in range(int(count)):
        start = time.perf_counter()
        jobs[job]()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps(times), flush=True)
"""


class Worker:
    """A warm model process in ``folder`` answering timing requests."""

    def __init__(self, folder: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(folder)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the worker in {folder} did not start")

    def times(self, job: str, count: int) -> list[float]:
        self.process.stdin.write(f"{job} {count}\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def burst(worker: Worker) -> dict[str, float]:
    """One round of one side: single (median ms), units, batch (ms)."""
    before = statistics.median(worker.times("unit", 30))
    single = statistics.median(worker.times("single", 60))
    after = statistics.median(worker.times("unit", 30))
    batch = worker.times("batch", 1)[0]
    return {"single": single, "units": single / min(before, after), "batch": batch}


def spread(values: list[float], digits: int = 3) -> str:
    return (
        f"{min(values):.{digits}f}-{max(values):.{digits}f} "
        f"(median {statistics.median(values):.{digits}f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_model_ab_") as folder:
        archive = subprocess.run(
            ["git", "archive", args.ref], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        sides = {args.ref: Worker(Path(folder)), "this tree": Worker(ROOT)}
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        try:
            for r in range(args.rounds):
                order = list(sides) if r % 2 == 0 else list(sides)[::-1]
                for name in order:
                    rounds[name].append(burst(sides[name]))
        finally:
            for worker in sides.values():
                worker.close()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {args.rounds} rounds, load average {load}")
    for name, results in rounds.items():
        print(name)
        for key in ("single", "units", "batch"):
            digits = 1 if key == "batch" else 3
            print(f"  {key:7s} {spread([x[key] for x in results], digits)}")
        ratio = [10_000 * x["single"] / x["batch"] for x in results]
        print(f"  speed-up of the batch over 10,000 singles: {spread(ratio, 1)}")
    ref, new = rounds[args.ref], rounds["this tree"]
    for key in ("single", "units", "batch"):
        paired = [b[key] / a[key] for a, b in zip(ref, new, strict=True)]
        print(f"paired ratio {key}: {spread(paired)}")


if __name__ == "__main__":
    main()
