"""Ids are never reused: SQLite's AUTOINCREMENT on posts, time entries and series.

Without it SQLite hands the highest id again after that row is deleted, so a results file or
a script keyed on ids would reach another post. PostgreSQL's sequences never reuse an id, so
there is nothing to do there. The tables are rebuilt (edcal runs migrations with foreign keys
off and checks them before the commit, so the media, time entries and slots keep their links).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("post", "time_entry", "series")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
