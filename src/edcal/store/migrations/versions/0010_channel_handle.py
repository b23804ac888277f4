"""Channels: a platform row is a channel (a rule profile plus an account), and may name its
account's handle. Each existing row is its profile's default channel, so nothing moves.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("platform") as batch:
        batch.add_column(sa.Column("handle", sa.String(120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("platform") as batch:
        batch.drop_column("handle")
