"""The scenario library: saved scenarios in a database, through SQLAlchemy.

SQLite by default, a file ``scenarios.db`` in the data directory (``$PATHWAYS_DATA_DIR``, else the
user data directory, e.g. ``~/.local/share/pathways``); ``$PATHWAYS_DB_URL`` (any SQLAlchemy URL,
e.g. ``postgresql+psycopg://user@host/db``) replaces it with no other change.

Safety: every write is one transaction (all or nothing); SQLite runs in WAL mode with a busy
timeout and takes the write lock at the start of a write transaction (``BEGIN IMMEDIATE``), so two
sessions saving at once both succeed, one after the other. All SQL is built with SQLAlchemy Core
expressions, so every value travels as a bound parameter.

Each record keeps the complete lever set it was saved with, the catalogue schema version and hash,
and the model version; :meth:`Store.open` migrates it to today's catalogue (see
:mod:`pathways.migrate`) without rewriting the record.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from pathways import __version__
from pathways.data import list_regions
from pathways.errors import PathwaysError
from pathways.migrate import (
    MigrationReport,
    catalogue_hash,
    migrate,
    rename_to_current,
    schema_version,
)
from pathways.safe_input import valid_text
from pathways.scenario import (
    LeverProblem,
    ScenarioError,
    check_value,
    complete,
    list_presets,
    parse_number,
    safe_shown,
    scenario_toml,
)

DB_SCHEMA_VERSION = 1  # kept in library_meta for release 0.1.0; Alembic's revision is the truth
MIGRATIONS_DIR = Path(__file__).resolve().parent / "db_migrations"
PG_LOCK_KEY = 0x70617468_7761  # "pathwa": the advisory lock of schema migrations
EXPORT_FORMAT = "pathways-scenarios"
EXPORT_VERSION = 1
MAX_NAME = 200
MAX_DESCRIPTION = 4000
MAX_OWNER = 200
# private: only the owner sees it; shared_read: everyone sees it, only the owner changes it;
# shared_edit: everyone sees and changes it, only the owner deletes it or changes its visibility
VISIBILITIES = ("private", "shared_read", "shared_edit")
DEFAULT_MAX_PER_OWNER = 500  # $PATHWAYS_MAX_SCENARIOS_PER_OWNER
BUSY_TIMEOUT_S = 30

metadata = sa.MetaData()
scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uid", sa.String(36), nullable=False, unique=True),
    sa.Column("name", sa.String(MAX_NAME), nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("region", sa.String(64), nullable=False),
    sa.Column("preset", sa.String(64), nullable=True),
    sa.Column("levers", sa.JSON, nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("catalogue_version", sa.String(32), nullable=False),
    sa.Column("model_version", sa.String(32), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),  # ISO 8601 UTC, sortable
    sa.Column("updated_at", sa.String(32), nullable=False),
    # who saved it (None: single-user local mode, or saved before owners existed) and who else
    # may see or change it (see VISIBILITIES); revision 0002
    sa.Column("owner", sa.String(MAX_OWNER), nullable=True),
    sa.Column("visibility", sa.String(16), nullable=False, server_default="shared_edit"),
)
sa.Index("ix_scenarios_updated", scenarios.c.updated_at)
sa.Index("ix_scenarios_owner", scenarios.c.owner)
library_meta = sa.Table(
    "library_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)


class StoreError(PathwaysError, ValueError):
    """A library operation was refused: ``key`` (code ``store.<key>`` in the catalogue) and
    parameters (which may be user text, or another error: :func:`pathways.i18n.message` renders
    and escapes them)."""

    domain = "store"


def _refuse_taken_name(conn: Connection, name: str, except_id: int | None = None) -> None:
    """Names a user types are unique in the library, so the picker never lists two identical
    entries; StoreError ``name_taken`` otherwise. (Imports keep their names: nothing the user
    saved is dropped.)"""
    query = sa.select(scenarios.c.id).where(scenarios.c.name == name)
    if except_id is not None:
        query = query.where(scenarios.c.id != int(except_id))
    if conn.execute(query.limit(1)).first() is not None:
        raise StoreError("name_taken", name=name)


# --- location ---------------------------------------------------------------------------------


def data_dir() -> Path:
    """Writable directory for the library: ``$PATHWAYS_DATA_DIR`` or the user data directory."""
    env = os.environ.get("PATHWAYS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        root = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / "pathways"


def max_per_owner() -> int:
    """Scenarios one user may keep: ``$PATHWAYS_MAX_SCENARIOS_PER_OWNER`` (default 500)."""
    try:
        return max(1, int(os.environ.get("PATHWAYS_MAX_SCENARIOS_PER_OWNER", "")))
    except ValueError:
        return DEFAULT_MAX_PER_OWNER


def default_url() -> str:
    """``$PATHWAYS_DB_URL``, else ``sqlite:///<data dir>/scenarios.db``."""
    return os.environ.get("PATHWAYS_DB_URL") or f"sqlite:///{data_dir() / 'scenarios.db'}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _use_wal(cursor) -> None:
    """Switch a SQLite database to WAL (persistent, so usually already done). Two processes
    opening a new database at once can get SQLITE_BUSY from this pragma without the busy handler
    being called, so it is retried until the busy timeout."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and immediate write transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - driver level
        dbapi_conn.isolation_level = None  # the driver stops issuing BEGIN; we do it below
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000:d}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # reads use a deferred transaction; writes take the lock up front, so a writer never has
        # to upgrade a read lock (which SQLite can refuse with SQLITE_BUSY without waiting)
        options = conn.get_execution_options()
        if options.get("pathways_exclusive"):  # schema migrations
            conn.exec_driver_sql("BEGIN EXCLUSIVE")
        else:
            readonly = options.get("pathways_readonly", False)
            conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


# --- records ----------------------------------------------------------------------------------


@dataclass
class SavedScenario:
    """A library record as stored (levers as saved, not yet migrated)."""

    id: int
    uid: str
    name: str
    description: str
    region: str
    preset: str | None
    levers: dict[str, float]
    schema_version: int
    catalogue_version: str
    model_version: str
    created_at: str
    updated_at: str
    owner: str | None = None
    visibility: str = "shared_edit"

    def as_export(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "region": self.region,
            "preset": self.preset,
            "levers": self.levers,
            "schema_version": self.schema_version,
            "catalogue_version": self.catalogue_version,
            "model_version": self.model_version,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass
class OpenedScenario:
    """A record brought to today's catalogue: complete levers + what migration changed."""

    record: SavedScenario
    levers: dict[str, float]
    report: MigrationReport
    notes: list[StoreError] = field(default_factory=list)  # shown by pathways.i18n.messages


