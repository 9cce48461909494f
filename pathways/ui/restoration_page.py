"""Mine restoration: its levers, area restored, the sink by zone, grade, land use and carbon pool,
cumulative sequestration, emissions and cost of the works, PV and pumped storage on mine land,
and restoration's share of all removals."""

from __future__ import annotations

import numpy as np
import streamlit as st

from pathways import scenario
from pathways.ui import figures, live, state, units, widgets
from pathways.ui.i18n import join, t
from pathways.ui.overview_page import chart

MODULE = "restoration"


def restoration_levers(ctx: state.Context) -> None:
    levers = scenario.by_module().get(MODULE, [])
    if not levers:
        return
    with st.expander(t("resto_levers", ctx.lang), expanded=True):
        cols = st.columns(3)
        effects = ctx.zero_effects(tuple(lv.name for lv in levers))
        for i, lever in enumerate(levers):
            with cols[i % 3]:
                widgets.lever_slider(lever, ctx, effects.get(lever.name))


def key_figures(ctx: state.Context) -> None:
    result, lang = ctx.result, ctx.lang
    years = result.years
    upto = years <= 2060
    sink = result.variables[figures.RESTORATION][0]
    works = result.variables.get("Emissions|CO2|Mine Restoration Works")
    net = sink - (works[0] if works is not None else 0.0)
    seq = result.indicators.get("mine_sequestration_2020_2060")
    seq_gt = float(seq[0]) if seq is not None else float(net[upto].sum()) / 1000
    i2060 = int(np.searchsorted(years, min(2060, int(years[-1]))))
    total = figures.all_removals(result)
    share = 100 * sink[i2060] / total[i2060] if total[i2060] > 0 else 0.0
    items = [(t("resto_seq", lang), units.fmt(seq_gt * 1000, "co2_cum_mine", lang))]
    if "Land|Mine|Restored" in result.variables:
        restored = result.variables["Land|Mine|Restored"][0][i2060]
        items.append((t("resto_restored", lang), units.fmt(restored, "area", lang)))
    items.append((t("resto_share", lang), f"{share:.1f}%"))
    if "Cost|Mine Restoration" in result.variables:
        cost = float(result.variables["Cost|Mine Restoration"][0][upto].sum())
        items.append((t("resto_cost", lang), units.fmt(cost, "money_total", lang)))
    if "Capacity|Electricity|Solar|Mine Land" in result.variables:
        pv = result.variables["Capacity|Electricity|Solar|Mine Land"][0][i2060]
        items.append((t("resto_pv", lang), units.fmt(pv, "capacity_mine", lang)))
    for col, (label, value) in zip(st.columns(len(items)), items, strict=True):
        col.metric(label, value, border=True)


def cost_note(result, lang: str) -> str:
    """Why the restoration cost moves when no rate lever does: cost = area restored in the year
    x cost per hectare, and operators' reclamation of producing-mine land comes in steps."""
    v, years = result.variables, result.years
    cost, new = v.get("Cost|Mine Restoration"), v.get("Land|Mine|Restoration Rate")
    operators = v.get("Land|Mine|Restoration Rate|Operators")
    if cost is None or new is None or operators is None:
        return ""
    area = new[0].sum()
    per_ha = float(cost[0].sum() / area) if area > 0 else float("nan")  # bn CNY per Mha
    per_ha_text = units.fmt(per_ha * 1e3, "money_ha", lang)  # bn CNY/Mha = 1000 CNY/ha
    op = operators[0]
    jumps = np.abs(np.diff(op)) > 0.2 * max(float(op.max()), 1e-9)
    steps = [str(int(y)) for y in years[1:][jumps]]
    if not steps:
        return t("resto_cost_note_programme", lang, per_ha=per_ha_text)
    return t("resto_cost_note", lang, per_ha=per_ha_text, steps=join(steps, lang))


def render(ctx: state.Context) -> None:
    """Static text and downloads (full runs); levers, figures and charts in the live fragment."""
    lang = ctx.lang
    st.title(t("page_restoration", lang))
    st.markdown(t("resto_intro", lang))
    live.run("restoration", body, skip_modules=(MODULE,))
    widgets.downloads(ctx)


def body(ctx: state.Context) -> None:
    """What a lever move changes (pathways.ui.live)."""
    lang = ctx.lang
    result = ctx.result
    if not figures.has_restoration(result):
        st.info(t("resto_missing", lang), icon=":material/info:")
        return
    restoration_levers(ctx)
    key_figures(ctx)
    grid = [
        (lambda: figures.restoration_area(result, lang), "resto_area"),
        (None, "resto_breakdown"),  # one chart, its split chosen above it (breakdown_chart)
        (lambda: figures.restoration_cumulative(result, lang), "resto_cumulative"),
        (lambda: figures.restoration_cost(result, lang), "resto_cost"),
        (lambda: figures.restoration_share(result, lang), "resto_share"),
        (lambda: figures.restoration_capacity(result, lang), "resto_capacity"),
        (lambda: figures.restoration_energy(result, lang), "resto_energy"),
    ]
    notes = {"resto_cost": cost_note(result, lang), "resto_energy": t("resto_energy_note", lang)}
    for i in range(0, len(grid), 2):
        cols = st.columns(2)
        for col, (make, key) in zip(cols, grid[i : i + 2], strict=False):
            with col:
                if make is None:
                    breakdown_chart(ctx)
                else:
                    chart(make(), key)
                if notes.get(key):
                    st.caption(notes[key])


BREAKDOWNS = ("pool", "zone", "grade", "landuse")
BREAKDOWN = "resto_breakdown"  # the split shown (session state, kept across languages)


def _on_breakdown(key: str) -> None:
    value = st.session_state.get(key)
    if value in BREAKDOWNS:
        st.session_state[BREAKDOWN] = value


def breakdown_chart(ctx: state.Context) -> None:
    """The mine sink split by carbon pool, climate zone, grade or land use: one chart with its
    split chosen above it, rather than four charts that every lever move redraws."""
    ss, lang = st.session_state, ctx.lang
    dimension = ss.get(BREAKDOWN, BREAKDOWNS[0])
    key = widgets.lang_key("w.resto_breakdown", lang)  # translated labels: one widget a language
    if ss.get(key) != dimension:
        ss[key] = dimension
    st.segmented_control(
        t("resto_breakdown", lang),
        BREAKDOWNS,
        format_func=lambda d: t(f"resto_by_{d}", lang),
        key=key,
        required=True,
        on_change=_on_breakdown,
        args=(key,),
    )
    chart(figures.restoration_breakdown(ctx.result, dimension, lang), f"resto_{dimension}")
