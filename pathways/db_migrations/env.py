"""Alembic environment: the store hands over an open connection (``config.attributes``) on
which it already holds the migration lock; nothing here opens its own."""

from __future__ import annotations

from alembic import context

from pathways.store import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("run migrations through pathways.store.Store (it holds the lock)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
