"""Uncertainty: the scenario on screen under the uncertain inputs of data/<region>/uncertainty.csv.

A fan chart of net CO2 (1,000 seeded Latin-hypercube samples, redrawn at every lever move; 10,000
on demand with a progress bar), the probabilities planners ask for (net zero by 2050/2055/2060,
the net-zero and peak years, net CO2 in 2060), a tornado of every input and lever for a chosen
indicator, Sobol indices on demand, and the list of uncertain inputs with their sources.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from pathways.ensemble_table import net_zero_by
from pathways.scenario import catalogue
from pathways.sensitivity import INDICATORS
from pathways.ui import cached_api, live, state, units
from pathways.ui import uncertainty_figures as ufig
from pathways.ui.i18n import t
from pathways.ui.overview_page import chart

LARGE_SAMPLES = 10_000
SOBOL_BASE_SAMPLES = 256


def _labels(region: str, lang: str) -> dict[str, str]:
    """Input name -> label: uncertain parameters and levers."""
    out = {p.name: p.label(lang) for p in cached_api.uncertain_inputs(region).parameters}
    out.update({name: lever.label(lang) for name, lever in catalogue().items()})
    return out


def _year_text(value: float, end: int, lang: str) -> str:
    return t("unc_after", lang, year=end) if np.isnan(value) else f"{value:.0f}"


def probabilities(ensemble, lang: str) -> None:
    """Cards: P(net zero by year), and the median and 5-95 % range of the net-zero year, the
    peak year and net CO2 in 2060."""
    end = int(ensemble.years[-1])
    items = [
        (t("unc_p_net_zero", lang, year=year), f"{100 * p:.0f}%")
        for year, p in net_zero_by(ensemble).items()
    ]
    for col, (label, value) in zip(st.columns(len(items)), items, strict=True):
        col.metric(label, value, border=True)
    rows = []
    for key in ("net_zero_year", "peak_year", "net_2060"):
        values = ensemble.indicators[key]
        if key == "net_2060":
            cells = [units.fmt(x, "co2", lang) for x in np.quantile(values, (0.05, 0.5, 0.95))]
        else:  # a year never reached sorts after every year
            q = np.quantile(np.where(np.isnan(values), end + 1, values), (0.05, 0.5, 0.95))
            cells = [_year_text(np.nan if x > end else x, end, lang) for x in q]
        rows.append([t(f"unc_indicator.{key}", lang), *cells])
    columns = [t("unc_indicator", lang), "5%", t("unc_median_short", lang), "95%"]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")


def inputs_table(region: str, lang: str) -> None:
    """The uncertain inputs: what they act on, distribution, 90 % interval, source, status."""
    rows = []
    for p in cached_api.uncertain_inputs(region).parameters:
        low, high = p.interval(0.9)
        rows.append(
            {
                t("unc_col_input", lang): p.label(lang),
                t("unc_col_acts_on", lang): f"{p.kind}:{p.target}",
                t("unc_col_distribution", lang): t(f"unc_dist.{p.distribution}", lang),
                t("unc_col_interval", lang): f"{low:.3g} – {high:.3g} ({p.unit})",
                t("unc_col_source", lang): p.source,
                t("unc_col_status", lang): p.status,
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _large_run(ctx: state.Context) -> None:
    """Run the 10,000-sample ensemble with a progress bar (button callback context)."""
    bar = st.progress(0.0, text=t("unc_running", ctx.lang, n=f"{LARGE_SAMPLES:,}"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("unc_progress", ctx.lang, done=done, total=total))

    cached_api.ensemble_with_progress(ctx.levers, ctx.region, LARGE_SAMPLES, progress)
    bar.empty()


def body(ctx: state.Context) -> None:
    """The live part: redrawn at every lever move."""
    lang = ctx.lang
    large = cached_api.large_ensemble(ctx.levers, ctx.region, LARGE_SAMPLES)
    cols = st.columns([3, 1])
    with cols[1]:
        if large is None and st.button(
            t("unc_run_large", lang, n=f"{LARGE_SAMPLES:,}"), key="w.unc_large", width="stretch"
        ):
            _large_run(ctx)
            large = cached_api.large_ensemble(ctx.levers, ctx.region, LARGE_SAMPLES)
    ensemble = large or cached_api.ensemble(ctx.levers, ctx.region)
    with cols[0]:
        st.caption(t("unc_samples_note", lang, n=f"{ensemble.samples:,}"))
    chart(ufig.fan_chart(ensemble, ctx.result, lang), "unc_fan")
    probabilities(ensemble, lang)
    left, right = st.columns(2)
    with left:
        chart(ufig.year_distribution(ensemble, "net_zero_year", lang), "unc_netzero")
    with right:
        chart(ufig.year_distribution(ensemble, "peak_year", lang), "unc_peak")

    st.subheader(t("unc_sensitivity", lang))
    st.markdown(t("unc_sensitivity_help", lang))
    indicator = st.selectbox(
        t("unc_indicator", lang),
        INDICATORS,
        format_func=lambda k: t(f"unc_indicator.{k}", lang),
        key="w.unc_indicator",
    )
    labels = _labels(ctx.region, lang)
    result = cached_api.sensitivity_tornado(ctx.levers, ctx.region, indicator)
    chart(ufig.tornado_chart(result, labels, lang), "unc_tornado")
    key = ("unc_sobol", tuple(ctx.levers.items()), indicator)
    if st.session_state.get("_unc_sobol_key") == key or st.button(
        t("unc_run_sobol", lang), key="w.unc_sobol"
    ):
        st.session_state["_unc_sobol_key"] = key
        with st.spinner(t("unc_sobol_running", lang)):
            indices = cached_api.sobol(ctx.levers, ctx.region, indicator, SOBOL_BASE_SAMPLES)
        chart(ufig.sobol_chart(indices, labels, lang), "unc_sobol")
        st.caption(t("unc_sobol_note", lang, n=f"{indices.evaluations:,}"))
    st.download_button(
        t("unc_download", lang),
        data=cached_api.ensemble_csv(ctx.levers, ctx.region, ensemble.samples, ctx.scenario_name),
        file_name="pathways-ensemble.csv",
        mime="text/csv",
        key="w.unc_download",
    )


def render(ctx: state.Context) -> None:
    """Static text (full runs); the charts in the live fragment (lever moves)."""
    lang = ctx.lang
    st.title(t("page_uncertainty", lang))
    st.markdown(t("unc_intro", lang))
    live.run("uncertainty", body)
    with st.expander(t("unc_inputs", lang)):
        inputs_table(ctx.region, lang)
