"""Every year 2020-2024 of every row in data/china/history_checks.csv: the model (current
policies; history does not depend on the levers) within the row's tolerance (% of the value)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from pathways import model, scenario

ROOT = Path(__file__).resolve().parents[1]
ROWS = list(csv.DictReader((ROOT / "data/china/history_checks.csv").open(encoding="utf-8")))
TWH = 0.0036  # EJ per TWh
TCE_TO_EJ = 0.029307

# Rows the model does not yet reproduce within tolerance (issue 11, left open), each with the reason
# found when the model was compared with the statistic (model vs published, current policies).
# The non-fossil share of power follows the 2020 (33.9 %), 2022 (36.2 %, CEC annual development
# report 2023) and 2024 (38.8 %) statistics, linear between, and wind + solar generation is what
# that share leaves after hydro, nuclear and biomass (methods section 6); capacity is generation /
# capacity factor. No full-caliber hydro, nuclear and biomass generation for 2021-2023 was found.
# CEC's 2021 share (34.5 %, 1.7 points below 2022) is not used: with the model's 2021 generation
# and interpolated hydro, nuclear and biomass it leaves 944 TWh for wind + solar against NEA's
# 978.5 TWh (-3.5 %, a row that passes at 35.1 %) while moving 2021 wind capacity only to +3.9 %.
_SHARE_2023 = (
    "2023: model 928 / 611 TWh vs 886 / 584 (+4.7 %): the non-fossil share interpolated between "
    "2022 and 2024 (37.5 %) ignores the 2023 drought (NBS: above-scale hydro -5.6 % to 1140.9 "
    "TWh), so the residual wind + solar is too high; no full-caliber 2023 hydro figure was found"
)
_GEN_2024 = (
    "2024: model generation 10187 TWh vs CEC 10090 (+1.0 %, inside its own check) times the "
    "38.8 % share leaves about 40 TWh too much for wind + solar (model wind 1017 vs 992, solar "
    "856 vs 834, +2.5 %), and capacity follows (+2.7 % wind, +2.9 % solar)"
)
_CAP = (
    "capacity = generation / capacity factor: the wind + solar generation excess carries over "
    "(2021: wind +3.9 %, solar +8.8 %, the 2021 share and capacity factors being interpolated; "
    "2022: +3.0 % / +2.9 % with CEC's 36.2 % share, as the model's 2022 generation, 8823 TWh, is "
    "1.6 % above the 8686 TWh implied by CEC's 3144 TWh non-fossil at 36.2 %; 2023: +4.7 % / "
    "+4.9 %, see the 2023 generation)"
)
KNOWN_GAPS = {
    ("capacity_wind", 2021): _CAP,
    ("capacity_wind", 2022): _CAP,
    ("capacity_wind", 2023): _CAP,
    ("capacity_solar", 2021): _CAP,
    ("capacity_solar", 2022): _CAP,
    ("capacity_solar", 2023): _CAP,
    ("capacity_wind", 2024): _GEN_2024,
    ("capacity_solar", 2024): _GEN_2024,
    ("generation_wind", 2024): _GEN_2024,
    ("generation_solar", 2024): _GEN_2024,
    ("generation_solar", 2023): _SHARE_2023,
    ("generation_wind", 2023): _SHARE_2023,
    ("share_gas", 2021): (
        "model 8.3 % vs NBS 8.9 %: gas use in each sector follows the 2020 fuel split and the "
        "levers, which have no 2021-2023 statistics for gas; only primary energy and the 2024 coal "
        "share are calibrated"
    ),
}


def model_value(v: dict[str, np.ndarray], indicator: str, year: int) -> float:
    i = year - 2020

    def x(name: str) -> float:
        return float(v[name][0, i])

    pe = x("Primary Energy")
    if indicator == "primary_energy":
        return pe / TCE_TO_EJ
    if indicator.startswith("share_"):
        fuel = {"coal": "Coal", "oil": "Oil", "gas": "Gas", "nonfossil": "Non-Fossil"}
        key = indicator.removeprefix("share_")
        if key == "clean":
            return 100 * (x("Primary Energy|Gas") + x("Primary Energy|Non-Fossil")) / pe
        return 100 * x(f"Primary Energy|{fuel[key]}") / pe
    if indicator.startswith("generation_"):
        key = indicator.removeprefix("generation_")
        if key == "total":
            return x("Secondary Energy|Electricity") / TWH
        if key == "wind_solar":
            w = x("Secondary Energy|Electricity|Wind")
            return (w + x("Secondary Energy|Electricity|Solar")) / TWH
        return x(f"Secondary Energy|Electricity|{key.title()}") / TWH
    if indicator.startswith("capacity_"):
        return x(f"Capacity|Electricity|{indicator.removeprefix('capacity_').title()}")
    if indicator == "co2_fossil_and_cement":
        return x("Emissions|CO2|Energy and Industrial Processes")
    raise KeyError(indicator)


@pytest.fixture(scope="module")
def variables():
    return model.run(scenario.complete(preset="current-policies")).variables


def test_every_row_has_a_source_and_a_justified_tolerance():
    assert len(ROWS) >= 40
    for row in ROWS:
        assert 2020 <= int(row["year"]) <= 2024
        assert row["source"].strip() and row["unit"].strip()
        if float(row["tolerance"]) != 2:
            assert "tolerance" in row["source"], row  # the source says why


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            r,
            id=f"{r['indicator']}-{r['year']}",
            marks=[
                pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(r["indicator"], int(r["year"]))])
            ]
            if (r["indicator"], int(r["year"])) in KNOWN_GAPS
            else [],
        )
        for r in ROWS
    ],
)
def test_history_row(variables, row):
    value = model_value(variables, row["indicator"], int(row["year"]))
    assert value == pytest.approx(float(row["value"]), rel=float(row["tolerance"]) / 100)
