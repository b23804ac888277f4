"""The ``edcal`` command. Parsing stays light: Textual and SQLModel load only in the handler
that needs them, so ``edcal --help`` and ``edcal check`` start fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from edcal import __version__
from edcal.domain.models import Status
from edcal.errors import EdcalError, UsageError

STATUS_CHOICES = [s.value for s in Status]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, as for every bad input
        self.exit(2, f"edcal: {message} (see: {self.prog} --help)\n")


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL or SQLite path (default: EDCAL_DB, the config file, "
                             "then SQLite in the user data dir)")


def _post_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    parser.add_argument("--platform", required=adding, metavar="KEY", help="platform key, e.g. x, linkedin")
    parser.add_argument("--at", metavar="WHEN", help="date and time, e.g. '2026-11-24 09:30', 'tue 9:30'")
    parser.add_argument("--tz", metavar="ZONE", help="IANA time zone of --at (default: the settings')")
    parser.add_argument("--later-fold", action="store_true",
                        help="in a repeated hour (clocks go back), take the second occurrence")
    parser.add_argument("--title", metavar="T")
    body = parser.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="TEXT")
    body.add_argument("--body-file", metavar="FILE", help="read the body from FILE, or - for stdin")
    parser.add_argument("--link", metavar="URL")
    parser.add_argument("--media", metavar="PATH", nargs="+", help="images or videos (paths or URLs)")
    parser.add_argument("--alt", metavar="TEXT", action="append", help="alt text, one per --media item in order")
    parser.add_argument("--status", choices=STATUS_CHOICES)
    parser.add_argument("--campaign", metavar="C")
    parser.add_argument("--notes", metavar="N")
    if not adding:
        parser.add_argument("--unschedule", action="store_true", help="remove the date (back to the backlog)")
    parser.add_argument("--json", action="store_true", help="print the saved post as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="edcal", description="A terminal editorial calendar for social media.",
                     epilog="Run 'edcal' alone to open the calendar. 'edcal COMMAND --help' tells more.")
    parser.add_argument("--version", action="version", version=f"edcal {__version__}")
    _db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, **kw) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, **kw)
        _db_option(p)
        return p

    command("tui", "open the calendar (the default)")
    p = command("demo", "fill a database with a sample week to explore")
    p.add_argument("--force", action="store_true", help="add the sample even if the database has posts")

    p = command("config", "where the config file is")
    p.add_argument("action", choices=["path"])

    p = command("platforms", "list the platforms' rule profiles and their main limits")
    p.add_argument("--json", action="store_true")

    p = command("check", "check a text against a platform's rules (exit 1 on an error)")
    p.add_argument("--platform", required=True, metavar="KEY")
    p.add_argument("--title", metavar="T")
    p.add_argument("--media", type=int, default=0, metavar="N", help="number of images attached")
    p.add_argument("--link", metavar="URL")
    p.add_argument("--json", action="store_true")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")

    _post_options(command("add", "add a post; prints its id"), adding=True)
    p = command("edit", "change a post (only the options given)")
    p.add_argument("id", type=int)
    _post_options(p, adding=False)

    p = command("list", "list the posts of a week or a period")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--week", metavar="DATE", help="the week holding DATE (default: this week)")
    when.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day included (with --from)")
    p.add_argument("--platform", metavar="KEY", action="append")
    p.add_argument("--backlog", action="store_true", help="list the unscheduled ideas instead")
    p.add_argument("--json", action="store_true")

    p = command("show", "show one post with its rule check")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = command("delete", "delete a post")
    p.add_argument("id", type=int)

    def time_refs(p: argparse.ArgumentParser) -> None:
        p.add_argument("--platform", metavar="KEY")
        p.add_argument("--post", type=int, metavar="ID")
        p.add_argument("--note", metavar="N")

    p = command("log", "log time spent on social media work")
    p.add_argument("duration", metavar="DURATION", help="25m, 1h30, 1h30m, 1:30 or 90 (minutes)")
    p.add_argument("--activity", default="other", metavar="A",
                   help="ideas, writing, visuals, publishing, analytics, engagement, ads, trends or other")
    p.add_argument("--at", metavar="WHEN", help="when the work started (default: it ended now)")
    time_refs(p)

    p = command("timer", "one running timer: start (stops any other), stop, status")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.add_argument("--activity", default="other", metavar="A")
    time_refs(p)

    p = command("report", "time per week against the weekly minimum (--plan: results per platform)")
    p.add_argument("--plan", action="store_true", help="per platform: posts, time, results, flags")
    p.add_argument("--week", metavar="DATE")
    p.add_argument("--weeks", type=int, metavar="N", help="the last N weeks (default 4)")
    p.add_argument("--by", choices=["activity", "platform"], default="activity")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")

    p = command("time", "list, correct or delete time entries")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    t = tsub.add_parser("list", help="the entries of a week")
    _db_option(t)
    t.add_argument("--week", metavar="DATE")
    t.add_argument("--json", action="store_true")
    t = tsub.add_parser("edit", help="change an entry")
    _db_option(t)
    t.add_argument("id", type=int)
    t.add_argument("--duration", metavar="D")
    t.add_argument("--activity", metavar="A")
    t.add_argument("--at", metavar="WHEN")
    time_refs(t)
    t = tsub.add_parser("delete", help="delete an entry")
    _db_option(t)
    t.add_argument("id", type=int)

    p = command("plan", "the channel plan: objective, and per platform why, who, KPI and cadence")
    p.add_argument("action", choices=["show", "set"])
    p.add_argument("key", nargs="?", metavar="PLATFORM")
    p.add_argument("--objective", metavar="GOAL", help="the plan's main goal: awareness, sales, loyalty...")
    p.add_argument("--reason", metavar="TEXT", help="why this platform")
    p.add_argument("--audience", metavar="TEXT")
    p.add_argument("--kpi", metavar="TEXT", help="what you measure there")
    p.add_argument("--platform-objective", dest="objective_for", metavar="GOAL")
    p.add_argument("--target", type=int, metavar="N", help="posts a week")
    onoff = p.add_mutually_exclusive_group()
    onoff.add_argument("--enable", action="store_true")
    onoff.add_argument("--disable", action="store_true")
    p.add_argument("--json", action="store_true")

    p = command("results", "record a published post's numbers")
    p.add_argument("post", nargs="?", type=int, metavar="POST")
    for name in ("reach", "engagements", "clicks", "conversions"):
        p.add_argument(f"--{name}", type=int, metavar="N")
    p.add_argument("--csv", metavar="FILE", help="columns: post (or uid), reach, engagements, clicks, conversions")

    p = command("lint", "check a week: rules, cadence, duplicates, reasons, time (exit 1 on an error)")
    p.add_argument("--week", metavar="DATE")

    p = command("series", "recurring slots: add, list, edit, delete, skip or move one")
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    t = ssub.add_parser("add", help="a slot that repeats")
    _db_option(t)
    t.add_argument("--platform", required=True, metavar="KEY")
    t.add_argument("--rule", required=True, metavar="RRULE", help="RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU,TH")
    t.add_argument("--time", required=True, metavar="HH:MM")
    t.add_argument("--tz", metavar="ZONE")
    t.add_argument("--start", metavar="DATE", help="first day (default: today)")
    t.add_argument("--until", metavar="DATE", help="last day")
    t.add_argument("--title", metavar="T")
    t.add_argument("--template", metavar="TEXT", help="text a post filling the slot starts from")
    t = ssub.add_parser("list", help="the series and their next slots")
    _db_option(t)
    t.add_argument("--json", action="store_true")
    t = ssub.add_parser("edit", help="change a series from today on")
    _db_option(t)
    t.add_argument("id", type=int)
    t.add_argument("--platform", metavar="KEY")
    t.add_argument("--rule", metavar="RRULE")
    t.add_argument("--time", metavar="HH:MM")
    t.add_argument("--tz", metavar="ZONE")
    t.add_argument("--title", metavar="T")
    t.add_argument("--template", metavar="TEXT")
    t = ssub.add_parser("delete", help="delete a series (posts made from it stay)")
    _db_option(t)
    t.add_argument("id", type=int)
    t = ssub.add_parser("skip", help="skip one slot")
    _db_option(t)
    t.add_argument("id", type=int)
    t.add_argument("date", metavar="DATE")
    t = ssub.add_parser("move", help="move one slot")
    _db_option(t)
    t.add_argument("id", type=int)
    t.add_argument("date", metavar="DATE", help="the slot's date")
    t.add_argument("--to", required=True, metavar="WHEN", help="new day and/or time, e.g. 'wed' or '2026-12-02 11:00'")

    p = command("next", "the next open slot per platform")
    p.add_argument("--platform", metavar="KEY")
    p.add_argument("--json", action="store_true")

    p = command("export", "export the plan: ics for calendar clients, csv or json for backups")
    p.add_argument("format", choices=["ics", "csv", "json"])
    p.add_argument("out", nargs="?", metavar="OUT|-", help="file to write (default: standard output)")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day included")
    p.add_argument("--platform", nargs="+", metavar="KEY")
    p.add_argument("--status", nargs="+", choices=STATUS_CHOICES,
                   help="statuses to include (default: scheduled and published)")
    p.add_argument("--alarm", type=int, metavar="MINUTES", help="a reminder this long before each post")
    p.add_argument("--split-by-platform", metavar="DIR", help="one .ics file per platform in DIR")
    p.add_argument("--mail-to", metavar="ADDRESS", help="mail the calendar instead of writing it")
    p.add_argument("--smtp", metavar="HOST:PORT")
    p.add_argument("--mail-from", metavar="ADDRESS")
    p.add_argument("--no-slots", action="store_true", help="leave the open slots of series out")

    p = command("import", "load posts from CSV or JSON (all rows checked first)")
    p.add_argument("format", choices=["csv", "json"])
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")

    p = command("serve", "serve the calendar as a subscription feed")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)

    p = command("settings", "show or change the shared settings")
    p.add_argument("--weekly-minimum", metavar="D", help="e.g. 1h, 45m")
    p.add_argument("--week-start", metavar="DAY", help="monday or sunday (any weekday)")
    p.add_argument("--timezone", metavar="ZONE")
    p.add_argument("--hourly-rate", type=float, metavar="N", help="0 removes it")
    p.add_argument("--organizer", metavar="EMAIL", help="calendar organiser for exports")
    return parser


def _tui_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """``edcal`` or ``edcal --db URL``: the TUI, without building every subcommand's parser."""
    if not argv:
        return argparse.Namespace(command=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return argparse.Namespace(command=None, db=argv[1])
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return argparse.Namespace(command=None, db=argv[0][5:])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _tui_only(argv) or build_parser().parse_args(argv)
    command = args.command or "tui"
    try:
        if command not in ("config", "check", "platforms"):
            from edcal.config import load_config
            from edcal.domain.dates import set_day_first

            set_day_first(load_config().day_first)
        if command == "tui":
            from edcal.cli.tui import run_tui

            return run_tui(args)
        if command == "config":
            from edcal.config import config_path

            print(config_path())
            return 0
        if command in ("check", "platforms"):
            from edcal.cli import rules

            return getattr(rules, f"cmd_{command}")(args)
        if command == "demo":
            from edcal.cli.demo import cmd_demo

            return cmd_demo(args)
        if command == "report" and args.plan:
            if args.csv or args.by != "activity" or args.week:
                raise UsageError("--plan takes --weeks and --json only")
            from edcal.cli.plancmd import cmd_plan_report

            return cmd_plan_report(args)
        if command in ("plan", "results", "lint"):
            from edcal.cli import plancmd

            return getattr(plancmd, f"cmd_{command}")(args)
        if command in ("series", "next"):
            from edcal.cli import seriescmd

            return getattr(seriescmd, f"cmd_{command}")(args)
        if command in ("export", "import", "serve"):
            from edcal.cli import exportcmd

            return getattr(exportcmd, f"cmd_{command}")(args)
        if command in ("log", "timer", "report", "time", "settings"):
            from edcal.cli import timecmd

            return getattr(timecmd, f"cmd_{command}")(args)
        from edcal.cli import posts

        return getattr(posts, f"cmd_{command}")(args)
    except EdcalError as exc:
        print(f"edcal: {_sentence(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("edcal: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "?", "!")) else message + "."
