"""edcal add / edit / list / show / delete."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, timedelta

from edcal.cli.common import (
    Subparsers,
    channel_keys,
    channel_option,
    command,
    filter_options,
    one_channel,
    open_from_args,
    platform_key,
    post_filter,
    print_json,
    read_body,
    read_from_args,
    record_id,
    today,
    warn,
    week_arg,
    week_option,
    when,
)
from edcal.domain import clock, wording
from edcal.domain.dates import day_bounds, format_wall, parse_date, resolve_wall_time, typed_instant, zone
from edcal.domain.models import Media, Post
from edcal.domain.thread_text import join_parts
from edcal.errors import EdcalError, PastError, UsageError

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from edcal.services.posts import Saved


def _media(args: argparse.Namespace) -> tuple[Media, ...] | None:
    if args.media is None:
        return None
    alts = args.alt or []
    if len(alts) > len(args.media):
        raise UsageError("more --alt texts than --media items")
    return tuple(Media.at(m, alts[i] if i < len(alts) else None) for i, m in enumerate(args.media))


def _changes(args: argparse.Namespace, store, current: Post | None) -> dict:
    """The fields the options set, with --at read in the post's zone. Every option is read, and
    what is wrong with them is said together, the platform first."""
    changes: dict = {}
    problems: list[EdcalError] = []

    def check(step: Callable[[], object]) -> None:
        try:
            step()
        except EdcalError as exc:
            problems.append(exc)

    def platform() -> None:
        if args.platform or args.channel or current is None:
            changes["platform"] = one_channel(store, args.platform, args.channel)
            if changes["platform"] is None:
                raise UsageError("give --platform KEY (or --channel NAME): where the post goes")

    def when() -> None:
        if args.tz:
            zone(args.tz)
        tz = args.tz or (current.tz if current and current.tz else store.settings().timezone)
        if args.at:
            wall = typed_instant(args.at, tz, clock.now(), fold=1 if args.later_fold else 0)
            if wall.note:
                warn(wall.note)
            changes.update(scheduled_at=wall.utc, tz=tz, fold=wall.fold)
        elif args.tz and current and (local := current.local_time()) is not None:
            # Same wall time, new zone.
            wall = resolve_wall_time(local.replace(tzinfo=None), tz, current.fold)
            changes.update(scheduled_at=wall.utc, tz=tz, fold=wall.fold)
        if getattr(args, "unschedule", False):
            changes.update(scheduled_at=None, tz=None, fold=0)

    def text() -> None:
        body = args.body if args.body is not None else read_body(args.body_file) if args.body_file is not None else None
        if args.split and body is None:
            if current is None:
                raise UsageError("--split needs the text: give --body or --body-file")
            body = join_parts(current.parts)  # the post's own text, cut again
        if args.thread and body is None:
            raise UsageError("--thread needs the text: give --body or --body-file, parts separated by a line ---")
        if body is not None and (args.split or args.thread):
            from edcal.services import posts

            key = changes.get("platform") or one_channel(store, args.platform, args.channel) or (
                current.platform if current else "")
            parts = posts.thread_of(store, key, body, cut=args.split, numbering=args.numbering)
            changes.update(body=parts[0], thread=parts[1:])
        elif body is not None:
            changes["body"] = body  # the first part only: a thread's later parts stay

    def media() -> None:
        found = _media(args)
        if found is not None:
            changes["media"] = found

    check(platform)
    check(when)
    if not (problems and (args.split or args.thread)):  # cutting a thread needs its platform
        check(text)
    for name in ("title", "link", "status", "campaign", "notes"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value or None
    check(media)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        kind = UsageError if any(isinstance(p, UsageError) for p in problems) else EdcalError
        said = " ".join(f"{n}) {str(p).strip().rstrip('.')}." for n, p in enumerate(problems, 1))
        raise kind(f"{len(problems)} problems: {said}")
    return changes


def _save(args: argparse.Namespace, store, post: Post) -> None:
    from edcal.services import posts  # the rules engine: loaded by the commands that use it

    try:
        saved = posts.save(store, post, past=args.past)
    except PastError as exc:
        raise UsageError(f"{exc.when} is {exc.ago}; give --past to schedule it anyway, "
                         "or --status published if it already went out") from None
    _print_saved(args, store, saved)


def _records(store, posts: list[Post]) -> list[dict]:
    """The posts as JSON records (services.records)."""
    from edcal.services.records import records

    return records(store, posts)


def _print_saved(args: argparse.Namespace, store, saved: Saved) -> None:
    for note in saved.warnings:
        warn(f"warning: {note}")
    if args.json:
        print_json(_records(store, [saved.post])[0])
    else:
        print(saved.post.id)
    for v in saved.report.violations:
        warn(f"{v.severity}: {v.message}")
    errors = len(saved.report.errors)
    if errors and saved.post.status in ("idea", "draft"):  # kept as work to do: exit 0 is not all well
        warn(f"post {saved.post.id} ({saved.post.status}) cannot be scheduled until "
             f"{'this error is' if errors == 1 else 'these errors are'} fixed")


def cmd_add(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    changes = _changes(args, store, None)
    changes.setdefault("status", "draft" if changes.get("scheduled_at") else "idea")
    _save(args, store, Post(**{"platform": changes.pop("platform"), **changes}))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    current = store.get_post(args.id)
    changes = _changes(args, store, current)
    if not changes:
        raise UsageError("nothing to change; give at least one option such as --title or --at")
    _save(args, store, current.with_changes(**changes))
    return 0


def cmd_adapt(args: argparse.Namespace) -> int:
    from edcal.services import posts

    store = open_from_args(args)
    try:
        made = posts.adapt(store, args.id, args.to, enable=args.enable)
    except posts.NotEnabled as exc:
        raise UsageError(f"{exc}: give --enable to enable {'it' if len(exc.platforms) == 1 else 'them'} and adapt "
                         f"(edcal adapt {args.id} --to {' '.join(args.to)} --enable), or adapt to a platform that is "
                         "on (edcal plan show lists them)") from None
    if args.json:
        found = _records(store, [s.post for s in made])
        print_json([record | {"ok": s.report.ok, "violations": [v.to_dict() for v in s.report.violations]}
                          for record, s in zip(found, made, strict=True)])
        return 0
    for saved in made:
        state = "fits" if saved.report.ok else "; ".join(v.code for v in saved.report.errors)
        print(f"{saved.post.id}  {saved.post.platform:<12} {saved.post.status:<6} {saved.report.length}"
              f"{f' / {saved.report.limit}' if saved.report.limit is not None else ''}  {state}")
    print(f"adapt each text to its platform: edcal edit ID --body-file FILE, or open it in edcal; "
          f"edcal list --idea {args.id} shows them together")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from edcal.services import posts

    store = open_from_args(args)
    saved = posts.publish(store, args.id, args.url)
    local = saved.post.local_time()
    print(f"post {saved.post.id} marked published ({saved.post.platform}"
          + (f", {format_wall(local, weekday=True)}" if local else "") + "); record its numbers with: "
          f"edcal results {saved.post.id} --reach N")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from edcal.services import posts

    store = open_from_args(args)
    post = posts.delete(store, args.id)
    print(f"deleted post {post.id} ({post.platform}: {post.headline()})")
    return 0


def _period(args: argparse.Namespace, settings) -> tuple[date, int, str]:
    if args.start:
        now = today(settings)
        first = parse_date(args.start, now)
        last = parse_date(args.end, now) if args.end else first + timedelta(days=6)
        if last < first:
            raise UsageError("--to is before --from")
        return first, (last - first).days + 1, f"{first:%a %d %b %Y} – {last:%a %d %b %Y}"
    if args.end:
        raise UsageError("--to needs --from")
    if args.month:
        from edcal.domain.month import Month

        month = Month.parse(args.month, today(settings))
        return month.start, month.length, month.label
    week = week_arg(args.week, settings)
    return week.start, 7, week.label


def _line(post: Post, report, tz: str) -> str:
    """One post on one line, at its time on the viewer's clock (``tz``), its own wall time after
    the text when it was planned in a zone whose clock reads otherwise."""
    seen = post.seen_from(tz)
    when = format_wall(seen[0], weekday=True) if seen else f"{'unscheduled':20}"
    elsewhere = f"  {seen[1]}" if seen and seen[1] else ""
    flag = "  ⚠ " + "; ".join(v.code for v in report.errors) if not report.ok else ""
    thread = f"  (thread of {len(post.parts)})" if post.thread else ""
    return (f"{post.id:>5}  {when}  {post.platform:<12} {post.status.mark} {post.status:<9} {post.headline(48)}"
            f"{thread}{elsewhere}{flag}")


def cmd_list(args: argparse.Namespace) -> int:
    from edcal.services import posts

    store = read_from_args(args)
    settings = store.settings()
    keys = channel_keys(store, args.platform, args.channel)
    if args.idea is not None:
        found = posts.idea_of(store, args.idea)
        label = f"The idea of post {args.idea}"
    elif args.backlog:
        found, label = store.backlog(), "Backlog"
    else:
        first, days, label = _period(args, settings)
        start, end = day_bounds(first, days, settings.timezone)
        found = store.posts_between(start, end, platforms=keys)
    if keys is not None:
        found = [p for p in found if p.platform in keys]
    chosen = post_filter(args)
    if chosen:
        found = [p for p in found if chosen.matches(p)]
    checked = posts.reports(store, found)
    if args.json:
        out = [record | {"ok": checked[post.id].ok, "violations": [v.to_dict() for v in checked[post.id].violations]}
               for record, post in zip(_records(store, found), found, strict=True)]
        print_json(out)
        return 0
    if chosen and not found:
        print(f"{label}: no post matches {chosen.describe()}")
        return 0
    print(f"{label}: {wording.count(len(found), 'post')}" + (f" ({chosen.describe()})" if chosen else ""))
    for post in found:
        print(_line(post, checked[post.id], settings.timezone))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from edcal.cli.rules import format_report
    from edcal.services import posts

    store = read_from_args(args)
    post = store.get_post(args.id)
    report = posts.last_report(store, post)
    if args.json:
        print_json(_records(store, [post])[0] | {"check": report.to_dict()})
        return 0
    viewer = store.settings().timezone
    seen = post.seen_from(viewer)
    print(f"Post {post.id} · {post.platform} · {post.status} · revision {post.revision}")
    if seen:
        zone_note = f"{viewer}; planned {seen[1][1:-1]}" if seen[1] else post.tz or "UTC"
        print(f"When:     {format_wall(seen[0], weekday=True)} ({zone_note})")
    else:
        print("When:     unscheduled")
    for label, value in (("Title", post.title), ("Link", post.link), ("Campaign", post.campaign),
                         ("Notes", post.notes), ("Posted", post.published_url)):
        if value:
            print(f"{label + ':':9} {value}")
    for m in post.media:
        print(f"Media:    {m.kind} {m.location}" + (f" (alt: {m.alt})" if m.alt else ""))
    for other in (p for p in (store.idea_posts(post.idea) if post.idea else []) if p.id != post.id):
        seen = other.seen_from(viewer)
        print(f"Variant:  post {other.id} on {other.platform}, {other.status}"
              + (f", {format_wall(seen[0], weekday=True)}" if seen else ", unscheduled"))
    print()
    if post.thread:
        for number, (text, part) in enumerate(zip(post.parts, posts.part_reports(store, post), strict=True), 1):
            limit = f" / {part.limit}" if part.limit is not None else ""
            print(f"{'' if number == 1 else chr(10)}── part {number} of {len(post.parts)} · {part.length}{limit}")
            print(text)
    else:
        print(post.body)
    print()
    print("\n".join(format_report(report, post.body)))
    return 0


def _post_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    from edcal.domain.models import Status
    from edcal.domain.thread_text import NUMBERINGS

    parser.add_argument("--platform", metavar="KEY", type=platform_key,
                        help="platform key, e.g. x, linkedin" + (" (or --channel)" if adding else ""))
    channel_option(parser)
    parser.add_argument("--at", metavar="WHEN", type=when, help="date and time, e.g. '2026-11-24 09:30', 'tue 9:30'")
    parser.add_argument("--tz", metavar="ZONE", help="IANA time zone of --at (default: the settings')")
    parser.add_argument("--later-fold", action="store_true",
                        help="in a repeated hour (clocks go back), take the second occurrence")
    parser.add_argument("--title", metavar="T")
    body = parser.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="TEXT")
    body.add_argument("--body-file", metavar="FILE", help="read the body from FILE, or - for stdin")
    thread = parser.add_mutually_exclusive_group()
    thread.add_argument("--thread", action="store_true",
                        help="the text is a thread: its parts separated by a line holding only ---")
    thread.add_argument("--split", action="store_true",
                        help="cut the text into a thread whose parts each fit the platform (x, bluesky, mastodon, threads)")
    parser.add_argument("--numbering", choices=NUMBERINGS, default="1/n",
                        help="with --split: how parts are numbered (default 1/n: 1/3, 2/3, 3/3)")
    parser.add_argument("--link", metavar="URL")
    parser.add_argument("--media", metavar="PATH", nargs="+", help="images or videos (paths or URLs)")
    parser.add_argument("--alt", metavar="TEXT", action="append", help="alt text, one per --media item in order")
    parser.add_argument("--status", choices=[s.value for s in Status])
    parser.add_argument("--past", action="store_true", help="schedule it even though its time has gone by")
    parser.add_argument("--campaign", metavar="C")
    parser.add_argument("--notes", metavar="N")
    if not adding:
        parser.add_argument("--unschedule", action="store_true", help="remove the date (back to the backlog)")
    parser.add_argument("--json", action="store_true", help="print the saved post as JSON")


def register(sub: Subparsers) -> None:
    p = command(sub, "add", "add a post; prints its id")
    _post_options(p, adding=True)
    p.set_defaults(run=cmd_add)

    p = command(sub, "edit", "change a post (only the options given)")
    p.add_argument("id", type=record_id)
    _post_options(p, adding=False)
    p.set_defaults(run=cmd_edit)

    p = command(sub, "list", "list the posts of a week or a period")
    when = p.add_mutually_exclusive_group()
    week_option(when)
    when.add_argument("--month", metavar="MONTH",
                      help="the month: 2026-12, nov (the nearest November), next month, or the month holding a date")
    when.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day included (with --from)")
    p.add_argument("--platform", metavar="KEY", action="append", type=platform_key,
                   help="every channel of that platform (repeatable)")
    channel_option(p, many=True)
    p.add_argument("--backlog", action="store_true", help="list the unscheduled ideas instead")
    p.add_argument("--idea", metavar="ID", type=record_id,
                   help="the posts made from the same idea as post ID (its variants on other platforms), any date")
    filter_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_list)

    p = command(sub, "show", "show one post with its rule check")
    p.add_argument("id", type=record_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_show)

    p = command(sub, "adapt", "make linked drafts of a post for other platforms, each checked by its own rules")
    p.add_argument("id", type=record_id)
    p.add_argument("--to", metavar="KEY", nargs="+", required=True, type=platform_key, help="the platforms")
    p.add_argument("--enable", action="store_true", help="enable the platforms named that are not on yet")
    p.add_argument("--json", action="store_true", help="print the variants as JSON")
    p.set_defaults(run=cmd_adapt)

    p = command(sub, "publish", "mark a post published: it went out")
    p.add_argument("id", type=record_id)
    p.add_argument("--url", metavar="U", help="where it went out: the post's address on the platform")
    p.set_defaults(run=cmd_publish)

    p = command(sub, "delete", "delete a post")
    p.add_argument("id", type=record_id)
    p.set_defaults(run=cmd_delete)
