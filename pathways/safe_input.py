"""Bounded reading of untrusted text: bytes -> text -> TOML/JSON documents, and text checks.

Every channel a user's text enters by (CLI ``--scenario``, uploads, library imports, share codes,
URL parameters) reads it through here, so one set of limits holds everywhere:

- a document is at most :data:`MAX_DOCUMENT_CHARS` characters and nests at most
  :data:`MAX_DEPTH` levels of arrays/tables (checked by a scan *before* parsing, so a 50,000-deep
  array never reaches a recursive parser);
- a number written in a document has at most :data:`MAX_NUMBER_CHARS` characters (a 400- or
  5000-digit integer is refused with a message, not an ``OverflowError``/``ValueError``);
- JSON keys appear once per object (``{"dac": 100, "dac": 200}`` is refused; TOML refuses it
  itself);
- every string is valid Unicode (a lone surrogate such as ``"\\ud800"`` is refused: it could not
  be saved, encoded or shown).

Errors are :class:`InputError` with a message key and parameters (English and Chinese in
:data:`MESSAGES`), never a traceback. Pure Python: no Streamlit here.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable

MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40
MAX_DOCUMENT_CHARS = 20_000_000
MAX_SHOWN = 40

MESSAGES: dict[str, dict[str, str]] = {
    "not_text": {
        "en": "{file} cannot be read: it is not a text file in UTF-8 (save it as UTF-8 CSV, "
        "TOML or JSON).",
        "zh": "无法读取文件 {file}：不是UTF-8文本文件（请另存为UTF-8编码的CSV、TOML或JSON）。",
    },
    "utf16": {
        "en": '{file} cannot be read: it is saved as UTF-16 ("Unicode text"); save it as '
        "UTF-8 CSV, TOML or JSON.",
        "zh": "无法读取文件 {file}：该文件为UTF-16编码（“Unicode文本”）；请另存为UTF-8编码的CSV、"
        "TOML或JSON。",
    },
    "doc_too_large": {
        "en": "{file} has {size} characters; at most {limit} can be read.",
        "zh": "文件 {file} 有{size}个字符，最多可读取{limit}个。",
    },
    "too_deep": {
        "en": "{file}: line {line}: nested more than {limit} levels deep; a scenario file is a "
        "flat table of levers.",
        "zh": "{file}：第{line}行：嵌套超过{limit}层；情景文件应为扁平的参数表。",
    },
    "number_too_long": {
        "en": "{file}: line {line}: a number with {length} characters ('{value}…'); numbers may "
        "have at most {limit} characters.",
        "zh": "{file}：第{line}行：数字长达{length}个字符（“{value}…”）；数字最多{limit}个字符。",
    },
    "duplicate_key": {
        "en": "{file}: '{name}' is given twice in the same table; give it once.",
        "zh": "{file}：“{name}”在同一表中出现两次，请只写一次。",
    },
    "bad_unicode": {
        "en": "{file}: contains a character that is not valid text (an unpaired surrogate such "
        "as \\ud800){where}.",
        "zh": "{file}：含有无效字符（如孤立代理项\\ud800）{where}。",
    },
    "bad_syntax": {
        "en": "{file}: not valid {format}: {detail}",
        "zh": "{file}：不是有效的{format}格式：{detail}",
    },
}


class InputError(ValueError):
    """Untrusted text was refused; :meth:`message` gives the reason in English or Chinese."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        params = {k: _fmt(v, lang, escape) for k, v in self.params.items()}
        if "where" in params or "{where}" in MESSAGES[self.key]["en"]:
            where = self.params.get("where")
            params["where"] = (
                (f"（{where}）" if lang == "zh" else f" (in {where})") if where else ""
            )
            if escape and where:
                params["where"] = escape(params["where"])
        return MESSAGES[self.key]["zh" if lang == "zh" else "en"].format(**params)


def _fmt(value: object, lang: str, escape: Callable[[str], str] | None) -> object:
    if isinstance(value, InputError):
        return value.message(lang, escape)
    if isinstance(value, str) and escape is not None:
        return escape(value)
    return value


# --- text -------------------------------------------------------------------------------------


