"""Model results: IAMC-style variables shaped (samples, years) plus per-sample indicators."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Result:
    """Variables (name -> (S, Y) array, unit in :attr:`units`) and indicators (name -> (S,))."""

    years: np.ndarray
    variables: dict[str, np.ndarray]
    units: dict[str, str]
    indicators: dict[str, np.ndarray]
    region: str = "china"

    @property
    def samples(self) -> int:
        return next(iter(self.variables.values())).shape[0]

    def __getitem__(self, variable: str) -> np.ndarray:
        return self.variables[variable]

    def sample(self, index: int) -> Result:
        """The result of one sample (still shaped (1, Y))."""
        return Result(
            years=self.years,
            variables={k: v[index : index + 1] for k, v in self.variables.items()},
            units=self.units,
            indicators={k: v[index : index + 1] for k, v in self.indicators.items()},
            region=self.region,
        )

    def at(self, variable: str, year: int) -> np.ndarray:
        """Values of ``variable`` in ``year`` for every sample, shape (S,)."""
        return self.variables[variable][:, int(np.searchsorted(self.years, year))]
