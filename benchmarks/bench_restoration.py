"""Speed of the mine-restoration module alone: one evaluation and 10,000 lever sets.

Captures the module's inputs (levers, coal index, dispatch) from one model evaluation, then times
``restoration.compute`` on them: prints ``restoration_single_ms`` (median over many calls) and
``restoration_batch10k_ms`` (median), wall-clock and CPU time (``_cpu_ms``, steadier on a
busy machine). With ``--ref REV`` (a git revision), the same files of that
revision (restoration.py, mine_cohorts.py, mine_data.py, cohorts.py) are loaded under other names
and timed alternately with the working tree's, in the same process, so that a busy machine slows
both alike; it prints the ratio and checks that both give the same variables (rtol 1e-12).
Run: ``python benchmarks/bench_restoration.py [--ref main]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pathways import model
from pathways.levers import LeverSet
from pathways.modules import restoration
from pathways.region import load_region
from pathways.scenario import defaults, lever_arrays

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.bench_model import random_levers  # noqa: E402

FILES = {  # module name -> path in the repository, in import order
    "pathways.cohorts": "pathways/cohorts.py",
    "pathways.modules.mine_data": "pathways/modules/mine_data.py",
    "pathways.modules.mine_cohorts": "pathways/modules/mine_cohorts.py",
    "pathways.modules.restoration": "pathways/modules/restoration.py",
}


def captured_inputs(levers: dict[str, np.ndarray]) -> tuple:
    """The arguments of ``restoration.compute`` in a model evaluation of ``levers`` (the last
    call: the first evaluation also runs the calibration, one default sample)."""
    base = load_region("china")
    years = model.year_axis(2060)
    seen: list[tuple] = []
    original = restoration.compute

    def spy(*args):
        seen.append(args)
        return original(*args)

    restoration.compute = spy
    try:
        model.evaluate(LeverSet(levers, years), base, years)
    finally:
        restoration.compute = original
    return seen[-1]


def reference_module(rev: str) -> types.ModuleType:
    """The restoration module of git revision ``rev``, its own helpers renamed ``ref_*``."""
    root = Path(__file__).resolve().parents[1]
    loaded = None
    for name, path in FILES.items():
        source = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        for other in FILES:
            source = source.replace(f"{other} import", f"ref_{other.replace('.', '_')} import")
        loaded = types.ModuleType(f"ref_{name.replace('.', '_')}")
        sys.modules[loaded.__name__] = loaded
        exec(compile(source, f"{rev}:{path}", "exec"), loaded.__dict__)  # noqa: S102
    assert loaded is not None
    return loaded


def median_ms(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU (this thread's) milliseconds of ``fn``: on a busy machine the
    CPU time is the steadier figure (it leaves out the time the process waits for a core)."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.allclose(a[k], b[k], rtol=1e-12, atol=1e-15) for k in a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", help="git revision to compare with (e.g. main)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    args = parser.parse_args()
    cases = {
        "single": (captured_inputs(lever_arrays(defaults())), 200),
        "batch10k": (captured_inputs(random_levers(10_000)), 3),
    }
    funcs = {"new": restoration.compute}
    if args.ref:
        old = reference_module(args.ref).compute
        arity = old.__code__.co_argcount  # older versions lack the storage argument
        funcs["ref"] = lambda *inputs: old(*inputs[:arity])
    for case, (inputs, repeats) in cases.items():
        results = {label: fn(*inputs) for label, fn in funcs.items()}  # warm caches
        if args.ref and not same(results["new"], results["ref"]):
            print(f"{case}: DIFFERENT results from {args.ref}")
        best: dict[str, list[tuple[float, float]]] = {label: [] for label in funcs}
        for _ in range(args.rounds):
            for label, fn in funcs.items():
                best[label].append(median_ms(lambda fn=fn, args=inputs: fn(*args), repeats))
        for clock, i in (("", 0), ("cpu_", 1)):
            new = min(t[i] for t in best["new"])
            line = f"restoration_{case}_{clock}ms: {new:.3f}"
            if args.ref:
                ref = min(t[i] for t in best["ref"])
                line += f"  ({args.ref}: {ref:.3f}, {ref / new:.2f}x faster)"
            print(line)


if __name__ == "__main__":
    main()
