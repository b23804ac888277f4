"""What the CalDAV sync tests share (the servers themselves are in tests/conftest.py)."""

import pytest


@pytest.fixture
def before_the_plan(monkeypatch):
    """The sync tests' plan lies in December 2026 and its open slots within the export's 92
    days: the clock is frozen on Monday 30 November 2026 in Paris, whatever instant the suite
    runs at (the machine's zone still varies)."""
    monkeypatch.setenv("EDCAL_NOW", "2026-11-30T08:00:00+01:00")
