"""Speed and memory of ensembles (issue 14).

Prints, for the dual-carbon preset under the uncertain inputs of data/china/uncertainty.csv:

* ``fan_chart_ms``: the uncertainty page's server work for a new lever set, uncached: 1,000
  seeded samples, their quantiles, the fan chart and the net-zero-year distribution (target
  <= 1 s), also in units of the pure-Python workload of bench_model.py timed in the same run;
* ``local_samples_per_s``: a 10,000-sample ensemble run locally in chunks of 1,000;
* ``cluster_samples_per_s``: the same on a 2-worker ``LocalCluster`` (processes), after a
  warm-up run (workers load the data once);
* ``peak_mb_per_10k``: peak memory traced by ``tracemalloc`` while 10,000 samples run locally
  (chunks of 1,000), and ``peak_mb_one_chunk_of_10k`` for one chunk of 10,000.

Run: ``python benchmarks/bench_ensemble.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_model import WORKLOAD_CODE, median_ms, workload  # noqa: E402
from pathways.ensemble import EnsembleSpec, run_ensemble  # noqa: E402
from pathways.model import run  # noqa: E402
from pathways.scenario import load_preset  # noqa: E402


def fan_chart_once(levers: dict[str, float]) -> None:
    from pathways.ui import uncertainty_figures as ufig

    ensemble = run_ensemble(EnsembleSpec(levers=levers, samples=1000))
    scenario = run(levers)
    ufig.fan_chart(ensemble, scenario, "en").to_dict()
    ufig.year_distribution(ensemble, "net_zero_year", "en").to_dict()


def peak_mb(spec: EnsembleSpec) -> float:
    tracemalloc.start()
    run_ensemble(spec)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    levers = load_preset("dual-carbon").levers
    run_ensemble(EnsembleSpec(levers=levers, samples=100))  # warm caches
    unit_ms = median_ms(workload, 200)
    times = []
    for i in range(7):  # a new lever set each time: nothing cached
        moved = {**levers, "afforestation_rate": levers["afforestation_rate"] * (1 + i / 100)}
        start = time.perf_counter()
        fan_chart_once(moved)
        times.append((time.perf_counter() - start) * 1000)
    fan_ms = statistics.median(times)
    print(f"fan_chart_ms: {fan_ms:.0f} (target <= 1000)")
    print(f"workload_ms ({WORKLOAD_CODE}): {unit_ms:.3f}")
    print(f"fan_chart_units: {fan_ms / unit_ms:.0f}")

    spec = EnsembleSpec(levers=levers, samples=10_000, chunk=1000)
    start = time.perf_counter()
    run_ensemble(spec)
    local_s = time.perf_counter() - start
    print(f"local_samples_per_s: {10_000 / local_s:,.0f}")

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("cluster_samples_per_s: (distributed not installed)")
    else:
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            run_ensemble(EnsembleSpec(levers=levers, samples=2000), scheduler=client)
            start = time.perf_counter()
            run_ensemble(spec, scheduler=client)
            cluster_s = time.perf_counter() - start
        print(f"cluster_samples_per_s: {10_000 / cluster_s:,.0f} (2 workers)")
        print(f"cluster_vs_local: {local_s / cluster_s:.2f}x")

    print(f"peak_mb_per_10k: {peak_mb(spec):.0f} (chunks of 1,000)")
    one_chunk = EnsembleSpec(levers=levers, samples=10_000, chunk=10_000)
    print(f"peak_mb_one_chunk_of_10k: {peak_mb(one_chunk):.0f}")


if __name__ == "__main__":
    main()
