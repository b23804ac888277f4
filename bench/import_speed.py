"""`edcal import csv` of 20,000 posts into a new SQLite database, end to end (the real
command, in a process of its own), against a reference run in the same session: the same
file parsed with the csv module and written with the sqlite3 module's executemany.

Target (issue 18): the import takes at most 5 s on SQLite.
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from edcal.domain.models import Media, Post
from edcal.domain.schema import post_record
from edcal.export.tabular import to_csv

TARGET_S = 5.0
ROWS = 20_000
WORDS = "launch spring team coffee story customer release update webinar guide tips recap numbers".split()


def posts(count: int) -> list[Post]:
    rng = random.Random(18)
    start = datetime(2026, 11, 23, 8, tzinfo=timezone.utc)
    found = []
    for i in range(count):
        platform = rng.choice(["linkedin", "x", "mastodon", "bluesky", "instagram"])
        media = (Media(location=f"photos/{i}.jpg", kind="image", alt="a photo"),) if platform == "instagram" else ()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 25))) + f" #news example.com/{i}"
        found.append(Post(platform=platform, body=body[:270], title=f"Post {i}", status=rng.choice(["draft", "scheduled"]),
                          scheduled_at=start + timedelta(minutes=37 * i), tz="Europe/Paris", media=media,
                          uid=f"bench-{i}"))
    return found


def reference(text: str, path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(text)))
    with sqlite3.connect(path) as conn:
        columns = list(rows[0])
        conn.execute(f"CREATE TABLE post ({', '.join(columns)})")
        conn.executemany(f"INSERT INTO post VALUES ({', '.join('?' for _ in columns)})",
                         [tuple(r.values()) for r in rows])


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "posts.csv"
        text = to_csv([post_record(p) for p in posts(ROWS)])
        source.write_text(text, encoding="utf-8")
        timings: dict[str, list[float]] = {"edcal import": [], "reference": []}
        for round_ in range(3):
            started = time.perf_counter()
            reference(text, root / f"ref{round_}.db")
            timings["reference"].append(time.perf_counter() - started)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "edcal", "--db", str(root / f"edcal{round_}.db"), "import",
                                   "csv", str(source)], capture_output=True, text=True)
            timings["edcal import"].append(time.perf_counter() - started)
            if done.returncode != 0:
                print(done.stderr[-2000:])
                return 1
        best = {name: min(values) for name, values in timings.items()}
        ours, theirs = best["edcal import"], best["reference"]
        print(f"{ROWS} rows: reference (csv + sqlite3 executemany) {theirs:.2f} s; "
              f"edcal import {ours:.2f} s ({ours / theirs:.1f}x); {done.stdout.strip()}")
        ok = best["edcal import"] <= TARGET_S
        print(f"target <= {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
