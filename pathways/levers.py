"""Access to lever arrays inside the model: scalars as (S, 1) columns, targets as (S, Y) paths."""

from __future__ import annotations

import numpy as np

from pathways.scenario import catalogue
from pathways.timepaths import target_path


class LeverSet:
    """Complete lever arrays of shape (S,) for S samples, on the year axis ``years``."""

    def __init__(self, arrays: dict[str, np.ndarray], years: np.ndarray) -> None:
        self.arrays = arrays
        self.years = years
        self.samples = len(next(iter(arrays.values())))
        self._catalogue = catalogue()

    def value(self, name: str) -> np.ndarray:
        """A lever as an (S, 1) column, ready to broadcast against (S, Y)."""
        return self.arrays[name][:, None]

    def path(self, name: str, base_value: float | np.ndarray) -> np.ndarray:
        """The (S, Y) path of a target lever from ``base_value`` in 2020 to its target by its year."""
        lever = self._catalogue[name]
        return target_path(
            base_value, self.arrays[name], self.arrays[lever.pair], self.years, lever.ramp
        )
