"""Every user-facing string of the dashboard in English and Chinese.

Lever labels and help texts come from the lever catalogue (``label_zh``/``help_zh``); indicator
and target labels from :mod:`pathways.indicators`; everything else is here. ``t(key, lang)``
returns the string, formatted with keyword arguments.
"""

from __future__ import annotations

from pathways import variables
from pathways.lever_units import lever_unit

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("China carbon-neutrality pathway explorer", "中国碳中和路径探索"),
    "app_short": ("Pathway explorer", "碳中和路径"),
    "page_overview": ("Overview", "总览"),
    "page_restoration": ("Mine restoration", "矿山生态修复"),
    "page_compare": ("Compare", "情景对比"),
    "page_methods": ("Methods & data", "方法与数据"),
    # sidebar
    "language": ("Language", "语言"),
    "region": ("Region", "地区"),
    "preset": ("Scenario preset", "预设情景"),
    "reset": ("Reset to preset", "恢复预设值"),
    "reset_help": (
        "Set every lever back to the values of the selected preset.",
        "将所有参数恢复为所选预设情景的数值。",
    ),
    "presentation": ("Presentation mode", "演示模式"),
    "presentation_help": (
        "Hide the controls and enlarge the charts for a meeting room projector.",
        "隐藏控制面板并放大图表，便于会议投影。",
    ),
    "exit_presentation": ("Exit presentation mode", "退出演示模式"),
    "levers": ("Levers", "情景参数"),
    "lever_group": ("Path to edit", "调整路径"),
    "changed_by_path": ("changed: {paths}", "已修改：{paths}"),
    "changed_count": ("{n} lever(s) changed from the preset", "{n} 个参数与预设不同"),
    "changed_mark": (
        "changed from the preset (preset value: {value})",
        "已修改（预设值：{value}）",
    ),
    "lever_range": ("Range {min} to {max} {unit}.", "取值范围 {min} 至 {max} {unit}。"),
    "region_china": ("China", "中国"),
    # levers without effect now (pathways.lever_effects)
    "effect_nuclear_within_target": (
        "⊘ No effect on CO2 now: nuclear up to the programme the non-fossil power target already "
        "counts on ({reference_gw} GW in 2060) only changes how much wind and solar is needed. "
        "Above it, nuclear displaces coal and gas power.",
        "⊘ 当前对排放无影响：核电在非化石电力目标已计入的规模（2060年{reference_gw}吉瓦）以内时，"
        "只改变所需的风电光伏；超过该规模时才替代煤电和气电。",
    ),
    "effect_grid_limit_not_binding": (
        "⊘ No effect on CO2 now: wind and solar ({wind_solar_share}% of generation) stay below "
        "what the grid can take ({limit_share}%), so more storage changes nothing yet.",
        "⊘ 当前对排放无影响：风电光伏（占发电量{wind_solar_share}%）尚未达到电网可消纳上限"
        "（{limit_share}%），增加储能暂不改变结果。",
    ),
    "effect_capture_at_ceiling": (
        "⊘ No effect on CO2 now: capture is at the ceiling of capturable point sources "
        "({captured} Mt CO2/yr in 2060 for {capacity} Mt/yr of capacity).",
        "⊘ 当前对排放无影响：碳捕集已达可捕集点源的上限（2060年捕集{captured}百万吨CO2，"
        "能力{capacity}百万吨/年）。",
    ),
    "effect_biomass_exhausted": (
        "⊘ No effect on CO2 now: BECCS is limited by the sustainable biomass supply (shortfall "
        "{shortfall} Mt CO2/yr in 2060).",
        "⊘ 当前对排放无影响：BECCS受可持续生物质供应量限制（2060年缺口{shortfall}百万吨CO2）。",
    ),
    "effect_split_only": (
        "⊘ No effect on CO2: the split between solar and wind changes capacities and land, not "
        "emissions (both emit nothing).",
        "⊘ 对排放无影响：光伏与风电的比例只改变装机和用地，不改变排放（二者均无排放）。",
    ),
    "effect_year_no_change": (
        "⊘ No effect now: this year times '{lever}', which is set to no change.",
        "⊘ 当前无影响：该年份对应的“{lever}”设为不变。",
    ),
    "effect_no_effect": (
        "⊘ No effect on net CO2 in the current settings.",
        "⊘ 在当前设置下对净排放无影响。",
    ),
    # modules (paths)
    "module_drivers": ("Economy", "经济发展"),
    "module_energy_mix": ("Energy mix", "能源结构"),
    "module_efficiency": ("Efficiency", "节能提效"),
    "module_lifestyle": ("Lifestyle", "生活方式"),
    "module_sinks": ("Sinks and CCUS", "碳汇与CCUS"),
    "module_restoration": ("Mine restoration", "矿山生态修复"),
    "path_energy_mix": ("Energy mix", "能源结构"),
    "path_efficiency": ("Efficiency", "节能提效"),
    "path_lifestyle": ("Lifestyle", "生活方式"),
    "path_natural_sinks": ("Natural sinks", "自然碳汇"),
    "path_restoration": ("Mine restoration", "矿山生态修复"),
    "path_ccus": ("CCUS, BECCS, DAC", "CCUS、BECCS与DAC"),
    "path_economy": ("Economy (GDP)", "经济增速"),
    # notices
    "notice_unknown": (
        "Unknown setting '{name}' in the link was ignored.",
        "链接中的未知参数“{name}”已忽略。",
    ),
    "notice_nan": (
        "'{label}': '{value}' is not a number; the preset value {used} {unit} is used.",
        "“{label}”：“{value}”不是数字，已使用预设值 {used} {unit}。",
    ),
    "notice_clipped": (
        "'{label}': {value} is outside {min}–{max} {unit}; the nearest valid value {used} is used.",
        "“{label}”：{value} 超出 {min}–{max} {unit} 范围，已使用最接近的有效值 {used}。",
    ),
    "notice_preset": (
        "Unknown preset '{name}'; '{used}' is used.",
        "未知预设情景“{name}”，已使用“{used}”。",
    ),
    "notice_region": (
        "Unknown region '{name}'; '{used}' is used.",
        "未知地区“{name}”，已使用“{used}”。",
    ),
    "error_page": (
        "Something went wrong while drawing this page. Try resetting the levers to the preset; "
        "if it happens again, please report it with the link of this page.",
        "页面绘制出错。请尝试恢复预设值；如仍出现，请连同本页链接一并反馈。",
    ),
    # overview
    "overview_intro": (
        "Scenario **{preset}**, compared with the current-policies baseline. Move a lever in the "
        "sidebar and every number and chart follows.",
        "情景：**{preset}**，与现行政策基准情景对比。调整左侧参数，所有指标与图表随之更新。",
    ),
    "overview_intro_present": (
        "Scenario **{preset}**, compared with the current-policies baseline.",
        "情景：**{preset}**，与现行政策基准情景对比。",
    ),
    "cards_caption": (
        "Chips: change against the current-policies baseline.",
        "数值下方标签：相对现行政策基准情景的变化。",
    ),
    "chip_help": (
        "The chip below the value is the change against the current-policies baseline.",
        "数值下方的标签为相对现行政策基准情景的变化。",
    ),
    "chip_years_earlier": ("{n}+ yr earlier", "提前至少{n}年"),
    "chip_years_later": ("{n}+ yr later", "推迟至少{n}年"),
    "after_year": ("after {year}", "{year}年后"),
    "ind_peak_year": ("Peak year", "达峰年份"),
    "ind_peak_level": ("Peak emissions", "峰值排放"),
    "ind_net_zero_year": ("Net-zero year", "净零年份"),
    "ind_net_2030": ("Net CO2 2030", "2030年净排放"),
    "ind_net_2060": ("Net CO2 2060", "2060年净排放"),
    "ind_cumulative_2020_2060": ("Cumulative 2020–60", "2020–60年累计"),
    "ind_nonfossil_share_2030": ("Non-fossil 2030", "2030年非化石占比"),
    "ind_nonfossil_share_2060": ("Non-fossil 2060", "2060年非化石占比"),
    "ind_co2_per_gdp_vs_2005_2030": ("CO2/GDP 2030 vs 2005", "2030年碳强度较2005年"),
    "help_peak_year": (
        "Year of the highest fossil CO2 (energy and industrial processes, after capture).",
        "化石能源与工业过程二氧化碳排放（扣除捕集）最高的年份。",
    ),
    "help_peak_level": (
        "Fossil CO2 in the peak year, in Gt CO2/yr (1 Gt = 1000 Mt).",
        "峰值年份的化石二氧化碳排放，单位亿吨CO2/年。",
    ),
    "help_net_zero_year": (
        "First year in which net CO2 (after all sinks and capture) is zero or below.",
        "净二氧化碳排放（扣除全部碳汇与捕集）首次降至零或以下的年份。",
    ),
    "help_net_2030": (
        "Net CO2 in 2030, in Gt CO2/yr.",
        "2030年净二氧化碳排放，单位亿吨CO2/年。",
    ),
    "help_net_2060": (
        "Net CO2 in 2060, in Gt CO2/yr.",
        "2060年净二氧化碳排放，单位亿吨CO2/年。",
    ),
    "help_cumulative_2020_2060": (
        "Net CO2 summed over 2020–2060, in Gt CO2.",
        "2020–2060年净二氧化碳排放累计，单位亿吨CO2。",
    ),
    "help_nonfossil_share_2030": (
        "Non-fossil share of primary energy in 2030 (target: 25%).",
        "2030年非化石能源占一次能源消费比重（目标25%）。",
    ),
    "help_nonfossil_share_2060": (
        "Non-fossil share of primary energy in 2060 (target: over 80%).",
        "2060年非化石能源占一次能源消费比重（目标80%以上）。",
    ),
    "help_co2_per_gdp_vs_2005_2030": (
        "Change of CO2 per unit of GDP from 2005 to 2030 (target: -65% or more).",
        "2030年单位GDP二氧化碳排放较2005年的变化（目标下降65%以上）。",
    ),
    "unit_gt": ("Gt/yr", "亿吨/年"),
    "unit_gt_cum": ("Gt", "亿吨"),
    "unit_pp": ("pp", "个百分点"),
    "unit_years": ("yr", "年"),
    "unit_Gt CO2": ("Gt CO2", "亿吨CO2"),
    "targets": ("Official targets", "官方目标"),
    "target_passed": ("met", "实现"),
    "target_missed": ("missed", "未实现"),
    "target_value": ("scenario: {value}", "情景值：{value}"),
    "targets_summary": ("{passed} of {total} targets met", "实现 {passed}/{total} 项目标"),
    "mix_energy": ("Primary energy", "一次能源"),
    "mix_power": ("Power generation", "发电结构"),
    "mix_percent": ("Show the mixes as shares (%)", "以占比（%）显示结构"),
    "contrib_caption": (
        "Each bar splits the reduction against the current-policies baseline among the paths by "
        "Shapley values: the bars add up exactly to baseline minus scenario (the line), whatever "
        "order the paths are taken in. Cumulative 2020–2060: {summary}.",
        "各柱按沙普利值把相对现行政策基准情景的减排量分配给各路径：各柱之和恰等于基准减去情景"
        "（折线），与路径的先后顺序无关。2020–2060年累计：{summary}。",
    ),
    "contrib_none": (
        "This scenario equals the current-policies baseline, so there is no reduction to split yet: "
        "choose another preset or move a lever.",
        "当前情景与现行政策基准情景相同，暂无减排量可分解：请选择其他预设情景或调整参数。",
    ),
    # downloads
    "downloads": ("Downloads", "下载"),
    "download_csv": ("Results (CSV, IAMC format)", "结果（CSV，IAMC格式）"),
    "download_csv_help": (
        "All variables by year, exactly as `pathways run --out FILE.csv` writes them.",
        "全部变量逐年数值，与命令行 `pathways run --out FILE.csv` 的输出完全一致。",
    ),
    "download_toml": ("Lever settings (TOML)", "参数设置（TOML）"),
    "download_toml_help": (
        "Read back with `pathways run --scenario FILE.toml --out results.csv`.",
        "可用 `pathways run --scenario FILE.toml --out results.csv` 读回。",
    ),
    "png_hint": (
        "Charts: the camera icon in each chart's toolbar saves a 1600×900 PNG for slides.",
        "图表：点击图表工具栏中的相机图标可保存 1600×900 的PNG图片，用于幻灯片。",
    ),
    # restoration page
    "resto_intro": (
        "Mine ecological restoration as a carbon sink: land restored by climate zone and grade, the "
        "carbon taken up by its vegetation and soils, the emissions and cost of the works, and the "
        "energy uses of mine land (photovoltaics, pumped storage in closed mines).",
        "矿山生态修复作为碳汇：按气候区与重要性分级的修复面积、植被与土壤固碳、修复工程排放与成本，"
        "以及矿区土地的能源利用（光伏、废弃矿井抽水蓄能）。",
    ),
    "resto_missing": (
        "The mine restoration module is not available in this version of the model yet.",
        "当前版本的模型尚未包含矿山生态修复模块。",
    ),
    "resto_levers": ("Mine restoration levers", "矿山生态修复参数"),
    "resto_breakdown": ("Mine sink by", "矿山碳汇分解"),
    "resto_by_pool": ("carbon pool, net of works", "碳库（扣除工程排放）"),
    "resto_by_zone": ("climate zone", "气候区"),
    "resto_by_grade": ("grade", "重要性等级"),
    "resto_by_landuse": ("land use", "土地利用方式"),
    "resto_cost_note": (
        "Cost = area restored in the year × cost per hectare (on average {per_ha}). Its steps "
        "come from the area, not from prices: besides the restoration programme (the rate "
        "levers), mining companies reclaim producing-mine land once it is released and the "
        "restoration lag has passed; that area starts, grows or ends in {steps}.",
        "成本 = 当年修复面积 × 单位面积成本（平均{per_ha}）。成本的阶跃来自面积而非价格：除修复"
        "计划（修复速率参数）外，矿山企业在生产矿山土地释放并经过修复滞后期后进行复垦，"
        "这部分面积在{steps}年开始、增加或结束。",
    ),
    "resto_cost_note_programme": (
        "Cost = area restored in the year × cost per hectare (on average {per_ha}).",
        "成本 = 当年修复面积 × 单位面积成本（平均{per_ha}）。",
    ),
    "resto_energy_note": (
        "Attribution, not a sink: mine-land PV is part of the solar total and is credited with "
        "the grid-average CO2 intensity of each year; pumped storage is credited with the energy "
        "it shifts. Both are already inside the power sector's emissions and are not added to "
        "the removals.",
        "归因而非碳汇：矿区光伏已计入光伏总量，按当年电网平均排放强度计算避免的排放；抽水蓄能按其"
        "转移的电量计算。二者均已包含在电力部门排放中，不计入碳清除量。",
    ),
    "resto_seq": ("Net sink 2020–60", "2020–60年净固碳"),
    "resto_restored": ("Restored by 2060", "2060年累计修复"),
    "resto_share": ("Share of sinks 2060", "2060年占碳汇比例"),
    "resto_cost": ("Cost 2020–60", "2020–60年累计成本"),
    "resto_pv": ("Mine-land PV 2060", "2060年矿区光伏"),
    "unit_Mha": ("Mha", "百万公顷"),
    "unit_GW": ("GW", "吉瓦"),
    "unit_bn CNY": ("bn CNY", "十亿元"),
    # methods page
    "methods_missing": (
        "The methods document (docs/methods.md) is not available.",
        "方法说明文档（docs/methods.md）暂不可用。",
    ),
    "sources": ("Data sources", "数据来源"),
    "sources_caption": (
        "Every number the model starts from, with its unit and source. Status 'verify' marks "
        "figures still to be checked against the original publication.",
        "模型使用的全部基础数据及其单位和来源。状态为“verify”的数据仍需与原始出版物核对。",
    ),
    "col_file": ("File", "文件"),
    "col_item": ("Item", "项目"),
    "col_value": ("Value", "数值"),
    "col_unit": ("Unit", "单位"),
    "col_source": ("Source", "来源"),
    "col_status": ("Status", "状态"),
    "lever_catalogue": ("Lever catalogue", "参数目录"),
    "col_lever": ("Lever", "参数"),
    "col_module": ("Path", "路径"),
    "col_range": ("Range", "范围"),
    "col_default": ("Default", "默认值"),
    "col_help": ("Description", "说明"),
    "compare_placeholder": (
        "Scenario comparison is coming: save scenarios and compare them side by side here.",
        "情景对比功能即将推出：可保存情景并在此并列比较。",
    ),
    # figures
    "fig_trajectory": ("CO2 emissions and removals", "二氧化碳排放与清除"),
    "fig_contrib": ("Reduction vs current policies by path", "各路径相对现行政策的减排贡献"),
    "fig_primary": ("Primary energy by fuel", "分品种一次能源消费"),
    "fig_power": ("Electricity generation by source", "分电源发电量"),
    "fig_resto_area": ("Mine land restored and backlog", "矿山累计修复面积与待修复面积"),
    "fig_resto_zone": ("Mine sink by climate zone", "分气候区矿山修复碳汇"),
    "fig_resto_grade": ("Mine sink by grade", "分重要性等级矿山修复碳汇"),
    "fig_resto_landuse": ("Mine sink by land use", "分土地利用方式矿山修复碳汇"),
    "fig_resto_pool": ("Mine sink by pool, net of works", "矿山修复碳汇（扣除工程排放）"),
    "fig_resto_cumulative": ("Cumulative mine sequestration", "矿山修复累计固碳"),
    "fig_resto_cost": ("Cost of mine restoration", "矿山生态修复成本"),
    "fig_resto_energy": ("CO2 avoided by mine-land energy", "矿区能源利用避免的排放"),
    "fig_resto_capacity": ("Energy capacity on mine land", "矿区能源装机"),
    "fig_resto_share": ("Share of all removals", "占全部碳清除量的比例"),
    "axis_year": ("Year", "年份"),
    "axis_mt": ("Mt CO2/yr", "百万吨CO2/年"),
    "axis_mt_cum": ("Mt CO2", "百万吨CO2"),
    "axis_ej": ("EJ/yr", "艾焦/年"),
    "axis_twh": ("TWh/yr", "太瓦时/年"),
    "axis_mha": ("Mha", "百万公顷"),
    "axis_gw": ("GW", "吉瓦"),
    "axis_bn": ("billion CNY/yr", "十亿元/年"),
    "axis_pct": ("%", "%"),
    "net": ("Net CO2", "净排放"),
    "cmp_marker_net": ("Published net CO2 {year}: {source}", "已发表{year}年净排放：{source}"),
    "cmp_marker_energy": (
        "Published energy CO2 {year} (gross): {source}",
        "已发表{year}年能源CO2（未扣除捕集）：{source}",
    ),
    "target_met_in": ("met by the {year} statistics", "{year}年统计数据已实现"),
    "net_baseline": ("Net CO2, current policies", "净排放（现行政策）"),
    "total_reduction": ("Total reduction", "总减排量"),
    "target_peak": ("Peak before 2030", "2030年前达峰"),
    "target_neutral": ("Neutral by 2060", "2060年前碳中和"),
    "restored": ("Restored (cumulative)", "累计修复"),
    "restored_new": ("Restored this year", "当年新增修复"),
    "backlog": ("Damaged, awaiting restoration", "待修复损毁土地"),
    "works": ("Works emissions", "修复工程排放"),
    "mine_sink_net": ("Net mine sink", "矿山修复净碳汇"),
    "mine_share": ("Mine revegetation", "矿山复绿"),
    "other_sinks": ("Other removals", "其他碳清除"),
}

