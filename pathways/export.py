"""Results as IAMC tables (wide: Model, Scenario, Region, Variable, Unit, 2020 ... ; long: tidy).

Only the variables that ``data/variables.csv`` marks ``iamc = yes`` are written: the
``Diagnostics|...`` variables (utilisation, ceilings, biomass balance, shares) are not IAMC
variables and stay in the :class:`~pathways.result.Result`. Every declared aggregate of the table
is the sum of its components, as pyam's ``check_aggregate`` finds (tests/test_iamc.py).
"""

from __future__ import annotations

import pandas as pd

from pathways import __version__
from pathways.data import region_name
from pathways.result import Result
from pathways.safe_csv import to_safe_csv
from pathways.variables import iamc_names

MODEL_NAME = f"pathways {__version__}"
IAMC_INDEX = ["Model", "Scenario", "Region", "Variable", "Unit"]


def iamc_wide(
    result: Result, scenario: str, sample: int = 0, model: str = MODEL_NAME
) -> pd.DataFrame:
    """One sample's variables in IAMC wide format (one column per year), as pyam reads it."""
    region = region_name(result.region)  # data/regions.csv: 'China', 'Inner Mongolia', 'Shanxi'

    rows = []
    reported = iamc_names()
    for variable, values in result.variables.items():
        if variable not in reported:
            continue
        rows.append(
            [model, scenario, region, variable, result.units[variable]]
            + [float(x) for x in values[sample]]
        )
    return pd.DataFrame(rows, columns=IAMC_INDEX + [int(y) for y in result.years])


def iamc_long(
    result: Result, scenario: str, sample: int = 0, model: str = MODEL_NAME
) -> pd.DataFrame:
    """Tidy rows: Model, Scenario, Region, Variable, Unit, Year, Value."""
    wide = iamc_wide(result, scenario, sample, model)
    long = wide.melt(id_vars=IAMC_INDEX, var_name="Year", value_name="Value")
    long["Year"] = long["Year"].astype(int)
    return long.sort_values(["Variable", "Year"], kind="stable").reset_index(drop=True)


def to_csv_text(frame: pd.DataFrame) -> str:
    """CSV text with values rounded to 6 significant digits (identical from CLI and dashboard).

    Text cells a spreadsheet would run as a formula (a scenario name typed as ``=...``) get a
    leading apostrophe (:mod:`pathways.safe_csv`); numbers are untouched.
    """
    return to_safe_csv(frame)
