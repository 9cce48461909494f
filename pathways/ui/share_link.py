"""Share codes in the dashboard URL: ``?s=<code>`` (see :mod:`pathways.share`).

:func:`read` turns a URL holding a share code into the dashboard's :class:`url_state.UrlState`
(called by ``url_state.read``), with the share code's notices in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pathways import share
from pathways.i18n import message
from pathways.scenario import complete, list_presets
from pathways.ui import url_state
from pathways.ui.i18n import LANGS
from pathways.ui.text import plain

QUERY_PARAM = share.QUERY_PARAM


@dataclass(frozen=True)
class ShareNotice:
    """A share-code notice with the ``text(lang)`` the dashboard's notices have."""

    notice: share.Notice

    def text(self, lang: str) -> str:
        return message(self.notice, lang, escape=plain)  # region etc. from the code: literal


def read(params: Mapping[str, object], regions: list[str]) -> url_state.UrlState:
    """The scenario of the share code in ``params`` (other lever parameters are ignored)."""
    state = url_state.UrlState()
    lang = url_state._first(params.get("lang", "en"))
    state.lang = lang if lang in LANGS else "en"
    state.present = url_state._first(params.get("present", "0")) in ("1", "true", "yes")
    decoded = share.decode(url_state._first(params.get(QUERY_PARAM, "")))
    state.region = decoded.region if decoded.region in regions else (regions or ["china"])[0]
    # the code holds every lever that differs from the defaults; the preset is a label, so the
    # scenario is exact even if the preset file has changed since
    state.preset = decoded.preset or url_state.DEFAULT_PRESET
    if state.preset not in list_presets(state.region):
        state.preset = url_state.DEFAULT_PRESET
    base = complete(preset=state.preset, region=state.region)
    state.levers = {k: v for k, v in decoded.levers.items() if v != base.get(k)}
    state.notices = [ShareNotice(n) for n in decoded.notices]  # type: ignore[misc]
    return state
