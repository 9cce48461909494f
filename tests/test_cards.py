"""Indicator cards and the target checklist as pure functions: display units per language, the
change chip as a difference (also when one year lies beyond the horizon), the official wording."""

from __future__ import annotations

import math

import numpy as np

from pathways.indicators import TARGETS
from pathways.ui.overview_page import card, format_value, target_value


def test_card_values_in_each_languages_units():
    assert format_value(12_340.0, "co2", "en") == "12.34 Gt/yr"
    assert format_value(12_340.0, "co2", "zh") == "123.4 亿吨/年"
    assert format_value(422.0, "co2_cum", "en") == "422 Gt"
    assert format_value(422.0, "co2_cum", "zh") == "4,220 亿吨"
    assert format_value(math.nan, "year", "zh") == "2060年后"


def test_chip_is_a_difference():
    got = card("net_2060", 8_470.0, 8_500.0, True, "co2", "en")
    assert got["delta"] == "-0.03 Gt/yr" and got["delta_color"] == "inverse"
    same = card("peak_year", 2030, 2030, True, "year", "en")
    assert same["delta"] == "±0 yr" and same["delta_arrow"] == "off"


def test_net_zero_chip_when_the_baseline_never_reaches_it():
    """Scenario 2055, baseline after 2060: at least 6 years earlier (not 'after 2060')."""
    got = card("net_zero_year", 2055.0, math.nan, True, "year", "en", end_year=2060)
    assert got["value"] == "2055"
    assert got["delta"] == "6+ yr earlier"
    assert got["delta_arrow"] == "down" and got["delta_color"] == "green"
    worse = card("net_zero_year", math.nan, 2058.0, True, "year", "zh", end_year=2060)
    assert worse["delta"] == "推迟至少3年" and worse["delta_color"] == "red"


def test_peak_by_2030_follows_the_official_reading():
    peak = next(t for t in TARGETS if t.key == "peak")
    assert peak.passed({"peak_year": np.array([2030.0, 2031.0])}).tolist() == [True, False]
    assert "2030" in peak.reading("en") and "不晚于2030年" in peak.reading("zh")


def test_checklist_values_in_display_units():
    assert target_value("wind_solar_2030", 1737.0, "en") == "1,737 GW"
    assert target_value("wind_solar_2030", 1737.0, "zh") == "17.37 亿千瓦"
    assert target_value("peak_year", 2030.0, "en") == "2030"
    assert target_value("nonfossil_share_2030", 25.04, "zh") == "25.0%"
