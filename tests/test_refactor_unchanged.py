"""The variable-table and module-protocol refactor (issue 10 items 3-4) does not change results.

``tests/data/preset_reference.json`` holds the key outputs of the three presets computed by the
model before the refactor: net CO2, primary, final and secondary energy, gross energy and process
CO2, mine revegetation, CO2 stored, mine land restored and every indicator. They must agree to
1e-12 relative. The reference was computed by the pre-refactor model (commit 760cf29) and, when
the data and presets of issue 11 changed the numbers, recomputed by the pre-refactor model of that
branch on the new data (the refactored model agreed with it exactly, 0 relative difference).
Since then, a data change meant to move the results is followed by a separate commit that runs
``PYTHONPATH=. python3 tests/data/make_preset_reference.py`` and says how far the headline numbers
moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

REFERENCE = json.loads((Path(__file__).parent / "data" / "preset_reference.json").read_text())


@pytest.mark.parametrize("preset", sorted(REFERENCE))
def test_key_outputs_unchanged(preset, preset_results):
    result = preset_results[preset]
    ref = REFERENCE[preset]
    for name, values in ref["variables"].items():
        np.testing.assert_allclose(result[name][0], values, rtol=1e-12, atol=0, err_msg=name)
    assert set(ref["indicators"]) <= set(result.indicators)
    for name, value in ref["indicators"].items():
        np.testing.assert_allclose(
            result.indicators[name][0], value, rtol=1e-12, atol=0, equal_nan=True, err_msg=name
        )
