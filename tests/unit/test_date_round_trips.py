"""Every way edcal writes a planned time reads back as the same instant.

Each day from 2025-01-01 to 2028-12-31 at 00:00, 09:30 and 23:59, in a zone west and one
east of UTC, with numeric dates read day first and month first: written as the editor, the
move prompt, `list`/`show`, `show --json`, `series list`, CSV and JSON export write it,
then read back by the reader that surface feeds.
"""

from datetime import date, datetime, time, timedelta

import pytest

from edcal.domain.dates import format_wall, parse_date, parse_when, resolve_wall_time
from edcal.domain.models import Post
from edcal.domain.schema import post_record
from edcal.export import tabular

DAYS = [date(2025, 1, 1) + timedelta(days=i) for i in range((date(2029, 1, 1) - date(2025, 1, 1)).days)]
TIMES = [time(0, 0), time(9, 30), time(23, 59)]
ZONES = ["America/New_York", "Australia/Sydney"]
NOW = datetime(2026, 11, 30, 8, 0)


def planned(tz: str) -> list[Post]:
    posts = []
    for day in DAYS:
        for clock in TIMES:
            wall = resolve_wall_time(datetime.combine(day, clock), tz)
            posts.append(Post(platform="x", status="draft", scheduled_at=wall.utc, tz=tz, fold=wall.fold,
                              body=f"{day} {clock}"))
    return posts


def read_typed(text: str, post: Post, dayfirst: bool) -> datetime:
    return resolve_wall_time(parse_when(text, NOW, dayfirst=dayfirst), post.tz).utc


@pytest.mark.parametrize("dayfirst", [True, False], ids=["day-first", "month-first"])
@pytest.mark.parametrize("tz", ZONES)
def test_every_surface_round_trips(tz, dayfirst):
    posts = planned(tz)
    assert len(posts) == len(DAYS) * len(TIMES) == 4383
    for post in posts:
        local = post.local_time()
        naive = local.replace(tzinfo=None)
        # the editor's When field, and `series list` / `next`
        assert read_typed(format_wall(naive), post, dayfirst) == post.scheduled_at
        # `list`, `show` and `time list`
        assert read_typed(format_wall(local, weekday=True), post, dayfirst) == post.scheduled_at
        # the move prompt: the post's date pre-filled, its time of day kept
        moved = parse_when(naive.date().isoformat(), NOW, dayfirst=dayfirst, need_time=False,
                           default_time=naive.time())
        assert resolve_wall_time(moved, tz).utc == post.scheduled_at
        # `series skip ID DATE` with the date `series list` printed
        assert parse_date(format_wall(naive), NOW.date(), dayfirst=dayfirst) == naive.date()
        # `show --json` and `list --json`
        as_json = post_record(post)
        assert datetime.fromisoformat(as_json["local_time"]) == post.scheduled_at
        assert datetime.fromisoformat(as_json["scheduled_at"]) == post.scheduled_at
    # CSV and JSON export, then import
    records = [post_record(p) for p in posts]
    for written, read in ((tabular.to_csv(records), tabular.read_csv), (tabular.to_json(records), tabular.read_json)):
        back = [tabular.parse_row(row, default_tz="UTC").post for _, row in read(written)]
        assert [p.scheduled_at for p in back] == [p.scheduled_at for p in posts]
        assert [(p.tz, p.fold) for p in back] == [(p.tz, p.fold) for p in posts]


@pytest.mark.parametrize("tz, wall, fold", [
    ("Europe/Paris", datetime(2026, 10, 25, 2, 30), 1),  # the repeated autumn hour, second time round
    ("Europe/Paris", datetime(2026, 10, 25, 2, 30), 0),
    ("America/New_York", datetime(2026, 11, 1, 1, 15), 1),
    ("Europe/Paris", datetime(2026, 12, 1, 9, 30, 42), 0),  # seconds survive
])
def test_repeated_hour_and_seconds_survive_export_and_import(tz, wall, fold):
    resolved = resolve_wall_time(wall, tz, fold)
    post = Post(platform="x", status="draft", scheduled_at=resolved.utc, tz=tz, fold=resolved.fold)
    records = [post_record(post)]
    for written, read in ((tabular.to_csv(records), tabular.read_csv), (tabular.to_json(records), tabular.read_json)):
        (back,) = [tabular.parse_row(row, default_tz="UTC").post for _, row in read(written)]
        assert (back.scheduled_at, back.tz, back.fold) == (post.scheduled_at, post.tz, post.fold)


def test_import_refuses_dates_it_would_have_to_guess():
    from edcal.errors import EdcalError

    text = "platform,date,time,body\nx,01/12/2026,09:30,hi\n"
    (row,) = tabular.read_csv(text)
    with pytest.raises(EdcalError, match="YYYY-MM-DD"):
        tabular.parse_row(row[1], default_tz="UTC")
