"""Strings of the scenario library, share links, uploads and the compare page (English, Chinese).

Kept apart from :mod:`pathways.ui.i18n` (the dashboard's strings) to avoid edit conflicts;
:func:`t` looks here first and falls back to the dashboard's table. Messages of the model-side
modules (uploads, share codes, store) carry their own translations (``MESSAGES`` there).
"""

from __future__ import annotations

from pathways.ui import i18n

STRINGS: dict[str, tuple[str, str]] = {
    # library panel
    "lib_title": ("Scenario library", "情景库"),
    "lib_caption": (
        "Saved scenarios stay on this server for the whole team: save, open, rename, duplicate, "
        "delete, export and import.",
        "情景保存在服务器上，团队共享：可保存、打开、重命名、复制、删除、导出和导入。",
    ),
    "lib_save": ("Save the current scenario", "保存当前情景"),
    "lib_name": ("Name", "名称"),
    "lib_description": ("Description (optional)", "说明（可选）"),
    "lib_save_button": ("Save", "保存"),
    "lib_saved": ("Saved '{name}'.", "已保存“{name}”。"),
    "lib_overwrite": ("Save over '{name}'", "覆盖保存“{name}”"),
    "lib_overwritten": ("'{name}' updated with the current levers.", "已用当前参数更新“{name}”。"),
    "lib_empty": (
        "The library is empty. Save the current scenario to start it.",
        "情景库为空。保存当前情景即可开始使用。",
    ),
    "lib_pick": ("Saved scenario", "已保存的情景"),
    "lib_open": ("Open", "打开"),
    "lib_opened": ("Opened '{name}'.", "已打开“{name}”。"),
    "lib_rename": ("Rename", "重命名"),
    "lib_new_name": ("New name", "新名称"),
    "lib_renamed": ("Renamed to '{name}'.", "已重命名为“{name}”。"),
    "lib_duplicate": ("Duplicate", "复制"),
    "lib_duplicated": ("Copied as '{name}'.", "已复制为“{name}”。"),
    "lib_copy_suffix": ("(copy)", "（副本）"),
    "lib_delete": ("Delete", "删除"),
    "lib_delete_confirm": (
        "Delete '{name}' for everyone? This cannot be undone.",
        "确定为所有人删除“{name}”？此操作无法撤销。",
    ),
    "lib_delete_yes": ("Yes, delete", "确认删除"),
    "lib_delete_no": ("Cancel", "取消"),
    "lib_deleted": ("Deleted '{name}'.", "已删除“{name}”。"),
    "lib_export": ("Export library (JSON)", "导出情景库（JSON）"),
    "lib_export_one": ("Export this scenario (TOML)", "导出此情景（TOML）"),
    "lib_details": (
        "Region {region} · saved {updated} · model {model} · catalogue v{schema}",
        "地区 {region} · 保存于 {updated} · 模型 {model} · 参数目录 v{schema}",
    ),
    "lib_migrated": (
        "This scenario was saved with an older lever catalogue and was brought up to date:",
        "该情景基于旧版参数目录保存，已更新到当前版本：",
    ),
    "lib_unavailable": (
        "The scenario library is not available ({detail}). Set PATHWAYS_DATA_DIR to a writable "
        "directory or PATHWAYS_DB_URL to a database.",
        "情景库不可用（{detail}）。请将 PATHWAYS_DATA_DIR 设为可写目录，或将 PATHWAYS_DB_URL "
        "设为数据库地址。",
    ),
    # share
    "share_title": ("Share link", "分享链接"),
    "share_caption": (
        "This link opens exactly this scenario (region and every lever) for anyone with access "
        "to the dashboard.",
        "此链接可为任何能访问本工具的人打开完全相同的情景（地区与全部参数）。",
    ),
    "share_code": ("Scenario code", "情景代码"),
    "share_open": ("Open a share link or code", "打开分享链接或代码"),
    "share_open_button": ("Open", "打开"),
    "share_opened": ("Scenario from the share link opened.", "已打开分享链接中的情景。"),
    # uploads
    "upload_title": ("Upload", "上传"),
    "upload_caption": (
        "A lever file (TOML, JSON or CSV with columns name,value), a library export (JSON), or "
        "IAMC results (CSV) to compare. Up to {limit} MB.",
        "参数文件（TOML、JSON，或列为name,value的CSV）、情景库导出文件（JSON），或用于对比的"
        "IAMC结果（CSV）。最大 {limit} MB。",
    ),
    "upload_file": ("File", "文件"),
    "upload_problems": ("The file was not used:", "文件未被使用："),
    "upload_levers_ready": (
        "'{name}': {n} lever(s) read. Apply them to the current scenario?",
        "“{name}”：读取到 {n} 个参数。是否应用到当前情景？",
    ),
    "upload_apply": ("Apply", "应用"),
    "upload_save": ("Save to library", "保存到情景库"),
    "upload_applied": ("Levers from '{name}' applied.", "已应用“{name}”中的参数。"),
    "upload_library_ready": (
        "{n} scenario(s) in '{file}'. Import them into the library?",
        "“{file}”中有 {n} 个情景。是否导入情景库？",
    ),
    "upload_import": ("Import", "导入"),
    "upload_imported": ("{n} scenario(s) imported.", "已导入 {n} 个情景。"),
    "upload_results_ready": (
        "IAMC results with {n} scenario(s) read; they can be added to the Compare page.",
        "已读取含 {n} 个情景的IAMC结果，可在“情景对比”页加入对比。",
    ),
    # compare page
    "cmp_title": ("Compare scenarios", "情景对比"),
    "cmp_intro": (
        "Pick two to four scenarios: presets, saved scenarios or the current one. The first is "
        "the reference for the differences.",
        "选择两到四个情景：预设情景、已保存情景或当前情景。第一个情景作为差值的参照。",
    ),
    "cmp_pick": ("Scenarios to compare", "对比的情景"),
    "cmp_need": ("Pick at least two scenarios.", "请至少选择两个情景。"),
    "cmp_too_many": ("At most four scenarios can be compared.", "最多可对比四个情景。"),
    "cmp_current": ("Your scenario: {name}", "本情景：{name}"),
    "cmp_on_screen": ("{preset} (on screen)", "{preset}（当前）"),
    "cmp_on_screen_changed": ("{preset} (modified: {n})", "{preset}（修改{n}项）"),
    "cmp_on_screen_plain": ("Scenario on screen", "当前情景"),
    "cmp_preset": ("Preset: {name}", "预设：{name}"),
    "cmp_saved": ("Saved: {name} · {when}", "已保存：{name} · {when}"),
    "cmp_upload_results": ("Uploaded results: {name}", "上传结果：{name}"),
    "cmp_net": ("Net CO2 emissions", "二氧化碳净排放"),
    "cmp_indicators": ("Indicators", "指标"),
    "cmp_indicators_caption": (
        "Δ: difference from the first scenario ({ref}).",
        "Δ：与第一个情景（{ref}）之差。",
    ),
    "cmp_contrib": (
        "Cumulative reduction vs current policies by path, 2020–2060",
        "2020–2060年各路径相对现行政策的累计减排",
    ),
    "cmp_restoration": ("Mine restoration side by side", "矿山生态修复对比"),
    "cmp_restoration_missing": (
        "Mine restoration results will appear here once the model's restoration module is on.",
        "模型的矿山生态修复模块启用后，此处将显示修复结果对比。",
    ),
    "cmp_levers": ("Levers that differ", "不同的参数"),
    "cmp_download": ("Download the comparison (CSV)", "下载对比结果（CSV）"),
    "cmp_col_item": ("Item", "项目"),
    "cmp_col_unit": ("Unit", "单位"),
    "cmp_col_path": ("Path", "路径"),
    "cmp_total": ("Total", "合计"),
    "cmp_notices": ("Notes on the scenarios", "情景说明"),
    "resto_sink_2060": ("Mine sink 2060", "2060年矿山修复碳汇"),
    "resto_seq_cumulative": ("Sequestration 2020–2060", "2020–2060年累计固碳"),
    "resto_share_2060": ("Share of all removals 2060", "2060年占全部碳清除比例"),
    "resto_restored_2060": ("Land restored by 2060", "2060年累计修复面积"),
    "resto_works_cumulative": ("Works emissions 2020–2060", "2020–2060年修复工程排放"),
    "resto_cost_cumulative": ("Cost 2020–2060", "2020–2060年累计成本"),
    "resto_pv_2060": ("PV on mine land 2060", "2060年矿区光伏装机"),
    "resto_avoided_pv_cumulative": (
        "Emissions avoided by mine-land PV 2020–2060",
        "2020–2060年矿区光伏累计避免排放",
    ),
    "resto_pumped_2060": ("Pumped storage in closed mines 2060", "2060年废弃矿井抽水蓄能"),
    "ind_peak_year": ("Peak year", "达峰年份"),
    "ind_wind_solar_2030": ("Wind + solar capacity 2030", "2030年风电光伏装机"),
    "ind_nonfossil_share_2025": ("Non-fossil share 2025", "2025年非化石能源占比"),
    # owners (pathways/ui/owners.py)
    "own_local_mode": (
        "Single-user local mode: no sign-in is configured, so everyone using this server shares "
        "one library. See docs/scenarios.md to deploy for a team.",
        "单用户本地模式：未配置登录，本服务器的所有用户共用同一情景库。团队部署方式见 docs/scenarios.md。",
    ),
    "own_sign_in_needed": (
        "Sign in to keep, share and open saved scenarios.",
        "请登录后保存、共享和打开情景。",
    ),
    "own_sign_in": ("Sign in", "登录"),
    "own_sign_out": ("Sign out", "退出登录"),
    "own_signed_in": ("Signed in as {user}.", "已登录：{user}。"),
    "own_visibility": ("Who may see it", "可见范围"),
    "own_private": ("Only me", "仅自己"),
    "own_shared_read": ("Everyone can open it (read-only)", "所有人可打开（只读）"),
    "own_shared_edit": ("Everyone can open and change it", "所有人可打开和修改"),
    "own_owner": ("Owner: {owner} · {visibility}", "所有者：{owner} · {visibility}"),
    "own_visibility_set": ("'{name}': {visibility}.", "“{name}”：{visibility}。"),
    # URL notices added by the reliability work (the others are in i18n.py)
    "notice_repeated": (
        "'{label}' is given more than once in the link with different values; the preset value "
        "{used} {unit} is used.",
        "链接中“{label}”出现多次且数值不同，已使用预设值 {used} {unit}。",
    ),
    "notice_not_whole": (
        "'{label}': {value} is not a whole year; {used} is used.",
        "“{label}”：{value} 不是整数年份，已使用 {used}。",
    ),
}


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """``key`` from this table, else from the dashboard's :mod:`pathways.ui.i18n`."""
    pair = STRINGS.get(key)
    if pair is None:
        return i18n.t(key, lang, **fmt)
    text = pair[1] if lang == "zh" else pair[0]
    return text.format(**fmt) if fmt else text


def label(key: str, lang: str = "en") -> str:
    """Display name of an indicator, path or restoration row key."""
    for candidate in (key, f"ind_{key}", f"path_{key}"):
        if candidate in STRINGS or candidate in i18n.STRINGS:
            return t(candidate, lang)
    if key == "total":
        return t("cmp_total", lang)
    return key
