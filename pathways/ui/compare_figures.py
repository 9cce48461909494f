"""Figures of the compare page, pure functions of a :class:`pathways.compare.Comparison`."""

from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pathways.compare import Comparison, contribution_table, restoration_table, trajectories
from pathways.ui import units
from pathways.ui.figures import PATH_COLORS, SERIES_COLORS, _hover, _layout, figure, zero_line
from pathways.ui.i18n import label, t
from pathways.ui.text import plot_text

DASHES = ["solid", "dash", "dot", "dashdot"]
# characters per line of a subplot title in a third of the page (a Chinese character is as wide as
# two Latin ones)
WRAP_CHARS = {"en": 26, "zh": 13}


def net_overlay(
    cmp: Comparison, lang: str = "en", extra: dict[str, dict[int, float]] | None = None
) -> go.Figure:
    """Net CO2 of every scenario on one chart (plus uploaded reference series, thin grey)."""
    frame = trajectories(cmp)
    x = [int(y) for y in frame.index]
    q = units.unit("co2", lang)
    traces = []
    for i, column in enumerate(frame.columns):
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": np.round(frame[column].to_numpy() * q.factor, 4),
                "name": plot_text(column),
                "mode": "lines",
                "line": {
                    "color": SERIES_COLORS[i % len(SERIES_COLORS)],
                    "width": 3.5,
                    "dash": DASHES[i % len(DASHES)],
                },
            }
            | _hover(q)
        )
    for j, (name, series) in enumerate((extra or {}).items()):
        years = sorted(series)
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": [series[y] * q.factor for y in years],
                "name": plot_text(name),
                "mode": "lines+markers",
                "line": {"color": "#777777", "width": 2, "dash": DASHES[(j + 1) % len(DASHES)]},
            }
            | _hover(q)
        )
    layout = _layout(t("cmp_net", lang), q.label, lang)
    layout["shapes"] = [zero_line()]
    return figure(traces, layout)


def contributions_bars(cmp: Comparison, lang: str = "en") -> go.Figure:
    """Cumulative reduction by path (stacked), one bar per scenario."""
    table = contribution_table(cmp)
    q = units.unit("co2_cum", lang)
    traces = []
    for _, row in table.iterrows():
        if row["path"] == "total":
            continue
        traces.append(
            {
                "type": "bar",
                "x": [plot_text(s) for s in cmp.labels],
                "y": [round(float(row[c]) * q.factor, 3) for c in cmp.labels],
                "name": label(str(row["path"]), lang),
                "marker": {"color": PATH_COLORS.get(str(row["path"]), "#777777")},
            }
            | _hover(q, 1)
        )
    layout = _layout(t("cmp_contrib", lang), q.label, lang, barmode="relative", hovermode="x")
    layout["xaxis"]["title"]["text"] = ""
    return figure(traces, layout)


def restoration_bars(cmp: Comparison, lang: str = "en") -> go.Figure | None:
    """Each restoration figure as a small bar chart, one bar per scenario; None without it."""
    table = restoration_table(cmp)
    if table.empty:
        return None
    n = len(table)
    cols = min(n, 3)
    rows = (n + cols - 1) // cols
    quantities = [units.quantity_of(u, mine=True) or "percent" for u in table["unit"]]
    width = WRAP_CHARS.get(lang, 26)
    titles = [
        "<br>".join(textwrap.wrap(label(k, lang), width)) + f" ({units.label(q, lang)})"
        for k, q in zip(table["item"], quantities, strict=True)
    ]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        vertical_spacing=0.3 / rows,
        horizontal_spacing=0.08,
    )
    for idx, (_, row) in enumerate(table.iterrows()):
        r, c = idx // cols + 1, idx % cols + 1
        for i, scen in enumerate(cmp.labels):
            fig.add_trace(
                go.Bar(
                    x=[plot_text(scen)],
                    y=[units.convert(float(row[scen]), quantities[idx], lang)],
                    name=plot_text(scen),
                    legendgroup=plot_text(scen),
                    showlegend=idx == 0,
                    marker_color=SERIES_COLORS[i % len(SERIES_COLORS)],
                    hovertemplate="%{y:,.3g}",
                ),
                row=r,
                col=c,
            )
    layout = _layout("", "", lang, hovermode="closest")
    for key in ("xaxis", "yaxis", "title"):
        layout.pop(key)
    layout["height"] = 260 * rows + 110
    layout["margin"] = {"l": 50, "r": 20, "t": 60, "b": 40}
    layout["legend"]["y"] = -0.06
    fig.update_layout(**layout)
    fig.update_xaxes(showticklabels=False)
    fig.update_annotations(font_size=14)
    return fig


SUM_VARIABLE = "Emissions|CO2|Energy"


def sum_of_provinces(nation, summed, lang: str = "en", variable: str = SUM_VARIABLE) -> go.Figure:
    """China as the sum of its provinces against the national run (pathways.region_sum): the
    national run, the provinces' plain sum, the sum region (plain sum + reconciliation term) and
    the term itself, in the display unit of CO2."""
    q = units.unit("co2", lang)
    x = [int(y) for y in nation.years]
    series = (
        ("sum_nation", nation.variables[variable][0], SERIES_COLORS[0], "solid"),
        ("sum_provinces", summed.provincial_sum.variables[variable][0], "#888888", "dot"),
        ("sum_region", summed.total.variables[variable][0], SERIES_COLORS[1], "dash"),
        ("sum_reconciliation", summed.reconciliation.variables[variable][0], "#b5523b", "dashdot"),
    )
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": np.round(values * q.factor, 4),
            "name": t(key, lang),
            "mode": "lines",
            "line": {"color": color, "width": 3.5 if key != "sum_provinces" else 2.5, "dash": dash},
        }
        | _hover(q)
        for key, values, color, dash in series
    ]
    layout = _layout(t("sum_title", lang), q.label, lang)
    layout["shapes"] = [zero_line()]
    return figure(traces, layout)
