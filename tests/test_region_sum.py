"""China as the sum of its 30 CEADs provinces plus one reconciliation term per additive variable
(pathways/region_sum.py, docs/methods.md section 16, issue 17 item 2)."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from pathways import region_sum
from pathways.variables import table


@pytest.fixture(scope="module")
def summed():
    return region_sum.run(preset="current-policies")


def test_the_provinces_summed_are_the_30_ceads_provinces(summed):
    _, runs, _ = summed
    assert len(runs) == 30 and "CN-NM" in runs and "CN-GD" in runs and "china" not in runs


def test_sum_of_provinces_plus_reconciliation_is_the_sum_region(summed):
    """For every additive variable and year: sum region = sum of the provincial runs (added up
    here, independently of the module) + the reconciliation term."""
    _, runs, result = summed
    total, recon = result.total.variables, result.reconciliation.variables
    assert total  # every additive variable the nation reports
    for name, values in total.items():
        provinces = np.add.reduce([run.variables[name] for run in runs.values()])
        np.testing.assert_allclose(values, provinces + recon[name], rtol=1e-12, atol=1e-9)
        assert values.shape == (1, result.total.years.size)


def test_the_base_year_term_of_energy_co2_is_the_ceads_gap(summed):
    """CEADs' national inventory 9.79 Gt against its 30 provinces' 10.86 Gt in 2019: the energy
    and cement CO2 term is that gap as a share of the provinces' sum, in 2020 and after."""
    national, provinces, gap = region_sum.ceads_gap()
    assert national == pytest.approx(9794.76)
    assert provinces == pytest.approx(10864.4, abs=0.1)
    assert gap == pytest.approx(9794.76 / 10864.41 - 1, rel=1e-5)  # -9.8 %
    _, _, result = summed
    for name in ("Emissions|CO2|Energy", "Emissions|CO2|Energy|Supply|Electricity"):
        assert result.terms[name].rule == "ceads"
        share = result.reconciliation.variables[name] / result.provincial_sum.variables[name]
        np.testing.assert_allclose(share, gap)
    assert result.terms["Emissions|CO2|Industrial Processes|Cement"].rule == "ceads"


def test_outside_ceads_the_base_year_is_the_nation_s(summed):
    """Population, GDP, primary energy: the term closes the base-year gap (Tibet, servicemen,
    statistics) and is held as a share of the provinces' sum."""
    nation, _, result = summed
    for name in ("Population", "GDP|MER", "Primary Energy", "Carbon Removal|Forestry"):
        assert result.terms[name].rule == "base-year share"
        assert result.total.variables[name][0, 0] == pytest.approx(nation.variables[name][0, 0])
        share = result.reconciliation.variables[name] / result.provincial_sum.variables[name]
        np.testing.assert_allclose(share, np.broadcast_to(share[:, :1], share.shape))  # held
    # the census: Tibet's 3.65 million and 2 million servicemen are the population term
    assert result.reconciliation.variables["Population"][0, 0] == pytest.approx(5.67, abs=0.05)
    # the nation has no net exports: the provinces' exports are reconciled away
    assert not result.total.variables["Trade|Secondary Energy|Electricity|Volume"].any()
    assert result.provincial_sum.variables["Trade|Secondary Energy|Electricity|Volume"].min() > 0


def test_every_aggregate_of_the_sum_region_is_the_sum_of_its_components(summed):
    """One share per family of variables: each aggregate is still the sum of its components, in
    every partition the variable table declares."""
    _, _, result = summed
    total = result.total.variables
    checked = 0
    for name, row in table().items():
        if name not in total:
            continue
        for partition in row.partitions:
            if all(c in total for c in partition):
                parts = np.add.reduce([total[c] for c in partition])
                np.testing.assert_allclose(total[name], parts, rtol=1e-9, atol=1e-6)
                checked += 1
    assert checked > 20


def test_non_additive_variables_are_not_summed_but_recomputed(summed):
    _, runs, result = summed
    shares = [n for n, row in table().items() if row.unit == "%"]
    assert shares and not any(n in result.total.variables for n in shares)
    assert not region_sum.is_additive("Diagnostics|Share|Electricity|Wind and Solar")
    assert region_sum.is_additive("Emissions|CO2") and region_sum.is_additive("Population")
    ratios = region_sum.ratios(result.total)
    share = ratios["Diagnostics|Share|Electricity|Wind and Solar"]
    v = result.total.variables
    expected = (
        100
        * (v["Secondary Energy|Electricity|Wind"] + v["Secondary Energy|Electricity|Solar"])
        / v["Secondary Energy|Electricity"]
    )
    np.testing.assert_allclose(share, expected)
    naive = sum(r.variables["Diagnostics|Share|Electricity|Wind and Solar"] for r in runs.values())
    assert np.all(naive > 100)  # what summing shares would give