def valid_text(text: str) -> bool:
    """True when ``text`` can be encoded as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """A short, encodable form of untrusted text for messages (cut, surrogates replaced)."""
    if isinstance(text, int) and not isinstance(text, bool) and text.bit_length() > 128:
        digits = int(text.bit_length() * 0.30103) + 1
        return f"<{digits}-digit integer>"
    try:
        value = (
            text if isinstance(text, str) else repr(text) if isinstance(text, float) else str(text)
        )
    except (ValueError, RecursionError):  # e.g. a list holding a 5000-digit integer
        value = f"<{type(text).__name__}>"
    if len(value) > limit:
        value = value[:limit] + "…"
    return value.encode("utf-8", "replace").decode("utf-8")


def decode(data: bytes, file: str) -> str:
    """Bytes of a text file -> text: UTF-8, with or without a BOM (UTF-16 is refused by name)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("utf16", file=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not_text", file=file) from None
    if "\x00" in text:  # binary content that happens to decode
        raise InputError("not_text", file=file)
    return text


# --- documents --------------------------------------------------------------------------------

_LONG = "{%d,}" % (MAX_NUMBER_CHARS + 1)  # noqa: UP031 - a regex quantifier
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\{]|[\]\}]|[0-9eE.+\-]' + _LONG)
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|[\[\{]|[\]\}]|[0-9_eE.+\-]" + _LONG
)


def _scan(text: str, tokens: re.Pattern[str], file: str) -> None:
    """Refuse deep nesting and over-long numbers before a parser sees the text."""
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise InputError("too_deep", file=file, line=line, limit=MAX_DEPTH)
        elif first in "]}":
            depth = max(depth - 1, 0)
        elif first not in "\"'#" and any(ch.isdigit() for ch in token):
            line = text.count("\n", 0, match.start()) + 1
            raise InputError(
                "number_too_long",
                file=file,
                line=line,
                length=len(token),
                value=token[:12],
                limit=MAX_NUMBER_CHARS,
            )


def _no_duplicates(file: str) -> Callable[[list[tuple[str, object]]], dict]:
    def hook(pairs: list[tuple[str, object]]) -> dict:
        out: dict[str, object] = {}
        for key, value in pairs:
            if key in out:
                raise InputError("duplicate_key", file=file, name=shown(key))
            out[key] = value
        return out

    return hook


def check_strings(doc: object, file: str) -> None:
    """Refuse a document holding a string (key or value) that is not valid Unicode."""
    stack: list[tuple[object, str]] = [(doc, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if not valid_text(item):
                raise InputError("bad_unicode", file=file, where=shown(path) if path else "")
        elif isinstance(item, dict):
            for key, value in item.items():
                if not valid_text(str(key)):
                    raise InputError("bad_unicode", file=file, where=shown(path) if path else "")
                stack.append((value, f"{path}.{key}" if path else str(key)))
        elif isinstance(item, list):
            stack.extend((value, path) for value in item)


def load_json(text: str, file: str) -> object:
    """A JSON document, bounded (see the module docstring)."""
    _check_size(text, file)
    _scan(text, _JSON_TOKENS, file)
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates(file))
    except InputError:
        raise
    except json.JSONDecodeError as exc:
        raise InputError("bad_syntax", file=file, format="JSON", detail=str(exc)[:200]) from None
    except (RecursionError, ValueError) as exc:  # belt and braces: the scan should stop these
        raise InputError("bad_syntax", file=file, format="JSON", detail=str(exc)[:200]) from None
    check_strings(doc, file)
    return doc


def load_toml(text: str, file: str) -> dict:
    """A TOML document, bounded (see the module docstring)."""
    _check_size(text, file)
    _scan(text, _TOML_TOKENS, file)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("bad_syntax", file=file, format="TOML", detail=str(exc)[:200]) from None
    except (RecursionError, ValueError) as exc:  # belt and braces: the scan should stop these
        raise InputError("bad_syntax", file=file, format="TOML", detail=str(exc)[:200]) from None
    check_strings(doc, file)
    return doc


def _check_size(text: str, file: str) -> None:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError("doc_too_large", file=file, size=len(text), limit=MAX_DOCUMENT_CHARS)


# suffix -> (format label, loader)
LOADERS: dict[str, tuple[str, Callable[[str, str], object]]] = {
    ".toml": ("TOML", load_toml),
    ".json": ("JSON", load_json),
}
