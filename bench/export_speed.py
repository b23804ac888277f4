"""Exporting 10,000 posts against the bare ``ics`` library serializing 10,000 comparable
events in the same run (issue 6). Target: at most 1.5x. The posts are read as `edcal export`
reads them, on the read path (issue 17)."""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import seeded_db  # noqa: E402

TARGET = 1.5


def bare_ics(posts) -> str:
    from ics import Calendar, Event

    calendar = Calendar(creator="-//bench//EN")
    for post in posts:
        calendar.events.add(Event(uid=post.uid, name=f"[{post.platform}] {post.title}", begin=post.scheduled_at,
                                  duration=timedelta(minutes=15), description=post.body, created=post.created_at,
                                  last_modified=post.updated_at, status="CONFIRMED", categories={post.platform}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calendar.serialize()


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def medians(first, second, rounds: int = 7) -> tuple[float, float]:
    """Median times of two functions run in turn, so that a slow spell of the machine
    weighs on both alike."""
    a, b = [], []
    for _ in range(rounds):
        a.append(timed(first))
        b.append(timed(second))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    from edcal.config import Config
    from edcal.export.ical import build_calendar
    from edcal.services import exports
    from edcal.store.read import Reader, open_reader

    with tempfile.TemporaryDirectory() as tmp:
        url = seeded_db(Path(tmp) / "10k.db", 10_000, datetime.now(timezone.utc), busy_weeks=250, per_week=40)
        store = open_reader(url, Config(path=Path(tmp) / "c.toml"))  # as `edcal export` reads
        assert isinstance(store, Reader)
        everything = ("scheduled", "draft", "idea", "published")
        posts = store.posts_between(datetime(1970, 1, 1, tzinfo=timezone.utc),
                                    datetime(9999, 1, 1, tzinfo=timezone.utc))
        assert len(posts) == 10_000
        bare, ours = medians(lambda: bare_ics(posts),
                             lambda: build_calendar(exports.plan(store, statuses=everything, slots=False).items))
        store.close()
    ratio = ours / bare
    print(f"bare ics, 10,000 events:            {bare * 1000:8.0f} ms")
    print(f"edcal export (query, rules, ics, compliance): {ours * 1000:8.0f} ms  {ratio:.2f}x "
          f"(target <= {TARGET}x: {'met' if ratio <= TARGET else 'MISSED'})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
