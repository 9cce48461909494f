"""What a meeting pack shows, gathered once from the model's results (pure; no Streamlit).

:func:`gather` takes one to four :class:`PackScenario` (name, complete levers, region, preset it
started from, share link) and returns a :class:`Pack`: per scenario the indicator cards, the
dashboard's figures (``pathways.ui.figures``: the same variables, labels, colours and display
units as the screen), each figure as a :class:`Chart` (the series a native slide chart plots, in
the display unit of the language), the official-target checklist, every lever against its
preset, the published comparators and the sources; for two to four scenarios also the
comparison (``pathways.compare``: differences table, overlays). The writers
(:mod:`~pathways.report.pptx_pack`, :mod:`~pathways.report.html_pack`,
:mod:`~pathways.report.xlsx_pack`) only lay this out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go

from pathways import compare as compare_core
from pathways import contributions as contrib_core
from pathways import i18n, model, scenario
from pathways.comparators import Comparator, modelled, preset_comparators
from pathways.data import CEADS_CITATION, is_province, region_name
from pathways.indicators import INDICATOR_UNITS, targets_for
from pathways.result import Result
from pathways.ui import compare_figures, figures, units
from pathways.ui.i18n import label as key_label
from pathways.ui.i18n import var_label

BASELINE_PRESET = "current-policies"
MAX_SCENARIOS = compare_core.MAX_SCENARIOS
# the Overview's cards: indicator, display quantity (pathways.ui.units); same order as the page
CARDS = (
    ("peak_year", "year"),
    ("peak_level", "co2"),
    ("net_zero_year", "year"),
    ("net_2030", "co2"),
    ("net_2060", "co2"),
    ("cumulative_2020_2060", "co2_cum"),
    ("nonfossil_share_2030", "percent"),
    ("nonfossil_share_2060", "percent"),
    ("co2_per_gdp_vs_2005_2030", "percent"),
)
CARD_UNITS = ("co2", "co2_cum")  # catalogue card_unit.<quantity>, as the Overview's cards
MINE = figures.RESTORATION

Run = Callable[[dict[str, float], str], Result]
Split = Callable[[dict[str, float], dict[str, float], str], contrib_core.Contributions]


@dataclass(frozen=True)
class PackScenario:
    """One scenario of a pack: its name, complete lever values, region, the preset it started
    from (None: the catalogue defaults) and, from the dashboard, its share link."""

    name: str
    levers: dict[str, float]
    region: str = "china"
    preset: str | None = None
    share_link: str | None = None


@dataclass(frozen=True)
class Series:
    """One series of a chart: values in the display unit, one per category (year)."""

    name: str
    values: tuple[float, ...]
    colour: str
    kind: str  # "stack" (stacked area or column), "bar" (stacked column), "line"
    dash: str = "solid"


@dataclass(frozen=True)
class Chart:
    """A chart as the slides draw it: ``layout`` 'area' (stacked areas + lines), 'column'
    (stacked columns, negatives below zero, + lines), 'line' or 'clustered' (grouped bars)."""

    key: str
    title: str
    unit: str
    categories: tuple
    series: tuple[Series, ...]
    layout: str

    @property
    def heading(self) -> str:
        """The title with the unit, as slides and sheets show it."""
        return f"{self.title} ({self.unit})" if self.unit else self.title


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    value: str
    delta: str  # change against the current-policies baseline ('' when none)


@dataclass(frozen=True)
class TargetRow:
    key: str
    label: str
    indicator: str
    comparison: str
    threshold: float
    value: float  # model unit (INDICATOR_UNITS)
    shown: str  # in the display unit of the language
    passed: bool
    met_in: int | None
    source: str
    unit: str = ""  # of threshold and value (model unit)
    kind: str = "national"  # "national" (pathways.indicators) or "plan" (the province's plan)


@dataclass(frozen=True)
class LeverRow:
    name: str
    group: str  # the path (module) label
    label: str
    unit: str  # catalogue unit (model), e.g. '%'
    unit_shown: str  # in the language
    value: float
    preset_value: float
    changed: bool


@dataclass(frozen=True)
class ComparatorRow:
    label: str
    year: int
    published: float
    modelled: float
    unit: str
    source: str


@dataclass
class ScenarioContent:
    scenario: PackScenario
    region_label: str
    preset_title: str
    result: Result
    baseline: Result
    contributions: contrib_core.Contributions
    cards: list[Card]
    charts: list[Chart]
    figures: dict[str, go.Figure]
    targets: list[TargetRow]
    levers: list[LeverRow]
    comparators: list[ComparatorRow]
    restoration: list[tuple[str, str]]  # (label, value with unit): mine restoration key figures
    sources: list[str]

    @property
    def changed(self) -> list[LeverRow]:
        return [row for row in self.levers if row.changed]


@dataclass
class CompareContent:
    comparison: compare_core.Comparison
    charts: list[Chart]
    figures: dict[str, go.Figure]
    differences: list[list[str]]  # header row + one row per indicator (values and Δ, shown)
    restoration: list[list[str]]  # same layout; empty without the restoration module
    lever_rows: list[list[str]]  # header + levers on which the scenarios differ
    targets: list[list[str]]  # header + one row per target (✔/✘ per scenario)


@dataclass
class Pack:
    lang: str
    date: str
    scenarios: list[ScenarioContent]
    comparison: CompareContent | None = None
    notes: list[str] = field(default_factory=list)  # method notes (catalogue)

    @property
    def title(self) -> str:
        names = [s.scenario.name for s in self.scenarios]
        return i18n.join(names, self.lang) if len(names) > 1 else names[0]

    @property
    def is_compare(self) -> bool:
        return self.comparison is not None


# --- numbers as the dashboard shows them -------------------------------------------------------


def indicator_text(indicator: str, value: float, lang: str, end_year: int = 2060) -> str:
    """An indicator in the display unit of ``lang``, as the Overview's cards and checklist
    write it (years whole, 'after 2060' for a year never reached, shares with one decimal)."""
    model_unit = INDICATOR_UNITS.get(indicator, "")
    if model_unit == "year":
        if not math.isfinite(value):
            return i18n.t("after_year", lang, year=end_year)
        return f"{value:.0f}"
    if not math.isfinite(value):
        return "–"
    quantity = units.quantity_of(model_unit) or "percent"
    if quantity == "percent":
        return f"{value:.1f}%"
    return units.fmt(value, quantity, lang)


def _delta_text(quantity: str, value: float, base: float, lang: str, end_year: int = 2060) -> str:
    """The change chip of a card as the Overview writes it (its units, '±' for no change, and
    'N+ yr earlier' when only one of the two years is reached within the horizon)."""
    if math.isfinite(value) and math.isfinite(base):
        diff = value - base
        if quantity == "year":
            text, zero = f"{diff:+.0f} {i18n.t('unit_years', lang)}", round(diff) == 0
        elif quantity == "percent":
            text, zero = f"{diff:+.1f} {i18n.t('unit_pp', lang)}", round(diff, 1) == 0
        else:
            number = units.fmt(diff, quantity, lang, signed=True, with_unit=False)
            text, zero = f"{number} {card_unit(quantity, lang)}", number.startswith("±")
        return "±" + text.lstrip("+-±") if zero else text
    if quantity == "year" and math.isfinite(value) != math.isfinite(base):
        if math.isfinite(value):
            return i18n.t("chip_years_earlier", lang, n=f"{end_year + 1 - value:.0f}")
        return i18n.t("chip_years_later", lang, n=f"{end_year + 1 - base:.0f}")
    return ""


def card_unit(quantity: str, lang: str) -> str:
    """The unit word of a card (shorter for CO2, where the label already says it)."""
    if quantity in CARD_UNITS:
        return i18n.t(f"card_unit.{quantity}", lang)
    return units.label(quantity, lang)


def number_text(
    value: float, lang: str, model_unit: str = "", mine: bool = False, signed: bool = False
) -> str:
    """A table cell as the Compare page writes it (:func:`pathways.ui.units.table_number`)."""
    return units.table_number(value, model_unit, lang, signed=signed, mine=mine)


def unit_text(model_unit: str, lang: str, mine: bool = False) -> str:
    """The display unit of a model unit in ``lang`` ('' for years)."""
    quantity = units.quantity_of(model_unit, mine)
    if quantity == "year":
        return ""
    return model_unit if quantity is None else units.label(quantity, lang)


def region_label(region: str, lang: str) -> str:
    key = f"region_{region}"
    return i18n.t(key, lang) if i18n.has(key) else region_name(region, lang)


def preset_title(preset: str | None, lang: str) -> str:
    if not preset:
        return i18n.t("pack_no_preset", lang)
    return scenario.load_preset(preset).title(lang)


# --- charts from the dashboard's figures ---------------------------------------------------------


def _trace_get(trace, name: str, default=None):
    value = getattr(trace, name, None)
    return default if value is None else value


def chart_of(key: str, fig: go.Figure, layout: str | None = None) -> Chart:
    """The series a native chart plots, read from a dashboard figure: every trace over the years
    (single markers, e.g. published comparators, are left to the tables), its values exactly the
    figure's (already in the display unit), name, colour and whether it stacks."""
    title = fig.layout.title
    heading = title.text or ""
    unit = title.subtitle.text if title.subtitle is not None else ""
    categories: tuple = ()
    series: list[Series] = []
    for trace in fig.data:
        x = _trace_get(trace, "x", ())
        if len(x) < 2 or str(_trace_get(trace, "mode", "")) == "markers":
            continue
        y = tuple(float(v) for v in np.asarray(trace.y, dtype=float))
        categories = categories or tuple(int(v) for v in x)
        if trace.type == "bar":
            kind, colour = "bar", trace.marker.color
        elif _trace_get(trace, "stackgroup"):
            kind, colour = "stack", trace.line.color
        else:
            kind, colour = "line", trace.line.color
        dash = _trace_get(trace.line, "dash", "solid") if trace.type != "bar" else "solid"
        series.append(Series(str(trace.name), y, str(colour or "#777777"), kind, str(dash)))
    if layout is None:
        negative = any(min(s.values) < 0 for s in series if s.kind != "line")
        bars = any(s.kind == "bar" for s in series)
        layout = "column" if negative or bars else "area"
    return Chart(key, heading, unit, categories, tuple(series), layout)


