"""Does a lever do anything in the current settings, and if not, why?

``lever_effect(levers, name)`` evaluates the lever set and the same set with ``name`` moved by
one slider step (down at the top of the range) in one batch call, and compares net CO2 in every
year. When the change is nil it names the reason as a code with parameters (the UI translates
the code; the core never formats a sentence):

* ``nuclear_within_target``: nuclear at or below the reference programme the non-fossil share
  target counts on; wind and solar make up the difference, so the share and CO2 do not move
  (params: ``reference_gw`` in the last year, ``capacity_gw``);
* ``grid_limit_not_binding``: storage (or mine pumped storage) adds nothing while wind and solar
  stay below the share the grid can take (params: ``wind_solar_share``, ``limit_share`` in %);
* ``capture_at_ceiling``: CCUS capacity beyond what the capturable point sources allow in the
  last year
  (params: ``captured``, ``capacity`` Mt CO2/yr in the last year);
* ``biomass_exhausted``: BECCS beyond the sustainable biomass supply (params: ``shortfall``);
* the target year of a lever: the reason of the lever it times (its ``lever`` field says which);
* ``split_only``: the solar share of wind + solar changes capacities, not CO2;
* ``no_effect``: none of the above recognised.

Pure numpy; no streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from pathways import model
from pathways.scenario import catalogue, complete

NET = "Emissions|CO2"
RELATIVE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class LeverEffect:
    lever: str
    zero: bool  # net CO2 unchanged in every year by one step of the lever
    change_2060: float  # Mt CO2/yr in the last year, for one step (signed, new - current)
    step: float  # the step tried (negative at the top of the range)
    reason: str | None = None  # a code (module docstring) when ``zero``
    params: dict[str, float] = field(default_factory=dict)


def lever_effect(
    levers: Mapping[str, float], name: str, region: str = "china", end_year: int = 2060, base=None
) -> LeverEffect:
    """The effect of one slider step of lever ``name`` on net CO2, with the reason when nil."""
    cat = catalogue()
    spec = cat[name]
    full = complete(dict(levers))
    value = float(full[name])
    step = spec.step if value + spec.step <= spec.max else -spec.step
    moved = dict(full) | {name: value + step}
    r = model.run([full, moved], region=region, end_year=end_year, base=base)
    net = r[NET]
    change = net[1] - net[0]
    scale = max(float(np.abs(net).max()), 1.0)
    zero = bool(np.all(np.abs(change) <= RELATIVE_TOLERANCE * scale))
    effect = LeverEffect(name, zero, float(change[-1]), float(step))
    if not zero:
        return effect
    reason, params = _reason(name, r)
    return LeverEffect(name, True, float(change[-1]), float(step), reason, params)


def zero_effects(
    levers: Mapping[str, float],
    names: list[str] | None = None,
    region: str = "china",
    end_year: int = 2060,
    base=None,
) -> dict[str, LeverEffect]:
    """The levers among ``names`` (default: all) whose one-step move leaves net CO2 unchanged in
    every year, each with its reason. One batch call: the lever set plus one moved copy per lever
    (about 10 ms for the 85 levers), so the dashboard can mark every slider on each rerun."""
    cat = catalogue()
    full = complete(dict(levers))
    names = list(cat) if names is None else names
    sets, steps = [full], []
    for name in names:
        spec = cat[name]
        value = float(full[name])
        step = spec.step if value + spec.step <= spec.max else -spec.step
        steps.append(step)
        sets.append(dict(full) | {name: value + step})
    r = model.run(sets, region=region, end_year=end_year, base=base)
    net = r[NET]
    scale = max(float(np.abs(net[0]).max()), 1.0)
    out = {}
    for i, name in enumerate(names, start=1):
        change = net[i] - net[0]
        if np.all(np.abs(change) <= RELATIVE_TOLERANCE * scale):
            reason, params = _reason(name, r)
            out[name] = LeverEffect(name, True, float(change[-1]), steps[i - 1], reason, params)
    return out


def _reason(name: str, r) -> tuple[str, dict[str, float]]:
    spec = catalogue()[name]
    if spec.kind == "year":
        name = spec.pair  # the year of a lever without effect: explain the lever
    v = r.variables
    if name == "nuclear_capacity":
        reference = v["Diagnostics|Capacity|Electricity|Nuclear|Reference"][0]
        capacity = v["Capacity|Electricity|Nuclear"][0]
        if np.all(capacity <= reference + 1e-9):
            return "nuclear_within_target", {
                "reference_gw": float(reference[-1]),
                "capacity_gw": float(capacity[-1]),
            }
    if name in ("storage_capacity", "mine_pumped_storage"):
        share = v["Diagnostics|Share|Electricity|Wind and Solar"][0]
        limit = v["Diagnostics|Share|Electricity|Wind and Solar|Grid Limit"][0]
        if np.all(share < limit - 1e-9):
            return "grid_limit_not_binding", {
                "wind_solar_share": float(share[-1]),
                "limit_share": float(limit[-1]),
            }
    if name in ("ccus_capacity", "ccus_power_share"):
        captured = (
            v["Carbon Capture|Storage|Electricity"][0] + v["Carbon Capture|Storage|Industry"][0]
        )
        ceiling = (
            v["Diagnostics|Carbon Capture|Ceiling|Electricity"][0]
            + v["Diagnostics|Carbon Capture|Ceiling|Industry"][0]
        )
        if np.isclose(captured[-1], ceiling[-1]):
            return "capture_at_ceiling", {
                "captured": float(captured[-1]),
                "capacity": float(v["Capacity|Carbon Capture"][0, -1]),
            }
    if name == "solar_share_of_wind_solar":
        return "split_only", {}
    if name == "beccs":
        shortfall = v["Diagnostics|Carbon Removal|BECCS|Shortfall"][0]
        if shortfall[-1] > 0:
            return "biomass_exhausted", {"shortfall": float(shortfall[-1])}
    return "no_effect", {}
