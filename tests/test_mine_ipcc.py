"""Mine revegetation carbon against IPCC Tier 1 (issue 11 item 5): the comparison table in
docs/methods.md (and methods.zh.md) repeats data/china/mine_ipcc_comparison.csv, whose model column
is what data/china/mine_carbon.csv gives, and every default marked adopted is the data's value."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from pathways.cohorts import chapman_richards
from pathways.modules import mine_data as md
from pathways.region import load_region

ROOT = Path(__file__).resolve().parents[1]
ROWS = list(csv.DictReader((ROOT / "data/china/mine_ipcc_comparison.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def data():
    return md.mine_data(load_region("china"))


def cells(row: dict[str, str]) -> list[tuple[int, int, int]]:
    """(zone, land use, approach) indices a comparison row covers ('all' = every value)."""

    def idx(value: str, allowed: tuple[str, ...]) -> list[int]:
        return list(range(len(allowed))) if value == "all" else [allowed.index(value)]

    return [
        (z, u, a)
        for z in idx(row["zone"], md.ZONES)
        for u in idx(row["landuse"], md.LANDUSES)
        for a in idx(row["approach"], md.APPROACHES)
    ]


def model_value(data, row: dict[str, str], cell: tuple[int, int, int]) -> float:
    z, u, a = cell

    def p(name: str) -> float:
        return float(data.params[name][1, z, u, a])

    quantity = row["quantity"]
    if quantity == "growth_20yr":
        b20 = chapman_richards(np.array([20.0]), p("cr_max"), p("cr_rate"), p("cr_shape"))[0]
        return float(b20) / 20
    if quantity == "cropland_biomass":
        return p("cr_max")
    return p(quantity)  # carbon_fraction, root_shoot, soil_years


@pytest.mark.parametrize("row", ROWS, ids=[" ".join(list(r.values())[:4]) for r in ROWS])
def test_model_column_is_what_the_data_gives(data, row):
    for cell in cells(row):
        assert model_value(data, row, cell) == pytest.approx(float(row["model"]), abs=0.006)


@pytest.mark.parametrize("row", ROWS, ids=[" ".join(list(r.values())[:4]) for r in ROWS])
def test_adopted_defaults_are_the_data(row):
    assert row["use"] in ("adopted", "departs")
    assert row["ipcc_source"].startswith("IPCC")
    model, ipcc = float(row["model"]), float(row["ipcc"])
    if row["use"] == "adopted":
        low = float(row["ipcc_low"] or ipcc)
        high = float(row["ipcc_high"] or ipcc)
        # the IPCC default itself, or (root-to-shoot) between the two biomass classes' values
        assert model == pytest.approx(ipcc, rel=0.02) or (
            row["quantity"] == "root_shoot" and low <= model <= high
        )
    else:
        assert row["reason"].strip()  # a departure names its reason and source


@pytest.mark.parametrize("doc", ["methods.md", "methods.zh.md"])
def test_methods_table_repeats_the_file(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "IPCC 20" in line and line.startswith("|")]
    table = [line for line in lines if line.count("|") == 8]
    assert len(table) == len(ROWS)
    for line, row in zip(table, ROWS, strict=True):
        cols = [c.strip() for c in line.strip("|").split("|")]
        rng = f" ({row['ipcc_low']}-{row['ipcc_high']})" if row["ipcc_low"] else ""
        assert cols[2] == row["model"], line
        assert cols[3] == row["ipcc"] + rng, line
        assert cols[4] == row["unit"] and cols[5] == row["ipcc_source"], line
        assert cols[6].startswith(
            ("adopted", "采用") if row["use"] == "adopted" else ("departs", "偏离")
        )
