"""The library schema of release 0.1.0 (scenarios, library_meta), frozen here.

A database made by that release (tables created by ``metadata.create_all``, no
``alembic_version``) already has exactly this schema: the upgrade then only records the revision.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "scenarios" not in tables:
        op.create_table(
            "scenarios",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("uid", sa.String(36), nullable=False, unique=True),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("description", sa.Text, nullable=False),
            sa.Column("region", sa.String(64), nullable=False),
            sa.Column("preset", sa.String(64), nullable=True),
            sa.Column("levers", sa.JSON, nullable=False),
            sa.Column("schema_version", sa.Integer, nullable=False),
            sa.Column("catalogue_version", sa.String(32), nullable=False),
            sa.Column("model_version", sa.String(32), nullable=False),
            sa.Column("created_at", sa.String(32), nullable=False),
            sa.Column("updated_at", sa.String(32), nullable=False),
        )
        op.create_index("ix_scenarios_updated", "scenarios", ["updated_at"])
    if "library_meta" not in tables:
        op.create_table(
            "library_meta",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.String(200), nullable=False),
        )
    meta = sa.table("library_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    have = (
        op.get_bind()
        .execute(sa.select(meta.c.value).where(meta.c.key == "db_schema_version"))
        .scalar_one_or_none()
    )
    if have is None:
        op.bulk_insert(meta, [{"key": "db_schema_version", "value": "1"}])


def downgrade() -> None:
    op.drop_table("library_meta")
    op.drop_index("ix_scenarios_updated", table_name="scenarios")
    op.drop_table("scenarios")
