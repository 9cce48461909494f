"""Access to lever arrays inside the model: scalars as (S, 1) columns, targets as (S, Y) paths."""

from __future__ import annotations

import numpy as np

from pathways.scenario import catalogue
from pathways.timepaths import BASE_YEAR, history_then_target


class LeverSet:
    """Complete lever arrays of shape (S,) for S samples, on the year axis ``years``.

    ``history`` maps a target lever to its observed anchors (years, values) after 2020; target
    paths follow them up to 2024 and ramp to the lever's target afterwards.
    """

    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        years: np.ndarray,
        history: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
        half_life: float | None = None,
    ) -> None:
        self.arrays = arrays
        self.years = years
        self.history = history or {}
        self.half_life = half_life
        self.samples = len(next(iter(arrays.values())))
        self._catalogue = catalogue()

    @property
    def catalogue(self):
        """The lever catalogue (name -> lever spec)."""
        return self._catalogue

    def with_history(
        self, history: dict[str, tuple[np.ndarray, np.ndarray]], half_life: float | None = None
    ) -> LeverSet:
        """The same levers following observed ``history`` to 2024; with ``half_life`` (years)
        paths of levers with observations leave 2024 with their 2020-2024 trend (momentum)."""
        return LeverSet(self.arrays, self.years, history, half_life)

    def value(self, name: str) -> np.ndarray:
        """A lever as an (S, 1) column, ready to broadcast against (S, Y)."""
        return self.arrays[name][:, None]

    def path(self, name: str, base_value: float) -> np.ndarray:
        """The (S, Y) path of a target lever: ``base_value`` in 2020, observed values to 2024
        where the data has them, then a ramp to the lever's target by its target year (levers
        with observations keep their 2020-2024 momentum, see :func:`history_then_target`)."""
        lever = self._catalogue[name]
        anchor_years, anchor_values = self.history.get(name, ((), ()))
        return history_then_target(
            np.array([BASE_YEAR, *anchor_years], dtype=float),
            np.array([base_value, *anchor_values], dtype=float),
            self.arrays[name],
            self.arrays[lever.pair],
            self.years,
            lever.ramp,
            self.half_life if len(anchor_years) else None,
        )
