"""The projection continues history: 2025 keeps the 2021-2024 momentum (docs/methods.md 1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pathways import calibration, model, scenario
from pathways.region import load_region
from pathways.timepaths import compound, history_then_target

QUANTITIES = {
    "primary energy": lambda r: r["Primary Energy"][0],
    "generation": lambda r: r["Secondary Energy|Electricity"][0],
    "wind+solar capacity": lambda r: (
        r["Capacity|Electricity|Wind"][0] + r["Capacity|Electricity|Solar"][0]
    ),
}


def growth_ratio_2025(series: np.ndarray, years: np.ndarray) -> float:
    """2025 year-on-year change over the mean change of 2021-2024."""
    change = dict(zip(years[1:].tolist(), np.diff(series), strict=True))
    return change[2025] / np.mean([change[y] for y in (2021, 2022, 2023, 2024)])


@pytest.mark.parametrize("preset", scenario.list_presets())
@pytest.mark.parametrize("quantity", list(QUANTITIES))
def test_2025_growth_within_half_and_one_and_a_half_of_2021_2024(preset, quantity, preset_results):
    r = preset_results[preset]
    ratio = growth_ratio_2025(QUANTITIES[quantity](r), r.years)
    assert 0.5 <= ratio <= 1.5, f"{preset}: {quantity} 2025 growth is {ratio:.2f}x 2021-2024"


def test_dual_carbon_does_not_peak_in_the_last_history_year(preset_results):
    assert preset_results["dual-carbon"].indicators["peak_year"][0] > 2024


def test_lever_path_leaves_2024_with_its_trend_and_meets_its_target():
    years = np.arange(2020, 2061)
    path = history_then_target(
        np.array([2020.0, 2024.0]),
        np.array([10.0, 18.0]),  # trend 2 per year
        np.array([58.0]),
        np.array([2034]),  # linear ramp: 4 per year
        years,
        half_life=2.0,
    )[0]
    assert path[4] == 18 and path[2] == pytest.approx(14)  # history untouched
    # 2025: ramp 22, trend 20, weight 2^-0.5 x (1 - 1/10)
    w = 2**-0.5 * 0.9
    assert path[5] == pytest.approx(22 + w * (20 - 22))
    assert path[14] == 58 and path[40] == 58  # target met in its year, flat after


def test_calibration_factor_keeps_a_fading_trend(base):
    years = np.arange(2020, 2061)
    h = base.s(calibration.HALF_LIFE_KEY)
    path = calibration.factor_path(1.2, years, base)[0]
    assert path[0] == 1 and path[4] == pytest.approx(1.2)  # calibrated years unchanged
    slope = 0.2 / 4
    assert path[5] == pytest.approx(1.2 + slope * h / math.log(2) * (1 - 2 ** (-1 / h)))
    assert path[-1] == pytest.approx(1.2 + slope * h / math.log(2), rel=1e-4)  # asymptote
    flat = calibration.factor_path(1.2, years, base, momentum=False)[0]
    assert flat[-1] == pytest.approx(1.2)


def test_intensity_rate_phases_in():
    years = np.arange(2020, 2031)
    factor = compound(np.array([2.0]), years, half_life=2.0)[0]
    assert factor[4] == 1
    assert factor[5] == pytest.approx(0.98 ** (1 - 2**-0.5))
    assert factor[6] == pytest.approx(0.98 ** ((1 - 2**-0.5) + (1 - 2**-1)))
    full = compound(np.array([2.0]), years)[0]
    assert np.all(factor[5:] > full[5:])  # slower at first than the full rate


def test_stacked_lever_paths_equal_the_one_lever_formula():
    """levers.py builds the paths of all target levers in one pass (issue 10 item 5); every path
    equals :func:`history_then_target` of that lever, for several samples with random targets
    and target years, with and without momentum."""
    from pathways import levers as levers_module
    from pathways.calibration import HALF_LIFE_KEY
    from pathways.levers import LeverSet
    from pathways.scenario import catalogue, lever_arrays

    base = load_region("china")
    years = model.year_axis(2060)
    rng = np.random.default_rng(7)
    arrays = lever_arrays({})
    for name, lever in catalogue().items():
        values = rng.uniform(lever.min, lever.max, 5)
        arrays[name] = np.round(values) if lever.kind == "year" else values
    model.evaluate(LeverSet(arrays, years), base, years)  # registers every base value
    lv = LeverSet(arrays, years).with_history(base.history, base.s(HALF_LIFE_KEY))
    known = levers_module._known(lv).base_values
    assert len(known) >= 30
    for name, base_value in known.items():
        lever = catalogue()[name]
        anchors = base.history.get(name, ((), ()))
        expected = history_then_target(
            np.array([2020, *anchors[0]], dtype=float),
            np.array([base_value, *anchors[1]], dtype=float),
            arrays[name],
            arrays[lever.pair],
            years,
            lever.ramp,
            lv.half_life if len(anchors[0]) else None,
        )
        np.testing.assert_allclose(lv.path(name, base_value), expected, rtol=1e-13, err_msg=name)
