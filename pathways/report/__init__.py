"""The meeting pack: editable slides (PPTX), a self-contained report (HTML) and a workbook
(XLSX) for one scenario, or a compare pack for two to four. Pure Python, no Streamlit:
:mod:`~pathways.report.content` gathers what a pack shows, one module per format lays it out.

    from pathways.report import PackScenario, build
    data = build([PackScenario("My plan", levers, "china", "dual-carbon")], "pptx", lang="zh")
"""

from __future__ import annotations

from collections.abc import Sequence

from pathways.report.content import Pack, PackScenario, gather

FORMATS = ("pptx", "html", "xlsx")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

__all__ = ["FORMATS", "MIME", "Pack", "PackScenario", "build", "gather", "render"]


def render(pack: Pack, fmt: str) -> bytes:
    """The file of ``pack`` in format ``fmt`` (pptx, html or xlsx)."""
    if fmt == "pptx":
        from pathways.report import pptx_pack as writer
    elif fmt == "html":
        from pathways.report import html_pack as writer
    elif fmt == "xlsx":
        from pathways.report import xlsx_pack as writer
    else:
        raise ValueError(f"unknown pack format '{fmt}' (known: {', '.join(FORMATS)})")
    return writer.build(pack)


def build(entries: Sequence[PackScenario], fmt: str, lang: str = "en", **gather_args) -> bytes:
    """Gather and write a pack in one call (``gather_args``: run, split, date)."""
    return render(gather(entries, lang, **gather_args), fmt)
