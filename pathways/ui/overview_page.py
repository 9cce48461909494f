"""Overview: indicator cards against the baseline, trajectory, path contributions, energy and
power mix, the official-target checklist and downloads."""

from __future__ import annotations

import html
import math

import numpy as np
import streamlit as st

from pathways import scenario
from pathways.data import is_province
from pathways.indicators import checklist
from pathways.modules import costs as cost_module
from pathways.report.content import card_unit, indicator_text
from pathways.ui import (
    cached_api,
    figures,
    goalseek_panel,
    live,
    meeting_pack,
    state,
    units,
    widgets,
)
from pathways.ui.i18n import t
from pathways.ui.library import region_name

CARDS = (
    # indicator, lower is better, display quantity (pathways.ui.units)
    ("peak_year", True, "year"),
    ("peak_level", True, "co2"),
    ("net_zero_year", True, "year"),
    ("net_2030", True, "co2"),
    ("net_2060", True, "co2"),
    ("cumulative_2020_2060", True, "co2_cum"),
    ("nonfossil_share_2030", False, "percent"),
    ("nonfossil_share_2060", False, "percent"),
    ("co2_per_gdp_vs_2005_2030", True, "percent"),
)
# shorter unit words on cards, where the label already says "CO2" (catalogue card_unit.<kind>)


def format_value(value: float, kind: str, lang: str, end_year: int = 2060) -> str:
    """Indicator value in the language's display unit; a year never reached is 'after 2060'."""
    if not math.isfinite(value):
        return t("after_year", lang, year=end_year) if kind == "year" else "–"
    if kind == "year":
        return f"{value:.0f}"
    if kind == "percent":
        return f"{value:.1f}%"
    text = units.fmt(value, kind, lang, with_unit=False)
    return f"{text} {card_unit(kind, lang)}"


def _delta(diff: float, kind: str, lang: str) -> tuple[str, bool]:
    """The change chip's text and whether it rounds to zero."""
    if kind == "year":
        return f"{diff:+.0f} {t('unit_years', lang)}", round(diff) == 0
    if kind == "percent":
        return f"{diff:+.1f} {t('unit_pp', lang)}", round(diff, 1) == 0
    text = units.fmt(diff, kind, lang, signed=True, with_unit=False)
    return f"{text} {card_unit(kind, lang)}", text.startswith("±")


def card(
    indicator: str,
    value: float,
    base: float,
    lower_better: bool,
    kind: str,
    lang: str,
    end_year: int = 2060,
) -> dict:
    """Keyword arguments of st.metric for one indicator card; pure, for tests. The chip is the
    change against the current-policies baseline (said once above the cards)."""
    out = {
        "label": t(f"ind_{indicator}", lang),
        "value": format_value(value, kind, lang, end_year),
        "delta": None,
        "delta_color": "off",
        "delta_arrow": "auto",
        "help": t(f"help_{indicator}", lang) + " " + t("chip_help", lang),
    }
    if math.isfinite(value) and math.isfinite(base):
        text, zero = _delta(value - base, kind, lang)
        if zero:
            out |= {"delta": "±" + text.lstrip("+-±"), "delta_arrow": "off"}
        else:
            out |= {"delta": text, "delta_color": "inverse" if lower_better else "normal"}
    elif kind == "year" and math.isfinite(value) != math.isfinite(base):
        # a year reached in one of the two only: the difference is a bound ("6 or more years
        # earlier"), because the other year lies beyond the horizon
        if math.isfinite(value):
            years = end_year + 1 - value
            text = t("chip_years_earlier", lang, n=f"{years:.0f}")
        else:
            years = end_year + 1 - base
            text = t("chip_years_later", lang, n=f"{years:.0f}")
        better = math.isfinite(value) == lower_better
        out |= {
            "delta": text,
            "delta_arrow": "down" if math.isfinite(value) else "up",
            "delta_color": "green" if better else "red",
        }
    return out


def cards(ctx: state.Context) -> None:
    ind, base = ctx.result.indicators, ctx.baseline.indicators
    end = int(ctx.result.years[-1])
    st.caption(t("cards_caption", ctx.lang))
    for row in (CARDS[:5], CARDS[5:]):
        cols = st.columns(5)
        for col, (name, lower_better, kind) in zip(cols, row, strict=False):
            kwargs = card(
                name, float(ind[name][0]), float(base[name][0]), lower_better, kind, ctx.lang, end
            )
            col.metric(**kwargs, border=True)


def target_value(indicator: str, value: float, lang: str) -> str:
    """A checklist value in the display unit of ``lang`` (as the meeting pack writes it)."""
    return indicator_text(indicator, value, lang)


