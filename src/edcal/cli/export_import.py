"""edcal export / import / serve."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from edcal.cli.common import (
    PlatformsThenOut,
    Subparsers,
    channel_keys,
    channel_option,
    command,
    filter_options,
    open_from_args,
    post_filter,
    read_from_args,
    read_text,
    today,
    warn,
    whole,
)
from edcal.config import user_path
from edcal.domain import wording
from edcal.domain.dates import day_bounds, parse_date
from edcal.errors import EdcalError, UsageError


def _period(args, store) -> tuple[datetime | None, datetime | None]:
    settings = store.settings()
    tz, now = settings.timezone, today(settings)
    start = day_bounds(parse_date(args.start, now), 1, tz)[0] if args.start else None
    end = day_bounds(parse_date(args.end, now), 1, tz)[1] if args.end else None
    if start and end and end <= start:
        raise UsageError("--to is before --from")
    return start, end


def _write(out: str, data: bytes) -> None:
    from edcal.services.exports import write_file

    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_file(user_path(out), data)
    except OSError as exc:
        raise EdcalError(f"cannot write {out}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL in the name
        raise UsageError(f"cannot write {out!r}: a file name cannot hold a NUL character") from None


def cmd_export(args: argparse.Namespace) -> int:
    from edcal.services import exports

    store = read_from_args(args)
    start, end = _period(args, store)
    chosen = post_filter(args)
    if args.format in ("csv", "json"):
        keys = set(channel_keys(store, args.platform, args.channel) or ())
        posts = [p for p in store.all_posts()
                 if (start is None or (p.scheduled_at and p.scheduled_at >= start))
                 and (end is None or (p.scheduled_at and p.scheduled_at < end))
                 and (not keys or p.platform in keys) and chosen.matches(p)]
        from edcal.services.records import posts_file

        text = posts_file(store, posts, args.format)
        _write(args.out or "-", text.encode("utf-8"))
        if args.out and args.out != "-":
            print(f"wrote {wording.count(len(posts), 'post')} to {args.out}", file=sys.stderr)
        return 0
    if args.alarm is not None and not 0 <= args.alarm <= 10080:
        raise UsageError("--alarm must be between 0 and 10080 minutes (a week)")
    plan = exports.plan(store, start=start, end=end, platforms=args.platform, channels=args.channel,
                        statuses=args.status,
                        slots=not args.no_slots and not chosen, chosen=chosen)
    if chosen and not plan.items:
        warn(f"no post matches {chosen.describe()}; the calendar is empty")
    if args.split_by_platform:
        folder = user_path(args.split_by_platform)
        calendars = exports.by_platform(plan, alarm=args.alarm)
        for key, data in calendars.items():
            _write(str(folder / f"edcal-{key}.ics"), data)
        print(f"wrote {wording.count(len(calendars), 'calendar')} ({wording.count(len(plan.items), 'post')}) to {folder}",
              file=sys.stderr)
        return 0
    data = exports.calendar(plan, alarm=args.alarm)
    if args.mail_to:
        return _mail(args, store, data, plan.items)
    _write(args.out or "-", data)
    if args.out and args.out != "-":
        print(f"wrote {wording.count(len(plan.items), 'post')} to {args.out}", file=sys.stderr)
    return 0


def _mail(args, store, data: bytes, items) -> int:
    from edcal.services.exports import mail

    mail(store, data, items, to=args.mail_to, sender=args.mail_from, server=args.smtp)
    print(f"sent {wording.count(len(items), 'post')} to {args.mail_to}", file=sys.stderr)
    return 0


_BAD_ROWS_SHOWN = 20


def _more_bad_rows(count: int) -> None:
    if count > _BAD_ROWS_SHOWN:
        warn(f"... and {count - _BAD_ROWS_SHOWN} more bad rows")


def cmd_backup(args: argparse.Namespace) -> int:
    from edcal.services.backup import backup

    data = backup(open_from_args(args))
    _write(args.file, data)
    if args.file != "-":
        print(f"wrote a backup of everything to {args.file}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from edcal.services.backup import restore

    text = read_text(args.file)
    written = restore(open_from_args(args), text, replace=args.replace)
    names = {"media": ("media item", "media items"), "time_entry": ("time entry", "time entries"),
             "series": ("series", "series"), "slot_change": ("changed slot", "changed slots"),
             "running_timer": ("running timer", "running timers")}
    counts = ", ".join(f"{n} {names.get(table, (table, table + 's'))[n != 1]}" for table, n in written.items() if n)
    print(f"restored {counts or 'an empty database'}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from edcal.services.imports import ImportRefused, import_posts

    shown: list[str] = []

    def bad_row(message: str) -> None:  # the first few, then how many more
        shown.append(message)
        if len(shown) <= _BAD_ROWS_SHOWN:
            warn(message)

    try:
        text = read_text(args.file)
        done = import_posts(open_from_args(args), text, args.format, skip_bad=args.skip_bad, warn=bad_row)
    except ImportRefused as exc:
        _more_bad_rows(len(shown))
        raise EdcalError(f"{exc} (fix them, or use --skip-bad to import the good rows)") from None
    except KeyboardInterrupt:  # the one transaction never committed
        print("edcal: interrupted; nothing was imported.", file=sys.stderr)
        return 130
    _more_bad_rows(len(shown))
    skipped = f"; skipped {wording.count(len(done.bad), 'bad row')}" if done.bad else ""
    total = done.added + done.updated + done.unchanged
    print(f"read {wording.count(total, 'post')}: {done.added} new, {done.updated} updated, {done.unchanged} unchanged"
          + skipped)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from edcal.services.exports import feed_server

    if not 0 <= args.port < 65536:
        raise UsageError("--port must be between 0 and 65535")
    store = open_from_args(args)
    token = store.feed_token(rotate=args.rotate_token)

    try:
        server = feed_server(store, args.host, args.port, token)
    except OSError as exc:
        raise EdcalError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    host, port = str(server.server_address[0]), server.server_address[1]
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL is bracketed
    print(f"serving the calendar at http://{shown}:{port}/{token}/edcal.ics (ctrl+c stops)", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        warn(f"listening on {args.host}: anyone who can reach it and knows the token can read the plan")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def register(sub: Subparsers) -> None:
    from edcal.domain.models import Status

    p = command(sub, "backup", "write everything (posts, time, series, results, plan, settings) to one JSON file")
    p.add_argument("file", metavar="FILE|-")
    p.set_defaults(run=cmd_backup)
    p = command(sub, "restore", "restore a backup into a new database (or --replace everything in this one)")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--replace", action="store_true", help="replace everything in a database that is not empty")
    p.set_defaults(run=cmd_restore)

    p = command(sub, "export", "export the plan: ics for calendar clients, csv or json for spreadsheets and scripts")
    p.add_argument("format", choices=["ics", "csv", "json"])
    p.add_argument("out", nargs="?", metavar="OUT|-", help="file to write (default: standard output)")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day included")
    p.add_argument("--platform", nargs="+", metavar="KEY", action=PlatformsThenOut)
    channel_option(p, many=True)
    p.add_argument("--status", nargs="+", choices=[s.value for s in Status],
                   help="statuses to include (default: scheduled and published)")
    p.add_argument("--alarm", type=whole(0, 40320), metavar="MINUTES", help="a reminder this long before each post")
    p.add_argument("--split-by-platform", metavar="DIR", help="one .ics file per platform in DIR")
    p.add_argument("--mail-to", metavar="ADDRESS", help="mail the calendar instead of writing it")
    p.add_argument("--smtp", metavar="HOST:PORT")
    p.add_argument("--mail-from", metavar="ADDRESS")
    p.add_argument("--no-slots", action="store_true", help="leave the open slots of series out")
    filter_options(p, status=False)
    p.set_defaults(run=cmd_export)

    p = command(sub, "import", "load posts from CSV or JSON (all rows checked first)")
    p.add_argument("format", choices=["csv", "json"])
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")
    p.set_defaults(run=cmd_import)

    p = command(sub, "serve", "serve the calendar as a subscription feed")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--rotate-token", action="store_true",
                   help="make a new secret for the feed's URL (the old URL stops working)")
    p.set_defaults(run=cmd_serve)