BAD_TEXT = {"name_too_long": "bad_name", "description_too_long": "bad_description"}


def _clean_text(text: object, limit: int, key: str, required: bool = False) -> str:
    """A name or description as given, minus surrounding spaces; refused (never altered) when it
    is not text, holds control characters or a lone surrogate, or is too long."""
    if text is not None and not isinstance(text, str):
        raise StoreError(BAD_TEXT[key])
    value = (text or "").strip()
    if not valid_text(value) or re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise StoreError(BAD_TEXT[key])
    if required and not value:
        raise StoreError("name_empty")
    if len(value) > limit:
        raise StoreError(key, length=len(value), limit=limit)
    return value


def _check_region(region: str) -> str:
    region = str(region)
    if region not in list_regions():
        raise StoreError("unknown_region", region=region[:40], known=", ".join(list_regions()))
    return region


def _full_levers(
    levers: Mapping[str, object], preset: str | None, region: str = "china"
) -> dict[str, float]:
    try:
        return complete(levers, preset, region)
    except ScenarioError as exc:
        raise StoreError("invalid_levers", detail=exc) from None


def _row_to_record(row: sa.Row) -> SavedScenario:
    m = row._mapping
    levers = m["levers"]
    if isinstance(levers, str):  # some drivers hand back JSON text
        levers = json.loads(levers)
    return SavedScenario(
        id=int(m["id"]),
        uid=m["uid"],
        name=m["name"],
        description=m["description"] or "",
        region=m["region"],
        preset=m["preset"],
        levers={str(k): v for k, v in dict(levers).items()},
        schema_version=int(m["schema_version"]),
        catalogue_version=m["catalogue_version"],
        model_version=m["model_version"],
        created_at=m["created_at"],
        updated_at=m["updated_at"],
        owner=m.get("owner"),
        visibility=m.get("visibility") or "shared_edit",
    )


