"""The meeting pack as editable slides (python-pptx, 16:9).

One scenario: title, indicator cards, trajectory, contributions, primary energy, power mix, mine
restoration, target checklist, levers changed from the preset, sources and method notes. Two to
four scenarios: title, differences table, one overlay per chart, mine restoration table, targets
per scenario, levers that differ, sources. Charts are native PowerPoint charts holding the
model's series (in the display unit of the language; the data opens in PowerPoint's sheet), the
unit in every chart title, fonts sized for the back of a room. Every text run names a Latin and
an East Asian font, so Chinese renders with a CJK font (Noto Sans CJK SC; PowerPoint falls back
to the system's own CJK font when it is missing).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from pathways import i18n
from pathways.report.content import Chart, Pack, ScenarioContent

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's 16:9
MARGIN = Inches(0.5)
CJK_FONT = "Noto Sans CJK SC"
LATIN_FONT = {"en": "Calibri", "zh": CJK_FONT}
TITLE_PT, BODY_PT, CHART_TITLE_PT, CHART_PT, TABLE_PT = 32, 20, 22, 16, 15
TABLE_ROWS = 12  # body rows per table slide (more go on a continuation slide)
DARK, GREY, GREEN, RED = "262730", "555555", "1E8449", "C0392B"
DASHES = {
    "dash": MSO_LINE_DASH_STYLE.DASH,
    "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
    "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT,
}
CHART_TYPES = {
    "area": XL_CHART_TYPE.AREA_STACKED,
    "column": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE,
    "clustered": XL_CHART_TYPE.COLUMN_CLUSTERED,
}


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


# --- text ---------------------------------------------------------------------------------------


_LATIN, _EA = qn("a:latin"), qn("a:ea")
_AFTER_EA = tuple(
    qn(t) for t in ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
)


def _fonts(rpr, lang: str) -> None:
    """Name the Latin and the East Asian font of a run (or a chart's default run properties),
    in the schema's order: latin, ea, then cs, sym, hyperlinks."""
    for tag in (_LATIN, _EA):
        node = rpr.find(tag)
        if node is not None:
            rpr.remove(node)
    latin = etree.Element(_LATIN, typeface=LATIN_FONT[lang])
    ea = etree.Element(_EA, typeface=CJK_FONT)
    later = next((child for child in rpr if child.tag in _AFTER_EA), None)
    if later is None:
        rpr.append(latin)
    else:
        later.addprevious(latin)
    latin.addnext(ea)


def _run(paragraph, text: str, lang: str, size: int, bold=False, colour=DARK, link=None):
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(colour)
    if link:
        run.hyperlink.address = link
    _fonts(run.font._rPr, lang)
    return run


def _text_frame(frame, lines, lang: str, size: int = BODY_PT, bullet: bool = False) -> None:
    """Fill a text frame with ``lines``: str, or (text, size, bold, colour[, link])."""
    frame.word_wrap = True
    frame.clear()
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        text, lsize, bold, colour, link = (
            (line, size, False, DARK, None) if isinstance(line, str) else (*line, None)[:5]
        )
        _run(paragraph, ("• " if bullet else "") + text, lang, lsize, bold, colour, link)
        paragraph.space_after = Pt(6)


def _textbox(slide, x, y, w, h, lines, lang: str, size: int = BODY_PT, bullet: bool = False):
    box = slide.shapes.add_textbox(x, y, w, h)
    _text_frame(box.text_frame, lines, lang, size, bullet)
    return box


def _slide(prs, title: str, lang: str):
    """A slide of the 'Title Only' layout, its title across the top in large type."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        Inches(0.25),
        WIDTH - 2 * MARGIN,
        Inches(0.9),
    )
    frame = shape.text_frame
    frame.clear()
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    _run(paragraph, title, lang, TITLE_PT, bold=True)
    return slide


BODY_TOP = Inches(1.25)
BODY_HEIGHT = HEIGHT - BODY_TOP - Inches(0.35)


# --- charts -------------------------------------------------------------------------------------


def _chart(slide, chart: Chart, lang: str, x=MARGIN, y=BODY_TOP, w=None, h=BODY_HEIGHT):
    """A native chart of ``chart``'s series: stacked areas or columns with the line series drawn
    as lines over them (one combined chart sharing the axes)."""
    w = w or WIDTH - 2 * MARGIN
    data = CategoryChartData(number_format="#,##0.00")
    data.categories = [str(c) for c in chart.categories]
    ordered = (
        sorted(chart.series, key=lambda s: s.kind == "line")
        if chart.layout
        in (
            "area",
            "column",
        )
        else list(chart.series)
    )
    for s in ordered:
        data.add_series(s.name, [round(v, 6) for v in s.values])
    frame = slide.shapes.add_chart(CHART_TYPES[chart.layout], x, y, w, h, data)
    pchart = frame.chart
    plot = pchart.plots[0]
    for series, spec in zip(plot.series, ordered, strict=True):
        if spec.kind == "line" or chart.layout == "line":
            series.format.line.color.rgb = _rgb(spec.colour)
            series.format.line.width = Pt(3.5 if spec.kind == "line" else 1)
            if spec.dash in DASHES:
                series.format.line.dash_style = DASHES[spec.dash]
            if chart.layout == "line":
                series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(spec.colour)
            if chart.layout == "column" or chart.layout == "clustered":
                series.invert_if_negative = False
    if chart.layout in ("column", "clustered"):
        plot.gap_width = 40 if chart.layout == "column" else 80
    lines = [i for i, s in enumerate(ordered) if s.kind == "line"]
    if chart.layout in ("area", "column") and lines:
        _lines_over(pchart, len(ordered) - len(lines))
    _style(pchart, chart, lang)
    return frame


def _lines_over(pchart, first_line: int) -> None:
    """Move the series from index ``first_line`` on out of the stacked plot into a line plot on
    the same axes (a combination chart; python-pptx has no API for one)."""
    plot_area = pchart._chartSpace.chart.plotArea
    stacked = plot_area.xpath("c:barChart|c:areaChart")[0]
    sers = stacked.xpath("c:ser")[first_line:]
    line = etree.SubElement(plot_area, qn("c:lineChart"))
    stacked.addnext(line)
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    for ser in sers:
        for tag in ("c:invertIfNegative", "c:shape", "c:pictureOptions"):
            for node in ser.findall(qn(tag)):
                ser.remove(node)
        marker = etree.Element(qn("c:marker"))
        etree.SubElement(marker, qn("c:symbol")).set("val", "none")
        anchor = ser.find(qn("c:spPr"))
        (anchor if anchor is not None else ser.find(qn("c:tx"))).addnext(marker)
        smooth = ser.find(qn("c:smooth"))
        if smooth is None:
            ser.find(qn("c:val")).addnext(etree.Element(qn("c:smooth"), val="0"))
        line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax in stacked.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId")).set("val", ax.get("val"))


def _style(pchart, chart: Chart, lang: str) -> None:
    pchart.font.size = Pt(CHART_PT)
    pchart.font.color.rgb = _rgb(DARK)
    _fonts(pchart.font._rPr, lang)
    pchart.has_title = True
    frame = pchart.chart_title.text_frame
    frame.clear()
    _run(frame.paragraphs[0], chart.heading, lang, CHART_TITLE_PT, bold=True)
    pchart.has_legend = True
    pchart.legend.position = XL_LEGEND_POSITION.BOTTOM
    pchart.legend.include_in_layout = False
    pchart.legend.font.size = Pt(CHART_PT - 2)
    _fonts(pchart.legend.font._rPr, lang)
    value_axis = pchart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb("E6E6E6")
    value_axis.tick_labels.number_format = "#,##0" if _span(chart) >= 20 else "#,##0.0"
    value_axis.tick_labels.number_format_is_linked = False
    category_axis = pchart.category_axis
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if len(chart.categories) > 12:
        _tick_skip(category_axis._element, 5)


def _span(chart: Chart) -> float:
    values = [v for s in chart.series for v in s.values]
    return max(values, default=0) - min(values, default=0)


def _tick_skip(cat_ax, every: int) -> None:
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        node = etree.Element(qn(tag), val=str(every))
        after = cat_ax.find(qn("c:lblOffset"))
        if after is None:
            after = cat_ax.find(qn("c:lblAlgn"))
        if tag == "c:tickMarkSkip":
            after = cat_ax.find(qn("c:tickLblSkip"))
        after.addnext(node)


# --- tables -------------------------------------------------------------------------------------


def _table(slide, rows: Sequence[Sequence[str]], lang: str, widths=None, size: int = TABLE_PT):
    """A table with a bold header row; ✔ in green, ✘ in red."""
    n_rows, n_cols = len(rows), len(rows[0])
    height = Emu(min(BODY_HEIGHT, Inches(0.42) * n_rows))
    shape = slide.shapes.add_table(n_rows, n_cols, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, height)
    table = shape.table
    total = WIDTH - 2 * MARGIN
    widths = widths or [3] + [1] * (n_cols - 1)
    for i, share in enumerate(widths):
        table.columns[i].width = Emu(int(total * share / sum(widths)))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            frame = cell.text_frame
            colour = (
                GREEN if str(text).startswith("✔") else RED if str(text).startswith("✘") else DARK
            )
            if r == 0:
                colour = "FFFFFF"
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT
            _run(paragraph, str(text), lang, size, bold=r == 0, colour=colour)
    return shape


def _table_slides(prs, title: str, rows: list[list[str]], lang: str, widths=None, size=TABLE_PT):
    """One or more slides for a table of any length (header repeated, '(1/2)' in the title)."""
    header, body = rows[0], rows[1:]
    chunks = [body[i : i + TABLE_ROWS] for i in range(0, len(body), TABLE_ROWS)] or [[]]
    for k, chunk in enumerate(chunks):
        heading = title if len(chunks) == 1 else f"{title} ({k + 1}/{len(chunks)})"
        slide = _slide(prs, heading, lang)
        if chunk:
            _table(slide, [header, *chunk], lang, widths, size)
        else:
            _textbox(
                slide,
                MARGIN,
                BODY_TOP,
                WIDTH - 2 * MARGIN,
                Inches(1),
                [i18n.t("pack_none", lang)],
                lang,
            )


# --- slides of one scenario ------------------------------------------------------------------


def _title_slide(prs, pack: Pack, lang: str) -> None:
    """Scenario name(s) as the slide title, then region, preset, date and share link."""
    slide = _slide(prs, pack.title, lang)
    shape = slide.shapes.title
    shape.top, shape.height = Inches(1.2), Inches(1.8)
    for run in shape.text_frame.paragraphs[0].runs:
        run.font.size = Pt(44)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.35))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb("2F7FC1")
    band.line.fill.background()
    _textbox(slide, MARGIN, Inches(0.6), WIDTH - 2 * MARGIN, Inches(0.6),
             [(i18n.t("pack_kicker", lang), 20, False, GREY)], lang)  # fmt: skip
    lines = []
    for s in pack.scenarios:
        facts = i18n.t("pack_facts", lang, region=s.region_label, preset=s.preset_title)
        one = facts if len(pack.scenarios) == 1 else f"{s.scenario.name}: {facts}"
        lines.append((one, 22, False, DARK))
    lines.append((i18n.t("pack_date", lang, date=pack.date), 20, False, GREY))
    for s in pack.scenarios:
        if s.scenario.share_link:
            lines.append((i18n.t("pack_share_link", lang), 16, False, GREY))
            lines.append((s.scenario.share_link, 14, False, "2F7FC1", s.scenario.share_link))
    _textbox(slide, MARGIN, Inches(3.2), WIDTH - 2 * MARGIN, Inches(3.9), lines, lang)


def _cards_slide(prs, s: ScenarioContent, lang: str) -> None:
    slide = _slide(prs, i18n.t("pack_slide_cards", lang), lang)
    _textbox(slide, MARGIN, Inches(1.05), WIDTH - 2 * MARGIN, Inches(0.4),
             [(i18n.t("pack_cards_caption", lang), 14, False, GREY)], lang)  # fmt: skip
    cols, gap = 3, Inches(0.25)
    w = Emu(int((WIDTH - 2 * MARGIN - gap * (cols - 1)) / cols))
    h = Inches(1.75)
    for i, card in enumerate(s.cards):
        x = MARGIN + (w + gap) * (i % cols)
        y = Inches(1.5) + (h + gap) * (i // cols)
        box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, w, h)
        box.adjustments[0] = 0.08
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb("F4F6F9")
        box.line.color.rgb = _rgb("D5DAE1")
        frame = box.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        lines = [(card.label, 18, False, GREY), (card.value, 34, True, DARK)]
        if card.delta:
            lines.append((i18n.t("pack_vs_baseline", lang, delta=card.delta), 15, False, GREY))
        _text_frame(frame, lines, lang)
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT
            paragraph.space_after = Pt(2)


def _chart_slide(prs, chart: Chart, lang: str, note: str = "") -> None:
    slide = _slide(prs, chart.title, lang)
    h = BODY_HEIGHT - (Inches(0.5) if note else 0)
    _chart(slide, chart, lang, h=h)
    if note:
        _textbox(slide, MARGIN, BODY_TOP + h, WIDTH - 2 * MARGIN, Inches(0.5),
                 [(note, 14, False, GREY)], lang)  # fmt: skip


def _restoration_slide(prs, s: ScenarioContent, chart: Chart, lang: str) -> None:
    slide = _slide(prs, i18n.t("pack_slide_restoration", lang), lang)
    chart_w = Emu(int((WIDTH - 2 * MARGIN) * 0.64))
    _chart(slide, chart, lang, w=chart_w)
    x = MARGIN + chart_w + Inches(0.2)
    lines = [(i18n.t("pack_key_figures", lang), 20, True, DARK)]
    for label, value in s.restoration[:7]:
        lines += [(label, 14, False, GREY), (value, 20, True, DARK)]
    box = _textbox(slide, x, BODY_TOP, WIDTH - MARGIN - x, BODY_HEIGHT, lines, lang)
    for paragraph in box.text_frame.paragraphs:
        paragraph.space_after = Pt(1)


def _targets_rows(s: ScenarioContent, lang: str) -> list[list[str]]:
    rows = [
        [i18n.t("targets", lang), i18n.t("pack_col_value", lang), i18n.t("pack_col_status", lang)]
    ]
    for row in s.targets:
        status = i18n.t("target_passed" if row.passed else "target_missed", lang)
        if row.met_in is not None:
            status += " · " + i18n.t("target_met_in", lang, year=row.met_in)
        rows.append([row.label, row.shown, ("✔ " if row.passed else "✘ ") + status])
    return rows


def lever_table(rows, lang: str, changed_only: bool) -> list[list[str]]:
    header = [
        i18n.t("pack_col_path", lang),
        i18n.t("pack_col_lever", lang),
        i18n.t("cmp_col_unit", lang),
        i18n.t("pack_col_value", lang),
        i18n.t("pack_col_preset", lang),
    ]
    out = [header]
    for row in rows:
        if changed_only and not row.changed:
            continue
        out.append(
            [row.group, row.label, row.unit_shown, f"{row.value:g}", f"{row.preset_value:g}"]
        )
    return out


def _sources_slide(prs, pack: Pack, lang: str) -> None:
    slide = _slide(prs, i18n.t("pack_slide_sources", lang), lang)
    lines = [(i18n.t("pack_method", lang), 18, True, DARK)]
    lines += [(f"• {note}", 14, False, DARK) for note in pack.notes]
    sources = list(dict.fromkeys(src for s in pack.scenarios for src in s.sources))
    if sources:
        lines.append((i18n.t("pack_preset_sources", lang), 18, True, DARK))
        lines += [(f"• {src}", 13, False, DARK) for src in sources[:6]]
    comparators = [c for s in pack.scenarios for c in s.comparators][:4]
    if comparators:
        lines.append((i18n.t("pack_comparators", lang), 18, True, DARK))
        for c in comparators:
            text = i18n.t("pack_comparator_line", lang, label=c.label, year=c.year,
                          published=f"{c.published:,.4g}", modelled=f"{c.modelled:,.4g}", unit=c.unit)  # fmt: skip
            lines.append((f"• {text}", 13, False, DARK))
    box = _textbox(slide, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_HEIGHT, lines, lang)
    for paragraph in box.text_frame.paragraphs:
        paragraph.space_after = Pt(3)


def _single(prs, pack: Pack, lang: str) -> None:
    s = pack.scenarios[0]
    _cards_slide(prs, s, lang)
    charts = {c.key: c for c in s.charts}
    _chart_slide(prs, charts["trajectory"], lang, i18n.t("pack_trajectory_note", lang))
    _chart_slide(prs, charts["contributions"], lang)
    _chart_slide(prs, charts["primary"], lang)
    _chart_slide(prs, charts["power"], lang)
    if "restoration" in charts:
        _restoration_slide(prs, s, charts["restoration"], lang)
    _table_slides(prs, i18n.t("targets", lang), _targets_rows(s, lang), lang, [5, 2, 3])
    _table_slides(
        prs, i18n.t("pack_slide_changed", lang), lever_table(s.levers, lang, True), lang,
        [2, 5, 1.5, 1.2, 1.2],
    )  # fmt: skip


def _compare(prs, pack: Pack, lang: str) -> None:
    cmp = pack.comparison
    assert cmp is not None
    n = len(pack.scenarios)
    size = TABLE_PT if n <= 2 else 13
    widths = [3, 1.3] + [1.2] * (2 * n - 1)
    _table_slides(prs, i18n.t("pack_slide_differences", lang), cmp.differences, lang, widths, size)
    for chart in cmp.charts:
        _chart_slide(prs, chart, lang)
    if cmp.restoration:
        _table_slides(prs, i18n.t("cmp_restoration", lang), cmp.restoration, lang, widths, size)
    _table_slides(prs, i18n.t("targets", lang), cmp.targets, lang, [4] + [1.6] * n, size)
    _table_slides(prs, i18n.t("cmp_levers", lang), cmp.lever_rows, lang, [4, 1.3] + [1.2] * n, size)


def build(pack: Pack) -> bytes:
    """The slides of ``pack`` as a .pptx file."""
    lang = pack.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = pack.title
    prs.core_properties.language = lang
    _title_slide(prs, pack, lang)
    if pack.is_compare:
        _compare(prs, pack, lang)
    else:
        _single(prs, pack, lang)
    _sources_slide(prs, pack, lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
