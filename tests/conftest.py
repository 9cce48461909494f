"""Shared fixtures: base data, presets and random in-range lever sets."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import model, scenario
from pathways.data import load_region


@pytest.fixture(scope="session")
def base():
    return load_region("china")


@pytest.fixture(scope="session")
def preset_results():
    return {name: model.run(scenario.complete(preset=name)) for name in scenario.list_presets()}


def random_lever_sets(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """n lever sets drawn uniformly within each lever's range (years whole)."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, lever in scenario.catalogue().items():
        values = rng.uniform(lever.min, lever.max, n)
        out[name] = np.round(values) if lever.kind == "year" else values
    return out
