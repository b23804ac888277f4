"""Recurring slots: series, their skipped or moved occurrences, and posts that fill a slot.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(40), sa.ForeignKey("platform.key"), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("at", sa.Time(), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("until", sa.Date()),
        sa.Column("title", sa.String()),
        sa.Column("template", sa.String()),
    )
    op.create_table(
        "slot_change",
        sa.Column("series_id", sa.Integer(), sa.ForeignKey("series.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("moved_utc", sa.DateTime()),
        sa.Column("fold", sa.Integer(), nullable=False, server_default="0"),
    )
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("slot_date", sa.Date(), nullable=True))
        batch.create_foreign_key("fk_post_series", "series", ["series_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.drop_constraint("fk_post_series", type_="foreignkey")
        batch.drop_column("slot_date")
        batch.drop_column("series_id")
    op.drop_table("slot_change")
    op.drop_table("series")
