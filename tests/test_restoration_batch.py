"""The mine-restoration module gives every sample of a batch what it gives the sample alone.

The batch path differs from the single one: samples are processed in blocks of
``restoration.BLOCK``, products skip the operators' upper triangle by time blocks, and the
bounded cumulative restoration loops over years instead of using its closed form (few samples).
"""

from __future__ import annotations

import numpy as np

from pathways import model
from pathways.modules import mine_data as md
from pathways.modules import restoration as mr
from pathways.region import load_region
from tests.conftest import random_lever_sets

SAMPLES = 2 * mr.BLOCK + 37  # three blocks, the last one partial
CHECKED = (0, 1, mr.BLOCK - 1, mr.BLOCK, 2 * mr.BLOCK + 5, SAMPLES - 1)


def test_batch_equals_single_evaluations_sample_by_sample():
    levers = random_lever_sets(SAMPLES, seed=21)
    batch = model.run(levers)
    names = [name for name in mr.PROVIDES if name in batch.variables]
    assert len(names) > 30
    for s in CHECKED:
        single = model.run({name: values[s : s + 1] for name, values in levers.items()})
        for name in names:
            np.testing.assert_allclose(
                batch[name][s],
                single[name][0],
                rtol=1e-10,
                atol=1e-13,  # Mha or Mt: differences of equal sums (programme = all - operators)
                err_msg=f"{name}, sample {s}",
            )
        for name in mr.INDICATOR_UNITS:
            np.testing.assert_allclose(
                batch.indicators[name][s], single.indicators[name][0], rtol=1e-10, err_msg=name
            )


def test_samples_with_different_histories_are_computed_each_on_its_own():
    """Cohorts before 2025 are computed once when a block's samples share them (the model's
    case); a block whose samples differ there (another coal history) falls back to each its
    own, with the same result as alone."""
    base = load_region("china")
    years = model.year_axis(2060)
    plan = mr.plan(md.mine_data(base), years)
    rng = np.random.default_rng(5)
    samples = 40
    coal = np.linspace(1.0, 0.3, years.size)[:, None] * rng.uniform(0.8, 1.2, samples)
    lag = rng.uniform(1.0, 8.0, samples)
    rates = rng.uniform(0.0, 150.0, (len(mr.RATE_PERIODS), samples))
    pv = np.linspace(5.0, 80.0, years.size)[:, None] * rng.uniform(0.5, 1.5, samples)
    levers = random_lever_sets(samples, seed=6)
    weights = np.ascontiguousarray(mr.pair_shares(levers).transpose(1, 2, 0))
    batch = mr._cohorts(plan, mr._land(plan, coal, lag, rates, pv), weights)
    assert not np.allclose(batch[:, 3, 0], batch[:, 3, 1])  # 2023: histories differ
    for s in (0, 1, samples - 1):
        one = slice(s, s + 1)
        land = mr._land(plan, coal[:, one], lag[one], rates[:, one], pv[:, one])
        alone = mr._cohorts(plan, land, np.ascontiguousarray(weights[..., one]))
        np.testing.assert_allclose(batch[..., s], alone[..., 0], rtol=1e-10, atol=1e-13)
