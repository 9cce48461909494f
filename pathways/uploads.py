"""Uploaded files: lever files (TOML, JSON, CSV), library exports and IAMC results CSV.

Nothing here raises on a user's file except :class:`UploadError`, which carries one or more
:class:`Problem` objects: a code (text in English and Chinese in the catalogue,
``pathways/locale/messages.toml``) and its parameters, so the dashboard shows each problem in the user's language.

Lever files:
- TOML or JSON: ``[scenario]`` (name, region, preset, description) and ``[levers]`` name = value,
  as written by ``pathways`` (CLI ``--scenario``, the dashboard's scenario download);
- CSV: columns ``name,value`` (``lever`` is accepted for ``name``), one lever per row;
- JSON library export (``"format": "pathways-scenarios"``) with several scenarios.
IAMC results: CSV with Model, Scenario, Region, Variable, Unit and one column per year (wide), or
Year and Value columns (long).
"""

from __future__ import annotations

import csv
import io
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pathways import safe_input, variables
from pathways.data import list_regions
from pathways.errors import Message
from pathways.migrate import load_migrations
from pathways.safe_input import InputError, shown, valid_text
from pathways.scenario import (
    LeverProblem,
    catalogue,
    check_value,
    complete,
    hint_params,
    list_presets,
    parse_number,
)

STREAMLIT_DEFAULT_MAX_MB = 200  # Streamlit's own default for server.maxUploadSize
MAX_PROBLEMS = 20
LIBRARY_FORMAT = "pathways-scenarios"
IAMC_COLUMNS = ("Model", "Scenario", "Region", "Variable", "Unit")
CONFIG_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"

# limits of pathways.safe_input that uploads word their own way (upload.<key>); the others
# are shown with the safe_input text (input.<key>)
_UPLOAD_WORDING = frozenset({"not_text", "bad_syntax"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload: ``key`` (code ``upload.<key>`` in the catalogue) and its
    parameters. ``place`` (e.g. ``("row", 3)``) and ``close`` (similar lever names) become the
    ``where`` and ``hint`` parts of the message; ``unit`` is a lever unit."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return f"upload.{self.key}"

    def render_params(self) -> dict[str, object]:
        params = hint_params(self.params)
        place, file = params.pop("place", None), params.get("file", "")
        if place:
            params["where"] = Message("upload.where_row", {"file": file, "n": place[1]})
        else:
            params["where"] = Message("upload.where_file", {"file": file}) if file else ""
        return params

    def frame(self) -> None:
        return None


def input_problem(exc: InputError) -> Problem | InputError:
    """A refusal of :mod:`pathways.safe_input` as one problem of an upload."""
    return Problem(exc.key, exc.params) if exc.key in _UPLOAD_WORDING else exc


class UploadError(ValueError):
    """An upload was rejected; :attr:`problems` lists why (at most :data:`MAX_PROBLEMS`), each
    with a ``code`` and ``params`` (:func:`pathways.i18n.messages` shows them)."""

    def __init__(self, problems: list[Problem | InputError]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.code for p in problems))

    def __str__(self) -> str:
        from pathways import i18n

        return "; ".join(i18n.messages(self.problems, "en"))


@dataclass
class LeverUpload:
    """A lever file: the validated levers it sets (over its preset) and warnings."""

    file: str
    name: str
    region: str
    preset: str | None
    description: str
    levers: dict[str, float]
    warnings: list[Problem] = field(default_factory=list)

    def full_levers(self) -> dict[str, float]:
        return complete(self.levers, self.preset)


@dataclass
class LibraryUpload:
    """A library export: its scenario entries (raw; the store validates and migrates them)."""

    file: str
    entries: list[dict]


@dataclass
class ResultsUpload:
    """IAMC results in wide form (year columns as int, values float)."""

    file: str
    frame: pd.DataFrame

    @property
    def scenarios(self) -> list[str]:
        return list(dict.fromkeys(self.frame["Scenario"].astype(str)))

    def series(self, scenario: str, variable: str) -> pd.Series | None:
        """Year -> value of one variable of one scenario (None when absent)."""
        renames = variables.renamed()
        names = self.frame["Variable"].astype(str).map(lambda n: renames.get(n, n))
        rows = self.frame[(self.frame["Scenario"].astype(str) == scenario) & (names == variable)]
        if rows.empty:
            return None
        years = [c for c in self.frame.columns if isinstance(c, int)]
        return rows.iloc[0][years].astype(float)


# --- limits ---------------------------------------------------------------------------------


def configured_max_mb(config: Path = CONFIG_FILE) -> float:
    """``server.maxUploadSize`` (MB) from ``.streamlit/config.toml``, else Streamlit's default."""
    try:
        doc = tomllib.loads(config.read_text(encoding="utf-8"))
        value = float(doc["server"]["maxUploadSize"])
        return value if value > 0 else STREAMLIT_DEFAULT_MAX_MB
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError):
        return STREAMLIT_DEFAULT_MAX_MB


