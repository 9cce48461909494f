"""The command line: outputs, formats and one-line errors with exit status 2."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from pathways import model, scenario
from pathways.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pathways", *args], capture_output=True, text=True, timeout=60
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_run_writes_iamc_wide(tmp_path):
    out = tmp_path / "dual.csv"
    assert main(["run", "--preset", "dual-carbon", "--out", str(out)]) == 0
    rows = read_csv(out)
    header = list(rows[0].keys())
    assert header[:5] == ["Model", "Scenario", "Region", "Variable", "Unit"]
    assert header[5:] == [str(y) for y in range(2020, 2061)]
    by_var = {r["Variable"]: r for r in rows}
    expected = model.run(scenario.complete(preset="dual-carbon"))
    assert float(by_var["Emissions|CO2"]["2060"]) == pytest.approx(
        expected.at("Emissions|CO2", 2060)[0], rel=1e-5
    )
    assert by_var["Emissions|CO2"]["Unit"] == "Mt CO2/yr"
    assert by_var["Primary Energy"]["Unit"] == "EJ/yr"
    assert by_var["Capacity|Electricity|Wind"]["Unit"] == "GW"
    assert {r["Scenario"] for r in rows} == {"dual-carbon"} and rows[0]["Region"] == "China"


def test_run_long_format_and_set(tmp_path):
    out = tmp_path / "long.csv"
    code = main(["run", "--set", "nuclear_capacity=300", "--format", "long", "--out", str(out)])
    assert code == 0
    rows = read_csv(out)
    assert list(rows[0].keys()) == [
        "Model",
        "Scenario",
        "Region",
        "Variable",
        "Unit",
        "Year",
        "Value",
    ]
    cap = {
        int(r["Year"]): float(r["Value"])
        for r in rows
        if r["Variable"] == "Capacity|Electricity|Nuclear"
    }
    assert cap[2060] == pytest.approx(300)


def test_scenario_file_round_trip(tmp_path):
    levers = {"power_nonfossil_share": 88.0, "ccus_capacity": 700.0}
    path = tmp_path / "mine.toml"
    path.write_text(scenario.scenario_toml("My plan", "china", levers, "dual-carbon"))
    out = tmp_path / "mine.csv"
    assert main(["run", "--scenario", str(path), "--out", str(out)]) == 0
    rows = {r["Variable"]: r for r in read_csv(out)}
    expected = model.run(scenario.complete(levers, "dual-carbon"))
    assert rows["Emissions|CO2"]["Scenario"] == "My plan"
    assert float(rows["Emissions|CO2"]["2050"]) == pytest.approx(
        expected.at("Emissions|CO2", 2050)[0], rel=1e-5
    )


def test_module_and_console_script_behave_the_same(tmp_path):
    a = run_cli("levers", "--format", "csv")
    assert a.returncode == 0
    rows = list(csv.DictReader(io.StringIO(a.stdout)))
    assert {"name", "module", "unit", "min", "max", "default"} <= set(rows[0])
    assert len(rows) == len(scenario.catalogue())
    script = Path(sys.executable).with_name("pathways")
    if script.exists():
        b = subprocess.run(
            [str(script), "levers", "--format", "csv"], capture_output=True, text=True, timeout=60
        )
        assert b.stdout == a.stdout


def test_presets_command_lists_presets():
    out = run_cli("presets")
    assert out.returncode == 0
    for name in ("current-policies", "dual-carbon", "accelerated"):
        assert name in out.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--set", "warp_drive=1"], "unknown lever 'warp_drive'"),
        (
            ["--set", "nuclear_capacity=9000"],
            "'nuclear_capacity': 9000 is out of range; allowed: a number from 0 to 600 GW",
        ),
        (["--set", "nuclear_capacity=lots"], "'nuclear_capacity': 'lots' is not a number"),
        (["--set", "nuclear_capacity"], "expected LEVER=VALUE"),
        (["--preset", "utopia"], "unknown preset 'utopia'"),
        (["--region", "atlantis"], "unknown region 'atlantis'"),
        (["--set", "ccus_capacity_year=2040.5"], "not a whole year"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    result = run_cli("run", *args, "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("[levers\nnuclear = 1", "not valid TOML"),
        ("[scenario]\nname = 'x'\n", "no [levers] table"),
        ("[levers]\nnuclear_capacity = 'many'\n", "is not a number"),
        ("[levers]\nflux_capacitor = 1\n", "unknown lever 'flux_capacitor'"),
        ("[levers]\ndac = 5000\n", "out of range"),
        ("\udcff", "cannot be read"),  # UTF-16: refused by name
    ],
)
def test_broken_scenario_file_is_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "broken.toml"
    if content == "\udcff":
        path.write_bytes(b"\xff\xfe\x00garbage")
    else:
        path.write_text(content)
    result = run_cli("run", "--scenario", str(path), "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 2
    assert "broken.toml" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_scenario_file(tmp_path):
    result = run_cli("run", "--scenario", str(tmp_path / "nope.toml"), "--out", "x.csv")
    assert result.returncode == 2 and "not found" in result.stderr


# --- pathways solve (goal-seek) ---------------------------------------------------------------


def test_solve_writes_a_scenario_that_run_reads_and_that_meets_the_goal(tmp_path, capsys):
    from pathways import model, scenario
    from pathways.cli import main
    from pathways.goalseek import DEFAULT_FREE_10

    out = tmp_path / "solved.toml"
    free = ",".join(DEFAULT_FREE_10)
    code = main(
        [
            "solve",
            "--preset",
            "current-policies",
            "--net-zero-by",
            "2055",
            "--free",
            free,
            "--objective",
            "change",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "net zero CO2 by 2055" in err and "trillion CNY" in err
    file = scenario.read_scenario(out)
    assert file.preset == "current-policies" and set(file.levers) <= set(free.split(","))
    assert model.run(file.full_levers()).indicators["net_zero_year"][0] <= 2055
    csv = tmp_path / "solved.csv"
    assert main(["run", "--scenario", str(out), "--out", str(csv)]) == 0
    assert csv.read_text(encoding="utf-8").startswith("Model,Scenario,Region,Variable,Unit")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_solve_infeasible_exits_2_with_one_translated_line(tmp_path, capsys, monkeypatch, lang):
    from pathways.cli import main

    monkeypatch.setenv("PATHWAYS_LANG", lang)
    out = tmp_path / "x.toml"
    code = main(["solve", "--net-zero-by", "2030", "--free", "dac", "--out", str(out)])
    assert code == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(errors) == 1
    expected = {"en": "cannot be met", "zh": "无法实现目标"}[lang]
    assert expected in errors[0]
    assert not out.exists()


@pytest.mark.parametrize(
    "args, text",
    [
        (["--free", "dac"], "give at least one goal"),
        (["--net-zero-by", "2055", "--free", "dac,nope"], "unknown lever 'nope'"),
        (["--net-zero-by", "2099"], "goal year 2099"),
        (["--net-at-most", "2040"], "--net-at-most '2040': expected YEAR=VALUE"),
        (["--net-zero-by", "2055", "--bound", "dac=9:x"], "--bound 'dac=9:x'"),
        (["--net-zero-by", "2055", "--target", "nope"], "unknown target 'nope'"),
    ],
)
def test_solve_bad_input_exits_2_with_one_line(tmp_path, capsys, args, text):
    from pathways.cli import main

    code = main(["solve", *args, "--out", str(tmp_path / "x.toml")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and text in err[0], err
