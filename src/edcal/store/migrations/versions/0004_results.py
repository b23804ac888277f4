"""Results of published posts: reach, engagements, clicks, conversions.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "result",
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("post.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reach", sa.Integer()),
        sa.Column("engagements", sa.Integer()),
        sa.Column("clicks", sa.Integer()),
        sa.Column("conversions", sa.Integer()),
        sa.Column("recorded_utc", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("result")
