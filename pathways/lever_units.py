"""Lever units of the catalogue in Chinese (English is the catalogue's own text). In the core,
not the UI, because messages about lever values (uploads, share codes, the CLI) name units too."""

from __future__ import annotations

UNITS_ZH: dict[str, str] = {
    "% clinker in cement": "水泥熟料占比%",
    "% of CCUS capacity": "占CCUS能力%",
    "% of GDP": "占GDP%",
    "% of buildings final energy": "占建筑终端能源%",
    "% of car travel": "占私家车出行%",
    "% of coal use switched": "煤改气比例%",
    "% of crude steel": "占粗钢产量%",
    "% of district heat": "占集中供热%",
    "% of ecological land": "占生态用地%",
    "% of existing sink": "占现有碳汇%",
    "% of fossil generation": "占化石能源发电%",
    "% of generation": "占发电量%",
    "% of industry final energy": "占工业终端能源%",
    "% of road freight": "占公路货运%",
    "% of transport final energy": "占交通终端能源%",
    "% of wind+solar generation": "占风光发电%",
    "% vs baseline": "较基准%",
    "%/yr": "%/年",
    "GW": "吉瓦",
    "Mha/yr": "百万公顷/年",
    "Mt CO2/yr": "百万吨CO2/年",
    "gce/kWh": "克标准煤/千瓦时",
    "kha/yr": "千公顷/年",
    "m2 per person": "平方米/人",
    "weight (%)": "权重%",
    "year": "年",
    "yr": "年",
}


def lever_unit(text: str, lang: str = "en") -> str:
    """A lever unit in ``lang`` (unknown units are shown as they are)."""
    return UNITS_ZH.get(text, text) if lang == "zh" else text
