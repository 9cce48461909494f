"""The Compare page: two to four scenarios side by side (Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from pathways import compare
from pathways.data import is_province
from pathways.indicators import NET
from pathways.scenario import catalogue, complete, list_presets
from pathways.ui import cached_api, figures, meeting_pack, state, units
from pathways.ui.compare_figures import contributions_bars, net_overlay, restoration_bars
from pathways.ui.figures import PLOTLY_CONFIG
from pathways.ui.i18n import label, messages, t, unit
from pathways.ui.library import (
    Current,
    current_from_context,
    get_store,
    preset_title,
    region_name,
    show_flash,
)
from pathways.ui.text import plain
from pathways.ui.widgets import lang_key
from pathways.uploads import ResultsUpload

CURRENT = "current"
regions = cached_api.regions


def current_name(ctx, lang: str) -> str:
    """The on-screen scenario's name: the library scenario it was opened as, else its preset
    (with the number of levers changed), so it cannot be mistaken for the preset itself."""
    opened = st.session_state.get("lib_opened")
    if opened and len(opened) > 1 and opened[1]:
        return str(opened[1])
    title = preset_title(ctx.preset, lang)
    n = len(ctx.changed)
    return (
        t("cmp_on_screen_changed", lang, preset=title, n=n)
        if n
        else t("cmp_on_screen", lang, preset=title)
    )


def _options(current: Current | None, lang: str, name: str = "") -> dict[str, str]:
    """Option key -> display label: the on-screen scenario, presets, saved scenarios (with the
    time they were saved, so two similar names are told apart)."""
    options: dict[str, str] = {}
    if current is not None:
        options[CURRENT] = t("cmp_current", lang, name=name)
    here = current.region if current is not None else "china"
    for name in list_presets(here):
        options[f"preset:{name}"] = t("cmp_preset", lang, name=preset_title(name, lang))
    for region in regions():  # the same presets in the other regions (provinces side by side)
        if region == here:
            continue
        for name in list_presets(region):
            title = f"{preset_title(name, lang)} · {region_name(region, lang)}"
            options[f"preset:{name}@{region}"] = t("cmp_preset", lang, name=title)
    lib = get_store()
    if lib is not None:
        try:
            for record in lib.list():
                when = record.updated_at[:16].replace("T", " ")
                options[f"saved:{record.id}"] = t("cmp_saved", lang, name=record.name, when=when)
        except Exception as exc:  # noqa: BLE001 - the page still works with presets
            st.warning(plain(str(exc)[:200]))
    return options


SELECTION = "cmp_selection"  # the picked option keys, kept across languages and page switches


def _pick(options: dict[str, str], lang: str) -> list[str]:
    """The multiselect of scenarios to compare. Its widget is per language (labels are
    translated; see widgets.lang_key); the selection itself is kept as option keys."""
    ss = st.session_state
    selection = [k for k in ss.get(SELECTION, []) if k in options]
    if SELECTION not in ss:
        default = [
            k for k in (CURRENT, "preset:current-policies", "preset:dual-carbon") if k in options
        ]
        selection = default[:3] if CURRENT in options else default[:2]
    ss[SELECTION] = selection
    key = lang_key("cmp_pick", lang)
    if ss.get(key) != selection:
        ss[key] = selection

    def keep() -> None:
        ss[SELECTION] = [k for k in ss.get(key, []) if k in options]

    return st.multiselect(
        t("cmp_pick", lang),
        list(options),
        format_func=lambda k: options.get(k, k),
        max_selections=compare.MAX_SCENARIOS,
        key=key,
        on_change=keep,
    )


def _entry(
    key: str, current: Current | None, lang: str, notes: list[str], name: str = ""
) -> compare.Entry:
    if key == CURRENT and current is not None:
        return compare.Entry(name, dict(current.levers), current.region)
    kind, _, ident = key.partition(":")
    if kind == "preset":
        name, _, region = ident.partition("@")
        region = region or (current.region if current is not None else "china")
        title = preset_title(name, lang)
        if current is not None and region != current.region:
            title = f"{title} · {region_name(region, lang)}"
        return compare.Entry(title, complete(preset=name, region=region), region, "preset")
    lib = get_store()
    opened = lib.open(int(ident))  # type: ignore[union-attr]
    if opened.report.changed:
        name = plain(opened.record.name)
        notes += [f"{name}: {m}" for m in messages(opened.report.notes(), lang, escape=plain)]
    return compare.Entry(opened.record.name, opened.levers, opened.record.region, "saved")


MAP_INDICATORS = (
    # indicator, display quantity (pathways.ui.units)
    ("net_2030", "co2"),
    ("net_2060", "co2"),
    ("cumulative_2020_2060", "co2_cum"),
    ("peak_year", "year"),
    ("net_zero_year", "year"),
    ("nonfossil_share_2030", "percent"),
    ("mine_sink_2060", "co2_mine"),
)


def province_values(preset: str, indicator: str) -> dict[str, float]:
    """ISO code -> an indicator of every province under ``preset`` carried to it (cached runs);
    a year never reached is left out (no colour)."""
    out = {}
    for region in regions():
        if not is_province(region) or preset not in list_presets(region):
            continue
        result = cached_api.run(cached_api.preset_levers(preset, region), region)
        value = float(result.indicators[indicator][0])
        if np.isfinite(value):
            out[region] = value
    return out


MAP_KEY = "cmp_map"  # the choropleth's selection state (st.plotly_chart on_select)
# session: set when the map (or the selectbox beside it) switched the region; the map is drawn in
# the live fragment, whose rerun does not redraw the sidebar, so the next fragment run reruns the
# whole app (region selector, preset list, sliders)
MAP_SWITCHED = "_map_switched_region"


def map_selection(event) -> str | None:
    """The region a selection event of the map picks: the first selected point whose location
    (ISO code, the choropleth's ``locations``) is a region the model has data for; None
    otherwise (no point, or a place without data such as Tibet)."""
    selection = (event or {}).get("selection") or {}
    known = set(regions())
    for point in selection.get("points") or []:
        code = point.get("location") or point.get("customdata")
        if isinstance(code, list):  # customdata of a trace with several columns
            code = code[0] if code else None
        if isinstance(code, str) and code in known:
            return code
    return None


def _switch_to(region: str | None) -> None:
    """Open ``region`` (its levers: the preset on screen carried to it, as the region selector
    does) and have the next fragment run rerun the whole app."""
    if region in regions() and region != st.session_state.get("region"):
        state.apply_region(region)
        st.session_state[MAP_SWITCHED] = True


def _on_map_select() -> None:
    """The province clicked on the map becomes the region on screen."""
    _switch_to(map_selection(st.session_state.get(MAP_KEY)))


def _on_map_pick(key: str) -> None:
    _switch_to(st.session_state.get(key))


def province_map(preset: str, lang: str) -> None:
    """The provinces coloured by a chosen indicator (Plotly choropleth): clicking a province
    opens it (Streamlit's chart selection event, ``on_select``), and a selectbox beside the map
    does the same for who cannot click (keyboard, screen reader, a place too small to hit)."""
    if st.session_state.pop(MAP_SWITCHED, False):
        st.rerun()  # the whole app, not only the live fragment the map is drawn in
    st.subheader(t("map_title", lang))
    st.caption(t("map_intro", lang, preset=preset_title(preset, lang)))
    keys = [k for k, _ in MAP_INDICATORS]
    chosen = st.selectbox(
        t("map_indicator", lang),
        keys,
        format_func=lambda k: label(k, lang),
        key=lang_key("map_indicator", lang),
    )
    quantity = dict(MAP_INDICATORS)[chosen]
    fig = figures.province_map(province_values(preset, chosen), label(chosen, lang), quantity, lang)
    left, right = st.columns([4, 1])
    with left:
        st.plotly_chart(
            fig,
            config=figures.MAP_CONFIG,  # no base map fetched from the network
            key=MAP_KEY,
            theme=None,
            on_select=_on_map_select,
            selection_mode="points",
        )
    with right:
        pick = lang_key("map_pick", lang)
        current = st.session_state.get("region", "china")
        if st.session_state.get(pick) != current and current in regions():
            st.session_state[pick] = current  # follows the region, however it was chosen
        st.selectbox(
            t("map_pick", lang),
            regions(),
            format_func=lambda r: region_name(r, lang),
            key=pick,
            on_change=_on_map_pick,
            args=(pick,),
        )


def province_sum(preset: str, lang: str) -> None:
    """China as the sum of its provinces against the national run, with the reconciliation term
    shown (pathways.region_sum; the provinces' runs are the map's, cached)."""
    from pathways import region_sum
    from pathways.ui.compare_figures import sum_of_provinces

    if preset not in list_presets("china"):  # a province's own plan: no national run of it
        return
    nation = cached_api.run(cached_api.preset_levers(preset, "china"), "china")
    runs = {
        r: cached_api.run(cached_api.preset_levers(preset, r), r)
        for r in regions()
        if is_province(r)
    }
    summed = region_sum.reconcile(nation, runs)
    national, provinces, gap = region_sum.ceads_gap()
    st.subheader(t("sum_heading", lang))
    st.caption(
        t(
            "sum_intro",
            lang,
            preset=preset_title(preset, lang),
            national=f"{national:,.0f}",
            provinces=f"{provinces:,.0f}",
            gap=f"{100 * gap:+.1f}",
        )
    )
    st.plotly_chart(
        sum_of_provinces(nation, summed, lang), config=PLOTLY_CONFIG, key="cmp_sum", theme=None
    )


def render(ctx=None, lang: str | None = None, current: Current | None = None) -> None:
    """Draw the page for the dashboard's ``state.Context`` (its scenario is the 'current' one)."""
    if ctx is not None:
        lang = lang or ctx.lang
        current = current or current_from_context(ctx)
    lang = lang or "en"
    name = current_name(ctx, lang) if ctx is not None else t("cmp_on_screen_plain", lang)
    show_flash()
    st.title(t("cmp_title", lang))
    st.caption(t("cmp_intro", lang))
    scenarios(current, lang, name)
    preset = ctx.preset if ctx is not None else "current-policies"
    province_map(preset, lang)
    province_sum(preset, lang)


def scenarios(current: Current | None, lang: str, name: str) -> None:
    """The scenarios picked, side by side: net CO2, indicators, contributions, restoration,
    levers that differ, downloads and the meeting pack."""
    options = _options(current, lang, name)
    picked = _pick(options, lang)
    if len(picked) < compare.MIN_SCENARIOS:
        st.info(t("cmp_need", lang))
        return
    notes: list[str] = []
    try:
        entries = [_entry(k, current, lang, notes, name) for k in picked]
    except Exception as exc:  # noqa: BLE001 - e.g. deleted in another session meanwhile
        st.warning(plain(str(exc)[:300]))
        return
    cmp = cached_api.compare(entries)
    if notes:
        with st.expander(t("cmp_notices", lang)):
            st.markdown("\n".join(f"- {n}" for n in notes))

    extra = _uploaded_series(lang)
    st.plotly_chart(net_overlay(cmp, lang, extra), config=PLOTLY_CONFIG, key="cmp_net", theme=None)

    st.subheader(t("cmp_indicators", lang))
    table = compare.indicator_table(cmp)
    table.insert(0, t("cmp_col_item", lang), [label(k, lang) for k in table.pop("indicator")])
    table = table.rename(columns={"unit": t("cmp_col_unit", lang)})
    st.dataframe(_styled(table, lang), hide_index=True, width="stretch", key="cmp_ind")
    st.caption(t("cmp_indicators_caption", lang, ref=cmp.labels[0]))

    st.plotly_chart(
        contributions_bars(cmp, lang), config=PLOTLY_CONFIG, key="cmp_contrib", theme=None
    )
    contrib = compare.contribution_table(cmp)
    contrib.insert(0, t("cmp_col_path", lang), [label(k, lang) for k in contrib.pop("path")])
    contrib[t("cmp_col_unit", lang)] = "Gt CO2"
    st.dataframe(_styled(contrib, lang), hide_index=True, width="stretch", key="cmp_ctab")

    st.subheader(t("cmp_restoration", lang))
    fig = restoration_bars(cmp, lang)
    if fig is None:
        st.info(t("cmp_restoration_missing", lang))
    else:
        st.plotly_chart(fig, config=PLOTLY_CONFIG, key="cmp_resto", theme=None)
        resto = compare.restoration_table(cmp)
        resto.insert(0, t("cmp_col_item", lang), [label(k, lang) for k in resto.pop("item")])
        resto = resto.rename(columns={"unit": t("cmp_col_unit", lang)})
        st.dataframe(
            _styled(resto, lang, mine=True), hide_index=True, width="stretch", key="cmp_rtab"
        )

    diff = compare.lever_differences(cmp)
    if not diff.empty:
        with st.expander(t("cmp_levers", lang)):
            cat = catalogue()
            names = diff.pop("lever")
            diff.insert(
                0, t("cmp_col_item", lang), [cat[n].label(lang) if n in cat else n for n in names]
            )
            diff.insert(
                1,
                t("cmp_col_unit", lang),
                [unit(cat[n].unit, lang) if n in cat else "" for n in names],
            )
            st.dataframe(diff, hide_index=True, width="stretch", key="cmp_levers")

    st.download_button(
        t("cmp_download", lang),
        data=compare.to_csv(cmp, label=lambda k: label(k, lang)),
        file_name="pathways-comparison.csv",
        mime="text/csv",
        key="cmp_download",
    )
    meeting_pack.draw(lang, cmp=cmp)


def _styled(frame: pd.DataFrame, lang: str, mine: bool = False):
    """Numbers for a meeting, in the language's display units (pathways.ui.units): sensible
    decimals, signed differences, years whole, 'after 2060' for a year never reached."""
    unit_col = t("cmp_col_unit", lang)
    model_units = list(frame[unit_col]) if unit_col in frame.columns else [""] * len(frame)
    shown = frame.copy().astype(object)
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    for column in numeric:
        delta = str(column).startswith("Δ ")
        shown[column] = [
            _cell(v, u, lang, delta, mine) for v, u in zip(frame[column], model_units, strict=True)
        ]
    if unit_col in shown.columns:
        shown[unit_col] = [_unit_text(u, lang, mine) for u in model_units]
    return shown.style.set_properties(subset=numeric, **{"text-align": "right"})


def _unit_text(model_unit: str, lang: str, mine: bool) -> str:
    quantity = units.quantity_of(model_unit, mine)
    return "" if quantity in (None, "year") else units.label(quantity, lang)


def _cell(value: object, model_unit: str, lang: str, delta: bool, mine: bool) -> str:
    if not isinstance(value, int | float) or pd.isna(value):
        year = units.quantity_of(model_unit, mine) == "year"
        return t("after_year", lang, year=2060) if year and not delta else "–"
    return units.table_number(float(value), model_unit, lang, signed=delta, mine=mine)


def _uploaded_series(lang: str) -> dict[str, dict[int, float]]:
    upload = st.session_state.get("cmp_uploaded_results")
    if not isinstance(upload, ResultsUpload):
        return {}
    out = {}
    for name in upload.scenarios[:4]:
        series = upload.series(name, NET)
        if series is not None:
            clean = {int(y): float(v) for y, v in series.items() if pd.notna(v)}
            out[t("cmp_upload_results", lang, name=name)] = clean
    return out
