"""The scenario library panel in the dashboard (AppTest): save, open, rename, duplicate, delete."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pathways import scenario
from pathways.store import Store
from tests.conftest import insert_old_record, lever_slider, open_app, rendered


@pytest.fixture
def lib(data_dir):
    store = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    yield store
    store.close()


def _click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_store_panel_save_and_open(lib):
    at = open_app()
    at.text_input(key="lib_save_name").input("").run()
    _click(at, "lib_save")
    assert any("name" in e.value for e in at.error) and lib.count() == 0  # named, please
    lever_slider(at, "ccus_capacity").set_value(900.0).run()
    at.text_input(key="lib_save_name").input('=HYPERLINK("x") CCUS 900').run()
    at.text_area(key="lib_save_desc").input("for *the* meeting").run()
    _click(at, "lib_save")
    (record,) = lib.list()
    assert record.name == '=HYPERLINK("x") CCUS 900' and record.levers["ccus_capacity"] == 900
    # back to the preset, then open the saved scenario: the sliders follow
    _click(at, "w.reset")
    assert at.session_state["levers"]["ccus_capacity"] != 900
    _click(at, "lib_open")
    assert at.session_state["levers"] == record.levers
    assert lever_slider(at, "ccus_capacity").value == 900


def test_store_panel_save_over_and_conflict_with_another_session(lib):
    at = open_app()
    at.text_input(key="lib_save_name").input("Ours").run()
    _click(at, "lib_save")
    (record,) = lib.list()
    lever_slider(at, "dac").set_value(100.0).run()
    _click(at, "lib_overwrite")
    assert lib.get(record.id).levers["dac"] == 100
    lib.update(record.id, levers={"dac": 50})  # a colleague saves over it meanwhile
    lever_slider(at, "dac").set_value(200.0).run()
    _click(at, "lib_overwrite")
    assert "another session" in " ".join(e.value for e in at.sidebar.error)
    assert lib.get(record.id).levers["dac"] == 50  # the colleague's save is kept


def test_store_panel_rename_duplicate_delete_with_confirmation(lib):
    first = lib.save("Alpha", {"dac": 20})
    at = open_app()
    assert at.selectbox(key="lib_pick").value == first.id
    at.text_input(key="lib_rename_name").input("Beta").run()
    _click(at, "lib_rename")
    assert lib.get(first.id).name == "Beta"
    _click(at, "lib_duplicate")
    assert sorted(r.name for r in lib.list()) == ["Beta", "Beta (copy)"]
    copy_id = at.selectbox(key="lib_pick").value
    assert copy_id != first.id
    _click(at, "lib_delete")  # asks first
    assert lib.count() == 2 and any("cannot be undone" in w.value for w in at.warning)
    _click(at, "lib_delete_no")
    assert lib.count() == 2
    _click(at, "lib_delete")
    _click(at, "lib_delete_yes")
    assert [r.name for r in lib.list()] == ["Beta"]


def test_store_panel_opening_an_old_scenario_reports_the_migration(lib):
    levers = scenario.defaults()
    levers["retired_lever"] = 5.0
    insert_old_record(lib, levers, 1, uid="old-1", name="From last year")
    at = open_app()
    _click(at, "lib_open")
    text = " ".join(rendered(w.value) for w in at.sidebar.warning)
    assert "older lever catalogue" in text and "retired_lever" in text


def test_store_panel_in_chinese(lib):
    lib.save("甲", {})
    at = open_app(lang="zh")
    assert any(b.label == "打开" for b in at.sidebar.button)
