"""Figures of the uncertainty page as pure functions (no Streamlit): the fan chart of net CO2,
the distribution of the net-zero year, the tornado and the Sobol indices."""

from __future__ import annotations

import numpy as np

from pathways.ensemble import NET, Ensemble
from pathways.result import Result
from pathways.sensitivity import SobolIndices, Tornado
from pathways.ui import units
from pathways.ui.figures import Figure, _hover, _layout, _line, figure, zero_line
from pathways.ui.i18n import t

BAND_OUTER = "rgba(47, 127, 193, 0.18)"
BAND_INNER = "rgba(47, 127, 193, 0.38)"
MEDIAN = "#1f5f99"
SCENARIO = "#262730"
LOW_END, HIGH_END = "#6baed6", "#e6873c"  # neutral: a low input is not "good"
NEVER = "#9e9e9e"
INDICATOR_QUANTITY = {
    "cumulative_2020_2060": "co2_cum",
    "net_2060": "co2",
    "net_zero_year": "year",
    "peak_year": "year",
}


def _band(x: list[int], low: np.ndarray, high: np.ndarray, name: str, color: str) -> list[dict]:
    """A filled band between two lines (the lower line invisible, the upper filled down to it)."""
    edge = {"type": "scatter", "mode": "lines", "x": x, "line": {"width": 0}}
    return [
        edge | {"y": low, "hoverinfo": "skip", "showlegend": False, "legendgroup": name},
        edge
        | {
            "y": high,
            "fill": "tonexty",
            "fillcolor": color,
            "name": name,
            "legendgroup": name,
            "hoverinfo": "skip",
        },
    ]


def fan_chart(ensemble: Ensemble, scenario: Result, lang: str) -> Figure:
    """Net CO2 of the scenario on screen with the 5-95 % and 25-75 % bands and the median of the
    ensemble, in the language's CO2 unit."""
    q = units.unit("co2", lang)
    x = [int(y) for y in ensemble.years]
    bands = units.convert(ensemble.quantiles(NET), "co2", lang)
    traces = [
        *_band(x, bands[0], bands[4], t("unc_band_90", lang), BAND_OUTER),
        *_band(x, bands[1], bands[3], t("unc_band_50", lang), BAND_INNER),
        _line(x, bands[2], t("unc_median", lang), MEDIAN, dash="dot") | _hover(q),
        _line(
            x,
            units.convert(scenario.variables[NET][0], "co2", lang),
            t("unc_central", lang),
            SCENARIO,
        )
        | _hover(q),
    ]
    layout = _layout(t("unc_fan_title", lang, n=f"{ensemble.samples:,}"), q.label, lang)
    layout["shapes"] = [zero_line("#888888")]
    return figure(traces, layout)