def _human(size: float) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.3g} MB"
    return f"{size / 1024:.3g} KB" if size >= 1024 else f"{size:.0f} B"


def _check_size(file: str, data: bytes, max_mb: float) -> None:
    if len(data) > max_mb * 1024 * 1024:
        size, limit = _human(len(data)), _human(max_mb * 1024 * 1024)
        raise UploadError([Problem("too_large", {"file": file, "size": size, "limit": limit})])
    if not data.strip():
        raise UploadError([Problem("empty", {"file": file})])


def _text(file: str, data: bytes) -> str:
    try:
        return safe_input.decode(data, file)
    except InputError as exc:
        raise UploadError([input_problem(exc)]) from None


# --- levers ---------------------------------------------------------------------------------


def check_levers(
    file: str, items: list[tuple[object, object, tuple[str, int] | None]]
) -> tuple[dict[str, float], list[Problem], list[Problem]]:
    """Validate (name, value, place) items with :func:`pathways.scenario.check_value` (exact
    values kept). Returns levers, errors and warnings (renames)."""
    renames = load_migrations().all_renames()
    cat = catalogue()
    levers: dict[str, float] = {}
    seen: set[str] = set()
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for raw_name, value, place in items:
        name = str(raw_name).strip()
        if not valid_text(name):
            errors.append(Problem("bad_text", {"file": file, "field": shown(name)}))
            continue
        if name not in cat and renames.get(name) in cat:
            warnings.append(
                Problem(
                    "renamed_lever",
                    {"file": file, "place": place, "old": shown(name, 80), "new": renames[name]},
                )
            )
            name = renames[name]
        base = {"file": file, "place": place, "name": shown(name, 80)}
        if name in seen:
            errors.append(Problem("duplicate_lever", base))
            continue
        seen.add(name)
        checked = check_value(name, value)
        if isinstance(checked, LeverProblem):
            errors.append(Problem(checked.code, {**base, **checked.params}))
            continue
        levers[name] = checked
    return levers, errors, warnings


def _raise(problems: list[Problem]) -> None:
    if len(problems) > MAX_PROBLEMS:
        extra = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem("too_many_problems", {"count": extra})]
    raise UploadError(problems)


def _from_document(file: str, doc: object) -> LeverUpload | LibraryUpload:
    if isinstance(doc, dict) and doc.get("format") == LIBRARY_FORMAT:
        entries = doc.get("scenarios")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            _raise(
                [Problem("bad_field", {"file": file, "field": "scenarios", "expected": "a list"})]
            )
        if not entries:
            _raise([Problem("library_empty", {"file": file})])
        return LibraryUpload(file, entries)  # type: ignore[arg-type]
    if not isinstance(doc, dict) or not isinstance(doc.get("levers"), dict):
        _raise([Problem("no_levers", {"file": file})])
    meta = doc.get("scenario", {})  # type: ignore[union-attr]
    if not isinstance(meta, dict):
        _raise([Problem("bad_field", {"file": file, "field": "scenario", "expected": "a table"})])
    items = [(k, v, None) for k, v in doc["levers"].items()]  # type: ignore[index]
    return _lever_upload(file, meta, items)


META_LIMITS = {"name": 200, "region": 64, "preset": 64, "description": 4000}


def _meta(file: str, meta: Mapping[str, object], problems: list[Problem]) -> dict[str, str]:
    """The [scenario] fields as text; a field that is not text, not valid Unicode or too long is
    a problem (never cut or converted silently)."""
    out: dict[str, str] = {}
    for key, limit in META_LIMITS.items():
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not valid_text(value) or len(value) > limit:
            problems.append(Problem("bad_meta", {"file": file, "field": key, "limit": limit}))
            continue
        out[key] = value
    return out