def scenario_figures(
    result: Result, baseline: Result, contrib, comparators, lang: str
) -> dict[str, go.Figure]:
    """The dashboard's figures a pack shows, by key (Overview, then Mine restoration)."""
    out = {
        "trajectory": figures.trajectory(result, baseline, lang, comparators),
        "contributions": figures.contributions(contrib, lang),
        "primary": figures.primary_energy(result, lang),
        "power": figures.power_mix(result, lang),
    }
    if figures.has_restoration(result):
        out["restoration"] = figures.restoration_breakdown(result, "zone", lang)
        out["restoration_area"] = figures.restoration_area(result, lang)
    return out


SLIDE_CHARTS = ("trajectory", "contributions", "primary", "power", "restoration")


# --- one scenario -------------------------------------------------------------------------------


def _cards(result: Result, baseline: Result, lang: str) -> list[Card]:
    """The Overview's nine cards: value and the change against the baseline."""
    end = int(result.years[-1])
    out = []
    for key, quantity in CARDS:
        value = float(result.indicators[key][0])
        base = float(baseline.indicators[key][0])
        text = indicator_text(key, value, lang, end)
        if quantity in CARD_UNITS and math.isfinite(value):  # shorter unit words, as on cards
            text = (
                f"{units.fmt(value, quantity, lang, with_unit=False)} {card_unit(quantity, lang)}"
            )
        delta = _delta_text(quantity, value, base, lang, end)
        out.append(Card(key, i18n.t(f"ind_{key}", lang), text, delta))
    return out


