"""Goal-seek: the lever settings closest to the current ones (or the cheapest) that meet goals.

A planner's reverse question: "what would it take to reach net zero by 2055 from here?"
:func:`solve` takes a start (a complete lever set), goals, the levers it may move (each within
its catalogue range or tighter bounds) and an objective, and returns a :class:`Solution`: the
lever changes, each goal's value before and after, the discounted system cost, and the work
done (model calls, lever sets evaluated, seconds). Pure numpy/scipy; no streamlit.

Goals (:class:`Goal`), each a smooth inequality g(x) >= 0 on the model's output:

* ``net_zero_by`` year X: net CO2 in year X <= 0 (the net-zero year is the first year with
  net CO2 <= 0, so this is "net zero by X" without the discrete year);
* ``peak_by`` year Y: fossil CO2 in every year after Y <= its largest value up to Y (one
  inequality per year: the peak year is then Y or earlier);
* ``net_at_most``: net CO2 in a year <= Z Mt;
* ``cumulative_at_most``: net CO2 summed over 2020-2060 <= a budget (Gt);
* ``target``: a target of the official checklist (:data:`pathways.indicators.TARGETS`; the
  peak and neutrality targets become ``peak_by`` 2030 and ``net_zero_by`` 2060).

Objectives: ``change`` (default, needs no cost data): the least weighted change,
sum_i w_i ((x_i - x0_i) / (max_i - min_i))^2 over the free levers, normalised by each lever's
catalogue range; ``cost``: the least system cost discounted to 2020 over 2020-2060
(:mod:`pathways.modules.costs`), plus a small change term so that levers without a cost (e.g.
lifestyle) do not drift. The cost search is seeded with the least-change answer and returns it
if it finds nothing cheaper, so a least-cost answer is never dearer than the least-change one.

How, and why (measured with benchmarks/bench_solve.py ``--compare``; docs/methods.md
"Goal-seek"): the model evaluates (samples,) lever arrays in one call (300 lever sets cost about
ten single ones), is smooth almost everywhere but has kinks (the grid limit on wind and solar,
capture ceilings, the biomass cap, yearly additions that start or stop), and the goal
"net CO2 in 2055 <= 0" is far from the start and strongly curved (levers multiply each other).
``scipy.optimize.minimize(method="SLSQP")`` with one-call gradients oscillates across the kinks
and needs 500-800 model calls; its outcome depends on where the kinks fall (with 20 free
levers it ended short of the goal on two of the three versions of the model measured on
1 Dec 2026, and met it on the other with a slightly smaller change than the default);
``trust-constr`` had not converged after 200 iterations. So the solver is in two stages, for
robustness first:

1. ``scipy.optimize.differential_evolution(vectorized=True)``: a population of 10 x n lever
   sets per generation, each generation ONE model call, 50 generations, the goals as a penalty
   (the start, the "corner" where every lever is at the bound that helps the goals, and for
   the cost objective the least-change answer are members of the first generation, so the best
   found is never worse than they are). It finds the region of the optimum despite the kinks.
2. a trust-region SQP (:func:`_sqp`) from the best member: each iteration takes the one-sided
   secant slopes of every lever moving up and moving down over half the trust radius (one call
   of 2n lever sets; where a cap is reached or a limit binds a little further on, the two
   sides differ, and a slope over a tiny step would miss a plateau's edge), solves an elastic
   QP with those slopes by its dual for four trust radii at once, and evaluates the four steps
   in one call and their second-order corrections in another. It meets the goals to within a
   megatonne at a local optimum.

See docs/methods.md ("Goal-seek") and the README for the measured comparison and timings.

Phases: (0) goals already met at the start: the start is returned unchanged; (1) the two
stages on the least-change objective; (2) if that ends short of a goal, the trust-region SQP on
the feasibility problem (the shortfalls, penalised, with a small pull towards the start) either
finds a feasible point to restart the least-change SQP from, or shows the goals out of reach
with these levers: ``infeasible``, naming the goals not met and how close the levers get (levers
that do not help are put back); (3) for the cost objective, the two stages again on the cost,
seeded with the least-change answer, which is kept if nothing cheaper is found. Year levers are
solved as continuous and rounded to whole years at the end; other levers are rounded to a tenth
of their slider step when that keeps every goal met (checked in one batch call).

Progress and cancellation are cooperative: ``progress(Progress)`` is called after every
iteration and ``cancel()`` (a callable returning True to stop) is checked before every model
call; a cancelled solve returns status ``cancelled`` with the start levers.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from pathways.errors import LeverLabel, Message, PathwaysError
from pathways.indicators import FOSSIL, NET, TARGETS
from pathways.scenario import Lever, catalogue

GOAL_KINDS = ("net_zero_by", "peak_by", "net_at_most", "cumulative_at_most", "target")
OBJECTIVES = ("change", "cost")
COST_CHANGE_WEIGHT = 0.1  # change term of the cost objective (units: 0.1% of the start's cost)
FEASIBILITY_CHANGE_WEIGHT = 1e-3  # the feasibility problem's tie-break towards the start
MAX_ITERATIONS = 100
STEP = 1e-4  # forward-difference step in normalised lever units (fraction of the bounds)
MARGIN = 1e-3  # goals are solved with a slack of MARGIN x their scale, checked with none
TOLERATED = 0.5 * MARGIN  # the merit function counts shortfalls below this
PENALTY = {"change": 1e3, "feasibility": 1e3, "cost": 1e4}  # merit: f + PENALTY x shortfalls

# a typical set of free levers: energy mix, efficiency and sinks, no lifestyle or economy
DEFAULT_FREE_10 = (
    "power_nonfossil_share",
    "power_coal_share_of_fossil",
    "industry_electrification",
    "transport_electrification",
    "buildings_electrification",
    "industry_intensity_improvement",
    "ccus_capacity",
    "beccs",
    "dac",
    "afforestation_rate",
)
DEFAULT_FREE_20 = (
    *DEFAULT_FREE_10,
    "nuclear_capacity",
    "storage_capacity",
    "heat_low_carbon_share",
    "industry_hydrogen",
    "industry_coal_switch",
    "transport_hydrogen",
    "buildings_coal_switch",
    "clinker_ratio",
    "scrap_steel_share",
    "forest_management",
)


class GoalSeekError(PathwaysError, ValueError):
    """Bad input to the solver: ``key`` (code ``goalseek.<key>`` in the catalogue) and
    parameters."""

    domain = "goalseek"

    def render_params(self) -> dict[str, object]:
        from pathways.scenario import hint_params

        return hint_params(self.params)


class Cancelled(Exception):
    """Raised inside a solve when ``cancel()`` returns True (caught by :func:`solve`)."""


@dataclass(frozen=True)
class Goal:
    """One goal. ``kind`` in :data:`GOAL_KINDS`; ``year`` for net_zero_by, peak_by and
    net_at_most; ``value`` for net_at_most (Mt CO2/yr) and cumulative_at_most (Gt CO2);
    ``target`` (a key of :data:`pathways.indicators.TARGETS`) for target."""

    kind: str
    year: int | None = None
    value: float | None = None
    target: str | None = None

    def describe(self) -> dict[str, object]:
        """Code and parameters for the catalogue (``goal.<kind>``)."""
        return {"kind": self.kind, "year": self.year, "value": self.value, "target": self.target}


def goal_message(goal: Goal) -> Message:
    """A goal as a translatable message (catalogue ``goal.<kind>``)."""
    params: dict[str, object] = {"year": goal.year}
    if goal.kind == "target":
        params = {"target": Message(f"target.{goal.target}", {})}
    elif goal.kind in ("net_at_most", "cumulative_at_most"):
        params["value"] = f"{goal.value:g}"
    return Message(f"goal.{goal.kind}", params)


@dataclass(frozen=True)
class GoalCheck:
    """A goal at a lever set: the value it measures, the limit, and whether it is met.
    ``shortfall``: how far from the limit in the goal's unit (0 when met)."""

    goal: Goal
    value: float
    limit: float
    unit: str
    comparison: str  # "<=" or ">="
    met: bool

    @property
    def shortfall(self) -> float:
        if self.met or not math.isfinite(self.value):
            return 0.0 if self.met else math.inf
        return abs(self.value - self.limit)


