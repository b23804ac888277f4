"""PostgreSQL tells listeners when the plan changes: a NOTIFY on channel ``edcal`` after every
statement that writes one of edcal's tables, whoever runs it (another edcal, a script, psql).
An open calendar LISTENs and reloads. SQLite needs nothing: readers poll PRAGMA data_version.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("platform", "post", "media", "time_entry", "setting", "running_timer", "series", "slot_change", "result")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE OR REPLACE FUNCTION edcal_notify() RETURNS trigger AS $$
        BEGIN
            PERFORM pg_notify('edcal', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
    """)
    for table in TABLES:
        op.execute(f"CREATE TRIGGER edcal_notify_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION edcal_notify()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS edcal_notify_{table} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS edcal_notify()")
