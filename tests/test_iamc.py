"""IAMC that checks (issue 10 item 4): pyam reads the CLI's CSV, and every aggregate that
``data/variables.csv`` declares is the sum of each of its declared component sets."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from pathways import model, scenario, variables
from pathways.cli import main
from pathways.export import iamc_wide

pyam = pytest.importorskip("pyam")  # in the test extras (pyam-iamc 4.x)

PRESETS = ("current-policies", "dual-carbon", "accelerated")


@pytest.fixture(scope="module")
def cli_frames(tmp_path_factory):
    """Each preset's CLI CSV (``pathways run --preset P --out x.csv``) read by pyam."""
    frames = {}
    for preset in PRESETS:
        out = tmp_path_factory.mktemp("iamc") / f"{preset}.csv"
        assert main(["run", "--preset", preset, "--out", str(out)]) == 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames[preset] = (pyam.IamDataFrame(str(out)), pd.read_csv(out))
    return frames


@pytest.mark.parametrize("preset", PRESETS)
def test_check_aggregate_passes_for_every_declared_aggregate(preset, cli_frames):
    df, raw = cli_frames[preset]
    years = [c for c in raw.columns if c.isdigit()]
    values = raw.set_index("Variable")[years].astype(float)
    assert set(df.variable) == set(raw["Variable"])
    checked = 0
    for name, partitions in variables.aggregates().items():
        for components in partitions:
            # the CSV holds 6 significant digits: allow each component's rounding error, so a
            # net total near zero (net zero in 2060) is not failed by rounding alone
            atol = 1e-5 * float(values.loc[list(components)].abs().to_numpy().max())
            failed = df.check_aggregate(name, components=list(components), atol=atol)
            assert failed is None, f"{preset}: {name} != sum of {components}:\n{failed}"
            checked += 1
    assert checked >= 25


@pytest.mark.parametrize("preset", PRESETS)
def test_aggregates_add_up_exactly_in_the_result(preset, preset_results):
    """Before rounding, to 1e-9 relative of the largest component."""
    v = preset_results[preset].variables
    for name, partitions in variables.aggregates().items():
        for components in partitions:
            total = sum(v[c] for c in components)
            scale = max(float(np.abs(v[c]).max()) for c in components)
            np.testing.assert_allclose(v[name], total, rtol=0, atol=1e-9 * scale, err_msg=name)


def test_every_reported_variable_has_a_row_with_a_unit(preset_results):
    table = variables.table()
    for result in preset_results.values():
        for name in result.variables:
            assert name in table, f"{name} has no row in data/variables.csv"
            assert table[name].unit and result.units[name] == table[name].unit
    reported = set(preset_results["dual-carbon"].variables)
    assert set(table) == reported, "rows for variables no model reports"


def test_diagnostics_stay_in_the_result_not_in_the_export(preset_results):
    result = preset_results["dual-carbon"]
    diagnostics = [n for n in result.variables if n.startswith("Diagnostics|")]
    assert diagnostics
    exported = set(iamc_wide(result, "x")["Variable"])
    assert not any(n.startswith("Diagnostics|") for n in exported)
    assert exported == {n for n in result.variables if variables.table()[n].iamc}


def test_flows_and_stocks_not_mixed_under_one_parent():
    """Land|Mine|Restored is a stock (Mha); the flows have names of their own (Mha/yr)."""
    table = variables.table()
    for name, var in table.items():
        parent = name.rpartition("|")[0]
        if parent in table and table[parent].unit in ("Mha", "Mha/yr"):
            assert var.unit == table[parent].unit, name


def test_unit_of_unknown_variable_is_a_clear_error():
    with pytest.raises(variables.VariableError, match="no row"):
        model.unit_of("Emissions|CO2|Nonsense")


def test_capture_storage_has_beccs_and_dac_components(preset_results):
    v = preset_results["accelerated"].variables
    assert scenario.load_preset("accelerated")
    assert v["Carbon Capture|Storage|Biomass"].max() > 0
    np.testing.assert_array_equal(v["Carbon Capture|Storage|Biomass"], v["Carbon Removal|BECCS"])


def test_check_aggregate_does_fail_on_a_wrong_sum(cli_frames):
    """The check is not vacuous: sectors and carriers together double-count final energy."""
    df, _ = cli_frames["dual-carbon"]
    sectors, carriers = variables.aggregates()["Final Energy"]
    assert df.check_aggregate("Final Energy", components=[*sectors, *carriers]) is not None


def test_pyam_reads_the_long_format_too(tmp_path):
    out = tmp_path / "long.csv"
    assert main(["run", "--preset", "accelerated", "--format", "long", "--out", str(out)]) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = pyam.IamDataFrame(str(out))
    assert "Emissions|CO2" in df.variable and len(df.year) == 41
    assert df.check_aggregate("Primary Energy", components=None) is None


def test_renames_point_from_retired_names_to_current_rows():
    table, renames = variables.table(), variables.renamed()
    assert renames
    for old, new in renames.items():
        assert old not in table and new in table, (old, new)


def test_final_energy_carriers_are_the_iamc_carriers():
    """IAMC common definitions: Final Energy|<carrier> with Solids, Liquids, Gases, Electricity,
    Heat, Hydrogen; attributions are not under Emissions|CO2."""
    carriers = {
        n.split("|")[1]
        for n in variables.table()
        if n.count("|") == 1 and n.startswith("Final Energy|")
    }
    sectors = {"Industry", "Transportation", "Residential and Commercial", "Other Sector"}
    assert carriers - sectors == {"Solids", "Liquids", "Gases", "Electricity", "Heat", "Hydrogen"}
    assert not [n for n in variables.table() if n.startswith("Emissions|") and "Avoided" in n]