@dataclass(frozen=True)
class Progress:
    """What a progress callback gets after each iteration."""

    phase: str  # "change", "feasibility" or "cost"
    iteration: int
    evaluations: int  # lever sets evaluated so far
    fraction: float  # a rough share of the work done, 0-1 (for a progress bar)


@dataclass
class Solution:
    """The answer of :func:`solve`. ``status``: ``solved``, ``already_met``, ``infeasible`` or
    ``cancelled``. ``levers``: the complete lever set (the start with ``changes`` applied;
    for infeasible, the best compromise found; for cancelled, the start). ``before``/``after``:
    each goal checked at the start and at ``levers``."""

    status: str
    objective: str
    start: dict[str, float]
    levers: dict[str, float]
    changes: dict[str, tuple[float, float]]
    before: list[GoalCheck]
    after: list[GoalCheck]
    cost_before: float | None  # discounted system cost 2020-2060, billion CNY
    cost_after: float | None
    calls: int  # model calls
    evaluations: int  # lever sets evaluated
    iterations: int
    seconds: float
    free: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.status in ("solved", "already_met")

    @property
    def unmet(self) -> list[GoalCheck]:
        return [g for g in self.after if not g.met]


# --- goals as inequalities -----------------------------------------------------------------


def _column(years: np.ndarray, year: int) -> int:
    return int(np.searchsorted(years, year))


@dataclass(frozen=True)
class _Row:
    """One inequality slack(result) >= 0 (S,), scaled by ``scale`` for the solver."""

    slack: Callable[[object], np.ndarray]
    scale: float


def _target(key: str):
    for t in TARGETS:
        if t.key == key:
            return t
    raise GoalSeekError("unknown_target", name=key, known=[t.key for t in TARGETS])


def normalise_goal(goal: Goal, years: np.ndarray) -> Goal:
    """Validate a goal (years within the horizon, values given); the peak and neutrality
    targets as their smooth goals."""
    first, last = int(years[0]), int(years[-1])
    if goal.kind not in GOAL_KINDS:
        raise GoalSeekError("unknown_goal", kind=goal.kind, known=list(GOAL_KINDS))
    if goal.kind == "target":
        target = _target(str(goal.target))
        if target.key == "peak":
            return Goal("peak_by", year=int(target.threshold))
        if target.key == "neutral":
            return Goal("net_zero_by", year=int(target.threshold))
        return goal
    if goal.kind in ("net_zero_by", "peak_by", "net_at_most") and (
        goal.year is None or not first < goal.year <= last
    ):
        raise GoalSeekError("goal_year", year=goal.year, first=first + 1, last=last)
    if goal.kind in ("net_at_most", "cumulative_at_most") and (
        goal.value is None or not math.isfinite(goal.value)
    ):
        raise GoalSeekError("goal_value", kind=goal.kind)
    return goal