class Store:
    """The scenario library at ``url`` (default :func:`default_url`)."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.url = url or default_url()
        self.engine = engine or make_engine(self.url)
        # the acting user (see for_user); None = single-user local mode: every rule allows
        self.user: str | None = None
        # test hook: called inside every write transaction just before it commits
        self._before_commit: Callable[[str], None] | None = None
        self._create()

    def _create(self) -> None:
        """Bring the database schema to the newest Alembic revision (``alembic upgrade head``),
        under a lock, so two processes starting on an empty database never both create it:
        ``pg_advisory_lock`` on PostgreSQL, an exclusive transaction on SQLite (other databases:
        one transaction). A database made by release 0.1.0 (no ``alembic_version``) has the
        first revision's schema and is only stamped."""
        from alembic import command
        from alembic.config import Config
        from alembic.util.exc import CommandError

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        backend = self.engine.dialect.name
        try:
            if backend == "postgresql":
                with self.engine.connect() as conn:
                    conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
                    try:
                        config.attributes["connection"] = conn
                        command.upgrade(config, "head")
                        conn.commit()
                    finally:
                        conn.rollback()
                        conn.execute(
                            sa.text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY}
                        )
                        conn.commit()
            else:
                options = {"pathways_exclusive": True}
                with self.engine.connect().execution_options(**options) as conn, conn.begin():
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
        except CommandError as exc:  # e.g. a revision this release does not know
            raise StoreError("db_newer", detail=str(exc)[:200]) from None
        except sa.exc.DBAPIError as exc:
            raise StoreError("database", detail=str(exc.orig)[:200]) from exc

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with self._read() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def close(self) -> None:
        self.engine.dispose()

    # --- owners -------------------------------------------------------------------------
    def for_user(self, user: str | None) -> Store:
        """The same library (same engine) acting for ``user`` (e.g. the signed-in e-mail);
        None is single-user local mode. The rules live here, not in the UI:

        - a user sees their own scenarios, shared ones, and ones without owner (saved in local
          mode or before owners existed);
        - a user changes (save over, rename) their own, ``shared_edit`` and owner-less ones;
        - only the owner deletes a scenario or changes its visibility (owner-less: anyone);
        - a new scenario (save, duplicate, import) belongs to ``user``, ``private`` by default;
        - one user keeps at most ``$PATHWAYS_MAX_SCENARIOS_PER_OWNER`` (500) scenarios.
        """
        view = copy.copy(self)
        view.user = None if user is None else str(user)[:MAX_OWNER]
        return view

    def _visible(self) -> sa.ColumnElement[bool]:
        if self.user is None:
            return sa.true()
        c = scenarios.c
        return sa.or_(c.owner == self.user, c.owner.is_(None), c.visibility.in_(VISIBILITIES[1:]))

    def _writable(self) -> sa.ColumnElement[bool]:
        if self.user is None:
            return sa.true()
        c = scenarios.c
        return sa.or_(c.owner == self.user, c.owner.is_(None), c.visibility == "shared_edit")

    def _owned(self) -> sa.ColumnElement[bool]:
        if self.user is None:
            return sa.true()
        return sa.or_(scenarios.c.owner == self.user, scenarios.c.owner.is_(None))

    def _refuse(self, conn: Connection, scenario_id: int, action: str) -> None:
        """Why a write on ``scenario_id`` matched no row: not visible (= not found), not allowed,
        or (for an update with ``expected_updated_at``) changed meanwhile."""
        row = conn.execute(
            sa.select(scenarios.c.name, scenarios.c.owner).where(
                scenarios.c.id == int(scenario_id), self._visible()
            )
        ).one_or_none()
        if row is None:
            raise StoreError("not_found", id=scenario_id)
        writable = conn.execute(
            sa.select(scenarios.c.id).where(scenarios.c.id == int(scenario_id), self._writable())
        ).one_or_none()
        if action in ("delete", "visibility"):
            raise StoreError("owner_only", name=row.name, owner=row.owner)
        if writable is None:
            raise StoreError("forbidden", name=row.name, owner=row.owner)
        raise StoreError("conflict", name=row.name)

    def _check_limit(self, conn: Connection, adding: int) -> None:
        if self.user is None:
            return
        limit = max_per_owner()
        count = conn.execute(
            sa.select(sa.func.count()).select_from(scenarios).where(scenarios.c.owner == self.user)
        ).scalar_one()
        if count + adding > limit:
            raise StoreError("limit", count=count, limit=limit)

    def _new_owner(self, visibility: str | None) -> dict[str, object]:
        if visibility is None:
            visibility = "shared_edit" if self.user is None else "private"
        if visibility not in VISIBILITIES:
            raise StoreError("bad_visibility", value=safe_shown(visibility))
        return {"owner": self.user, "visibility": visibility}

    def set_visibility(self, scenario_id: int, visibility: str) -> SavedScenario:
        """Change who may see or change a scenario (its owner only)."""
        if visibility not in VISIBILITIES:
            raise StoreError("bad_visibility", value=safe_shown(visibility))

        def work(conn: Connection) -> None:
            done = conn.execute(
                scenarios.update()
                .where(scenarios.c.id == int(scenario_id), self._owned())
                .values(visibility=visibility, updated_at=_now())
            )
            if done.rowcount != 1:
                self._refuse(conn, scenario_id, "visibility")

        self._write("visibility", work)
        return self.get(scenario_id)

    # transactions
    def _write(self, action: str, work: Callable[[Connection], object]) -> object:
        try:
            with self.engine.begin() as conn:
                result = work(conn)
                if self._before_commit is not None:
                    self._before_commit(action)
                return result
        except sa.exc.DBAPIError as exc:
            raise StoreError("database", detail=str(exc.orig)[:200]) from exc

    def _read(self) -> Connection:
        return self.engine.connect().execution_options(pathways_readonly=True)

    # --- queries ------------------------------------------------------------------------
    def list(self) -> list[SavedScenario]:
        """All records, most recently updated first."""
        query = (
            sa.select(scenarios)
            .where(self._visible())
            .order_by(scenarios.c.updated_at.desc(), scenarios.c.id.desc())
        )
        with self._read() as conn:
            return [_row_to_record(r) for r in conn.execute(query)]

    def count(self) -> int:
        with self._read() as conn:
            query = sa.select(sa.func.count()).select_from(scenarios).where(self._visible())
            return int(conn.execute(query).scalar_one())

    def get(self, scenario_id: int) -> SavedScenario:
        with self._read() as conn:
            row = conn.execute(
                sa.select(scenarios).where(scenarios.c.id == int(scenario_id), self._visible())
            ).one_or_none()
        if row is None:
            raise StoreError("not_found", id=scenario_id)
        return _row_to_record(row)

    def open(self, scenario_id: int) -> OpenedScenario:
        """A record with its levers migrated to today's catalogue (the record is unchanged)."""
        record = self.get(scenario_id)
        levers, report = migrate(record.levers, record.schema_version)
        notes = []
        if record.region not in list_regions():
            notes.append(StoreError("region_fallback", region=record.region[:40], used="china"))
            record.region = "china"
        return OpenedScenario(record, levers, report, notes)

    # --- writes -------------------------------------------------------------------------
    def save(
        self,
        name: str,
        levers: Mapping[str, object],
        *,
        region: str = "china",
        description: str = "",
        preset: str | None = None,
        visibility: str | None = None,
    ) -> SavedScenario:
        """Save a new scenario (levers completed from ``preset`` and defaults) and return it.
        It belongs to the acting user (:meth:`for_user`), ``private`` unless told otherwise."""
        name = _clean_text(name, MAX_NAME, "name_too_long", required=True)
        description = _clean_text(description, MAX_DESCRIPTION, "description_too_long")
        region = _check_region(region)
        preset = preset if preset in list_presets(None) else None
        full = _full_levers(levers, preset, region)
        now = _now()
        values = {
            "uid": str(uuid.uuid4()),
            "name": name,
            "description": description,
            "region": region,
            "preset": preset,
            "levers": full,
            "schema_version": schema_version(),
            "catalogue_version": catalogue_hash(),
            "model_version": __version__,
            "created_at": now,
            "updated_at": now,
            **self._new_owner(visibility),
        }

        def work(conn: Connection) -> int:
            self._check_limit(conn, 1)
            _refuse_taken_name(conn, name)
            return int(conn.execute(scenarios.insert().values(**values)).inserted_primary_key[0])

        new_id = self._write("save", work)
        return self.get(new_id)  # type: ignore[arg-type]

    def update(
        self,
        scenario_id: int,
        *,
        levers: Mapping[str, object] | None = None,
        region: str | None = None,
        description: str | None = None,
        preset: str | None = None,
        expected_updated_at: str | None = None,
    ) -> SavedScenario:
        """Overwrite a record's levers (and optionally region/description) with today's catalogue.

        With ``expected_updated_at`` (the ``updated_at`` the caller opened), the write happens only
        if nobody changed the record since; otherwise :class:`StoreError` ``conflict`` is raised and
        nothing is written, so one session never silently overwrites another's save.
        """
        changes: dict[str, object] = {"updated_at": _now()}
        if levers is not None:
            preset = preset if preset in list_presets(None) else None
            region_of = region if region is not None else self.get(scenario_id).region
            changes["levers"] = _full_levers(levers, preset, region_of)
            changes["schema_version"] = schema_version()
            changes["catalogue_version"] = catalogue_hash()
            changes["model_version"] = __version__
        if region is not None:
            changes["region"] = _check_region(region)
        if description is not None:
            changes["description"] = _clean_text(
                description, MAX_DESCRIPTION, "description_too_long"
            )
        self._update(scenario_id, changes, "update", expected_updated_at)
        return self.get(scenario_id)

    def rename(self, scenario_id: int, new_name: str) -> SavedScenario:
        name = _clean_text(new_name, MAX_NAME, "name_too_long", required=True)
        with self._read() as conn:
            _refuse_taken_name(conn, name, except_id=scenario_id)
        self._update(scenario_id, {"name": name, "updated_at": _now()}, "rename")
        return self.get(scenario_id)

    def _update(
        self,
        scenario_id: int,
        changes: dict[str, object],
        action: str,
        expected_updated_at: str | None = None,
    ) -> None:
        def work(conn: Connection) -> None:
            query = scenarios.update().where(scenarios.c.id == int(scenario_id), self._writable())
            if expected_updated_at is not None:
                query = query.where(scenarios.c.updated_at == expected_updated_at)
            done = conn.execute(query.values(**changes))
            if done.rowcount != 1:
                self._refuse(conn, scenario_id, action)

        self._write(action, work)

    def duplicate(self, scenario_id: int, new_name: str | None = None) -> SavedScenario:
        """A copy of a record under a new name (default: '<name> (copy)'), owned by the acting
        user (anyone who can see a scenario can copy it)."""

        def work(conn: Connection) -> int:
            self._check_limit(conn, 1)
            row = conn.execute(
                sa.select(scenarios).where(scenarios.c.id == int(scenario_id), self._visible())
            ).one_or_none()
            if row is None:
                raise StoreError("not_found", id=scenario_id)
            source = _row_to_record(row)
            name = new_name if new_name is not None else f"{source.name} (copy)"[:MAX_NAME]
            now = _now()
            values = source.as_export() | {
                "uid": str(uuid.uuid4()),
                "name": _clean_text(name, MAX_NAME, "name_too_long", required=True),
                "created_at": now,
                "updated_at": now,
                **self._new_owner(None),
            }
            return int(conn.execute(scenarios.insert().values(**values)).inserted_primary_key[0])

        return self.get(self._write("duplicate", work))  # type: ignore[arg-type]

    def delete(self, scenario_id: int) -> None:
        """Delete one record (the dashboard asks for confirmation first)."""

        def work(conn: Connection) -> None:
            done = conn.execute(
                scenarios.delete().where(scenarios.c.id == int(scenario_id), self._owned())
            )
            if done.rowcount != 1:
                self._refuse(conn, scenario_id, "delete")

        self._write("delete", work)

    # --- export / import ----------------------------------------------------------------
    def export_json(self, ids: Iterable[int] | None = None) -> str:
        """The library (or the records ``ids``) as a JSON document :meth:`import_entries` reads."""
        records = self.list() if ids is None else [self.get(i) for i in ids]
        doc = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": _now(),
            "model_version": __version__,
            "scenarios": [r.as_export() for r in records],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)

    def export_toml(self, scenario_id: int) -> str:
        """One record as a scenario TOML file (CLI ``--scenario`` and the upload read it)."""
        record = self.open(scenario_id)
        text = scenario_toml(record.record.name, record.record.region, record.levers)
        if record.record.description:
            head, rest = text.split("\n", 2)[:2], text.split("\n", 2)[2]
            desc = f"description = {json.dumps(record.record.description, ensure_ascii=False)}"
            text = "\n".join([*head, desc, rest])
        return text

    def import_entries(self, entries: list[Mapping[str, object]]) -> list[int]:
        """Add library-export entries, all in one transaction: every one or none.

        Lever values must be numbers; names are kept as saved (migrated when opened), so a
        scenario from an older catalogue keeps its removed levers in the record.
        """
        rows = [self._entry_row(i, e) for i, e in enumerate(entries, start=1)]

        def work(conn: Connection) -> list[int]:
            self._check_limit(conn, len(rows))
            ids = []
            for row in rows:
                result = conn.execute(scenarios.insert().values(**row))
                ids.append(int(result.inserted_primary_key[0]))
            return ids

        return self._write("import", work)  # type: ignore[return-value]

    def _entry_row(self, index: int, entry: Mapping[str, object]) -> dict[str, object]:
        label = safe_shown(entry.get("name", "?"), 60) if isinstance(entry, Mapping) else "?"
        try:
            if not isinstance(entry, Mapping):
                raise StoreError("invalid_levers", detail=StoreError("entry_not_table"))
            name = _clean_text(entry.get("name"), MAX_NAME, "name_too_long", required=True)
            description = _clean_text(
                entry.get("description", ""), MAX_DESCRIPTION, "description_too_long"
            )
            region = _check_region(str(entry.get("region", "china")))
            levers = entry.get("levers")
            if not isinstance(levers, Mapping) or not levers:
                raise StoreError("invalid_levers", detail=StoreError("entry_no_levers"))
            current = schema_version()
            version = entry.get("schema_version", 1)
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                version = 1
            if version > current:
                raise StoreError("newer_version", version=version, current=current)
            clean: dict[str, float] = {}
            for key, value in levers.items():
                if not isinstance(key, str) or not valid_text(key) or not 0 < len(key) <= 80:
                    raise StoreError("bad_lever_name", limit=80)
                # the one lever-value check; a known lever must hold a number (a value outside
                # today's range is kept and reported when opened), a removed one a finite number
                checked = check_value(key, value)
                number = parse_number(value) if isinstance(checked, LeverProblem) else checked
                if number is None or not math.isfinite(number):
                    raise StoreError("bad_lever", name=key, value=safe_shown(value))
                clean[key] = number
            # names brought to today's catalogue now; the record is stored under today's schema
            # version (the version an export claims is used only for this step)
            clean = rename_to_current(clean, version)
        except StoreError as exc:
            raise StoreError("bad_entry", index=index, name=label, detail=exc) from None
        now = _now()
        preset = entry.get("preset")
        return {
            "uid": str(uuid.uuid4()),
            "name": name,
            "description": description,
            "region": region,
            "preset": preset if preset in list_presets(None) else None,
            "levers": clean,
            "schema_version": current,
            "catalogue_version": catalogue_hash(),
            "model_version": __version__,
            "created_at": now,  # the time of the import, not what the file claims
            "updated_at": now,
            **self._new_owner(None),
        }
