"""The frame around every page: session state, navigation, sidebar, notices, presentation mode.

app.py calls :func:`main`. Pages are files in ``pathways/ui/pages/`` that draw from
``state.context()``; adding a page = one file there plus one entry in :func:`pages`.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

import streamlit as st

from pathways.ui import library, live, state, widgets
from pathways.ui.i18n import t

PAGE_DIR = Path(__file__).resolve().parent / "pages"

CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.75rem; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem; }
[data-testid="stMetricDelta"] { font-size: 1rem; }
section[data-testid="stSidebar"] [data-testid="stExpander"] summary p { font-weight: 600; }
/* numbers and labels are never cut off: cards, chips and buttons wrap instead of "…" */
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] *,
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] *,
[data-testid^="stBaseButton"] *, [data-testid="stTopNavLink"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricLabel"] { height: auto !important; min-height: 1.6rem; }
[data-testid="stMetricValue"] { line-height: 1.15; overflow-wrap: normal; }
[data-testid^="stBaseButton"] { height: auto !important; min-height: 2.5rem; }
.st-key-preload { display: none; }
.st-key-share-link code { word-break: break-all; white-space: normal; }
/* the official-target checklist (overview_page.target_checklist), one element */
.pw-targets { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr));
  gap: .35rem 1.5rem; margin-bottom: 1rem; }
.pw-targets div { line-height: 1.45; }
.pw-targets small { color: #555; font-size: .9rem; }
.pw-ok { color: #21a354; } .pw-no { color: #d33; } .pw-name { font-weight: 600; }
</style>
"""
PRESENT_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbarActions"],
[data-testid="stMainMenu"] { display: none !important; }
/* the page links stay: they are the top bar's navigation (st.navigation position="top") */
[data-testid="stTopNav"] a span { font-size: 1.15rem; }
.block-container { padding-top: 2.5rem; max-width: 100% !important; }
h1 { font-size: 2.6rem !important; }
[data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
</style>
"""


def pages(lang: str) -> list:
    """The pages in navigation order (file, url path, title key, icon)."""
    spec = [
        ("overview.py", "overview", "page_overview", ":material/show_chart:"),
        ("restoration.py", "restoration", "page_restoration", ":material/forest:"),
        ("uncertainty.py", "uncertainty", "page_uncertainty", ":material/query_stats:"),
        ("compare.py", "compare", "page_compare", ":material/compare_arrows:"),
        ("methods.py", "methods", "page_methods", ":material/menu_book:"),
    ]
    return [
        st.Page(
            str(PAGE_DIR / file),
            title=t(title, lang),
            icon=icon,
            url_path=url,
            default=url == "overview",
        )
        for file, url, title, icon in spec
    ]


TIMING = os.environ.get("PATHWAYS_TIMING") == "1"


@functools.lru_cache(maxsize=1)
def plotly_chunk() -> str | None:
    """URL path of the script chunk that holds Plotly in Streamlit's frontend (4.7 MB; its name
    carries a hash that changes with the Streamlit version), or None when not found."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    if not found:
        return None
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, "static", "js", found[0].name) if part)


def preload_plotly() -> None:
    """On a session's first run, start loading and running Plotly's chunk at once, while the
    server is still computing the page: the browser would otherwise ask for it only when the first
    chart arrives, then spend most of a second evaluating it before drawing anything. The same
    URL as the frontend's own import, so the module is evaluated once."""
    chunk = plotly_chunk()
    if chunk is None:
        return
    with st.container(key="preload"):
        st.html(
            f'<script type="module">import("{chunk}").catch(() => {{}});</script>',
            unsafe_allow_javascript=True,
        )


def main() -> None:
    """One script run; with PATHWAYS_TIMING=1 its duration goes to stderr (benchmarks)."""
    start = time.perf_counter()
    try:
        _main()
    finally:
        if TIMING:
            ms = 1000 * (time.perf_counter() - start)
            print(f"PATHWAYS_RERUN_MS {ms:.2f}", file=sys.stderr, flush=True)


def _main() -> None:
    state.init_session()
    ss = st.session_state
    ss["_full_runs"] = ss.get("_full_runs", 0) + 1  # a lever move must not add to this
    lang = ss["lang"]
    st.set_page_config(
        page_title=t("app_title", lang),
        page_icon=":material/eco:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    if ss["_full_runs"] == 1:
        preload_plotly()
    present = bool(ss.get("present"))
    page = st.navigation(pages(lang), position="top" if present else "sidebar")
    with state.error_boundary(lang):
        state.check_session_levers()
        ctx = state.build_context(page.url_path or "overview")
        st.markdown(CSS + (PRESENT_CSS if present else ""), unsafe_allow_html=True)
        # drawn here once per full run; the live fragment (pathways/ui/live.py) fills the slots
        controls = widgets.sidebar(ctx)
        share_link = library.sidebar(ctx)  # scenario library, share link, uploads
        if present:
            st.button(
                t("exit_presentation", lang),
                key="w.exit_present",
                icon=":material/close_fullscreen:",
                on_click=widgets.exit_presentation,
                type="tertiary",
            )
        notices = st.container(key="notices")
        ss[live.SLOTS_KEY] = live.Slots(controls, share_link, notices)
    page.run()