def _rows(goal: Goal, years: np.ndarray) -> list[_Row]:
    if goal.kind == "net_zero_by":
        i = _column(years, goal.year)
        return [_Row(lambda r, i=i: -r[NET][:, i], 1000.0)]
    if goal.kind == "net_at_most":
        i, z = _column(years, goal.year), float(goal.value)
        return [_Row(lambda r, i=i, z=z: z - r[NET][:, i], 1000.0)]
    if goal.kind == "cumulative_at_most":
        budget = float(goal.value)
        return [_Row(lambda r, b=budget: b - r.indicators["cumulative_2020_2060"], 10.0)]
    if goal.kind == "peak_by":
        i = _column(years, goal.year)

        def slack(r, i=i, t=0):
            fossil = r[FOSSIL]
            return fossil[:, : i + 1].max(axis=1) - fossil[:, i + 1 + t]

        return [_Row(lambda r, i=i, t=t: slack(r, i, t), 1000.0) for t in range(len(years) - i - 1)]
    target = _target(str(goal.target))
    scale = {"%": 10.0, "GW": 1000.0}.get(_indicator_unit(target.indicator), 10.0)
    if target.comparison == "<=":
        return [_Row(lambda r, t=target: t.threshold - r.indicators[t.indicator], scale)]
    return [_Row(lambda r, t=target: r.indicators[t.indicator] - t.threshold, scale)]


def _indicator_unit(name: str) -> str:
    from pathways.indicators import INDICATOR_UNITS

    return INDICATOR_UNITS.get(name, "")


def check(goal: Goal, result, sample: int = 0) -> GoalCheck:
    """A goal at one sample of a result, with the discrete indicator where there is one (the
    net-zero and peak years)."""
    years = result.years
    ind = result.indicators
    if goal.kind == "net_zero_by":
        value = float(result[NET][sample, _column(years, goal.year)])
        year = float(ind["net_zero_year"][sample])
        met = math.isfinite(year) and year <= goal.year
        return GoalCheck(goal, value, 0.0, "Mt CO2/yr", "<=", met)
    if goal.kind == "peak_by":
        year = float(ind["peak_year"][sample])
        return GoalCheck(goal, year, float(goal.year), "year", "<=", year <= goal.year)
    if goal.kind == "net_at_most":
        value = float(result[NET][sample, _column(years, goal.year)])
        limit = float(goal.value)
        return GoalCheck(goal, value, limit, "Mt CO2/yr", "<=", value <= limit)
    if goal.kind == "cumulative_at_most":
        value = float(ind["cumulative_2020_2060"][sample])
        limit = float(goal.value)
        return GoalCheck(goal, value, limit, "Gt CO2", "<=", value <= limit)
    target = _target(str(goal.target))
    value = float(ind[target.indicator][sample])
    met = bool(target.passed({target.indicator: ind[target.indicator][sample : sample + 1]})[0])
    unit = _indicator_unit(target.indicator)
    return GoalCheck(goal, value, float(target.threshold), unit, target.comparison, met)


# --- the problem ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FreeLever:
    name: str
    low: float
    high: float
    range: float  # the catalogue range (normalises the change)
    weight: float = 1.0
    year: bool = False


def free_levers(
    names: Sequence[str],
    bounds: Mapping[str, tuple[float | None, float | None]] | None = None,
    weights: Mapping[str, float] | None = None,
    start: Mapping[str, float] | None = None,
) -> list[FreeLever]:
    """Validate the free levers and their bounds (within the catalogue range; a bound outside
    it, reversed, or excluding nothing is refused with a :class:`GoalSeekError`). The start
    value must lie within the bounds."""
    cat = catalogue()
    bounds, weights = bounds or {}, weights or {}
    out: list[FreeLever] = []
    seen: set[str] = set()
    for name in names:
        lever: Lever | None = cat.get(name)
        if lever is None:
            close = [n for n in cat if name and (name in n or n in name)][:3]
            raise GoalSeekError("unknown_lever", name=name, close=close)
        if name in seen:
            raise GoalSeekError("repeated_lever", name=name)
        seen.add(name)
        low, high = bounds.get(name, (None, None))
        low = lever.min if low is None else float(low)
        high = lever.max if high is None else float(high)
        if not lever.min <= low <= high <= lever.max or high - low <= 0:
            raise GoalSeekError(
                "bad_bounds",
                name=LeverLabel(name, with_name=True),
                low=f"{low:g}",
                high=f"{high:g}",
                min=f"{lever.min:g}",
                max=f"{lever.max:g}",
                unit=lever.unit,
            )
        if start is not None and not low <= start[name] <= high:
            raise GoalSeekError(
                "start_outside_bounds",
                name=LeverLabel(name, with_name=True),
                value=f"{start[name]:g}",
                low=f"{low:g}",
                high=f"{high:g}",
                unit=lever.unit,
            )
        weight = float(weights.get(name, 1.0))
        if not weight > 0 or not math.isfinite(weight):
            raise GoalSeekError("bad_weight", name=name)
        out.append(FreeLever(name, low, high, lever.max - lever.min, weight, lever.kind == "year"))
    if not out:
        raise GoalSeekError("no_free_levers")
    return out


