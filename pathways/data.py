"""Load and validate the base data in ``data/``.

Every data file is a CSV whose rows carry ``value``, ``unit`` and ``source`` columns; any other
column (``name``, ``sector``, ``carrier``, ``year`` ...) is a key. Loading fails with a
:class:`DataError` naming the file, the row (1-based, header = row 1) and the column for a missing,
non-numeric or negative value, or a missing unit or source.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PROVINCES = "provinces"  # data/provinces/<ISO 3166-2 code>/: provincial regions (CN-NM, CN-SX ...)
REGIONS_FILE = "regions.csv"  # data/regions.csv: every region's names in English and Chinese
LEVER_DEFAULTS_FILE = "levers.csv"  # data/<region>/levers.csv: the region's own lever defaults
REQUIRED_COLUMNS = ("value", "unit", "source")
# The provincial base years reproduce this inventory (data/provinces/ceads_2019.csv); CEADs asks
# that it be cited wherever its numbers are shown or exported.
CEADS_CITATION = (
    "CEADs provincial CO2 inventories (Carbon Emission Accounts & Datasets): Guan, Y. et al. (2021) "
    "Assessment to China's recent emission pattern shifts, Earth's Future 9(11), e2021EF002241; "
    "Shan, Y. et al. (2020) China CO2 emission accounts 2016-2017, Scientific Data 7:54; "
    "Shan, Y. et al. (2018) China CO2 emission accounts 1997-2015, Scientific Data 5:170201; "
    "Shan, Y. et al. (2016) Applied Energy 184:742-750"
)


class DataError(ValueError):
    """A data file is missing, malformed or holds an invalid value."""


@dataclass(frozen=True)
class Row:
    """One validated data row: its keys, numeric value, unit and source."""

    keys: dict[str, str]
    value: float
    unit: str
    source: str
    status: str
    file: str


@dataclass
class BaseData:
    """Validated base data of one region.

    scalars: name -> value (units in :attr:`units`).
    final_energy: (sector, carrier) -> Mtce in the base year.
    paths: name -> (years, values) anchor points, interpolated by :meth:`path`.
    history: lever or driver name -> observed (years, values) after the base year (to 2024).
    emission_factors: carrier -> t CO2/tce.
    series_factors: path name -> (S, Y) multiplier of :meth:`series` (sampled uncertainty,
    :mod:`pathways.sampled_data`); empty for the central data.

    In a sampled copy (:func:`pathways.sampled_data.with_samples`) a scalar or an emission
    factor may be an (S, 1) array, one value per sample, instead of a float.
    """

    region: str
    scalars: dict[str, float] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    final_energy: dict[tuple[str, str], float] = field(default_factory=dict)
    paths: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    history: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    emission_factors: dict[str, float] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    series_factors: dict[str, np.ndarray] = field(default_factory=dict)
    lever_defaults: dict[str, float] = field(default_factory=dict)  # levers.csv (provinces)

    def s(self, name: str) -> float:
        """A scalar by name; a clear error if the data lacks it."""
        try:
            return self.scalars[name]
        except KeyError:
            raise DataError(f"data/{self.region}: no value named '{name}'") from None

    def path(self, name: str, years: np.ndarray) -> np.ndarray:
        """A baseline path interpolated linearly onto ``years``, flat beyond its last anchor."""
        try:
            anchor_years, values = self.paths[name]
        except KeyError:
            raise DataError(f"data/{self.region}/paths.csv: no path named '{name}'") from None
        return np.interp(years, anchor_years, values)

    def series(self, name: str, years: np.ndarray) -> np.ndarray:
        """:meth:`path` as a read-only (1, Y) row (interpolated once per year axis), or (S, Y)
        when the path is sampled (``series_factors``): the shape the modules compute with."""
        key = ("series", name, years.tobytes())
        row = self.extra.get(key)
        if row is None:  # kept on ``extra`` (a sampled copy starts without it), read-only
            row = self.path(name, years)[None, :]
            row.setflags(write=False)
            self.extra[key] = row
        factor = self.series_factors.get(name)
        return row if factor is None else row * factor

    @property
    def sectors(self) -> list[str]:
        return sorted({s for s, _ in self.final_energy}, key=SECTOR_ORDER.index)

    @property
    def carriers(self) -> list[str]:
        return sorted({c for _, c in self.final_energy}, key=CARRIER_ORDER.index)


SECTOR_ORDER = ["industry", "transport", "buildings", "other"]
CARRIER_ORDER = ["coal", "oil", "gas", "electricity", "heat", "hydrogen"]


def read_rows(path: Path, allow_negative: bool = False) -> list[Row]:
    """Read one data CSV and validate each row; raise :class:`DataError` on the first problem."""
    name = f"{path.parent.name}/{path.name}"
    if not path.is_file():
        raise DataError(f"{name}: file not found")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise DataError(f"{name}: missing column(s) {', '.join(missing)}")
            key_columns = [c for c in header if c not in (*REQUIRED_COLUMNS, "status")]
            rows = []
            for line, raw in enumerate(reader, start=2):
                rows.append(_validate_row(name, line, raw, key_columns, allow_negative))
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text ({exc.reason})") from None
    if not rows:
        raise DataError(f"{name}: no data rows")
    return rows


def parse_number(text: str, where: str) -> float:
    """A finite number from a data cell; a :class:`DataError` starting with ``where`` (file,
    row and column) otherwise."""
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"{where}: '{text}' is not a number") from None
    if not np.isfinite(value):
        raise DataError(f"{where}: '{text}' is not a finite number")
    return value


def _validate_row(
    name: str, line: int, raw: dict, key_columns: list[str], allow_negative: bool
) -> Row:
    if None in raw:
        raise DataError(f"{name}: row {line}: more fields than columns (an unquoted comma?)")
    for column in (*key_columns, *REQUIRED_COLUMNS):
        if raw.get(column) is None or not str(raw[column]).strip():
            raise DataError(f"{name}: row {line}, column '{column}': value is missing")
    value = parse_number(raw["value"], f"{name}: row {line}, column 'value'")
    if value < 0 and not allow_negative:
        raise DataError(f"{name}: row {line}, column 'value': {value} is negative")
    keys = {c: raw[c].strip() for c in key_columns}
    status = (raw.get("status") or "").strip()
    return Row(keys, value, raw["unit"].strip(), raw["source"].strip(), status, name)


def _scalars(rows: list[Row], into: BaseData) -> None:
    for row in rows:
        into.scalars[row.keys["name"]] = row.value
        into.units[row.keys["name"]] = row.unit


def _paths(rows: list[Row], into: BaseData) -> None:
    grouped: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        try:
            year = float(row.keys["year"])
        except ValueError:
            raise DataError(f"{row.file}: year '{row.keys['year']}' is not a number") from None
        grouped.setdefault(row.keys["name"], []).append((year, row.value))
        into.units[row.keys["name"]] = row.unit
    for name, points in grouped.items():
        points.sort()
        years = np.array([p[0] for p in points])
        if np.any(np.diff(years) == 0):
            raise DataError(f"paths.csv: path '{name}' has the same year twice")
        into.paths[name] = (years, np.array([p[1] for p in points]))


def region_root(region: str, data_dir: Path | None = None) -> Path:
    """The folder of ``region``: ``data/<region>/`` (the nation, ``china``) or
    ``data/provinces/<region>/`` (a province by its ISO 3166-2 code, e.g. ``CN-NM``); a
    :class:`DataError` naming the known regions if none (a name that is not a plain folder name,
    such as ``../x``, is never looked up)."""
    base = data_dir or DATA_DIR
    if isinstance(region, str) and _PLAIN_NAME.fullmatch(region):
        for root in (base / region, base / PROVINCES / region):
            if root.is_dir() and region != PROVINCES:
                return root
    known = ", ".join(list_regions(data_dir)) or "none"
    raise DataError(f"unknown region '{region}' (known: {known})")


_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def load_core(region: str = "china", data_dir: Path | None = None) -> BaseData:
    """Load and validate the shared base data of ``region`` (not cached). The data files of
    pluggable modules (e.g. mine restoration) are theirs to load:
    :func:`pathways.region.load_region` loads both and is what callers use."""
    root = region_root(region, data_dir)
    base = BaseData(region=region)
    for file in ("macro.csv", "power.csv", "parameters.csv", "calibration.csv"):
        rows = read_rows(root / file)
        _scalars(rows, base)
        base.rows.extend(rows)
    rows = read_rows(root / "paths.csv")
    _paths(rows, base)
    base.rows.extend(rows)
    rows = read_rows(root / "history.csv")
    history = BaseData(region=region)
    _paths(rows, history)
    base.history = history.paths
    base.units.update(history.units)
    base.rows.extend(rows)
    derive_power_history(base)
    rows = read_rows(root / "final_energy.csv")
    for row in rows:
        sector, carrier = row.keys["sector"], row.keys["carrier"]
        if sector not in SECTOR_ORDER or carrier not in CARRIER_ORDER:
            raise DataError(f"{row.file}: unknown sector '{sector}' or carrier '{carrier}'")
        base.final_energy[(sector, carrier)] = row.value
    base.rows.extend(rows)
    rows = read_rows(root / "emission_factors.csv")
    base.emission_factors = {row.keys["carrier"]: row.value for row in rows}
    base.rows.extend(rows)
    base.lever_defaults, rows = read_lever_defaults(root)
    base.rows.extend(rows)
    return base


# generation by source in the statistics years (paths.csv, TWh): where a region has all of them,
# the non-fossil share of power and the solar share of wind + solar in 2021-2024 are derived from
# them (docs/methods.md section 6), not given in history.csv
GENERATION_HISTORY = {
    "nonfossil": (
        "hydro_generation",
        "nuclear_generation",
        "wind_generation",
        "solar_generation",
        "biomass_generation",
    ),
    "total": "total_generation",
}
DERIVED_SHARES = ("power_nonfossil_share", "solar_share_of_wind_solar")


def derive_power_history(base: BaseData) -> None:
    """The observed anchors (after the base year) of the levers ``power_nonfossil_share`` and
    ``solar_share_of_wind_solar`` from the generation rows of paths.csv, in the years of
    ``total_generation``: 100 x non-fossil / total and 100 x solar / (wind + solar). Nothing for
    a region without those rows; a :class:`DataError` if history.csv gives the shares too."""
    names = (*GENERATION_HISTORY["nonfossil"], GENERATION_HISTORY["total"])
    if not all(n in base.paths for n in names):
        return
    given = [n for n in DERIVED_SHARES if n in base.history]
    if given:
        raise DataError(
            f"data/{base.region}/history.csv: {', '.join(given)} are derived from the generation "
            "rows of paths.csv; remove them from history.csv"
        )
    anchor_years, total = base.paths[GENERATION_HISTORY["total"]]
    keep = anchor_years > anchor_years[0]
    years = anchor_years[keep]
    nonfossil = sum(base.path(n, years) for n in GENERATION_HISTORY["nonfossil"])
    wind, solar = base.path("wind_generation", years), base.path("solar_generation", years)
    base.history["power_nonfossil_share"] = (years, 100 * nonfossil / total[keep])
    base.history["solar_share_of_wind_solar"] = (years, 100 * solar / (wind + solar))
    base.units["power_nonfossil_share"] = "% of generation"
    base.units["solar_share_of_wind_solar"] = "% of wind+solar generation"


def list_regions(data_dir: Path | None = None) -> list[str]:
    """Regions with a data folder holding ``macro.csv``: the nation(s) under ``data/`` first,
    then the provinces under ``data/provinces/`` (by code)."""
    root = data_dir or DATA_DIR
    nations = sorted(p.name for p in root.iterdir() if (p / "macro.csv").is_file())
    provinces = root / PROVINCES
    if provinces.is_dir():
        nations += sorted(p.name for p in provinces.iterdir() if (p / "macro.csv").is_file())
    return nations


def is_province(region: str) -> bool:
    """True for a provincial region (``data/provinces/<code>/``)."""
    return region_kind(region) == "province"


def region_kind(region: str) -> str:
    """``nation`` or ``province`` (data/regions.csv)."""
    return region_table().get(region, {}).get("kind", "nation")


@functools.lru_cache(maxsize=1)
def region_table() -> dict[str, dict[str, str]]:
    """data/regions.csv: region -> its row (name_en, name_zh, kind, iso, source)."""
    with (DATA_DIR / REGIONS_FILE).open(encoding="utf-8", newline="") as handle:
        return {row["region"]: row for row in csv.DictReader(handle)}


def region_name(region: str, lang: str = "en") -> str:
    """A region as people name it ('CN-NM' -> 'Inner Mongolia', in Chinese its Chinese name);
    the code itself for a region the table does not list."""
    row = region_table().get(region)
    if row is None:
        return region
    return row.get(f"name_{lang}") or row["name_en"]


def read_lever_defaults(root: Path) -> tuple[dict[str, float], list[Row]]:
    """A region's own lever defaults (``levers.csv``: name, value, unit, source, status; none
    for the nation, whose defaults are the catalogue's). Values are checked against the
    catalogue by :func:`pathways.scenario.defaults`."""
    path = root / LEVER_DEFAULTS_FILE
    if not path.is_file():
        return {}, []
    rows = read_rows(path, allow_negative=True)
    return {row.keys["name"]: row.value for row in rows}, rows


def sources_table(base: BaseData) -> list[dict[str, str]]:
    """Every data row as a flat record (file, keys, value, unit, source, status) for display."""
    return [
        {
            "file": r.file,
            "item": " / ".join(r.keys.values()),
            "value": f"{r.value:g}",
            "unit": r.unit,
            "source": r.source,
            "status": r.status,
        }
        for r in base.rows
    ]
