"""edcal series ... and edcal next: recurring slots."""

from __future__ import annotations

import argparse
from datetime import datetime, time, timedelta

from edcal.cli.common import (
    Subparsers,
    action,
    actions,
    channel_keys,
    channel_option,
    command,
    one_channel,
    open_from_args,
    platform_key,
    print_json,
    read_from_args,
    today,
)
from edcal.domain import clock
from edcal.domain.dates import DateError, format_wall, parse_date, parse_when, resolve_wall_time
from edcal.domain.recurrence import Series, Slot
from edcal.errors import UsageError
from edcal.services import series as series_service


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip().zfill(5))
    except ValueError:
        raise DateError(f"--time must be HH:MM such as 09:00, not '{text}'") from None


def _describe(store, series: Series, count: int = 3) -> dict:
    now = clock.now()
    slots = [s for s in store.open_slots(now, now + timedelta(days=400), [series.platform]) if s.series_id == series.id]
    return {"id": series.id, "platform": series.platform, "rule": series.rule, "time": f"{series.at:%H:%M}",
            "tz": series.tz, "start": series.start.isoformat(), "until": series.until.isoformat() if series.until else None,
            "title": series.title, "template": series.template,
            "next": [format_wall(s.local().replace(tzinfo=None)) for s in slots[:count]]}


def cmd_series(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    now = today(store.settings())
    action = args.action
    if action == "add":
        tz = args.tz or store.settings().timezone
        key = one_channel(store, args.platform, args.channel)
        if key is None:
            raise UsageError("give --platform KEY (or --channel NAME): where the slots are")
        series = series_service.add(store, Series(
            platform=key, rule=args.rule, at=_time(args.time), tz=tz,
            start=parse_date(args.start, now) if args.start else now,
            until=parse_date(args.until, now) if args.until else None, title=args.title, template=args.template))
        print(series.id)
        return 0
    if action == "list":
        rows = [_describe(store, s) for s in store.series() if not s.until or s.until >= now]
        if args.json:
            print_json(rows)
            return 0
        for r in rows:
            print(f"{r['id']:>4}  {r['platform']:<10} {r['rule']:<32} {r['time']} {r['tz']:<16} "
                  f"{r['title'] or ''}\n      next: {', '.join(r['next']) or 'none'}")
        if not rows:
            print("no series yet; add one with: edcal series add --platform KEY --rule FREQ=WEEKLY;BYDAY=TU --time 09:00")
        return 0
    if action == "delete":
        series_service.delete(store, args.id)
        print(f"deleted series {args.id}")
        return 0
    if action == "edit":
        changes = {}
        for name in ("rule", "title", "template", "tz"):
            value = getattr(args, name)
            if value is not None:
                changes[name] = value
        if args.platform or args.channel:
            changes["platform"] = one_channel(store, args.platform, args.channel)
        if args.time:
            changes["at"] = _time(args.time)
        if not changes:
            raise UsageError("nothing to change; give --rule, --time, --tz, --title or --template")
        series = series_service.edit(store, args.id, now, **changes)
        note = "" if series.id == args.id else f" (slots before today stay with series {args.id})"
        print(f"series {series.id}{note}")
        return 0
    day = parse_date(args.date, now)
    if action == "skip":
        series_service.skip(store, args.id, day)
        print(f"skipped the {day:%a %d %b %Y} slot of series {args.id}")
        return 0
    series = store.get_series(args.id)  # move
    naive = parse_when(args.to, datetime.combine(day, time()), need_time=False, default_time=series.at)
    wall = resolve_wall_time(naive, series.tz)
    series_service.move(store, args.id, day, wall)
    print(f"moved the {day:%a %d %b} slot of series {args.id} to {wall.local:%a %d %b %Y %H:%M}")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    store = read_from_args(args)
    now = clock.now()
    slots = store.open_slots(now, now + timedelta(days=400), channel_keys(store, args.platform, args.channel))
    first: dict[str, Slot] = {}
    for slot in slots:
        first.setdefault(slot.platform, slot)
    if args.json:
        print_json([{"platform": s.platform, "series_id": s.series_id, "at": s.local().isoformat(),
                           "title": s.title} for s in first.values()])
        return 0
    if not first:
        print("no open slot ahead")
    for slot in first.values():
        print(f"{slot.platform:<12} {format_wall(slot.local(), weekday=True)} {slot.tz}  series {slot.series_id}"
              + (f"  {slot.title}" if slot.title else ""))
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "series", "recurring slots: add, list, edit, delete, skip or move one")
    series = actions(p)
    t = action(series, "add", "a slot that repeats")
    t.add_argument("--platform", metavar="KEY", type=platform_key, help="the platform (or --channel)")
    channel_option(t)
    t.add_argument("--rule", required=True, metavar="RRULE", help="RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU,TH")
    t.add_argument("--time", required=True, metavar="HH:MM")
    t.add_argument("--tz", metavar="ZONE")
    t.add_argument("--start", metavar="DATE", help="first day (default: today)")
    t.add_argument("--until", metavar="DATE", help="last day")
    t.add_argument("--title", metavar="T")
    t.add_argument("--template", metavar="TEXT", help="text a post filling the slot starts from")
    t = action(series, "list", "the series and their next slots")
    t.add_argument("--json", action="store_true")
    t = action(series, "edit", "change a series from today on", takes_id=True)
    t.add_argument("--platform", metavar="KEY", type=platform_key)
    channel_option(t)
    t.add_argument("--rule", metavar="RRULE")
    t.add_argument("--time", metavar="HH:MM")
    t.add_argument("--tz", metavar="ZONE")
    t.add_argument("--title", metavar="T")
    t.add_argument("--template", metavar="TEXT")
    t = action(series, "delete", "delete a series (posts made from it stay)", takes_id=True)
    t = action(series, "skip", "skip one slot", takes_id=True)
    t.add_argument("date", metavar="DATE")
    t = action(series, "move", "move one slot", takes_id=True)
    t.add_argument("date", metavar="DATE", help="the slot's date")
    t.add_argument("--to", required=True, metavar="WHEN", help="new day and/or time, e.g. 'wed' or '2026-12-02 11:00'")
    p.set_defaults(run=cmd_series)

    p = command(sub, "next", "the next open slot per platform")
    p.add_argument("--platform", metavar="KEY", type=platform_key, action="append")
    channel_option(p, many=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_next)
