"""An :class:`~pathways.ensemble.Ensemble` as tables: IAMC quantile scenarios and a summary of
the indicators' distributions (net-zero year, peak year, 2060 net CO2)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.ensemble import QUANTILES, Ensemble
from pathways.export import IAMC_INDEX, MODEL_NAME


def quantile_label(q: float) -> str:
    """0.05 -> 'p05'."""
    return f"p{round(q * 100):02d}"


def ensemble_iamc(ensemble: Ensemble, name: str, model: str = MODEL_NAME) -> pd.DataFrame:
    """IAMC wide rows: for each kept variable, scenario ``<name>|p05`` ... ``|p95`` (the
    quantile across samples in each year) and ``<name>|mean``."""
    region = "China" if ensemble.spec.region == "china" else ensemble.spec.region.title()
    rows = []
    for variable, values in ensemble.variables.items():
        unit = ensemble.units[variable]
        data = np.asarray(values, dtype=float)
        bands = np.quantile(data, QUANTILES, axis=0)
        for q, band in zip(QUANTILES, bands, strict=True):
            rows.append([model, f"{name}|{quantile_label(q)}", region, variable, unit, *band])
        rows.append([model, f"{name}|mean", region, variable, unit, *data.mean(axis=0)])
    columns = IAMC_INDEX + [int(y) for y in ensemble.years]
    return pd.DataFrame(rows, columns=columns)


def net_zero_by(ensemble: Ensemble, years: tuple[int, ...] = (2050, 2055, 2060)) -> dict:
    """P(net zero by year) for each year (0..1)."""
    return {y: ensemble.p_net_zero_by(y) for y in years if y <= ensemble.years[-1]}


def year_distribution(ensemble: Ensemble, indicator: str) -> tuple[np.ndarray, np.ndarray]:
    """(years, share of samples) of a year indicator; NaN (never) is left out of the years and
    is 1 - the shares' sum."""
    values = ensemble.indicators[indicator]
    reached = values[~np.isnan(values)]
    years, counts = np.unique(reached, return_counts=True)
    return years.astype(int), counts / values.size


def summary_lines(ensemble: Ensemble) -> list[str]:
    """A few lines for the terminal: samples, P(net zero by ...), quantiles of the net-zero
    year, the peak year and net CO2 in the last year up to 2060."""
    lines = [f"{ensemble.samples} samples of {len(ensemble.parameters)} uncertain inputs"]
    for year, p in net_zero_by(ensemble).items():
        lines.append(f"P(net zero by {year}) = {100 * p:.1f} %")
    for key, unit in (("peak_year", ""), ("net_2060", " Mt CO2/yr")):
        values = ensemble.indicators[key]
        values = values[~np.isnan(values)]
        if values.size:
            p05, p50, p95 = np.quantile(values, (0.05, 0.5, 0.95))
            lines.append(f"{key}: median {p50:.6g}{unit} (5-95 %: {p05:.6g} to {p95:.6g})")
    return lines
