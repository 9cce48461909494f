"""Keep saved scenarios working when the lever catalogue changes.

Every saved scenario and share link records the catalogue *schema version* it was made under
(the highest ``version`` in ``data/lever_migrations.toml``) and a *catalogue hash* (names, units
and ranges of all levers). :func:`migrate` brings an old lever set up to the current catalogue:

- a renamed lever maps to its new name (steps newer than the saved version, in order);
- a lever the catalogue gained since takes its default (reported as *added*);
- a lever that was removed, or that the catalogue does not know, is reported with its value,
  never silently dropped (the stored record keeps it);
- a value outside today's range is clipped to the nearest allowed value (reported).
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pathways.data import DATA_DIR
from pathways.errors import LeverLabel, Message
from pathways.scenario import Lever, LeverProblem, catalogue, check_value, safe_shown

MIGRATIONS_FILE = DATA_DIR / "lever_migrations.toml"


class MigrationError(ValueError):
    """The migrations file is malformed."""


@dataclass(frozen=True)
class Step:
    """One catalogue change: renames and removals that bring a scenario to ``version``."""

    version: int
    renamed: dict[str, str]
    removed: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Migrations:
    """All steps in version order; :attr:`current` is the catalogue's schema version."""

    steps: tuple[Step, ...]

    @property
    def current(self) -> int:
        return max((s.version for s in self.steps), default=1)

    def all_renames(self) -> dict[str, str]:
        """Old name -> final name over every step (chains followed)."""
        final: dict[str, str] = {}
        for step in self.steps:
            for old, new in step.renamed.items():
                for k, v in final.items():
                    if v == old:
                        final[k] = new
                final[old] = new
        return final


def parse_migrations(doc: Mapping[str, object], source: str = "migrations") -> Migrations:
    steps = []
    raw_steps = doc.get("step", [])
    if not isinstance(raw_steps, list):
        raise MigrationError(f"{source}: [[step]] must be an array of tables")
    for i, raw in enumerate(raw_steps, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
            raise MigrationError(f"{source}: step {i} needs an integer 'version'")
        renamed = raw.get("renamed", {})
        removed = raw.get("removed", [])
        if not isinstance(renamed, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in renamed.items()
        ):
            raise MigrationError(f"{source}: step {i}: 'renamed' must map old = \"new\" names")
        if not isinstance(removed, list) or not all(isinstance(x, str) for x in removed):
            raise MigrationError(f"{source}: step {i}: 'removed' must be a list of names")
        steps.append(Step(raw["version"], dict(renamed), tuple(removed), str(raw.get("note", ""))))
    versions = [s.version for s in steps]
    if versions != sorted(set(versions)):
        raise MigrationError(f"{source}: step versions must increase: {versions}")
    return Migrations(tuple(steps))


@functools.lru_cache(maxsize=4)
def load_migrations(path: Path = MIGRATIONS_FILE) -> Migrations:
    """The migration steps of ``data/lever_migrations.toml``."""
    try:
        doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Migrations(())
    except tomllib.TOMLDecodeError as exc:
        raise MigrationError(f"{Path(path).name}: not valid TOML ({exc})") from None
    return parse_migrations(doc, Path(path).name)


def schema_version() -> int:
    """The current catalogue schema version."""
    return load_migrations().current


def catalogue_hash(levers: Mapping[str, Lever] | None = None) -> str:
    """A short fingerprint of the catalogue (names, units, ranges): changes whenever it does."""
    levers = catalogue() if levers is None else levers
    text = "\n".join(
        f"{lv.name}|{lv.unit}|{lv.min:g}|{lv.max:g}|{lv.default:g}" for lv in levers.values()
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class MigrationReport:
    """What :func:`migrate` changed. Each list holds tuples a UI can turn into messages."""

    from_version: int
    to_version: int
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    added: list[tuple[str, float]] = field(default_factory=list)  # (name, default used)
    removed: list[tuple[str, object]] = field(default_factory=list)  # (name, saved value)
    clipped: list[tuple[str, object, float]] = field(default_factory=list)  # (name, saved, used)

    @property
    def changed(self) -> bool:
        return bool(self.renamed or self.removed or self.clipped)

    def notes(self) -> list[Message]:
        """One message per change (``migrate.<kind>``), naming levers by today's labels (added
        defaults summarised); :func:`pathways.i18n.messages` shows them. Values from the saved
        record are parameters, so the UI escapes them."""
        cat = catalogue()
        out = [
            Message("migrate.renamed", {"old": old, "new": LeverLabel(new, with_name=True)})
            for old, new in self.renamed
        ]
        out += [
            Message("migrate.removed", {"name": safe_shown(name, 80), "value": safe_shown(value)})
            for name, value in self.removed
        ]
        out += [
            Message(
                "migrate.clipped",
                {
                    "label": LeverLabel(name, with_name=True),
                    "saved": safe_shown(saved),
                    "used": f"{used:g}",
                },
            )
            for name, saved, used in self.clipped
        ]
        if self.added:
            names = [LeverLabel(n) if n in cat else n for n, _ in self.added]
            out.append(Message("migrate.added", {"count": len(self.added), "names": names}))
        return out


def rename_to_current(
    levers: Mapping[str, object], from_version: int, migrations: Migrations | None = None
) -> dict[str, object]:
    """``levers`` with the names renamed by steps newer than ``from_version`` (values untouched)."""
    migrations = load_migrations() if migrations is None else migrations
    values = dict(levers)
    for step in migrations.steps:
        if step.version > from_version:
            for old, new in step.renamed.items():
                if old in values and new not in values:
                    values[new] = values.pop(old)
    return values


def migrate(
    levers: Mapping[str, object],
    from_version: int | None,
    *,
    migrations: Migrations | None = None,
    levers_catalogue: Mapping[str, Lever] | None = None,
    saved_names: set[str] | None = None,
) -> tuple[dict[str, float], MigrationReport]:
    """Bring ``levers`` saved under schema ``from_version`` to the current catalogue.

    Returns the complete current lever set (every catalogue lever) and the report. ``saved_names``
    are the levers the saving catalogue had (default: the keys of ``levers``); current levers not
    among them are reported as *added* with their default.
    """
    migrations = load_migrations() if migrations is None else migrations
    cat = catalogue() if levers_catalogue is None else levers_catalogue
    start = 0 if from_version is None else int(from_version)
    report = MigrationReport(from_version=start, to_version=migrations.current)

    values = dict(levers)
    names = set(values) if saved_names is None else set(saved_names)
    for step in migrations.steps:
        if step.version <= start:
            continue
        for old, new in step.renamed.items():
            if old in names:
                names.discard(old)
                names.add(new)
            if old in values:
                values[new] = values.pop(old)
                report.renamed.append((old, new))
    # names renamed in any step, in case the saved version is unknown or wrong
    for old, new in migrations.all_renames().items():
        if old in values and old not in cat and new in cat and new not in values:
            values[new] = values.pop(old)
            names.discard(old)
            names.add(new)
            report.renamed.append((old, new))

    full = {name: lv.default for name, lv in cat.items()}
    for name, value in values.items():
        if name not in cat:
            report.removed.append((name, value))
            continue
        # the one lever-value check (pathways.scenario.check_value); an exact in-range value is
        # kept as it is, whatever the slider step
        checked = check_value(name, value, cat)
        if isinstance(checked, LeverProblem):
            used = checked.nearest if checked.nearest is not None else cat[name].default
            report.clipped.append((name, value, used))
            full[name] = used
            continue
        full[name] = checked
    for name, lever in cat.items():
        if name not in names and name not in values:
            report.added.append((name, lever.default))
    return full, report
