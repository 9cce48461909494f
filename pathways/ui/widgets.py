"""Widgets generated from the lever catalogue, the sidebar, notices and downloads."""

from __future__ import annotations

import functools

import streamlit as st

from pathways import scenario
from pathways.contributions import path_of
from pathways.i18n import module_label
from pathways.scenario import Lever
from pathways.ui import cached_api, state
from pathways.ui.i18n import LANG_NAMES, LANGS, t, unit
from pathways.ui.library import region_name

CHANGED = ":orange[●]"
NO_EFFECT = ":gray[⊘]"  # the lever does not move net CO2 in the current settings (help says why)


def no_effect_text(effect, lang: str) -> str:
    """Why a lever has no effect on net CO2 now (pathways.lever_effects reason codes)."""
    params = {k: f"{v:,.0f}" for k, v in effect.params.items()}
    reason = effect.reason or "no_effect"
    lever = scenario.catalogue()[effect.lever]
    if lever.kind == "year" and reason == "no_effect" and lever.pair:
        return t("effect_year_no_change", lang, lever=scenario.catalogue()[lever.pair].label(lang))
    return t(f"effect_{reason}", lang, **params)


def _decimals(step: float) -> int:
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


@functools.lru_cache(maxsize=256)
def _format(lever: Lever) -> str:
    return "%d" if lever.kind == "year" else f"%.{_decimals(lever.step)}f"


# --- callbacks (run before the script body) ----------------------------------------------


def _on_lever(name: str) -> None:
    ss = st.session_state
    ss["levers"][name] = float(ss[state.LEVER_KEY + name])
    ss["notices"] = []


def _on_lang() -> None:
    value = st.session_state.get("w.lang")
    if value in LANGS:
        st.session_state["lang"] = value


def lang_key(name: str, lang: str) -> str:
    """Widget key of a choice whose option labels are translated. Streamlit keeps a choice
    widget's value by its displayed label, so the widget of one language must never receive the
    labels of another: each language gets its own widget (holding keys, never labels)."""
    return f"{name}.{lang}"


def _on_preset(key: str) -> None:
    preset = st.session_state.get(key)
    if preset in scenario.list_presets(st.session_state.get("region", "china")):
        state.apply_preset(preset)


def _on_region(key: str) -> None:
    region = st.session_state.get(key)
    if region in state.regions():
        state.apply_region(region)


def _on_reset() -> None:
    state.apply_preset(st.session_state["preset"])


def _on_present() -> None:
    st.session_state["present"] = bool(st.session_state.get("w.present"))


def exit_presentation() -> None:
    st.session_state["present"] = False
    st.session_state["w.present"] = False


# --- lever sliders -----------------------------------------------------------------------


def lever_slider(lever: Lever, ctx: state.Context, effect=None) -> None:
    """One slider for a lever; marked when it differs from the preset, and with ⊘ and the reason
    when ``effect`` (pathways.lever_effects) says it does not move net CO2 now."""
    key = state.LEVER_KEY + lever.name
    ss = st.session_state
    value = state.widget_value(lever.name, ctx.levers[lever.name])
    if key not in ss:
        ss[key] = value
    preset_value = ctx.preset_levers.get(lever.name, lever.default)
    changed = ctx.levers[lever.name] != preset_value
    lever_unit = unit(lever.unit, ctx.lang)
    label = f"{CHANGED} " if changed else ""
    label += lever.label(ctx.lang) + ("" if lever.kind == "year" else f" ({lever_unit})")
    bounds_text = t(
        "lever_range", ctx.lang, min=f"{lever.min:g}", max=f"{lever.max:g}", unit=lever_unit
    )
    help_text = lever.help(ctx.lang) + "\n\n" + bounds_text
    if lever.source:
        help_text += "\n\n" + t("lever_default_source", ctx.lang, source=lever.source)
    if changed:
        help_text += "\n\n" + t("changed_mark", ctx.lang, value=f"{preset_value:g}")
    if effect is not None:
        label = f"{NO_EFFECT} {label}"
        help_text = f"**{no_effect_text(effect, ctx.lang)}**\n\n{help_text}"
    if lever.kind == "year":
        bounds = {"min_value": int(lever.min), "max_value": int(lever.max), "step": 1}
    else:
        bounds = {
            "min_value": float(lever.min),
            "max_value": float(lever.max),
            "step": float(lever.step),
        }
    st.slider(  # value given: Streamlit then skips a scan of the whole session state
        label,
        value=value,
        **bounds,
        format=_format(lever),
        key=key,
        help=help_text,
        on_change=_on_lever,
        args=(lever.name,),
    )