SYMBOLS = {"<=": "≤", ">=": "≥", "=": "="}


def plan_preset(region: str) -> str | None:
    """The province's published carbon peaking plan as a preset (``<code>-peaking-plan``), or
    None (the nation; a province without one)."""
    name = f"{region}-peaking-plan"
    return name if is_province(region) and name in scenario.list_presets(region) else None


def plan_targets(result: Result, lang: str) -> list[TargetRow]:
    """The province's own targets: the numbers of its peaking plan (the preset's comparators),
    whatever preset is on screen; each checked as the preset's comparator is."""
    plan = plan_preset(result.region)
    if plan is None:
        return []
    title = preset_title(plan, lang)
    rows = []
    for i, c in enumerate(preset_comparators(plan)):
        value = modelled(result, c)
        number = f"{value:.0f}" if c.unit == "year" else f"{value:,.1f}"
        source = c.source + (f" ({c.departure})" if c.departure else "")
        rows.append(
            TargetRow(
                key=f"{plan}.{i}",
                label=i18n.t(
                    "pack_plan_target",
                    lang,
                    plan=title,
                    label=_comparator_label(c, lang),
                    year=c.year,
                    sym=SYMBOLS.get(c.comparison, c.comparison),
                    value=f"{c.value:g}",
                    unit="" if c.unit == "year" else c.unit,
                ).strip(),
                indicator=c.variable,
                comparison=c.comparison,
                threshold=c.value,
                value=value,
                shown=number if c.unit == "year" else f"{number} {c.unit}",
                passed=c.matches(value),
                met_in=None,
                source=source,
                unit=c.unit,
                kind="plan",
            )
        )
    return rows


