"""Methods & data: docs/methods.md (equations, with LaTeX), every data source and the levers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from pathways import scenario
from pathways.data import sources_table
from pathways.i18n import module_label
from pathways.ui import cached_api, state
from pathways.ui.i18n import t, unit

DOCS = Path(__file__).resolve().parents[2] / "docs"


def document(name: str) -> str | None:
    return cached_api.document(DOCS / name)


DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)


def markdown_with_math(text: str) -> None:
    """Markdown with display math ($$...$$) drawn by st.latex, which also handles blocks that
    sit inside list items or span lines; inline $...$ stays with st.markdown."""
    parts = DISPLAY_MATH.split(text)
    for i, part in enumerate(parts):
        if i % 2:
            st.latex(part.strip())
        elif part.strip():
            st.markdown(part)


def sources_frame(region: str, lang: str) -> pd.DataFrame:
    rows = sources_table(state.base_data(region))
    frame = pd.DataFrame(rows, columns=["file", "item", "value", "unit", "source", "status"])
    return frame.rename(columns={c: t(f"col_{c}", lang) for c in frame.columns})


def levers_frame(lang: str) -> pd.DataFrame:
    rows = [
        {
            t("col_lever", lang): lv.label(lang),
            t("col_module", lang): module_label(lv.module, lang),
            t("col_range", lang): f"{lv.min:g} – {lv.max:g} {unit(lv.unit, lang)}",
            t("col_default", lang): f"{lv.default:g}",
            t("col_help", lang): lv.help(lang),
            t("col_default_source", lang): lv.source,
            "name": lv.name,
        }
        for lv in scenario.catalogue().values()
    ]
    return pd.DataFrame(rows)


def render(ctx: state.Context) -> None:
    lang = ctx.lang
    st.title(t("page_methods", lang))
    # the Chinese methods (docs/methods.zh.md) mirror the English (docs/methods.md) section by section
    text = document(f"methods.{lang}.md") or document("methods.md")
    if text is None:
        st.info(t("methods_missing", lang))
    else:
        markdown_with_math(text)
    st.header(t("sources", lang))
    st.caption(t("sources_caption", lang))
    st.dataframe(sources_frame(ctx.region, lang), hide_index=True, width="stretch", height=480)
    st.header(t("lever_catalogue", lang))
    st.dataframe(levers_frame(lang), hide_index=True, width="stretch", height=480)
