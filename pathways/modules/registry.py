"""Data loaders that modules with data of their own register (called by pathways.data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

DATA_LOADERS: list[Callable[[Path, object], None]] = []