def year_distribution(ensemble: Ensemble, indicator: str, lang: str) -> Figure:
    """Share of samples by year of ``indicator`` (net-zero or peak year), with a last bar, one
    year after the horizon, for samples that never reach it."""
    values = ensemble.indicators[indicator]
    end = int(ensemble.years[-1])
    reached = values[~np.isnan(values)].astype(int)
    years, counts = np.unique(reached, return_counts=True)
    x = [int(y) for y in years]
    y = list(100 * counts / values.size)
    never = 100 * float(np.isnan(values).mean())
    if never > 0:
        x.append(end + 1)
        y.append(never)
    reached_years = [v for v in x if v <= end] or [end]
    first, last = min(reached_years), max(reached_years)
    step = 1 if last - first <= 8 else 2 if last - first <= 16 else 5
    ticks = [v for v in range(first, last + 1) if (v - first) % step == 0]
    if never > 0:
        ticks = [v for v in ticks if v < end - step // 2]  # room for the "after" label
        ticks.append(end + 1)
    labels = [t("unc_after", lang, year=end) if v > end else str(v) for v in ticks]
    title_key = "unc_netzero_title" if indicator == "net_zero_year" else "unc_peak_title"
    trace = {
        "type": "bar",
        "x": x,
        "y": y,
        "marker": {"color": [NEVER if v > end else MEDIAN for v in x]},
        "customdata": [t("unc_after", lang, year=end) if v > end else str(v) for v in x],
        "hovertemplate": "%{customdata}: %{y:.1f}%<extra></extra>",
        "name": t("unc_share_of_samples", lang),
    }
    layout = _layout(t(title_key, lang), t("unc_share_of_samples", lang), lang, hovermode="closest")
    layout["xaxis"] = layout["xaxis"] | {"tickvals": ticks, "ticktext": labels, "tickangle": 0}
    layout["showlegend"] = False
    return figure([trace], layout)


def _indicator_axis(indicator: str, lang: str) -> tuple[str, float]:
    quantity = INDICATOR_QUANTITY[indicator]
    shown = units.unit(quantity, lang)
    return shown.label or t("unc_year", lang), shown.factor


def tornado_chart(result: Tornado, labels: dict[str, str], lang: str, top: int = 15) -> Figure:
    """Horizontal bars: the indicator with each input at its low end and at its high end, the
    others central; the largest swings on top. ``labels``: input name -> label."""
    bars = list(result.bars[:top])[::-1]
    unit_label, factor = _indicator_axis(result.indicator, lang)
    central = result.central * factor
    names = [labels.get(b.name, b.name) for b in bars]
    traces = []
    for key, color, attr in (
        ("unc_at_low", LOW_END, "at_low"),
        ("unc_at_high", HIGH_END, "at_high"),
    ):
        delta = [getattr(b, attr) * factor - central for b in bars]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": delta,
                "base": central,
                "name": t(key, lang),
                "marker": {"color": color},
                "customdata": [getattr(b, attr) * factor for b in bars],
                "hovertemplate": "%{y}: %{customdata:,.4g}<extra>" + t(key, lang) + "</extra>",
            }
        )
    title = t("unc_tornado_title", lang, indicator=t(f"unc_indicator.{result.indicator}", lang))
    layout = _layout(title, unit_label, lang, barmode="overlay", hovermode="closest")
    layout["height"] = max(420, 34 * len(bars) + 160)
    layout["yaxis"] = layout["yaxis"] | {"title": {"text": ""}, "automargin": True}
    layout["legend"] = layout["legend"] | {"y": -0.08}
    layout["shapes"] = [
        {
            "type": "line",
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "x0": central,
            "x1": central,
            "line": {"color": SCENARIO, "width": 2},
        }
    ]
    return figure(traces, layout)


def sobol_chart(result: SobolIndices, labels: dict[str, str], lang: str, top: int = 12) -> Figure:
    """First- and total-order Sobol indices of the inputs with their 95 % confidence intervals,
    the largest total-order index first."""
    order = result.ranking()[:top]
    names = [labels.get(result.names[i], result.names[i]) for i in order]
    traces = []
    for key, values, conf, color in (
        ("unc_first_order", result.first, result.first_conf, MEDIAN),
        ("unc_total_order", result.total, result.total_conf, HIGH_END),
    ):
        traces.append(
            {
                "type": "bar",
                "x": names,
                "y": [float(values[i]) for i in order],
                "error_y": {
                    "type": "data",
                    "array": [float(conf[i]) for i in order],
                    "visible": True,
                },
                "name": t(key, lang),
                "marker": {"color": color},
                "hovertemplate": "%{x}: %{y:.3f}<extra>" + t(key, lang) + "</extra>",
            }
        )
    layout = _layout(
        t("unc_sobol_title", lang),
        t("unc_sobol_axis", lang),
        lang,
        barmode="group",
        hovermode="closest",
    )
    layout["xaxis"] = layout["xaxis"] | {"tickangle": -30, "automargin": True}
    layout["legend"] = layout["legend"] | {"y": 1.02, "yanchor": "bottom"}
    return figure(traces, layout)
