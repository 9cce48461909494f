"""Schema migrations of the scenario library (Alembic): a database made by release 0.1.0 is
upgraded in place, a fresh one is created at the newest revision matching the code's tables, two
processes starting on an empty database at once both succeed (SQLite, and PostgreSQL when
``PATHWAYS_TEST_PG_URL`` is set), and a database from a newer release is refused untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pathways import i18n
from pathways.store import Store, StoreError, metadata

REPO = Path(__file__).resolve().parent.parent
HEAD = "0002"
PG_URL = os.environ.get("PATHWAYS_TEST_PG_URL", "")

# The SQLite schema release 0.1.0 created (Store._create: metadata.create_all + one meta row),
# frozen here so this test keeps meaning the old release when the code's tables change.
RELEASE_0_1_0 = [
    """CREATE TABLE scenarios (
        id INTEGER NOT NULL, uid VARCHAR(36) NOT NULL, name VARCHAR(200) NOT NULL,
        description TEXT NOT NULL, region VARCHAR(64) NOT NULL, preset VARCHAR(64),
        levers JSON NOT NULL, schema_version INTEGER NOT NULL,
        catalogue_version VARCHAR(32) NOT NULL, model_version VARCHAR(32) NOT NULL,
        created_at VARCHAR(32) NOT NULL, updated_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id), UNIQUE (uid))""",
    "CREATE INDEX ix_scenarios_updated ON scenarios (updated_at)",
    """CREATE TABLE library_meta ("key" VARCHAR(64) NOT NULL, value VARCHAR(200) NOT NULL,
        PRIMARY KEY ("key"))""",
    "INSERT INTO library_meta VALUES ('db_schema_version', '1')",
    """INSERT INTO scenarios VALUES (1, 'u-1', 'Made by 0.1.0', 'old', 'china', NULL,
        '{"nuclear_capacity": 123.456, "dac": 1.0}', 2, 'abc', '0.1.0',
        '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')""",
]


def _drift(url: str) -> list:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    return diff


def test_store_upgrades_a_database_made_by_release_0_1_0(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for statement in RELEASE_0_1_0:
            conn.exec_driver_sql(statement)
    engine.dispose()
    lib = Store(url)
    assert lib.schema_revision() == HEAD
    [record] = lib.list()
    assert (record.name, record.description, record.created_at) == (
        "Made by 0.1.0",
        "old",
        "2026-01-01T00:00:00.000000Z",
    )
    opened = lib.open(record.id)
    assert opened.levers["nuclear_capacity"] == 123.456 and opened.levers["dac"] == 1.0
    saved = lib.save("After the upgrade", {"dac": 5})
    assert lib.count() == 2 and saved.id == 2
    lib.close()
    assert Store(url).schema_revision() == HEAD  # a second start changes nothing
    assert _drift(url) == []


def test_store_fresh_database_is_at_head_and_matches_the_code(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    lib = Store(url)
    assert lib.schema_revision() == HEAD and lib.count() == 0
    lib.close()
    assert _drift(url) == []  # the migrations create exactly the tables the code declares


def test_store_refuses_a_database_from_a_newer_release(tmp_path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    lib = Store(url)
    lib.save("Kept", {"dac": 10})
    lib.close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreError) as info:
        Store(url)
    assert info.value.key == "db_newer" and "更新版本" in i18n.message(info.value, "zh")
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM scenarios").scalars().all() == ["Kept"]
    engine.dispose()


def _two_processes_create_and_save(url: str, saves: int) -> None:
    """Two processes open the store on an empty database at the same moment (both run the
    migration), then save ``saves`` scenarios each; every save must be there."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathways.store import Store
        start = float(sys.argv[2])
        time.sleep(max(0.0, start - time.time()))
        s = Store({url!r})
        for i in range({saves}):
            s.save(f"process {{sys.argv[1]}} #{{i}}", {{"dac": float(i)}})
        """
    )
    start = time.time() + 3.0  # both imported by then: the Store() calls race
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(k), str(start)], cwd=REPO, stderr=subprocess.PIPE
        )
        for k in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    check = Store(url)
    names = {r.name for r in check.list()}
    assert len(names) == 2 * saves
    assert check.schema_revision() == HEAD
    check.close()


@pytest.mark.parametrize("round_", range(3))
def test_store_two_processes_creating_the_schema_at_once_sqlite(tmp_path, round_):
    _two_processes_create_and_save(f"sqlite:///{tmp_path / f'race{round_}.db'}", 200)


@pytest.mark.skipif(not PG_URL, reason="PATHWAYS_TEST_PG_URL not set")
@pytest.mark.parametrize("round_", range(3))
def test_store_two_processes_creating_the_schema_at_once_postgres(round_):
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    metadata.drop_all(engine)
    engine.dispose()
    _two_processes_create_and_save(PG_URL, 200)
