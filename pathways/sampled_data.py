"""Base data with one value per sample: the model's data rows made uncertain.

The model computes on (samples, years) arrays. :func:`with_samples` returns a copy of the base
data in which chosen scalars and emission factors are (S, 1) arrays (one value per sample) and
chosen paths carry an (S, Y) multiplier (:meth:`pathways.data.BaseData.series`), so one batch
call evaluates every sample with its own data.

The copy keeps the central data's calibration (the 2021-2024 demand factors of
:mod:`pathways.calibration`, solved once on the central values) and the mine-restoration data:
a sampled parameter acts on top of the calibrated model. Other values the modules derive from
the data and keep on ``base.extra`` are derived again from the sampled values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from pathways import model
from pathways.data import BaseData, DataError

KEPT_EXTRAS = ("demand_factors", "restoration")  # central values kept by a sampled copy


def with_samples(
    base: BaseData,
    samples: int,
    scalars: Mapping[str, np.ndarray] | None = None,
    emission_factors: Mapping[str, np.ndarray] | None = None,
    series_factors: Mapping[str, np.ndarray] | None = None,
) -> BaseData:
    """A copy of ``base`` whose listed values differ by sample.

    ``scalars`` and ``emission_factors``: name -> (S,) values in the row's own unit;
    ``series_factors``: path name -> (S, Y) multipliers of the path. Names the data lacks raise
    :class:`DataError`. The copy shares nothing mutable with ``base`` but the kept extras.
    """
    model.calibrate(base)  # the demand factors, solved on the central values
    sampled_scalars = dict(base.scalars)
    for name, values in (scalars or {}).items():
        if name not in base.scalars:
            raise DataError(f"data/{base.region}: no value named '{name}' to sample")
        sampled_scalars[name] = _column(values, samples, name)
    factors = dict(base.emission_factors)
    for carrier, values in (emission_factors or {}).items():
        if carrier not in base.emission_factors:
            raise DataError(f"data/{base.region}/emission_factors.csv: no carrier '{carrier}'")
        factors[carrier] = _column(values, samples, carrier)
    series = dict(base.series_factors)
    for name, values in (series_factors or {}).items():
        if name not in base.paths:
            raise DataError(f"data/{base.region}/paths.csv: no path named '{name}' to sample")
        array = np.asarray(values, dtype=float)
        if array.ndim != 2 or array.shape[0] != samples:
            raise ValueError(f"factors of path '{name}' must be ({samples}, years)")
        series[name] = array
    extra = {k: base.extra[k] for k in KEPT_EXTRAS if k in base.extra}
    return dataclasses.replace(
        base,
        scalars=sampled_scalars,
        emission_factors=factors,
        series_factors=series,
        extra=extra,
    )


def _column(values: np.ndarray, samples: int, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).reshape(-1)
    if array.size != samples:
        raise ValueError(f"'{name}': {array.size} values for {samples} samples")
    return array[:, None]
