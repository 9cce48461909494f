"""Goal-seek (pathways/goalseek.py): solutions meet their goals through the model, a goal
already met changes nothing, an impossible goal is reported with its best distance, least cost
is never dearer than least change; progress, cancellation and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pathways import goalseek, i18n, model, scenario
from pathways.goalseek import Goal, GoalSeekError

FREE = goalseek.DEFAULT_FREE_10
NET_ZERO_2055 = Goal("net_zero_by", year=2055)


@pytest.fixture(scope="module")
def current() -> dict[str, float]:
    return scenario.complete(preset="current-policies")


@pytest.fixture(scope="module")
def by_change(current):
    return goalseek.solve(current, [NET_ZERO_2055], FREE, objective="change")


@pytest.fixture(scope="module")
def by_cost(current):
    return goalseek.solve(current, [NET_ZERO_2055], FREE, objective="cost")


def test_the_solution_meets_the_goal_through_the_model(current, by_change):
    assert by_change.status == "solved"
    r = model.run(by_change.levers)
    assert r.indicators["net_zero_year"][0] <= 2055
    assert r.at("Emissions|CO2", 2055)[0] <= 0
    # only free levers moved, each within its catalogue range, values as the catalogue allows
    changed = {k for k, v in by_change.levers.items() if v != current[k]}
    assert changed and changed <= set(FREE)
    assert changed == set(by_change.changes)
    assert scenario.validate(by_change.levers) == by_change.levers
    assert all(after.met for after in by_change.after)
    assert not by_change.before[0].met


def test_several_goals_are_met_together(current):
    goals = [
        Goal("peak_by", year=2028),
        Goal("net_at_most", year=2040, value=5000.0),
        Goal("cumulative_at_most", value=330.0),
        Goal("target", target="intensity_2030"),
    ]
    s = goalseek.solve(current, goals, FREE)
    assert s.status == "solved", [(c.goal, c.value) for c in s.after]
    r = model.run(s.levers)
    assert r.indicators["peak_year"][0] <= 2028
    assert r.at("Emissions|CO2", 2040)[0] <= 5000
    assert r.indicators["cumulative_2020_2060"][0] <= 330
    assert r.indicators["co2_per_gdp_vs_2005_2030"][0] <= -65


def test_a_goal_already_met_leaves_the_settings_unchanged():
    start = scenario.complete(preset="accelerated")  # net zero in 2049
    s = goalseek.solve(start, [NET_ZERO_2055], FREE)
    assert s.status == "already_met"
    assert s.levers == start and s.changes == {}
    assert s.calls <= 3


def test_an_impossible_goal_is_infeasible_with_the_best_distance(current):
    s = goalseek.solve(current, [Goal("net_zero_by", year=2030)], ["dac"])
    assert s.status == "infeasible" and not s.feasible
    (unmet,) = s.unmet
    assert unmet.goal == Goal("net_zero_by", year=2030)
    # the best DAC can do by 2030 is its upper bound: the distance is the net CO2 left there
    best = model.run(current | {"dac": 500.0}).at("Emissions|CO2", 2030)[0]
    assert unmet.value == pytest.approx(best, abs=1.0)
    assert unmet.shortfall == pytest.approx(best, abs=1.0)
    assert s.levers["dac"] == 500.0


def test_least_cost_is_no_dearer_than_least_change(by_change, by_cost):
    assert by_cost.status == "solved"
    assert by_cost.cost_after <= by_change.cost_after + 1e-6
    assert by_cost.cost_after < by_cost.cost_before
    r = model.run(by_cost.levers)
    assert r.indicators["net_zero_year"][0] <= 2055


def test_the_least_change_moves_less_than_the_least_cost(by_change, by_cost):
    cat = scenario.catalogue()

    def change(s):
        return sum(
            ((after - before) / (cat[k].max - cat[k].min)) ** 2
            for k, (before, after) in s.changes.items()
        )

    assert change(by_change) <= change(by_cost) + 1e-9


def test_year_levers_come_back_as_whole_years(current):
    s = goalseek.solve(
        current, [Goal("net_at_most", year=2050, value=4000.0)], ["power_nonfossil_share_year"]
    )
    year = s.levers["power_nonfossil_share_year"]
    assert year == round(year) and s.status in ("solved", "infeasible")


def test_bounds_are_respected(current):
    s = goalseek.solve(current, [NET_ZERO_2055], FREE, bounds={"dac": (0.0, 50.0)})
    assert s.levers["dac"] <= 50.0
    assert s.status == "solved"


def test_progress_is_reported_and_cancel_stops(current):
    seen = []
    s = goalseek.solve(current, [NET_ZERO_2055], FREE[:4], progress=seen.append)
    assert seen and all(0 <= p.fraction < 1 for p in seen)
    assert [p.fraction for p in seen] == sorted(p.fraction for p in seen)
    assert seen[-1].evaluations <= s.evaluations
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    stopped = goalseek.solve(current, [NET_ZERO_2055], FREE, cancel=cancel)
    assert stopped.status == "cancelled"
    assert stopped.levers == current and stopped.changes == {}


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"free": ["nope"]}, "goalseek.unknown_lever"),
        ({"free": []}, "goalseek.no_free_levers"),
        ({"free": ["dac", "dac"]}, "goalseek.repeated_lever"),
        ({"bounds": {"dac": (0.0, 900.0)}}, "goalseek.bad_bounds"),
        ({"bounds": {"dac": (50.0, 60.0)}}, "goalseek.start_outside_bounds"),
        ({"goals": [Goal("net_zero_by", year=2099)]}, "goalseek.goal_year"),
        ({"goals": [Goal("target", target="nope")]}, "goalseek.unknown_target"),
        ({"goals": [Goal("net_at_most", year=2040)]}, "goalseek.goal_value"),
        ({"goals": []}, "goalseek.no_goals"),
        ({"objective": "cheapest"}, "goalseek.unknown_objective"),
        ({"discount_rate": 120.0}, "goalseek.bad_discount_rate"),
    ],
)
def test_bad_input_is_a_translated_error(current, kwargs, code):
    args = {"goals": [NET_ZERO_2055], "free": ["dac"]} | kwargs
    with pytest.raises(GoalSeekError) as info:
        goalseek.solve(current, args.pop("goals"), args.pop("free"), **args)
    assert info.value.code == code
    assert i18n.has(code)
    for lang in i18n.LANGS:
        text = i18n.message(info.value, lang)
        assert text and "{" not in text


def test_goal_checks_match_the_indicators(current):
    r = model.run(current)
    check = goalseek.check(Goal("peak_by", year=2030), r)
    assert check.met == (r.indicators["peak_year"][0] <= 2030)
    check = goalseek.check(Goal("net_zero_by", year=2060), r)
    assert not check.met and math.isclose(check.value, r.at("Emissions|CO2", 2060)[0])
    assert goalseek.normalise_goal(Goal("target", target="neutral"), r.years) == Goal(
        "net_zero_by", year=2060
    )


def test_the_qp_step_meets_a_linear_goal_at_least_change():
    """The elastic QP of one goal row, against the closed form: with no bound active the
    least-change step onto a' d >= -g is d = -g a / (a' a) (b = 1); with one-sided slopes, a
    lever whose downward slope is steeper is not moved down for free."""
    a = np.array([[1.0, 2.0, 0.5]])
    zero = np.zeros(3)
    u = np.full(3, 0.5)
    d = goalseek._qps(np.ones(3), (zero, zero), np.array([-0.1]), (a, a), u, 1e3, [0.4])
    np.testing.assert_allclose(d[0], 0.1 * a[0] / (a[0] @ a[0]), atol=1e-9)
    two = np.vstack([a, [[0.0, -1.0, 1.0]]])
    d = goalseek._qps(np.ones(3), (zero, zero), np.array([-0.1, -0.05]), (two, two), u, 1e3, [0.4])
    assert (two @ d[0] >= np.array([0.1, 0.05]) - 1e-6).all()
    # a plateau upwards (slope 0) and a steep slope downwards for the third lever, which the
    # objective pulls down: min 1/2 (d1^2 + d3^2) + d3 subject to d1 + 5 d3 >= 0 (d3 < 0) gives
    # d1 = 5/26, d3 = -1/26; with the upward slope on both sides it would move to its radius
    up, down = np.array([[1.0, 0.0, 0.0]]), np.array([[1.0, 0.0, 5.0]])
    pull = np.array([0.0, 0.0, 1.0])
    d = goalseek._qps(np.ones(3), (pull, pull), np.array([0.0]), (up, down), u, 1e3, [0.4])
    np.testing.assert_allclose(d[0], [5 / 26, 0.0, -1 / 26], atol=1e-9)
    naive = goalseek._qps(np.ones(3), (pull, pull), np.array([0.0]), (up, up), u, 1e3, [0.4])
    assert naive[0, 2] == pytest.approx(-0.4)
