"""Presets behave as documented."""

from __future__ import annotations

import numpy as np
import pytest

from pathways import scenario


def test_three_documented_presets_exist():
    assert scenario.list_presets()[:3] == ["current-policies", "dual-carbon", "accelerated"]
    for name in scenario.list_presets():
        preset = scenario.load_preset(name)
        assert preset.title_en and preset.title_zh and preset.description_en
        assert preset.sources, f"{name} must say which published assumptions it follows"
        scenario.validate(preset.levers)


def test_dual_carbon_peaks_by_2030_and_is_neutral_by_2060(preset_results):
    ind = preset_results["dual-carbon"].indicators
    assert ind["peak_year"][0] <= 2030
    assert ind["net_2060"][0] <= 0
    assert ind["net_zero_year"][0] <= 2060
    assert ind["nonfossil_share_2060"][0] >= 80
    assert ind["wind_solar_2030"][0] >= 1200


def test_current_policies_far_from_zero_in_2060(preset_results):
    ind = preset_results["current-policies"].indicators
    assert ind["net_2060"][0] > 4000  # Mt CO2/yr
    assert np.isnan(ind["net_zero_year"][0])


def test_accelerated_below_dual_carbon(preset_results):
    acc = preset_results["accelerated"]["Emissions|CO2"][0]
    dual = preset_results["dual-carbon"]["Emissions|CO2"][0]
    years = preset_results["accelerated"].years
    assert np.all(acc[years >= 2025] < dual[years >= 2025])
    np.testing.assert_allclose(acc[years <= 2024], dual[years <= 2024])  # shared history
    assert (
        preset_results["accelerated"].indicators["cumulative_2020_2060"][0]
        < preset_results["dual-carbon"].indicators["cumulative_2020_2060"][0]
    )
    assert preset_results["accelerated"].indicators["net_zero_year"][0] <= 2050


def test_current_policies_preset_is_the_catalogue_defaults():
    assert scenario.complete(preset="current-policies") == scenario.defaults()


def test_unknown_preset_is_a_clear_error():
    with pytest.raises(scenario.ScenarioError, match="unknown preset 'nope'"):
        scenario.load_preset("nope")
