"""Uncertain inputs as data: ``data/<region>/uncertainty.csv`` and
``uncertainty_correlations.csv``, loaded and validated against the region's data and levers.

Each row of ``uncertainty.csv`` makes one input uncertain:

* ``target``: ``emission_factor:<carrier>``, ``scalar:<name>`` (a row of parameters.csv,
  power.csv, macro.csv or calibration.csv), ``path:<name>`` (a path of paths.csv) or
  ``lever:<pattern>`` (catalogue levers, ``*`` a wildcard: one draw moves them all);
* ``applies``: ``factor`` (multiplies the central value, central 1) or ``offset`` (added to a
  lever's value in its own unit, central 0);
* ``distribution`` of the factor or offset: ``uniform`` (low, high), ``triangular`` (low, mode,
  high), ``normal`` (mean, sd; truncated at low and/or high when given) or ``lognormal`` (low and
  high its 5th and 95th percentiles; factors only);
* ``ramp_years`` (paths only): the factor grows linearly from 1 in the calibration year (2024)
  to its drawn value over this many years, so history keeps the statistics. Scalars and emission
  factors act in every year (for emission factors that is the inventory's own uncertainty).

``uncertainty_correlations.csv`` gives rank correlations between pairs of parameters (Iman and
Conover 1982, applied by :mod:`pathways.sampling`); pairs not listed are independent.
"""

from __future__ import annotations

import csv
import fnmatch
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pathways import i18n
from pathways.data import BaseData, DataError, parse_number, region_root

FILE = "uncertainty.csv"
CORRELATIONS_FILE = "uncertainty_correlations.csv"
COLUMNS = (
    "parameter",
    "target",
    "applies",
    "distribution",
    "low",
    "mode",
    "high",
    "mean",
    "sd",
    "ramp_years",
    "unit",
    "label_en",
    "label_zh",
    "source",
    "status",
)
CORRELATION_COLUMNS = ("parameter_a", "parameter_b", "rank_correlation", "source", "status")
TARGET_KINDS = ("emission_factor", "scalar", "path", "lever")
DISTRIBUTIONS = ("uniform", "triangular", "normal", "lognormal")
Z95 = 1.6448536269514722  # scipy.stats.norm.ppf(0.95): the 95th percentile of a standard normal


