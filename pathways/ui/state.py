"""Session state of the dashboard and the cached model runs behind it.

Canonical state lives in ``st.session_state``: ``lang``, ``region``, ``preset``, ``present`` and
``levers`` (the complete lever dict). Widgets (keys ``w.*`` and ``lv.<lever>``) write into it
through their callbacks, so it is up to date before the script body runs, survives page
switches, and a widget that is not drawn on a page loses nothing.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import streamlit as st

from pathways import contributions, lever_effects
from pathways.result import Result
from pathways.ui import cached_api, url_state
from pathways.ui.i18n import t

LEVER_KEY = "lv."
BASELINE_PRESET = "current-policies"
log = logging.getLogger("pathways.ui")


# --- cached data and runs: pathways/ui/cached_api.py (re-exported for the pages) -------------

regions = cached_api.regions
base_data = cached_api.base_data
lever_catalogue = cached_api.lever_catalogue
preset_levers = cached_api.preset_levers
run = cached_api.run


# --- the context a page draws from ---------------------------------------------------------


@dataclass
class Context:
    lang: str
    region: str
    preset: str
    levers: dict[str, float]
    preset_levers: dict[str, float]
    baseline_levers: dict[str, float]
    page: str = "overview"
    present: bool = False
    notices: list[url_state.Notice] = field(default_factory=list)

    @functools.cached_property
    def changed(self) -> dict[str, float]:
        """Levers that differ from the preset (computed once: the lever panel asks per lever)."""
        return {k: v for k, v in self.levers.items() if v != self.preset_levers.get(k)}

    @property
    def result(self) -> Result:
        return run(self.levers, self.region)

    @property
    def baseline(self) -> Result:
        return run(self.baseline_levers, self.region)

    @property
    def contributions(self) -> contributions.Contributions:
        return cached_api.shapley(self.levers, self.baseline_levers, self.region)

    def zero_effects(self, names: tuple[str, ...]) -> dict[str, lever_effects.LeverEffect]:
        """Among ``names``, levers whose one-step move leaves net CO2 unchanged now, and why."""
        return cached_api.zero_effects(self.levers, self.region, names)

    @property
    def scenario_name(self) -> str:
        return self.preset if not self.changed else f"{self.preset}-custom"

    def t(self, key: str, **fmt: object) -> str:
        return t(key, self.lang, **fmt)


def context() -> Context:
    """The context computed by app.py for this run (pages call this)."""
    ctx = st.session_state.get("_ctx")
    if ctx is None:  # a page run on its own (tests): build it
        init_session()
        ctx = build_context("overview")
    return ctx


class Latest:
    """The latest :class:`Context` of a session, held by one object per session so that code
    run outside the script (a download's data callable, made when clicked) can read the
    scenario on screen *now*, not the one it captured when it was drawn."""

    ctx: Context | None = None


def latest() -> Latest:
    """This session's :class:`Latest` (the same object for the whole session)."""
    held = st.session_state.get("_latest")
    if not isinstance(held, Latest):
        held = st.session_state["_latest"] = Latest()
    return held


def build_context(page: str) -> Context:
    ss = st.session_state
    ctx = Context(
        lang=ss["lang"],
        region=ss["region"],
        preset=ss["preset"],
        levers=dict(ss["levers"]),
        preset_levers=preset_levers(ss["preset"], ss["region"]),
        baseline_levers=preset_levers(BASELINE_PRESET, ss["region"]),
        page=page,
        present=bool(ss.get("present")),
        notices=list(ss.get("notices", [])),
    )
    ss["_ctx"] = ctx
    latest().ctx = ctx
    return ctx


# --- session initialisation and updates ----------------------------------------------------


def init_session() -> None:
    """First run of a session: state from the URL (coerced, with notices)."""
    ss = st.session_state
    if "levers" in ss:
        return
    # every value of every parameter, so a lever given twice is noticed (to_dict keeps the last)
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = url_state.read(params, regions())
    ss["lang"] = parsed.lang
    ss["region"] = parsed.region
    ss["preset"] = parsed.preset
    ss["present"] = parsed.present
    ss["levers"] = preset_levers(parsed.preset, parsed.region) | parsed.levers
    ss["notices"] = parsed.notices


def widget_value(name: str, value: float):
    """A lever value as its slider shows it: the nearest step (int for years). The scenario in
    ``levers`` keeps the exact value (a share code or upload may hold 123.456 on a 5-step
    slider); only a move of the slider replaces it."""
    lever = lever_catalogue()[name]
    shown = url_state.snap(lever, value)
    return int(round(shown)) if lever.kind == "year" else float(shown)


def set_levers(levers: dict[str, float]) -> None:
    """Replace all lever values and the sliders showing them (used by callbacks)."""
    ss = st.session_state
    ss["levers"] = dict(levers)
    for name, value in levers.items():
        ss[LEVER_KEY + name] = widget_value(name, value)


def apply_preset(preset: str) -> None:
    st.session_state["preset"] = preset
    set_levers(preset_levers(preset, st.session_state.get("region", "china")))
    st.session_state["notices"] = []


def apply_region(region: str) -> None:
    """Switch to ``region``: its levers are those of the preset on screen carried to it (a
    province's own preset falls back to current policies elsewhere)."""
    from pathways import scenario

    ss = st.session_state
    ss["region"] = region
    preset = ss.get("preset", BASELINE_PRESET)
    apply_preset(preset if preset in scenario.list_presets(region) else BASELINE_PRESET)


def check_session_levers() -> None:
    """Repair lever values in the session (e.g. set by a test or an old session) that are not
    valid, with a notice; valid values (on the slider grid or not) are kept exactly. Uses the
    one lever check (:func:`pathways.scenario.check_value`, through ``url_state.coerce_lever``)."""
    ss = st.session_state
    levers = ss["levers"]
    cat = lever_catalogue()
    notices = ss.setdefault("notices", [])
    for name in list(levers):
        if name not in cat:  # the catalogue changed under a running session
            del levers[name]
    for name, lever in cat.items():
        if name not in levers:
            levers[name] = preset_levers(ss["preset"], ss["region"]).get(name, lever.default)
        key = LEVER_KEY + name
        for value in ([ss[key]] if key in ss else []) + [levers[name]]:
            used, notice = url_state.coerce_lever(name, value, levers[name])
            if notice is not None:
                notices.append(notice)
                levers[name] = used
                ss[key] = widget_value(name, used)
                break


def sync_url(ctx: Context, present: bool) -> None:
    """Keep the levers changed from the preset (and language, preset, region) in the URL."""
    wanted = url_state.encode(ctx.lang, ctx.region, ctx.preset, ctx.changed, present)
    current = st.query_params.to_dict()
    if current != wanted:
        st.query_params.from_dict(wanted)


@contextmanager
def error_boundary(lang: str) -> Iterator[None]:
    """Show a translated message instead of a traceback; log the traceback on the server."""
    try:
        yield
    except Exception:  # noqa: BLE001 - the page must never show a traceback
        log.error("page error\n%s", traceback.format_exc())
        st.error(t("error_page", lang))
