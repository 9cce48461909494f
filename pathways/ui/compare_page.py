"""The Compare page: two to four scenarios side by side (Streamlit)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pathways import compare
from pathways.indicators import NET
from pathways.scenario import catalogue, complete, list_presets
from pathways.ui.compare_figures import contributions_bars, net_overlay, restoration_bars
from pathways.ui.figures import PLOTLY_CONFIG
from pathways.ui.library import (
    Current,
    current_from_context,
    get_store,
    preset_title,
    show_flash,
)
from pathways.ui.library_i18n import label, t
from pathways.ui.text import plain
from pathways.uploads import ResultsUpload

CURRENT = "current"


@st.cache_data(show_spinner=False, max_entries=64)
def _compare_cached(
    keyed: tuple[tuple[str, str, str, tuple[tuple[str, float], ...]], ...],
) -> compare.Comparison:
    entries = [
        compare.Entry(lab, dict(levers), region, source) for lab, region, source, levers in keyed
    ]
    return compare.compare(entries)


def _options(current: Current | None, lang: str) -> dict[str, str]:
    """Option key -> display label: current, presets, saved scenarios."""
    options: dict[str, str] = {}
    if current is not None:
        options[CURRENT] = t("cmp_current", lang)
    for name in list_presets():
        options[f"preset:{name}"] = t("cmp_preset", lang, name=preset_title(name, lang))
    lib = get_store()
    if lib is not None:
        try:
            for record in lib.list():
                options[f"saved:{record.id}"] = t("cmp_saved", lang, name=record.name)
        except Exception as exc:  # noqa: BLE001 - the page still works with presets
            st.warning(plain(str(exc)[:200]))
    return options


def _entry(key: str, current: Current | None, lang: str, notes: list[str]) -> compare.Entry:
    if key == CURRENT and current is not None:
        return compare.Entry(t("cmp_current", lang), dict(current.levers), current.region)
    kind, _, ident = key.partition(":")
    if kind == "preset":
        return compare.Entry(preset_title(ident, lang), complete(preset=ident), "china", "preset")
    lib = get_store()
    opened = lib.open(int(ident))  # type: ignore[union-attr]
    if opened.report.changed:
        name = plain(opened.record.name)
        notes += [f"{name}: {m}" for m in opened.report.messages(lang, escape=plain)]
    return compare.Entry(opened.record.name, opened.levers, opened.record.region, "saved")


def render(ctx=None, lang: str | None = None, current: Current | None = None) -> None:
    """Draw the page for the dashboard's ``state.Context`` (its scenario is the 'current' one)."""
    if ctx is not None:
        lang = lang or ctx.lang
        current = current or current_from_context(ctx)
    lang = lang or "en"
    show_flash()
    st.title(t("cmp_title", lang))
    st.caption(t("cmp_intro", lang))
    options = _options(current, lang)
    default = [
        k for k in (CURRENT, "preset:current-policies", "preset:dual-carbon") if k in options
    ]
    picked = st.multiselect(
        t("cmp_pick", lang),
        list(options),
        default=default[:3] if CURRENT in options else default[:2],
        format_func=lambda k: options.get(k, k),
        max_selections=compare.MAX_SCENARIOS,
        key="cmp_pick",
    )
    if len(picked) < compare.MIN_SCENARIOS:
        st.info(t("cmp_need", lang))
        return
    notes: list[str] = []
    try:
        entries = [_entry(k, current, lang, notes) for k in picked]
    except Exception as exc:  # noqa: BLE001 - e.g. deleted in another session meanwhile
        st.warning(plain(str(exc)[:300]))
        return
    keyed = tuple((e.label, e.region, e.source, tuple(sorted(e.levers.items()))) for e in entries)
    cmp = _compare_cached(keyed)
    if notes:
        with st.expander(t("cmp_notices", lang)):
            st.markdown("\n".join(f"- {n}" for n in notes))

    extra = _uploaded_series(lang)
    st.plotly_chart(net_overlay(cmp, lang, extra), config=PLOTLY_CONFIG, key="cmp_net")

    st.subheader(t("cmp_indicators", lang))
    table = compare.indicator_table(cmp)
    table.insert(0, t("cmp_col_item", lang), [label(k, lang) for k in table.pop("indicator")])
    table = table.rename(columns={"unit": t("cmp_col_unit", lang)})
    st.dataframe(_styled(table, lang), hide_index=True, width="stretch", key="cmp_ind")
    st.caption(t("cmp_indicators_caption", lang, ref=cmp.labels[0]))

    st.plotly_chart(contributions_bars(cmp, lang), config=PLOTLY_CONFIG, key="cmp_contrib")
    contrib = compare.contribution_table(cmp)
    contrib.insert(0, t("cmp_col_path", lang), [label(k, lang) for k in contrib.pop("path")])
    st.dataframe(_styled(contrib, lang), hide_index=True, width="stretch", key="cmp_ctab")

    st.subheader(t("cmp_restoration", lang))
    fig = restoration_bars(cmp, lang)
    if fig is None:
        st.info(t("cmp_restoration_missing", lang))
    else:
        st.plotly_chart(fig, config=PLOTLY_CONFIG, key="cmp_resto")
        resto = compare.restoration_table(cmp)
        resto.insert(0, t("cmp_col_item", lang), [label(k, lang) for k in resto.pop("item")])
        resto = resto.rename(columns={"unit": t("cmp_col_unit", lang)})
        st.dataframe(_styled(resto, lang), hide_index=True, width="stretch", key="cmp_rtab")

    diff = compare.lever_differences(cmp)
    if not diff.empty:
        with st.expander(t("cmp_levers", lang)):
            cat = catalogue()
            diff.insert(
                0,
                t("cmp_col_item", lang),
                [cat[n].label(lang) if n in cat else n for n in diff.pop("lever")],
            )
            st.dataframe(diff, hide_index=True, width="stretch", key="cmp_levers")

    st.download_button(
        t("cmp_download", lang),
        data=compare.to_csv(cmp, label=lambda k: label(k, lang)),
        file_name="pathways-comparison.csv",
        mime="text/csv",
        key="cmp_download",
    )


def _number(value: object, delta: bool = False, year: bool = False, never: str = "") -> str:
    if not isinstance(value, int | float) or pd.isna(value):
        return never if year and not delta else "–"
    if year:
        return f"{value:+.0f}" if delta else f"{value:.0f}"
    digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    text = f"{value:+,.{digits}f}" if delta else f"{value:,.{digits}f}"
    return "0" if float(text.replace(",", "")) == 0 else text


def _styled(frame: pd.DataFrame, lang: str):
    """Numbers for a meeting: sensible decimals, signed differences, years whole, 'not reached'
    for a year that never comes (as text, right-aligned)."""
    unit_col = t("cmp_col_unit", lang)
    years = (
        frame[unit_col] == "year" if unit_col in frame.columns else pd.Series(False, frame.index)
    )
    never = t("never", lang)
    shown = frame.copy().astype(object)
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    for column in numeric:
        delta = str(column).startswith("Δ ")
        shown[column] = [
            _number(v, delta, bool(y), never) for v, y in zip(frame[column], years, strict=True)
        ]
    if unit_col in shown.columns:
        shown[unit_col] = shown[unit_col].replace({"year": ""})
    return shown.style.set_properties(subset=numeric, **{"text-align": "right"})


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
