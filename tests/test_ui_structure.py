"""The UI's structure rules: one module caches and calls the model (pathways/ui/cached_api.py);
the model core never imports streamlit."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "pathways" / "ui"
MODEL_CALLS = re.compile(
    r"st\.cache_(data|resource)|\bmodel\.run\(|contributions\.shapley\(|effects\.zero_effects\(|"
    r"compare\.compare\(|load_region\("
)


def test_only_cached_api_caches_or_runs_the_model():
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "cached_api.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if MODEL_CALLS.search(code) and "cached_api." not in code:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders


def test_the_model_core_never_imports_streamlit():
    for path in (ROOT / "pathways").rglob("*.py"):
        if UI in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", text, re.M), path