def _targets(result: Result, lang: str) -> list[TargetRow]:
    """The targets of the result's region: for a province its plan's first, then the national
    targets that apply to it (shares, intensities, years; not the nation's GW), as the
    dashboard's checklist (pathways.indicators.targets_for)."""
    rows = plan_targets(result, lang)
    for target in targets_for(result.region):
        value = float(result.indicators[target.indicator][0])
        rows.append(
            TargetRow(
                key=target.key,
                label=target.label(lang),
                indicator=target.indicator,
                comparison=target.comparison,
                threshold=target.threshold,
                value=value,
                shown=indicator_text(target.indicator, value, lang),
                passed=bool(target.passed(result.indicators)[0]),
                met_in=target.met_in,
                source=target.source + (f" ({target.history})" if target.history else ""),
                unit=INDICATOR_UNITS.get(target.indicator, ""),
            )
        )
    return rows


def lever_rows(
    levers: dict[str, float], preset: str | None, lang: str, region: str = "china"
) -> list[LeverRow]:
    """Every lever of the catalogue: value, the preset's value and whether it differs."""
    reference = scenario.complete(preset=preset, region=region)
    rows = []
    for name, lever in scenario.catalogue().items():
        value = float(levers.get(name, reference[name]))
        rows.append(
            LeverRow(
                name=name,
                group=i18n.module_label(lever.module, lang),
                label=lever.label(lang),
                unit=lever.unit,
                unit_shown=i18n.lever_unit(lever.unit, lang),
                value=value,
                preset_value=float(reference[name]),
                changed=value != float(reference[name]),
            )
        )
    return rows


def _comparators(result: Result, preset: str | None, lang: str) -> list[ComparatorRow]:
    if not preset:
        return []
    rows = []
    for c in preset_comparators(preset):
        rows.append(
            ComparatorRow(
                label=_comparator_label(c, lang),
                year=c.year,
                published=c.value,
                modelled=modelled(result, c),
                unit=c.unit,
                source=c.source,
            )
        )
    return rows


def _comparator_label(c: Comparator, lang: str) -> str:
    if c.variable.startswith("Indicator|"):
        return key_label(c.variable.removeprefix("Indicator|"), lang)
    if c.variable == "Share|Primary Energy|Non-Fossil":
        return i18n.t("pack_nonfossil_share", lang)
    if c.variable == "Year|Net Zero CO2":
        return i18n.t("ind_net_zero_year", lang)
    if c.variable == "Year|Peak CO2":
        return i18n.t("ind_peak_year", lang)
    return var_label(c.variable, lang)


def _restoration(result: Result, name: str, lang: str) -> list[tuple[str, str]]:
    if MINE not in result.variables:
        return []
    cmp = compare_core.Comparison([compare_core.Entry(name, {}, result.region)], [result])
    table = compare_core.restoration_table(cmp)
    return [
        (
            key_label(row["item"], lang),
            number_text(float(row[name]), lang, row["unit"], mine=True)
            + " "
            + unit_text(row["unit"], lang, mine=True),
        )
        for _, row in table.iterrows()
    ]


def _sources(preset: str | None, region: str = "china") -> list[str]:
    """The studies and plans the preset follows (data/presets/<preset>.toml); for a province
    also the inventory its base year reproduces (CEADs, to be cited wherever shown)."""
    out = list(scenario.load_preset(preset).sources) if preset else []
    return out + ([CEADS_CITATION] if is_province(region) else [])


def _default_run(levers: dict[str, float], region: str) -> Result:
    return model.run(levers, region=region)


def _default_split(levers, baseline, region) -> contrib_core.Contributions:
    return contrib_core.shapley(levers, baseline, region=region)


def scenario_content(
    entry: PackScenario, lang: str, run: Run = _default_run, split: Split = _default_split
) -> ScenarioContent:
    """Everything the pack shows about one scenario (baseline: current policies)."""
    baseline_levers = scenario.complete(preset=BASELINE_PRESET, region=entry.region)
    result = run(entry.levers, entry.region)
    baseline = run(baseline_levers, entry.region)
    contrib = split(entry.levers, baseline_levers, entry.region)
    published = preset_comparators(entry.preset) if entry.preset else ()
    figs = scenario_figures(result, baseline, contrib, published, lang)
    charts = [chart_of(key, fig) for key, fig in figs.items() if key in SLIDE_CHARTS]
    return ScenarioContent(
        scenario=entry,
        region_label=region_label(entry.region, lang),
        preset_title=preset_title(entry.preset, lang),
        result=result,
        baseline=baseline,
        contributions=contrib,
        cards=_cards(result, baseline, lang),
        charts=charts,
        figures=figs,
        targets=_targets(result, lang),
        levers=lever_rows(entry.levers, entry.preset, lang, entry.region),
        comparators=_comparators(result, entry.preset, lang),
        restoration=_restoration(result, entry.name, lang),
        sources=_sources(entry.preset, entry.region),
    )


