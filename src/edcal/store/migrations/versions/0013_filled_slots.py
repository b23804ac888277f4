"""An index on the slot a post fills (series and day): the week's open slots are found from the
posts of the series near that week, not by reading every post.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_post_series_slot", "post", ["series_id", "slot_date"])


def downgrade() -> None:
    op.drop_index("ix_post_series_slot", "post")
