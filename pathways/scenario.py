"""The lever catalogue, presets and scenario files.

The catalogue (``data/levers.csv``) is the one table from which validation, the CLI and the
dashboard's sliders are generated. A lever that changes over time is a *target* lever (the value
reached by its target year, ramped from the 2020 value) paired with a *year* lever.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pathways.data import DATA_DIR, DataError, read_lever_defaults, region_root
from pathways.errors import Message, PathwaysError
from pathways.i18n import localized

CATALOGUE_FILE = DATA_DIR / "levers.csv"
PRESET_DIR = DATA_DIR / "presets"
MODULE_ORDER = ["drivers", "energy_mix", "efficiency", "lifestyle", "sinks", "restoration"]


class ScenarioError(PathwaysError, ValueError):
    """A lever name, value or scenario file is invalid: ``key`` (code ``scenario.<key>`` in the
    catalogue) and parameters, so every channel shows it in the user's language
    (:func:`pathways.i18n.message`). ``file`` (optional) prefixes the message; ``close`` (names
    like an unknown one) becomes the "did you mean" hint. A key without a catalogue entry is
    shown as it is (developer errors, e.g. a broken catalogue)."""

    domain = "scenario"

    def __init__(self, key: str, *, file: str = "", **params: object) -> None:
        super().__init__(key, **params)
        self.file = file

    def render_params(self) -> dict[str, object]:
        return hint_params(self.params)

    def frame(self) -> Message | None:
        return Message("scenario.in_file", {"file": self.file}) if self.file else None


def hint_params(params: dict[str, object]) -> dict[str, object]:
    """``params`` with ``close`` (similar names) turned into the ``hint`` message part."""
    out = dict(params)
    close = out.pop("close", None) or ()
    out["hint"] = Message("hint.did_you_mean", {"names": list(close)}) if close else ""
    return out


@dataclass(frozen=True)
class LeverProblem:
    """Why a lever value was refused: ``code`` (``scenario.<code>`` in the catalogue) and ``params`` (name,
    the value as shown, range and unit). ``nearest`` is the valid value closest to what was given
    (None when there is none, e.g. not a number or an unknown lever), for channels that repair."""

    code: str
    name: str
    params: dict[str, object]
    nearest: float | None = None

    def error(self, file: str = "") -> ScenarioError:
        return ScenarioError(self.code, file=file, name=self.name, **self.params)


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
    source: str = ""  # what the default is based on: a statistic, plan, study or "assumption: ..."

    def label(self, lang: str = "en") -> str:
        return localized(self, "label", lang)

    def help(self, lang: str = "en") -> str:
        return localized(self, "help", lang)

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


def defaults(region: str = "china") -> dict[str, float]:
    """Every lever at its default (= the current-policies settings): the catalogue's, and for a
    province its own values where ``data/provinces/<code>/levers.csv`` gives them."""
    return {name: lever.default for name, lever in catalogue().items()} | region_defaults(region)


@functools.lru_cache(maxsize=32)
def region_defaults(region: str) -> dict[str, float]:
    """The lever defaults a region sets itself (none for the nation), each checked against the
    catalogue like any lever value."""
    if region == "china":
        return {}
    try:
        values, rows = read_lever_defaults(region_root(region))
    except DataError:
        return {}
    out = {}
    for row in rows:
        checked = check_value(row.keys["name"], row.value)
        if isinstance(checked, LeverProblem):
            raise checked.error(f"{region}/levers.csv")
        out[row.keys["name"]] = checked
    return out


# Levers whose values are absolute quantities (capacities, flows, areas): a national preset's
# value is scaled to a province by the ratio of the province's default to the nation's.
ABSOLUTE_UNITS = frozenset({"GW", "Mt CO2/yr", "Mha/yr", "kha/yr"})
# Levers without a national default to scale by (0 by default) take the ratio of this lever.
SCALE_LIKE = {"beccs": "ccus_capacity", "dac": "ccus_capacity"}


def translate_preset(levers: Mapping[str, float], region: str) -> dict[str, float]:
    """A national preset's lever values carried to a province (docs/methods.md, "Provinces").

    A lever the province does not set itself is used as it is. For one it sets (its own
    default, ``levers.csv``): an absolute quantity (GW, Mt CO2/yr, Mha/yr, kha/yr) is scaled by
    the province's default over the nation's (BECCS and DAC, 0 by default nationally, by the
    ratio of CCUS); any other lever (a share, rate or level) moves by the preset's change from
    the national default. Results are kept in the lever's range."""
    own = region_defaults(region)
    if not own:
        return dict(levers)
    cat = catalogue()
    out = {}
    for name, value in levers.items():
        lever = cat.get(name)
        ref = SCALE_LIKE.get(name, name) if lever and lever.default == 0 else name
        if lever is not None and lever.unit in ABSOLUTE_UNITS and ref in own:
            national = cat[ref].default
            moved = value * (own[ref] / national if national else 0.0)
        elif lever is not None and name in own:
            moved = own[name] + (value - lever.default)
        else:
            out[name] = value
            continue
        out[name] = min(max(moved, lever.min), lever.max)
    return out