def _lever_upload(file: str, meta: Mapping[str, object], items: list) -> LeverUpload:
    problems: list[Problem] = []
    fields = _meta(file, meta, problems)
    region = fields.get("region", "china")
    preset = fields.get("preset") or None
    if "region" in fields and region not in list_regions():
        known = ", ".join(list_regions())
        problems.append(
            Problem("unknown_region", {"file": file, "region": shown(region), "known": known})
        )
    if preset is not None and preset not in list_presets(None):
        known = ", ".join(list_presets(None))
        problems.append(
            Problem("unknown_preset", {"file": file, "preset": shown(preset), "known": known})
        )
    levers, errors, warnings = check_levers(file, items)
    problems += errors
    if not items:
        problems.append(Problem("no_levers", {"file": file}))
    if problems:
        _raise(problems)
    return LeverUpload(
        file=file,
        name=fields.get("name") or Path(file).stem,
        region=region,
        preset=preset,
        description=fields.get("description", ""),
        levers=levers,
        warnings=warnings,
    )


def _ragged(file: str, rows: list[list[str]], comments: bool = False) -> list[Problem]:
    """One problem per row whose number of cells differs from the header's (never shifted).
    With ``comments``, rows starting with ``#`` are skipped (lever CSV files)."""
    width = len(rows[0])
    return [
        Problem("iamc_ragged", {"file": file, "row": i, "cells": len(row), "columns": width})
        for i, row in enumerate(rows[1:], start=2)
        if len(row) != width
        and any(cell.strip() for cell in row)
        and not (comments and row[0].lstrip().startswith("#"))
    ]


