"""Uncertain inputs, sampled data, ensembles and sensitivity (issue 14)."""

from __future__ import annotations

import dataclasses
import fnmatch
import shutil

import numpy as np
import pytest
from scipy import stats

from pathways import model, sampling, uncertain_inputs
from pathways.data import DATA_DIR, DataError, load_core
from pathways.ensemble import EnsembleSpec, run_ensemble, sampled_inputs, uncertainty_of
from pathways.levers import LeverSet
from pathways.region import load_region
from pathways.sampled_data import KEPT_EXTRAS, with_samples
from pathways.scenario import catalogue, lever_arrays, load_preset
from pathways.sensitivity import model_sobol, sobol_indices, tornado

NET = "Emissions|CO2"
DUAL = load_preset("dual-carbon").levers
# every removal route in use, so that each uncertain input has something to act on
ACTIVE = {**DUAL, "dac": 300.0, "beccs": 600.0}


@pytest.fixture(scope="module")
def base():
    b = load_region("china")
    model.calibrate(b)
    return b


@pytest.fixture(scope="module")
def uncertainty(base):
    return uncertainty_of(base)


@pytest.fixture(scope="module")
def years():
    return model.year_axis(2060)


# --- the data file ----------------------------------------------------------------------------


def test_every_uncertain_input_has_a_source_unit_and_a_valid_distribution(uncertainty):
    assert len(uncertainty.parameters) >= 20
    for p in uncertainty.parameters:
        assert p.source and p.unit and p.status in ("found", "derived", "verify"), p.name
        low, high = p.interval(0.9)
        assert low < p.central < high or p.central == pytest.approx(low), p.name
        if p.applies == "factor":
            assert low > 0, p.name
    assert np.allclose(uncertainty.correlation, uncertainty.correlation.T)
    assert np.linalg.eigvalsh(uncertainty.correlation).min() > 0


def _region_with(tmp_path, text: str, correlations: str | None = None):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR / "china", root / "china")
    (root / "china" / "uncertainty.csv").write_text(text, encoding="utf-8")
    if correlations is not None:
        (root / "china" / "uncertainty_correlations.csv").write_text(correlations, encoding="utf-8")
    else:
        (root / "china" / "uncertainty_correlations.csv").unlink(missing_ok=True)
    return load_core("china", root), root


HEADER = (
    "parameter,target,applies,distribution,low,mode,high,mean,sd,ramp_years,unit,"
    "label_en,label_zh,source,status\n"
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,scalar:nothing,factor,uniform,0.9,,1.1,,,,x,A,甲,s,found", "no scalar 'nothing'"),
        ("a,lever:nope_*,offset,uniform,-1,,1,,,,pp,A,甲,s,found", "no lever matches"),
        ("a,scalar:heat_pump_cop,offset,uniform,-1,,1,,,,x,A,甲,s,found", "only a lever"),
        ("a,scalar:heat_pump_cop,factor,beta,0.9,,1.1,,,,x,A,甲,s,found", "distribution must"),
        ("a,scalar:heat_pump_cop,factor,uniform,1.1,,0.9,,,,x,A,甲,s,found", "must be below"),
        ("a,scalar:heat_pump_cop,factor,triangular,0.9,1.2,1.1,,,,x,A,甲,s,found", "mode"),
        ("a,scalar:heat_pump_cop,factor,normal,,,,1,,,x,A,甲,s,found", "needs sd"),
        ("a,scalar:heat_pump_cop,factor,normal,,,,1,0.5,,x,A,甲,s,found", "below 0"),
        ("a,path:population,factor,uniform,0.9,,1.1,,,,x,A,甲,s,found", "ramp_years"),
        ("a,scalar:heat_pump_cop,factor,uniform,0.9,,abc,,,,x,A,甲,s,found", "not a number"),
        ("a,scalar:heat_pump_cop,factor,uniform,0.9,,1.1,,,,x,A,甲,,found", "'source'"),
        ("a,elsewhere:x,factor,uniform,0.9,,1.1,,,,x,A,甲,s,found", "target"),
    ],
)
def test_a_bad_row_is_refused_with_a_clear_message(tmp_path, row, message):
    core, root = _region_with(tmp_path, HEADER + row + "\n")
    with pytest.raises(DataError, match=message):
        uncertain_inputs.load(core, tuple(catalogue()), root)


