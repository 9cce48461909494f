"""Scenarios saved under an older lever catalogue keep working (store + migrate)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pathways import i18n, migrate, scenario
from pathways.store import Store, scenarios
from tests.conftest import insert_old_record

OLD_CATALOGUE_MIGRATIONS = migrate.parse_migrations(
    {
        "step": [
            {"version": 1, "renamed": {}, "removed": []},
            {
                "version": 2,
                "renamed": {"old_ccus_target": "ccus_capacity_interim"},
                "removed": ["coal_to_liquids"],
            },
            {"version": 3, "renamed": {"ccus_capacity_interim": "ccus_capacity"}, "removed": []},
        ]
    }
)


@pytest.fixture
def lib(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'scenarios.db'}")
    yield s
    s.close()


def insert_old(lib: Store, levers: dict, version: int) -> int:
    return insert_old_record(
        lib, levers, version, uid="00000000-0000-0000-0000-000000000001", name="Saved in 2025"
    )


def _old_levers() -> dict[str, float]:
    """An old full lever set: today's catalogue minus 'dac' (added later), with an old name for
    CCUS capacity and a lever that has since been removed."""
    levers = scenario.defaults()
    levers.pop("dac")
    levers.pop("ccus_capacity")
    levers["old_ccus_target"] = 1500.0
    levers["coal_to_liquids"] = 30.0
    levers["nuclear_capacity"] = 9999.0  # today's range is narrower
    return levers


def test_store_migration_of_a_scenario_saved_under_an_older_catalogue(lib, monkeypatch):
    monkeypatch.setattr(migrate, "load_migrations", lambda *a: OLD_CATALOGUE_MIGRATIONS)
    scenario_id = insert_old(lib, _old_levers(), version=1)
    opened = lib.open(scenario_id)
    cat = scenario.catalogue()
    assert set(opened.levers) == set(cat)  # complete, runnable set
    assert opened.levers["ccus_capacity"] == 1500.0  # renamed twice, value kept
    assert ("old_ccus_target", "ccus_capacity_interim") in opened.report.renamed
    assert ("ccus_capacity_interim", "ccus_capacity") in opened.report.renamed
    assert opened.report.removed == [("coal_to_liquids", 30.0)]  # reported, not silently dropped
    assert ("dac", cat["dac"].default) in opened.report.added
    assert opened.levers["dac"] == cat["dac"].default
    assert opened.report.clipped == [("nuclear_capacity", 9999.0, cat["nuclear_capacity"].max)]
    messages = " ".join(i18n.messages(opened.report.notes(), "en"))
    assert "coal_to_liquids" in messages and "no longer exists" in messages
    assert "Direct air capture" in messages and "1 lever(s) added" in messages
    assert "coal_to_liquids" in " ".join(i18n.messages(opened.report.notes(), "zh"))
    # the stored record is untouched (removed lever kept) until the user saves again
    with lib.engine.connect() as conn:
        stored = conn.execute(sa.select(scenarios.c.levers)).scalar_one()
    assert stored["coal_to_liquids"] == 30.0 and "old_ccus_target" in stored
    # saving it again stores today's names and schema version
    again = lib.update(scenario_id, levers=opened.levers)
    assert again.schema_version == OLD_CATALOGUE_MIGRATIONS.current
    assert set(again.levers) == set(cat)
    assert not lib.open(scenario_id).report.changed


def test_store_migration_steps_already_applied_are_skipped(lib, monkeypatch):
    monkeypatch.setattr(migrate, "load_migrations", lambda *a: OLD_CATALOGUE_MIGRATIONS)
    levers = scenario.defaults()
    scenario_id = insert_old(lib, levers, version=3)
    opened = lib.open(scenario_id)
    assert not opened.report.changed and not opened.report.added
    assert opened.levers == levers


def test_store_migration_of_the_real_catalogue_history(lib):
    """Every rename in data/lever_migrations.toml takes a saved value to the lever today."""
    real = migrate.load_migrations()
    cat = scenario.catalogue()
    for old, new in real.all_renames().items():
        assert new in cat, f"migration target '{new}' is not in the catalogue"
        levers = {k: v for k, v in scenario.defaults().items() if k != new}
        value = cat[new].min
        levers[old] = value
        scenario_id = insert_old(lib, levers, version=1)
        opened = lib.open(scenario_id)
        assert opened.levers[new] == value and not opened.report.removed
        lib.delete(scenario_id)


def test_store_migration_file_is_well_formed():
    steps = migrate.load_migrations()
    assert steps.current == migrate.schema_version() >= 1
    with pytest.raises(migrate.MigrationError):
        migrate.parse_migrations({"step": [{"version": 2}, {"version": 1}]})
    with pytest.raises(migrate.MigrationError):
        migrate.parse_migrations({"step": [{"version": 1, "renamed": {"a": 1}}]})


def test_store_catalogue_hash_changes_with_the_catalogue():
    cat = dict(scenario.catalogue())
    h = migrate.catalogue_hash(cat)
    assert h == migrate.catalogue_hash() and len(h) == 12
    cat.pop("dac")
    assert migrate.catalogue_hash(cat) != h
