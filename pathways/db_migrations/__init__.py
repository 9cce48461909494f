"""Alembic migrations of the scenario library's database schema (run by ``pathways.store``)."""
