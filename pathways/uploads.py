"""Uploaded files: lever files (TOML, JSON, CSV), library exports and IAMC results CSV.

Nothing here raises on a user's file except :class:`UploadError`, which carries one or more
:class:`Problem` objects: a message key (see :data:`MESSAGES`, English and Chinese in one place)
and its parameters, so the dashboard shows each problem in the user's language.

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
import json
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pathways.data import list_regions
from pathways.lever_units import lever_unit
from pathways.migrate import load_migrations
from pathways.scenario import catalogue, complete, list_presets

STREAMLIT_DEFAULT_MAX_MB = 200  # Streamlit's own default for server.maxUploadSize
MAX_PROBLEMS = 20
LIBRARY_FORMAT = "pathways-scenarios"
IAMC_COLUMNS = ("Model", "Scenario", "Region", "Variable", "Unit")
CONFIG_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"

MESSAGES: dict[str, dict[str, str]] = {
    "too_large": {
        "en": "{file} is {size}; files up to {limit} can be uploaded.",
        "zh": "文件 {file} 大小为 {size}，上传上限为 {limit}。",
    },
    "empty": {
        "en": "{file} is empty.",
        "zh": "文件 {file} 为空。",
    },
    "not_text": {
        "en": "{file} is not a text file in UTF-8 (save it as UTF-8 CSV, TOML or JSON).",
        "zh": "文件 {file} 不是UTF-8文本文件（请另存为UTF-8编码的CSV、TOML或JSON）。",
    },
    "wrong_format": {
        "en": "{file}: not a file this tool reads. Upload a lever file (TOML or JSON with a "
        "[levers] table, or CSV with columns name,value) or IAMC results (CSV with columns Model, "
        "Scenario, Region, Variable, Unit and years).",
        "zh": "{file}：无法识别的文件。请上传参数文件（含[levers]表的TOML或JSON，或列为name,value的"
        "CSV）或IAMC结果（列为Model、Scenario、Region、Variable、Unit及年份的CSV）。",
    },
    "bad_syntax": {
        "en": "{file}: not valid {format}: {detail}",
        "zh": "{file}：不是有效的{format}格式：{detail}",
    },
    "no_levers": {
        "en": "{file}: no lever settings found (expected a [levers] table or name,value rows).",
        "zh": "{file}：未找到参数设置（应包含[levers]表或name,value行）。",
    },
    "unknown_lever": {
        "en": "{where}unknown lever '{name}'{hint}.",
        "zh": "{where}未知参数“{name}”{hint}。",
    },
    "duplicate_lever": {
        "en": "{where}lever '{name}' is set twice.",
        "zh": "{where}参数“{name}”重复设置。",
    },
    "not_a_number": {
        "en": "{where}lever '{name}': '{value}' is not a number; allowed: {min} to {max} {unit}.",
        "zh": "{where}参数“{name}”：“{value}”不是数字；允许范围：{min}至{max} {unit}。",
    },
    "out_of_range": {
        "en": "{where}lever '{name}': {value} is out of range; allowed: {min} to {max} {unit}.",
        "zh": "{where}参数“{name}”：{value} 超出范围；允许范围：{min}至{max} {unit}。",
    },
    "not_whole_year": {
        "en": "{where}lever '{name}': {value} is not a whole year; allowed: {min} to {max}.",
        "zh": "{where}参数“{name}”：{value} 不是整数年份；允许范围：{min}至{max}。",
    },
    "renamed_lever": {
        "en": "{where}lever '{old}' is now called '{new}'; the value was applied to '{new}'.",
        "zh": "{where}参数“{old}”已更名为“{new}”，数值已应用于“{new}”。",
    },
    "unknown_region": {
        "en": "{file}: unknown region '{region}' (available: {known}).",
        "zh": "{file}：未知地区“{region}”（可用：{known}）。",
    },
    "unknown_preset": {
        "en": "{file}: unknown preset '{preset}' (available: {known}).",
        "zh": "{file}：未知预设情景“{preset}”（可用：{known}）。",
    },
    "bad_field": {
        "en": "{file}: '{field}' must be {expected}.",
        "zh": "{file}：“{field}”应为{expected}。",
    },
    "library_empty": {
        "en": "{file}: the library export holds no scenarios.",
        "zh": "{file}：情景库导出文件中没有情景。",
    },
    "iamc_missing_columns": {
        "en": "{file}: IAMC results need the columns {missing}.",
        "zh": "{file}：IAMC结果缺少列 {missing}。",
    },
    "iamc_no_years": {
        "en": "{file}: no year columns found (e.g. 2020, 2030 ...).",
        "zh": "{file}：未找到年份列（如2020、2030……）。",
    },
    "iamc_not_a_number": {
        "en": "{file}: row {row}, {column}: '{value}' is not a number.",
        "zh": "{file}：第{row}行，{column}列：“{value}”不是数字。",
    },
    "iamc_no_rows": {
        "en": "{file}: the results table has no rows.",
        "zh": "{file}：结果表没有数据行。",
    },
    "too_many_problems": {
        "en": "... and {count} more problem(s).",
        "zh": "……另有{count}个问题。",
    },
}
WHERE = {"en": "{file}, {place}: ", "zh": "{file}，{place}："}
PLACE = {"row": {"en": "row {n}", "zh": "第{n}行"}}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload: a message key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        lang = "zh" if lang == "zh" else "en"
        params = dict(self.params)
        template = MESSAGES[self.key][lang]
        if isinstance(params.get("unit"), str):
            params["unit"] = lever_unit(params["unit"], lang)
        place = params.pop("place", None)
        close = params.pop("close", None)
        if "{where}" in template:
            file = params.get("file", "")
            if place:
                kind, n = place
                where = PLACE[kind][lang].format(n=n)
                params["where"] = WHERE[lang].format(file=file, place=where)
            else:
                params["where"] = f"{file}: " if file else ""
        if "{hint}" in template:
            if not close:
                params["hint"] = ""
            elif lang == "zh":
                params["hint"] = "（是否为：" + "、".join(close) + "？）"
            else:
                params["hint"] = f" (did you mean {', '.join(close)}?)"
        return MESSAGES[self.key][lang].format(**params)


class UploadError(ValueError):
    """An upload was rejected; :attr:`problems` lists why (at most :data:`MAX_PROBLEMS`)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message("en") for p in problems))

    def messages(self, lang: str = "en") -> list[str]:
        return [p.message(lang) for p in self.problems]


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
        rows = self.frame[
            (self.frame["Scenario"].astype(str) == scenario) & (self.frame["Variable"] == variable)
        ]
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
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError([Problem("not_text", {"file": file})]) from None