def by_module() -> dict[str, list[Lever]]:
    """Levers grouped by module in :data:`MODULE_ORDER`."""
    groups: dict[str, list[Lever]] = {m: [] for m in MODULE_ORDER}
    for lever in catalogue().values():
        groups.setdefault(lever.module, []).append(lever)
    return {m: v for m, v in groups.items() if v}


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
MAX_VALUE_CHARS = 10_000  # longer text is not read as a number at all


def parse_number(value: object) -> float | None:
    """A lever value as given (number or text) -> float, or None when it is not a number.

    Never raises: a 5000-digit integer (as int or as text) reads as ±inf (then out of range),
    text must be a plain decimal number (``12``, ``-0.5``, ``1e3``; no ``nan``, ``inf``,
    ``1_000``, hex), booleans are not numbers, NaN is not a number. -0 reads as 0.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | np.integer):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf if value > 0 else -math.inf
    elif isinstance(value, float | np.floating):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_VALUE_CHARS or not _NUMBER.fullmatch(text):
            return None
        number = float(text)  # float() has no digit limit; a huge integer becomes inf
    else:
        return None
    if math.isnan(number):
        return None
    return number + 0.0  # -0.0 -> 0.0


def check_value(
    name: str, value: object, levers: Mapping[str, Lever] | None = None
) -> float | LeverProblem:
    """THE lever-value check of every channel (CLI, scenario files, uploads, share codes, URL
    parameters, library import and open, session state): the exact value as a float, or a
    :class:`LeverProblem` (unknown lever, not a number, out of range, not a whole year).

    The value is never moved to the slider grid: an in-range value is returned exactly.
    ``levers`` replaces today's catalogue (e.g. an old catalogue in migration tests)."""
    levers = catalogue() if levers is None else levers
    name = str(name)
    lever = levers.get(name)
    if lever is None:
        low = name.lower()
        close = [n for n in levers if low and (low in n or n in low)][:3] if len(low) < 200 else []
        return LeverProblem("unknown_lever", safe_shown(name, 80), {"close": close})
    limits = {"min": f"{lever.min:g}", "max": f"{lever.max:g}", "unit": lever.unit}
    number = parse_number(value)
    if number is None:
        return LeverProblem("not_a_number", name, {**limits, "value": safe_shown(value)})
    if not lever.min <= number <= lever.max:
        return LeverProblem(
            "out_of_range", name, {**limits, "value": safe_shown(value)}, lever.clip(number)
        )
    if lever.kind == "year" and number != round(number):
        return LeverProblem(
            "not_whole_year", name, {**limits, "value": safe_shown(value)}, lever.clip(number)
        )
    return number


def safe_shown(value: object, limit: int = 40) -> str:
    """A value as shown in a message: short, encodable (see :func:`pathways.safe_input.shown`)."""
    from pathways.safe_input import shown

    if isinstance(value, float):
        return f"{value:g}"
    return shown(value, limit)


def parse_value(name: str, value: object) -> float:
    """Validate one lever value; raise :class:`ScenarioError` naming the lever and its range."""
    checked = check_value(name, value)
    if isinstance(checked, LeverProblem):
        raise checked.error()
    return checked


def validate(levers: Mapping[str, object]) -> dict[str, float]:
    """Validate a partial lever set and return it as floats (exact values)."""
    return {name: parse_value(name, value) for name, value in levers.items()}


def complete(
    levers: Mapping[str, object] | None = None,
    preset: str | None = None,
    region: str = "china",
) -> dict[str, float]:
    """The region's defaults, overlaid by a preset (a national preset carried to a province by
    :func:`translate_preset`), overlaid by ``levers``; validated."""
    full = defaults(region)
    if preset:
        full.update(preset_levers(preset, region))
    full.update(validate(levers or {}))
    return full


def preset_levers(preset: str, region: str = "china") -> dict[str, float]:
    """The lever values a preset sets for ``region``: its own for a preset made for the
    region, translated from the nation's (:func:`translate_preset`) for a national one. A
    preset made for another region is refused."""
    spec = load_preset(preset)
    if spec.region is None:
        return translate_preset(spec.levers, region) if region != "china" else dict(spec.levers)
    if spec.region != region:
        raise ScenarioError(
            "unknown_preset", name=safe_shown(preset), known=", ".join(list_presets(region))
        )
    return dict(spec.levers)


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
    region: str | None = None  # a preset made for one region (a province's plan); None: national

    def title(self, lang: str = "en") -> str:
        return localized(self, "title", lang)

    def description(self, lang: str = "en") -> str:
        return localized(self, "description", lang)


def list_presets(region: str | None = "china") -> list[str]:
    """Preset names offered for ``region``, current policies first: the national presets (for
    a province carried over by :func:`translate_preset`) and the presets made for the region.
    ``region=None``: every preset (the names a scenario file, share code or upload may give)."""
    names = all_presets()
    if region is not None:
        names = [n for n in names if _preset_region(n) in (None, region)]
    return names