def test_inconsistent_correlations_are_refused(tmp_path):
    rows = "".join(
        f"{n},scalar:{t},factor,uniform,0.9,,1.1,,,,x,A,甲,s,found\n"
        for n, t in (("a", "heat_pump_cop"), ("b", "electrolysis_efficiency"), ("c", "dac_heat"))
    )
    bad = (
        "parameter_a,parameter_b,rank_correlation,source,status\n"
        "a,b,0.9,s,found\nb,c,0.9,s,found\na,c,-0.9,s,found\n"
    )
    core, root = _region_with(tmp_path, HEADER + rows, bad)
    with pytest.raises(DataError, match="inconsistent"):
        uncertain_inputs.load(core, tuple(catalogue()), root)
    core, root = _region_with(
        tmp_path / "x",
        HEADER + rows,
        "parameter_a,parameter_b,rank_correlation,source,status\na,zz,0.5,s,found\n",
    )
    with pytest.raises(DataError, match="'zz' is not a parameter"):
        uncertain_inputs.load(core, tuple(catalogue()), root)


# --- sampled data equals the data changed by hand ---------------------------------------------


def _changed_by_hand(base, p, x, years):
    """(lever arrays (1,), base) with parameter ``p`` set to ``x`` the slow way."""
    arrays = lever_arrays(ACTIVE)
    b = dataclasses.replace(
        base,
        scalars=dict(base.scalars),
        emission_factors=dict(base.emission_factors),
        extra={k: base.extra[k] for k in KEPT_EXTRAS if k in base.extra},
    )
    cat = catalogue()
    if p.kind == "lever":
        for name in fnmatch.filter(cat, p.target):
            value = arrays[name] + x if p.applies == "offset" else arrays[name] * x
            arrays[name] = np.clip(value, cat[name].min, cat[name].max)
    elif p.kind == "scalar":
        b.scalars[p.target] = base.scalars[p.target] * x
    elif p.kind == "emission_factor":
        b.emission_factors[p.target] = base.emission_factors[p.target] * x
    else:
        ramp = np.clip((years - 2024) / p.ramp_years, 0, 1)
        b = with_samples(b, 1, series_factors={p.target: (1 + (x - 1) * ramp)[None, :]})
    return arrays, b


def test_each_input_sampled_in_a_batch_equals_the_data_changed_by_hand(base, uncertainty, years):
    """Every parameter at the ends of its 90 % interval, all in one batch, against one run per
    value with the data (or lever) changed by hand; and every parameter moves some variable."""
    d = len(uncertainty.parameters)
    values = np.tile(sampling.centrals(uncertainty), (2 * d, 1))
    for j, p in enumerate(uncertainty.parameters):
        values[2 * j, j], values[2 * j + 1, j] = p.interval(0.9)
    arrays, sampled = sampled_inputs(uncertainty, base, ACTIVE, years, values)
    batch = model.evaluate(LeverSet(arrays, years), sampled, years)
    for j, p in enumerate(uncertainty.parameters):
        runs = []
        for i in (2 * j, 2 * j + 1):
            one, by_hand = _changed_by_hand(base, p, values[i, j], years)
            runs.append(model.evaluate(LeverSet(one, years), by_hand, years))
            for name, expected in runs[-1].variables.items():
                np.testing.assert_allclose(
                    batch[name][i], expected[0], rtol=1e-9, atol=1e-9, err_msg=f"{p.name}: {name}"
                )
        moved = [n for n, v in runs[0].variables.items() if not np.allclose(v, runs[1][n])]
        assert moved, f"{p.name} changes no variable between its 5th and 95th percentile"


def test_a_higher_coal_emission_factor_never_lowers_emissions(base, years):
    arrays = {k: np.repeat(v, 3) for k, v in lever_arrays(DUAL).items()}
    coal = base.emission_factors["coal"] * np.array([0.9, 1.0, 1.1])
    result = model.evaluate(
        LeverSet(arrays, years), with_samples(base, 3, emission_factors={"coal": coal}), years
    )
    gross = result["Emissions|CO2|Energy and Industrial Processes"]
    assert np.all(np.diff(gross, axis=0) > 0)


def test_sampled_copies_leave_the_central_data_alone(base):
    before = dict(base.scalars), dict(base.emission_factors)
    with_samples(base, 2, scalars={"heat_pump_cop": np.array([2.0, 3.0])})
    assert (dict(base.scalars), dict(base.emission_factors)) == before
    assert base.series_factors == {}
    with pytest.raises(DataError, match="no value named 'nope'"):
        with_samples(base, 1, scalars={"nope": np.array([1.0])})


# --- the design ---------------------------------------------------------------------------------


def test_each_column_of_a_chunk_is_a_latin_hypercube(uncertainty):
    n = 500
    values = sampling.design_chunk(uncertainty, n, seed=4, index=0)
    for j, p in enumerate(uncertainty.parameters):
        strata = np.floor(p.frozen.cdf(values[:, j]) * n).astype(int)
        assert sorted(strata) == list(range(n)), p.name


