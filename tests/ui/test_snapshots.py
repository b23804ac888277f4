"""SVG snapshots of the week screen and the editor at 120x36, frozen date and fixed data.

Review tests/ui/__snapshots__ changes with `pytest --snapshot-report` before accepting them
with `--snapshot-update`.
"""

import pytest

from .conftest import SIZE, ready


@pytest.fixture
def demo_app(demo_store, make_app):
    return make_app()


def test_week_screen(snap_compare, demo_app):
    async def run_before(pilot):
        await ready(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_editor_with_violations(snap_compare, demo_app):
    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("j", "l", "l", "enter")  # Instagram, Wednesday: the launch carousel
        await ready(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)
