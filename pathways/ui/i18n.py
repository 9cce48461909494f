"""The dashboard's access to the one catalogue, ``pathways/locale/messages.toml``.

Every string the pages show is an entry there (:func:`t`); lever labels and help texts come from
the lever catalogue (``label_zh``/``help_zh``), chart legends from ``data/variables.csv``, and the
core's errors and notices are rendered with :func:`message`/:func:`messages`. Nothing here holds
text of its own.
"""

from __future__ import annotations

from pathways import variables
from pathways.i18n import LANGS, catalogue, join, lang_names, lever_unit, message, messages, t

__all__ = ["LANGS", "LANG_NAMES", "join", "label", "message", "messages", "t", "unit", "var_label"]

LANG_NAMES = lang_names()


def unit(text: str, lang: str = "en") -> str:
    """A lever unit in ``lang`` (unknown units are shown as they are)."""
    return lever_unit(text, lang)


def var_label(variable: str, lang: str = "en") -> str:
    """Short chart label of an IAMC variable (falls back to its last segment)."""
    row = variables.table().get(variable)
    return row.label(lang) if row is not None else variable.rsplit("|", 1)[-1]


def label(key: str, lang: str = "en") -> str:
    """Display name of an indicator, path or restoration row key."""
    entries = catalogue()
    for candidate in (key, f"ind_{key}", f"path_{key}"):
        if candidate in entries:
            return t(candidate, lang)
    if key == "total":
        return t("cmp_total", lang)
    return key