def test_rank_correlations_follow_the_data(uncertainty):
    n = 2000
    values = sampling.design_chunk(uncertainty, n, seed=2, index=0)
    rho = stats.spearmanr(values).statistic
    target = uncertainty.correlation
    off = ~np.eye(len(target), dtype=bool)
    assert np.max(np.abs(rho[off] - target[off])) < 0.08


def test_the_design_is_seeded_and_chunks_nest(uncertainty):
    a = sampling.design_chunk(uncertainty, 300, seed=1, index=0)
    assert np.array_equal(a, sampling.design_chunk(uncertainty, 300, seed=1, index=0))
    assert not np.array_equal(a, sampling.design_chunk(uncertainty, 300, seed=2, index=0))
    assert sampling.chunk_sizes(2500, 1000) == [1000, 1000, 500]


# --- ensembles --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ensemble():
    return run_ensemble(EnsembleSpec(levers=DUAL, samples=1000, seed=1))


def test_quantiles_are_ordered_in_every_year(ensemble):
    for variable in ensemble.variables:
        bands = ensemble.quantiles(variable)
        assert np.all(np.diff(bands, axis=0) >= 0), variable
    net = ensemble.quantiles(NET)
    assert np.ptp(net[:, -1]) > 100  # the 2060 band is wide (Mt CO2/yr)


def test_collapsed_uncertainty_gives_the_deterministic_run():
    collapsed = run_ensemble(EnsembleSpec(levers=DUAL, samples=64, spread=0.0))
    deterministic = model.run(DUAL)
    for variable in collapsed.variables:
        bands = collapsed.quantiles(variable)
        assert np.all(bands == bands[:1]), variable
        np.testing.assert_allclose(bands[2], deterministic[variable][0], rtol=1e-6, atol=1e-3)
    assert collapsed.indicators["net_zero_year"][0] == deterministic.indicators["net_zero_year"][0]


def test_the_same_seed_gives_the_same_ensemble_and_chunks_nest(ensemble):
    again = run_ensemble(EnsembleSpec(levers=DUAL, samples=1000, seed=1))
    assert np.array_equal(again.variables[NET], ensemble.variables[NET])
    longer = run_ensemble(EnsembleSpec(levers=DUAL, samples=1500, seed=1))
    assert np.array_equal(longer.variables[NET][:1000], ensemble.variables[NET])
    other = run_ensemble(EnsembleSpec(levers=DUAL, samples=1000, seed=2))
    assert not np.array_equal(other.variables[NET], ensemble.variables[NET])


def test_probabilities_count_the_samples(ensemble):
    nz = ensemble.indicators["net_zero_year"]
    expected = np.sum(nz <= 2060) / nz.size
    assert ensemble.p_net_zero_by(2060) == pytest.approx(expected)
    assert 0 < ensemble.p_net_zero_by(2060) < 1
    assert ensemble.p_net_zero_by(2050) <= ensemble.p_net_zero_by(2055)


def test_a_lever_moves_the_band():
    low = run_ensemble(EnsembleSpec(levers={**DUAL, "ccus_capacity": 0}, samples=200))
    high = run_ensemble(EnsembleSpec(levers={**DUAL, "ccus_capacity": 2000}, samples=200))
    assert np.all(high.quantiles(NET)[:, -1] < low.quantiles(NET)[:, -1])


