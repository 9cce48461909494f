"""Speed of the model core: one evaluation, and 10,000 lever sets in one vectorised call.

Prints ``single_ms: X`` (median of one evaluation), ``batch10k_ms: Y`` (median of one call with
10,000 random in-range lever sets), the speed-up over 10,000 single calls, and the single
evaluation in units of a fixed pure-Python workload timed in the same process (``WORKLOAD_CODE``,
median over many runs) so that figures compare across machines and busy moments: issue 10 asks for
at most 0.35 units. Run: ``python benchmarks/bench_model.py``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from pathways import model
from pathways.levers import LeverSet
from pathways.region import load_region
from pathways.scenario import catalogue, defaults, lever_arrays


def random_levers(n: int, seed: int = 1) -> dict[str, np.ndarray]:
    """n lever sets drawn uniformly within each lever's range (years as whole numbers)."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, lever in catalogue().items():
        values = rng.uniform(lever.min, lever.max, n)
        out[name] = np.round(values) if lever.kind == "year" else values
    return out


WORKLOAD_CODE = "sum(range(100_000))"


def workload() -> int:
    """The fixed pure-Python reference workload (the unit of ``single_units``)."""
    return sum(range(100_000))


def median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    base = load_region("china")
    years = model.year_axis(2060)
    single = lever_arrays(defaults())
    batch = random_levers(10_000)
    model.evaluate(LeverSet(single, years), base, years)  # warm caches

    unit_ms = median_ms(workload, 300)
    single_ms = median_ms(lambda: model.evaluate(LeverSet(single, years), base, years), 300)
    unit_ms = min(unit_ms, median_ms(workload, 300))  # before and after: the quieter of the two
    full_single_ms = median_ms(lambda: model.run(defaults()), 100)
    batch_ms = median_ms(lambda: model.evaluate(LeverSet(batch, years), base, years), 7)
    print(f"single_ms: {single_ms:.3f}")
    print(f"single_with_lever_conversion_ms: {full_single_ms:.3f}")
    print(f"batch10k_ms: {batch_ms:.1f}")
    print(f"batch_speedup_vs_10k_singles: {10_000 * single_ms / batch_ms:.0f}x")
    print(f"workload_ms ({WORKLOAD_CODE}): {unit_ms:.3f}")
    print(f"single_units: {single_ms / unit_ms:.3f}")


if __name__ == "__main__":
    main()
