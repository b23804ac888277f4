"""edcal demo: a realistic week so a newcomer sees the calendar at work at once."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from edcal.cli.common import Subparsers, command, open_from_args
from edcal.domain import clock, words
from edcal.domain.dates import resolve_wall_time, zone
from edcal.domain.models import Media, Platform, Post, Status, TimeEntry
from edcal.domain.week import Week
from edcal.errors import EdcalError

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
    (2, "09:05", "linkedin", "draft", "Launch (same text as X)", LAUNCH, [], "launch-2.0"),
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
    return added


def cmd_demo(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    existing = store.count_posts()
    if existing and not args.force:
        raise EdcalError(f"this database already holds {words.count(existing, 'post')}; use --db to fill a new one, "
                         "or --force to add the sample anyway")
    added = fill_demo(store, clock.today(store.settings().timezone))
    from edcal.store.errors import describe

    print(f"added {words.count(added, 'sample post')} and some logged time to {describe(store.url)}; run: edcal"
          + (f" --db {args.db}" if getattr(args, "db", None) else ""))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from edcal.config import config_path

    print(config_path())
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "demo", "fill a database with a sample week to explore")
    p.add_argument("--force", action="store_true", help="add the sample even if the database has posts")
    p.set_defaults(run=cmd_demo)

    p = command(sub, "config", "where the config file is")
    p.add_argument("action", choices=["path"])
    p.set_defaults(run=cmd_config, light=True)