@dataclass(frozen=True)
class UncertainParameter:
    """One uncertain input (see the module docstring); numbers in the ``applies`` space."""

    name: str
    kind: str  # one of TARGET_KINDS
    target: str  # carrier, data name or lever pattern
    applies: str  # "factor" | "offset"
    distribution: str
    low: float | None
    mode: float | None
    high: float | None
    mean: float | None
    sd: float | None
    ramp_years: float | None
    unit: str
    label_en: str
    label_zh: str
    source: str
    status: str

    def label(self, lang: str) -> str:
        """The parameter's name for people, in ``lang``."""
        return i18n.localized(self, "label", lang)

    @property
    def central(self) -> float:
        """The value that leaves the input as in the data: 1 for a factor, 0 for an offset."""
        return 1.0 if self.applies == "factor" else 0.0

    @functools.cached_property
    def frozen(self):
        """The scipy.stats distribution of the factor or offset (scipy.stats is imported here,
        not with the module: it takes about a second, and loading a region must not wait)."""
        from scipy import stats

        if self.distribution == "uniform":
            return stats.uniform(loc=self.low, scale=self.high - self.low)
        if self.distribution == "triangular":
            width = self.high - self.low
            return stats.triang(c=(self.mode - self.low) / width, loc=self.low, scale=width)
        if self.distribution == "normal":
            if self.low is None and self.high is None:
                return stats.norm(loc=self.mean, scale=self.sd)
            a = -np.inf if self.low is None else (self.low - self.mean) / self.sd
            b = np.inf if self.high is None else (self.high - self.mean) / self.sd
            return stats.truncnorm(a, b, loc=self.mean, scale=self.sd)
        mu = 0.5 * (np.log(self.low) + np.log(self.high))
        sigma = (np.log(self.high) - np.log(self.low)) / (2 * Z95)
        return stats.lognorm(s=sigma, scale=np.exp(mu))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values (factor or offset) at probabilities ``u`` in (0, 1)."""
        return self.frozen.ppf(u)

    def interval(self, probability: float = 0.9) -> tuple[float, float]:
        """The central ``probability`` interval (e.g. 5th to 95th percentile)."""
        low, high = self.frozen.interval(probability)
        return float(low), float(high)


@dataclass(frozen=True)
class UncertaintySet:
    """The uncertain inputs of a region and their rank-correlation matrix (D, D)."""

    parameters: tuple[UncertainParameter, ...]
    correlation: np.ndarray

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def subset(self, names: list[str] | tuple[str, ...]) -> UncertaintySet:
        """The named parameters (in the given order) with their correlations."""
        index = [self.names.index(n) for n in names]
        return UncertaintySet(
            tuple(self.parameters[i] for i in index), self.correlation[np.ix_(index, index)]
        )


def _number(raw: dict, column: str, where: str) -> float | None:
    text = (raw.get(column) or "").strip()
    return parse_number(text, f"{where}, column '{column}'") if text else None


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict]]:
    name = f"{path.parent.name}/{path.name}"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{name}: missing column(s) {', '.join(missing)}")
            rows = []
            for line, raw in enumerate(reader, start=2):
                if None in raw:
                    raise DataError(f"{name}: row {line}: more fields than columns")
                rows.append((line, raw))
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text ({exc.reason})") from None
    return rows


def _parameter(raw: dict, where: str, base: BaseData, levers: tuple[str, ...]):
    for column in (
        "parameter",
        "target",
        "applies",
        "distribution",
        "unit",
        "label_en",
        "label_zh",
        "source",
        "status",
    ):
        if not (raw.get(column) or "").strip():
            raise DataError(f"{where}, column '{column}': value is missing")
    kind, _, target = raw["target"].strip().partition(":")
    if kind not in TARGET_KINDS or not target:
        raise DataError(
            f"{where}: target '{raw['target']}' is not one of "
            + ", ".join(f"{k}:<name>" for k in TARGET_KINDS)
        )
    known = {
        "emission_factor": base.emission_factors,
        "scalar": base.scalars,
        "path": base.paths,
    }
    if kind == "lever":
        if not fnmatch.filter(levers, target):
            raise DataError(f"{where}: no lever matches '{target}'")
    elif target not in known[kind]:
        raise DataError(f"{where}: the data has no {kind.replace('_', ' ')} '{target}'")
    applies, distribution = raw["applies"].strip(), raw["distribution"].strip()
    if applies not in ("factor", "offset"):
        raise DataError(f"{where}: applies must be 'factor' or 'offset', not '{applies}'")
    if applies == "offset" and kind != "lever":
        raise DataError(f"{where}: only a lever takes an offset; use a factor")
    if distribution not in DISTRIBUTIONS:
        raise DataError(f"{where}: distribution must be one of {', '.join(DISTRIBUTIONS)}")
    numbers = {c: _number(raw, c, where) for c in ("low", "mode", "high", "mean", "sd")}
    ramp = _number(raw, "ramp_years", where)
    if kind == "path" and (ramp is None or ramp < 1):
        raise DataError(f"{where}: a path needs ramp_years of at least 1")
    if kind != "path" and ramp is not None:
        raise DataError(f"{where}: ramp_years applies to paths only")
    need = {
        "uniform": ("low", "high"),
        "triangular": ("low", "mode", "high"),
        "normal": ("mean", "sd"),
        "lognormal": ("low", "high"),
    }[distribution]
    missing = [c for c in need if numbers[c] is None]
    if missing:
        raise DataError(f"{where}: a {distribution} distribution needs {', '.join(missing)}")
    low, mode, high = numbers["low"], numbers["mode"], numbers["high"]
    if distribution != "normal" and not low < high:
        raise DataError(f"{where}: low ({low}) must be below high ({high})")
    if distribution == "triangular" and not low <= mode <= high:
        raise DataError(f"{where}: mode ({mode}) must lie between low and high")
    if distribution == "normal":
        if numbers["sd"] <= 0:
            raise DataError(f"{where}: sd must be positive")
        if low is not None and high is not None and not low < high:
            raise DataError(f"{where}: low ({low}) must be below high ({high})")
    if distribution == "lognormal" and (applies != "factor" or low <= 0):
        raise DataError(f"{where}: a lognormal needs a factor with a positive low")
    parameter = UncertainParameter(
        name=raw["parameter"].strip(),
        kind=kind,
        target=target,
        applies=applies,
        distribution=distribution,
        low=low,
        mode=mode,
        high=high,
        mean=numbers["mean"],
        sd=numbers["sd"],
        ramp_years=ramp,
        unit=raw["unit"].strip(),
        label_en=raw["label_en"].strip(),
        label_zh=raw["label_zh"].strip(),
        source=raw["source"].strip(),
        status=raw["status"].strip(),
    )
    if applies == "factor" and _lowest(parameter) < 0:
        raise DataError(f"{where}: a factor must not go below 0 (truncate it with low)")
    return parameter


def _lowest(p: UncertainParameter) -> float:
    """The lower end of the distribution's support (a lognormal is positive; an untruncated
    normal has none)."""
    if p.distribution == "lognormal":
        return 0.0
    if p.distribution == "normal":
        return -np.inf if p.low is None else p.low
    return p.low


def load(base: BaseData, levers: tuple[str, ...], data_dir: Path | None = None) -> UncertaintySet:
    """The region's uncertain inputs, validated against its data and the lever names; an empty
    set when the region has no uncertainty.csv. Raises :class:`DataError` on a bad row."""
    root = region_root(base.region, data_dir)
    path = root / FILE
    if not path.is_file():
        return UncertaintySet((), np.eye(0))
    parameters: list[UncertainParameter] = []
    for line, raw in _read(path, COLUMNS):
        where = f"{root.name}/{FILE}: row {line}"
        parameter = _parameter(raw, where, base, levers)
        if parameter.name in {p.name for p in parameters}:
            raise DataError(f"{where}: parameter '{parameter.name}' is listed twice")
        parameters.append(parameter)
    names = [p.name for p in parameters]
    correlation = np.eye(len(names))
    path = root / CORRELATIONS_FILE
    if path.is_file():
        for line, raw in _read(path, CORRELATION_COLUMNS):
            where = f"{root.name}/{CORRELATIONS_FILE}: row {line}"
            a, b = raw["parameter_a"].strip(), raw["parameter_b"].strip()
            for name in (a, b):
                if name not in names:
                    raise DataError(f"{where}: '{name}' is not a parameter of {FILE}")
            rho = _number(raw, "rank_correlation", where)
            if a == b or rho is None or not -1 < rho < 1:
                raise DataError(f"{where}: needs two parameters and a correlation in (-1, 1)")
            i, j = names.index(a), names.index(b)
            correlation[i, j] = correlation[j, i] = rho
        if np.linalg.eigvalsh(correlation).min() <= 1e-9:
            raise DataError(f"{root.name}/{CORRELATIONS_FILE}: the correlations are inconsistent")
    return UncertaintySet(tuple(parameters), correlation)
