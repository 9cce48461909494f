"""Overview: indicator cards against the baseline, trajectory, path contributions, energy and
power mix, the official-target checklist and downloads."""

from __future__ import annotations

import math

import streamlit as st

from pathways import scenario
from pathways.indicators import INDICATOR_UNITS, checklist
from pathways.ui import figures, state, widgets
from pathways.ui.i18n import t

CARDS = (
    # indicator, lower is better, value format
    ("peak_year", True, "year"),
    ("peak_level", True, "mt"),
    ("net_zero_year", True, "year"),
    ("net_2030", True, "mt"),
    ("net_2060", True, "mt"),
    ("cumulative_2020_2060", True, "gt"),
    ("nonfossil_share_2030", False, "pct"),
    ("nonfossil_share_2060", False, "pct"),
    ("co2_per_gdp_vs_2005_2030", True, "pct"),
)


def format_value(value: float, kind: str, lang: str) -> str:
    if not math.isfinite(value):
        return t("never", lang)
    if kind == "year":
        return f"{value:.0f}"
    if kind == "pct":
        return f"{value:.1f}%"
    return f"{value:,.0f}"


def card(indicator: str, value: float, base: float, lower_better: bool, kind: str, lang: str):
    """(label, value, delta, delta_color) of one indicator card; pure, for tests."""
    unit = INDICATOR_UNITS.get(indicator, "")
    label = t(f"ind_{indicator}", lang)
    if unit and unit != "year":
        label += f" ({t(f'unit_{unit}', lang)})"
    shown = format_value(value, kind, lang)
    delta, color = None, "off"
    if math.isfinite(value) and math.isfinite(base):
        diff = value - base
        if kind == "year":
            text, zero = f"{diff:+.0f} {t('unit_years', lang)}", round(diff) == 0
        elif kind == "pct":
            text, zero = f"{diff:+.1f} {t('unit_pp', lang)}", round(diff, 1) == 0
        else:
            text, zero = f"{diff:+,.0f}", round(diff) == 0
        delta = f"{text} {t('vs_baseline', lang)}"
        if zero:
            delta = "±" + delta.lstrip("+-")
        color = "off" if zero else ("inverse" if lower_better else "normal")
    elif math.isfinite(value) != math.isfinite(base):
        delta = f"{t('vs_baseline', lang)}: {format_value(base, kind, lang)}"
        better = math.isfinite(value) if indicator == "net_zero_year" else False
        delta = ("+" if better else "-") + " " + delta
        color = "normal"
    return label, shown, delta, color


def cards(ctx: state.Context) -> None:
    ind, base = ctx.result.indicators, ctx.baseline.indicators
    rows = (CARDS[:5], CARDS[5:])
    for row in rows:
        cols = st.columns(5)
        for col, (name, lower_better, kind) in zip(cols, row, strict=False):
            label, value, delta, color = card(
                name, float(ind[name][0]), float(base[name][0]), lower_better, kind, ctx.lang
            )
            col.metric(label, value, delta, delta_color=color, border=True)


def target_checklist(ctx: state.Context) -> None:
    ind = ctx.result.indicators
    results = checklist(ind)
    passed = sum(bool(ok[0]) for _, ok in results)
    st.subheader(
        f"{ctx.t('targets')} · {ctx.t('targets_summary', passed=passed, total=len(results))}"
    )
    cols = st.columns(3)
    for i, (target, ok) in enumerate(results):
        value = float(ind[target.indicator][0])
        unit = INDICATOR_UNITS.get(target.indicator, "")
        shown = format_value(
            value, "year" if unit == "year" else "pct" if unit == "%" else "mt", ctx.lang
        )
        if unit not in ("year", "%"):
            shown += f" {unit}"
        mark = ":green[✔]" if ok[0] else ":red[✘]"
        status = ctx.t("target_passed") if ok[0] else ctx.t("target_missed")
        cols[i % 3].markdown(
            f"{mark} **{target.label(ctx.lang)}** — {status}  \n"
            f"<span style='color:#555'>{ctx.t('target_value', value=shown)}</span>",
            unsafe_allow_html=True,
        )


def chart(fig, key: str) -> None:
    with st.container(key=f"chart-{key}"):
        st.plotly_chart(fig, key=f"fig.{key}", config=figures.PLOTLY_CONFIG, theme=None)


@st.fragment
def mix_charts(ctx: state.Context) -> None:
    percent = st.toggle(ctx.t("mix_percent"), key="w.mix_percent")
    cols = st.columns(2)
    with cols[0]:
        chart(figures.primary_energy(ctx.result, ctx.lang, percent=percent), "primary")
    with cols[1]:
        chart(figures.power_mix(ctx.result, ctx.lang, percent=percent), "power")


def render(ctx: state.Context) -> None:
    lang = ctx.lang
    st.title(t("app_title", lang))
    st.markdown(t("overview_intro", lang, preset=scenario.load_preset(ctx.preset).title(lang)))
    cards(ctx)
    chart(figures.trajectory(ctx.result, ctx.baseline, lang), "trajectory")
    contrib = ctx.contributions
    chart(figures.contributions(contrib, lang), "contributions")
    summary = ", ".join(
        f"{t(f'path_{k}', lang)} {v:+,.1f} {t('unit_Gt CO2', lang)}"
        for k, v in contrib.cumulative().items()
        if abs(v) >= 0.05
    )
    st.caption(t("contrib_caption", lang, summary=summary or "0"))
    mix_charts(ctx)
    target_checklist(ctx)
    widgets.downloads(ctx)
