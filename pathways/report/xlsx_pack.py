"""The meeting pack as a workbook (openpyxl).

Sheets: IAMC data (wide, exactly the columns and rows of ``pathways run`` / the CSV download,
every scenario of the pack one after the other, values unrounded), indicators, targets, levers
(value, unit, the preset's value, changed?) and sources. Header rows are frozen and bold, columns
sized, numbers formatted, units in the headers (or a unit column where rows differ). Every text
cell goes through :func:`pathways.safe_csv.neutralise`, so a scenario name typed as ``=...`` stays
text and never runs as a formula.
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pathways import i18n, scenario
from pathways.export import iamc_wide
from pathways.indicators import INDICATOR_UNITS
from pathways.report.content import SYMBOLS, Pack, first_target_row, target_keys, target_row
from pathways.safe_csv import neutralise
from pathways.ui.i18n import label as _label

HEADER_FILL = PatternFill("solid", fgColor="2F7FC1")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
HIGHLIGHT = PatternFill("solid", fgColor="FFF4E0")  # a lever changed from the preset
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER = "#,##0.00"


def _cell(value: object) -> object:
    """A value as the workbook stores it: text neutralised, NaN as an empty cell."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return neutralise(value) if isinstance(value, str) else value


def _sheet(
    wb: Workbook,
    title: str,
    header: list,
    rows: list[list],
    widths: list[int],
    numeric: set[int] = frozenset(),
    number_format: str = NUMBER,
    freeze: str = "A2",
    highlight: set[int] = frozenset(),
    wrap: set[int] = frozenset(),
):
    """A sheet (write-only: streamed, several times faster) with a styled header row frozen
    above the data, column widths, number formats on the ``numeric`` columns, the rows of
    ``highlight`` (0-based) shaded and the ``wrap`` columns wrapped."""
    ws = wb.create_sheet(title=title[:31])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    head = []
    for value in header:
        cell = WriteOnlyCell(ws, _cell(value))
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, HEADER_ALIGN
        head.append(cell)
    ws.append(head)
    for r, row in enumerate(rows):
        out = []
        for c, value in enumerate(row):
            value = _cell(value)
            styled = (c in numeric and isinstance(value, int | float)) or c in wrap
            if styled or r in highlight:
                cell = WriteOnlyCell(ws, value)
                if c in numeric and isinstance(value, int | float):
                    cell.number_format = number_format
                if c in wrap:
                    cell.alignment = WRAP
                if r in highlight:
                    cell.fill = HIGHLIGHT
                value = cell
            out.append(value)
        ws.append(out)
    return ws


def _data(wb: Workbook, pack: Pack, lang: str) -> None:
    frames = [iamc_wide(s.result, s.scenario.name) for s in pack.scenarios]
    header = list(frames[0].columns)
    rows = [list(row) for frame in frames for row in frame.itertuples(index=False)]
    years = len(header) - 5
    last = f"{get_column_letter(len(header))}{len(rows) + 1}"
    sheet = _sheet(
        wb, i18n.t("pack_sheet_data", lang), header, rows,
        [22, 24, 10, 52, 16] + [11] * years, set(range(5, len(header))), freeze="F2",
    )  # fmt: skip
    sheet.auto_filter.ref = f"A1:{last}"


def _indicators(wb: Workbook, pack: Pack, lang: str) -> None:
    names = [s.scenario.name for s in pack.scenarios]
    header = [i18n.t("pack_col_indicator", lang), i18n.t("cmp_col_unit", lang), *names, "id"]
    keys = [k for k in INDICATOR_UNITS if all(k in s.result.indicators for s in pack.scenarios)]
    rows = []
    for key in keys:
        unit = INDICATOR_UNITS[key]
        values = [float(s.result.indicators[key][0]) for s in pack.scenarios]
        label = i18n.t(f"ind_{key}", lang) if i18n.has(f"ind_{key}") else _label(key, lang)
        rows.append([label, unit, *values, key])
    _sheet(wb, i18n.t("pack_sheet_indicators", lang), header, rows,
           [40, 14] + [18] * len(names) + [30], set(range(2, 2 + len(names))))  # fmt: skip


