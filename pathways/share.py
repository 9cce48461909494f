"""Share links: a whole scenario (region + levers changed from their defaults) as a short code.

Code layout (version 1)::

    "1" + base64url( raw-deflate(payload) + blake2s(payload)[:4] )     (no padding)

``payload`` is UTF-8 text ``"<schema>;<region>;<preset>;<lever>=<value>;...;"`` with only the
levers that differ from the catalogue defaults (the preset is only a label); values are written in the shortest form that reads back to
the same float, so a link reproduces its scenario exactly. Deflate uses a fixed preset dictionary
of lever names, which keeps a typical scenario (20-40 changed levers) to a few hundred characters.

:func:`decode` never raises on bad input: an unknown version, a truncated or altered code gives a
clear notice and the nearest valid scenario (what can be read of it, migrated to today's
catalogue, clipped to allowed ranges; the rest at defaults).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from pathways.data import list_regions
from pathways.migrate import migrate, schema_version
from pathways.safe_input import shown
from pathways.scenario import catalogue, defaults, list_presets, parse_number

VERSION = "1"
QUERY_PARAM = "s"
CHECK_BYTES = 4
MAX_CODE_LENGTH = 8000
# Preset dictionary for deflate, frozen for code version 1 (changing it breaks old links; it only
# affects compression, not which levers a code can carry). Common names last = cheapest to reach.
_ZDICT_V1 = (
    b"china;inner_mongolia;shanxi;"
    b"gdp_growth_2025_2030=gdp_growth_2031_2040=gdp_growth_2041_2050=gdp_growth_2051_2070="
    b"mine_restoration_rate=mine_restoration_rate_year=mine_restoration_lag="
    b"mine_natural_share_extremely_important=mine_natural_share_important="
    b"mine_natural_share_general=mine_landuse_forest=mine_landuse_shrub_grass="
    b"mine_landuse_cropland=mine_landuse_wetland=mine_pv_capacity=mine_pv_capacity_year="
    b"mine_pumped_storage=mine_pumped_storage_year="
    b"dac=dac_year=beccs=beccs_year=ccus_power_share=ccus_capacity=ccus_capacity_year="
    b"forest_management=forest_management_year=afforestation_rate=afforestation_rate_year="
    b"consumption_change=consumption_change_year=material_demand_change=material_demand_change_year="
    b"building_service_change=building_service_change_year=floor_area_per_capita="
    b"floor_area_per_capita_year=freight_shift_rail=freight_shift_rail_year=modal_shift_public="
    b"modal_shift_public_year=passenger_travel_change=passenger_travel_change_year=grid_losses="
    b"grid_losses_year=coal_power_heat_rate=coal_power_heat_rate_year=scrap_steel_share="
    b"scrap_steel_share_year=clinker_ratio=clinker_ratio_year=industry_structure="
    b"industry_structure_year=other_intensity_improvement=buildings_intensity_improvement="
    b"transport_intensity_improvement=industry_intensity_improvement=buildings_coal_switch="
    b"buildings_coal_switch_year=buildings_electrification=buildings_electrification_year="
    b"transport_hydrogen=transport_hydrogen_year=transport_electrification="
    b"transport_electrification_year=industry_coal_switch=industry_coal_switch_year="
    b"industry_hydrogen=industry_hydrogen_year=industry_electrification="
    b"industry_electrification_year=heat_low_carbon_share=heat_low_carbon_share_year="
    b"storage_capacity=storage_capacity_year=solar_share_of_wind_solar="
    b"solar_share_of_wind_solar_year=nuclear_capacity=nuclear_capacity_year="
    b"power_coal_share_of_fossil=power_coal_share_of_fossil_year=power_nonfossil_share="
    b"power_nonfossil_share_year=2030;2035;2040;2045;2050;2055;2060;"
)
_PAIR = re.compile(r"^([a-z0-9_]{1,80})=(.{1,40})$")


@dataclass
class Notice:
    """A message for the user: ``key`` (code ``share.<key>`` in the catalogue) and the
    ``params`` that fill it (text parameters come from the code: region, lever names, values)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return f"share.{self.key}"


@dataclass
class Decoded:
    """A decoded share code: region, the complete lever set, and notices (empty = exact)."""

    region: str
    levers: dict[str, float]
    notices: list[Notice] = field(default_factory=list)
    preset: str | None = None  # the preset the scenario started from (display only)

    @property
    def exact(self) -> bool:
        return not self.notices