def test_progress_and_cancel():
    seen = []
    run_ensemble(
        EnsembleSpec(levers=DUAL, samples=300, chunk=100),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    from pathways.ensemble import Cancelled

    with pytest.raises(Cancelled):
        run_ensemble(EnsembleSpec(levers=DUAL, samples=300, chunk=100), cancel=lambda: True)


# --- sensitivity ------------------------------------------------------------------------------


def test_sobol_recovers_the_ishigami_indices():
    from SALib.test_functions import Ishigami

    def ishigami(u):
        return Ishigami.evaluate(-np.pi + 2 * np.pi * u)

    result = sobol_indices(("x1", "x2", "x3"), ishigami, base_samples=4096, seed=3)
    # analytic values for a = 7, b = 0.1 (Ishigami and Homma 1990)
    np.testing.assert_allclose(result.first, [0.3139, 0.4424, 0.0], atol=0.04)
    np.testing.assert_allclose(result.total, [0.5576, 0.4424, 0.2437], atol=0.04)
    assert result.evaluations == 4096 * 5


def test_model_sobol_indices_are_bounded_and_rank_like_the_tornado():
    spec = EnsembleSpec(levers=DUAL)
    result = model_sobol(spec, "cumulative_2020_2060", base_samples=256)
    assert np.all(result.total > -0.05) and np.all(result.total < 1.1)
    assert result.first.sum() < 1.1
    swings = {b.name: b.swing for b in tornado(spec, "cumulative_2020_2060").bars}
    top_sobol = result.names[result.ranking()[0]]
    top_tornado = max((n for n in result.names), key=lambda n: swings[n])
    assert top_sobol == top_tornado


def test_tornado_ends_are_model_runs(base, years):
    spec = EnsembleSpec(levers=DUAL)
    result = tornado(spec, "net_2060")
    deterministic = model.run(DUAL)
    assert result.central == pytest.approx(deterministic.indicators["net_2060"][0])
    bar = next(b for b in result.bars if b.name == "ccus_capacity")
    at_max = model.run({**DUAL, "ccus_capacity": catalogue()["ccus_capacity"].max})
    assert bar.at_high == pytest.approx(at_max.indicators["net_2060"][0])
    assert [b.swing for b in result.bars] == sorted((b.swing for b in result.bars), reverse=True)


# --- scale-out and the command line -------------------------------------------------------------


def test_a_dask_cluster_gives_the_local_numbers():
    distributed = pytest.importorskip("distributed")
    spec = EnsembleSpec(levers=DUAL, samples=2500, seed=7, chunk=1000)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_ensemble(spec, scheduler=client)
    local = run_ensemble(spec)
    assert np.array_equal(remote.values, local.values)
    for variable in local.variables:
        assert np.array_equal(remote.variables[variable], local.variables[variable]), variable
    for key in local.indicators:
        np.testing.assert_array_equal(remote.indicators[key], local.indicators[key])


def test_cli_ensemble_writes_quantile_scenarios_that_pyam_reads(tmp_path, capsys):
    pyam = pytest.importorskip("pyam")
    from pathways.cli import main

    out = tmp_path / "e.csv"
    assert main(["ensemble", "--preset", "dual-carbon", "--samples", "400", "--out", str(out)]) == 0
    frame = pyam.IamDataFrame(str(out))
    assert set(frame.scenario) == {
        f"dual-carbon|{q}" for q in ("p05", "p25", "p50", "p75", "p95", "mean")
    }
    net = frame.filter(variable=NET, year=2060).timeseries()
    by_scenario = dict(zip(net.index.get_level_values("scenario"), net.iloc[:, 0], strict=True))
    assert by_scenario["dual-carbon|p05"] < by_scenario["dual-carbon|p50"]
    assert by_scenario["dual-carbon|p50"] < by_scenario["dual-carbon|p95"]
    assert "P(net zero by 2060)" in capsys.readouterr().err


def test_cli_sensitivity_prints_and_writes_the_indices(tmp_path, capsys):
    from pathways.cli import main

    out = tmp_path / "s.csv"
    args = ["sensitivity", "--preset", "dual-carbon", "--samples", "128", "--out", str(out)]
    assert main(args) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "input,S1,S1_conf,ST,ST_conf"
    assert len(lines) == 1 + len(uncertainty_of(load_region("china")).parameters)
    assert "Sobol indices of cumulative_2020_2060" in capsys.readouterr().out
    args = ["sensitivity", "--method", "tornado", "--indicator", "net_zero_year", "--out", str(out)]
    assert main(args) == 0
    assert out.read_text().startswith("input,kind,low,high")


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (["ensemble", "--samples", "0", "--out", "x.csv"], "--samples 0: allowed", "允许范围"),
        (["sensitivity", "--samples", "300"], "power of 2", "2的幂"),
        (["sensitivity", "--indicator", "nope"], "--indicator nope: choose", "请从"),
        (["ensemble", "--variables", "Nope|X", "--out", "x.csv"], "unknown IAMC", "未知"),
    ],
)
def test_cli_bad_input_is_one_line_in_the_users_language(args, en, zh, capsys, monkeypatch):
    from pathways.cli import main

    for lang, expected in (("en", en), ("zh", zh)):
        monkeypatch.setenv("PATHWAYS_LANG", lang)
        assert main(args) == 2
        err = capsys.readouterr().err.strip()
        assert expected in err and "\n" not in err and "Traceback" not in err


def test_loading_the_region_validates_the_uncertain_inputs(tmp_path):
    bad = HEADER + "a,scalar:nothing,factor,uniform,0.9,,1.1,,,,x,A,甲,s,found\n"
    _, root = _region_with(tmp_path, bad)
    with pytest.raises(DataError, match="uncertainty.csv: row 2"):
        load_region("china", root)


def test_a_province_has_its_own_ensemble():
    spec = EnsembleSpec(levers=load_preset("current-policies").levers, region="CN-NM", samples=200)
    province = run_ensemble(spec)
    nation = run_ensemble(EnsembleSpec(levers=spec.levers, samples=200))
    assert province.spec.region == "CN-NM"
    net = province.quantiles(NET)
    assert np.all(np.diff(net, axis=0) >= 0)
    assert net[2, 0] < 0.2 * nation.quantiles(NET)[2, 0]  # a province, not the nation
