"""The dashboard's one cached API: the only module of the UI that calls ``st.cache_*`` or the
model. Pages read the session, call these functions and draw (a test checks that no other UI module
caches or runs the model).

Model runs are keyed by the lever tuple: ``functools.lru_cache`` hashes a tuple of 85 floats in
microseconds where ``st.cache_*`` spends milliseconds on its own hashing at every rerun. Results are
shared read-only between sessions, so the Compare page reuses the runs the Overview cached.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from pathways import compare as compare_core
from pathways import contributions, goalseek, lever_effects, model, scenario
from pathways.comparators import preset_comparators
from pathways.data import BaseData, list_regions
from pathways.export import iamc_wide, to_csv_text
from pathways.region import load_region
from pathways.result import Result
from pathways.store import Store

if TYPE_CHECKING:  # the uncertainty modules import scipy.stats and SALib (about a second):
    # imported when the uncertainty page first asks, not on every session's first run
    from pathways.ensemble import Ensemble
    from pathways.sensitivity import SobolIndices, Tornado

Items = tuple[tuple[str, float], ...]


# --- data, catalogue, presets ------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def regions() -> list[str]:
    return list_regions()


@st.cache_resource(show_spinner=False)
def base_data(region: str) -> BaseData:
    return load_region(region)


@st.cache_resource(show_spinner=False)
def lever_catalogue() -> dict[str, scenario.Lever]:
    return scenario.catalogue()


@st.cache_resource(show_spinner=False)
def preset_levers(preset: str, region: str = "china") -> dict[str, float]:
    """A preset's complete levers for ``region`` (a national preset carried to a province)."""
    return scenario.complete(preset=preset, region=region)


@st.cache_resource(show_spinner=False)
def comparators(preset: str) -> tuple:
    """The published numbers a preset reproduces (data/presets/<preset>.toml [[comparators]])."""
    return preset_comparators(preset)


@st.cache_data(show_spinner=False)
def _document(path: str, mtime: float) -> str:
    return Path(path).read_text(encoding="utf-8")


def document(path: Path) -> str | None:
    """A text file (docs), re-read when it changes on disk; None when missing."""
    if not path.is_file():
        return None
    return _document(str(path), path.stat().st_mtime)


# --- model runs ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _run(items: Items, region: str) -> Result:
    return model.run(dict(items), region=region, base=base_data(region))


def run(levers: dict[str, float], region: str) -> Result:
    """One scenario's result (cached by its lever values)."""
    return _run(tuple(levers.items()), region)


@functools.lru_cache(maxsize=64)
def _shapley(items: Items, base_items: Items, region: str) -> contributions.Contributions:
    return contributions.shapley(dict(items), dict(base_items), region, base=base_data(region))


def shapley(
    levers: dict[str, float], baseline: dict[str, float], region: str
) -> contributions.Contributions:
    """The reduction against ``baseline`` split by path (Shapley values, one batch run)."""
    return _shapley(tuple(levers.items()), tuple(baseline.items()), region)


@functools.lru_cache(maxsize=64)
def _zero_effects(
    items: Items, region: str, names: tuple[str, ...]
) -> dict[str, lever_effects.LeverEffect]:
    return lever_effects.zero_effects(
        dict(items), list(names), region=region, base=base_data(region)
    )


def zero_effects(
    levers: dict[str, float], region: str, names: tuple[str, ...]
) -> dict[str, lever_effects.LeverEffect]:
    """Among ``names`` (the sliders on screen), the levers whose one-step move leaves net CO2
    unchanged now, with the reason (one batch of len(names) + 1 runs)."""
    return _zero_effects(tuple(levers.items()), region, names)


@functools.lru_cache(maxsize=32)
def _results_csv(items: Items, region: str, name: str) -> str:
    return to_csv_text(iamc_wide(_run(items, region), name))


def results_csv(levers: dict[str, float], region: str, name: str) -> str:
    """The CSV that ``pathways run ... --out FILE`` writes for these levers and name."""
    return _results_csv(tuple(levers.items()), region, name)


def compare(entries: list[compare_core.Entry]) -> compare_core.Comparison:
    """Two to four scenarios side by side, from the same cached runs and splits as the other
    pages (the current-policies baseline, horizon 2060)."""

    def baseline(region: str) -> dict[str, float]:
        return preset_levers("current-policies", region)

    return compare_core.compare(entries, baseline=baseline, run=run, split=shapley)


# --- goal-seek (pathways.goalseek) -------------------------------------------------------------

_SOLVED: dict[tuple, goalseek.Solution] = {}


def solve(
    levers: dict[str, float],
    goals: list[goalseek.Goal],
    free: list[str],
    objective: str,
    region: str,
    progress=None,
) -> goalseek.Solution:
    """Lever settings that meet ``goals`` from ``levers`` (pathways.goalseek.solve), kept for the
    same question asked again (a rerun, another session); ``progress`` is called on a miss. A
    cancelled or interrupted solve is not kept."""
    key = (tuple(levers.items()), tuple(goals), tuple(free), objective, region)
    found = _SOLVED.get(key)
    if found is None:
        found = goalseek.solve(
            levers, goals, free, objective=objective, region=region, progress=progress
        )
        if found.status != "cancelled":
            if len(_SOLVED) >= 32:
                _SOLVED.clear()
            _SOLVED[key] = found
    return found


