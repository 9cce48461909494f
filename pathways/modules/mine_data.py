"""Mine-restoration data: the taxonomy of the reference paper (climate zones, restoration grades,
land uses, natural vs artificial approaches) and the validated land, carbon and works figures of
``data/<region>/mine_land.csv``, ``mine_carbon.csv`` and ``mine_works.csv`` (low, central, high).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pathways.data import BaseData, DataError, Row, read_rows

ZONES = ("humid", "semi-arid", "cold-arid")
ZONE_LABELS = ("Humid", "Semi-Arid", "Cold-Arid")
GRADES = ("extremely-important", "important", "general")
GRADE_LABELS = ("Extremely Important", "Important", "General")
LANDUSES = ("forest", "shrub-grass", "cropland", "pv-grass", "wetland")
LANDUSE_LABELS = ("Forest", "Shrub and Grass", "Cropland", "PV with Grass", "Wetland")
APPROACHES = ("natural", "artificial")
# (approach, land use) cohort types. Cropland and PV are always built (artificial); PV last.
PAIRS = (
    ("natural", "forest"),
    ("natural", "shrub-grass"),
    ("natural", "wetland"),
    ("artificial", "forest"),
    ("artificial", "shrub-grass"),
    ("artificial", "cropland"),
    ("artificial", "wetland"),
    ("artificial", "pv-grass"),
)
PV_PAIR = len(PAIRS) - 1
ECOLOGICAL = ("forest", "shrub-grass", "wetland")  # the only uses in extremely important zones

CARBON_PARAMETERS = (
    "carbon_fraction",
    "cr_max",
    "cr_rate",
    "cr_shape",
    "root_shoot",
    "survival",
    "soil_rate",
    "soil_years",
    "soil_decline_rate",
    "soil_decline_years",
)
WORKS_PARAMETERS = (
    "ef_diesel",
    "ef_haulage",
    "ef_fertiliser_n",
    "diesel",
    "topsoil_haulage",
    "fertiliser_n",
    "cost",
)
LAND_SCALARS = (
    "backlog_legacy_2020",
    "backlog_producing_2020",
    "restored_share_2020",
    "restoration_rate_2021_2024",
    "new_damage_2020",
    "coal_share_of_new_damage",
    "mining_use_years",
    "producing_release_years",
    "operator_reclamation_share",
    "closure_lag_2020",
    "pv_land_per_gw",
    "pv_capacity_2020",
    "pumped_storage_2020",
)
SHARE_POOLS = ("legacy_share", "producing_share", "new_damage_share")
LAND_FILE, CARBON_FILE, WORKS_FILE = "mine_land.csv", "mine_carbon.csv", "mine_works.csv"


# --- data --------------------------------------------------------------------------------


@dataclass(eq=False)
class MineData:
    """Validated mine-restoration data. Every figure keeps (low, central, high); the model uses
    the central value. ``params[name]`` is (3, zone, land use, approach); ``shares[pool]`` is
    (3, grade, zone) as fractions; ``land[name]`` is (low, central, high) in the file's unit."""

    land: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    shares: dict[str, np.ndarray] = field(default_factory=dict)
    params: dict[str, np.ndarray] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def c(self, name: str) -> float:
        """Central value of a land/energy scalar."""
        return self.land[name][1]

    def p(self, name: str) -> np.ndarray:
        """Central (zone, land use, approach) array of a carbon or works parameter."""
        return self.params[name][1]


def _ranged(path: Path) -> list[tuple[Row, tuple[float, float, float], int]]:
    """Rows of a low/value/high file, validated: numbers, not negative, low <= value <= high."""
    rows = read_rows(path)
    name = f"{path.parent.name}/{path.name}"
    out = []
    for line, row in enumerate(rows, start=2):
        bounds = []
        for column in ("low", "high"):
            text = row.keys.get(column, "")
            try:
                number = float(text)
            except ValueError:
                raise DataError(
                    f"{name}: row {line}, column '{column}': '{text}' is not a number"
                ) from None
            if not np.isfinite(number) or number < 0:
                raise DataError(
                    f"{name}: row {line}, column '{column}': {text} is not a finite number >= 0"
                )
            bounds.append(number)
        low, high = bounds
        if not low <= row.value <= high:
            raise DataError(
                f"{name}: row {line}, column 'value': {row.value:g} outside low-high "
                f"{low:g}-{high:g}"
            )
        out.append((row, (low, row.value, high), line))
    return out


