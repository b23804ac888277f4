"""CalDAV sync: what edcal wrote to each calendar (href, ETag, fingerprint, start) and when each
calendar was last synced or failed.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caldav_item",
        sa.Column("calendar", sa.String(500), primary_key=True),
        sa.Column("uid", sa.String(255), primary_key=True),
        sa.Column("href", sa.String(), nullable=False),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
    )
    op.create_table(
        "caldav_calendar",
        sa.Column("calendar", sa.String(500), primary_key=True),
        sa.Column("synced_utc", sa.DateTime(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("error_utc", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("caldav_calendar")
    op.drop_table("caldav_item")
