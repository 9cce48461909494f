"""The dashboard's state in the URL: language, region, preset and the levers changed from it.

``?lang=zh&preset=dual-carbon&nuclear_capacity=400`` opens the dashboard in Chinese on the
dual-carbon preset with nuclear capacity at 400 GW. Reading never fails: an unknown name is
ignored, a value that is not a number (or a lever given twice with different values) takes the
preset's value, and an out-of-range value the nearest valid one, each with a :class:`Notice` the
page shows in the user's language. A valid value is kept exactly, whatever the slider step
(values are checked by :func:`pathways.scenario.check_value`, as in every other channel). Every
user-given string in a notice is escaped (:func:`pathways.ui.text.plain`). Extend here (e.g. a
compact share code) so all URL handling stays in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pathways.safe_input import shown
from pathways.scenario import Lever, LeverProblem, catalogue, check_value, complete, list_presets
from pathways.ui.i18n import LANGS, t, unit
from pathways.ui.text import plain

RESERVED = ("lang", "region", "preset", "present")
DEFAULT_PRESET = "current-policies"


@dataclass(frozen=True)
class Notice:
    """A message about a corrected input; rendered in the current language by :meth:`text`."""

    key: str
    lever: str = ""
    fmt: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        values = {k: plain(v) for k, v in self.fmt}  # user-given text, shown literally
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


def _repeated(value: object) -> bool:
    """A parameter given more than once with different values (``?dac=1&dac=2``)."""
    return isinstance(value, list | tuple) and len({str(v) for v in value}) > 1


def snap(lever: Lever, number: float) -> float:
    """Nearest value a slider can take: clipped to the range, on the step grid (for *showing* a
    value on a slider only; the scenario keeps the exact value)."""
    clipped = lever.clip(number)
    if lever.step > 0:
        steps = round((clipped - lever.min) / lever.step)
        clipped = min(max(lever.min + steps * lever.step, lever.min), lever.max)
    clipped = round(clipped, 9)
    return float(round(clipped)) if lever.kind == "year" else clipped


def coerce_lever(name: str, value: object, fallback: float) -> tuple[float | None, Notice | None]:
    """One lever value from an untrusted source -> (value or None if unknown, notice).

    A valid value is returned exactly (no snapping to the slider step); a value out of range or
    not a whole year gives the nearest valid one, a value that is not a number ``fallback``."""
    if _repeated(value):
        return fallback, Notice(
            "notice_repeated", str(name), (("name", shown(name)), ("used", f"{fallback:g}"))
        )
    raw = _first(value) if isinstance(value, list | tuple | str) else value
    checked = check_value(name, raw)
    if not isinstance(checked, LeverProblem):
        return checked, None
    if checked.code == "unknown_lever":
        return None, Notice("notice_unknown", fmt=(("name", shown(name)),))
    if checked.nearest is None:  # not a number
        return fallback, Notice(
            "notice_nan", name, (("value", shown(raw, 20)), ("used", f"{fallback:g}"))
        )
    lever = catalogue()[name]
    if checked.code == "not_whole_year":
        return checked.nearest, Notice(
            "notice_not_whole",
            name,
            (("value", str(checked.params["value"])), ("used", f"{checked.nearest:g}")),
        )
    return checked.nearest, Notice(
        "notice_clipped",
        name,
        (
            ("value", str(checked.params["value"])),
            ("min", f"{lever.min:g}"),
            ("max", f"{lever.max:g}"),
            ("used", f"{checked.nearest:g}"),
        ),
    )


def read(params: Mapping[str, object], regions: list[str]) -> UrlState:
    """Parse query parameters (values str or list of str) into a valid :class:`UrlState`."""
    if "s" in params:  # a compact share code: pathways.ui.share_link (scenario library)
        from pathways.ui import share_link

        return share_link.read(params, regions)
    state = UrlState()
    lang = _first(params.get("lang", "en"))
    state.lang = lang if lang in LANGS and not _repeated(params.get("lang")) else "en"
    region = _first(params.get("region", "china"))
    if region in regions and not _repeated(params.get("region")):
        state.region = region
    else:
        state.region = regions[0] if regions else "china"
        state.notices.append(
            Notice("notice_region", fmt=(("name", shown(region)), ("used", state.region)))
        )
    preset = _first(params.get("preset", DEFAULT_PRESET))
    if preset in list_presets(state.region) and not _repeated(params.get("preset")):
        state.preset = preset
    else:
        state.notices.append(
            Notice("notice_preset", fmt=(("name", shown(preset)), ("used", DEFAULT_PRESET)))
        )
    state.present = _first(params.get("present", "0")) in ("1", "true", "yes")
    preset_levers = complete(preset=state.preset, region=state.region)
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
        params[name] = exact_text(value)
    return params


def exact_text(value: float) -> str:
    """The shortest text that reads back to exactly ``value`` (``f"{v:g}"`` would round
    123.4567 to 123.457 and so change the scenario a link carries)."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