# Variable names (IAMC) in charts: the label_en / label_zh columns of data/variables.csv.
VARIABLES: dict[str, tuple[str, str]] = variables.labels()


def unit(text: str, lang: str = "en") -> str:
    """A lever unit in ``lang`` (unknown units are shown as they are)."""
    return lever_unit(text, lang)


# value in model units -> (factor, decimals, unit) per language; Chinese uses 亿吨, 万公顷, 亿元
AMOUNTS = {
    "gt": {"en": (1, 2, "Gt"), "zh": (10, 1, "亿吨")},
    "gt_co2": {"en": (1, 1, "Gt CO2"), "zh": (10, 0, "亿吨CO2")},
    "mha": {"en": (1, 2, "Mha"), "zh": (100, 0, "万公顷")},
    "bn_cny": {"en": (1, 0, "bn CNY"), "zh": (10, 0, "亿元")},
}


def amount(value: float, kind: str, lang: str) -> str:
    """A key figure with the unit planners use in ``lang``."""
    factor, decimals, unit_text = AMOUNTS[kind]["zh" if lang == "zh" else "en"]
    return f"{value * factor:,.{decimals}f} {unit_text}"


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """The string ``key`` in ``lang`` (``en`` or ``zh``), formatted with ``fmt``."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[1] if lang == "zh" else pair[0]
    return text.format(**fmt) if fmt else text


def var_label(variable: str, lang: str = "en") -> str:
    """Short chart label of an IAMC variable (falls back to its last segment)."""
    pair = VARIABLES.get(variable)
    if pair is None:
        return variable.rsplit("|", 1)[-1]
    return pair[1] if lang == "zh" else pair[0]
