"""User text shown by Streamlit: one escaping rule for every place a user's string is drawn.

``st.markdown``, ``st.warning``, ``st.caption``, button labels and the like render Markdown (and
Streamlit's extensions: colours, icons, math). A scenario name, a URL parameter, a file name or
a region from the URL must show as the characters it is, never as a link, image, HTML or
formatting: :func:`plain` escapes every ASCII punctuation character with a backslash (CommonMark
allows that for all of them), so ``[Log in](https://ev.il/x)`` shows as those characters, with no
``<a>``, and ``<img src=x>`` as text, with no ``<img>``. Lone surrogates are replaced so the text
can be sent to the browser at all. Plotly text (legends, hover) takes HTML: :func:`plot_text`.

Escapes alone do not stop GitHub-flavoured Markdown's *bare* links: Streamlit links
``https://…``, ``www.…`` and ``name@host`` found in the text after parsing. :func:`plain` puts
an invisible WORD JOINER (U+2060) inside those patterns (``https:⁠//``, ``www⁠.``, ``⁠@``), so
they show as the same characters and are never linked (the browser test checks for no ``<a>``).
The stored text is never changed: this is for showing only.
"""

from __future__ import annotations

import html
import re
import string

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_BARE_LINK = re.compile(r"(:)(?=//)|(?i:(www))(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """``text`` as literal characters in any Streamlit Markdown element."""
    value = str(text).encode("utf-8", "replace").decode("utf-8")
    value = _BARE_LINK.sub(lambda m: (m.group(0) or "") + WORD_JOINER, value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def plot_text(text: object) -> str:
    """``text`` as literal characters in a Plotly label (which renders a subset of HTML)."""
    return html.escape(str(text).encode("utf-8", "replace").decode("utf-8"), quote=True)
