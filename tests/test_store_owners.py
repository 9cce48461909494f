"""Owners and visibility of saved scenarios: the rules live in the store (``Store.for_user``).

Runs on SQLite and, when ``PATHWAYS_TEST_PG_URL`` is set, on PostgreSQL."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from pathways import i18n
from pathways.store import Store, StoreError, metadata
from tests.conftest import rendered

PG_URL = os.environ.get("PATHWAYS_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'owners.db'}"
    else:
        if not PG_URL:
            pytest.skip("PATHWAYS_TEST_PG_URL not set")
        url = PG_URL
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        metadata.drop_all(engine)
        engine.dispose()
    lib = Store(url)
    yield lib
    lib.close()


def _refused(key: str, action, *args, **kwargs) -> StoreError:
    with pytest.raises(StoreError) as info:
        action(*args, **kwargs)
    assert info.value.key == key, i18n.message(info.value, "en")
    assert i18n.message(info.value, "en") != i18n.message(info.value, "zh")
    return info.value


def test_local_mode_is_todays_behaviour(store):
    saved = store.save("Local", {"dac": 10})
    assert (saved.owner, saved.visibility) == (None, "shared_edit")
    assert store.rename(saved.id, "Renamed").name == "Renamed"
    store.delete(saved.id)
    assert store.count() == 0


def test_private_scenarios_are_invisible_to_others(store):
    alice, bob = store.for_user("alice@example.org"), store.for_user("bob@example.org")
    mine = alice.save("Alice's plan", {"dac": 100})
    assert (mine.owner, mine.visibility) == ("alice@example.org", "private")
    assert [r.name for r in alice.list()] == ["Alice's plan"]
    assert bob.list() == [] and bob.count() == 0
    for action, args in (
        (bob.get, (mine.id,)),
        (bob.open, (mine.id,)),
        (bob.duplicate, (mine.id,)),
        (bob.rename, (mine.id, "Taken")),
        (bob.delete, (mine.id,)),
        (bob.set_visibility, (mine.id, "shared_edit")),
    ):
        _refused("not_found", action, *args)  # no hint that it exists
    with pytest.raises(StoreError):
        bob.update(mine.id, levers={"dac": 1})
    assert alice.get(mine.id).levers["dac"] == 100 and alice.get(mine.id).name == "Alice's plan"


def test_shared_read_only_scenarios_can_be_opened_and_copied_not_changed(store):
    alice, bob = store.for_user("alice"), store.for_user("bob")
    plan = alice.save("Plan", {"dac": 100}, visibility="shared_read")
    assert bob.open(plan.id).levers["dac"] == 100
    error = _refused("forbidden", bob.update, plan.id, levers={"dac": 1})
    assert "alice" in i18n.message(error, "en") and "只读" in i18n.message(error, "zh")
    _refused("forbidden", bob.rename, plan.id, "Mine now")
    _refused("owner_only", bob.delete, plan.id)
    _refused("owner_only", bob.set_visibility, plan.id, "shared_edit")
    copy = bob.duplicate(plan.id, "Bob's copy")
    assert (copy.owner, copy.visibility, copy.levers["dac"]) == ("bob", "private", 100)
    assert bob.update(copy.id, levers={"dac": 5}).levers["dac"] == 5
    assert alice.get(plan.id).levers["dac"] == 100 and alice.get(plan.id).name == "Plan"
    assert [r.name for r in alice.list()] == ["Plan"]  # Bob's private copy stays his


def test_shared_editable_scenarios_can_be_changed_but_only_the_owner_deletes(store):
    alice, bob = store.for_user("alice"), store.for_user("bob")
    plan = alice.save("Team plan", {"dac": 100})
    alice.set_visibility(plan.id, "shared_edit")
    assert bob.update(plan.id, levers={"dac": 7}).levers["dac"] == 7
    assert bob.rename(plan.id, "Team plan v2").name == "Team plan v2"
    _refused("owner_only", bob.delete, plan.id)
    assert bob.get(plan.id).owner == "alice"  # changing does not take ownership
    alice.delete(plan.id)
    assert store.count() == 0


def test_scenarios_without_owner_stay_open_to_everyone(store):
    legacy = store.save("Saved before login", {"dac": 3})  # local mode / before owners
    bob = store.for_user("bob")
    assert [r.name for r in bob.list()] == ["Saved before login"]
    assert bob.rename(legacy.id, "Renamed by Bob").name == "Renamed by Bob"
    bob.delete(legacy.id)
    assert store.count() == 0


def test_limit_per_owner(store, monkeypatch):
    monkeypatch.setenv("PATHWAYS_MAX_SCENARIOS_PER_OWNER", "3")
    alice, bob = store.for_user("alice"), store.for_user("bob")
    ids = [alice.save(f"A{i}", {}).id for i in range(3)]
    error = _refused("limit", alice.save, "A3", {})
    assert "3" in i18n.message(error, "en") and "上限" in i18n.message(error, "zh")
    _refused("limit", alice.duplicate, ids[0])
    alice.delete(ids[0])
    entries = [{"name": f"I{i}", "region": "china", "levers": {"dac": 1.0}} for i in range(2)]
    _refused("limit", alice.import_entries, entries)  # 2 + 2 > 3: none imported
    assert alice.count() == 2
    assert bob.save("B0", {}).owner == "bob"  # others are not affected
    assert store.count() == 3


def test_visibility_must_be_known(store):
    alice = store.for_user("alice")
    _refused("bad_visibility", alice.save, "X", {}, visibility="public")
    plan = alice.save("X", {})
    _refused("bad_visibility", alice.set_visibility, plan.id, "<b>all</b>")
    assert alice.get(plan.id).visibility == "private"


# --- the dashboard (AppTest): local mode, sign-in required, signed-in users -------------------

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "x",
    "client_secret": "y",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def _app(user: dict | None = None, auth: bool = False):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    if auth:
        at.secrets["auth"] = AUTH
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _save_in_app(at, name: str):
    at.text_input(key="lib_save_name").input(name).run()
    at.button(key="lib_save").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_app_local_mode_says_so_and_saves_without_owner(data_dir):
    at = _app()
    assert any("Single-user local mode" in c.value for c in at.sidebar.caption)
    _save_in_app(at, "Local plan")
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    [record] = lib.list()
    assert (record.name, record.owner, record.visibility) == ("Local plan", None, "shared_edit")
    lib.close()


def test_app_with_login_configured_offers_the_library_only_after_sign_in(data_dir):
    at = _app(auth=True)
    assert [b for b in at.button if b.key == "own_login"]
    assert not [b for b in at.button if b.key == "lib_save"]


def test_app_signed_in_users_see_their_own_and_shared_scenarios(data_dir):
    alice = {"is_logged_in": True, "email": "alice@example.org"}
    bob = {"is_logged_in": True, "email": "bob@example.org"}
    at = _app(alice, auth=True)
    assert any("alice@example.org" in rendered(c.value) for c in at.sidebar.caption)
    _save_in_app(at, "Alice private")
    at.selectbox(key="lib_save_visibility").set_value("shared_read").run()
    _save_in_app(at, "Alice shared")
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    assert {(r.name, r.owner, r.visibility) for r in lib.list()} == {
        ("Alice private", "alice@example.org", "private"),
        ("Alice shared", "alice@example.org", "shared_read"),
    }
    at_bob = _app(bob, auth=True)
    options = at_bob.selectbox(key="lib_pick").options
    assert len(options) == 1 and "Alice shared" in options[0]
    at_bob.button(key="lib_delete").click().run()
    at_bob.button(key="lib_delete_yes").click().run()
    assert any("Only its owner" in rendered(e.value) for e in at_bob.error)
    assert lib.count() == 2
    lib.close()
