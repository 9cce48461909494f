"""System cost: investment, operation, fuel and the cost of removals, from ``data/<region>/costs.csv``.

The pathway the other modules compute (capacities, capture, removals, fuel use, energy saved)
is priced with the unit costs of the data file (CNY of 2020; docs/methods.md, "Costs"):

* **investment** (billion CNY/yr) = unit cost(t) x gross additions(t) / 1000, where gross
  additions = max(K(t) - K(t-1), 0) + K(t-1) / lifetime (growth plus the replacement of retiring
  stock) of a stock K: GW of solar, wind, nuclear, hydro (generation / full-load hours), storage,
  grid (per kW of wind and solar), Mt CO2/yr of capture (by route: power, industry), BECCS and
  DAC, Mha/yr of new forest (area planted, no replacement), Mtce/yr of energy saved by
  efficiency (final energy x (1 / intensity factor - 1), intensity against 2024);
* a unit cost follows its anchor years (linear, flat beyond) and, where the file gives a
  learning rate LR, falls with the stock: c(t) = c0(t) x (K*(t) / K(2020))^log2(1 - LR), K* the
  largest stock so far;
* **operation and maintenance** = fixed O&M per kW of the power stock, plus per tonne: capture
  (by route), CO2 transport and storage (everything stored: capture, BECCS, DAC), BECCS and DAC
  operation, forest management (per tonne of extra sink over the existing-ecosystem path);
* **fuel** = primary coal, oil and gas (EJ) x price (CNY/GJ);
* **system cost** = investment + O&M + fuel + mine restoration (``Cost|Mine Restoration`` of
  the restoration module, priced there from ``mine_works.csv``), and its value discounted to
  2020 at the file's discount rate.

Indicators: ``system_cost_2020_2060`` (discounted, billion CNY) and ``investment_2020_2060``
(undiscounted, billion CNY). The cost per tonne avoided against a baseline needs two runs:
:func:`per_tonne_avoided`. A region without ``costs.csv`` reports no costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pathways.data import BaseData, DataError, Row, read_rows
from pathways.modules import Inputs, Module
from pathways.modules.power_system import EJ_PER_TWH

COST_FILE = "costs.csv"
BASE_YEAR = 2020
UNTIL = 2060  # the indicators sum costs up to this year

KW, KW_YR, T_YR, T = "CNY/kW", "CNY/kW/yr", "CNY/(t CO2/yr)", "CNY/t CO2"
LIFE, LEARN = ("lifetime", "yr"), ("learning_rate", "% per doubling")
POWER_STOCKS = ("solar", "wind", "nuclear", "hydro", "storage", "grid")
# (item, route) -> parameter -> (unit, required)
SPEC: dict[tuple[str, str], dict[str, tuple[str, bool]]] = {
    **{
        (item, "all"): {
            "investment": (KW, True),
            "fixed_om": (KW_YR, True),
            "lifetime": ("yr", True),
            "learning_rate": ("% per doubling", False),
            **({"full_load_hours": ("h", True)} if item == "hydro" else {}),
        }
        for item in POWER_STOCKS
    },
    ("ccus", "power"): {"investment": (T_YR, True), "variable": (T, True)},
    ("ccus", "industry"): {"investment": (T_YR, True), "variable": (T, True)},
    ("ccus", "transport_storage"): {"variable": (T, True)},
    ("ccus", "all"): {"lifetime": ("yr", True)},
    ("beccs", "all"): {"investment": (T_YR, True), "variable": (T, True), "lifetime": ("yr", True)},
    ("dac", "all"): {"investment": (T_YR, True), "variable": (T, True), "lifetime": ("yr", True)},
    ("efficiency", "all"): {"investment": ("CNY/(tce/yr)", True), "lifetime": ("yr", True)},
    ("afforestation", "all"): {"investment": ("CNY/ha", True)},
    ("forest_management", "all"): {"variable": (T, True)},
    ("coal", "all"): {"variable": ("CNY/GJ", True)},
    ("oil", "all"): {"variable": ("CNY/GJ", True)},
    ("gas", "all"): {"variable": ("CNY/GJ", True)},
    ("economy", "all"): {"discount_rate": ("%/yr", True)},
}
MONETARY = ("investment", "fixed_om", "variable")
CURRENCY = "CNY2020"
LIMITS = {"learning_rate": 100.0, "discount_rate": 100.0}  # exclusive upper bounds (%)
POSITIVE = ("lifetime", "full_load_hours")


@dataclass(frozen=True)
class CostData:
    """Validated rows of ``costs.csv``: (item, route, parameter) -> anchor years and values."""

    anchors: dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]]
    # (item, route, parameter, first year, number of years) -> read-only (1, Y) path: the paths
    # depend only on the data and the year axis, so each is interpolated once
    _paths: dict[tuple, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def has(self, item: str, route: str, parameter: str) -> bool:
        return (item, route, parameter) in self.anchors

    def path(self, item: str, route: str, parameter: str, years: np.ndarray) -> np.ndarray:
        """(1, Y) values on ``years`` (read-only): linear between anchor years, flat beyond."""
        key = (item, route, parameter, int(years[0]), len(years))
        found = self._paths.get(key)
        if found is None:
            anchor_years, values = self.anchors[(item, route, parameter)]
            found = np.interp(years, anchor_years, values)[None, :]
            found.flags.writeable = False
            self._paths[key] = found
        return found

    def value(self, item: str, route: str, parameter: str) -> float:
        """The value of a parameter with one row (lifetime, learning rate, discount rate ...)."""
        return float(self.anchors[(item, route, parameter)][1][0])

    @property
    def discount_rate(self) -> float:
        """%/yr."""
        return self.value("economy", "all", "discount_rate")


def read_costs(path: Path) -> tuple[CostData, list[Row]]:
    """Read and validate ``costs.csv``; a :class:`DataError` names the file, row and column of
    an unknown item, route or parameter, a wrong unit or currency, a bad year, a value out of
    range, a row given twice or a required parameter missing."""
    name = f"{path.parent.name}/{path.name}"
    rows = read_rows(path)
    grouped: dict[tuple[str, str, str], dict[int, float]] = {}
    for line, row in enumerate(rows, start=2):
        keys = row.keys
        missing = [c for c in ("item", "route", "parameter", "year", "currency") if c not in keys]
        if missing:
            raise DataError(f"{name}: missing column(s) {', '.join(missing)}")
        item, route, param = keys["item"], keys["route"], keys["parameter"]
        spec = SPEC.get((item, route))
        if spec is None:
            known = ", ".join(sorted({f"{i}/{r}" for i, r in SPEC}))
            raise DataError(
                f"{name}: row {line}, column 'item': unknown item/route '{item}/{route}' "
                f"(known: {known})"
            )
        if param not in spec:
            raise DataError(
                f"{name}: row {line}, column 'parameter': '{param}' is not a parameter of "
                f"{item}/{route} (allowed: {', '.join(spec)})"
            )
        unit = spec[param][0]
        if row.unit != unit:
            raise DataError(
                f"{name}: row {line}, column 'unit': '{row.unit}' for {item}/{route} {param}, "
                f"expected '{unit}'"
            )
        currency = CURRENCY if param in MONETARY else "none"
        if keys["currency"] != currency:
            raise DataError(
                f"{name}: row {line}, column 'currency': '{keys['currency']}', expected "
                f"'{currency}'"
            )
        try:
            year = int(keys["year"])
        except ValueError:
            raise DataError(
                f"{name}: row {line}, column 'year': '{keys['year']}' is not a whole year"
            ) from None
        if not 2000 <= year <= 2100:
            raise DataError(f"{name}: row {line}, column 'year': {year} is not in 2000-2100")
        if param in LIMITS and row.value >= LIMITS[param]:
            raise DataError(
                f"{name}: row {line}, column 'value': {row.value:g} {row.unit} is not below "
                f"{LIMITS[param]:g}"
            )
        if param in POSITIVE and row.value <= 0:
            raise DataError(f"{name}: row {line}, column 'value': {param} must be positive")
        anchors = grouped.setdefault((item, route, param), {})
        if year in anchors:
            raise DataError(f"{name}: row {line}: {item}/{route} {param} for {year} is given twice")
        if anchors and param not in MONETARY:
            raise DataError(
                f"{name}: row {line}: {item}/{route} {param} takes one row, not one per year"
            )
        anchors[year] = row.value
    for (item, route), spec in SPEC.items():
        for param, (_, required) in spec.items():
            if required and (item, route, param) not in grouped:
                raise DataError(f"{name}: no row for {item}/{route} {param}")
    data = CostData(
        {
            key: (np.array(sorted(v), dtype=float), np.array([v[y] for y in sorted(v)]))
            for key, v in grouped.items()
        }
    )
    return data, rows


def load(root: Path, base: BaseData) -> None:
    """``load_data`` of the module protocol: ``costs.csv`` of the region, when it has one."""
    path = root / COST_FILE
    if not path.is_file():
        return
    data, rows = read_costs(path)
    base.extra["costs"] = data
    base.rows.extend(rows)


def cost_data(base: BaseData) -> CostData | None:
    return base.extra.get("costs")


# --- equations -------------------------------------------------------------------------------


def gross_additions(stock: np.ndarray, lifetime: float | None) -> np.ndarray:
    """(S, Y) additions to a stock: growth max(K(t) - K(t-1), 0) plus replacement
    K(t-1) / lifetime (none without a lifetime). The first year takes the second year's growth
    (the year before the base year is not modelled) and replaces its own stock."""
    stock = np.asarray(stock, dtype=float)
    growth = np.empty_like(stock)
    growth[:, 1:] = stock[:, 1:] - stock[:, :-1]
    growth[:, 0] = growth[:, 1] if stock.shape[1] > 1 else 0.0
    out = np.maximum(growth, 0.0)
    if lifetime:
        previous = np.concatenate([stock[:, :1], stock[:, :-1]], axis=1)
        out = out + previous / lifetime
    return out


def learning_factor(stock: np.ndarray, rate_percent: float) -> np.ndarray:
    """(S, Y) multiplier of a unit cost with learning rate LR (% per doubling):
    (K*(t) / K(first))^log2(1 - LR/100), K* the largest stock up to t (cost never rises back
    when the stock shrinks); 1 without a first-year stock."""
    stock = np.asarray(stock, dtype=float)
    first = stock[:, :1]
    ratio = np.maximum.accumulate(stock, axis=1) / np.where(first > 0, first, np.inf)
    ratio = np.where(first > 0, np.maximum(ratio, 1.0), 1.0)
    return ratio ** np.log2(1.0 - rate_percent / 100.0)


def discount_factors(years: np.ndarray, rate_percent: float) -> np.ndarray:
    """(1, Y) factors (1 + r)^-(t - 2020)."""
    return (1.0 + rate_percent / 100.0) ** -(np.asarray(years, dtype=float)[None, :] - BASE_YEAR)


def _unit(data: CostData, item: str, route: str, param: str, years, stock=None) -> np.ndarray:
    cost = data.path(item, route, param, years)
    if stock is not None and data.has(item, route, "learning_rate"):
        cost = cost * learning_factor(stock, data.value(item, route, "learning_rate"))
    return cost


def _life(data: CostData, item: str, route: str = "all") -> float | None:
    return data.value(item, route, "lifetime") if data.has(item, route, "lifetime") else None


INVESTMENT_POWER = {
    "solar": "Solar",
    "wind": "Wind",
    "nuclear": "Nuclear",
    "hydro": "Hydro",
    "storage": "Storage",
    "grid": "Grid",
}
FUELS = ("Coal", "Oil", "Gas")
SECTORS = ("industry", "transport", "buildings", "other")


def power_stocks(q: Inputs, data: CostData) -> dict[str, np.ndarray]:
    """GW by power item: capacities, hydro from its generation, grid = wind + solar."""
    hours = data.value("hydro", "all", "full_load_hours")
    wind, solar = q["Capacity|Electricity|Wind"], q["Capacity|Electricity|Solar"]
    return {
        "solar": solar,
        "wind": wind,
        "nuclear": q["Capacity|Electricity|Nuclear"],
        "hydro": q["Secondary Energy|Electricity|Hydro"] / EJ_PER_TWH * 1000.0 / hours,
        "storage": q["Capacity|Electricity|Storage"],
        "grid": wind + solar,
    }


def energy_saved(q: Inputs) -> np.ndarray:
    """(S, Y) Mtce/yr of final energy saved by the efficiency levers: the final energy of each
    sector x (1 / intensity factor - 1) (the factor is 1 up to 2024)."""
    final = q["final_energy"]  # (carrier, sector, S, Y) Mtce
    sectors = q.base.sectors
    saved = 0.0
    for k, sector in enumerate(sectors):
        factor = q[f"intensity_{sector}"]
        saved = saved + final[:, k].sum(axis=0) * (1.0 / factor - 1.0)
    return saved


def compute(q: Inputs) -> dict[str, np.ndarray]:
    data = cost_data(q.base)
    if data is None:
        return {}
    years = q.years
    v: dict[str, np.ndarray] = {}
    # power: investment with learning, fixed O&M
    om_power = 0.0
    for item, stock in power_stocks(q, data).items():
        unit = _unit(data, item, "all", "investment", years, stock)
        add = gross_additions(stock, _life(data, item))
        v[f"Investment|Electricity|{INVESTMENT_POWER[item]}"] = unit * add / 1000.0
        om_power = om_power + stock * data.path(item, "all", "fixed_om", years) / 1000.0
    v["Investment|Electricity"] = sum(
        v[f"Investment|Electricity|{label}"] for label in INVESTMENT_POWER.values()
    )
    # capture by route, BECCS, DAC
    capacity, share = q["ccus_capacity"], q["ccus_power_share"]
    life = _life(data, "ccus")
    captured = {
        "power": q["Carbon Capture|Storage|Electricity"],
        "industry": q["Carbon Capture|Storage|Industry"],
    }
    om_capture = 0.0
    for route, label, stock in (
        ("power", "Electricity", capacity * share),
        ("industry", "Industry", capacity * (1.0 - share)),
    ):
        unit = data.path("ccus", route, "investment", years)
        v[f"Investment|Carbon Capture|{label}"] = unit * gross_additions(stock, life) / 1000.0
        om_capture = om_capture + captured[route] * data.path("ccus", route, "variable", years)
    v["Investment|Carbon Capture"] = (
        v["Investment|Carbon Capture|Electricity"] + v["Investment|Carbon Capture|Industry"]
    )
    beccs, dac = q["Carbon Removal|BECCS"], q["Carbon Removal|Direct Air Capture"]
    stored = captured["power"] + captured["industry"] + beccs + dac
    om_capture = om_capture + stored * data.path("ccus", "transport_storage", "variable", years)
    for item, label, stock, removed in (
        ("beccs", "BECCS", q["beccs"], beccs),
        ("dac", "Direct Air Capture", q["dac"], dac),
    ):
        unit = data.path(item, "all", "investment", years)
        v[f"Investment|Carbon Removal|{label}"] = (
            unit * gross_additions(stock, _life(data, item)) / 1000.0
        )
        om_capture = om_capture + removed * data.path(item, "all", "variable", years)
    # forests: planting (no replacement), management per extra tonne
    area = q["afforestation_area"]  # Mha/yr planted
    v["Investment|Carbon Removal|Afforestation"] = (
        area * data.path("afforestation", "all", "investment", years) / 1000.0
    )
    v["Investment|Carbon Removal"] = (
        v["Investment|Carbon Removal|BECCS"]
        + v["Investment|Carbon Removal|Direct Air Capture"]
        + v["Investment|Carbon Removal|Afforestation"]
    )
    extra_sink = np.maximum(
        q["forest_existing"] - q.base.series("existing_ecosystem_sink", years), 0.0
    )
    om_forest = extra_sink * data.path("forest_management", "all", "variable", years) / 1000.0
    # efficiency programmes
    saved = energy_saved(q)
    v["Investment|Energy Efficiency"] = (
        data.path("efficiency", "all", "investment", years)
        * gross_additions(saved, _life(data, "efficiency"))
        / 1000.0
    )
    v["Investment"] = (
        v["Investment|Electricity"]
        + v["Investment|Carbon Capture"]
        + v["Investment|Carbon Removal"]
        + v["Investment|Energy Efficiency"]
    )
    v["Cost|Operation and Maintenance|Electricity"] = om_power
    v["Cost|Operation and Maintenance|Carbon Management"] = om_capture / 1000.0
    v["Cost|Operation and Maintenance|Forest Management"] = om_forest
    v["Cost|Operation and Maintenance"] = om_power + om_capture / 1000.0 + om_forest
    for fuel in FUELS:  # EJ x CNY/GJ = billion CNY
        v[f"Cost|Fuel|{fuel}"] = q[f"Primary Energy|{fuel}"] * data.path(
            fuel.lower(), "all", "variable", years
        )
    v["Cost|Fuel"] = sum(v[f"Cost|Fuel|{fuel}"] for fuel in FUELS)
    total = v["Investment"] + v["Cost|Operation and Maintenance"] + v["Cost|Fuel"]
    mine = q.get("Cost|Mine Restoration")
    if mine is not None:
        total = total + mine
    v["Cost|System"] = total
    v["Discounted Cost|System"] = total * discount_factors(years, data.discount_rate)
    return v  # (1, Y) rows are broadcast to (S, Y) by the model (model._read_only)


def indicators(v: dict, years: np.ndarray, base) -> dict[str, np.ndarray]:
    if "Cost|System" not in v:
        return {}
    upto = years <= UNTIL
    return {
        "system_cost_2020_2060": v["Discounted Cost|System"][:, upto].sum(axis=1),
        "investment_2020_2060": v["Investment"][:, upto].sum(axis=1),
    }


INDICATOR_UNITS = {"system_cost_2020_2060": "billion CNY", "investment_2020_2060": "billion CNY"}


def discounted_total(result, rate_percent: float | None = None, until: int = UNTIL) -> np.ndarray:
    """(S,) system cost of a result summed over base year..``until``, discounted to 2020 at
    ``rate_percent`` (default: the data's rate, i.e. the ``system_cost_2020_2060`` indicator);
    billion CNY."""
    if rate_percent is None and until == UNTIL:
        return np.asarray(result.indicators["system_cost_2020_2060"], dtype=float)
    years = result.years
    cost = result["Cost|System"]
    if rate_percent is None:
        from pathways.region import load_region

        rate_percent = cost_data(load_region(result.region)).discount_rate
    upto = years <= until
    return (cost * discount_factors(years, rate_percent))[:, upto].sum(axis=1)


def per_tonne_avoided(result, baseline, rate_percent: float | None = None) -> np.ndarray:
    """(S,) CNY per t CO2 avoided against ``baseline`` (one sample, e.g. current policies):
    (discounted system cost - the baseline's) / (the baseline's cumulative net CO2 2020-2060 -
    this one's), billion CNY / Gt = CNY/t; NaN when less than 0.01 Gt is avoided."""
    cost = discounted_total(result, rate_percent) - discounted_total(baseline, rate_percent)
    avoided = (
        baseline.indicators["cumulative_2020_2060"] - result.indicators["cumulative_2020_2060"]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(avoided > 0.01, cost / np.where(avoided > 0.01, avoided, 1.0), np.nan)


NEEDS = (
    "Capacity|Electricity|Solar",
    "Capacity|Electricity|Wind",
    "Capacity|Electricity|Nuclear",
    "Capacity|Electricity|Storage",
    "Secondary Energy|Electricity|Hydro",
    "ccus_capacity",
    "ccus_power_share",
    "Carbon Capture|Storage|Electricity",
    "Carbon Capture|Storage|Industry",
    "Carbon Removal|BECCS",
    "Carbon Removal|Direct Air Capture",
    "beccs",
    "dac",
    "afforestation_area",
    "forest_existing",
    "final_energy",
    *(f"intensity_{sector}" for sector in SECTORS),
    *(f"Primary Energy|{fuel}" for fuel in FUELS),
)
PROVIDES = (
    *(f"Investment|Electricity|{label}" for label in INVESTMENT_POWER.values()),
    "Investment|Electricity",
    "Investment|Carbon Capture|Electricity",
    "Investment|Carbon Capture|Industry",
    "Investment|Carbon Capture",
    "Investment|Carbon Removal|BECCS",
    "Investment|Carbon Removal|Direct Air Capture",
    "Investment|Carbon Removal|Afforestation",
    "Investment|Carbon Removal",
    "Investment|Energy Efficiency",
    "Investment",
    "Cost|Operation and Maintenance|Electricity",
    "Cost|Operation and Maintenance|Carbon Management",
    "Cost|Operation and Maintenance|Forest Management",
    "Cost|Operation and Maintenance",
    *(f"Cost|Fuel|{fuel}" for fuel in FUELS),
    "Cost|Fuel",
    "Cost|System",
    "Discounted Cost|System",
)

MODULE = Module(
    name="costs",
    compute=compute,
    needs=NEEDS,
    optional=("Cost|Mine Restoration",),
    provides=PROVIDES,
    load_data=load,
    indicators=indicators,
)
