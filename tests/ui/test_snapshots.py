"""SVG snapshots of every screen at 80x24, 120x36 and 200x50, frozen date and fixed data.

Review tests/ui/__snapshots__ changes with `pytest --snapshot-report` before accepting them
with `--snapshot-update`.
"""

import pytest

from .conftest import ready

SIZES = [(80, 24), (120, 36), (200, 50)]
SCREENS = {
    "week": (),
    "editor": ("j", "enter"),  # Instagram, Wednesday (today, where the cursor starts): the launch carousel, with its violations
    "plan": ("P",),
    "time": ("T",),
    "help": ("question_mark",),
    "agenda": ("v",),
    "backlog": ("b",),
    "month": ("v", "v"),  # grid → agenda → month
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, demo_store, make_app, screen, size):
    async def run_before(pilot):
        await ready(pilot)
        if SCREENS[screen]:
            await pilot.press(*SCREENS[screen])
            await ready(pilot)
            await pilot.wait_for_scheduled_animations()
            await ready(pilot)  # a screen's table fills after its load: let it settle

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
