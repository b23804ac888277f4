"""edcal demo: a realistic week so a newcomer sees the calendar at work at once."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timedelta

from edcal.cli.common import Subparsers, command
from edcal.domain import clock, wording
from edcal.domain.dates import resolve_wall_time, zone
from edcal.domain.models import Media, Platform, Post, Status, TimeEntry
from edcal.domain.week import Week
from edcal.errors import EdcalError
from edcal.record import replace

PLATFORMS = [
    Platform("linkedin", "LinkedIn", "linkedin", reason="Where our buyers (B2B marketing leads) read",
             audience="Marketing managers", objective="leads", kpi="clicks", weekly_target=3),
    Platform("instagram", "Instagram", "instagram", reason="Behind-the-scenes for the community",
             audience="Existing customers", objective="loyalty", kpi="engagements", weekly_target=2),
    Platform("x", "X", "x", reason="Product news and support replies", audience="Developers",
             objective="awareness", kpi="reach", weekly_target=3),
    Platform("mastodon", "Mastodon", "mastodon", reason="Open-source crowd follows us there",
             audience="Developers", objective="awareness", kpi="engagements", weekly_target=2),
]

LAUNCH = ("Big news: Tidewater 2.0 is out today. Faster sync, offline mode and a brand new "
          "calendar view. Read the story: https://tidewater.example/blog/2-0 #launch")

# (day offset in the week, hh:mm, platform, status, title, body, media, campaign)
POSTS = [
    (0, "09:00", "linkedin", "scheduled", "Launch week kickoff",
     "This week we ship Tidewater 2.0. Every day until Friday we share one thing we learned "
     "building it, starting with why we rewrote sync from scratch.\n\nWhat would you like to hear about?",
     [], "launch-2.0"),
    (0, "12:30", "x", "scheduled", None, "Launch week starts now 🚀 One lesson a day until Friday. #buildinpublic",
     [], "launch-2.0"),
    (1, "08:30", "instagram", "scheduled", "Team photo",
     "The team that built 2.0, on the day we froze the code. #teamwork #startup",
     [Media("photos/team.jpg", "image", "Six people laughing around a whiteboard")], "launch-2.0"),
    (1, "17:00", "mastodon", "draft", None,
     "We rewrote our sync engine. Thread on CRDTs, mistakes and what we'd do again: 🧵", [], "launch-2.0"),
    (2, "09:00", "x", "scheduled", None, LAUNCH, [], "launch-2.0"),
    (2, "09:05", "linkedin", "draft", "Launch", LAUNCH, [], "launch-2.0"),
    (2, "12:00", "instagram", "draft", "Launch carousel",
     "2.0 is here! Link in bio. " + " ".join(f"#{t}" for t in
                                             ("launch", "productivity", "calendar", "startup", "saas", "tech", "design")),
     [], "launch-2.0"),
    (3, "10:00", "x", "draft", None,
     "Thread: the five things that surprised us while building offline mode. It turns out that the hardest part "
     "was not the storage layer but deciding what the app should show when two people changed the same event "
     "on two planes with no network. Here is what we tried first, why it failed, and what we ship today. 1/5", [], None),
    (3, "18:00", "mastodon", "scheduled", None,
     "Office hours tomorrow at 16:00 UTC, bring your sync questions. #tidewater", [], None),
    (4, "11:00", "linkedin", "idea", "Customer story: Marta's agency",
     "Interview Marta about moving 40 people to Tidewater.", [], None),
    (4, "15:00", "instagram", "published", "Friday desk tour",
     "Friday desk tour ☕ Which setup is yours? #deskgoals",
     [Media("photos/desk.jpg", "image", "A desk with two monitors and a plant")], None),
]

IDEAS = [
    ("x", "Poll: which integration should we build next?"),
    ("linkedin", "Write up the pricing change and why"),
    ("instagram", "Reel: 15 seconds of the new calendar view"),
]

# (day, hh:mm, minutes, activity, platform, note)
TIME = [
    (0, "08:30", 25, "writing", "linkedin", "Kickoff post"),
    (0, "14:00", 15, "engagement", "x", "Replies"),
    (1, "08:00", 20, "visuals", "instagram", "Edited the team photo"),
    (2, "16:00", 10, "analytics", None, "Launch numbers"),
]


HISTORY_WEEKS = 8
# Per past week, newest first: how many posts each channel fell short of its target (LinkedIn,
# Instagram, X, Mastodon) and the minutes spent: some weeks short, as real ones are.
HISTORY_SHAPE = [((0, 0, 1, 0), 75), ((1, 0, 0, 0), 20), ((0, 0, 0, 0), 90), ((0, 1, 1, 1), 35),
                 ((0, 0, 0, 0), 60), ((2, 0, 1, 0), 15), ((0, 0, 0, 1), 70), ((1, 1, 0, 0), 45)]
HISTORY_TEXT = {
    "linkedin": "What we learned this week shipping Tidewater, in five lines. Week {n}.",
    "instagram": "Behind the scenes at Tidewater, week {n}. #behindthescenes",
    "x": "Tip {n}: drag an event onto another day and Tidewater keeps its reminders. #productivity",
    "mastodon": "Sync log, week {n}: what broke, what we fixed, what we learned. #opensource",
}


def fill_history(store, first: date, tz: str) -> int:
    """The eight weeks before ``first``: published posts with their results and logged time, a
    few weeks short of a channel's cadence or of the minimum, so the month, the charts and
    `report` show a history on the first run."""
    from edcal.domain.plan import Results

    posts, results = [], {}
    for back, (shortfalls, minutes) in enumerate(HISTORY_SHAPE, start=1):
        start = first - timedelta(weeks=back)
        for platform, short in zip(PLATFORMS, shortfalls, strict=True):
            for n in range((platform.weekly_target or 0) - short):
                naive = datetime.combine(start + timedelta(days=2 * n), time(9 + n, 30))
                wall = resolve_wall_time(naive, tz)
                media = (Media("photos/week.jpg", "image", "The team at work"),) if platform.key == "instagram" else ()
                uid = f"demo-{back}-{platform.key}-{n}"
                posts.append(Post(uid=uid, platform=platform.key, status=Status.PUBLISHED, media=media,
                                  body=HISTORY_TEXT[platform.key].format(n=HISTORY_WEEKS + 1 - back),
                                  scheduled_at=wall.utc, tz=tz, fold=wall.fold))
                reach = 300 + 97 * back * (n + 1) % 900
                results[uid] = Results(0, reach=reach, engagements=reach // 25, clicks=reach // 60)
        for n, platform in enumerate(PLATFORMS):  # the week's time, shared out between the channels
            share = minutes // len(PLATFORMS) + (minutes % len(PLATFORMS) if n == 0 else 0)
            day = datetime.combine(start + timedelta(days=1), time(8 + n, 0))
            store.add_time(TimeEntry(start=resolve_wall_time(day, tz).utc, minutes=share, activity="writing",
                                     platform=platform.key, note="The week's posts"))
    added, _ = store.import_posts(posts, results=results)  # one transaction: the history is written in bulk
    return added


def fill_demo(store, today: date) -> int:
    """Add the sample platforms, posts and time to ``store``; returns the number of posts."""
    settings = store.settings()
    tz = settings.timezone
    zone(tz)
    for order, shown in enumerate(PLATFORMS):
        store.save_platform(replace(shown, sort_order=order))
    first = Week.of(today, settings.week_start).start
    added = 0
    for day, hhmm, platform, status, title, body, media, campaign in POSTS:
        naive = datetime.combine(first + timedelta(days=day), time.fromisoformat(hhmm))
        wall = resolve_wall_time(naive, tz)
        store.add_post(Post(platform=platform, status=Status(status), title=title, body=body, media=tuple(media),
                            campaign=campaign, scheduled_at=wall.utc, tz=tz, fold=wall.fold))
        added += 1
    for platform, title in IDEAS:
        store.add_post(Post(platform=platform, status=Status.IDEA, title=title))
        added += 1
    for day, hhmm, minutes, activity, on, note in TIME:
        naive = datetime.combine(first + timedelta(days=day), time.fromisoformat(hhmm))
        store.add_time(TimeEntry(start=resolve_wall_time(naive, tz).utc, minutes=minutes,
                                 activity=activity, platform=on, note=note))
    added += fill_history(store, first, tz)
    from edcal.services.posts import keep_all

    keep_all(store)  # written in bulk: their checks are kept now, so that `edcal list` needs no rules engine
    return added


def cmd_demo(args: argparse.Namespace) -> int:
    """The sample week: in a database of its own (made anew each time) unless one is named; a
    named database that holds posts gets it only when the person says so."""
    from edcal.config import demo_db_path, load_config
    from edcal.services.database import describe, named_url, open_store

    named = named_url(getattr(args, "db", None), load_config())
    if named is None:
        path = demo_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):  # the demo's own file: the sample of an earlier day goes
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        target = str(path)
    else:
        target = named
    store = open_store(target)
    existing = store.count_posts()
    if existing and not args.yes:
        question = (f"{describe(store.url)} already holds {wording.count(existing, 'post')}; add the sample week to "
                    "them? [y/N] ")
        if not (sys.stdin is not None and sys.stdin.isatty() and input(question).strip().lower() in ("y", "yes")):
            raise EdcalError(f"{describe(store.url)} already holds {wording.count(existing, 'post')}, so the sample "
                             "week was not added; run edcal demo without --db for a demo database of its own, "
                             "or give --yes to add it to these posts")
    added = fill_demo(store, clock.today(store.settings().timezone))
    where = describe(store.url)
    store.close()
    if named is None:
        print(f"added {wording.count(added, 'sample post')} and some logged time to a demo database of its own, "
              f"{where} (your calendar is untouched); open it with: edcal --db {target}")
    else:
        print(f"added {wording.count(added, 'sample post')} and some logged time to {where}")
    if args.open:
        if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):
            print(f"not opened: the calendar needs a terminal; open it with: edcal --db {target}", file=sys.stderr)
            return 0
        from edcal.cli.tui import run_tui

        return run_tui(argparse.Namespace(db=target))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from edcal.config import config_path

    print(config_path())
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "demo", "a sample week to explore, in a demo database of its own unless --db names one")
    p.add_argument("--yes", "--force", dest="yes", action="store_true",
                   help="add the sample to a named database that already holds posts, without asking")
    p.add_argument("--open", action="store_true", help="then open the calendar on it")
    p.set_defaults(run=cmd_demo)

    p = command(sub, "config", "where the config file is")
    p.add_argument("action", choices=["path"])
    p.set_defaults(run=cmd_config, light=True)
