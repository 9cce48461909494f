"""The meeting pack as one self-contained HTML report.

The same sections as the slides, with the dashboard's interactive Plotly figures (Plotly's
JavaScript inlined once: the file opens offline, nothing is fetched from the network), the
indicator cards, the target checklist and the full lever table, in the pack's language. Print
CSS puts every section on a new page, so the browser's "print to PDF" gives a clean report.
All user text (scenario names, share links) is HTML-escaped.
"""

from __future__ import annotations

import html

import plotly.io as pio

from pathways import i18n
from pathways.report.content import Pack, ScenarioContent
from pathways.report.pptx_pack import lever_table
from pathways.ui.figures import PLOTLY_CONFIG

CSS = """
body { font-family: "Source Sans Pro", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
       Arial, sans-serif; color: #262730; margin: 0 auto; max-width: 1200px; padding: 24px;
       font-size: 17px; line-height: 1.45; }
h1 { font-size: 36px; margin: 0 0 8px; } h2 { font-size: 28px; margin: 0 0 12px; }
.kicker, .muted { color: #555; } .hint { color: #777; font-size: 14px; }
section { margin: 0 0 40px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.card { border: 1px solid #d5dae1; background: #f4f6f9; border-radius: 10px; padding: 12px 16px; }
.card .label { color: #555; font-size: 16px; } .card .value { font-size: 30px; font-weight: 700; }
.card .delta { color: #555; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th { background: #2f7fc1; color: white; text-align: left; padding: 6px 8px; }
td { border-bottom: 1px solid #e6e6e6; padding: 5px 8px; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
td:first-child { min-width: 16em; }
tr.changed td { background: #fff4e0; }
.ok { color: #1e8449; font-weight: 600; } .missed { color: #c0392b; font-weight: 600; }
.chart { page-break-inside: avoid; break-inside: avoid; margin-bottom: 16px; }
@media print {
  body { max-width: none; padding: 0; font-size: 12pt; }
  section { page-break-before: always; break-before: page; margin: 0; }
  section.first { page-break-before: avoid; break-before: avoid; }
  .hint { display: none; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  .modebar-container { display: none !important; }
  @page { size: A4 landscape; margin: 12mm; }
}
"""


