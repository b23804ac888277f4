"""edcal log / timer / report / time / settings: time spent against the weekly minimum."""

from __future__ import annotations

import argparse
import math
import sys
from datetime import datetime, timedelta

from edcal.cli.common import (
    Subparsers,
    action,
    actions,
    channel_option,
    command,
    one_channel,
    open_from_args,
    print_json,
    read_from_args,
    record_id,
    today,
    warn,
    week_arg,
    week_option,
    when,
    whole,
)
from edcal.domain import clock, wording
from edcal.domain.dates import (
    WEEKDAYS,
    format_minutes,
    format_wall,
    parse_duration,
    parse_when,
    resolve_wall_time,
    zone,
)
from edcal.domain.models import RunningTimer, TimeEntry
from edcal.domain.timelog import activity_key, elapsed_minutes, report, report_csv, report_text
from edcal.domain.week import Week
from edcal.errors import NotFoundError, UsageError
from edcal.services import timelog

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from edcal.domain.plan import WeekCadence


def _read_start(text: str, tz: str) -> datetime:
    """A typed start time of work done, read in the settings' zone ('mon 9:00': the last Monday)."""
    return resolve_wall_time(parse_when(text, clock.wall_now(tz), past=True), tz).utc


def _start(args, tz: str, minutes: int) -> datetime:
    """--at read as the start in the settings' zone; by default the entry ends now."""
    if args.at:
        return _read_start(args.at, tz)
    return clock.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes)


def _platform(store, args: argparse.Namespace) -> str | None:
    return one_channel(store, args.platform, args.channel)


def cmd_log(args: argparse.Namespace) -> int:
    minutes = parse_duration(args.duration)
    activity = activity_key(args.activity)
    store = open_from_args(args)
    tz = store.settings().timezone
    logged = timelog.save(store, TimeEntry(start=_start(args, tz, minutes), minutes=minutes, activity=activity,
                                           platform=_platform(store, args), post_id=args.post,
                                           note=args.note))
    print(f"logged {format_minutes(minutes)} of {activity} (entry {logged.entry.id})")
    _warn(logged.warnings)
    return 0


def _warn(warnings: tuple[str, ...]) -> None:
    for note in warnings:
        warn(f"warning: {note}")


def _logged(entry) -> str:
    if not entry.id:
        return f"it ran under half a minute, so nothing was logged for {entry.activity}"
    return f"logged {format_minutes(entry.minutes)} of {entry.activity}"