def _targets(wb: Workbook, pack: Pack, lang: str) -> None:
    names = [s.scenario.name for s in pack.scenarios]
    header = [
        i18n.t("targets", lang),
        i18n.t("pack_col_threshold", lang),
        i18n.t("cmp_col_unit", lang),
    ]
    for name in names:
        header += [
            f"{i18n.t('pack_col_value', lang)}: {name}",
            f"{i18n.t('pack_col_met', lang)}: {name}",
        ]
    header.append(i18n.t("pack_col_source", lang))
    rows = []
    for key, label in target_keys(pack.scenarios):
        found = [target_row(s, key) for s in pack.scenarios]
        first = first_target_row(pack.scenarios, key)
        sym = SYMBOLS.get(first.comparison, first.comparison)
        row = [label, f"{sym} {first.threshold:g}", first.unit]
        for t_row in found:
            if t_row is None:  # a target of another scenario's region
                row += ["", "–"]
            else:
                row += [t_row.value, i18n.t("pack_yes" if t_row.passed else "pack_no", lang)]
        row.append(first.source)
        rows.append(row)
    numeric = {3 + 2 * k for k in range(len(names))}
    _sheet(wb, i18n.t("pack_sheet_targets", lang), header, rows,
           [48, 12, 12] + [16, 10] * len(names) + [80], numeric)  # fmt: skip


def _levers(wb: Workbook, pack: Pack, lang: str) -> None:
    value, preset = i18n.t("pack_col_value", lang), i18n.t("pack_col_preset", lang)
    changed = i18n.t("pack_col_changed", lang)
    header = ["id", i18n.t("pack_col_path", lang), i18n.t("pack_col_lever", lang),
              i18n.t("cmp_col_unit", lang)]  # fmt: skip
    single = len(pack.scenarios) == 1
    for s in pack.scenarios:
        suffix = "" if single else f": {s.scenario.name}"
        header += [f"{value}{suffix}", f"{preset} ({s.preset_title}){suffix}", f"{changed}{suffix}"]
    header.append(i18n.t("pack_col_source", lang))
    cat = scenario.catalogue()
    rows = []
    for i, row0 in enumerate(pack.scenarios[0].levers):
        row = [row0.name, row0.group, row0.label, row0.unit_shown]
        for s in pack.scenarios:
            lever = s.levers[i]
            row += [
                lever.value,
                lever.preset_value,
                i18n.t("pack_yes" if lever.changed else "pack_no", lang),
            ]
        row.append(cat[row0.name].source)
        rows.append(row)
    n = len(pack.scenarios)
    numeric = {4 + 3 * k + j for k in range(n) for j in (0, 1)}
    shaded = {
        r
        for r, lever_rows in enumerate(zip(*(s.levers for s in pack.scenarios), strict=True))
        if any(lv.changed for lv in lever_rows)
    }
    _sheet(wb, i18n.t("pack_sheet_levers", lang), header, rows,
           [30, 16, 44, 14] + [14, 18, 10] * n + [60], numeric, "#,##0.####",
           highlight=shaded)  # fmt: skip


def _sources(wb: Workbook, pack: Pack, lang: str) -> None:
    header = [
        i18n.t("pack_col_kind", lang),
        i18n.t("pack_col_name", lang),
        i18n.t("pack_col_source", lang),
    ]
    rows: list[list] = [[i18n.t("pack_method", lang), "", note] for note in pack.notes]
    for s in pack.scenarios:
        rows += [[i18n.t("pack_preset_sources", lang), s.preset_title, src] for src in s.sources]
        for c in s.comparators:
            text = i18n.t("pack_comparator_line", lang, label=c.label, year=c.year,
                          published=f"{c.published:,.4g}", modelled=f"{c.modelled:,.4g}", unit=c.unit)  # fmt: skip
            rows.append([i18n.t("pack_comparators", lang), text, c.source])
    rows += [
        [i18n.t("pack_target_kind", lang), label, first_target_row(pack.scenarios, key).source]
        for key, label in target_keys(pack.scenarios)
    ]
    rows += [
        [i18n.t("pack_lever_kind_source", lang), lever.label(lang), lever.source]
        for lever in scenario.catalogue().values()
        if lever.source
    ]
    _sheet(wb, i18n.t("pack_sheet_sources", lang), header, rows, [26, 50, 110], wrap={2})


def build(pack: Pack) -> bytes:
    """The workbook of ``pack`` as an .xlsx file."""
    lang = pack.lang
    wb = Workbook(write_only=True)
    _data(wb, pack, lang)
    _indicators(wb, pack, lang)
    _targets(wb, pack, lang)
    _levers(wb, pack, lang)
    _sources(wb, pack, lang)
    wb.properties.title = neutralise(pack.title)
    wb.properties.creator = "pathways"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
