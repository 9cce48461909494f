"""The official-target checklist: the targets that matter now, with hand-computed indicators."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import indicators
from pathways.indicators import TARGETS, met_by_history, ndc_2035


def test_the_checklist_holds_the_current_targets():
    by_key = {t.key: t for t in TARGETS}
    expected = {
        "peak": ("peak_year", "<=", 2030),
        "neutral": ("net_zero_year", "<=", 2060),
        "intensity_2025": ("co2_per_gdp_vs_2020_2025", "<=", -18),
        "energy_intensity_2025": ("energy_per_gdp_vs_2020_2025", "<=", -13.5),
        "nonfossil_2025": ("nonfossil_share_2025", ">=", 20),
        "intensity_2030": ("co2_per_gdp_vs_2005_2030", "<=", -65),
        "nonfossil_2030": ("nonfossil_share_2030", ">=", 25),
        "wind_solar_2030": ("wind_solar_2030", ">=", 1200),
        "ndc2035_net": ("net_2035_vs_peak", "<=", -7),
        "ndc2035_nonfossil": ("nonfossil_share_2035", ">=", 30),
        "ndc2035_wind_solar": ("wind_solar_2035", ">=", 3600),
        "nonfossil_2060": ("nonfossil_share_2060", ">=", 80),
    }
    for key, (indicator, comparison, threshold) in expected.items():
        t = by_key[key]
        assert (t.indicator, t.comparison, t.threshold) == (indicator, comparison, threshold)
        assert t.source and t.label("en") and t.label("zh") != t.label("en")
        assert t.indicator in indicators.INDICATOR_UNITS
    # the peak keeps its reading: peak year 2030 at the latest
    assert "2030 at the latest" in by_key["peak"].reading("en") and by_key["peak"].reading("zh")
    assert "24 Sep 2025" in by_key["ndc2035_net"].source


def test_only_wind_solar_2030_is_met_by_history():
    met = {t.key: t.met_in for t in TARGETS if met_by_history(t)}
    assert met == {"wind_solar_2030": 2024}
    t = next(t for t in TARGETS if t.key == "wind_solar_2030")
    assert "1408 GW" in t.history  # 521 + 887 GW, NEA Jan 2025


def test_ndc_2035_indicators_by_hand():
    years = np.arange(2020, 2061)
    net = np.full((2, years.size), 10_000.0)
    net[0, years == 2028] = 12_000.0  # peak of sample 0
    net[0, years == 2035] = 10_800.0  # 10 % below the peak
    net[1, years == 2035] = 9_500.0  # sample 1: flat 10 000 then -5 %
    v = {
        indicators.NET: net,
        "Capacity|Electricity|Wind": np.full((2, years.size), 1_000.0),
        "Capacity|Electricity|Solar": np.full((2, years.size), 2_700.0),
        "Primary Energy": np.full((2, years.size), 200.0),
        "Primary Energy|Non-Fossil": np.full((2, years.size), 62.0),
    }
    out = ndc_2035(v, years)
    np.testing.assert_allclose(out["net_2035_vs_peak"], [-10.0, -5.0])
    np.testing.assert_allclose(out["nonfossil_share_2035"], [31.0, 31.0])
    np.testing.assert_allclose(out["wind_solar_2035"], [3_700.0, 3_700.0])
    ind = dict(out)
    net_target = next(t for t in TARGETS if t.key == "ndc2035_net")
    assert net_target.passed(ind).tolist() == [True, False]


@pytest.mark.parametrize("preset", ["current-policies", "dual-carbon", "accelerated"])
def test_checklist_runs_on_every_preset(preset_results, preset):
    ind = preset_results[preset].indicators
    for t, ok in indicators.checklist(ind):
        assert ok.shape == (1,), t.key
