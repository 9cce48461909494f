"""The "Meeting pack" button group (slides, report, workbook) of the Overview and Compare pages.

One call from each page: :func:`draw` with the page's context (Overview: the scenario on screen,
its preset and share link) or comparison (Compare: the scenarios compared). The files are built
only when a button is pressed (``data`` is a callable) and cached in
:func:`pathways.ui.cached_api.meeting_pack`.
"""

from __future__ import annotations

import importlib
import re
import threading

import streamlit as st

from pathways.report import FORMATS, MIME, PackScenario
from pathways.scenario import list_presets, load_preset
from pathways.ui import cached_api, state
from pathways.ui.i18n import t

ICONS = {"pptx": ":material/slideshow:", "html": ":material/article:", "xlsx": ":material/table:"}


_WRITERS = ("pathways.report.pptx_pack", "pathways.report.html_pack", "pathways.report.xlsx_pack")
_warm = threading.Event()


def _import_writers() -> None:
    for name in _WRITERS:
        importlib.import_module(name)


def warm_up() -> None:
    """Import the writers (python-pptx, openpyxl: about 1.5 s on a busy 2-core machine) once
    per server process, in the background after the page has drawn, so that a click on a button
    waits only for the pack itself."""
    if not _warm.is_set():
        _warm.set()
        threading.Thread(target=_import_writers, name="meeting-pack-imports", daemon=True).start()


def _file_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return stem[:60] or "scenario"


def _preset_of(label: str, lang: str) -> str | None:
    """The preset a compared entry is, when its label is a preset's title."""
    for name in list_presets(None):
        if load_preset(name).title(lang) == label:
            return name
    return None


def scenarios_of(lang: str, ctx=None, cmp=None, page: str | None = None) -> list[PackScenario]:
    """The scenarios of the pack: the Overview's (with its share link on the page ``page``,
    default this page) or the compared ones."""
    if cmp is not None:
        return [
            PackScenario(e.label, dict(e.levers), e.region, _preset_of(e.label, lang))
            for e in cmp.entries
        ]
    from pathways.ui.library import current_from_context, share_url

    link = share_url(current_from_context(ctx), lang, base=page)
    return [PackScenario(ctx.scenario_name, dict(ctx.levers), ctx.region, ctx.preset, link)]


def draw(lang: str, ctx=None, cmp=None) -> None:
    """The button group: PPTX, HTML and XLSX downloads of the pack of ``ctx`` (Overview) or
    ``cmp`` (a :class:`pathways.compare.Comparison`, Compare page). Nothing is built until a
    button is pressed. The Overview's group is drawn outside the live fragment, so its pack is
    made from the latest context when clicked (a lever moved since the group was drawn is in it);
    the page URL of its share link is read now, as a download callable has no script context."""
    from pathways.ui.library import page_url

    where = "cmp" if cmp is not None else "overview"
    holder = state.latest() if cmp is None else None
    page = page_url() if cmp is None else None

    def build(fmt: str) -> bytes:
        latest = holder.ctx if holder is not None and holder.ctx is not None else ctx
        return cached_api.meeting_pack(fmt, lang, scenarios_of(lang, latest, cmp, page))

    stem = "pathways-comparison" if cmp is not None else _file_stem(ctx.scenario_name)
    with st.container(key=f"pack-{where}"):
        st.subheader(t("pack_heading", lang))
        st.caption(t("pack_compare_caption" if cmp is not None else "pack_caption", lang))
        cols = st.columns(len(FORMATS))
        for col, fmt in zip(cols, FORMATS, strict=True):
            col.download_button(
                t(f"pack_{fmt}", lang),
                data=lambda fmt=fmt: build(fmt),
                file_name=f"{stem}-pack.{fmt}",
                mime=MIME[fmt],
                help=t(f"pack_{fmt}_help", lang),
                icon=ICONS[fmt],
                on_click="ignore",
                key=f"pack.{where}.{fmt}",
                width="stretch",
            )
    warm_up()
