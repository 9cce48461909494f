"""Speed of goal-seek: "net zero by 2055 from current policies" with 10 and 20 free levers.

Prints, for each number of free levers and objective (least change, least cost), the median
time of ``--repeat`` solves, the model calls and lever sets evaluated, the status, and the time
in units of a fixed pure-Python workload timed in the same process (``sum(range(100_000))``,
as benchmarks/bench_model.py), measured before and after each solve so that the figure compares
across machines and busy moments. The target (issue 15) is at most 10 s with 20 free levers.

``--compare`` also solves the least-change problem with scipy.optimize's SLSQP (on the same
one-call gradients) and with differential evolution alone (no trust-region polish), to show
why the default is differential evolution followed by the trust-region SQP
(pathways/goalseek.py). Run: ``python benchmarks/bench_solve.py [--repeat 3] [--compare]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_model import WORKLOAD_CODE, median_ms, workload  # noqa: E402
from pathways import goalseek, model, scenario  # noqa: E402

GOAL = goalseek.Goal("net_zero_by", year=2055)


def unit_ms(repeats: int = 100) -> float:
    """Median ms of the pure-Python workload of bench_model.py."""
    return median_ms(workload, repeats)


def change_of(solution: goalseek.Solution) -> float:
    """The least-change objective of a solution: sum of squared changes / catalogue range."""
    cat = scenario.catalogue()
    return sum(
        ((after - before) / (cat[k].max - cat[k].min)) ** 2
        for k, (before, after) in solution.changes.items()
    )


def run(free, objective: str, repeat: int, method: str = "trust-region") -> dict:
    start = scenario.complete(preset="current-policies")
    seconds, units = [], []
    solution = None
    for _ in range(repeat):
        before = unit_ms()
        solution = goalseek.solve(start, [GOAL], free, objective=objective, method=method)
        after = unit_ms()
        seconds.append(solution.seconds)
        units.append(solution.seconds * 1000 / min(before, after))
    return {
        "solution": solution,
        "seconds": statistics.median(seconds),
        "units": statistics.median(units),
        "unit_ms": min(before, after),
    }


def describe(label: str, out: dict) -> str:
    s = out["solution"]
    cost = f"{s.cost_after:.0f}" if s.cost_after is not None else "-"
    return (
        f"{label} status={s.status} seconds={out['seconds']:.2f} units={out['units']:.0f} "
        f"calls={s.calls} evaluations={s.evaluations} moved={len(s.changes)} "
        f"change={change_of(s):.3f} net2055_mt={s.after[0].value:.1f} cost_bn_cny={cost}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="solves per case (median)")
    parser.add_argument("--compare", action="store_true", help="also SLSQP and DE alone")
    args = parser.parse_args()
    model.run(scenario.complete(preset="current-policies"))  # warm the caches
    print(f"workload: {WORKLOAD_CODE}, unit_ms: {unit_ms(300):.3f}")
    results = {}
    for free in (goalseek.DEFAULT_FREE_10, goalseek.DEFAULT_FREE_20):
        for objective in ("change", "cost"):
            out = run(free, objective, args.repeat)
            results[(len(free), objective)] = out
            print(describe(f"levers={len(free)} objective={objective}", out))
            for name, (before, after) in out["solution"].changes.items():
                print(f"    {name}: {before:g} -> {after:g}")
    if args.compare:
        for free in (goalseek.DEFAULT_FREE_10, goalseek.DEFAULT_FREE_20):
            for method in ("slsqp", "differential-evolution"):
                out = run(free, "change", args.repeat, method=method)
                print(describe(f"levers={len(free)} objective=change method={method}", out))
    worst = max(results[(20, "change")]["seconds"], results[(20, "cost")]["seconds"])
    verdict = "met" if worst <= 10 else "missed"
    print(f"target: 20 free levers within 10 s: {verdict} (slowest {worst:.2f} s)")


if __name__ == "__main__":
    main()
