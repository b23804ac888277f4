"""TUI speed, as ratios against references run the same way in this session (issues 4 and 17).

Start-up is measured two ways, each interleaved with a bare Textual app (Header, one Static,
Footer) launched the same way, medians of the rounds:

- headless (--mode headless): fresh processes that time themselves (bench/launch.py) and exit
  at their first frame, or once the week is painted;
- in a real terminal (--mode tmux): a detached tmux session at 140x42 whose screen is read
  with ``capture-pane`` every 5 ms, from spawning the command to the first frame drawn and to
  the first frame showing platform rows and post times. This is what people see. Its floor is
  reported beside it: the bare app drawing edcal's week, captured from tmux, as one Rich Text.

Targets, on 10,000 posts with weekly targets and a series (bench/seed.py, planned()):
1. populated week in a real terminal: at most 1.15x the bare app's first frame (issue 30; 1.3x before), and in the
   first frame edcal draws;
2. headless populated week: at most 2.5x (issue 4); the headless first frame is reported: it
   is the populated week now (issue 4's 1.3x was for an empty first frame);
3. with --pg ADMIN_URL, the populated week on PostgreSQL on localhost: at most 2x;
4. key-to-repaint of ] (next week) on 100,000 posts against 1,000 posts: at most 1.2x.

With --channels 2 every platform has two accounts (ten rows): the same targets hold (issue 19).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
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


# -- in a real terminal ------------------------------------------------------------------

BARE_TTY = BARE.replace("    def on_mount(self):\n        self.call_after_refresh(done)\n", "").replace(
    "app.run(headless=True, size=(120, 36))", "app.run()")
POSTS_SHOWN = re.compile(r"LinkedIn.*\d\d:\d\d")  # a platform's row holding a post's time


def tmux_once(command: list[str], populated: re.Pattern[str] | None) -> tuple[float, float]:
    """Seconds from spawning ``command`` in a detached 140x42 tmux session to the first frame
    drawn and to the first showing ``populated`` (the first frame again when None)."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    shell = shlex.join(command) + "; sleep 5"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "140", "-y", "42", shell], check=True)
    first = full = None
    try:
        while time.perf_counter() - start < 20:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            now = time.perf_counter() - start
            if first is None and screen.strip():
                first = now
            if first is not None and (populated is None or populated.search(screen)):
                full = now
                break
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    if first is None or full is None:
        raise SystemExit(f"nothing drawn in 20 s by: {' '.join(command)}")
    return first, full


# The floor of the populated week: the bare app drawing the very characters and colours of
# edcal's week (captured from tmux, kept as a Rich Text) in one Static, with no data to read and
# no logic; what it takes over the bare app is what Textual takes to draw that screen.
FLOOR_TTY = BARE_TTY.replace('yield Static("hello")', 'yield Static(pickle.loads(Path(sys.argv[2]).read_bytes()))').replace(
    "import sys, time", "import pickle, sys, time\nfrom pathlib import Path")


