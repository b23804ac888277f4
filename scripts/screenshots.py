#!/usr/bin/env python3
"""Regenerate screenshots/: every screen at 120x36, and the week and editor at 80x24.

Runs the real app headless on a demo database with a frozen date, saves Textual's SVG, and
converts it to PNG with cairosvg after swapping the web font for DejaVu Sans Mono, which is
installed offline (Debian's fonts-dejavu-core), so the grid stays aligned.

    .venv/bin/pip install cairosvg && .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
TODAY = date(2026, 11, 25)
os.environ["EDCAL_NOW"] = "2026-11-25T10:00:00+01:00"  # the one clock, frozen: a Wednesday in Paris
SIZE = (120, 36)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.settled()
        await pilot.pause()


DAV_HOME = "https://cloud.example.com/remote.php/dav/calendars/alice/"  # the sync shot's [caldav] url


async def shoot(db_url: str, name: str, keys: list[str], size: tuple[int, int] = SIZE, *, caldav: bool = False) -> Path:
    from edcal.config import CalDAVConfig, Config
    from edcal.ui.app import EdcalApp

    class StillApp(EdcalApp):
        cursor_blink = False  # a still cursor: the picture does not depend on a blink

    config = Config(path=Path("/nonexistent/config.toml"))
    if caldav:
        config = Config(path=config.path, caldav=CalDAVConfig(url=DAV_HOME, user="alice"))
    app = StillApp(db_url, config)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app.save_screenshot(f"{name}.svg", str(OUT))
    return OUT / f"{name}.svg"


def to_png(svg: Path) -> None:
    import cairosvg

    text = svg.read_text("utf-8")
    text = re.sub(r'font-family:\s*"?Fira Code"?[^;"]*', 'font-family: "DejaVu Sans Mono", monospace', text)
    text = re.sub(r"@font-face\s*\{[^}]*\}", "", text)
    cairosvg.svg2png(bytestring=text.encode(), write_to=str(svg.with_suffix(".png")), output_width=1800)


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from edcal.cli.demo import fill_demo
    from edcal.config import Config
    from edcal.domain.models import Settings
    from edcal.store import open_store

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        store = open_store(url, Config(path=Path(tmp) / "config.toml"))
        store.save_settings(Settings(timezone="Europe/Paris"))
        fill_demo(store, TODAY)
        # a second account on X: the founder's, a row of its own
        from datetime import datetime

        from edcal.domain.dates import resolve_wall_time
        from edcal.domain.models import Post
        from edcal.services import channels, posts

        channels.add(store, "x", name="Marta", handle="@marta_codes")
        noon = resolve_wall_time(datetime(2026, 11, 27, 12, 0), "Europe/Paris")
        posts.save(store, Post(platform="x-marta", status="draft", scheduled_at=noon.utc, tz="Europe/Paris",
                               body="What I learned as a founder shipping 2.0: ship the boring parts first."))
        # the sync shot: a CalDAV calendar last synced 12 minutes before (recorded, no server needed)
        from datetime import timedelta

        from edcal.domain import clock
        from edcal.export.caldav import Account

        store.record_sync_status(Account.at(DAV_HOME, "edcal").url, clock.now() - timedelta(minutes=12))
        store.close()
        shots = [
            ("week", []),
            # Instagram row, Wednesday: the launch carousel with too many hashtags and no image
            ("editor", ["j", "enter"]),
            # X row, Thursday: the over-long post split into a thread with ctrl+t
            ("thread", ["j", "j", "l", "enter", "ctrl+t"]),
            ("help", ["question_mark"]),
            ("time", ["T"]),
            ("plan", ["P"]),
            ("agenda", ["v"]),
            ("backlog", ["b"]),
            ("month", ["v", "v"]),
        ]
        for name, keys in shots:
            svg = asyncio.run(shoot(url, name, keys))
            to_png(svg)
            print(f"wrote {svg.relative_to(ROOT)} and {svg.with_suffix('.png').relative_to(ROOT)}")
        svg = asyncio.run(shoot(url, "sync", ["x"], caldav=True))  # x offers the file or the sync
        to_png(svg)
        print(f"wrote {svg.relative_to(ROOT)} and {svg.with_suffix('.png').relative_to(ROOT)}")
        for name, keys in [("week-80x24", []), ("editor-80x24", ["j", "enter"]), ("month-80x24", ["v", "v"])]:  # a small terminal
            svg = asyncio.run(shoot(url, name, keys, (80, 24)))
            to_png(svg)
            print(f"wrote {svg.relative_to(ROOT)} and {svg.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
