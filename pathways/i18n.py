"""The one translation catalogue: ``pathways/locale/messages.toml`` (English and Chinese).

Every user-facing string of the dashboard, the CLI and the core's messages is an entry there::

    [lib_saved]
    en = "Saved '{name}'."
    zh = "...the Chinese text, with the same {name}..."

A dotted header (``[store.conflict]``) is the same as the key ``"store.conflict"``; error codes
of the core are ``<domain>.<key>`` (:mod:`pathways.errors`). :func:`t` returns one entry
formatted with keyword parameters; :func:`message` renders a core error or notice. Labels that
belong to a data row (levers, variables, presets) stay in that row (``label_en``/``label_zh``)
and are picked with :func:`localized`. Pure Python: no Streamlit here.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

from pathways.errors import LeverLabel

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
CATALOGUE_FILE = Path(__file__).resolve().parent / "locale" / "messages.toml"

Escape = Callable[[str], str] | None


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every entry: key -> {lang: text}. Dotted TOML headers are flattened to dotted keys."""
    with CATALOGUE_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    out: dict[str, dict[str, str]] = {}

    def walk(prefix: str, table: dict) -> None:
        texts = {k: v for k, v in table.items() if isinstance(v, str)}
        if texts:
            out[prefix] = texts
        for k, v in table.items():
            if isinstance(v, dict):
                walk(f"{prefix}.{k}" if prefix else k, v)

    walk("", raw)
    return out


def lang_of(lang: object) -> str:
    """``lang`` if the catalogue has it, else the default language."""
    return lang if lang in LANGS else DEFAULT_LANG


def has(key: str) -> bool:
    return key in catalogue()


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The entry ``key`` in ``lang``, formatted with ``params`` (an unknown key is returned
    as it is, so a missing entry shows, and the catalogue test names it)."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang_of(lang)) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text


def lang_names() -> dict[str, str]:
    """Each language's name in itself (the language switch)."""
    return {lang: t("language_name", lang) for lang in LANGS}


def lever_unit(text: str, lang: str = DEFAULT_LANG) -> str:
    """A unit of ``data/levers.csv`` in ``lang`` (a unit without an entry is shown as it is)."""
    key = f"lever_unit.{text}"
    return t(key, lang) if key in catalogue() else text


def module_label(module: str, lang: str = DEFAULT_LANG) -> str:
    """The name of a lever module (``data/levers.csv`` column ``module``): entry
    ``module_<module>`` of the catalogue, else the module's own name."""
    key = f"module_{module}"
    return t(key, lang) if key in catalogue() else module


def localized(row: object, field: str, lang: str = DEFAULT_LANG) -> str:
    """``row.<field>_<lang>`` of a data row (lever, variable, preset), else the English one."""
    return getattr(row, f"{field}_{lang_of(lang)}", "") or getattr(row, f"{field}_en")


def join(items: Iterable[object], lang: str = DEFAULT_LANG) -> str:
    """Items joined with the language's list separator (catalogue ``list_sep``)."""
    return t("list_sep", lang).join(str(i) for i in items)


def message(msg: object, lang: str = DEFAULT_LANG, escape: Escape = None) -> str:
    """A core error or notice (anything with ``code`` and ``params``) as text in ``lang``.

    ``escape`` (the UI's Markdown escape) is applied to every text parameter, which may come
    from a user's file or link; catalogue text is never escaped."""
    code = msg.code
    render = getattr(msg, "render_params", None)
    params = render() if render is not None else dict(msg.params)
    shown = {k: _param(k, v, lang, escape) for k, v in params.items()}
    entry = catalogue().get(code)
    text = getattr(msg, "key", code) if entry is None else t(code, lang, **shown)
    frame = msg.frame() if hasattr(msg, "frame") else None
    if frame is not None:
        outer = {k: _param(k, v, lang, escape) for k, v in frame.render_params().items()}
        text = t(frame.code, lang, **outer, text=text)
    return text


def messages(items: Iterable[object], lang: str = DEFAULT_LANG, escape: Escape = None) -> list[str]:
    return [message(m, lang, escape) for m in items]


def _param(name: str, value: object, lang: str, escape: Escape) -> object:
    if hasattr(value, "code") and hasattr(value, "params"):
        return message(value, lang, escape)
    if isinstance(value, LeverLabel):
        return _lever_label(value, lang, escape)
    if isinstance(value, list | tuple):
        return join((_param("", v, lang, escape) for v in value), lang)
    if isinstance(value, str):
        if name == "unit":
            value = lever_unit(value, lang)
        return escape(value) if escape is not None else value
    return value


def _lever_label(ref: LeverLabel, lang: str, escape: Escape) -> str:
    from pathways.scenario import catalogue as levers  # late: scenario imports this module

    lever = levers().get(ref.name)
    name = escape(ref.name) if escape is not None else ref.name
    if lever is None:
        return name
    label = lever.label(lang)
    return t("lever_label_with_name", lang, label=label, name=name) if ref.with_name else label
