"""edcal sync caldav: the plan in a CalDAV calendar, and the moves made there back in edcal."""

from __future__ import annotations

import argparse
from pathlib import Path

from edcal.cli.common import Subparsers, actions, command, open_from_args, print_json


def cmd_caldav(args: argparse.Namespace) -> int:
    from edcal.record import as_dict
    from edcal.services import caldav

    store = open_from_args(args)
    account = caldav.account(store, args.url, calendar=args.calendar, user=args.user,
                             password_file=Path(args.password_file) if args.password_file else None)
    report = caldav.sync(store, account, accept_deletes=args.accept_deletes)
    if args.json:
        print_json(as_dict(report))
        return 0
    print(report.summary())
    for line in (*report.moved, *report.unscheduled, *report.notes):
        print(f"  {line}")
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "sync", "sync the plan with a calendar server")
    kinds = actions(p)
    p = kinds.add_parser("caldav", help="two-way sync with a CalDAV calendar (Nextcloud, Radicale, Fastmail ...)",
                         description="Write every scheduled and published post and open slot to a CalDAV "
                                     "calendar, and move the posts whose events were moved there. The server, "
                                     "calendar and user come from [caldav] in the config file unless given.")
    p.add_argument("url", nargs="?", metavar="URL", help="the calendar home, e.g. https://dav.example.com/alice/")
    p.add_argument("--calendar", metavar="NAME", help="the calendar in it (default: [caldav] calendar, else edcal)")
    p.add_argument("--user", metavar="USER")
    p.add_argument("--password-file", metavar="FILE", help="a file whose first line is the password")
    p.add_argument("--accept-deletes", action="store_true",
                   help="take the posts whose events were deleted in the calendar off the plan (back to draft)")
    p.add_argument("--json", action="store_true", help="print what was done as JSON")
    p.set_defaults(run=cmd_caldav)
