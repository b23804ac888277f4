"""The first schema: platforms, posts and their media, time entries, settings.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("profile", sa.String(40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("sort_order", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("colour", sa.String(30)),
        sa.Column("reason", sa.String()),
        sa.Column("audience", sa.String()),
        sa.Column("objective", sa.String()),
        sa.Column("kpi", sa.String()),
        sa.Column("weekly_target", sa.Integer()),
    )
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(64), nullable=False, unique=True),
        sa.Column("platform", sa.String(40), sa.ForeignKey("platform.key"), nullable=False, index=True),
        sa.Column("scheduled_utc", sa.DateTime(), index=True),
        sa.Column("tz", sa.String(64)),
        sa.Column("fold", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String()),
        sa.Column("body", sa.String(), nullable=False, server_default=""),
        sa.Column("link", sa.String()),
        sa.Column("status", sa.String(12), nullable=False, server_default="draft", index=True),
        sa.Column("campaign", sa.String(120)),
        sa.Column("notes", sa.String()),
        sa.Column("created_utc", sa.DateTime(), nullable=False),
        sa.Column("updated_utc", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.create_table(
        "media",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("post.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("kind", sa.String(12), nullable=False, server_default="image"),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("alt", sa.String()),
    )
    op.create_table(
        "time_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("start_utc", sa.DateTime(), nullable=False, index=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(20), nullable=False, server_default="other"),
        sa.Column("platform", sa.String(40), sa.ForeignKey("platform.key")),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("post.id", ondelete="SET NULL")),
        sa.Column("note", sa.String()),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )


def downgrade() -> None:
    for table in ("setting", "time_entry", "media", "post", "platform"):
        op.drop_table(table)
