"""The output-variable table ``data/variables.csv``: every variable the model reports, declared once.

Columns: ``variable`` (IAMC name), ``unit``, ``components`` (for an aggregate: the variables it
is the sum of, ``;``-separated; a name starting with ``|`` is a child of this variable; several
alternative partitions are separated by `` / ``), ``label_en``, ``label_zh`` (chart legends; empty:
the last segment of the name), ``colour`` (chart colour, ``#rrggbb`` or empty) and ``iamc``
(``yes``: written to the IAMC export; ``no``: a diagnostic kept in the Result only).

The table drives the units of :class:`pathways.result.Result`, the rows of the IAMC export, the
aggregation checks (``tests/test_iamc.py``: pyam ``check_aggregate``) and the UI's legends and
colours. A new output is one row here plus the line of the module that computes it.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "variables.csv"
RENAMES = TABLE.with_name("variable_renames.csv")
COLUMNS = ("variable", "unit", "components", "label_en", "label_zh", "colour", "iamc")


class VariableError(ValueError):
    """The variable table is malformed, or a reported variable has no row."""


@dataclass(frozen=True)
class Variable:
    """One row of the table."""

    name: str
    unit: str
    partitions: tuple[tuple[str, ...], ...]  # alternative component sets (full names)
    label_en: str
    label_zh: str
    colour: str
    iamc: bool

    @property
    def is_aggregate(self) -> bool:
        return bool(self.partitions)

    def label(self, lang: str = "en") -> str:
        text = self.label_zh if lang == "zh" else self.label_en
        return text or self.name.rsplit("|", 1)[-1]


def _partitions(name: str, text: str) -> tuple[tuple[str, ...], ...]:
    out = []
    for part in text.split(" / "):
        names = [c.strip() for c in part.split(";") if c.strip()]
        if names:
            out.append(tuple(name + c if c.startswith("|") else c for c in names))
    return tuple(out)


def table() -> dict[str, Variable]:
    """The rows of ``data/variables.csv`` (:data:`TABLE`) by name (read and checked once)."""
    return read_table(TABLE)


@functools.cache
def read_table(path: Path) -> dict[str, Variable]:
    """The rows of a variable table by name; :class:`VariableError` if malformed."""
    rows: dict[str, Variable] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise VariableError(f"{path.name}: columns must be {', '.join(COLUMNS)}")
        for line, raw in enumerate(reader, start=2):
            name = raw["variable"].strip()
            if not name or not raw["unit"].strip():
                raise VariableError(f"{path.name}: row {line}: a variable needs a name and a unit")
            if name in rows:
                raise VariableError(f"{path.name}: row {line}: '{name}' is declared twice")
            if raw["iamc"] not in ("yes", "no"):
                raise VariableError(f"{path.name}: row {line}: iamc must be yes or no")
            rows[name] = Variable(
                name=name,
                unit=raw["unit"].strip(),
                partitions=_partitions(name, raw["components"]),
                label_en=raw["label_en"].strip(),
                label_zh=raw["label_zh"].strip(),
                colour=raw["colour"].strip(),
                iamc=raw["iamc"] == "yes",
            )
    for var in rows.values():
        for part in var.partitions:
            unknown = [c for c in part if c not in rows]
            if unknown:
                raise VariableError(f"{path.name}: '{var.name}': unknown component(s) {unknown}")
            if any(rows[c].unit != var.unit for c in part):
                raise VariableError(f"{path.name}: '{var.name}': a component has another unit")
    return rows


def unit_of(name: str) -> str:
    """The unit of a reported variable (its row in ``data/variables.csv``)."""
    try:
        return table()[name].unit
    except KeyError:
        raise VariableError(f"variable '{name}' has no row in data/variables.csv") from None


def aggregates() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Aggregate name -> its alternative component sets."""
    return {name: v.partitions for name, v in table().items() if v.is_aggregate}


def iamc_names() -> frozenset[str]:
    """Variables written to the IAMC export (the table's ``iamc`` column)."""
    return frozenset(name for name, v in table().items() if v.iamc)


def labels() -> dict[str, tuple[str, str]]:
    """Legend labels (en, zh) of the variables that declare one."""
    return {n: (v.label_en, v.label_zh) for n, v in table().items() if v.label_en or v.label_zh}


def colours() -> dict[str, str]:
    """Chart colours of the variables that declare one."""
    return {n: v.colour for n, v in table().items() if v.colour}


@functools.lru_cache(maxsize=1)
def renamed() -> dict[str, str]:
    """Earlier variable names -> current ones (data/variable_renames.csv), so that results
    exported before a rename still read under the current name."""
    with RENAMES.open(encoding="utf-8", newline="") as handle:
        return {row["old"]: row["new"] for row in csv.DictReader(handle)}
