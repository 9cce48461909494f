"""The scenario library against a temporary SQLite file: CRUD, export/import, concurrency, faults."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from pathways import i18n, scenario, store
from pathways.store import Store, StoreError


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'lib' / 'scenarios.db'}"


@pytest.fixture
def lib(db_url):
    s = Store(db_url)
    yield s
    s.close()


def test_store_save_list_open(lib):
    saved = lib.save("Coal exit", {"dac": 50}, description="for the meeting", preset="dual-carbon")
    assert saved.name == "Coal exit" and saved.description == "for the meeting"
    assert saved.levers == scenario.complete({"dac": 50}, "dual-carbon")  # complete set stored
    assert saved.schema_version >= 1 and saved.catalogue_version and saved.model_version
    assert saved.created_at == saved.updated_at and saved.created_at.endswith("Z")
    assert [r.id for r in lib.list()] == [saved.id]
    opened = lib.open(saved.id)
    assert opened.levers == saved.levers and not opened.report.changed
    assert not opened.report.added


def test_store_rename_duplicate_delete(lib):
    a = lib.save("A", {})
    renamed = lib.rename(a.id, "  B  ")
    assert renamed.name == "B" and renamed.updated_at >= a.updated_at
    copy = lib.duplicate(a.id)
    assert copy.name == "B (copy)" and copy.id != a.id and copy.levers == a.levers
    named = lib.duplicate(a.id, "C")
    assert named.name == "C"
    lib.delete(a.id)
    assert {r.name for r in lib.list()} == {"B (copy)", "C"}
    with pytest.raises(StoreError) as err:
        lib.get(a.id)
    assert err.value.key == "not_found"
    for action in (lambda: lib.delete(a.id), lambda: lib.rename(a.id, "x")):
        with pytest.raises(StoreError):
            action()


def test_store_update_overwrites_levers(lib):
    a = lib.save("A", {"dac": 10})
    b = lib.update(a.id, levers={"dac": 20}, description="v2")
    assert b.levers["dac"] == 20 and b.description == "v2" and b.created_at == a.created_at


def test_store_overwrite_never_silently_replaces_another_sessions_save(lib):
    opened = lib.save("Shared", {"dac": 10})
    mine = lib.update(opened.id, levers={"dac": 20}, expected_updated_at=opened.updated_at)
    with pytest.raises(StoreError) as err:  # a colleague still holds the old version
        lib.update(opened.id, levers={"dac": 30}, expected_updated_at=opened.updated_at)
    assert err.value.key == "conflict" and "another session" in i18n.message(err.value)
    assert "其他会话" in i18n.message(err.value, "zh")
    assert lib.get(opened.id).levers["dac"] == 20
    lib.update(opened.id, levers={"dac": 40}, expected_updated_at=mine.updated_at)
    assert lib.get(opened.id).levers["dac"] == 40
    with pytest.raises(StoreError) as err:
        lib.update(999, levers={}, expected_updated_at="x")
    assert err.value.key == "not_found"


def test_store_rejects_bad_input_with_messages(lib):
    with pytest.raises(StoreError) as err:
        lib.save("   ", {})
    assert err.value.key == "name_empty" and "命名" in i18n.message(err.value, "zh")
    with pytest.raises(StoreError) as err:
        lib.save("x" * 500, {})
    assert err.value.key == "name_too_long"
    with pytest.raises(StoreError) as err:
        lib.save("ok", {"dac": 99999})
    assert err.value.key == "invalid_levers" and "dac" in i18n.message(err.value)
    with pytest.raises(StoreError) as err:
        lib.save("ok", {}, region="atlantis")
    assert err.value.key == "unknown_region"
    assert lib.count() == 0


def test_store_text_is_data_not_sql(lib):
    evil = "x'); DROP TABLE scenarios; --"
    saved = lib.save(evil, {}, description='"; DELETE FROM scenarios; --')
    lib.rename(saved.id, evil + "2")
    assert lib.get(saved.id).name == evil + "2" and lib.count() == 1


def test_store_control_characters_and_lone_surrogates_are_refused_not_removed(lib):
    for name in ("a\x00b\x1bc", "a\ud800b"):
        with pytest.raises(store.StoreError) as info:
            lib.save(name, {})
        assert info.value.key == "bad_name" and "名称不是有效文本" in i18n.message(info.value, "zh")
    assert lib.count() == 0


def test_store_export_import_round_trip(lib, tmp_path):
    lib.save("One", {"dac": 10}, description="first")
    lib.save("Two", {}, preset="accelerated")
    doc = json.loads(lib.export_json())
    assert doc["format"] == store.EXPORT_FORMAT and len(doc["scenarios"]) == 2
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    ids = other.import_entries(doc["scenarios"])
    assert len(ids) == 2
    by_name = {r.name: r for r in other.list()}
    originals = {r.name: r for r in lib.list()}
    for name, record in by_name.items():
        assert record.levers == originals[name].levers
        assert record.description == originals[name].description
    other.close()


def test_store_export_toml_reads_back(lib, tmp_path):
    saved = lib.save("Toml one", {"ccus_capacity": 800}, description='say "hi"')
    path = tmp_path / "one.toml"
    path.write_text(lib.export_toml(saved.id), encoding="utf-8")
    back = scenario.read_scenario(path)
    assert back.name == "Toml one" and back.full_levers() == saved.levers


def test_store_import_is_all_or_nothing(lib):
    lib.save("Keep me", {})
    entries = [{"name": f"ok {i}", "levers": {"dac": 10}} for i in range(3)]
    entries.append({"name": "bad", "levers": {"dac": "lots"}})
    with pytest.raises(StoreError) as err:
        lib.import_entries(entries)
    assert err.value.key == "bad_entry" and "4" in i18n.message(err.value)
    assert "未导入" in i18n.message(err.value, "zh")
    assert [r.name for r in lib.list()] == ["Keep me"]


def test_store_uses_wal_and_creates_directory(lib, db_url):
    lib.save("x", {})
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_default_location_from_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("PATHWAYS_DB_URL", raising=False)
    monkeypatch.setenv("PATHWAYS_DATA_DIR", str(tmp_path / "d"))
    assert store.default_url() == f"sqlite:///{tmp_path / 'd' / 'scenarios.db'}"
    monkeypatch.setenv("PATHWAYS_DB_URL", "sqlite:///elsewhere.db")
    assert store.default_url() == "sqlite:///elsewhere.db"
    monkeypatch.delenv("PATHWAYS_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert store.data_dir() == tmp_path / "xdg" / "pathways"


def test_store_postgresql_needs_only_the_url():
    engine = store.make_engine("postgresql+psycopg://user:pw@localhost:5432/pathways")
    assert engine.dialect.name == "postgresql"  # nothing else changes; not connected here
    engine.dispose()


def test_store_two_threads_saving_100_each_lose_none(db_url):
    Store(db_url).close()  # create the schema once
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        own = Store(db_url)  # a separate engine, as two dashboard sessions/processes would have
        try:
            for i in range(100):
                own.save(f"thread {k} #{i}", {"dac": float(i)})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    check = Store(db_url)
    names = {r.name for r in check.list()}
    assert len(names) == 200 and all(f"thread {k} #{i}" in names for k in (0, 1) for i in (0, 99))
    assert {r.levers["dac"] for r in check.list() if r.name.startswith("thread 1")} == {
        float(i) for i in range(100)
    }
    check.close()


def test_store_two_processes_saving_100_each_lose_none(db_url):
    """Two server processes on one SQLite file (e.g. two dashboard replicas)."""
    Store(db_url).close()
    script = textwrap.dedent(
        f"""
        import sys
        from pathways.store import Store
        s = Store({db_url!r})
        for i in range(100):
            s.save(f"process {{sys.argv[1]}} #{{i}}", {{"dac": float(i)}})
        """
    )
    repo = Path(__file__).resolve().parent.parent
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(k)], cwd=repo, stderr=subprocess.PIPE)
        for k in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    check = Store(db_url)
    names = {r.name for r in check.list()}
    assert len(names) == 200
    check.close()


def test_store_failure_mid_save_leaves_library_intact(lib):
    keep = lib.save("Before", {"dac": 10})
    before = lib.export_json()

    def crash(action: str) -> None:
        raise RuntimeError(f"disk pulled during {action}")

    lib._before_commit = crash
    for action in (
        lambda: lib.save("Lost", {}),
        lambda: lib.rename(keep.id, "Half"),
        lambda: lib.update(keep.id, levers={"dac": 99}),
        lambda: lib.duplicate(keep.id),
        lambda: lib.delete(keep.id),
        lambda: lib.import_entries([{"name": "i", "levers": {"dac": 1}}] * 5),
    ):
        with pytest.raises(RuntimeError):
            action()
    lib._before_commit = None
    after = json.loads(lib.export_json())
    assert after["scenarios"] == json.loads(before)["scenarios"]


def test_store_process_killed_mid_save_leaves_library_intact(db_url, tmp_path):
    lib = Store(db_url)
    lib.save("Before", {"dac": 10})
    lib.close()
    script = textwrap.dedent(
        f"""
        import os
        from pathways.store import Store
        s = Store({db_url!r})
        s._before_commit = lambda action: os._exit(3)  # die inside the open transaction
        s.import_entries([{{"name": "n%d" % i, "levers": {{"dac": 1.0}}}} for i in range(50)])
        """
    )
    repo = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=120, cwd=repo
    )
    assert done.returncode == 3, done.stderr.decode()
    again = Store(db_url)
    assert [r.name for r in again.list()] == ["Before"]
    again.save("After", {})
    assert again.count() == 2
    again.close()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
