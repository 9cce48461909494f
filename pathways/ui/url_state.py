"""The dashboard's state in the URL: language, region, preset and the levers changed from it.

``?lang=zh&preset=dual-carbon&nuclear_capacity=400`` opens the dashboard in Chinese on the
dual-carbon preset with nuclear capacity at 400 GW. Reading never fails: an unknown name is
ignored, a value that is not a number takes the preset's value, and an out-of-range value the
nearest valid one, each with a :class:`Notice` the page shows in the user's language. Extend
here (e.g. a compact share code) so all URL handling stays in one place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from pathways.scenario import Lever, catalogue, complete, list_presets
from pathways.ui.i18n import LANGS, t, unit

RESERVED = ("lang", "region", "preset", "present")
DEFAULT_PRESET = "current-policies"


@dataclass(frozen=True)
class Notice:
    """A message about a corrected input; rendered in the current language by :meth:`text`."""

    key: str
    lever: str = ""
    fmt: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        values = dict(self.fmt)
        lever = catalogue().get(self.lever)
        if lever is not None:
            values["label"] = lever.label(lang)
            values["unit"] = unit(lever.unit, lang)
        return t(self.key, lang, **values)


@dataclass
class UrlState:
    lang: str = "en"
    region: str = "china"
    preset: str = DEFAULT_PRESET
    present: bool = False
    levers: dict[str, float] = field(default_factory=dict)  # changed from the preset
    notices: list[Notice] = field(default_factory=list)


def _first(value: object) -> str:
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else ""
    return str(value)


def snap(lever: Lever, number: float) -> float:
    """Nearest value a slider can take: clipped to the range, on the step grid."""
    clipped = lever.clip(number)
    if lever.step > 0:
        steps = round((clipped - lever.min) / lever.step)
        clipped = min(max(lever.min + steps * lever.step, lever.min), lever.max)
    clipped = round(clipped, 9)
    return float(round(clipped)) if lever.kind == "year" else clipped


def coerce_lever(name: str, value: object, fallback: float) -> tuple[float | None, Notice | None]:
    """One lever value from an untrusted source -> (valid value or None if unknown, notice)."""
    lever = catalogue().get(name)
    if lever is None:
        return None, Notice("notice_unknown", fmt=(("name", name[:40]),))
    try:
        number = float(_first(value)) if not isinstance(value, int | float) else float(value)
        if not math.isfinite(number):
            raise ValueError
    except (TypeError, ValueError):
        shown = _first(value)[:20]
        return fallback, Notice("notice_nan", name, (("value", shown), ("used", f"{fallback:g}")))
    used = snap(lever, number)
    if abs(used - number) > 1e-9 * max(1.0, abs(number)):
        return used, Notice(
            "notice_clipped",
            name,
            (
                ("value", f"{number:g}"),
                ("min", f"{lever.min:g}"),
                ("max", f"{lever.max:g}"),
                ("used", f"{used:g}"),
            ),
        )
    return used, None


def read(params: Mapping[str, object], regions: list[str]) -> UrlState:
    """Parse query parameters (values str or list of str) into a valid :class:`UrlState`."""
    if "s" in params:  # a compact share code: pathways.ui.share_link (scenario library)
        from pathways.ui import share_link

        return share_link.read(params, regions)
    state = UrlState()
    lang = _first(params.get("lang", "en"))
    state.lang = lang if lang in LANGS else "en"
    region = _first(params.get("region", "china"))
    if region in regions:
        state.region = region
    else:
        state.region = regions[0] if regions else "china"
        state.notices.append(
            Notice("notice_region", fmt=(("name", region[:40]), ("used", state.region)))
        )
    preset = _first(params.get("preset", DEFAULT_PRESET))
    if preset in list_presets():
        state.preset = preset
    else:
        state.notices.append(
            Notice("notice_preset", fmt=(("name", preset[:40]), ("used", DEFAULT_PRESET)))
        )
    state.present = _first(params.get("present", "0")) in ("1", "true", "yes")
    preset_levers = complete(preset=state.preset)
    for name, value in params.items():
        if name in RESERVED:
            continue
        used, notice = coerce_lever(name, value, preset_levers.get(name, 0.0))
        if notice is not None:
            state.notices.append(notice)
        if used is not None and used != preset_levers[name]:
            state.levers[name] = used
    return state


def encode(
    lang: str, region: str, preset: str, changed: Mapping[str, float], present: bool = False
) -> dict[str, str]:
    """Query parameters for a state (only what differs from the defaults)."""
    params: dict[str, str] = {}
    if lang != "en":
        params["lang"] = lang
    if region != "china":
        params["region"] = region
    if preset != DEFAULT_PRESET:
        params["preset"] = preset
    if present:
        params["present"] = "1"
    for name, value in changed.items():
        params[name] = f"{value:g}"
    return params