class _Problem:
    """The model as a function of normalised free levers u in [0, 1]^n, with cached batch
    evaluations, the count of model calls and lever sets, and cooperative cancellation."""

    def __init__(
        self,
        start: dict[str, float],
        free: list[FreeLever],
        goals: list[Goal],
        objective: str,
        region: str,
        end_year: int,
        rate: float | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        from pathways import model
        from pathways.region import load_region

        self.model = model
        self.base = load_region(region)
        self.start, self.free, self.goals = start, free, goals
        self.objective, self.end_year, self.rate = objective, end_year, rate
        self.cancel = cancel
        self.low = np.array([f.low for f in free])
        self.span = np.array([f.high - f.low for f in free])
        self.x0 = np.array([start[f.name] for f in free])
        self.u0 = (self.x0 - self.low) / self.span
        self.norm = np.array([f.range for f in free]) / self.span  # u -> fraction of range
        self.weights = np.array([f.weight for f in free])
        self.calls = self.evaluations = 0
        self.years = model.year_axis(end_year)
        self.rows = [row for g in goals for row in _rows(g, self.years)]
        self.scales = np.array([row.scale for row in self.rows])
        self.cost0: float | None = None
        self._cache: dict[bytes, tuple[float, np.ndarray]] = {}
        self._grads: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}
        self._slopes: dict[bytes, tuple[np.ndarray, ...]] = {}

    # lever sets -----------------------------------------------------------------------
    def levers(self, u: np.ndarray) -> dict[str, float]:
        x = self.low + np.clip(u, 0.0, 1.0) * self.span
        return dict(self.start) | {f.name: float(v) for f, v in zip(self.free, x, strict=True)}

    def run(self, U: np.ndarray):
        """One model call for the rows of U (k, n)."""
        if self.cancel is not None and self.cancel():
            raise Cancelled
        U = np.atleast_2d(U)
        X = self.low + U * self.span
        arrays = {k: np.full(len(U), v) for k, v in self.start.items()}
        for j, f in enumerate(self.free):
            arrays[f.name] = X[:, j].copy()
        self.calls += 1
        self.evaluations += len(U)
        return self.model.run(arrays, end_year=self.end_year, base=self.base)

    # objective and slacks ---------------------------------------------------------------
    def _cost(self, result) -> np.ndarray:
        from pathways.modules import costs

        if "Cost|System" not in result.variables:
            raise GoalSeekError("no_cost_data", region=self.base.region)
        return costs.discounted_total(result, self.rate)

    def change(self, U: np.ndarray) -> np.ndarray:
        d = (np.atleast_2d(U) - self.u0) / self.norm
        return (self.weights * d * d).sum(axis=1)

    def values(self, U: np.ndarray, result) -> tuple[np.ndarray, np.ndarray]:
        """Objective (k,) and scaled slacks (k, m) of the rows of U from their result."""
        slacks = np.stack([row.slack(result) for row in self.rows], axis=1) / self.scales
        change = self.change(U)
        if self.objective == "cost":
            cost = self._cost(result)
            scale = 1e-3 * max(abs(self.cost0), 1.0)
            return (cost - self.cost0) / scale + COST_CHANGE_WEIGHT * change, slacks
        if self.objective == "feasibility":
            return FEASIBILITY_CHANGE_WEIGHT * change, slacks
        return change, slacks

    def evaluate(self, U: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Objective (k,) and scaled slacks (k, m) of the rows of U, in one model call; the
        points are cached for :meth:`point`."""
        result = self.run(U)
        F, G = self.values(U, result)
        for k in range(len(U)):
            self._cache[U[k].tobytes()] = (float(F[k]), G[k])
        return F, G

    def switch(self, objective: str) -> None:
        """Another objective: the cached values no longer hold."""
        self.objective = objective
        self._cache.clear()
        self._grads.clear()
        self._slopes.clear()

    def point(self, u: np.ndarray) -> tuple[float, np.ndarray]:
        key = u.tobytes()
        if key not in self._cache:
            result = self.run(u[None, :])
            f, g = self.values(u[None, :], result)
            self._cache[key] = (float(f[0]), g[0])
        return self._cache[key]

    def gradients(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Forward differences (backward at the upper bound) of the objective and slacks, from
        ONE model call of n lever sets."""
        key = u.tobytes()
        if key not in self._grads:
            f0, g0 = self.point(u)
            n = len(u)
            steps = np.where(u + STEP <= 1.0, STEP, -STEP)
            U = np.repeat(u[None, :], n, axis=0) + np.diag(steps)
            result = self.run(U)
            f, g = self.values(U, result)
            # the change term has an exact gradient
            exact = 2 * self.weights * (u - self.u0) / self.norm**2
            if self.objective == "change":
                df = exact
            elif self.objective == "feasibility":
                df = FEASIBILITY_CHANGE_WEIGHT * exact
            else:
                df = (f - f0) / steps
                df = df - COST_CHANGE_WEIGHT * (self.change(U) - self.change(u[None, :])) / steps
                df = df + COST_CHANGE_WEIGHT * exact
            dg = (g - g0) / steps[:, None]  # (n, m)
            self._grads[key] = (df, dg.T)
        return self._grads[key]

    def slopes(self, u: np.ndarray, step: float = STEP) -> tuple[np.ndarray, ...]:
        """One-sided secant slopes of the objective and slacks over ``step`` for a lever moving
        up and down: (df_up, df_down, J_up, J_down), from ONE model call of 2n lever sets (at a
        bound both sides take the slope inside the box). The model's kinks and plateaus (a cap
        reached, a limit that binds a little further on) make the two sides differ, and a
        slope over the trust region's scale sees them where a tiny step would not."""
        key = u.tobytes() + np.float64(step).tobytes()
        if key not in self._slopes:
            f0, g0 = self.point(u)
            n = len(u)
            up = np.where(u + step <= 1.0, step, -step)
            down = np.where(u - step >= 0.0, -step, step)
            U = np.vstack([u + np.diag(up), u + np.diag(down)])
            F, G = self.evaluate(U)
            exact = 2 * self.weights * (u - self.u0) / self.norm**2
            slopes = []
            for rows, steps in ((slice(0, n), up), (slice(n, 2 * n), down)):
                if self.objective == "change":
                    df = exact
                elif self.objective == "feasibility":
                    df = FEASIBILITY_CHANGE_WEIGHT * exact
                else:
                    change = self.change(U[rows]) - self.change(u[None, :])
                    df = (F[rows] - f0 - COST_CHANGE_WEIGHT * change) / steps
                    df = df + COST_CHANGE_WEIGHT * exact
                slopes.append((df, ((G[rows] - g0) / steps[:, None]).T))
            (df_up, J_up), (df_down, J_down) = slopes
            self._slopes[key] = (df_up, df_down, J_up, J_down)
        return self._slopes[key]


def _linear(d: np.ndarray, up: np.ndarray, down: np.ndarray) -> np.ndarray:
    """The one-sided linear model of a step d (..., n): slopes ``up`` where d > 0, ``down``
    where d < 0 (vectors (n,) or matrices (m, n))."""
    return np.maximum(d, 0.0) @ up.T + np.minimum(d, 0.0) @ down.T


def _qps(
    b: np.ndarray,
    c: tuple[np.ndarray, np.ndarray],
    g: np.ndarray,
    J: tuple[np.ndarray, np.ndarray],
    u: np.ndarray,
    penalty: float,
    radii: np.ndarray,
) -> np.ndarray:
    """Elastic QP steps for several trust radii at once (R, n): for radius r and goal values
    g[r] (R, m), min 1/2 d'diag(b)d + c(d) + penalty sum(s) subject to g + J(d) + s >= 0,
    s >= 0, |d| <= r and 0 <= u + d <= 1, where c(d) and J(d) take the slopes of a lever
    moving up where d_i > 0 and moving down where d_i < 0 (``c`` and ``J`` are (up, down)
    pairs). The slacks s let a step exist when the linearised goals cannot all be met: it then
    reduces the shortfalls. Solved by the dual: for multipliers l in [0, penalty]^m each lever
    takes the better of its two sides in closed form, and the dual's (super)gradient is
    -(g + J(d(l))); one goal row by bisection (g + J(d(l)) rises with l), several by
    accelerated projected gradient ascent. Pure numpy, vectorised over the radii."""
    c_up, c_down = c
    J_up, J_down = J
    radii = np.asarray(radii, dtype=float)[:, None]
    low, high = np.maximum(-u, -radii), np.minimum(1.0 - u, radii)  # (R, n), low <= 0 <= high
    g = np.broadcast_to(np.atleast_2d(g), (len(radii), J_up.shape[0]))

    def step(lam: np.ndarray) -> np.ndarray:  # (R, m) -> (R, n)
        s_up, s_down = c_up - lam @ J_up, c_down - lam @ J_down
        d_up = np.minimum(np.maximum(-s_up / b, 0.0), high)
        d_down = np.minimum(np.maximum(-s_down / b, low), 0.0)
        v_up = 0.5 * b * d_up * d_up + s_up * d_up
        v_down = 0.5 * b * d_down * d_down + s_down * d_down
        return np.where(v_up <= v_down, d_up, d_down)

    def constraint(d: np.ndarray) -> np.ndarray:  # (R, n) -> (R, m)
        return g + _linear(d, J_up, J_down)

    m = J_up.shape[0]
    if m == 1:
        lo, hi = np.zeros(len(radii)), np.full(len(radii), penalty)
        at_zero = constraint(step(lo[:, None]))[:, 0] >= 0
        at_max = constraint(step(hi[:, None]))[:, 0] <= 0
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            short = constraint(step(mid[:, None]))[:, 0] < 0
            lo, hi = np.where(short, mid, lo), np.where(short, hi, mid)
        lam = np.where(at_zero, 0.0, np.where(at_max, penalty, hi))
        return step(lam[:, None])
    scale = np.sqrt(b)
    lipschitz = max(
        float(np.linalg.norm(J_up / scale, 2)) ** 2,
        float(np.linalg.norm(J_down / scale, 2)) ** 2,
        1e-12,
    )
    lam = np.zeros((len(radii), m))
    y, t = lam, 1.0
    for _ in range(300):
        grad = -constraint(step(y))
        new = np.minimum(np.maximum(y + grad / lipschitz, 0.0), penalty)
        t_next = 0.5 * (1.0 + math.sqrt(1.0 + 4.0 * t * t))
        y = new + (t - 1.0) / t_next * (new - lam)
        if np.abs(new - lam).max() <= 1e-10 * max(penalty, 1.0):
            lam = new
            break
        lam, t = new, t_next
    return step(lam)


FRACTIONS = np.array([1.0, 0.5, 0.25, 0.1])  # trust radii tried at once (one model call)
MAX_RADIUS = 0.25  # at most a quarter of a lever's bounds per iteration


def _sqp(
    problem: _Problem,
    u0: np.ndarray,
    phase: str,
    report: Callable[[str, int, int], None],
    maxiter: int,
    radius: float,
) -> tuple[np.ndarray, int]:
    """A trust-region SQP on the batch model (module docstring). Each iteration takes the
    one-sided slopes of every free lever, up and down (one call of 2n lever sets: the model's
    kinks, a cap reached or a limit that starts to bind, make the two sides differ), solves the
    elastic QP for four trust radii, evaluates the four steps in one call and their
    second-order corrections (the QP again with the goals' values at the step, for the
    curvature the linearisation misses) in another, and keeps the largest step whose actual
    decrease of the merit f + M x (shortfalls) is at least a quarter of the predicted one.
    Returns the last point."""
    u = np.clip(u0, 0.0, 1.0)
    exact = 2 * problem.weights / problem.norm**2
    if problem.objective == "cost":
        B = COST_CHANGE_WEIGHT * exact + 1.0
    elif problem.objective == "feasibility":
        B = FEASIBILITY_CHANGE_WEIGHT * exact
    else:
        B = exact
    penalty = PENALTY[problem.objective]

    def merit(f: float, g: np.ndarray) -> float:
        # steps aim at MARGIN; a shortfall within half of it is not penalised, so that the
        # goals' curvature does not make every step along them look worse (Maratos effect)
        return f + penalty * float(np.maximum(0.0, TOLERATED - g).sum())

    stall = 0
    it = 0
    for it in range(1, maxiter + 1):
        f, g = problem.point(u)
        # secants over half the trust radius (at least the finite-difference step)
        df_up, df_down, J_up, J_down = problem.slopes(u, min(max(0.5 * radius, STEP), 0.05))
        c, J = (df_up, df_down), (J_up, J_down)
        phi0 = merit(f, g)
        radii = radius * FRACTIONS
        D = _qps(B, c, g - MARGIN, J, u, penalty, radii)
        U1 = np.clip(u + D, 0.0, 1.0)
        F1, G1 = problem.evaluate(U1)
        corrected = G1 - _linear(D, J_up, J_down) - MARGIN
        D2 = _qps(B, c, corrected, J, u, penalty, radii)
        U2 = np.clip(u + D2, 0.0, 1.0)
        F2, G2 = problem.evaluate(U2)
        U, F, G = np.vstack([U1, U2]), np.append(F1, F2), np.vstack([G1, G2])
        phis = np.array([merit(F[k], G[k]) for k in range(len(U))])
        steps = np.vstack([D, D])
        model = (
            f
            + _linear(steps, df_up, df_down)
            + 0.5 * (steps * steps) @ B
            + penalty * np.maximum(0.0, TOLERATED - g - _linear(steps, J_up, J_down)).sum(axis=1)
        )
        rho = (phi0 - phis) / np.maximum(phi0 - model, 1e-12)
        better = phis < phi0 - 1e-12
        order = [k for j in range(len(radii)) for k in (j, j + len(radii))]
        good = [k for k in order if better[k] and rho[k] >= 0.25]
        if not good and not better.any():
            radius *= 0.25
            report(phase, it, maxiter)
            if radius < 1e-6:
                break
            continue
        k = good[0] if good else int(np.argmin(np.where(better, phis, np.inf)))
        j = k % len(radii)
        step = float(np.abs(U[k] - u).max())
        u = U[k]
        if rho[k] > 0.75 and j == 0:
            radius = min(2 * radius, MAX_RADIUS)
        elif rho[k] > 0.25:
            radius = max(radii[j], 1e-6)
        else:
            radius = max(0.5 * radii[j], 1e-6)
        report(phase, it, maxiter)
        stall = stall + 1 if phi0 - phis[k] < STALL * (1.0 + abs(phi0)) else 0
        if stall >= 2 or step < 1e-6:
            break
    return u, it


STALL = 1e-5  # a run ends after two steps that improve the merit by less than this (relative)


def _quanta(problem: _Problem) -> np.ndarray:
    """The grid answers are rounded to: whole years, a tenth of other levers' slider step."""
    cat = catalogue()
    return np.array([1.0 if f.year else cat[f.name].step / 10 for f in problem.free])


def _rounded_candidates(problem: _Problem, u: np.ndarray) -> list[np.ndarray]:
    """Lever sets near ``u`` with whole target years and round values: nearest, then each
    lever rounded in the direction that helps the tightest goals, then only years rounded
    (helpfully). In lever units."""
    x = problem.low + u * problem.span
    df, dg = problem.gradients(u)
    slack = problem.point(u)[1]
    weight = np.exp(-np.maximum(slack, 0.0) / MARGIN)  # the binding goals count most
    helps = (weight[:, None] * dg).sum(axis=0) >= 0  # d slack / du >= 0: rounding up helps
    quanta = _quanta(problem)
    years = np.array([f.year for f in problem.free])
    nearest = np.round(x / quanta) * quanta
    helpful = np.where(helps, np.ceil(x / quanta - 1e-9), np.floor(x / quanta + 1e-9)) * quanta
    only_years = np.where(years, helpful, x)
    out = []
    for cand in (nearest, helpful, only_years):
        cand = np.clip(cand, problem.low, problem.low + problem.span)
        cand[years] = np.clip(
            cand[years], np.ceil(problem.low[years]), np.floor((problem.low + problem.span)[years])
        )
        out.append(cand)
    return out


def solve(
    start: Mapping[str, float],
    goals: Sequence[Goal],
    free: Sequence[str],
    objective: str = "change",
    bounds: Mapping[str, tuple[float | None, float | None]] | None = None,
    weights: Mapping[str, float] | None = None,
    region: str = "china",
    end_year: int = 2060,
    discount_rate: float | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    max_iterations: int = MAX_ITERATIONS,
    method: str = "trust-region",
) -> Solution:
    """Lever settings that meet ``goals``, moving only the ``free`` levers (module docstring).

    ``start``: a complete lever set (e.g. ``scenario.complete(preset=...)``). Bad input raises
    :class:`GoalSeekError`; goals that cannot be met give ``status == "infeasible"``.
    ``method``: ``trust-region`` (the default), or for comparison (benchmarks/bench_solve.py
    ``--compare``) ``slsqp`` or ``differential-evolution`` of scipy.optimize on the same batch
    model, without the feasibility analysis."""
    from pathways.scenario import complete

    t0 = time.perf_counter()
    if objective not in OBJECTIVES:
        raise GoalSeekError("unknown_objective", name=objective, known=list(OBJECTIVES))
    if method not in METHODS:
        raise GoalSeekError("unknown_method", name=method, known=list(METHODS))
    if not goals:
        raise GoalSeekError("no_goals")
    if discount_rate is not None and not 0 <= discount_rate < 100:
        raise GoalSeekError("bad_discount_rate", value=f"{discount_rate:g}")
    start = complete(dict(start))
    from pathways import model

    years = model.year_axis(end_year)
    goals = [normalise_goal(g, years) for g in goals]
    levers = free_levers(free, bounds, weights, start)
    problem = _Problem(start, levers, goals, objective, region, end_year, discount_rate, cancel)
    done = {"iterations": 0}
    expected = (GENERATIONS + 20.0) * (1 + (objective == "cost"))  # iterations, roughly

    def report(phase: str, iteration: int, maxiter: int) -> None:
        done["iterations"] += 1
        if progress is not None:
            fraction = min(done["iterations"] / expected, 0.99)
            progress(Progress(phase, done["iterations"], problem.evaluations, fraction))
        if cancel is not None and cancel():
            raise Cancelled

    def finish(status: str, u: np.ndarray | None, notes: list[str] | None = None) -> Solution:
        if u is None:
            final = dict(start)
        elif isinstance(u, dict):
            final = u
        else:  # a point of the solver: whole target years, values on a tenth of a step
            x = problem.low + np.clip(u, 0.0, 1.0) * problem.span
            quanta = _quanta(problem)
            x = np.clip(np.round(x / quanta) * quanta, problem.low, problem.low + problem.span)
            final = _as_levers(problem, x)
        result = problem.model.run([start, final], end_year=end_year, base=problem.base)
        problem.calls += 1
        problem.evaluations += 2
        cost = None
        if "Cost|System" in result.variables:
            from pathways.modules import costs

            cost = costs.discounted_total(result, discount_rate)
        changes = {
            f.name: (start[f.name], final[f.name]) for f in levers if final[f.name] != start[f.name]
        }
        return Solution(
            status=status,
            objective=objective,
            start=dict(start),
            levers=final,
            changes=changes,
            before=[check(g, result, 0) for g in goals],
            after=[check(g, result, 1) for g in goals],
            cost_before=None if cost is None else float(cost[0]),
            cost_after=None if cost is None else float(cost[1]),
            calls=problem.calls,
            evaluations=problem.evaluations,
            iterations=done["iterations"],
            seconds=time.perf_counter() - t0,
            free=tuple(f.name for f in levers),
            notes=notes or [],
        )

    try:
        if objective == "cost":
            problem.cost0 = float(problem._cost(problem.run(problem.u0[None, :]))[0])
        problem.switch("change")
        _, slack0 = problem.point(problem.u0)
        if slack0.min() >= 0 and all(
            c.met for c in _checks(problem, problem.levers(problem.u0), goals)
        ):
            return finish("already_met", None)
        if method != "trust-region":
            problem.switch(objective)
            u = _scipy(problem, method, report, max_iterations)
            if problem.point(u)[1].min() < 0:
                return finish("infeasible", u)
            return _rounded(problem, u, goals, finish)
        u = _global_then_local(problem, report, max_iterations, [problem.u0, _corner(problem)])
        if problem.point(u)[1].min() < 0:  # no feasible point found: the best compromise
            problem.switch("feasibility")
            u_f, _ = _sqp(problem, u, "feasibility", report, max_iterations, 0.25)
            if problem.point(u_f)[1].min() < 0:
                return finish("infeasible", _prune(problem, u_f))
            problem.switch("change")
            u, _ = _sqp(problem, u_f, "change", report, max_iterations, 0.05)
            if problem.point(u)[1].min() < 0:
                u = u_f
        if objective == "cost":
            # the least-change point seeds the search, so the answer is never dearer than it
            problem.switch("cost")
            u_cost = _global_then_local(problem, report, max_iterations, [u, problem.u0])
            f_change, _ = problem.point(u)
            f_cost, g_cost = problem.point(u_cost)
            if g_cost.min() >= 0 and f_cost < f_change:
                u = u_cost
        return _rounded(problem, u, goals, finish)
    except Cancelled:
        return finish("cancelled", None)


METHODS = ("trust-region", "slsqp", "differential-evolution")


def _scipy(problem: _Problem, method: str, report, maxiter: int) -> np.ndarray:
    """The comparison methods of scipy.optimize on the same objective, goals (with MARGIN) and
    batch model: SLSQP with the one-call forward-difference gradients, or differential
    evolution evaluating each generation in one model call (``vectorized=True``) with the goals
    as a penalty (polish off: its polish would evaluate lever sets one by one)."""
    from scipy.optimize import Bounds, differential_evolution, minimize

    n = len(problem.u0)
    state = {"it": 0}

    def callback(*_args, **_kwargs):
        state["it"] += 1
        report(method, state["it"], maxiter)

    if method == "slsqp":
        out = minimize(
            lambda u: problem.point(u)[0],
            problem.u0,
            jac=lambda u: problem.gradients(u)[0],
            method="SLSQP",
            bounds=Bounds(np.zeros(n), np.ones(n)),
            constraints=[
                {
                    "type": "ineq",
                    "fun": lambda u: problem.point(u)[1] - MARGIN,
                    "jac": lambda u: problem.gradients(u)[1],
                }
            ],
            options={"maxiter": maxiter, "ftol": 1e-7},
            callback=callback,
        )
        return np.clip(out.x, 0.0, 1.0)

    def penalised(columns: np.ndarray) -> np.ndarray:
        F, G = problem.evaluate(np.ascontiguousarray(columns.T))
        return F + 1e3 * np.maximum(0.0, MARGIN - G).sum(axis=1)

    out = differential_evolution(
        penalised,
        [(0.0, 1.0)] * n,
        x0=problem.u0,
        vectorized=True,
        updating="deferred",
        maxiter=maxiter,
        popsize=15,
        polish=False,
        seed=1,
        tol=1e-6,
        callback=callback,
    )
    return np.clip(out.x, 0.0, 1.0)


GENERATIONS = 50  # of the differential evolution (one model call each)
POPULATION = 10  # lever sets per free lever in each generation
POLISH_ITERATIONS = 40  # of the trust-region SQP after the evolution


def _global_then_local(
    problem: _Problem, report, maxiter: int, seeds: Sequence[np.ndarray]
) -> np.ndarray:
    """Differential evolution over the whole box (each generation one model call of 15 x n
    lever sets; the seeds are members of the first generation, so the best found is never
    worse than they are on the penalised objective), then the trust-region SQP from its best
    member to meet the goals precisely at a local optimum."""
    u = _evolve(problem, report, seeds)
    u, _ = _sqp(problem, u, problem.objective, report, min(maxiter, POLISH_ITERATIONS), 0.05)
    return u


def _evolve(problem: _Problem, report, seeds: Sequence[np.ndarray]) -> np.ndarray:
    from scipy.optimize import differential_evolution

    n = len(problem.u0)
    size = POPULATION * n
    rng = np.random.default_rng(1)
    # a Latin hypercube first generation (deterministic) with the seeds in front
    init = rng.permuted(np.tile(np.arange(size), (n, 1)), axis=1).T + rng.random((size, n))
    init = init / size
    for k, seed in enumerate(seeds[:size]):
        init[k] = np.clip(seed, 0.0, 1.0)
    state = {"it": 0}

    def penalised(columns: np.ndarray) -> np.ndarray:
        F, G = problem.evaluate(np.ascontiguousarray(columns.T))
        return F + PENALTY[problem.objective] * np.maximum(0.0, TOLERATED - G).sum(axis=1)

    def callback(*_args, **_kwargs):
        state["it"] += 1
        report(problem.objective, state["it"], GENERATIONS)

    out = differential_evolution(
        penalised,
        [(0.0, 1.0)] * n,
        init=init,
        vectorized=True,
        updating="deferred",
        maxiter=GENERATIONS,
        popsize=POPULATION,
        polish=False,
        seed=1,
        tol=1e-6,
        callback=callback,
    )
    return np.clip(out.x, 0.0, 1.0)


def _prune(problem: _Problem, u: np.ndarray) -> np.ndarray:
    """``u`` with every moved lever whose return to the start costs no goal anything (e.g.
    BECCS beyond the biomass supply) put back: all single returns in one call, then the
    combined return checked in another."""
    moved = np.flatnonzero(np.abs(u - problem.u0) > 1e-9)
    if not len(moved):
        return u
    base = problem.point(u)[1]
    U = np.repeat(u[None, :], len(moved), axis=0)
    U[np.arange(len(moved)), moved] = problem.u0[moved]
    _, slacks = problem.evaluate(U)
    back = moved[(slacks >= base - 1e-9).all(axis=1)]
    if not len(back):
        return u
    pruned = u.copy()
    pruned[back] = problem.u0[back]
    _, slacks = problem.evaluate(pruned[None, :])
    return pruned if (slacks[0] >= base - 1e-9).all() else u


def _corner(problem: _Problem) -> np.ndarray:
    """Every free lever at the bound that its effect on the goals (gradient at the start,
    summed over the scaled goals) favours; levers with no effect stay."""
    _, J = problem.gradients(problem.u0)
    total = J.sum(axis=0)
    return np.where(total > 0, 1.0, np.where(total < 0, 0.0, problem.u0))


def _checks(problem: _Problem, levers: dict[str, float], goals: list[Goal]) -> list[GoalCheck]:
    result = problem.model.run(levers, end_year=problem.end_year, base=problem.base)
    problem.calls += 1
    problem.evaluations += 1
    return [check(g, result) for g in goals]


def _rounded(problem: _Problem, u: np.ndarray, goals: list[Goal], finish) -> Solution:
    """The first rounded candidate that meets every goal (one model call for all), else the
    unrounded point with years rounded helpfully (status solved only if it meets the goals)."""
    candidates = _rounded_candidates(problem, u)
    U = np.array([(c - problem.low) / problem.span for c in candidates])
    result = problem.run(U)
    for k in range(len(candidates)):
        if all(check(g, result, k).met for g in goals):
            return finish("solved", _as_levers(problem, candidates[k]))
    levers = _as_levers(problem, candidates[-1])
    status = "solved" if all(c.met for c in _checks(problem, levers, goals)) else "infeasible"
    return finish(status, levers, ["rounding"] if status == "infeasible" else None)


def _as_levers(problem: _Problem, x: np.ndarray) -> dict[str, float]:
    out = dict(problem.start)
    for f, value in zip(problem.free, x, strict=True):
        value = float(f"{float(value):.12g}")  # no float noise from rounding to a grid
        # a value that rounds back to the start is the start (no change shown)
        if abs(value - problem.start[f.name]) <= 1e-9 * max(1.0, abs(value)):
            value = problem.start[f.name]
        out[f.name] = value
    return out


def targets() -> list[str]:
    """Keys of the checklist targets a goal can name."""
    return [t.key for t in TARGETS]
