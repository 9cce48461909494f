"""Compare page, run by st.navigation.

Contract for the scenario-library engineer: provide ``pathways/ui/compare_page.py`` with
``render(ctx: pathways.ui.state.Context) -> None``; this page then shows it. Until it exists, a
placeholder is shown.
"""

import importlib.util

import streamlit as st

from pathways.ui import live, state

ctx = state.context()
with state.error_boundary(ctx.lang):
    if importlib.util.find_spec("pathways.ui.compare_page") is not None:
        from pathways.ui import compare_page

        # the on-screen scenario is one of the compared: the page is the live fragment's body
        live.run("compare", compare_page.render)
    else:
        st.title(ctx.t("page_compare"))
        st.info(ctx.t("compare_placeholder"))
        live.run("compare", None)