def _duplicate_columns(file: str, header: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for cell in header:
        key = cell.strip().lower()
        if key and key in seen:
            problems.append(Problem("iamc_duplicate_column", {"file": file, "column": shown(cell)}))
        seen.add(key)
    return problems


def _lever_csv(file: str, rows: list[list[str]]) -> LeverUpload:
    header = [h.strip().lower() for h in rows[0]]
    problems = _duplicate_columns(file, rows[0]) + _ragged(file, rows, comments=True)
    if problems:
        _raise(problems)
    name_col = header.index("name") if "name" in header else header.index("lever")
    value_col = header.index("value")
    items = []
    meta: dict[str, object] = {}
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        name, value = row[name_col].strip(), row[value_col]
        if name in ("region", "preset", "scenario_name", "description"):  # optional meta rows
            key = "name" if name == "scenario_name" else name
            if key in meta:
                problems.append(
                    Problem("duplicate_lever", {"file": file, "place": ("row", i), "name": name})
                )
            meta[key] = value.strip()
            continue
        items.append((name, value, ("row", i)))
    if problems:
        _raise(problems)
    return _lever_upload(file, meta, items)


# --- IAMC results ---------------------------------------------------------------------------

YEAR_RANGE = (1900, 2200)
_YEAR = re.compile(r"\d{4}")
_NUMBERISH = re.compile(r"[+-]?[\d.][\d.eE+\-_]*")


def _year(text: str) -> int | None:
    """A whole year in :data:`YEAR_RANGE` written as four digits, else None (2020.7, 1e10, -5,
    2020.0 are refused: the file must say which year it means)."""
    text = text.strip()
    if not _YEAR.fullmatch(text):
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def _bad_year(file: str, row: int, value: str) -> Problem:
    low, high = YEAR_RANGE
    return Problem(
        "iamc_bad_year", {"file": file, "row": row, "value": shown(value), "min": low, "max": high}
    )


def _iamc(file: str, rows: list[list[str]]) -> ResultsUpload:
    """IAMC results, strictly: a row with too few or too many cells, a column or a value given
    twice, a year that is not four digits in range, a value that is not a number: each is
    reported, nothing is guessed."""
    header = [cell.strip() for cell in rows[0]]
    names = [
        h.title() if h.title() in IAMC_COLUMNS or h.lower() in ("year", "value") else h
        for h in header
    ]
    missing = [c for c in IAMC_COLUMNS if c not in names]
    if missing:
        _raise([Problem("iamc_missing_columns", {"file": file, "missing": ", ".join(missing)})])
    problems = _duplicate_columns(file, rows[0]) + _ragged(file, rows)
    if problems:
        _raise(problems)
    body = [(i, row) for i, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]
    if not body:
        _raise([Problem("iamc_no_rows", {"file": file})])
    key_cols = [names.index(c) for c in IAMC_COLUMNS]
    seen: dict[tuple, int] = {}
    records: list[dict[object, object]] = []
    if "Year" in names and "Value" in names:  # long form
        y_col, v_col = names.index("Year"), names.index("Value")
        values: dict[tuple, float] = {}
        for i, row in body:
            year = _year(row[y_col])
            if year is None:
                problems.append(_bad_year(file, i, row[y_col]))
                continue
            number = _number(row[v_col])
            if number is None:
                problems.append(_not_number(file, i, "Value", row[v_col]))
                continue
            key = (*(row[c] for c in key_cols), year)
            if key in seen:
                problems.append(_duplicate_row(file, i, seen[key], key))
                continue
            seen[key] = i
            values[key] = number
        if problems:
            _raise(problems)
        wide: dict[tuple, dict[object, object]] = {}
        for (*ident, year), number in values.items():
            wide.setdefault(tuple(ident), dict(zip(IAMC_COLUMNS, ident, strict=True)))[year] = (
                number
            )
        frame = pd.DataFrame(list(wide.values()))
        years = sorted({k for k in frame.columns if isinstance(k, int)})
        return ResultsUpload(file, frame[list(IAMC_COLUMNS) + years])
    year_cols: dict[int, int] = {}
    for j, cell in enumerate(header):
        if j in key_cols:
            continue
        year = _year(cell)
        if year is not None:
            year_cols[j] = year
        elif _NUMBERISH.fullmatch(cell):  # looks like a year but is not one
            problems.append(_bad_year(file, 1, cell))
    if not year_cols and not problems:
        _raise([Problem("iamc_no_years", {"file": file})])
    for i, row in body:
        key = tuple(row[c] for c in key_cols)
        if key in seen:
            problems.append(_duplicate_row(file, i, seen[key], key))
            continue
        seen[key] = i
        record: dict[object, object] = dict(zip(IAMC_COLUMNS, key, strict=True))
        for j, year in year_cols.items():
            cell = row[j]
            if not cell.strip():
                record[year] = math.nan
                continue
            number = _number(cell)
            if number is None:
                problems.append(_not_number(file, i, header[j], cell))
            record[year] = number
        records.append(record)
    if problems:
        _raise(problems)
    frame = pd.DataFrame(records)
    return ResultsUpload(file, frame[list(IAMC_COLUMNS) + sorted(year_cols.values())])


def _duplicate_row(file: str, row: int, first: int, key: tuple) -> Problem:
    text = shown(" | ".join(str(k) for k in key), 80)
    return Problem("iamc_duplicate_row", {"file": file, "row": row, "first": first, "key": text})


def _not_number(file: str, row: int, column: object, value: str) -> Problem:
    return Problem(
        "iamc_not_a_number",
        {"file": file, "row": row, "column": shown(column), "value": shown(value)},
    )


def _number(value: str) -> float | None:
    """A finite number written plainly (the lever files' rule: no nan, inf, 1_000 or hex)."""
    number = parse_number(value)
    return number if number is not None and math.isfinite(number) else None


# --- entry point ----------------------------------------------------------------------------


def read_upload(
    file: str, data: bytes, max_mb: float | None = None
) -> LeverUpload | LibraryUpload | ResultsUpload:
    """Parse and validate an uploaded file; raise :class:`UploadError` with every problem found."""
    file = shown(Path(str(file)).name, 120) or "upload"
    _check_size(file, data, configured_max_mb() if max_mb is None else max_mb)
    text = _text(file, data)
    suffix = Path(file).suffix.lower()
    if suffix in safe_input.LOADERS:
        try:
            doc = safe_input.LOADERS[suffix][1](text, file)  # bounded depth, numbers, Unicode
        except InputError as exc:
            _raise([input_problem(exc)])
        return _from_document(file, doc)
    if suffix in (".csv", ".txt"):
        try:
            rows = list(csv.reader(io.StringIO(text), strict=True))
        except csv.Error as exc:
            _raise(
                [Problem("bad_syntax", {"file": file, "format": "CSV", "detail": str(exc)[:200]})]
            )
        rows = [r for r in rows if r]
        header = {h.strip().lower() for h in rows[0]} if rows else set()
        if {"model", "scenario", "region", "variable", "unit"} <= header:
            return _iamc(file, rows)
        if ("name" in header or "lever" in header) and "value" in header:
            return _lever_csv(file, rows)
        if header & {"model", "scenario", "variable"}:
            return _iamc(file, rows)  # reports the missing IAMC columns
    raise UploadError([Problem("wrong_format", {"file": file})])