# --- the scenario library, one engine per URL and server process --------------------------------


@st.cache_resource(show_spinner=False)
def store(url: str) -> Store:
    return Store(url)


# --- the meeting pack (pathways.report), built when a download button is pressed ---------------

PackItems = tuple[tuple[str, Items, str, str | None, str | None], ...]


@functools.lru_cache(maxsize=16)
def _meeting_pack(fmt: str, lang: str, scenarios: PackItems) -> bytes:
    from pathways.report import PackScenario, build

    entries = [
        PackScenario(name, dict(items), region, preset, link)
        for name, items, region, preset, link in scenarios
    ]
    return build(entries, fmt, lang, run=run, split=shapley)


def meeting_pack(fmt: str, lang: str, scenarios) -> bytes:
    """The meeting pack (pptx, html or xlsx) of one to four :class:`pathways.report.PackScenario`,
    from the same cached runs and splits as the pages (cached by format, language and levers)."""
    key = tuple(
        (s.name, tuple(s.levers.items()), s.region, s.preset, s.share_link) for s in scenarios
    )
    return _meeting_pack(fmt, lang, key)


# --- uncertainty (pathways.ensemble, pathways.sensitivity) ----------------------------------------

FAN_SAMPLES = 1000  # the fan chart's Latin hypercube: chunk 0 of every larger seeded run
FAN_SEED = 1


@functools.lru_cache(maxsize=16)
def _ensemble(items: Items, region: str, samples: int) -> Ensemble:
    from pathways.ensemble import EnsembleSpec, run_ensemble

    spec = EnsembleSpec(levers=dict(items), region=region, samples=samples, seed=FAN_SEED)
    return run_ensemble(spec)


def ensemble(levers: dict[str, float], region: str, samples: int = FAN_SAMPLES) -> Ensemble:
    """The seeded ensemble of these levers under the region's uncertain inputs (cached)."""
    return _ensemble(tuple(levers.items()), region, samples)


def ensemble_with_progress(
    levers: dict[str, float], region: str, samples: int, progress
) -> Ensemble:
    """A larger seeded ensemble (e.g. 10,000 samples, on demand), calling ``progress(done,
    total)`` after each chunk; kept for :func:`large_ensemble` (the last few)."""
    from pathways.ensemble import EnsembleSpec, run_ensemble

    key = (tuple(levers.items()), region, samples)
    found = _LARGE.get(key)
    if found is None:
        spec = EnsembleSpec(levers=dict(levers), region=region, samples=samples, seed=FAN_SEED)
        found = run_ensemble(spec, progress=progress)
        _LARGE[key] = found
        while len(_LARGE) > 4:
            _LARGE.pop(next(iter(_LARGE)))
    return found


_LARGE: dict[tuple, Ensemble] = {}


def large_ensemble(levers: dict[str, float], region: str, samples: int) -> Ensemble | None:
    """A larger ensemble computed before by :func:`ensemble_with_progress`, or None."""
    return _LARGE.get((tuple(levers.items()), region, samples))


@functools.lru_cache(maxsize=32)
def _tornado(items: Items, region: str, indicator: str) -> Tornado:
    from pathways.ensemble import EnsembleSpec
    from pathways.sensitivity import tornado

    return tornado(EnsembleSpec(levers=dict(items), region=region), indicator)


def sensitivity_tornado(levers: dict[str, float], region: str, indicator: str) -> Tornado:
    """Each uncertain input and lever at its low and high end (one batch run, cached)."""
    return _tornado(tuple(levers.items()), region, indicator)


@functools.lru_cache(maxsize=16)
def _sobol(items: Items, region: str, indicator: str, base_samples: int) -> SobolIndices:
    from pathways.ensemble import EnsembleSpec
    from pathways.sensitivity import model_sobol

    spec = EnsembleSpec(levers=dict(items), region=region, seed=FAN_SEED)
    return model_sobol(spec, indicator, base_samples)


def sobol(
    levers: dict[str, float], region: str, indicator: str, base_samples: int = 256
) -> SobolIndices:
    """Sobol indices of ``indicator`` over the uncertain inputs (cached)."""
    return _sobol(tuple(levers.items()), region, indicator, base_samples)


def uncertain_inputs(region: str):
    """The region's uncertain inputs (data/<region>/uncertainty.csv), kept with its base data."""
    from pathways.ensemble import uncertainty_of

    return uncertainty_of(base_data(region))


@functools.lru_cache(maxsize=16)
def _ensemble_csv(items: Items, region: str, samples: int, name: str) -> str:
    from pathways.ensemble_table import ensemble_iamc

    found = _LARGE.get((items, region, samples)) or _ensemble(items, region, samples)
    return to_csv_text(ensemble_iamc(found, name))


def ensemble_csv(levers: dict[str, float], region: str, samples: int, name: str) -> str:
    """The quantile scenarios that ``pathways ensemble`` writes for these levers."""
    return _ensemble_csv(tuple(levers.items()), region, samples, name)