# --- levers ---------------------------------------------------------------------------------


def check_levers(
    file: str, items: list[tuple[object, object, tuple[str, int] | None]]
) -> tuple[dict[str, float], list[Problem], list[Problem]]:
    """Validate (name, value, place) items. Returns levers, errors and warnings (renames)."""
    cat = catalogue()
    renames = load_migrations().all_renames()
    levers: dict[str, float] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for raw_name, value, place in items:
        name = str(raw_name).strip()
        base = {"file": file, "place": place, "name": name[:80]}
        if name not in cat and renames.get(name) in cat:
            warnings.append(
                Problem(
                    "renamed_lever",
                    {"file": file, "place": place, "old": name, "new": renames[name]},
                )
            )
            name = renames[name]
            base["name"] = name
        if name not in cat:
            low = name.lower()
            close = [n for n in cat if low and (low in n or n in low)][:3]
            errors.append(Problem("unknown_lever", {**base, "close": close}))
            continue
        lever = cat[name]
        limits = {"min": f"{lever.min:g}", "max": f"{lever.max:g}", "unit": lever.unit}
        if name in levers:
            errors.append(Problem("duplicate_lever", base))
            continue
        shown = str(value)[:40]
        number = None
        if not isinstance(value, bool):
            try:
                number = float(str(value).strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                number = None
        if number is None or math.isnan(number):
            errors.append(Problem("not_a_number", {**base, **limits, "value": shown}))
            continue
        if not math.isfinite(number) or not lever.min <= number <= lever.max:
            errors.append(Problem("out_of_range", {**base, **limits, "value": shown}))
            continue
        if lever.kind == "year" and number != round(number):
            errors.append(Problem("not_whole_year", {**base, **limits, "value": shown}))
            continue
        levers[name] = number
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


def _lever_upload(file: str, meta: Mapping[str, object], items: list) -> LeverUpload:
    problems: list[Problem] = []
    region = str(meta.get("region", "china"))
    preset = meta.get("preset") or None
    if region not in list_regions():
        known = ", ".join(list_regions())
        problems.append(
            Problem("unknown_region", {"file": file, "region": region[:40], "known": known})
        )
    if preset is not None and preset not in list_presets():
        known = ", ".join(list_presets())
        problems.append(
            Problem("unknown_preset", {"file": file, "preset": str(preset)[:40], "known": known})
        )
    levers, errors, warnings = check_levers(file, items)
    problems += errors
    if not items:
        problems.append(Problem("no_levers", {"file": file}))
    if problems:
        _raise(problems)
    return LeverUpload(
        file=file,
        name=str(meta.get("name", Path(file).stem))[:200],
        region=region,
        preset=str(preset) if preset else None,
        description=str(meta.get("description", ""))[:2000],
        levers=levers,
        warnings=warnings,
    )


def _lever_csv(file: str, text: str, rows: list[list[str]]) -> LeverUpload:
    header = [h.strip().lower() for h in rows[0]]
    name_col = header.index("name") if "name" in header else header.index("lever")
    value_col = header.index("value")
    items = []
    meta: dict[str, object] = {}
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        cells = row + [""] * (max(name_col, value_col) + 1 - len(row))
        name, value = cells[name_col].strip(), cells[value_col]
        if name in ("region", "preset", "scenario_name", "description"):  # optional meta rows
            meta["name" if name == "scenario_name" else name] = value.strip()
            continue
        items.append((name, value, ("row", i)))
    return _lever_upload(file, meta, items)


# --- IAMC results ---------------------------------------------------------------------------


def _iamc(file: str, text: str) -> ResultsUpload:
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        _raise([Problem("bad_syntax", {"file": file, "format": "CSV", "detail": str(exc)[:200]})])
    rename = {c: c.strip().title() for c in frame.columns if c.strip().title() in IAMC_COLUMNS}
    rename.update(
        {c: c.strip().title() for c in frame.columns if c.strip().lower() in ("year", "value")}
    )
    frame = frame.rename(columns=rename)
    missing = [c for c in IAMC_COLUMNS if c not in frame.columns]
    if missing:
        _raise([Problem("iamc_missing_columns", {"file": file, "missing": ", ".join(missing)})])
    if frame.empty:
        _raise([Problem("iamc_no_rows", {"file": file})])
    if "Year" in frame.columns and "Value" in frame.columns:  # long form
        problems = _non_numeric(file, frame, ("Year", "Value"), allow_blank=False)
        if problems:
            _raise(problems)
        frame["Year"] = frame["Year"].map(lambda v: int(float(v)))
        frame["Value"] = frame["Value"].map(_to_float)
        wide = frame.pivot_table(
            index=list(IAMC_COLUMNS), columns="Year", values="Value", aggfunc="first"
        )
        wide = wide.reset_index()
        wide.columns = [c if isinstance(c, str) else int(c) for c in wide.columns]
        return ResultsUpload(file, wide)
    years = {c: int(c.strip()) for c in frame.columns if re.fullmatch(r"\s*\d{4}\s*", str(c))}
    if not years:
        _raise([Problem("iamc_no_years", {"file": file})])
    frame = frame.rename(columns=years)
    problems = _non_numeric(file, frame, tuple(years.values()), allow_blank=True)
    if problems:
        _raise(problems)
    for year in years.values():
        frame[year] = frame[year].map(lambda v: _to_float(v) if v.strip() else math.nan)
    return ResultsUpload(file, frame[list(IAMC_COLUMNS) + sorted(years.values())])


def _non_numeric(
    file: str, frame: pd.DataFrame, columns: tuple, allow_blank: bool
) -> list[Problem]:
    """One problem per cell of ``columns`` that is not a number (row 2 = first data row)."""
    problems = []
    for column in columns:
        for i, value in enumerate(frame[column], start=2):
            if allow_blank and str(value).strip() == "":
                continue
            if _to_float(value) is None:
                problems.append(
                    Problem(
                        "iamc_not_a_number",
                        {"file": file, "row": i, "column": column, "value": str(value)[:40]},
                    )
                )
    return problems


def _to_float(value: object) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# --- entry point ----------------------------------------------------------------------------


# suffix -> (format name in messages, parser, the parser's syntax error)
DOCUMENT_PARSERS = {
    ".toml": ("TOML", tomllib.loads, tomllib.TOMLDecodeError),
    ".json": ("JSON", json.loads, json.JSONDecodeError),
}


def read_upload(
    file: str, data: bytes, max_mb: float | None = None
) -> LeverUpload | LibraryUpload | ResultsUpload:
    """Parse and validate an uploaded file; raise :class:`UploadError` with every problem found."""
    file = Path(str(file)).name[:120] or "upload"
    _check_size(file, data, configured_max_mb() if max_mb is None else max_mb)
    text = _text(file, data)
    suffix = Path(file).suffix.lower()
    if suffix in DOCUMENT_PARSERS:
        label, parse, error = DOCUMENT_PARSERS[suffix]
        try:
            doc = parse(text)
        except error as exc:
            _raise(
                [Problem("bad_syntax", {"file": file, "format": label, "detail": str(exc)[:200]})]
            )
        return _from_document(file, doc)
    if suffix in (".csv", ".txt"):
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            _raise(
                [Problem("bad_syntax", {"file": file, "format": "CSV", "detail": str(exc)[:200]})]
            )
        rows = [r for r in rows if r]
        header = {h.strip().lower() for h in rows[0]} if rows else set()
        if {"model", "scenario", "region", "variable", "unit"} <= header:
            return _iamc(file, text)
        if ("name" in header or "lever" in header) and "value" in header:
            return _lever_csv(file, text, rows)
        if header & {"model", "scenario", "variable"}:
            return _iamc(file, text)  # reports the missing IAMC columns
    raise UploadError([Problem("wrong_format", {"file": file})])