def _number(value: float) -> str:
    """Shortest text that reads back to exactly ``value``."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2s(payload, digest_size=CHECK_BYTES).digest()


def payload_text(region: str, levers: Mapping[str, float], preset: str | None = None) -> str:
    """The uncompressed payload: schema, region, preset (may be empty), then every lever that
    differs from its catalogue default (so the code does not depend on preset files)."""
    base = defaults()
    parts = [str(schema_version()), region, preset or ""]
    for name, value in levers.items():
        if name in base and float(value) == base[name]:
            continue
        parts.append(f"{name}={_number(value)}")
    return ";".join(parts) + ";"


def encode(levers: Mapping[str, float], region: str = "china", preset: str | None = None) -> str:
    """The share code of a scenario (levers may be complete or only the changed ones)."""
    payload = payload_text(region, levers, preset).encode("utf-8")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _ZDICT_V1)
    body = comp.compress(payload) + comp.flush() + _checksum(payload)
    return VERSION + base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    text = re.sub(r"[^A-Za-z0-9_-]", "", text)
    text = text[: len(text) - len(text) % 4] if len(text) % 4 == 1 else text
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _salvage(data: bytes) -> bytes:
    """What decompresses of a damaged raw-deflate stream before the damage."""
    dec = zlib.decompressobj(-15, _ZDICT_V1)
    out = b""
    for i in range(len(data)):
        try:
            out += dec.decompress(data[i : i + 1])
        except zlib.error:
            break
    return out


def _unpack(raw: bytes) -> tuple[bytes, str]:
    """Payload and status: ``ok``, ``truncated`` (cut short) or ``damaged`` (checksum differs)."""
    dec = zlib.decompressobj(-15, _ZDICT_V1)
    try:
        payload = dec.decompress(raw, 1 << 16)
    except zlib.error:
        return _salvage(raw), "damaged"
    if not dec.eof:
        return payload, "truncated"
    tail = dec.unused_data
    check = _checksum(payload)
    if tail == check:
        return payload, "ok"
    if len(tail) < CHECK_BYTES and check.startswith(tail):
        return payload, "truncated"
    return payload, "damaged"


def _fallback(key: str, **params: object) -> Decoded:
    return Decoded("china", defaults(), [Notice(key, params)])


def decode(code: str | None) -> Decoded:
    """Read a share code into the nearest valid scenario, with notices for anything not exact."""
    code = (code or "").strip()
    if not code:
        return _fallback("empty")
    if len(code) > MAX_CODE_LENGTH:
        return _fallback("too_long", length=len(code))
    if code[0] != VERSION:
        return _fallback("unknown_version", version=code[:1])
    try:
        raw = _b64decode(code[1:])
    except (binascii.Error, ValueError):
        return _fallback("unreadable")
    payload, status = _unpack(raw)
    fields = payload.decode("utf-8", errors="replace").split(";")
    whole = fields[:-1]  # only fields followed by ';' are complete
    if len(whole) < 3 or not re.fullmatch(r"[0-9]{1,4}", whole[0]):
        return _fallback("unreadable")
    saved_schema, region = int(whole[0]), whole[1]
    preset = whole[2] if whole[2] in list_presets(None) else None
    cat = catalogue()
    levers: dict[str, str] = {}
    ignored = 0
    for item in whole[3:]:
        match = _PAIR.match(item)
        if not match:
            ignored += 1
            continue
        name, value = match.groups()
        if status != "ok":  # a damaged code: keep only settings that make sense
            number = parse_number(value)
            if name not in cat or number is None or not math.isfinite(number):
                ignored += 1
                continue
        if name in levers:  # a lever given twice: the code was not made by encode()
            ignored += 1
            if status == "ok":
                status = "damaged"
            continue
        levers[name] = value
    notices: list[Notice] = []
    if status == "truncated":
        notices.append(Notice("truncated", {"count": len(levers)}))
    elif status == "damaged":
        notices.append(Notice("tampered", {"count": len(levers), "ignored": ignored}))
    if region not in list_regions():
        notices.append(Notice("unknown_region", {"region": shown(region), "used": "china"}))
        region = "china"
    full, report = migrate(levers, saved_schema, saved_names=set(cat) | set(levers))
    if saved_schema > report.to_version:
        notices.append(
            Notice("newer_schema", {"version": saved_schema, "current": report.to_version})
        )
    if saved_schema < report.to_version:
        notices.append(Notice("old_schema", {"version": saved_schema}))
    for old, new in report.renamed:
        notices.append(Notice("lever_renamed", {"old": old, "new": new}))
    for name, value in report.removed:
        notices.append(Notice("lever_removed", {"name": shown(name), "value": shown(value)}))
    for name, value, used in report.clipped:
        notices.append(
            Notice("lever_clipped", {"name": name, "value": shown(value), "used": f"{used:g}"})
        )
    return Decoded(region, full, notices, preset)
