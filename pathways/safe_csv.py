"""CSV that is safe to open in a spreadsheet: user text never runs as a formula.

A cell whose text starts with ``= + - @`` (or their full-width forms), a tab or a carriage return
is read by Excel, LibreOffice and Google Sheets as a formula (CSV/formula injection). Such text
cells get a leading apostrophe, which spreadsheets show as plain text. Numbers stay numbers:
only string cells are touched, so a negative emission value is still ``-123.4``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

# the full-width forms too: spreadsheets read them as formula triggers
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> object:
    """``value`` with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value:
        stripped = value.lstrip(" \u3000")
        if value.startswith(TRIGGERS) or stripped.startswith(TRIGGERS):
            return "'" + value
    return value


def safe_frame(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (of ``columns``, default all) neutralised,
    and text column headers too."""
    out = frame.copy()
    targets = list(out.columns) if columns is None else [c for c in columns if c in out.columns]
    for column in targets:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[column] = series.map(neutralise)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def to_safe_csv(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> str:
    """CSV text of ``frame`` with user text neutralised (numbers to 6 significant digits)."""
    return safe_frame(frame, columns).to_csv(index=False, float_format="%.6g", lineterminator="\n")
