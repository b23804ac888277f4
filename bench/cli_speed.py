"""The CLI's commands that read, on 10,000 posts, against `edcal check` on a short text (which
opens no database), each a fresh process as a script would run it (issue 17).

Interleaved rounds, medians. Targets: `edcal list`, `edcal show ID` and `edcal next` at most 2x
`edcal check`. The other commands that read are reported alongside. With --pg ADMIN_URL (or
EDCAL_BENCH_PG) the same commands also run on a PostgreSQL database created for the run, and
are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import seeded_db  # noqa: E402

TARGETS = {"list": 2.0, "show 5000": 2.0, "next": 2.0}
OTHERS = ["report", "time list", "plan show", "lint", "export ics -"]


def seconds(args: list[str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "edcal", *args], input=stdin, capture_output=True, text=True, check=False)
    return time.perf_counter() - start


def with_series(url: str) -> str:
    """A weekly series, so that `edcal next` has slots to find."""
    from edcal.config import Config
    from edcal.domain.recurrence import Series
    from edcal.store import open_store

    store = open_store(url, Config(path=Path("/nonexistent/config.toml")))
    store.add_series(Series(platform="linkedin", rule="FREQ=WEEKLY;BYDAY=TU", at=clock_time(9, 0),
                            tz="Europe/Paris", start=date.today() - timedelta(days=60), title="Tuesday insight"))
    store.close()
    return url


def measure(url: str, rounds: int) -> tuple[float, dict[str, float]]:
    check, found = [], {name: [] for name in [*TARGETS, *OTHERS]}
    for _ in range(rounds):
        check.append(seconds(["check", "--platform", "x", "-"], "A short post about our launch. #news"))
        for name in found:
            found[name].append(seconds([*name.split(), "--db", url]))
    return statistics.median(check), {name: statistics.median(v) for name, v in found.items()}


def report(title: str, check: float, found: dict[str, float], targets: dict[str, float]) -> bool:
    print(f"{title}: `edcal check` on a short text {check * 1000:.0f} ms")
    ok = True
    for name, value in found.items():
        target = targets.get(name)
        ratio = value / check
        met = target is None or ratio <= target
        ok &= met
        goal = "reported" if target is None else f"target <= {target}x: {'met' if met else 'MISSED'}"
        print(f"  edcal {name:24} {value * 1000:6.0f} ms  {ratio:4.2f}x  ({goal})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--pg", metavar="ADMIN_URL", default=os.environ.get("EDCAL_BENCH_PG"))
    args = parser.parse_args()
    import compileall

    import edcal

    compileall.compile_dir(str(Path(edcal.__file__).parent), quiet=1)
    around = datetime.now(timezone.utc) - timedelta(weeks=2)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        print("seeding a database of 10,000 posts ...", flush=True)
        url = with_series(seeded_db(Path(tmp) / "10k.db", 10_000, around))
        ok &= report("SQLite, 10,000 posts", *measure(url, args.rounds), TARGETS)
        if args.pg:
            from tui_speed import postgres_db

            pg_url, drop = postgres_db(args.pg, datetime.now(timezone.utc))
            try:
                # no target: psycopg alone takes about as long to import as `edcal check` runs
                report("PostgreSQL on this machine, 10,000 posts", *measure(with_series(pg_url), args.rounds), {})
            finally:
                drop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