# --- two to four scenarios ----------------------------------------------------------------------


def _table_rows(table, key: str, labels: list[str], lang: str, mine: bool = False) -> list[list]:
    """A compare table (values then 'Δ label' columns) as shown text, with a header row."""
    delta_cols = [f"Δ {label}" for label in labels[1:]]
    header = [i18n.t("cmp_col_item", lang), i18n.t("cmp_col_unit", lang), *labels, *delta_cols]
    rows = [header]
    for _, row in table.iterrows():
        model_unit = str(row.get("unit", ""))
        cells = [key_label(str(row[key]), lang), unit_text(model_unit, lang, mine)]
        cells += [number_text(float(row[c]), lang, model_unit, mine) for c in labels]
        cells += [
            number_text(float(row[c]), lang, model_unit, mine, signed=True) for c in delta_cols
        ]
        rows.append(cells)
    return rows


def _overlay(key: str, title: str, unit: str, cmp, values: Callable[[Result], np.ndarray]):
    series = tuple(
        Series(
            label,
            tuple(float(v) for v in values(r)),
            figures.SERIES_COLORS[i % len(figures.SERIES_COLORS)],
            "line",
            compare_figures.DASHES[i % len(compare_figures.DASHES)],
        )
        for i, (label, r) in enumerate(zip(cmp.labels, cmp.results, strict=True))
    )
    return Chart(key, title, unit, tuple(int(y) for y in cmp.years), series, "line")


def _overlay_figure(chart: Chart, lang: str) -> go.Figure:
    traces = [
        figures._line(list(chart.categories), np.asarray(s.values), s.name, s.colour, s.dash)
        | {"hovertemplate": "%{y:,.2f} " + chart.unit}
        for s in chart.series
    ]
    return figures.figure(traces, figures._layout(chart.title, chart.unit, lang))


def _nonfossil_share(r: Result) -> np.ndarray:
    return 100 * r["Primary Energy|Non-Fossil"][0] / r["Primary Energy"][0]


def _power_nonfossil_share(r: Result) -> np.ndarray:
    fossil = sum(r[f"Secondary Energy|Electricity|{f}"][0] for f in ("Coal", "Gas", "Oil"))
    total = sum(
        r[f"Secondary Energy|Electricity|{f}"][0]
        for f in ("Coal", "Gas", "Oil", "Nuclear", "Hydro", "Wind", "Solar", "Biomass")
    )
    return 100 * (1 - fossil / total)


def compare_content(items: list[ScenarioContent], lang: str) -> CompareContent:
    """The comparison of the scenarios already gathered (the first one is the reference)."""
    entries = [
        compare_core.Entry(s.scenario.name, s.scenario.levers, s.scenario.region) for s in items
    ]
    labels = compare_core.unique_labels([e.label for e in entries])
    for entry, label in zip(entries, labels, strict=True):
        entry.label = label
    cmp = compare_core.Comparison(
        entries, [s.result for s in items], [s.contributions for s in items]
    )
    co2, co2_mine = units.unit("co2", lang), units.unit("co2_mine", lang)
    pct = i18n.t("axis_pct", lang)
    charts = [
        _overlay("net", i18n.t("cmp_net", lang), co2.label, cmp, lambda r: r["Emissions|CO2"][0] * co2.factor),
        _contribution_chart(cmp, lang),
        _overlay("nonfossil", i18n.t("pack_nonfossil_share", lang), pct, cmp, _nonfossil_share),
        _overlay("power_nonfossil", i18n.t("pack_power_nonfossil_share", lang), pct, cmp, _power_nonfossil_share),
    ]  # fmt: skip
    if cmp.has_restoration:
        charts.append(
            _overlay(
                "restoration",
                var_label(MINE, lang),
                co2_mine.label,
                cmp,
                lambda r: r[MINE][0] * co2_mine.factor,
            )
        )
    figs = {"net": compare_figures.net_overlay(cmp, lang)}
    figs["contributions"] = compare_figures.contributions_bars(cmp, lang)
    for chart in charts[2:]:
        figs[chart.key] = _overlay_figure(chart, lang)
    resto_fig = compare_figures.restoration_bars(cmp, lang) if cmp.has_restoration else None
    if resto_fig is not None:
        figs["restoration_bars"] = resto_fig
    differences = _table_rows(compare_core.indicator_table(cmp), "indicator", labels, lang)
    restoration = (
        _table_rows(compare_core.restoration_table(cmp), "item", labels, lang, mine=True)
        if cmp.has_restoration
        else []
    )
    return CompareContent(
        comparison=cmp,
        charts=charts,
        figures=figs,
        differences=differences,
        restoration=restoration,
        lever_rows=_lever_differences(cmp, lang),
        targets=_target_matrix(items, labels, lang),
    )


