"""Messages of the core without a language: a stable ``code`` and its ``params``.

The core (``pathways/`` outside ``pathways/ui/``) never chooses a language. A refusal raises a
:class:`PathwaysError` (or a subclass) and a notice is a :class:`Message`; both carry ``code``
(``"<domain>.<key>"``, a key of the one catalogue ``pathways/locale/messages.toml``) and
``params``. The dashboard and the CLI turn them into text with :func:`pathways.i18n.message`.
A parameter may itself be a message (rendered first, in the same language), a list (joined with
the language's list separator), or a :class:`LeverLabel` (the lever's label from
``data/levers.csv``). A parameter named ``unit`` is a lever unit and is translated as one.

``str(error)`` is the English text, for logs, tracebacks and ``pytest.raises(match=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LeverLabel:
    """A lever named in a message, shown by its label in the user's language
    (``with_name``: followed by the name in brackets, e.g. "Non-fossil power (power_nonfossil_share)")."""

    name: str
    with_name: bool = False


@dataclass(frozen=True)
class Message:
    """A translatable notice: ``code`` in the catalogue and the ``params`` that fill it."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def render_params(self) -> dict[str, object]:
        return dict(self.params)

    def frame(self) -> Message | None:
        return None


class PathwaysError(Exception):
    """A refusal of the core: ``key`` (stable, short), ``code`` = ``"<domain>.<key>"`` and
    ``params``. Subclasses set :attr:`domain` and may add derived parameters
    (:meth:`render_params`) or an outer message the text is put into (:meth:`frame`), both
    without choosing a language."""

    domain = "error"

    def __init__(self, key: str, /, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(key)

    @property
    def code(self) -> str:
        return f"{self.domain}.{self.key}"

    def render_params(self) -> dict[str, object]:
        return dict(self.params)

    def frame(self) -> Message | None:
        return None

    def __str__(self) -> str:
        from pathways import i18n  # the catalogue; imported late: it reads data files

        return i18n.message(self, "en")
