"""Overview: indicator cards against the baseline, trajectory, path contributions, energy and
power mix, the official-target checklist and downloads."""

from __future__ import annotations

import math

import streamlit as st

from pathways import scenario
from pathways.indicators import INDICATOR_UNITS, checklist
from pathways.ui import figures, state, widgets
from pathways.ui.i18n import amount, t

CARDS = (
    # indicator, lower is better, value format
    ("peak_year", True, "year"),
    ("peak_level", True, "gt"),
    ("net_zero_year", True, "year"),
    ("net_2030", True, "gt"),
    ("net_2060", True, "gt"),
    ("cumulative_2020_2060", True, "gt_cum"),
    ("nonfossil_share_2030", False, "pct"),
    ("nonfossil_share_2060", False, "pct"),
    ("co2_per_gdp_vs_2005_2030", True, "pct"),
)


def format_value(value: float, kind: str, lang: str, end_year: int = 2060) -> str:
    """Indicator value with its unit: years plain, Mt CO2/yr as Gt, Gt cumulative, %."""
    if not math.isfinite(value):
        return t("after_year", lang, year=end_year) if kind == "year" else "–"
    if kind == "year":
        return f"{value:.0f}"
    if kind == "pct":
        return f"{value:.1f}%"
    if kind == "gt":  # Mt CO2/yr shown as Gt (en) or 亿吨 = 100 Mt (zh)
        return f"{value / _gt(lang):,.{_dec(lang)}f} {t('unit_gt', lang)}"
    if kind == "gt_cum":  # Gt CO2 shown as Gt (en) or 亿吨 (zh)
        return f"{value * 1000 / _gt(lang):,.0f} {t('unit_gt_cum', lang)}"
    return f"{value:,.0f}"


def _gt(lang: str) -> float:
    """Mt per displayed unit: 1 Gt = 1000 Mt; 1 亿吨 = 100 Mt."""
    return 100.0 if lang == "zh" else 1000.0


def _dec(lang: str) -> int:
    return 1 if lang == "zh" else 2


def _delta(diff: float, kind: str, lang: str) -> tuple[str, bool]:
    if kind == "year":
        return f"{diff:+.0f} {t('unit_years', lang)}", round(diff) == 0
    if kind == "pct":
        return f"{diff:+.1f} {t('unit_pp', lang)}", round(diff, 1) == 0
    if kind == "gt":
        shown = round(diff / _gt(lang), _dec(lang))
        return f"{shown:+,.{_dec(lang)}f} {t('unit_gt', lang)}", shown == 0
    shown = round(diff * 1000 / _gt(lang))
    return f"{shown:+,.0f} {t('unit_gt_cum', lang)}", shown == 0


def card(
    indicator: str,
    value: float,
    base: float,
    lower_better: bool,
    kind: str,
    lang: str,
    end_year: int = 2060,
) -> dict:
    """Keyword arguments of st.metric for one indicator card; pure, for tests."""
    out = {
        "label": t(f"ind_{indicator}", lang),
        "value": format_value(value, kind, lang, end_year),
        "delta": None,
        "delta_color": "off",
        "delta_arrow": "auto",
        "delta_description": t("vs_baseline", lang),
        "help": t(f"help_{indicator}", lang),
    }
    if math.isfinite(value) and math.isfinite(base):
        text, zero = _delta(value - base, kind, lang)
        if zero:
            out |= {"delta": "±" + text.lstrip("+-"), "delta_arrow": "off"}
        else:
            out |= {"delta": text, "delta_color": "inverse" if lower_better else "normal"}
    elif math.isfinite(value) != math.isfinite(base):
        # net zero reached in one of the two only: say what the baseline does
        better = math.isfinite(value)
        out |= {
            "delta": format_value(base, kind, lang, end_year),
            "delta_arrow": "up" if better else "down",
            "delta_color": "green" if better else "red",
            "delta_description": t("in_baseline", lang),
        }
    return out


def cards(ctx: state.Context) -> None:
    ind, base = ctx.result.indicators, ctx.baseline.indicators
    end = int(ctx.result.years[-1])
    for row in (CARDS[:5], CARDS[5:]):
        cols = st.columns(5)
        for col, (name, lower_better, kind) in zip(cols, row, strict=False):
            kwargs = card(
                name, float(ind[name][0]), float(base[name][0]), lower_better, kind, ctx.lang, end
            )
            col.metric(**kwargs, border=True)


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
        f"{t(f'path_{k}', lang)} {'+' if v > 0 else ''}{amount(v, 'gt_co2', lang)}"
        for k, v in contrib.cumulative().items()
        if abs(v) >= 0.05
    )
    if summary:
        st.caption(t("contrib_caption", lang, summary=summary))
    else:
        st.caption(t("contrib_none", lang))
    mix_charts(ctx)
    target_checklist(ctx)
    widgets.downloads(ctx)
