"""AppTest of the Overview's "Find a path" panel (pathways/ui/goalseek_panel.py): it runs, shows
the changes, applies them, and the applied scenario meets the goal, in both languages; goals out
of reach get a clear answer."""

from __future__ import annotations

import pytest

from pathways import model
from pathways.ui.i18n import t
from tests.conftest import open_app

SOLVE_TIMEOUT = 300  # s: a solve takes a few seconds; the shared test machine is slow


def button(at, key):
    found = [b for b in at.button if b.key == key]
    assert found, key
    return found[0]


def clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_find_a_path_runs_applies_and_the_scenario_meets_the_goal(lang):
    at = open_app(lang=lang)
    clean(at)
    assert any(e.label == t("gs_title", lang) for e in at.expander)
    at.number_input(key="gs.net_zero_year").set_value(2055)
    button(at, "gs.run").click().run(timeout=SOLVE_TIMEOUT)
    clean(at)
    assert not at.error, [e.value for e in at.error]
    assert any(s.value.startswith(t("gs_solved", lang, n=0, seconds=0)[:6]) for s in at.success)
    assert len(at.dataframe) >= 2  # lever changes and goals before/after
    before = dict(at.session_state["levers"])
    button(at, "gs.apply").click().run(timeout=SOLVE_TIMEOUT)
    clean(at)
    levers = at.session_state["levers"]
    assert levers != before
    assert model.run(levers).indicators["net_zero_year"][0] <= 2055
    assert any(s.value == t("gs_applied", lang) for s in at.success)
    # the page shows the applied scenario: the net-zero card and the URL
    net_zero = {m.label: m.value for m in at.metric}[t("ind_net_zero_year", lang)]
    assert int(net_zero) <= 2055
    changed = {k for k, v in levers.items() if v != before[k]}
    assert changed <= set(at.query_params)  # the URL carries the changed levers


def test_find_a_path_says_when_the_goals_are_out_of_reach():
    at = open_app(lang="en")
    at.number_input(key="gs.net_zero_year").set_value(2030)
    at.multiselect(key="gs.free.en").set_value(["dac"])
    button(at, "gs.run").click().run(timeout=SOLVE_TIMEOUT)
    clean(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "cannot be met" in errors[0]
    assert not [b for b in at.button if b.key == "gs.apply"]
