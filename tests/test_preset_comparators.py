"""Presets reproduce the headline numbers of the studies they cite (issue 11)."""

from __future__ import annotations

import functools

import pytest

from pathways import comparators, model, scenario

CASES = [
    (name, c) for name in scenario.list_presets(None) for c in comparators.preset_comparators(name)
]


@functools.cache
def regional_result(name: str):
    """A preset made for a province (its peaking plan), run for that province."""
    region = scenario.load_preset(name).region
    return model.run(scenario.complete(preset=name, region=region), region=region)


def test_each_preset_names_its_published_numbers():
    names = {name for name, _ in CASES}
    assert names == {
        "current-policies",
        "dual-carbon",
        "accelerated",
        "CN-NM-peaking-plan",
        "CN-SX-peaking-plan",
    }
    for _, c in CASES:
        assert c.source and c.unit and c.comparison in ("=", ">=", "<=")
        assert c.status in ("found", "derived", "verify")


@pytest.mark.parametrize(
    "name, comparator", CASES, ids=[f"{n}-{c.variable}-{c.year}" for n, c in CASES]
)
def test_comparator(preset_results, name, comparator):
    result = preset_results[name] if name in preset_results else regional_result(name)
    value = comparators.modelled(result, comparator)
    if comparator.departure:
        # a documented departure: the file says where and why, and it really departs
        assert not comparator.matches(value)
        assert len(comparator.departure) > 80
    else:
        assert comparator.matches(value), (value, comparator.value, comparator.source)


def test_headline_numbers_by_hand():
    c = comparators.Comparator("x", 2050, 2900, "Mt CO2/yr", 10, "s")
    assert c.matches(3189) and not c.matches(3191) and c.matches(2611)
    assert comparators.Comparator("x", 2030, 25, "%", 0, "s", ">=").matches(25.1)
    assert not comparators.Comparator("x", 2030, -65, "%", 0, "s", ">=").matches(-65.5)