@functools.lru_cache(maxsize=1)
def all_presets() -> list[str]:
    """Every preset name: national presets in the order of ambition, then regional ones."""
    names = sorted(p.stem for p in PRESET_DIR.glob("*.toml"))
    order = ["current-policies", "dual-carbon", "accelerated"]
    return [n for n in order if n in names] + [n for n in names if n not in order]


def _preset_region(name: str) -> str | None:
    return load_preset(name).region


@functools.lru_cache(maxsize=16)
def load_preset(name: str) -> Preset:
    """Load a preset from ``data/presets/NAME.toml``; NAME must be one of :func:`list_presets`
    (a closed list: ``../../x`` or any other path is refused, never opened)."""
    if not isinstance(name, str) or name not in all_presets():
        raise ScenarioError(
            "unknown_preset", name=safe_shown(name), known=", ".join(list_presets())
        )
    path = PRESET_DIR / f"{name}.toml"
    meta, levers = _read_toml_scenario(path)
    region = meta.get("region")
    return Preset(
        name=name,
        title_en=str(meta.get("title_en", name)),
        title_zh=str(meta.get("title_zh", name)),
        description_en=str(meta.get("description_en", "")),
        description_zh=str(meta.get("description_zh", "")),
        sources=tuple(meta.get("sources", ())),
        levers=levers,
        region=str(region) if region else None,
    )


# --- scenario files ----------------------------------------------------------------------

MAX_SCENARIO_BYTES = 1_000_000  # a scenario file is a few KB
MAX_NAME_CHARS = 200


def _read_toml_scenario(path: Path) -> tuple[dict, dict[str, float]]:
    return _read_document(path, ".toml")


def _read_document(path: Path, suffix: str) -> tuple[dict, dict[str, float]]:
    """Read and validate a scenario document (bounded: see :mod:`pathways.safe_input`)."""
    from pathways.safe_input import LOADERS, decode

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCENARIO_BYTES + 1)
    except OSError as exc:
        raise ScenarioError("unreadable", file=path.name, detail=exc.strerror or "") from None
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            "unreadable", file=path.name, detail=f"larger than {MAX_SCENARIO_BYTES // 1000} KB"
        )
    loader = LOADERS[".json" if suffix == ".json" else ".toml"][1]
    doc = loader(decode(data, path.name), path.name)  # InputError on bad text
    return _split_document(path.name, doc)


def _split_document(name: str, doc: object) -> tuple[dict, dict[str, float]]:
    if not isinstance(doc, dict) or not isinstance(doc.get("levers"), dict):
        raise ScenarioError("no_levers", file=name)
    meta = doc.get("scenario", {})
    if not isinstance(meta, dict):
        raise ScenarioError("not_a_table", file=name, field="scenario")
    levers = {}
    for key, value in doc["levers"].items():
        checked = check_value(key, value)
        if isinstance(checked, LeverProblem):
            raise checked.error(name)
        levers[key] = checked
    return meta, levers


def _meta_text(file: str, meta: Mapping[str, object], key: str, default: str) -> str:
    from pathways.safe_input import valid_text

    value = meta.get(key, default)
    if not isinstance(value, str) or not valid_text(value) or len(value) > MAX_NAME_CHARS:
        raise ScenarioError("bad_text", file=file, field=key, limit=MAX_NAME_CHARS)
    return value


@dataclass
class ScenarioFile:
    """The content of a scenario file: region, optional preset it builds on, and levers."""

    name: str
    region: str
    preset: str | None
    levers: dict[str, float]

    def full_levers(self) -> dict[str, float]:
        return complete(self.levers, self.preset, self.region)


def read_scenario(path: Path) -> ScenarioFile:
    """Read a scenario TOML (or JSON) file written by :func:`write_scenario` or by hand.

    Raises :class:`ScenarioError` or :class:`pathways.safe_input.InputError` (both with a
    translated message), never anything else on a bad file."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError("file_not_found", file=str(path))
    meta, levers = _read_document(path, path.suffix.lower())
    preset = meta.get("preset") or None
    if preset is not None and (not isinstance(preset, str) or preset not in all_presets()):
        raise ScenarioError(
            "unknown_preset",
            file=path.name,
            name=safe_shown(preset),
            known=", ".join(list_presets(None)),
        )
    return ScenarioFile(
        name=_meta_text(path.name, meta, "name", path.stem),
        region=_meta_text(path.name, meta, "region", "china"),
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
    overrides: Mapping[str, float] | None = None,
) -> dict[str, np.ndarray]:
    """Turn one lever dict, a list of lever dicts, or a dict of arrays into complete (S,) arrays.

    Missing levers take their default (``overrides``: a region's own defaults, see
    :func:`defaults`). Values are not range-checked here (see :func:`validate`).
    """
    levers_cat = catalogue()
    if overrides:
        levers_cat = {
            n: (dataclasses.replace(lv, default=overrides[n]) if n in overrides else lv)
            for n, lv in levers_cat.items()
        }
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
