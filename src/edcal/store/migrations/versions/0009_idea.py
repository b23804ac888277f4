"""One idea adapted per platform: the posts made from one idea share its key (the first post's uid).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.add_column(sa.Column("idea", sa.String(64), nullable=True))
    op.create_index("ix_post_idea", "post", ["idea"])


def downgrade() -> None:
    op.drop_index("ix_post_idea", "post")
    with op.batch_alter_table("post") as batch:
        batch.drop_column("idea")
