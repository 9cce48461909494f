"""Shapley wedges: exact sum to baseline - scenario, order independence, zero for unchanged paths."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest

from pathways import contributions, model, scenario
from pathways.contributions import PATHS, path_of, shapley

BASE = "current-policies"


@pytest.fixture(scope="module")
def baseline():
    return scenario.complete(preset=BASE)


@pytest.mark.parametrize("preset", ["dual-carbon", "accelerated"])
def test_wedges_sum_to_baseline_minus_scenario(preset, baseline):
    levers = scenario.complete(preset=preset)
    result = shapley(levers, baseline)
    total = sum(result.wedges.values())
    expected = model.run(baseline)["Emissions|CO2"][0] - model.run(levers)["Emissions|CO2"][0]
    scale = np.abs(expected).max()
    np.testing.assert_allclose(total, expected, rtol=0, atol=1e-9 * scale)
    np.testing.assert_allclose(result.total, expected, rtol=0, atol=1e-9 * scale)
    assert set(PATHS) <= set(result.wedges)


def test_every_path_is_a_player_and_unchanged_paths_get_zero(baseline):
    levers = dict(baseline) | {"afforestation_rate": 3.0, "ccus_capacity": 800.0}
    result = shapley(levers, baseline)
    for path in ("energy_mix", "efficiency", "lifestyle", "restoration"):
        assert not np.any(result.wedges[path])
    assert result.wedges["natural_sinks"][-1] > 0
    assert result.wedges["ccus"][-1] > 0
    assert contributions.ECONOMY not in result.wedges


def test_economy_player_keeps_the_sum_exact_when_gdp_differs(baseline):
    growth = next(n for n in scenario.catalogue() if n.startswith("gdp_growth"))
    levers = scenario.complete(preset="dual-carbon") | {growth: scenario.catalogue()[growth].min}
    result = shapley(levers, baseline)
    assert contributions.ECONOMY in result.wedges
    expected = model.run(baseline)["Emissions|CO2"][0] - model.run(levers)["Emissions|CO2"][0]
    np.testing.assert_allclose(sum(result.wedges.values()), expected, atol=1e-6)


def _marginal_average(levers, baseline, players):
    """Shapley values by brute force: the average marginal contribution over all orders.

    Each distinct coalition (2^n of them) is evaluated once, in one batch call; the orders
    (n! of them) then read the coalitions' net CO2 from that table."""
    groups = {
        p: [n for n in levers if levers[n] != baseline[n] and path_of(n) == p] for p in players
    }
    coalitions = list(itertools.product([False, True], repeat=len(players)))
    lever_sets = []
    for members in coalitions:
        current = dict(baseline)
        for player, member in zip(players, members, strict=True):
            if member:
                current.update({n: levers[n] for n in groups[player]})
        lever_sets.append(current)
    net = model.run(lever_sets)["Emissions|CO2"]
    row = {members: i for i, members in enumerate(coalitions)}
    out = {p: 0.0 for p in players}
    orders = list(itertools.permutations(range(len(players))))
    for order in orders:
        members = [False] * len(players)
        before = net[row[tuple(members)]]
        for index in order:
            members[index] = True
            after = net[row[tuple(members)]]
            out[players[index]] = out[players[index]] + (before - after) / len(orders)
            before = after
    return out


def test_matches_the_average_over_all_orders(baseline):
    """Order independence: equal to the mean marginal reduction over every ordering."""
    levers = scenario.complete(preset="dual-carbon")
    players = [
        p for p in PATHS if any(levers[n] != baseline[n] and path_of(n) == p for n in levers)
    ]
    assert math.factorial(len(players)) <= 720
    brute = _marginal_average(levers, baseline, players)
    result = shapley(levers, baseline)
    for player in players:
        np.testing.assert_allclose(result.wedges[player], brute[player], atol=1e-6)


def test_independent_of_catalogue_order_of_players(baseline, monkeypatch):
    levers = scenario.complete(preset="accelerated")
    first = shapley(levers, baseline)
    monkeypatch.setattr(contributions, "PATHS", tuple(reversed(PATHS)))
    second = shapley(levers, baseline)
    for player in PATHS:
        np.testing.assert_allclose(first.wedges[player], second.wedges[player], atol=1e-8)


def test_identical_lever_sets_give_zero_wedges(baseline):
    result = shapley(baseline, baseline)
    assert all(not np.any(w) for w in result.wedges.values())
    assert not np.any(result.total)


def test_sinks_are_split_into_natural_sinks_and_ccus():
    assert path_of("afforestation_rate") == "natural_sinks"
    assert path_of("forest_management_year") == "natural_sinks"
    assert path_of("ccus_capacity") == "ccus"
    assert path_of("beccs") == "ccus"
    assert path_of("dac_year") == "ccus"
    for name, lever in scenario.catalogue().items():
        if lever.module in ("energy_mix", "efficiency", "lifestyle", "restoration"):
            assert path_of(name) == lever.module


def test_cumulative_is_in_gt(baseline):
    result = shapley(scenario.complete(preset="dual-carbon"), baseline)
    cumulative = result.cumulative()
    keep = result.years <= 2060
    assert sum(cumulative.values()) == pytest.approx(result.total[keep].sum() / 1000)


def test_every_lever_belongs_to_exactly_one_wedge_of_the_table():
    from pathways.contributions import wedges

    table = wedges()
    for name in scenario.catalogue():
        by_name = [w for w in table.values() if name in w.levers]
        assert len(by_name) <= 1, name
        assert path_of(name) in table, name
    listed = {lever for w in table.values() for lever in w.levers}
    assert listed <= set(scenario.catalogue())  # no wedge names a lever that does not exist
    assert all(re.fullmatch(r"#[0-9a-f]{6}", w.colour) for w in table.values())


def test_every_wedge_has_a_label_in_both_languages():
    from pathways.contributions import wedges
    from pathways.ui.i18n import t

    for name in wedges():
        en, zh = t(f"path_{name}", "en"), t(f"path_{name}", "zh")
        assert en and zh and en != f"path_{name}" and en != zh, name
