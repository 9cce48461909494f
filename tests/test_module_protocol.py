"""Modules that plug in (issue 10 item 3): a module declares its levers, needs and provided
variables and a compute; the core orders the modules by their needs and adds the emissions and
removals they report to net CO2. A toy module defined here plugs in without editing the core."""

from __future__ import annotations

import ast
import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from pathways import calibration, model, modules, variables
from pathways.levers import LeverSet
from pathways.modules import Module, ModuleError, ordered
from pathways.region import load_region
from pathways.scenario import catalogue, lever_arrays

ROOT = Path(__file__).resolve().parents[1]
TOY = "Carbon Removal|Enhanced Weathering"


def _toy_compute(inputs):
    # 1 Mt CO2/yr per unit of GDP index: needs the drivers' output, so it must run after them
    return {TOY: 1.0 * inputs["gdp_index"], "toy_internal": 2.0 * inputs["gdp_index"]}


TOY_MODULE = Module(
    name="toy weathering", compute=_toy_compute, needs=("gdp_index",), provides=(TOY,)
)


@pytest.fixture
def toy_table(tmp_path, monkeypatch):
    """data/variables.csv plus the toy's row, and the toy as a component of Carbon Removal."""
    path = tmp_path / "variables.csv"
    shutil.copy(variables.TABLE, path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["variable"] == "Carbon Removal":
            row["components"] += f";{TOY}"
    rows.append(
        dict(variable=TOY, unit="Mt CO2/yr", components="", label_en="Enhanced weathering",
             label_zh="增强风化", colour="#123456", iamc="yes")
    )  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=variables.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(variables, "TABLE", path)
    model._pipeline.cache_clear()
    yield path
    model._pipeline.cache_clear()


def test_a_toy_module_plugs_in_without_editing_the_core(toy_table):
    plain = model.run({})
    toy = model.run({}, extra_modules=(TOY_MODULE,))
    gdp_index = plain["GDP|MER"] / plain["GDP|MER"][:, :1]
    np.testing.assert_allclose(toy[TOY], gdp_index, rtol=1e-12)
    assert toy.units[TOY] == "Mt CO2/yr"
    assert "toy_internal" not in toy.variables  # not in the table: passed between modules only
    np.testing.assert_allclose(toy["Emissions|CO2"], plain["Emissions|CO2"] - toy[TOY], rtol=1e-9)
    np.testing.assert_allclose(toy["Carbon Removal"], plain["Carbon Removal"] + toy[TOY])
    np.testing.assert_allclose(toy["Emissions|CO2|Carbon Removal"], -toy["Carbon Removal"])
    for name, partitions in variables.aggregates().items():
        for components in partitions:
            total = sum(toy[c] for c in components)
            np.testing.assert_allclose(toy[name], total, rtol=1e-12, atol=1e-9, err_msg=name)


def test_modules_are_ordered_by_their_needs():
    late = Module("late", compute=lambda i: {"b": i["a"] + 1}, needs=("a",), provides=("b",))
    early = Module("early", compute=lambda i: {"a": np.ones((1, 3))}, provides=("a",))
    assert [m.name for m in ordered((late, early))] == ["early", "late"]
    quantities = modules.run(ordered((late, early)), None, None, np.arange(3), {})
    np.testing.assert_array_equal(quantities["b"], 2.0)
    with pytest.raises(ModuleError, match="no module provides"):
        ordered((late,))
    loop = Module("loop", compute=lambda i: {}, needs=("b",), provides=("a",))
    with pytest.raises(ModuleError, match="cycle"):
        ordered((late, loop))
    with pytest.raises(ModuleError, match="provided by"):
        ordered((early, Module("again", compute=lambda i: {}, provides=("a",))))


def test_restoration_runs_after_the_energy_accounting_and_storage_before():
    order = [m.name for m in model._pipeline(())[0]]
    assert order.index("mine pumped storage") < order.index("power and heat")
    assert order.index("drivers") < order.index("energy demand")
    assert order.index("energy demand") < order.index("power and heat")
    assert order.index("power and heat") < order.index("energy emissions")
    assert order.index("energy emissions") < order.index("restoration")


def test_every_reported_variable_is_declared_by_the_module_that_returns_it():
    """What a module returns with a row in data/variables.csv is in its ``provides``, so that
    ordering, the balance and the export see it; nothing is reported by two modules."""
    result, base = model.run({}), load_region("china")
    table = variables.table()
    order = model._pipeline(())[0]
    factors = calibration.demand_factors(base, model._calibration_run)
    levers = LeverSet(lever_arrays({}), result.years)
    q = modules.run(order, levers, base, result.years, {"demand_factors": factors})
    declared = {name for m in order for name in m.provides}
    returned = {name for name in q if name in table}
    assert returned <= declared
    assert set(result.variables) == {
        n for n in table if n in q or n in (model.NET, model.REMOVALS, model.REMOVALS_BRANCH)
    }


def test_declared_levers_exist_and_provided_variables_have_rows():
    table, levers = variables.table(), catalogue()
    for module in modules.discovered():
        assert set(module.levers) <= set(levers), module.name
        reported = [n for n in module.provides if n in table]
        assert reported or module.name == "mine pumped storage" or module.provides, module.name
    restoration = next(m for m in modules.discovered() if m.name == "restoration")
    assert set(restoration.provides) <= set(table)


def test_every_lever_is_declared_by_its_module():
    declared = {name for m in modules.discovered() for name in m.levers}
    assert declared == set(catalogue())
    for name, lever in catalogue().items():  # by the module its catalogue row names
        assert name in next(m for m in modules.discovered() if m.name == lever.module).levers


def test_data_loading_does_not_reach_up_into_modules():
    tree = ast.parse((ROOT / "pathways" / "data.py").read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("pathways")]


def test_module_names_are_not_listed_in_the_core():
    """model.py imports no module on the protocol and names none of their variables."""
    tree = ast.parse((ROOT / "pathways" / "model.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "pathways.modules"
        for alias in node.names
    }
    on_protocol = {m.name.replace(" ", "_") for m in modules.discovered()}
    assert {"drivers", "lifestyle", "efficiency", "energy_mix", "sinks"} <= on_protocol
    # energy_mix and sinks: still imported for two capture/biomass helpers and a constant
    assert not imported & {"drivers", "lifestyle", "efficiency", "restoration", "mine_data"}
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    code_strings = [text for text in strings if "\n" not in text]  # not docstrings
    assert not [text for text in code_strings if "Mine" in text or "mine" in text]


def test_the_model_runs_blas_on_one_thread():
    """pathways/_threads.py: the model's small matrix products (numpy's BLAS) run on one
    thread."""
    from threadpoolctl import threadpool_info

    model.run({})
    numpy_blas = [
        i for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]
    ]
    assert numpy_blas and all(i["num_threads"] == 1 for i in numpy_blas)
