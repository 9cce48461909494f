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

Errors are :class:`InputError` with a code and parameters (the text, English and Chinese, is
in the catalogue ``pathways/locale/messages.toml``), never a traceback. Pure Python: no Streamlit here.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable

from pathways.errors import Message, PathwaysError

MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40
MAX_DOCUMENT_CHARS = 20_000_000
MAX_SHOWN = 40


class InputError(PathwaysError, ValueError):
    """Untrusted text was refused: ``key`` (code ``input.<key>`` in the catalogue) and
    parameters; :func:`pathways.i18n.message` gives the reason in the user's language."""

    domain = "input"

    def render_params(self) -> dict[str, object]:
        params = dict(self.params)
        where = params.get("where")
        params["where"] = Message("input.where", {"where": where}) if where else ""
        return params


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
