"""The lever catalogue, presets and scenario files.

The catalogue (``data/levers.csv``) is the one table from which validation, the CLI and the
dashboard's sliders are generated. A lever that changes over time is a *target* lever (the value
reached by its target year, ramped from the 2020 value) paired with a *year* lever.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pathways.data import DATA_DIR

CATALOGUE_FILE = DATA_DIR / "levers.csv"
PRESET_DIR = DATA_DIR / "presets"
MODULE_ORDER = ["drivers", "energy_mix", "efficiency", "lifestyle", "sinks", "restoration"]


class ScenarioError(ValueError):
    """A lever name, value or scenario file is invalid. The message names what and what is allowed."""


@dataclass(frozen=True)
class Lever:
    """One lever of the catalogue. ``kind`` is target, year, rate or scalar."""

    name: str
    module: str
    kind: str
    unit: str
    min: float
    max: float
    step: float
    default: float
    ramp: str
    pair: str
    label_en: str
    label_zh: str
    help_en: str
    help_zh: str

    def label(self, lang: str = "en") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def help(self, lang: str = "en") -> str:
        return self.help_zh if lang == "zh" else self.help_en

    def clip(self, value: float) -> float:
        """Nearest allowed value (range, and whole years for year levers)."""
        value = min(max(value, self.min), self.max)
        return float(round(value)) if self.kind == "year" else value


@functools.lru_cache(maxsize=2)
def catalogue(path: Path = CATALOGUE_FILE) -> dict[str, Lever]:
    """All levers by name, in catalogue order."""
    levers: dict[str, Lever] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            try:
                lever = Lever(
                    **{
                        k: (float(v) if k in ("min", "max", "step", "default") else v)
                        for k, v in raw.items()
                    }
                )
            except (TypeError, ValueError) as exc:
                raise ScenarioError(f"{path.name}: row {line}: {exc}") from None
            if not lever.min <= lever.default <= lever.max:
                raise ScenarioError(
                    f"{path.name}: row {line}: default of {lever.name} out of range"
                )
            levers[lever.name] = lever
    return levers


def defaults() -> dict[str, float]:
    """Every lever at its catalogue default (= the current-policies settings)."""
    return {name: lever.default for name, lever in catalogue().items()}


def by_module() -> dict[str, list[Lever]]:
    """Levers grouped by module in :data:`MODULE_ORDER`."""
    groups: dict[str, list[Lever]] = {m: [] for m in MODULE_ORDER}
    for lever in catalogue().values():
        groups.setdefault(lever.module, []).append(lever)
    return {m: v for m, v in groups.items() if v}


def parse_value(name: str, value: object) -> float:
    """Validate one lever value; raise :class:`ScenarioError` naming the lever and its range."""
    levers = catalogue()
    if name not in levers:
        close = [n for n in levers if name.lower() in n or n in name.lower()][:3]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ScenarioError(f"unknown lever '{name}'{hint}; 'pathways levers' lists them")
    lever = levers[name]
    allowed = f"a number from {lever.min:g} to {lever.max:g} {lever.unit}"
    if isinstance(value, bool):
        raise ScenarioError(f"lever '{name}': {value!r} is not a number; allowed: {allowed}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(
            f"lever '{name}': '{value}' is not a number; allowed: {allowed}"
        ) from None
    if not math.isfinite(number) or not lever.min <= number <= lever.max:
        raise ScenarioError(f"lever '{name}': {value} is out of range; allowed: {allowed}")
    if lever.kind == "year" and number != round(number):
        raise ScenarioError(f"lever '{name}': {value} is not a whole year; allowed: {allowed}")
    return number


def validate(levers: Mapping[str, object]) -> dict[str, float]:
    """Validate a partial lever set and return it as floats."""
    return {name: parse_value(name, value) for name, value in levers.items()}


def complete(
    levers: Mapping[str, object] | None = None, preset: str | None = None
) -> dict[str, float]:
    """Defaults, overlaid by a preset, overlaid by ``levers``; validated."""
    full = defaults()
    if preset:
        full.update(load_preset(preset).levers)
    full.update(validate(levers or {}))
    return full


def coerce(levers: Mapping[str, object]) -> tuple[dict[str, float], list[str]]:
    """Clip out-of-range values to the nearest valid one instead of failing (for URLs/sessions).

    Returns the cleaned levers and one notice per lever that was changed or dropped.
    """
    levers_cat = catalogue()
    cleaned: dict[str, float] = {}
    notices: list[str] = []
    for name, value in levers.items():
        if name not in levers_cat:
            notices.append(f"unknown lever '{name}' ignored")
            continue
        lever = levers_cat[name]
        try:
            number = float(value)  # type: ignore[arg-type]
            if not math.isfinite(number):
                raise ValueError
        except (TypeError, ValueError):
            notices.append(f"'{name}': '{value}' is not a number; default {lever.default:g} used")
            cleaned[name] = lever.default
            continue
        clipped = lever.clip(number)
        if clipped != number:
            notices.append(
                f"'{name}': {number:g} outside {lever.min:g}-{lever.max:g}; {clipped:g} used"
            )
        cleaned[name] = clipped
    return cleaned, notices


# --- presets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A named lever set with the published assumptions it follows."""

    name: str
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    sources: tuple[str, ...]
    levers: dict[str, float]

    def title(self, lang: str = "en") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def description(self, lang: str = "en") -> str:
        return self.description_zh if lang == "zh" else self.description_en


