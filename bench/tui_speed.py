"""TUI speed, as ratios against references run the same way in this session (issue 4).

1. Launch to first frame: edcal on a 10,000-post database against a bare Textual app
   (Header, one Static, Footer); each is a fresh process that exits right after its first
   frame. Target: at most 1.3x.
2. Launch to the populated week (posts painted): target at most 2.5x the bare first frame.
3. Key-to-repaint of ] (next week) on 100,000 posts against the same on 1,000 posts.
   Target: at most 1.2x.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import seeded_db  # noqa: E402

BARE = """
import sys, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(done)

def done():
    print(time.time() - float(sys.argv[1]))
    app.exit()

app = Bare()
app.run(headless=True, size=(120, 36))
"""

def bare_once() -> float:
    """Seconds from spawning the bare app to the moment it reports its first frame."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", BARE, str(start)], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def edcal_once(db_url: str, until: str) -> float:
    """Seconds from spawning edcal's start-up path (bench/launch.py: the real `edcal --db URL`
    with an app that times itself) to its first frame or to the week painted, headless at 120x36
    like the reference."""
    launcher = Path(__file__).with_name("launch.py")
    out = subprocess.run([sys.executable, str(launcher), db_url, until, str(time.time()), "--headless"],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def launches(db_url: str, runs: int = 11) -> tuple[float, float, float]:
    """Medians of the three launches, interleaved so that drift in the machine's load hits
    the reference and edcal alike."""
    bare, frame, week = [], [], []
    for _ in range(runs):
        bare.append(bare_once())
        frame.append(edcal_once(db_url, "frame"))
        week.append(edcal_once(db_url, "week"))
    return statistics.median(bare), statistics.median(frame), statistics.median(week)


async def next_week_seconds(url: str, presses: int = 25) -> float:
    """Median time from the ] key event to the repaint that shows the next week's posts."""
    from edcal.config import Config
    from edcal.ui.app import EdcalApp
    from edcal.ui.screens.week import WeekScreen

    painted: list[float] = []

    class Screen(WeekScreen):
        def on_week_loaded(self, message) -> None:
            super().on_week_loaded(message)
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    class Timed(EdcalApp):
        cursor_blink = False
        def get_default_screen(self):
            return Screen()

    app = Timed(url, Config(path=Path("/nonexistent/config.toml")))
    samples = []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        for _ in range(presses):
            before = len(painted)
            start = time.perf_counter()
            await pilot.press("right_square_bracket")
            while len(painted) == before:
                await pilot.pause(0.005)
            samples.append(painted[-1] - start)
    return statistics.median(samples)


def main() -> int:
    # An installed edcal has its bytecode compiled; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module at each launch.
    import compileall

    import edcal

    compileall.compile_dir(str(Path(edcal.__file__).parent), quiet=1)
    around = datetime.now(timezone.utc)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print("seeding databases of 10,000, 1,000 and 100,000 posts ...", flush=True)
        db10k = seeded_db(tmp_path / "10k.db", 10_000, around - timedelta(weeks=2))
        db1k = seeded_db(tmp_path / "1k.db", 1_200, around)
        db100k = seeded_db(tmp_path / "100k.db", 100_000, around)

        bare, frame, week = launches(db10k)
        results.append(("launch to first frame (10k posts)", frame, bare, 1.3))
        results.append(("launch to populated week (10k posts)", week, bare, 2.5))

        small = asyncio.run(next_week_seconds(db1k))
        large = asyncio.run(next_week_seconds(db100k))
        results.append(("] key to repaint: 100k vs 1k posts", large, small, 1.2))

    print(f"bare Textual app, launch to first frame: {bare * 1000:.0f} ms")
    print(f"] key to repaint on 1,000 posts: {small * 1000:.1f} ms")
    ok = True
    for label, value, reference, target in results:
        ratio = value / reference
        met = ratio <= target
        ok &= met
        print(f"{label:40} {value * 1000:7.1f} ms  {ratio:4.2f}x  (target <= {target}x: {'met' if met else 'MISSED'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
