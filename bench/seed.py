"""Databases with many posts, written in bulk for the benchmarks."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from edcal.config import Config
from edcal.domain.models import Settings
from edcal.store import open_store
from edcal.store.tables import PostRow

PLATFORMS = ["linkedin", "instagram", "x", "mastodon", "bluesky"]


WORDS = ("launch spring team coffee story customer release update webinar guide tips behind scenes "
         "product design sale event office hours question poll thread video recap numbers").split()


def seeded_db(path: Path, posts: int, around: datetime, seed: int = 7, busy_weeks: int = 30,
              per_week: int = 40, url: str | None = None, channels: int = 1) -> str:
    """An SQLite database at ``path`` (or the database at ``url``) with ``posts`` posts.

    The ``busy_weeks`` from ``around`` on hold ``per_week`` posts each, whatever the size of
    the database; the rest lie in the years before. So two databases of different sizes show
    the same weeks, and a benchmark that browses them measures the cost of size alone. With
    ``channels`` above 1 each platform has that many accounts, the posts spread over them all.
    """
    url = url or f"sqlite:///{path}"
    store = open_store(url, Config(path=path.with_suffix(".toml")))
    store.save_settings(Settings(timezone="Europe/Paris"))
    store.enable_platforms(PLATFORMS)
    keys = list(PLATFORMS)
    if channels > 1:
        from edcal.services.channels import add

        keys += [add(store, key, name=f"Account {n}", handle=f"@account{n}").key
                 for n in range(2, channels + 1) for key in PLATFORMS]
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    busy = busy_weeks * per_week
    if posts < busy:
        raise ValueError(f"need at least {busy} posts")
    rows = []
    for i in range(posts):
        if i < busy:
            when = around + timedelta(weeks=i // per_week, minutes=rng.randint(0, 7 * 1440 - 1))
        else:
            when = around - timedelta(days=rng.randint(1, 3650), minutes=rng.randint(0, 1439))
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30))) + f" #news example.com/{i}"
        rows.append(dict(
            uid=uuid.uuid4().hex, platform=rng.choice(keys), scheduled_utc=when, tz="Europe/Paris",
            fold=0, title=f"Post {i}", body=body,
            status=rng.choice(["draft", "scheduled", "idea"]), created_utc=now, updated_utc=now, revision=1,
        ))
    with store.session() as s:
        for start in range(0, len(rows), 5000):
            s.execute(insert(PostRow), rows[start : start + 5000])
        s.commit()
    store.close()
    return url
