"""One unit convention per language, applied to every number the dashboard shows.

English keeps the model's SI-style units (Gt for national CO2, Mt for mine-scale CO2, EJ, TWh, GW,
Mha, billion CNY). Chinese uses the units of Chinese statistics and policy documents (yi = 1e8,
wan = 1e4; the words are listed in the comment below). Charts, cards, the target checklist, the compare tables and the key figures all go through
:func:`convert` / :func:`fmt` / :func:`label`, so a chart and a card never disagree.

Lever sliders are the one exception: they keep the catalogue's units (with Chinese unit names),
because a slider cannot rescale its values and a lever value must round-trip exactly through
share links and scenario files.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from pathways import i18n

# Chinese units: 亿吨 for national CO2 and energy (亿吨标准煤), 万吨 for mine-scale CO2, 亿千瓦时 for
# electricity, 亿千瓦 for national capacity and 万千瓦 for mine-scale capacity, 万公顷 for land,
# 亿元 for money; never 百万吨 or 吉瓦. The words are entries display_unit.<quantity> of the catalogue.

# 1 EJ = 1e18 J / 29.307 GJ per tce (GB/T 2589-2020) = 34.12 Mtce = 0.3412 yi (1e8) tce
_EJ_TO_100MTCE = 1 / 2.9307


@dataclass(frozen=True)
class DisplayUnit:
    """Shown value = model value x ``factor``, written with ``decimals`` and ``label``."""

    factor: float
    label: str
    decimals: int


# quantity -> (model unit, {language: (factor, decimals)}); the unit words are catalogue entries
# display_unit.<quantity> (pathways/locale/messages.toml)
SCALES: dict[str, tuple[str, dict[str, tuple[float, int]]]] = {
    "co2": ("Mt CO2/yr", {"en": (0.001, 2), "zh": (0.01, 1)}),
    "co2_mine": ("Mt CO2/yr", {"en": (1, 1), "zh": (100, 0)}),
    "co2_cum": ("Gt CO2", {"en": (1, 0), "zh": (10, 0)}),
    "co2_cum_mine": ("Mt CO2", {"en": (1, 0), "zh": (0.01, 2)}),
    "energy": ("EJ/yr", {"en": (1, 1), "zh": (_EJ_TO_100MTCE, 1)}),
    "electricity": ("TWh/yr", {"en": (1, 0), "zh": (10, 0)}),
    "capacity": ("GW", {"en": (1, 0), "zh": (0.01, 2)}),
    "capacity_mine": ("GW", {"en": (1, 1), "zh": (100, 0)}),
    "area": ("Mha", {"en": (1, 2), "zh": (100, 0)}),
    "area_rate": ("Mha/yr", {"en": (1, 3), "zh": (100, 1)}),
    "money": ("billion CNY/yr", {"en": (1, 1), "zh": (10, 0)}),
    "money_total": ("billion CNY", {"en": (1, 0), "zh": (10, 0)}),
    "money_cum": ("billion CNY", {"en": (0.001, 1), "zh": (0.0001, 2)}),  # system cost 2020-60
    "money_ha": ("CNY/ha", {"en": (0.001, 0), "zh": (0.0001, 1)}),
    "percent": ("%", {"en": (1, 1), "zh": (1, 1)}),
    "year": ("year", {"en": (1, 0), "zh": (1, 0)}),
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


@functools.cache
def unit(quantity: str, lang: str) -> DisplayUnit:
    factor, decimals = SCALES[quantity][1][i18n.lang_of(lang)]
    key = f"display_unit.{quantity}"  # none for a year
    return DisplayUnit(factor, i18n.t(key, lang) if i18n.has(key) else "", decimals)


def label(quantity: str, lang: str) -> str:
    """The unit as written in ``lang`` (e.g. 'Gt CO2/yr' in English)."""
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
    """'12.34 Gt CO2/yr' (in Chinese: 123.4 in units of 1e8 t); '–' for a missing value."""
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


def table_number(
    value: float | None, model_unit: str, lang: str, signed: bool = False, mine: bool = False
) -> str:
    """A table cell as the Compare page and the meeting pack write it: the value in the display
    unit of its model unit, no unit word, 0-2 decimals by size; ``signed`` for a difference;
    '–' for a missing value."""
    if value is None or not math.isfinite(value):
        return "–"
    quantity = quantity_of(model_unit, mine)
    if quantity == "year":
        return f"{value:+.0f}" if signed else f"{value:.0f}"
    if quantity is None:
        return f"{value:+,.2f}" if signed else f"{value:,.2f}"
    shown = convert(value, quantity, lang)
    digits = 0 if abs(shown) >= 1000 else 1 if abs(shown) >= 10 else 2
    text = fmt(value, quantity, lang, signed=signed, with_unit=False, decimals=digits)
    return "0" if text.lstrip("±") == f"{0:.{digits}f}" else text
