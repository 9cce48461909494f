"""Data loaders that modules with data of their own register (called by pathways.data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def _restoration(root: Path, base: object) -> None:
    """Mine restoration data (data/<region>/mine_*.csv) -> base.extra['restoration']."""
    from pathways.modules import mine_data

    mine_data.load(root, base)  # type: ignore[arg-type]


DATA_LOADERS: list[Callable[[Path, object], None]] = [_restoration]