def _key(name: str, line: int, column: str, value: str, allowed: tuple[str, ...]) -> list[int]:
    if value == "all":
        return list(range(len(allowed)))
    if value not in allowed:
        raise DataError(
            f"{name}: row {line}, column '{column}': unknown '{value}' "
            f"(allowed: all, {', '.join(allowed)})"
        )
    return [allowed.index(value)]


def _cube(path: Path, parameters: tuple[str, ...]) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Expand rows keyed by parameter, zone, landuse, approach ('all' = every value) into
    (3, Z, U, A) arrays. Rows apply in file order, a later row overriding earlier ones on the
    cells it covers; every cell of every parameter must be covered."""
    name = f"{path.parent.name}/{path.name}"
    shape = (3, len(ZONES), len(LANDUSES), len(APPROACHES))
    cubes = {p: np.full(shape, np.nan) for p in parameters}
    units: dict[str, str] = {}
    for row, triple, line in _ranged(path):
        param = row.keys.get("parameter", "")
        if param not in cubes:
            raise DataError(f"{name}: row {line}, column 'parameter': unknown '{param}'")
        z = _key(name, line, "zone", row.keys.get("zone", ""), ZONES)
        u = _key(name, line, "landuse", row.keys.get("landuse", ""), LANDUSES)
        a = _key(name, line, "approach", row.keys.get("approach", ""), APPROACHES)
        cubes[param][np.ix_(range(3), z, u, a)] = np.array(triple)[:, None, None, None]
        units[param] = row.unit
    for param, cube in cubes.items():
        missing = np.argwhere(np.isnan(cube[1]))
        if missing.size:
            zi, ui, ai = missing[0]
            raise DataError(
                f"{name}: parameter '{param}' has no value for zone {ZONES[zi]}, "
                f"land use {LANDUSES[ui]}, approach {APPROACHES[ai]}"
            )
    return cubes, units


def load(root: Path, base: BaseData) -> None:
    """Data loader (the restoration module's ``load_data``): attaches :class:`MineData`
    to ``base.extra['restoration']`` when the region has mine data."""
    if not (root / LAND_FILE).is_file():
        return
    data = MineData()
    name = f"{root.name}/{LAND_FILE}"
    zone_share: dict[str, np.ndarray] = {p: np.full((3, len(ZONES)), np.nan) for p in SHARE_POOLS}
    grade_share: dict[str, np.ndarray] = {p: np.full((3, len(GRADES)), np.nan) for p in SHARE_POOLS}
    rows = _ranged(root / LAND_FILE)
    for row, triple, line in rows:
        item, zone, grade = row.keys.get("name", ""), row.keys.get("zone"), row.keys.get("grade")
        if item in SHARE_POOLS:
            if (zone == "all") == (grade == "all"):
                raise DataError(
                    f"{name}: row {line}: a share row needs either a zone or a grade (not both)"
                )
            if zone != "all":
                zone_share[item][:, _key(name, line, "zone", zone, ZONES)[0]] = triple
            else:
                grade_share[item][:, _key(name, line, "grade", grade, GRADES)[0]] = triple
        else:
            data.land[item] = triple
        data.units[item] = row.unit
    for item in LAND_SCALARS:
        if item not in data.land:
            raise DataError(f"{name}: no row named '{item}'")
    for pool in SHARE_POOLS:
        for label, table in (("zone", zone_share[pool]), ("grade", grade_share[pool])):
            if np.isnan(table[1]).any():
                raise DataError(f"{name}: '{pool}' lacks a {label} share")
            if abs(table[1].sum() - 100.0) > 0.5:
                raise DataError(
                    f"{name}: '{pool}' {label} shares add up to {table[1].sum():g}%, not 100%"
                )
        # grade x zone, assuming grades are distributed alike in every zone
        data.shares[pool] = grade_share[pool][:, :, None] * zone_share[pool][:, None, :] / 1e4
    data.params, units = _cube(root / CARBON_FILE, CARBON_PARAMETERS)
    works, works_units = _cube(root / WORKS_FILE, WORKS_PARAMETERS)
    data.params.update(works)
    data.units.update(units | works_units)
    for file in (LAND_FILE, CARBON_FILE, WORKS_FILE):
        base.rows.extend(row for row, _, _ in _ranged(root / file))
    base.extra["restoration"] = data


def mine_data(base: BaseData) -> MineData | None:
    return base.extra.get("restoration")  # type: ignore[return-value]
