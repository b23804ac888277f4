"""The report of a post's last check, kept with the post (a JSON text with the stamp of the rules
it was computed with), so that reading commands print rule marks without loading the rules
engine. Empty for the posts saved before: they are checked afresh when read.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("checked", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.drop_column("checked")
