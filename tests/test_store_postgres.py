"""The same store tests against PostgreSQL: only the URL changes.

Runs when ``PATHWAYS_TEST_PG_URL`` names a database the tests may empty, e.g.
``postgresql+psycopg://postgres@/postgres?host=/tmp/pg&port=55432``; skipped otherwise.
"""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from pathways.store import metadata
from tests.test_store import (  # noqa: F401 - collected here with this module's db_url
    lib,
    test_store_export_import_round_trip,
    test_store_failure_mid_save_leaves_library_intact,
    test_store_import_is_all_or_nothing,
    test_store_overwrite_never_silently_replaces_another_sessions_save,
    test_store_rejects_bad_input_with_messages,
    test_store_rename_duplicate_delete,
    test_store_save_list_open,
    test_store_text_is_data_not_sql,
    test_store_two_processes_saving_100_each_lose_none,
    test_store_two_threads_saving_100_each_lose_none,
    test_store_update_overwrites_levers,
)
from tests.test_store_migration import (  # noqa: F401
    test_store_migration_of_a_scenario_saved_under_an_older_catalogue,
)

PG_URL = os.environ.get("PATHWAYS_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="PATHWAYS_TEST_PG_URL not set")


def _empty(url: str) -> None:
    """Drop the library's tables and Alembic's revision table (the store recreates both)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def db_url():
    _empty(PG_URL)
    yield PG_URL
    _empty(PG_URL)