def sidebar(ctx: state.Context):
    """Language, presentation mode, region and preset (full script runs only); returns the
    sidebar container below them that the live fragment fills with :func:`lever_controls`."""
    ss = st.session_state
    lang = ctx.lang
    preset_key, region_key = lang_key("w.preset", lang), lang_key("w.region", lang)
    for key, value in (("w.lang", ctx.lang), (preset_key, ctx.preset), (region_key, ctx.region)):
        if ss.get(key) != value:
            ss[key] = value
    if "w.present" not in ss:
        ss["w.present"] = bool(ss.get("present"))
    with st.sidebar:
        st.segmented_control(
            t("language", lang),
            LANGS,
            format_func=LANG_NAMES.get,
            key="w.lang",
            required=True,
            on_change=_on_lang,
        )
        st.toggle(
            t("presentation", lang),
            key="w.present",
            help=t("presentation_help", lang),
            on_change=_on_present,
        )
        regions = state.regions()
        st.selectbox(
            t("region", lang),
            regions,
            format_func=lambda r: region_name(r, lang),
            key=region_key,
            on_change=_on_region,
            args=(region_key,),
        )
        st.selectbox(
            t("preset", lang),
            scenario.list_presets(ctx.region),
            format_func=lambda p: scenario.load_preset(p).title(lang),
            key=preset_key,
            on_change=_on_preset,
            args=(preset_key,),
            help=scenario.load_preset(ctx.preset).description(lang),
        )
        return st.container(key="lever-controls")


def lever_controls(ctx: state.Context, skip_modules: tuple[str, ...] = ()) -> None:
    """Changed count, reset and the levers of one path (drawn by the live fragment at every
    lever move, so the count, the reset button's state and the marks are never stale)."""
    lang = ctx.lang
    n_changed = len(ctx.changed)
    if n_changed:
        st.caption(f"{CHANGED} " + t("changed_count", lang, n=n_changed))
    st.button(
        t("reset", lang),
        key="w.reset",
        help=t("reset_help", lang),
        on_click=_on_reset,
        disabled=not n_changed,
        width="stretch",
    )
    st.subheader(t("levers", lang))
    lever_panel(ctx, skip_modules)


GROUP = "lever_group"  # the path whose levers the sidebar shows (a module key)
DEFAULT_GROUP = "energy_mix"


def _on_group(key: str) -> None:
    group = st.session_state.get(key)
    if group in scenario.by_module():
        st.session_state[GROUP] = group


def lever_panel(ctx: state.Context, skip_modules: tuple[str, ...] = ()) -> None:
    """A path selector and the sliders of that path only (not all 85 at once: a new session
    draws in about half the time). Levers of the other paths keep their values in the session;
    paths with levers changed from the preset are listed with their counts."""
    ss, lang = st.session_state, ctx.lang
    groups = {m: lv for m, lv in scenario.by_module().items() if m not in skip_modules}
    group = ss.get(GROUP)
    if group not in groups:
        group = DEFAULT_GROUP if DEFAULT_GROUP in groups else next(iter(groups))
    key = lang_key("w.group", lang)  # translated labels: one widget per language
    if ss.get(key) != group:
        ss[key] = group
    st.radio(
        t("lever_group", lang),
        list(groups),
        format_func=lambda m: module_label(m, lang),
        key=key,
        on_change=_on_group,
        args=(key,),
    )
    changed = [
        f"{module_label(m, lang)} {n}"
        for m, levers in groups.items()
        if (n := sum(1 for lv in levers if lv.name in ctx.changed))
    ]
    if changed:
        st.caption(f"{CHANGED} " + t("changed_by_path", lang, paths=", ".join(changed)))
    effects = ctx.zero_effects(tuple(lv.name for lv in groups[group]))
    with st.container(key="lever-panel"):
        heading = None
        for lever in groups[group]:
            if group == "sinks":  # natural sinks and CCUS are separate paths
                path = path_of(lever.name)
                if path != heading:
                    st.markdown(f"**{t(f'path_{path}', lang)}**")
                    heading = path
            lever_slider(lever, ctx, effects.get(lever.name))


def notices(ctx: state.Context) -> None:
    for notice in ctx.notices:
        st.warning(notice.text(ctx.lang), icon=":material/warning:")


# --- downloads ---------------------------------------------------------------------------


def results_csv(latest: state.Latest) -> str:
    """The IAMC CSV of the scenario on screen when clicked (identical to the CLI's)."""
    ctx = latest.ctx
    return cached_api.results_csv(dict(ctx.levers), ctx.region, ctx.scenario_name)


def scenario_toml(latest: state.Latest) -> str:
    """The lever file of the scenario on screen when clicked."""
    ctx = latest.ctx
    return scenario.scenario_toml(ctx.scenario_name, ctx.region, ctx.changed, ctx.preset)


def downloads(ctx: state.Context) -> None:
    """Results as IAMC CSV (identical to the CLI's) and the lever settings as a scenario file.
    Drawn outside the live fragment: the files are made when clicked, from the latest context
    (a lever moved since the page was drawn is in them); the file names carry the preset."""
    st.subheader(t("downloads", ctx.lang))
    latest = state.latest()
    stem = f"{ctx.preset}-scenario"
    cols = st.columns(2)
    cols[0].download_button(
        t("download_csv", ctx.lang),
        data=functools.partial(results_csv, latest),
        file_name=f"{stem}.csv",
        mime="text/csv",
        help=t("download_csv_help", ctx.lang),
        icon=":material/download:",
        on_click="ignore",
        key="dl.csv",
        width="stretch",
    )
    cols[1].download_button(
        t("download_toml", ctx.lang),
        data=functools.partial(scenario_toml, latest),
        file_name=f"{stem}.toml",
        mime="application/toml",
        help=t("download_toml_help", ctx.lang),
        icon=":material/tune:",
        on_click="ignore",
        key="dl.toml",
        width="stretch",
    )
    st.caption(t("png_hint", ctx.lang))