def captured_week(edcal: list[str], folder: Path) -> Path:
    """edcal's week as drawn in a 140x42 tmux session, between its header and footer lines,
    pickled as a Rich Text."""
    from rich.text import Text

    name = f"bench-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "140", "-y", "42", shlex.join(edcal) + "; sleep 5"],
                   check=True)
    try:
        deadline = time.perf_counter() + 20
        while time.perf_counter() < deadline:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-e", "-t", name], capture_output=True, text=True).stdout
            if POSTS_SHOWN.search(Text.from_ansi(screen).plain):
                break
            time.sleep(0.05)
        else:
            raise SystemExit("edcal's week was not drawn in 20 s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    import pickle

    week = folder / "edcal-bench-week.pickle"
    week.write_bytes(pickle.dumps(Text.from_ansi("\n".join(screen.rstrip("\n").split("\n")[1:-1]))))
    return week


def terminal_launches(db_url: str, rounds: int = 5) -> tuple[float, float, float, float, int]:
    """Medians of the bare app's first frame, edcal's first frame and its populated week, and
    the floor's (the bare app drawing edcal's week), and in how many rounds edcal's first frame
    already showed the week."""
    edcal = [sys.executable, "-m", "edcal", "--db", db_url]
    folder = Path(tempfile.gettempdir())
    script = folder / "edcal-bench-bare.py"  # a command line, not a multi-line -c
    script.write_text(BARE_TTY)
    floor_script = folder / "edcal-bench-floor.py"
    floor_script.write_text(FLOOR_TTY)
    bare, frame, week, floor, at_once = [], [], [], [], 0
    # One session kept for the whole run: the server would otherwise quit with each round's last one.
    subprocess.run(["tmux", "new-session", "-d", "-s", "bench-keeper", "sleep 3600"], check=True)
    try:
        drawn = captured_week(edcal, folder)
        for _ in range(rounds):
            bare.append(tmux_once([sys.executable, str(script), "0"], None)[0])
            first, full = tmux_once(edcal, POSTS_SHOWN)
            frame.append(first)
            week.append(full)
            at_once += full == first
            floor.append(tmux_once([sys.executable, str(floor_script), "0", str(drawn)], POSTS_SHOWN)[1])
    finally:
        subprocess.run(["tmux", "kill-session", "-t", "bench-keeper"], capture_output=True)
    return statistics.median(bare), statistics.median(frame), statistics.median(week), statistics.median(floor), at_once


def planned(url: str) -> str:
    """Weekly targets on two platforms and a weekly series, as a real plan has: the first frame
    then also shows cadences and open slots."""
    from datetime import date
    from datetime import time as clock_time

    from edcal.config import Config
    from edcal.domain.recurrence import Series
    from edcal.record import replace
    from edcal.store import open_store

    store = open_store(url, Config(path=Path("/nonexistent/config.toml")))
    for key in ("linkedin", "x"):
        store.save_platform(replace(store.get_platform(key), weekly_target=5))
    store.add_series(Series(platform="mastodon", rule="FREQ=WEEKLY;BYDAY=TU,TH", at=clock_time(9, 0),
                            tz="Europe/Paris", start=date.today() - timedelta(days=90), title="Community tip"))
    store.close()
    return url


def postgres_db(admin_url: str, around: datetime, channels: int = 1) -> tuple[str, callable]:
    """A new database on the server of ``admin_url`` with 10,000 posts, and how to drop it."""
    import psycopg

    name = f"edcal_bench_{uuid.uuid4().hex[:8]}"
    plain = "postgresql://" + admin_url.split("://", 1)[1]
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = plain.rsplit("/", 1)[0] + "/" + name
    planned(seeded_db(Path(tempfile.gettempdir()) / f"{name}.db", 10_000, around - timedelta(weeks=2), url=url,
                      channels=channels))

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url, drop


async def next_week_samples(url: str, presses: int) -> list[float]:
    """Times from the ] key event to the repaint that shows the next week's posts, for
    ``presses`` presses in a row."""
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
    return samples


def next_week_seconds(small: str, large: str, blocks: int = 5, presses: int = 5) -> tuple[float, float]:
    """Medians of the ] key's repaint on two databases, measured in alternating blocks (a fresh
    app each) so that drift in the machine's load hits both alike."""
    samples: dict[str, list[float]] = {small: [], large: []}
    for _ in range(blocks):
        for url in samples:
            samples[url] += asyncio.run(next_week_samples(url, presses))
    return statistics.median(samples[small]), statistics.median(samples[large])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["both", "tmux", "headless"], default="both")
    parser.add_argument("--pg", metavar="ADMIN_URL", default=os.environ.get("EDCAL_BENCH_PG"),
                        help="also measure on PostgreSQL (a database is created on this server, then dropped)")
    parser.add_argument("--rounds", type=int, default=5, help="tmux rounds (default 5)")
    parser.add_argument("--channels", type=int, default=1, metavar="N",
                        help="accounts per platform in the databases (issue 19: the targets hold with 2)")
    args = parser.parse_args()
    # An installed edcal has its bytecode compiled; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module at each launch.
    import compileall

    import edcal

    compileall.compile_dir(str(Path(edcal.__file__).parent), quiet=1)
    around = datetime.now(timezone.utc)
    results, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print("seeding databases of 10,000, 1,000 and 100,000 posts ...", flush=True)
        db10k = planned(seeded_db(tmp_path / "10k.db", 10_000, around - timedelta(weeks=2), channels=args.channels))

        if args.mode in ("both", "tmux"):
            bare, frame, week, floor, at_once = terminal_launches(db10k, args.rounds)
            notes.append(f"in a terminal (tmux 140x42, {args.rounds} rounds): bare app's first frame "
                         f"{bare * 1000:.0f} ms; edcal's first frame showed the week in {at_once} of {args.rounds}")
            results.append(("terminal: first frame (10k posts)", frame, bare, None))
            results.append(("terminal: populated week (10k posts)", week, bare, 1.15))  # issue 30 (was 1.3)
            results.append(("terminal floor: bare app drawing it", floor, bare, None))
            if args.pg:
                url, drop = postgres_db(args.pg, around, args.channels)
                try:
                    bare, frame, week, _, at_once = terminal_launches(url, args.rounds)
                finally:
                    drop()
                notes.append(f"PostgreSQL in a terminal: the first frame showed the week in {at_once} of {args.rounds}")
                results.append(("terminal, PostgreSQL: populated week", week, bare, 2.0))
        if args.mode in ("both", "headless"):
            bare, frame, week = launches(db10k)
            notes.append(f"headless: bare app's first frame {bare * 1000:.0f} ms")
            # Since issue 17 the first frame is the populated week: issue 4's 1.3x was for an empty one.
            results.append(("headless: first frame (10k posts)", frame, bare, None))
            results.append(("headless: populated week (10k posts)", week, bare, 2.5))
            db1k = seeded_db(tmp_path / "1k.db", 1_200, around, channels=args.channels)
            db100k = seeded_db(tmp_path / "100k.db", 100_000, around, channels=args.channels)
            small, large = next_week_seconds(db1k, db100k)
            notes.append(f"] key to repaint on 1,000 posts: {small * 1000:.1f} ms")
            results.append(("] key to repaint: 100k vs 1k posts", large, small, 1.2))

    print("\n".join(notes))
    ok = True
    for label, value, reference, target in results:
        ratio = value / reference
        met = target is None or ratio <= target
        ok &= met
        goal = "reported" if target is None else f"target <= {target}x: {'met' if met else 'MISSED'}"
        print(f"{label:40} {value * 1000:7.1f} ms  {ratio:4.2f}x  ({goal})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
