"""Indicators and the official-target checklist, computed per sample from result variables.

Units: Mt CO2/yr for levels, Gt CO2 for cumulative emissions, % for shares and intensity changes,
GW for capacities, year for peak and net-zero years (NaN when never reached).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pathways import i18n

FOSSIL = "Emissions|CO2|Energy and Industrial Processes"
NET = "Emissions|CO2"

INDICATOR_UNITS = {
    "peak_year": "year",
    "peak_level": "Mt CO2/yr",
    "net_zero_year": "year",
    "net_2030": "Mt CO2/yr",
    "net_2060": "Mt CO2/yr",
    "cumulative_2020_2060": "Gt CO2",
    "nonfossil_share_2025": "%",
    "nonfossil_share_2030": "%",
    "nonfossil_share_2060": "%",
    "co2_per_gdp_vs_2005_2030": "%",
    "co2_per_gdp_vs_2020_2025": "%",
    "energy_per_gdp_vs_2020_2025": "%",
    "wind_solar_2030": "GW",
    "net_2035_vs_peak": "%",
    "nonfossil_share_2035": "%",
    "wind_solar_2035": "GW",
    # mine restoration (pathways/modules/restoration.py)
    "mine_sequestration_2020_2060": "Gt CO2",
    "mine_sink_2060": "Mt CO2/yr",
    "mine_restored_share_2060": "%",
    "mine_cost_2020_2060": "billion CNY",
    "mine_share_of_removals_2060": "%",
    # system cost (pathways/modules/costs.py)
    "system_cost_2020_2060": "billion CNY",
    "investment_2020_2060": "billion CNY",
}


def _column(years: np.ndarray, year: int) -> int:
    first, last = int(years[0]), int(years[-1])
    if last - first + 1 == years.size:  # a whole-year axis (the model's): no search
        return min(max(year, first), last) - first
    return int(np.searchsorted(years, min(year, last)))


def compute_indicators(
    v: dict[str, np.ndarray], years: np.ndarray, base, modules: tuple = ()
) -> dict[str, np.ndarray]:
    """The indicators of :data:`INDICATOR_UNITS` plus those of the ``modules`` that declare
    ``indicators`` (:mod:`pathways.modules`)."""
    fossil, net = v[FOSSIL], v[NET]
    peak_idx = np.argmax(fossil, axis=1)
    below = net <= 0.0
    reached = below.any(axis=1)
    net_zero = np.where(reached, years[np.argmax(below, axis=1)].astype(float), np.nan)
    upto_2060 = years <= 2060
    reduction_2005 = base.s("co2_intensity_reduction_2005_2020") / 100
    i2020, i2025, i2030 = (_column(years, y) for y in (2020, 2025, 2030))
    i2060 = _column(years, 2060)
    # the shares and intensities only in the years the indicators read (columns: first year,
    # 2020, 2025, 2030, 2060): the same arithmetic per element as on the whole arrays
    at = [0, i2020, i2025, i2030, i2060]
    primary = v["Primary Energy"][:, at]
    nonfossil = 100 * v["Primary Energy|Non-Fossil"][:, at] / primary
    gdp = v["GDP|MER"][:, at]
    co2_per_gdp = fossil[:, at] / gdp
    energy_per_gdp = primary / gdp
    vs_first = co2_per_gdp / co2_per_gdp[:, :1]
    wind_solar_2030 = (
        v["Capacity|Electricity|Wind"][:, i2030] + (v["Capacity|Electricity|Solar"][:, i2030])
    )
    out = {
        "peak_year": years[peak_idx].astype(float),
        "peak_level": fossil[np.arange(fossil.shape[0]), peak_idx],
        "net_zero_year": net_zero,
        "net_2030": net[:, i2030],
        "net_2060": net[:, i2060],
        "cumulative_2020_2060": np.add.reduce(net[:, upto_2060], axis=1) / 1000,
        "nonfossil_share_2025": nonfossil[:, 2],
        "nonfossil_share_2030": nonfossil[:, 3],
        "nonfossil_share_2060": nonfossil[:, 4],
        "co2_per_gdp_vs_2005_2030": 100 * ((1 - reduction_2005) * vs_first[:, 3] - 1),
        "co2_per_gdp_vs_2020_2025": 100 * (vs_first[:, 2] - 1),
        "energy_per_gdp_vs_2020_2025": 100 * (energy_per_gdp[:, 2] / energy_per_gdp[:, 1] - 1),
        "wind_solar_2030": wind_solar_2030,
    }
    out |= ndc_2035(v, years)
    for module in modules:  # indicators of pluggable modules (e.g. mine restoration)
        if module.indicators is not None:
            out |= module.indicators(v, years, base)
    return out


def ndc_2035(v: dict[str, np.ndarray], years: np.ndarray) -> dict[str, np.ndarray]:
    """Indicators of the 2035 NDC (Sep 2025): net CO2 in 2035 against the peak of net CO2 up to
    2035 (% change; the NDC covers all greenhouse gases, the model CO2 only), the non-fossil
    share of primary energy and wind + solar capacity in 2035."""
    net = v[NET]
    i2035 = _column(years, 2035)
    peak = net[:, : i2035 + 1].max(axis=1)
    return {
        "net_2035_vs_peak": 100 * (net[:, i2035] / peak - 1),
        "nonfossil_share_2035": 100
        * v["Primary Energy|Non-Fossil"][:, i2035]
        / v["Primary Energy"][:, i2035],
        "wind_solar_2035": v["Capacity|Electricity|Wind"][:, i2035]
        + v["Capacity|Electricity|Solar"][:, i2035],
    }


@dataclass(frozen=True)
class Target:
    """An official target: indicator, comparison and threshold, with its source."""

    key: str
    indicator: str
    comparison: str  # "<=" or ">="
    threshold: float
    source: str
    met_in: int | None = None  # the year whose published statistics already meet the target
    history: str = ""  # the statistic showing it

    def label(self, lang: str = "en") -> str:
        """The target as worded officially (catalogue ``target.<key>``)."""
        return i18n.t(f"target.{self.key}", lang)

    def reading(self, lang: str = "en") -> str:
        """How the official wording is read, where a meeting could dispute it (catalogue
        ``target_reading.<key>``; empty when there is nothing to explain)."""
        key = f"target_reading.{self.key}"
        return i18n.t(key, lang) if i18n.has(key) else ""

    def passed(self, indicators: dict[str, np.ndarray]) -> np.ndarray:
        value = indicators[self.indicator]
        with np.errstate(invalid="ignore"):
            ok = value <= self.threshold if self.comparison == "<=" else value >= self.threshold
        return ok & np.isfinite(value)


TARGETS = (
    Target(
        "peak",
        "peak_year",
        "<=",
        2030,
        "Xi Jinping, statement at the 75th UN General Assembly, 22 Sep 2020; China's updated NDC (Oct 2021)",
    ),
    Target(
        "neutral",
        "net_zero_year",
        "<=",
        2060,
        "Xi Jinping, statement at the 75th UN General Assembly, 22 Sep 2020; China's updated NDC (Oct 2021)",
    ),
    Target(
        "intensity_2030",
        "co2_per_gdp_vs_2005_2030",
        "<=",
        -65,
        "Xi Jinping, Climate Ambition Summit, 12 Dec 2020; China's updated NDC (Oct 2021)",
    ),
    Target(
        "intensity_2025",
        "co2_per_gdp_vs_2020_2025",
        "<=",
        -18,
        "14th Five-Year Plan (Mar 2021) binding target; Working Guidance on Carbon Peaking and Neutrality (CPC Central Committee and State Council, 24 Oct 2021)",
    ),
    Target(
        "energy_intensity_2025",
        "energy_per_gdp_vs_2020_2025",
        "<=",
        -13.5,
        "14th Five-Year Plan (Mar 2021) binding target; Working Guidance (24 Oct 2021)",
    ),
    Target(
        "nonfossil_2025",
        "nonfossil_share_2025",
        ">=",
        20,
        "Working Guidance (24 Oct 2021): about 20% by 2025; 14th FYP Modern Energy System Plan (2022)",
    ),
    Target(
        "nonfossil_2030",
        "nonfossil_share_2030",
        ">=",
        25,
        "Xi Jinping, Climate Ambition Summit, 12 Dec 2020 ('around 25%'); China's updated NDC (Oct 2021)",
    ),
    Target(
        "nonfossil_2060",
        "nonfossil_share_2060",
        ">=",
        80,
        "Working Guidance (24 Oct 2021)",
    ),
    Target(
        "wind_solar_2030",
        "wind_solar_2030",
        ">=",
        1200,
        "Xi Jinping, Climate Ambition Summit, 12 Dec 2020; China's updated NDC (Oct 2021)",
        met_in=2024,
        history="NEA (Jan 2025): wind 521 GW + solar 887 GW = 1408 GW at the end of 2024",
    ),
    Target(
        "ndc2035_net",
        "net_2035_vs_peak",
        "<=",
        -7,
        "Xi Jinping, video statement at the UN Climate Summit, 24 Sep 2025 (China's 2035 NDC)",
    ),
    Target(
        "ndc2035_nonfossil",
        "nonfossil_share_2035",
        ">=",
        30,
        "Xi Jinping, video statement at the UN Climate Summit, 24 Sep 2025 (China's 2035 NDC)",
    ),
    Target(
        "ndc2035_wind_solar",
        "wind_solar_2035",
        ">=",
        3600,
        "Xi Jinping, video statement at the UN Climate Summit, 24 Sep 2025 (China's 2035 NDC): six times the 2020 level, about 3600 GW",
    ),
)


def met_by_history(target: Target) -> bool:
    """Whether published statistics already meet the target (the UI shows 'met in <year>')."""
    return target.met_in is not None


def targets_for(region: str = "china") -> tuple[Target, ...]:
    """The official targets that apply to ``region``: all of them for the nation; for a
    province the national targets in shares, intensities and years (its share of a national
    capacity in GW is not set by them)."""
    if region == "china":
        return TARGETS
    return tuple(t for t in TARGETS if INDICATOR_UNITS.get(t.indicator) != "GW")


def checklist(
    indicators: dict[str, np.ndarray], region: str = "china"
) -> list[tuple[Target, np.ndarray]]:
    """Each official target that applies to ``region`` with a per-sample pass/fail array."""
    return [(t, t.passed(indicators)) for t in targets_for(region)]
