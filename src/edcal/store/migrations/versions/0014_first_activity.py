"""An index on when each post was added: the first activity (the earliest post added or time
logged), which decides the weeks held against the minimum, is found without reading every post.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_post_created_utc", "post", ["created_utc"])


def downgrade() -> None:
    op.drop_index("ix_post_created_utc", "post")
