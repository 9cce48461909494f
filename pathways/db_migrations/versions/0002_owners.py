"""Owners and visibility: who saved a scenario and who else may see or change it.

Existing records get no owner and ``shared_edit``: everyone keeps seeing and changing them, as
before (single-user local mode, or a team library from before owners existed).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scenarios") as batch:
        batch.add_column(sa.Column("owner", sa.String(200), nullable=True))
        batch.add_column(
            sa.Column("visibility", sa.String(16), nullable=False, server_default="shared_edit")
        )
        batch.create_index("ix_scenarios_owner", ["owner"])


def downgrade() -> None:
    with op.batch_alter_table("scenarios") as batch:
        batch.drop_index("ix_scenarios_owner")
        batch.drop_column("visibility")
        batch.drop_column("owner")