# charts take the printed page's width (Plotly sizes a chart to its container when it is drawn)
PRINT_RESIZE = (
    "<script>for (const e of ['beforeprint', 'afterprint']) window.addEventListener(e, () => "
    "document.querySelectorAll('.js-plotly-plot').forEach(p => Plotly.Plots.resize(p)));</script>"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


class _Figures:
    """Figures as HTML divs; the first carries Plotly's JavaScript, the others reuse it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig) -> str:
        self.count += 1
        config = PLOTLY_CONFIG | {"responsive": True}
        div = pio.to_html(
            fig,
            include_plotlyjs=self.count == 1,
            full_html=False,
            config=config,
            div_id=f"chart-{self.count}",
            validate=False,
        )
        return f'<div class="chart">{div}</div>'


def _table(
    rows: list[list[str]],
    numeric_from: int = 1,
    classes: list[str] | None = None,
    numeric_to: int | None = None,
) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in rows[0])
    body = []
    for i, row in enumerate(rows[1:]):
        cells = []
        for j, cell in enumerate(row):
            css = "num" if numeric_from <= j < (numeric_to or len(row)) else ""
            text = str(cell)
            if text.startswith("✔"):
                css += " ok"
            elif text.startswith("✘"):
                css += " missed"
            cells.append(f'<td class="{css.strip()}">{_e(text)}</td>')
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _section(title: str, body: str, first: bool = False) -> str:
    cls = ' class="first"' if first else ""
    return f"<section{cls}><h2>{_e(title)}</h2>{body}</section>"


def _title(pack: Pack, lang: str) -> str:
    parts = [f'<div class="kicker">{_e(i18n.t("pack_kicker", lang))}</div>']
    parts.append(f"<h1>{_e(pack.title)}</h1>")
    for s in pack.scenarios:
        facts = i18n.t("pack_facts", lang, region=s.region_label, preset=s.preset_title)
        prefix = f"{s.scenario.name}: " if len(pack.scenarios) > 1 else ""
        parts.append(f"<p>{_e(prefix + facts)}</p>")
        if s.scenario.share_link:
            link = s.scenario.share_link
            parts.append(f'<p class="muted">{_e(i18n.t("pack_share_link", lang))} '
                         f"<code>{_e(link)}</code></p>")  # fmt: skip
    parts.append(f'<p class="muted">{_e(i18n.t("pack_date", lang, date=pack.date))}</p>')
    parts.append(f'<p class="hint">{_e(i18n.t("pack_print_hint", lang))}</p>')
    return '<section class="first">' + "".join(parts) + "</section>"


def _cards(s: ScenarioContent, lang: str) -> str:
    cards = []
    for card in s.cards:
        delta = (
            f'<div class="delta">{_e(i18n.t("pack_vs_baseline", lang, delta=card.delta))}</div>'
            if card.delta
            else ""
        )
        cards.append(
            f'<div class="card"><div class="label">{_e(card.label)}</div>'
            f'<div class="value">{_e(card.value)}</div>{delta}</div>'
        )
    caption = f'<p class="muted">{_e(i18n.t("pack_cards_caption", lang))}</p>'
    return caption + f'<div class="cards">{"".join(cards)}</div>'


def _targets(s: ScenarioContent, lang: str) -> str:
    rows = [[i18n.t("targets", lang), i18n.t("pack_col_value", lang),
             i18n.t("pack_col_status", lang), i18n.t("pack_col_source", lang)]]  # fmt: skip
    for row in s.targets:
        status = i18n.t("target_passed" if row.passed else "target_missed", lang)
        if row.met_in is not None:
            status += " · " + i18n.t("target_met_in", lang, year=row.met_in)
        rows.append([row.label, row.shown, ("✔ " if row.passed else "✘ ") + status, row.source])
    return _table(rows, numeric_from=1, numeric_to=3)


def _levers(s: ScenarioContent, lang: str) -> str:
    rows = lever_table(s.levers, lang, changed_only=False)
    rows[0].append(i18n.t("pack_col_changed", lang))
    for row, lever in zip(rows[1:], s.levers, strict=True):
        row.append(i18n.t("pack_yes" if lever.changed else "pack_no", lang))
    classes = ["changed" if lever.changed else "" for lever in s.levers]
    return _table(rows, numeric_from=3, classes=classes)


def _sources(pack: Pack, lang: str) -> str:
    parts = [f"<h3>{_e(i18n.t('pack_method', lang))}</h3><ul>"]
    parts += [f"<li>{_e(n)}</li>" for n in pack.notes]
    parts.append("</ul>")
    sources = list(dict.fromkeys(src for s in pack.scenarios for src in s.sources))
    if sources:
        parts.append(f"<h3>{_e(i18n.t('pack_preset_sources', lang))}</h3><ul>")
        parts += [f"<li>{_e(src)}</li>" for src in sources]
        parts.append("</ul>")
    comparators = [c for s in pack.scenarios for c in s.comparators]
    if comparators:
        parts.append(f"<h3>{_e(i18n.t('pack_comparators', lang))}</h3><ul>")
        for c in comparators:
            text = i18n.t("pack_comparator_line", lang, label=c.label, year=c.year,
                          published=f"{c.published:,.4g}", modelled=f"{c.modelled:,.4g}", unit=c.unit)  # fmt: skip
            parts.append(f'<li>{_e(text)}<br><span class="muted">{_e(c.source)}</span></li>')
        parts.append("</ul>")
    return "".join(parts)


def _single(pack: Pack, lang: str, fig: _Figures) -> list[str]:
    s = pack.scenarios[0]
    figs = s.figures
    out = [_section(i18n.t("pack_slide_cards", lang), _cards(s, lang))]
    out.append(
        _section(
            i18n.t("pack_charts", lang),
            fig(figs["trajectory"])
            + f'<p class="muted">{_e(i18n.t("pack_trajectory_note", lang))}</p>'
            + fig(figs["contributions"]),
        )
    )
    mix = fig(figs["primary"]) + fig(figs["power"])
    out.append(_section(i18n.t("pack_energy_mix", lang), mix))
    if "restoration" in figs:
        facts = _table(
            [[i18n.t("pack_key_figures", lang), i18n.t("pack_col_value", lang)]]
            + [[label, value] for label, value in s.restoration]
        )
        body = fig(figs["restoration"]) + fig(figs["restoration_area"]) + facts
        out.append(_section(i18n.t("pack_slide_restoration", lang), body))
    out.append(_section(i18n.t("targets", lang), _targets(s, lang)))
    out.append(_section(i18n.t("pack_all_levers", lang), _levers(s, lang)))
    return out


def _compare(pack: Pack, lang: str, fig: _Figures) -> list[str]:
    cmp = pack.comparison
    assert cmp is not None
    out = [_section(i18n.t("pack_slide_differences", lang), _table(cmp.differences, 2))]
    charts = "".join(fig(f) for k, f in cmp.figures.items() if k != "restoration_bars")
    out.append(_section(i18n.t("pack_charts", lang), charts))
    if cmp.restoration:
        body = _table(cmp.restoration, 2)
        if "restoration_bars" in cmp.figures:
            body = fig(cmp.figures["restoration_bars"]) + body
        out.append(_section(i18n.t("cmp_restoration", lang), body))
    out.append(_section(i18n.t("targets", lang), _table(cmp.targets, 1)))
    out.append(_section(i18n.t("cmp_levers", lang), _table(cmp.lever_rows, 2)))
    for s in pack.scenarios:
        title = f"{i18n.t('pack_all_levers', lang)}: {s.scenario.name}"
        out.append(_section(title, _levers(s, lang)))
    return out


def build(pack: Pack) -> bytes:
    """The report of ``pack`` as one UTF-8 HTML file."""
    lang = pack.lang
    fig = _Figures()
    sections = [_title(pack, lang)]
    sections += _compare(pack, lang, fig) if pack.is_compare else _single(pack, lang, fig)
    sections.append(_section(i18n.t("pack_slide_sources", lang), _sources(pack, lang)))
    html_lang = lang  # "en", "zh": BCP 47 language tags as they are
    doc = (
        f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(pack.title)}</title><style>{CSS}</style></head><body>"
        + "".join(sections)
        + PRINT_RESIZE
        + "</body></html>"
    )
    return doc.encode("utf-8")