def cmd_timer(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    if args.action == "start":
        timer = RunningTimer(started=clock.now(), activity=activity_key(args.activity),
                             platform=_platform(store, args), post_id=args.post, note=args.note)
        stopped = timelog.start_timer(store, timer)
        if stopped:
            print(f"stopped the running timer: {_logged(stopped)}")
        print(f"timer started: {timer.activity}" + (f" on {timer.platform}" if timer.platform else ""))
        return 0
    if args.action == "stop":
        try:
            entry = timelog.stop_timer(store)
        except NotFoundError as exc:
            raise NotFoundError(f"{exc}; start one with: edcal timer start") from None
        print(_logged(entry) + (f" (entry {entry.id})" if entry.id else ""))
        return 0
    timer = store.running_timer()
    if timer is None:
        print("no timer is running")
        return 0
    local = timer.started.astimezone(zone(store.settings().timezone))
    print(f"{timer.activity} running for {format_minutes(elapsed_minutes(timer.started, clock.now()))}, "
          f"since {local:%a %H:%M}" + (f" on {timer.platform}" if timer.platform else ""))
    return 0


def _weeks(args, settings) -> list[Week]:
    if args.week and args.weeks:
        raise UsageError("give --week or --weeks, not both")
    if args.week:
        return [week_arg(args.week, settings)]
    count = args.weeks or 4
    if not 1 <= count <= 520:
        raise UsageError("--weeks must be between 1 and 520")
    return Week.ending_with(today(settings), count, settings.week_start)


def cmd_report(args: argparse.Namespace) -> int:
    if args.plan and args.cadence:
        raise UsageError("give --plan or --cadence, not both")
    if args.cadence:
        if args.csv or args.by != "activity":
            raise UsageError("--cadence takes --week or --weeks, and --json")
        return _cadence_report(args)
    if args.plan:
        if args.csv or args.by != "activity" or args.week:
            raise UsageError("--plan takes --weeks and --json only")
        from edcal.cli.plan import cmd_plan_report

        return cmd_plan_report(args)
    store = read_from_args(args)
    settings = store.settings()
    found = timelog.weeks_of_time(store, _weeks(args, settings), by=args.by)
    data = report(found.totals, current=week_arg(None, settings), hourly_rate=settings.hourly_rate, by=args.by,
                  currency=settings.currency)
    if args.json:
        print_json(data)
    elif args.csv:
        print(report_csv(data), end="")
    else:
        _print_report(report_text(data, bars=sys.stdout.isatty()))
    return 0


def _print_report(lines: list[str]) -> None:
    """The report's lines, its bars green where the week met the minimum and yellow where not;
    without colour under NO_COLOR (https://no-color.org) or off a terminal."""
    import os
    import re

    colour = getattr(sys.stdout, "write_colour", None)
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty() or colour is None:
        print("\n".join(lines))
        return
    for line in lines:
        bar = re.search(r"[█│·]{8,}$", line)
        if bar is None:
            print(line)
            continue
        print(line[: bar.start()], end="")
        colour("\x1b[32m" if "✔" in line else "\x1b[33m")
        print(bar.group(), end="")
        colour("\x1b[0m")
        print()


def _cadence_time(week: WeekCadence) -> str:
    """The time column: as the month view and `report` say it."""
    spent = f"{format_minutes(week.minutes)} of {format_minutes(week.minimum)}"
    return {"met": f"{spent} ✔", "before": "— before the first activity",
            "open": f"{spent}, {format_minutes(week.missing)} to go"}.get(week.time, f"{spent} short")


def _cadence_report(args: argparse.Namespace) -> int:
    """Per channel and per week: the cadence held, short by N, or no target; and the time."""
    from edcal.services import plan
    from edcal.services.channels import labels

    store = read_from_args(args)
    settings = store.settings()
    weeks = plan.cadence_history(store, _weeks(args, settings))
    names = labels(store)  # "X · Marta" for a second account
    if args.json:
        print_json([{"week": w.week.start.isoformat(), "label": w.week.label, "minutes": w.minutes,
                     "minimum": w.minimum, "time_met": w.time_met, "time": w.time, "channels": [
                         {"key": p.key, "channel": names.get(p.key, p.name), "out": c.out, "drafts": c.drafts,
                          "target": c.target or None, "state": c.state, "short_by": c.short_by}
                         for p, c in w.channels]} for w in weeks])
        return 0
    channels = [p for p, _ in weeks[0].channels] if weeks else []
    if not channels:
        print("No channel is on: `edcal channels list` shows them, `edcal plan set KEY --enable` turns one on.")
        return 0
    rows = [[w.week.label, *(_cadence_cell(c) for _, c in w.channels),
             _cadence_time(w)]
            for w in weeks]
    header = ["Week", *(names.get(p.key, p.name) for p in channels), "Time"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print("Cadence: posts scheduled or published against each channel's weekly target, and the time.")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _cadence_cell(c) -> str:
    """'3/3 held', '1/3 short by 2', '2 no target'."""
    return f"{c.out} no target" if not c.target else f"{c.out}/{c.target} {c.verdict}"


def cmd_time(args: argparse.Namespace) -> int:
    store = read_from_args(args) if args.action == "list" else open_from_args(args)
    settings = store.settings()
    tz = settings.timezone
    if args.action == "list":
        start, end = week_arg(args.week, settings).bounds(tz)
        entries = store.time_between(start, end)
        if args.json:
            print_json([{"id": e.id, "start": e.start.isoformat(), "minutes": e.minutes,
                               "activity": e.activity, "platform": e.platform, "post_id": e.post_id,
                               "note": e.note} for e in entries])
            return 0
        total = sum(e.minutes for e in entries)
        print(f"{wording.count(len(entries), 'entry', 'entries')}, {format_minutes(total)} "
              f"of {format_minutes(settings.weekly_minimum)} minimum")
        for e in entries:
            local = e.start.astimezone(zone(tz))
            print(f"{e.id:>5}  {format_wall(local, weekday=True)}  {format_minutes(e.minutes):>6}  {e.activity:<11} "
                  f"{e.platform or '':<10} {e.note or ''}")
        return 0
    if args.action == "delete":
        gone = timelog.delete(store, args.id)
        print(f"deleted time entry {gone.id} ({format_minutes(gone.minutes)} of {gone.activity})")
        return 0
    entry = store.get_time(args.id)
    minutes = parse_duration(args.duration) if args.duration else entry.minutes
    changes = dict(minutes=minutes)
    if args.at:
        changes["start"] = _read_start(args.at, tz)
    if args.activity:
        changes["activity"] = activity_key(args.activity)
    if args.platform is not None or args.channel is not None:
        changes["platform"] = _platform(store, args) if args.platform or args.channel else None
    if args.post is not None:
        changes["post_id"] = args.post or None
    if args.note is not None:
        changes["note"] = args.note or None
    from edcal.record import replace

    logged = timelog.save(store, replace(entry, **changes))
    print(f"time entry {logged.entry.id}: {format_minutes(logged.entry.minutes)} of {logged.entry.activity}")
    _warn(logged.warnings)
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    current = store.settings()
    changes: dict[str, object] = {}
    if args.weekly_minimum:
        changes["weekly_minimum"] = parse_duration(args.weekly_minimum)
    if args.week_start:
        day = args.week_start.lower()
        matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(day[:3])]
        if len(day) < 3 or not matches:
            raise UsageError(f"--week-start must be a weekday such as monday or sunday, not '{args.week_start}'")
        changes["week_start"] = matches[0]
    if args.timezone:
        zone(args.timezone)
        changes["timezone"] = args.timezone
    if args.hourly_rate is not None:
        if not math.isfinite(args.hourly_rate) or args.hourly_rate < 0:
            raise UsageError(f"--hourly-rate must be a number of 0 or more, not '{args.hourly_rate}'")
        changes["hourly_rate"] = args.hourly_rate or None
    if args.currency is not None:
        code = args.currency.strip().upper()
        if code and not (len(code) == 3 and code.isascii() and code.isalpha()):
            raise UsageError(f"--currency must be a three-letter code such as EUR or USD, not {args.currency!r}")
        changes["currency"] = code or None
    if args.organizer is not None:
        from edcal.domain.address import is_address

        if args.organizer and not (is_address(args.organizer) and args.organizer.isascii()):
            raise UsageError(f"--organizer must be one e-mail address such as plan@example.com, not {args.organizer!r}")
        changes["organizer"] = args.organizer or None
    if changes:
        from edcal.record import replace
        from edcal.services import settings

        current = settings.save(store, replace(current, **changes))
    print(f"weekly minimum: {format_minutes(current.weekly_minimum)}\n"
          f"week starts on: {WEEKDAYS[current.week_start]}\n"
          f"time zone:      {current.timezone}\n"
          f"hourly rate:    {current.hourly_rate if current.hourly_rate is not None else '-'}"
          f"{' ' + current.currency if current.currency and current.hourly_rate is not None else ''}\n"
          f"currency:       {current.currency or '-'}\n"
          f"organizer:      {current.organizer or '-'}")
    return 0


def _time_refs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--platform", metavar="KEY")
    channel_option(p)
    p.add_argument("--post", type=record_id, metavar="ID")
    p.add_argument("--note", metavar="N")


def register(sub: Subparsers) -> None:
    p = command(sub, "log", "log time spent on social media work")
    p.add_argument("duration", metavar="DURATION", help="25m, 1h30, 1h30m, 1:30 or 90 (minutes)")
    p.add_argument("--activity", default="other", metavar="A",
                   help="ideas, writing, visuals, publishing, analytics, engagement, ads, trends or other")
    p.add_argument("--at", metavar="WHEN", type=when, help="when the work started (default: it ended now)")
    _time_refs(p)
    p.set_defaults(run=cmd_log)

    p = command(sub, "timer", "one running timer: start (stops any other), stop, status")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.add_argument("--activity", default="other", metavar="A")
    _time_refs(p)
    p.set_defaults(run=cmd_timer)

    p = command(sub, "report", "time per week against the weekly minimum (--plan: results per platform)")
    p.add_argument("--plan", action="store_true", help="per platform: posts, time, results, flags")
    p.add_argument("--cadence", action="store_true",
                   help="per channel and week: the weekly target held, short by N, or no target; and the time")
    week_option(p, "the last 4 weeks")
    p.add_argument("--weeks", type=whole(1, 520), metavar="N", help="the last N weeks (default 4)")
    p.add_argument("--by", choices=["activity", "platform"], default="activity")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.set_defaults(run=cmd_report)

    p = command(sub, "time", "list, correct or delete time entries")
    entries = actions(p)
    t = action(entries, "list", "the entries of a week")
    week_option(t)
    t.add_argument("--json", action="store_true")
    t = action(entries, "edit", "change an entry", takes_id=True)
    t.add_argument("--duration", metavar="D")
    t.add_argument("--activity", metavar="A")
    t.add_argument("--at", metavar="WHEN", type=when)
    _time_refs(t)
    t = action(entries, "delete", "delete an entry", takes_id=True)
    p.set_defaults(run=cmd_time)

    p = command(sub, "settings", "show or change the shared settings")
    p.add_argument("--weekly-minimum", metavar="D", help="e.g. 1h, 45m")
    p.add_argument("--week-start", metavar="DAY", help="monday or sunday (any weekday)")
    p.add_argument("--timezone", metavar="ZONE")
    p.add_argument("--hourly-rate", type=float, metavar="N", help="0 removes it")
    p.add_argument("--currency", metavar="CODE", help="the rate's currency, e.g. EUR; '' removes it")
    p.add_argument("--organizer", metavar="EMAIL", help="calendar organiser for exports")
    p.set_defaults(run=cmd_settings)
