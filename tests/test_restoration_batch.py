"""The mine-restoration module gives every sample of a batch what it gives the sample alone.

The batch path differs from the single one: samples are processed in blocks of
``restoration.BLOCK``, products skip the operators' upper triangle by time blocks, and the
bounded cumulative restoration loops over years instead of using its closed form (few samples).
"""

from __future__ import annotations

import numpy as np

from pathways import model
from pathways.modules import restoration as mr
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
