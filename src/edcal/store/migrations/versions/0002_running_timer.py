"""The running timer, stored so it survives a restart.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "running_timer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started_utc", sa.DateTime(), nullable=False),
        sa.Column("activity", sa.String(20), nullable=False, server_default="other"),
        sa.Column("platform", sa.String(40)),
        sa.Column("post_id", sa.Integer()),
        sa.Column("note", sa.String()),
    )
    # Posts are listed by week: one index serves the week grid's range scan per platform.
    op.create_index("ix_post_platform_scheduled", "post", ["platform", "scheduled_utc"])


def downgrade() -> None:
    op.drop_index("ix_post_platform_scheduled", "post")
    op.drop_table("running_timer")
