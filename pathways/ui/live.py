"""Partial reruns: what a lever move changes, redrawn in one ``st.fragment``.

A slider move reruns only :func:`live`: the lever controls (drawn into the sidebar slots the
shell reserved), the notices, the share link, the URL and the page's body (cards, charts,
checklist). The navigation, the sidebar's language, mode, region and preset widgets, the library
panel, the downloads and the page's static text are drawn by the full script only
(``pathways/ui/shell.py``); whatever of them acts on the scenario reads the session state when it
is clicked, never a value captured when it was drawn (a fragment rerun does not redraw them).

``st.session_state["_full_runs"]`` counts full script runs and ``["_live_runs"]`` runs of the
fragment, so tests can check that a slider move reruns the fragment only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from pathways.ui import state

TIMING = os.environ.get("PATHWAYS_TIMING") == "1"


@dataclass
class Slots:
    """Containers the full script reserves (sidebar and notices) that the fragment fills."""

    controls: Any = None  # changed count, reset, path selector and sliders (sidebar)
    share_link: Any = None  # the share link text (sidebar, share panel)
    notices: Any = None  # corrected-input notices (top of the main area)


SLOTS_KEY = "_slots"


def slots() -> Slots:
    """This session's slots (set by the shell on every full run; empty for a page run alone)."""
    found = st.session_state.get(SLOTS_KEY)
    return found if isinstance(found, Slots) else Slots()


Body = Callable[[state.Context], None]


def run(page: str, body: Body | None, skip_modules: tuple[str, ...] = ()) -> None:
    """Draw the live part of ``page``: called once per full run by the page script."""
    _live(page, body, skip_modules, slots())


@st.fragment
def _live(page: str, body: Body | None, skip_modules: tuple[str, ...], reserved: Slots) -> None:
    # the arguments are those of the full run that first drew the fragment: everything that
    # depends on the scenario is read from the session state here, at every run
    from pathways.ui import library, widgets

    start = time.perf_counter()
    ss = st.session_state
    ss["_live_runs"] = ss.get("_live_runs", 0) + 1
    ctx = state.build_context(page)
    try:
        with state.error_boundary(ctx.lang):
            _into(reserved.notices, lambda: widgets.notices(ctx))
            _into(reserved.controls, lambda: widgets.lever_controls(ctx, skip_modules))
            _into(reserved.share_link, lambda: library.share_link(ctx))
            state.sync_url(ctx, ctx.present)
            if body is not None:
                body(ctx)
    finally:
        if TIMING:
            ms = 1000 * (time.perf_counter() - start)
            print(f"PATHWAYS_FRAGMENT_MS {ms:.2f}", file=sys.stderr, flush=True)


def _into(container, draw: Callable[[], None]) -> None:
    """Draw into a reserved container, or in place when there is none (a page run alone)."""
    if container is None:
        draw()
        return
    with container:
        draw()