def target_checklist(ctx: state.Context) -> None:
    """The official targets in one element (not one per target: a lever move redraws it), each
    with its source on hover."""
    from pathways.report.content import plan_targets

    ind = ctx.result.indicators
    results = checklist(ind, ctx.region)
    plan = plan_targets(ctx.result, ctx.lang)  # a province's own plan, as in the meeting pack
    passed = sum(bool(ok[0]) for _, ok in results) + sum(row.passed for row in plan)
    total = len(results) + len(plan)
    st.subheader(f"{ctx.t('targets')} · {ctx.t('targets_summary', passed=passed, total=total)}")
    items = [
        _target_item(ctx, row.passed, row.label, row.source, ctx.t("target_value", value=row.shown))
        for row in plan
    ]
    for target, ok in results:
        shown = target_value(target.indicator, float(ind[target.indicator][0]), ctx.lang)
        reading = target.reading(ctx.lang)
        if target.met_in is not None:
            met = ctx.t("target_met_in", year=target.met_in)
            reading = f"{reading} · {met}" if reading else met
        detail = ctx.t("target_value", value=shown) + (f" · {reading}" if reading else "")
        items.append(_target_item(ctx, bool(ok[0]), target.label(ctx.lang), target.source, detail))
    # styled by .pw-targets in shell.CSS (a <style> drawn here would restyle the whole page at
    # every lever move)
    st.markdown("<div class='pw-targets'>" + "".join(items) + "</div>", unsafe_allow_html=True)


def _target_item(ctx: state.Context, passed: bool, label: str, source: str, detail: str) -> str:
    """One checklist line (HTML): mark, name, passed or missed, the detail below; the source
    on hover."""
    mark = "<span class='pw-ok'>✔</span>" if passed else "<span class='pw-no'>✘</span>"
    status = ctx.t("target_passed") if passed else ctx.t("target_missed")
    return (
        f"<div title='{html.escape(source, quote=True)}'>{mark} "
        f"<span class='pw-name'>{html.escape(label)}</span> — {html.escape(status)}<br>"
        f"<small>{html.escape(detail)}</small></div>"
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


def costs(ctx: state.Context) -> None:
    """The system cost chart and two cards: the discounted system cost 2020-2060 (change
    against the baseline) and the cost per tonne of CO2 avoided against the baseline."""
    result, baseline, lang = ctx.result, ctx.baseline, ctx.lang
    if not figures.has_costs(result):
        return
    # the chart only when asked for: a lever move then redraws the page's four charts, not five
    # (issue 12: every chart is what a slider move waits for)
    show_chart = st.toggle(t("cost_chart_toggle", lang), key="w.cost_chart")
    if show_chart:
        cols = st.columns([3, 1])
        with cols[0]:
            chart(figures.system_cost(result, baseline, lang), "cost")
        card_cols = [cols[1], cols[1]]
    else:
        card_cols = list(st.columns(2))
    value = float(result.indicators["system_cost_2020_2060"][0])
    base = float(baseline.indicators["system_cost_2020_2060"][0])
    delta = units.fmt(value - base, "money_cum", lang, signed=True)
    card_cols[0].metric(
        t("ind_system_cost_2020_2060", lang),
        units.fmt(value, "money_cum", lang),
        delta=delta if not delta.startswith("±") else None,
        delta_color="inverse",
        help=t("help_system_cost_2020_2060", lang) + " " + t("chip_help", lang),
        border=True,
    )
    per_tonne = float(cost_module.per_tonne_avoided(result, baseline)[0])
    card_cols[1].metric(
        t("ind_cost_per_tonne", lang),
        t("cost_per_tonne_value", lang, value=f"{per_tonne:,.0f}")
        if math.isfinite(per_tonne)
        else "–",
        help=t("help_cost_per_tonne", lang),
        border=True,
    )


def render(ctx: state.Context) -> None:
    """Static text and downloads (full runs); the rest in the live fragment (slider moves)."""
    lang = ctx.lang
    st.title(t("app_title", lang))
    intro = "overview_intro_present" if ctx.present else "overview_intro"
    st.markdown(t(intro, lang, preset=scenario.load_preset(ctx.preset).title(lang)))
    live.run("overview", body)
    goalseek_panel.draw(ctx)
    widgets.downloads(ctx)
    meeting_pack.draw(ctx.lang, ctx=ctx)


EXPORTED = "Emissions|CO2|Energy|Supply|Electricity|Embodied in Exports"


def province_caption(ctx: state.Context) -> None:
    """For a province: production-based accounting, the CO2 embodied in exported power and
    the inventory (CEADs) its base year reproduces, cited where its numbers are shown."""
    if not is_province(ctx.region):
        return
    years, exported = ctx.result.years, ctx.result.variables[EXPORTED][0]
    i = int(np.searchsorted(years, 2030))
    st.caption(
        t(
            "province_caption",
            ctx.lang,
            region=region_name(ctx.region, ctx.lang),
            first_year=int(years[0]),
            first=units.fmt(float(exported[0]), "co2", ctx.lang),
            last_year=int(years[i]),
            last=units.fmt(float(exported[i]), "co2", ctx.lang),
        )
    )


def body(ctx: state.Context) -> None:
    """What a lever move changes: cards, charts, checklist (pathways.ui.live)."""
    lang = ctx.lang
    province_caption(ctx)
    cards(ctx)
    published = cached_api.comparators(ctx.preset)
    chart(figures.trajectory(ctx.result, ctx.baseline, lang, published), "trajectory")
    contrib = ctx.contributions
    chart(figures.contributions(contrib, lang), "contributions")
    summary = ", ".join(
        f"{t(f'path_{k}', lang)} {units.fmt(v, 'co2_cum', lang, signed=True, decimals=1)}"
        for k, v in contrib.cumulative().items()
        if abs(v) >= 0.05
    )
    if summary:
        st.caption(t("contrib_caption", lang, summary=summary))
    else:
        st.caption(t("contrib_none", lang))
    mix_charts(ctx)
    costs(ctx)
    target_checklist(ctx)