def _contribution_chart(cmp, lang: str) -> Chart:
    """Each path's cumulative reduction 2020-2060 against current policies, one bar per scenario
    (clustered by path)."""
    table = compare_core.contribution_table(cmp)
    q = units.unit("co2_cum", lang)
    categories = tuple(key_label(str(p), lang) for p in table["path"])
    series = tuple(
        Series(
            label,
            tuple(float(v) * q.factor for v in table[label]),
            figures.SERIES_COLORS[i % len(figures.SERIES_COLORS)],
            "bar",
        )
        for i, label in enumerate(cmp.labels)
    )
    return Chart(
        "contributions", i18n.t("cmp_contrib", lang), q.label, categories, series, "clustered"
    )


def _lever_differences(cmp, lang: str) -> list[list[str]]:
    diff = compare_core.lever_differences(cmp)
    cat = scenario.catalogue()
    rows = [[i18n.t("cmp_col_item", lang), i18n.t("cmp_col_unit", lang), *cmp.labels]]
    for _, row in diff.iterrows():
        lever = cat.get(row["lever"])
        rows.append(
            [
                lever.label(lang) if lever else str(row["lever"]),
                i18n.lever_unit(lever.unit, lang) if lever else "",
                *(f"{float(row[label]):g}" for label in cmp.labels),
            ]
        )
    return rows


def target_keys(items: Sequence[ScenarioContent]) -> list[tuple[str, str]]:
    """(key, label) of every target of the scenarios, in order of first appearance (scenarios
    of different regions have different targets)."""
    seen: dict[str, str] = {}
    for s in items:
        for row in s.targets:
            seen.setdefault(row.key, row.label)
    return list(seen.items())


def target_row(item: ScenarioContent, key: str) -> TargetRow | None:
    """The scenario's row of target ``key``, or None (a target of another region)."""
    return next((row for row in item.targets if row.key == key), None)


def first_target_row(items: Sequence[ScenarioContent], key: str) -> TargetRow:
    """The first scenario's row of target ``key`` among those that have it (its threshold,
    unit and source are the target's)."""
    return next(row for s in items if (row := target_row(s, key)) is not None)


def _target_matrix(items: list[ScenarioContent], labels: list[str], lang: str) -> list[list[str]]:
    rows = [[i18n.t("targets", lang), *labels]]
    for key, label in target_keys(items):
        cells = [label]
        for s in items:
            row = target_row(s, key)
            cells.append("–" if row is None else ("✔ " if row.passed else "✘ ") + row.shown)
        rows.append(cells)
    return rows


# --- the pack ------------------------------------------------------------------------------------


def gather(
    entries: Sequence[PackScenario],
    lang: str = "en",
    run: Run = _default_run,
    split: Split = _default_split,
    date: str | None = None,
) -> Pack:
    """The content of a pack for one scenario, or a compare pack for two to four. ``run`` and
    ``split`` replace the model run and the Shapley split (the dashboard passes its cached ones)."""
    lang = i18n.lang_of(lang)
    entries = list(entries)
    if not 1 <= len(entries) <= MAX_SCENARIOS:
        raise ValueError(f"a pack takes 1 to {MAX_SCENARIOS} scenarios, not {len(entries)}")
    items = [scenario_content(e, lang, run, split) for e in entries]
    notes = [i18n.t(f"pack_note_{k}", lang) for k in ("model", "baseline", "units", "contrib")]
    return Pack(
        lang=lang,
        date=date or dt.date.today().isoformat(),
        scenarios=items,
        comparison=compare_content(items, lang) if len(items) > 1 else None,
        notes=notes,
    )