def list_presets() -> list[str]:
    """Preset names, current policies first."""
    names = sorted(p.stem for p in PRESET_DIR.glob("*.toml"))
    order = ["current-policies", "dual-carbon", "accelerated"]
    return [n for n in order if n in names] + [n for n in names if n not in order]


@functools.lru_cache(maxsize=16)
def load_preset(name: str) -> Preset:
    """Load a preset from ``data/presets/NAME.toml``."""
    path = PRESET_DIR / f"{name}.toml"
    if not path.is_file():
        raise ScenarioError(f"unknown preset '{name}' (known: {', '.join(list_presets())})")
    meta, levers = _read_toml_scenario(path)
    return Preset(
        name=name,
        title_en=str(meta.get("title_en", name)),
        title_zh=str(meta.get("title_zh", name)),
        description_en=str(meta.get("description_en", "")),
        description_zh=str(meta.get("description_zh", "")),
        sources=tuple(meta.get("sources", ())),
        levers=levers,
    )


# --- scenario files ----------------------------------------------------------------------


def _read_toml_scenario(path: Path) -> tuple[dict, dict[str, float]]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path.name}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path.name}: not valid TOML ({exc})") from None
    return _split_document(path.name, doc)


def _split_document(name: str, doc: object) -> tuple[dict, dict[str, float]]:
    if not isinstance(doc, dict):
        raise ScenarioError(f"{name}: expected a table with a [levers] section")
    levers = doc.get("levers")
    if not isinstance(levers, dict):
        raise ScenarioError(f"{name}: no [levers] table")
    meta = doc.get("scenario", {})
    if not isinstance(meta, dict):
        raise ScenarioError(f"{name}: [scenario] must be a table")
    try:
        return meta, validate(levers)
    except ScenarioError as exc:
        raise ScenarioError(f"{name}: {exc}") from None


@dataclass
class ScenarioFile:
    """The content of a scenario file: region, optional preset it builds on, and levers."""

    name: str
    region: str
    preset: str | None
    levers: dict[str, float]

    def full_levers(self) -> dict[str, float]:
        return complete(self.levers, self.preset)


def read_scenario(path: Path) -> ScenarioFile:
    """Read a scenario TOML (or JSON) file written by :func:`write_scenario` or by hand."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"{path}: scenario file not found")
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ScenarioError(f"{path.name}: not valid JSON ({exc})") from None
        meta, levers = _split_document(path.name, doc)
    else:
        meta, levers = _read_toml_scenario(path)
    preset = meta.get("preset") or None
    if preset is not None and preset not in list_presets():
        raise ScenarioError(f"{path.name}: unknown preset '{preset}'")
    return ScenarioFile(
        name=str(meta.get("name", path.stem)),
        region=str(meta.get("region", "china")),
        preset=preset,
        levers=levers,
    )


def scenario_toml(
    name: str, region: str, levers: Mapping[str, float], preset: str | None = None
) -> str:
    """Serialise a scenario as TOML that :func:`read_scenario` (and ``--scenario``) reads back."""
    lines = ["[scenario]", f"name = {json.dumps(name, ensure_ascii=False)}"]
    lines.append(f"region = {json.dumps(region)}")
    if preset:
        lines.append(f"preset = {json.dumps(preset)}")
    lines += ["", "[levers]"]
    levers_cat = catalogue()
    for lever_name, value in levers.items():
        unit = levers_cat[lever_name].unit if lever_name in levers_cat else ""
        lines.append(f"{lever_name} = {float(value)!r}  # {unit}")
    return "\n".join(lines) + "\n"


def write_scenario(path: Path, name: str, region: str, levers: Mapping[str, float]) -> None:
    Path(path).write_text(scenario_toml(name, region, levers), encoding="utf-8")


# --- arrays for the model ------------------------------------------------------------------


def lever_arrays(
    lever_sets: Mapping[str, object] | list[Mapping[str, object]],
) -> dict[str, np.ndarray]:
    """Turn one lever dict, a list of lever dicts, or a dict of arrays into complete (S,) arrays.

    Missing levers take their default. Values are not range-checked here (see :func:`validate`).
    """
    levers_cat = catalogue()
    if isinstance(lever_sets, list):
        n = len(lever_sets)
        out = {name: np.full(n, lever.default) for name, lever in levers_cat.items()}
        for i, one in enumerate(lever_sets):
            for name, value in one.items():
                out[name][i] = value
        return out
    sizes = {np.size(v) for v in lever_sets.values()} - {1}
    if len(sizes) > 1:
        raise ScenarioError(f"lever arrays have different lengths {sorted(sizes)}")
    n = sizes.pop() if sizes else 1
    out = {}
    for name, lever in levers_cat.items():
        value = lever_sets.get(name, lever.default)
        out[name] = np.broadcast_to(np.asarray(value, dtype=float).reshape(-1), (n,)).copy()
    unknown = set(lever_sets) - set(levers_cat)
    if unknown:
        raise ScenarioError(f"unknown lever(s): {', '.join(sorted(unknown))}")
    return out
