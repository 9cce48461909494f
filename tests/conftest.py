"""Shared fixtures: base data, presets and random in-range lever sets."""

from __future__ import annotations

import csv

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


def corrupt(path, row: int, column: str, value: str) -> None:
    """Overwrite one cell of a CSV file (row 1 = header) to test data validation."""
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
