"""Shared fixtures and helpers: base data, presets, random in-range lever sets, the dashboard in
AppTest, a private data folder and raw library records."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pathways import model, scenario
from pathways.data import DATA_DIR, DataError
from pathways.region import load_region
from pathways.store import Store, scenarios

APP = str(Path(__file__).resolve().parent.parent / "app.py")
APP_TIMEOUT = 60  # s: the first run imports and calibrates the model


@pytest.fixture(scope="session")
def base():
    return load_region("china")


@pytest.fixture(scope="session")
def preset_results():
    return {name: model.run(scenario.complete(preset=name)) for name in scenario.list_presets()}


def random_lever_sets(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """n lever sets drawn uniformly within each lever's range (years whole)."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, lever in scenario.catalogue().items():
        values = rng.uniform(lever.min, lever.max, n)
        out[name] = np.round(values) if lever.kind == "year" else values
    return out


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/china to corrupt."""
    shutil.copytree(DATA_DIR / "china", tmp_path / "china")
    return tmp_path


def load_error(root: Path, file: str, row: int, column: str, value: str) -> str:
    """Corrupt one cell of ``root/china/file`` and return the message loading the region gives."""
    corrupt(root / "china" / file, row, column, value)
    load_region.cache_clear()
    try:
        with pytest.raises(DataError) as info:
            load_region("china", root)
    finally:
        load_region.cache_clear()
    return str(info.value)


def corrupt(path, row: int, column: str, value: str) -> None:
    """Overwrite one cell of a CSV file (row 1 = header) to test data validation."""
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def open_app(**params: str) -> AppTest:
    """The dashboard with these URL query parameters, run once, without an exception."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A private PATHWAYS_DATA_DIR (the app's SQLite library lives there), no PostgreSQL URL."""
    monkeypatch.delenv("PATHWAYS_DB_URL", raising=False)
    monkeypatch.setenv("PATHWAYS_DATA_DIR", str(tmp_path))
    return tmp_path


def insert_old_record(lib: Store, levers: dict, version: int, uid: str, name: str) -> int:
    """Write a library record as an older release would have (raw row, its lever names)."""
    with lib.engine.begin() as conn:
        result = conn.execute(
            scenarios.insert().values(
                uid=uid,
                name=name,
                description="",
                region="china",
                preset=None,
                levers=levers,
                schema_version=version,
                catalogue_version="old",
                model_version="0.0.1",
                created_at="2025-01-01T00:00:00.000000Z",
                updated_at="2025-01-01T00:00:00.000000Z",
            )
        )
    return int(result.inserted_primary_key[0])


def rendered(markdown: str) -> str:
    """The text a Markdown element shows: backslash escapes of ASCII punctuation and word joiners
    removed (what ``pathways.ui.text.plain`` adds so user text never renders as links, images or
    HTML)."""
    import re
    import string

    text = markdown.replace("\u2060", "")
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", text)


def lever_slider(at: AppTest, name: str):
    """The sidebar slider of lever ``name``: selects its path first (the sidebar shows the
    levers of one path at a time)."""
    module = scenario.catalogue()[name].module
    try:
        lang = at.session_state["lang"]
    except KeyError:
        lang = "en"
    group = at.radio(key=f"w.group.{lang}")
    if group.value != module:
        group.set_value(module).run()
    return at.slider(key=f"lv.{name}")
