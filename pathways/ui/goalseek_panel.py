"""The Overview's "Find a path" panel: goal-seek (pathways.goalseek) from the levers on screen.

The planner picks goals (net zero by a year, peak by a year, net CO2 in a year, a cumulative
budget, official targets), the levers the solver may move and the objective (smallest change or
lowest cost), and runs it with a progress bar. While it runs a Cancel button is on screen: a
click stops the run (Streamlit interrupts the script at the next progress update) and nothing
changes. The answer shows the lever changes before/after, each goal before/after, the system
cost, and the net CO2 of both settings on one chart; "Apply" puts the proposed levers into the
scenario (then saved, shared and downloaded like any change). Goals out of reach are named with
how close the levers get.

The panel is its own ``st.fragment`` drawn by the full script, so its widgets rerun only the
panel; applying reruns the whole app. The solve goes through the one cached API.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from pathways import goalseek, i18n, scenario
from pathways.indicators import TARGETS
from pathways.ui import cached_api, figures, state, units, widgets
from pathways.ui.i18n import t
from pathways.ui.text import plain

RESULT = "_goalseek"  # session: the last solution
APPLIED = (
    "_goalseek_applied"  # session: set by the Apply callback, the fragment then reruns the app
)
KEY = "gs."


def draw(ctx: state.Context) -> None:
    """The panel in an expander (open while it holds an answer)."""
    with st.expander(
        t("gs_title", ctx.lang), expanded=RESULT in st.session_state, icon=":material/route:"
    ):
        panel()


@st.fragment
def panel() -> None:
    ss = st.session_state
    if ss.pop(APPLIED, False):
        st.rerun()  # the whole app: sliders, cards and charts show the applied levers
    ctx = state.build_context("overview")
    lang = ctx.lang
    st.caption(t("gs_intro", lang))
    goals = goal_inputs(ctx)
    cat = scenario.catalogue()
    names = [n for n, lever in cat.items() if lever.module != "drivers"]
    free = st.multiselect(
        t("gs_free", lang),
        names,
        default=list(goalseek.DEFAULT_FREE_10),
        format_func=lambda n: f"{cat[n].label(lang)} · {i18n.module_label(cat[n].module, lang)}",
        key=widgets.lang_key(KEY + "free", lang),
        help=t("gs_free_help", lang),
    )
    objective = st.radio(
        t("gs_objective", lang),
        list(goalseek.OBJECTIVES),
        format_func=lambda o: t(f"gs_objective_{o}", lang),
        horizontal=True,
        key=widgets.lang_key(KEY + "objective", lang),
        help=t("gs_objective_help", lang),
    )
    cols = st.columns([1, 1, 3])
    run = cols[0].button(t("gs_run", lang), type="primary", key=KEY + "run", width="stretch")
    if run:
        _run(ctx, goals, free, objective, cols[1])
    elif ss.get(KEY + "cancel"):
        st.info(t("solve_status.cancelled", lang))
    solution = ss.get(RESULT)
    if solution is not None:
        answer(ctx, solution)


def goal_inputs(ctx: state.Context) -> list[goalseek.Goal]:
    """The goal widgets; the goals ticked."""
    lang, end = ctx.lang, 2060
    co2, cum = units.unit("co2", lang), units.unit("co2_cum", lang)
    goals: list[goalseek.Goal] = []
    c = st.columns([2, 1, 1])
    if c[0].checkbox(t("gs_goal_net_zero", lang), value=True, key=KEY + "net_zero"):
        year = c[1].number_input(
            t("gs_year", lang),
            2025,
            end,
            2055,
            key=KEY + "net_zero_year",
            label_visibility="collapsed",
        )
        goals.append(goalseek.Goal("net_zero_by", year=int(year)))
    c = st.columns([2, 1, 1])
    if c[0].checkbox(t("gs_goal_peak", lang), key=KEY + "peak"):
        year = c[1].number_input(
            t("gs_year", lang), 2025, end, 2028, key=KEY + "peak_year", label_visibility="collapsed"
        )
        goals.append(goalseek.Goal("peak_by", year=int(year)))
    c = st.columns([2, 1, 1])
    if c[0].checkbox(t("gs_goal_net", lang, unit=co2.label), key=KEY + "net"):
        year = c[1].number_input(
            t("gs_year", lang), 2025, end, 2040, key=KEY + "net_year", label_visibility="collapsed"
        )
        value = c[2].number_input(
            co2.label, value=5000 * co2.factor, key=KEY + "net_value", label_visibility="collapsed"
        )
        goals.append(goalseek.Goal("net_at_most", year=int(year), value=value / co2.factor))
    c = st.columns([2, 1, 1])
    if c[0].checkbox(t("gs_goal_budget", lang, unit=cum.label), key=KEY + "budget"):
        value = c[1].number_input(
            cum.label,
            value=300 * cum.factor,
            key=KEY + "budget_value",
            label_visibility="collapsed",
        )
        goals.append(goalseek.Goal("cumulative_at_most", value=value / cum.factor))
    targets = st.multiselect(
        t("gs_targets", lang),
        [target.key for target in TARGETS],
        format_func=lambda k: t(f"target.{k}", lang),
        key=widgets.lang_key(KEY + "targets", lang),
    )
    goals += [goalseek.Goal("target", target=k) for k in targets]
    return goals


def _run(ctx: state.Context, goals, free, objective: str, cancel_slot) -> None:
    lang = ctx.lang
    # drawn while the solver runs: a click reruns the panel, which stops this run
    cancel_slot.button(t("gs_cancel", lang), key=KEY + "cancel", width="stretch")
    bar = st.progress(0.0, text=t("gs_running", lang))

    def progress(p: goalseek.Progress) -> None:
        bar.progress(p.fraction, text=t("gs_running_n", lang, n=f"{p.evaluations:,}"))

    try:
        solution = cached_api.solve(ctx.levers, goals, list(free), objective, ctx.region, progress)
    except goalseek.GoalSeekError as exc:
        bar.empty()
        st.error(i18n.message(exc, lang, escape=plain))
        return
    bar.empty()
    st.session_state[RESULT] = solution


def _apply(levers: dict[str, float]) -> None:
    state.set_levers(levers)
    st.session_state["notices"] = []
    st.session_state[APPLIED] = True


def answer(ctx: state.Context, solution: goalseek.Solution) -> None:
    """Status, lever changes, goals, cost and the overlay chart of a solution."""
    lang = ctx.lang
    status = solution.status
    applied = solution.levers == ctx.levers and solution.changes
    stale = solution.start != ctx.levers and not applied
    if status == "solved":
        st.success(t("gs_solved", lang, n=len(solution.changes), seconds=f"{solution.seconds:.1f}"))
    elif status == "already_met":
        st.info(t("solve_status.already_met", lang))
    elif status == "infeasible":
        shortfalls = [
            t(
                "goalseek.shortfall",
                lang,
                goal=i18n.message(goalseek.goal_message(c.goal), lang),
                value=_goal_value(c, lang),
                unit="",
            ).strip()
            for c in solution.unmet
        ]
        st.error(t("gs_infeasible", lang, shortfalls=i18n.join(shortfalls, lang)))
    if stale:
        st.caption(t("gs_stale", lang))
    if solution.changes:
        st.dataframe(change_table(solution, lang), hide_index=True, width="stretch")
    st.dataframe(goal_table(solution, lang), hide_index=True, width="stretch")
    if solution.cost_before is not None:
        st.caption(
            t(
                "gs_cost",
                lang,
                before=units.fmt(solution.cost_before, "money_cum", lang),
                after=units.fmt(solution.cost_after, "money_cum", lang),
            )
        )
    current = cached_api.run(solution.start, ctx.region)
    proposed = cached_api.run(solution.levers, ctx.region)
    years = tuple(
        c.goal.year for c in solution.after if c.goal.year is not None and c.goal.kind != "peak_by"
    )
    fig = figures.goalseek_overlay(current, proposed, lang, years)
    st.plotly_chart(fig, key="fig.goalseek", config=figures.PLOTLY_CONFIG, theme=None)
    if applied:
        st.success(t("gs_applied", lang))
    elif status == "solved" and not stale:
        st.button(
            t("gs_apply", lang),
            type="primary",
            key=KEY + "apply",
            on_click=_apply,
            args=(dict(solution.levers),),
            icon=":material/check:",
        )


def _goal_value(check: goalseek.GoalCheck, lang: str) -> str:
    value = check.value
    if not math.isfinite(value):
        return "–"
    quantity = units.quantity_of(check.unit)
    if quantity is None:
        return f"{value:,.1f} {check.unit}"
    return units.fmt(value, quantity, lang)


def change_table(solution: goalseek.Solution, lang: str) -> pd.DataFrame:
    cat = scenario.catalogue()
    rows = []
    for name, (before, after) in solution.changes.items():
        lever = cat[name]
        rows.append(
            {
                t("gs_col_lever", lang): lever.label(lang),
                t("gs_col_unit", lang): i18n.lever_unit(lever.unit, lang),
                t("gs_col_before", lang): before,
                t("gs_col_after", lang): after,
                t("gs_col_change", lang): after - before,
            }
        )
    return pd.DataFrame(rows)


def goal_table(solution: goalseek.Solution, lang: str) -> pd.DataFrame:
    rows = []
    for before, after in zip(solution.before, solution.after, strict=True):
        rows.append(
            {
                t("gs_col_goal", lang): i18n.message(goalseek.goal_message(after.goal), lang),
                t("gs_col_before", lang): _goal_value(before, lang),
                t("gs_col_after", lang): _goal_value(after, lang),
                t("gs_col_met", lang): "✔" if after.met else "✘",
            }
        )
    return pd.DataFrame(rows)
