"""AppTest: the uncertainty page in both languages; a lever move moves the bands; the tornado,
the Sobol indices and the 10,000-sample run appear on demand."""

from __future__ import annotations

import numpy as np
import pytest

from pathways.ui.i18n import t
from tests.conftest import lever_slider, open_app
from tests.test_app import charts, clean, values

PAGE = "pathways/ui/pages/uncertainty.py"


def _open(lang: str = "en", preset: str = "dual-carbon"):
    at = open_app(lang=lang, preset=preset)
    at.switch_page(PAGE).run()
    clean(at)
    return at


def _fan(at, lang: str) -> dict:
    title = t("unc_fan_title", lang, n=f"{1000:,}")
    return charts(at)[title]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_shows_bands_probabilities_and_a_tornado(lang):
    at = _open(lang)
    titles = list(charts(at))
    assert t("unc_netzero_title", lang) in titles and t("unc_peak_title", lang) in titles
    tornado = t("unc_tornado_title", lang, indicator=t("unc_indicator.cumulative_2020_2060", lang))
    assert tornado in titles
    fan = _fan(at, lang)
    names = [trace.get("name") for trace in fan["data"]]
    assert t("unc_band_90", lang) in names and t("unc_median", lang) in names
    labels = [m.label for m in at.metric]
    assert t("unc_p_net_zero", lang, year=2060) in labels
    assert at.dataframe, "the quantile table and the inputs table"


def _band_2060(at) -> tuple[float, float]:
    fan = _fan(at, "en")
    low, high = fan["data"][0], fan["data"][1]  # the 5 % and 95 % edges
    return float(values(low["y"])[-1]), float(values(high["y"])[-1])


def test_moving_a_lever_moves_the_bands():
    at = _open()
    before = _band_2060(at)
    lever_slider(at, "afforestation_rate").set_value(0.0).run()  # no new forests: less removal
    clean(at)
    after = _band_2060(at)
    assert after[0] > before[0] and after[1] > before[1]
    assert np.ptp(after) > 0


def test_sobol_and_the_large_run_on_demand():
    at = _open()
    sobol_title = t("unc_sobol_title", "en")
    assert sobol_title not in charts(at)
    at.button(key="w.unc_sobol").click().run()
    clean(at)
    assert sobol_title in charts(at)
    at.button(key="w.unc_large").click().run()
    clean(at)
    assert t("unc_fan_title", "en", n=f"{10_000:,}") in charts(at)
    assert sobol_title in charts(at)  # kept for the same levers and indicator
