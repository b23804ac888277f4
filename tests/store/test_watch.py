"""The store notices what another process writes: SQLite's data_version, PostgreSQL's NOTIFY."""

import subprocess
import sys

import pytest

from edcal.store.watch import open_watch

pytestmark = pytest.mark.postgres


def other_process(db_url: str, *args: str) -> None:
    """edcal run as another process would, on the same database."""
    result = subprocess.run([sys.executable, "-m", "edcal", "--db", db_url, *args], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_write_by_another_process_is_noticed_and_quiet_is_quiet(store, db_url):
    store.enable_platforms(["x"])
    watch = open_watch(store.engine)
    try:
        assert watch.changed(0.3) is False  # nothing written: nothing to reload
        other_process(db_url, "add", "--platform", "x", "--body", "Written by a teammate", "--at", "2026-12-24 09:00")
        assert watch.changed(2.0) is True
        assert watch.changed(0.3) is False  # told once per write
        other_process(db_url, "log", "25m", "--activity", "writing")
        assert watch.changed(2.0) is True
    finally:
        watch.close()
