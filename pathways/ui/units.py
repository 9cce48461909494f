"""One unit convention per language, applied to every number the dashboard shows.

English keeps the model's SI-style units (Gt for national CO2, Mt for mine-scale CO2, EJ, TWh, GW,
Mha, billion CNY). Chinese uses the units of Chinese statistics and policy documents: 亿吨 for
national CO2 and energy (亿吨标准煤), 万吨 for mine-scale CO2, 亿千瓦时 for electricity, 亿千瓦 for
national capacity and 万千瓦 for mine-scale capacity, 万公顷 for land, 亿元 for money. Never 百万吨
or 吉瓦. Charts, cards, the target checklist, the compare tables and the key figures all go through
:func:`convert` / :func:`fmt` / :func:`label`, so a chart and a card never disagree.

Lever sliders are the one exception: they keep the catalogue's units (with Chinese unit names),
because a slider cannot rescale its values and a lever value must round-trip exactly through
share links and scenario files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# 1 EJ = 1e18 J / 29.307 GJ per tce (GB/T 2589-2020) = 34.12 Mtce = 0.3412 亿吨标准煤
_EJ_TO_100MTCE = 1 / 2.9307


@dataclass(frozen=True)
class DisplayUnit:
    """Shown value = model value x ``factor``, written with ``decimals`` and ``label``."""

    factor: float
    label: str
    decimals: int


# quantity -> (model unit, English, Chinese)
QUANTITIES: dict[str, tuple[str, DisplayUnit, DisplayUnit]] = {
    "co2": ("Mt CO2/yr", DisplayUnit(0.001, "Gt CO2/yr", 2), DisplayUnit(0.01, "亿吨CO2/年", 1)),
    "co2_mine": ("Mt CO2/yr", DisplayUnit(1, "Mt CO2/yr", 1), DisplayUnit(100, "万吨CO2/年", 0)),
    "co2_cum": ("Gt CO2", DisplayUnit(1, "Gt CO2", 0), DisplayUnit(10, "亿吨CO2", 0)),
    "co2_cum_mine": ("Mt CO2", DisplayUnit(1, "Mt CO2", 0), DisplayUnit(0.01, "亿吨CO2", 2)),
    "energy": (
        "EJ/yr",
        DisplayUnit(1, "EJ/yr", 1),
        DisplayUnit(_EJ_TO_100MTCE, "亿吨标准煤/年", 1),
    ),
    "electricity": ("TWh/yr", DisplayUnit(1, "TWh/yr", 0), DisplayUnit(10, "亿千瓦时/年", 0)),
    "capacity": ("GW", DisplayUnit(1, "GW", 0), DisplayUnit(0.01, "亿千瓦", 2)),
    "capacity_mine": ("GW", DisplayUnit(1, "GW", 1), DisplayUnit(100, "万千瓦", 0)),
    "area": ("Mha", DisplayUnit(1, "Mha", 2), DisplayUnit(100, "万公顷", 0)),
    "area_rate": ("Mha/yr", DisplayUnit(1, "Mha/yr", 3), DisplayUnit(100, "万公顷/年", 1)),
    "money": ("billion CNY/yr", DisplayUnit(1, "bn CNY/yr", 1), DisplayUnit(10, "亿元/年", 0)),
    "money_total": ("billion CNY", DisplayUnit(1, "bn CNY", 0), DisplayUnit(10, "亿元", 0)),
    "money_ha": (
        "CNY/ha",
        DisplayUnit(1e-3, "thousand CNY/ha", 0),
        DisplayUnit(1e-4, "万元/公顷", 1),
    ),
    "percent": ("%", DisplayUnit(1, "%", 1), DisplayUnit(1, "%", 1)),
    "year": ("year", DisplayUnit(1, "", 0), DisplayUnit(1, "", 0)),
}

# model unit -> quantity, for tables whose rows carry the model's unit (national scale)
BY_MODEL_UNIT = {
    "Mt CO2/yr": "co2",
    "Gt CO2": "co2_cum",
    "Mt CO2": "co2_cum_mine",
    "EJ/yr": "energy",
    "TWh/yr": "electricity",
    "GW": "capacity",
    "Mha": "area",
    "Mha/yr": "area_rate",
    "billion CNY/yr": "money",
    "billion CNY": "money_total",
    "%": "percent",
    "year": "year",
}


def unit(quantity: str, lang: str) -> DisplayUnit:
    _, en, zh = QUANTITIES[quantity]
    return zh if lang == "zh" else en


def label(quantity: str, lang: str) -> str:
    """The unit as written in ``lang`` (e.g. 'Gt CO2/yr', '亿吨CO2/年')."""
    return unit(quantity, lang).label


def convert(value, quantity: str, lang: str):
    """A value (scalar or array) in model units -> display units of ``lang``."""
    return value * unit(quantity, lang).factor


def fmt(
    value: float,
    quantity: str,
    lang: str,
    signed: bool = False,
    with_unit: bool = True,
    decimals: int | None = None,
) -> str:
    """'12.34 Gt CO2/yr' / '123.4 亿吨CO2/年'; '–' for a missing value."""
    if value is None or not math.isfinite(value):
        return "–"
    shown = unit(quantity, lang)
    digits = shown.decimals if decimals is None else decimals
    number = value * shown.factor
    text = f"{number:+,.{digits}f}" if signed else f"{number:,.{digits}f}"
    if float(text.replace(",", "")) == 0:  # no '-0.0'
        text = ("±" if signed else "") + f"{0:.{digits}f}"
    return f"{text} {shown.label}" if with_unit and shown.label else text


def quantity_of(model_unit: str, mine: bool = False) -> str | None:
    """The quantity of a model unit (mine-scale variants with ``mine``), or None if unknown."""
    quantity = BY_MODEL_UNIT.get(model_unit)
    if mine and quantity in ("co2", "capacity"):
        return quantity + "_mine"
    return quantity
