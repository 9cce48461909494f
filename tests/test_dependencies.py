"""The project's declared dependencies are complete: every third-party module that the package,
the tests or the benchmarks import (statically, or by name at run time such as the PostgreSQL
driver behind a SQLAlchemy URL) belongs to a distribution listed in pyproject.toml's
dependencies or its ``test`` extras. A fresh virtual environment then has all of them."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"pathways", "tests", "benchmarks", "app"}
# modules loaded by name rather than by an import statement: SQLAlchemy URL driver -> module
RUNTIME_IMPORTS = {"postgresql+psycopg": "psycopg", "playwright.sync_api": "playwright"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_normal(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]) for spec in specs}


def imported_modules() -> dict[str, str]:
    """Top-level module -> first file importing it, over pathways/, tests/, benchmarks/, app.py."""
    files = [ROOT / "app.py"]
    for folder in ("pathways", "tests", "benchmarks"):
        files += sorted((ROOT / folder).rglob("*.py"))
    found: dict[str, str] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
        for marker, module in RUNTIME_IMPORTS.items():
            if marker in text:
                found.setdefault(module, str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    distributions = packages_distributions()
    wanted = declared()
    missing = []
    for module, where in sorted(imported_modules().items()):
        if module in LOCAL or module in sys.stdlib_module_names or module.startswith("_"):
            continue
        dists = {_normal(d) for d in distributions.get(module, [module])}
        if not dists & wanted:
            missing.append(f"{module} (imported in {where}; distribution {sorted(dists)})")
    assert not missing, "not in pyproject dependencies or test extras: " + "; ".join(missing)


def test_the_scan_sees_what_it_must():
    modules = imported_modules()
    for module in ("numpy", "streamlit", "pytest", "psycopg", "playwright", "hypothesis"):
        assert module in modules, module