def test_reconcile_refuses_what_cannot_be_summed(summed):
    nation, runs, _ = summed
    with pytest.raises(region_sum.RegionSumError, match="no provinces"):
        region_sum.reconcile(nation, {})
    short = next(iter(runs.values()))
    cut = type(short)(
        short.years[:-1], {k: v[:, :-1] for k, v in short.variables.items()}, short.units, {}
    )
    with pytest.raises(region_sum.RegionSumError, match="years differ"):
        region_sum.reconcile(nation, {"x": cut})


def test_cli_region_all_carries_the_sum_and_the_reconciliation(tmp_path):
    from pathways.cli import main

    out = tmp_path / "all.csv"
    assert main(["run", "--region", "all", "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    regions = list(dict.fromkeys(r["Region"] for r in rows))
    assert regions[0] == "China" and regions[-2:] == [
        "China (sum of provinces)",
        "China (reconciliation)",
    ]
    by = {(r["Region"], r["Variable"]): r for r in rows}
    provinces = regions[1:-2]
    assert len(provinces) == 30
    for year in ("2020", "2030", "2060"):
        parts = sum(float(by[(p, "Emissions|CO2|Energy")][year]) for p in provinces)
        parts += float(by[("China (reconciliation)", "Emissions|CO2|Energy")][year])
        total = float(by[("China (sum of provinces)", "Emissions|CO2|Energy")][year])
        assert total == pytest.approx(parts, rel=1e-5)


def test_readme_compares_the_sum_with_the_national_run(summed):
    """README's table of energy CO2 under current policies is the model's."""
    from pathways.data import DATA_DIR

    nation, _, result = summed
    text = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("**China as the sum of its provinces.**")
    rows = [
        line
        for line in text[start : text.index("\n## ", start)].splitlines()
        if line.startswith("| 20")
    ]
    assert len(rows) == 3
    name = "Emissions|CO2|Energy"
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        year = int(cells[0])
        n = nation.at(name, year)[0]
        total = result.total.at(name, year)[0]
        assert cells[1:5] == [
            f"{n:.0f}",
            f"{result.provincial_sum.at(name, year)[0]:.0f}",
            f"{result.reconciliation.at(name, year)[0]:.0f}",
            f"{total:.0f}",
        ]
        assert cells[5] == f"{100 * (total / n - 1):+.1f} %".replace("+-", "-")


def test_the_figure_draws_the_nation_the_sum_and_the_term(summed):
    from pathways.ui.compare_figures import sum_of_provinces

    nation, _, result = summed
    for lang, factor in (("en", 0.001), ("zh", 0.01)):
        fig = sum_of_provinces(nation, result, lang)
        national, provinces, total, term = fig.data
        name = "Emissions|CO2|Energy"
        np.testing.assert_allclose(national.y, nation.variables[name][0] * factor, atol=1e-4)
        np.testing.assert_allclose(
            provinces.y, result.provincial_sum.variables[name][0] * factor, atol=1e-4
        )
        np.testing.assert_allclose(total.y, result.total.variables[name][0] * factor, atol=1e-4)
        np.testing.assert_allclose(
            term.y, result.reconciliation.variables[name][0] * factor, atol=1e-4
        )
        assert min(term.y) < 0  # the provinces count more than the national inventory


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_compare_page_shows_the_sum_of_the_provinces(lang):
    from tests.conftest import open_app
    from tests.test_app import PAGES, clean

    at = open_app(lang=lang, preset="current-policies")
    at.switch_page(PAGES["compare"]).run()
    clean(at)
    charts = [c for c in at.get("plotly_chart") if c.proto.id and "cmp_sum" in c.proto.id]
    assert len(charts) == 1
    spec = charts[0].proto.spec
    from pathways.i18n import t

    assert t("sum_reconciliation", lang) in spec and t("sum_region", lang) in spec
    captions = " ".join(c.value for c in at.caption)
    assert "9,795" in captions and "10,864" in captions
