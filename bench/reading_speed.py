"""Issue 30's targets in one table: the reading commands against `khal list` on the same week of
events, `edcal check` against the code before issue 30, and (with --tui) the TUI's first frame
against a bare Textual app and its memory on 100,000 posts against 100, from bench/tui_speed.py
and bench/memory.py.

The khal calendar is built from edcal's own export of the demo week (one event a file, as a
vdir holds them). edcal reads a config file as khal reads its own (edcal keeps it parsed after
the first run, as it keeps the shipped rule profiles). Each group also reports its floor: Python
importing only the modules the commands are built on (READING_FLOOR, CHECK_FLOOR,
CHECK_FLOOR_UNICODE), no edcal code. `edcal check` runs on two posts: one all ASCII, one with an
emoji, a link and an accented hashtag (counted in `re` with generated Unicode tables and
Python's Unicode data: the `regex` package stays unloaded). Every command is a fresh
process, as a person or a script runs it; the rounds are interleaved and the figures are medians.

    .venv/bin/python bench/reading_speed.py [--rounds 15] [--before REF] [--khal PATH ...] [--tui]

--before REF: the commit whose `edcal check` is "today's figure" (default: the one before issue 30).
--khal: the khal programs to measure against (default: /usr/bin/khal, Debian's, if there).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "c53e1ab"  # main before issue 30: its `edcal check` is the "today"
NOW = "2026-12-03T10:00:00+01:00"  # the demo week: Mon 30 Nov - Sun 6 Dec 2026
READING = [["list"], ["show", "3"], ["next"], ["report"], ["time", "list"]]
RUN = "import sys\nfrom edcal.cli import main\nsys.exit(main())"  # what the `edcal` script runs
# The floors: Python importing only the modules each command is built on, and no edcal code.
# A ratio at the floor above the target means no edcal change can meet it without dropping one.
READING_FLOOR = "import argparse, datetime, json, pathlib, sqlite3, zoneinfo"
CHECK_FLOOR = "import argparse, datetime, json, pathlib, zoneinfo"
CHECK_FLOOR_UNICODE = CHECK_FLOOR + ", unicodedata"  # hashtag characters beyond ASCII (X needs no regex)
CONFIG = "[dates]\nday_first = true\n\n[keys]\nnew_post = \"ctrl+n\"\n"  # what a user's config may hold
POSTS = {  # edcal check's posts
    "ascii": "Launch day! Tidewater 2.0 is out: faster sync, offline mode. https://tidewater.example/2-0 #launch",
    "unicode": "Lancement 🚀 Tidewater 2.0 est là : synchro plus rapide, mode hors ligne. https://tidewater.fr #lancé",
}


def seconds(argv: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-500:]}")
    return took


def khal_calendar(folder: Path, db: str) -> Path:
    """A vdir holding the demo week as edcal exports it, and a khal config reading it."""
    env = dict(os.environ, EDCAL_NOW=NOW)
    data = subprocess.run([sys.executable, "-m", "edcal", "export", "ics", "--db", db, "--from", "2026-11-30", "--to",
                           "2026-12-06"], env=env, capture_output=True, check=True).stdout.decode()
    head, rest = data.split("BEGIN:VEVENT", 1)
    head = head.replace("METHOD:PUBLISH\r\n", "")
    events = re.findall(r"BEGIN:VEVENT.*?END:VEVENT\r\n", "BEGIN:VEVENT" + rest, re.S)
    vdir = folder / "vdir" / "edcal"
    vdir.mkdir(parents=True)
    for number, event in enumerate(events):
        (vdir / f"{number}.ics").write_bytes((head + event + "END:VCALENDAR\r\n").encode())
    config = folder / "khal.conf"
    config.write_text(f"[calendars]\n[[edcal]]\npath = {vdir}\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
                      "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
                      "longdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = Europe/Paris\n"
                      f"default_timezone = Europe/Paris\n[sqlite]\npath = {folder / 'khal.db'}\n")
    print(f"khal's calendar: {len(events)} events of the demo week, from `edcal export ics`", flush=True)
    return config


def khal_version(khal: str) -> str:
    return subprocess.run([khal, "--version"], capture_output=True, text=True).stdout.strip() or khal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--before", default=BEFORE, metavar="REF")
    parser.add_argument("--khal", nargs="*", default=[k for k in ("/usr/bin/khal",) if Path(k).exists()])
    parser.add_argument("--tui", action="store_true", help="also run bench/tui_speed.py and bench/memory.py")
    args = parser.parse_args()
    if not args.khal:
        raise SystemExit("no khal: install it (apt install khal, or pip install khal) or give --khal PATH")
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "edcal"), quiet=1)
    rows: list[tuple[str, float, str, float, float | None]] = []  # what, seconds, against, its seconds, target
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = f"sqlite:///{folder / 'demo.db'}"
        (folder / "config.toml").write_text(CONFIG)
        env = dict(os.environ, EDCAL_NOW=NOW, EDCAL_CONFIG=str(folder / "config.toml"),
                   XDG_CACHE_HOME=str(folder / "cache"))
        subprocess.run([sys.executable, "-m", "edcal", "demo", "--db", db, "--yes"], env=env, check=True,
                       capture_output=True)
        config = khal_calendar(folder, db)
        khals = {khal: [khal, "-c", str(config), "list", "2026-11-30", "7d"] for khal in args.khal}
        for argv in khals.values():
            subprocess.run(argv, capture_output=True, check=True)  # khal builds its cache once
        edcal = {" ".join(c): [sys.executable, "-c", RUN, *c, "--db", db] for c in READING}
        floor = {"floor": [sys.executable, "-c", READING_FLOOR]}
        times: dict[str, list[float]] = {name: [] for name in [*khals, *edcal, *floor]}
        for _ in range(args.rounds):
            for name, argv in [*khals.items(), *edcal.items(), *floor.items()]:
                times[name].append(seconds(argv, env))
        medians = {name: statistics.median(v) for name, v in times.items()}
        for khal in khals:
            for name in edcal:
                rows.append((f"edcal {name}", medians[name], khal_version(khal), medians[khal], 0.5))
            rows.append(("floor: python + its modules", medians["floor"], khal_version(khal), medians[khal], None))
        rows.extend(check_rows(folder, args.before, args.rounds))
    print()
    print(f"{'measured':28} {'ms':>7}   {'against':32} {'ms':>7}  {'ratio':>6}  target")
    ok = True
    for what, value, against, reference, target in rows:
        ratio = value / reference
        met = target is None or ratio <= target
        ok &= met
        goal = "reported" if target is None else f"<= {target}x {'met' if met else 'MISSED'}"
        print(f"{what:28} {value * 1000:7.1f}   {against:32} {reference * 1000:7.1f}  {ratio:5.2f}x  {goal}")
    if args.tui:
        for script in ("tui_speed.py", "memory.py"):
            print(f"\n{script}:", flush=True)
            done = subprocess.run([sys.executable, str(ROOT / "bench" / script)], capture_output=True, text=True)
            print(done.stdout.strip())
            ok &= done.returncode == 0
    return 0 if ok else 1


def check_rows(folder: Path, before: str, rounds: int) -> list[tuple[str, float, str, float, float | None]]:
    """`edcal check` of one post, this tree against the ``before`` commit's, alternately: an
    ASCII post and one beyond ASCII, each with its floor."""
    tree = folder / "before"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), before], check=True,
                   capture_output=True)
    try:
        import compileall

        compileall.compile_dir(str(tree / "src" / "edcal"), quiet=1)
        argv = [sys.executable, "-c", RUN, "check", "--platform", "x", "-"]
        cache = {"XDG_CACHE_HOME": str(folder / "cache")}
        now_env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **cache)
        before_env = dict(os.environ, PYTHONPATH=str(tree / "src"), **cache)
        floors = {"ascii": CHECK_FLOOR, "unicode": CHECK_FLOOR_UNICODE}
        found: dict[str, list[float]] = {f"{kind} {what}": [] for kind in POSTS for what in ("now", "before", "floor")}
        for _ in range(rounds):
            for kind, post in POSTS.items():
                found[f"{kind} before"].append(seconds(argv, before_env, post))
                found[f"{kind} now"].append(seconds(argv, now_env, post))
                found[f"{kind} floor"].append(seconds([sys.executable, "-c", floors[kind]], now_env))
        medians = {name: statistics.median(times) for name, times in found.items()}
        rows: list[tuple[str, float, str, float, float | None]] = []
        for kind in POSTS:
            against = f"edcal check at {before}"
            rows += [(f"edcal check ({kind} post)", medians[f"{kind} now"], against, medians[f"{kind} before"], 0.5),
                     ("floor: python + its modules", medians[f"{kind} floor"], against, medians[f"{kind} before"], None)]
        return rows
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
        shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
