"""A region's base data: the shared data files (:func:`pathways.data.load_core`) plus the data
files of every pluggable module (its ``load_data``, :mod:`pathways.modules`). Data loading does
not reach up into modules; this module, above both, puts them together."""

from __future__ import annotations

import functools
from pathlib import Path

from pathways import modules
from pathways.data import BaseData, load_core, region_root


@functools.lru_cache(maxsize=8)
def load_region(region: str = "china", data_dir: Path | None = None) -> BaseData:
    """Load, validate and cache the base data of ``region`` (a folder under ``data/``)."""
    root = region_root(region, data_dir)
    base = load_core(region, data_dir)
    for module in modules.discovered():
        if module.load_data is not None:
            module.load_data(root, base)
    return base
