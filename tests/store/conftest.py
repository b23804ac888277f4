"""Store tests run on SQLite, and again on PostgreSQL when EDCAL_TEST_DB names a server
(the db_url, config and store fixtures live in tests/conftest.py)."""
