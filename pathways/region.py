"""A region's base data: the shared data files (:func:`pathways.data.load_core`), the data
files of every pluggable module (its ``load_data``, :mod:`pathways.modules`) and the uncertain
inputs (:mod:`pathways.uncertain_inputs`), all validated when the region is loaded. Data loading does
not reach up into modules; this module, above both, puts them together."""

from __future__ import annotations

import functools
from pathlib import Path

from pathways import modules, uncertain_inputs
from pathways.data import BaseData, load_core, region_root
from pathways.scenario import catalogue

UNCERTAINTY_KEY = "uncertainty"  # base.extra: the region's uncertain inputs (pathways.ensemble)


@functools.lru_cache(maxsize=8)
def load_region(region: str = "china", data_dir: Path | None = None) -> BaseData:
    """Load, validate and cache the base data of ``region`` (a folder under ``data/``)."""
    root = region_root(region, data_dir)
    base = load_core(region, data_dir)
    for module in modules.discovered():
        if module.load_data is not None:
            module.load_data(root, base)
    base.extra[UNCERTAINTY_KEY] = uncertain_inputs.load(base, tuple(catalogue()), data_dir)
    return base
