"""edcal check / edcal split / edcal platforms: the rules engine from the command line."""

from __future__ import annotations

import argparse

from edcal.cli.common import Subparsers, command, platform_key, print_json, read_body, whole
from edcal.config import load_config
from edcal.errors import EdcalError, UsageError


def _profiles():
    from edcal.domain.rules import ProfileError, load_profiles

    config = load_config()
    try:
        return load_profiles(config.profiles)
    except ProfileError as exc:
        raise EdcalError(f"{config.path}: {exc}") from None


UNITS = {"twitter_v3": "weighted characters", "utf8_bytes": "bytes", "utf16": "characters (UTF-16)"}


def format_report(report, text: str) -> list[str]:
    limit = f" / {report.limit}" if report.limit is not None else ""
    left = f" ({report.remaining} left)" if report.remaining is not None and report.remaining >= 0 else (
        f" ({-report.remaining} over)" if report.remaining is not None else "")
    lines = [f"{report.platform}: {report.length}{limit} {UNITS.get(report.counter, 'characters')}{left}"]
    for v in report.violations:
        where = ""
        if v.start is not None:
            snippet = text[v.start : min(v.end or v.start + 20, v.start + 20)].replace("\n", " ")
            where = f" [at {v.start}: {snippet!r}]"
        lines.append(f"  {v.severity}: {v.code}: {v.message}{where}")
    if report.fold_at is not None:
        shown = " ⏎ ".join(line.strip() for line in text[:report.fold_at].splitlines())
        lines.append(f"  the feed shows this much, then \"…more\": {shown}")
    return lines


def cmd_check(args: argparse.Namespace) -> int:
    from edcal.domain.rules import ProfileError, combine, resolve, thread_reports
    from edcal.domain.thread_text import THREAD_PLATFORMS, split_parts

    if args.media < 0:
        raise UsageError("--media must be zero or more")
    text = read_body(args.file)
    profiles = _profiles()
    try:
        profile = resolve(args.platform, profiles)
        # on a platform with threads, lines "---" separate a thread's parts, each checked on its own
        parts = split_parts(text) if profile.key in THREAD_PLATFORMS else (text,)
        reports = thread_reports(parts, args.platform, title=args.title, media=["image"] * args.media,
                                 link=args.link, profiles=profiles)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    report = combine(reports, profile)
    if args.json:
        found = report.to_dict()
        if len(reports) > 1:
            found["parts"] = [part.to_dict() for part in reports]
        print_json(found)
    elif len(reports) > 1:
        for number, (part, checked) in enumerate(zip(parts, reports, strict=True), 1):
            print(f"── part {number} of {len(parts)}")
            print("\n".join(format_report(checked, part)))
    else:
        print("\n".join(format_report(report, text)))
    return 0 if report.ok else 1


def cmd_split(args: argparse.Namespace) -> int:
    from edcal.domain.rules import ProfileError
    from edcal.domain.rules.thread import split

    text = read_body(args.file)
    try:
        parts = split(text, args.platform, numbering=args.numbering, profiles=_profiles())
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json([part.to_dict() for part in parts])
        return 0
    if not parts:
        raise UsageError("there is no text to split")
    for index, part in enumerate(parts, 1):
        unit = "" if part.limit is None else f" / {part.limit}"
        print(f"{'' if index == 1 else chr(10)}── part {index} of {len(parts)} · {part.length}{unit}")
        print(part.text)
    return 0


def cmd_platforms(args: argparse.Namespace) -> int:
    profiles = _profiles()
    rows = []
    for p in profiles.values():
        rule = p.rules.get
        rows.append({
            "key": p.key, "name": p.name, "counter": p.counter, "limit": p.limit,
            "hashtags_max": (rule("hashtags_max") or {}).get("value"),
            "hashtags_advised": (rule("hashtags_advised") or {}).get("value"),
            "media_required": "media_required" in p.rules,
            "links_clickable": "links_not_clickable" not in p.rules,
            "title_required": "title_required" in p.rules,
            # every rule with its figures, its source and the date that source was checked
            "rules": {kind: dict(values) for kind, values in p.rules.items()},
        })
    if args.json:
        print_json(rows)
        return 0
    print(f"{'KEY':16} {'NAME':24} {'LIMIT':>7} {'COUNTED AS':12} {'#TAGS':6} {'MEDIA':9} LINKS")
    for r in rows:
        tags = str(r["hashtags_max"] or "") or (f"~{r['hashtags_advised']}" if r["hashtags_advised"] else "-")
        print(f"{r['key']:16} {r['name']:24} {r['limit'] if r['limit'] is not None else '-':>7} "
              f"{r['counter']:12} {tags:6} {'required' if r['media_required'] else 'optional':9} "
              f"{'clickable' if r['links_clickable'] else 'not clickable'}"
              + ("  (title required)" if r["title_required"] else ""))
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "platforms", "list the platforms' rule profiles and their main limits")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_platforms, light=True)

    p = command(sub, "check", "check a text against a platform's rules (exit 1 on an error)")
    p.add_argument("--platform", required=True, metavar="KEY", type=platform_key)
    p.add_argument("--title", metavar="T")
    p.add_argument("--media", type=whole(0, 100), default=0, metavar="N", help="number of images attached")
    p.add_argument("--link", metavar="URL")
    p.add_argument("--json", action="store_true")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.set_defaults(run=cmd_check, light=True)

    from edcal.domain.thread_text import NUMBERINGS, THREAD_PLATFORMS

    p = command(sub, "split", f"split a long text into a thread whose parts each fit ({', '.join(THREAD_PLATFORMS)})")
    p.add_argument("--platform", required=True, metavar="KEY", type=platform_key)
    p.add_argument("--numbering", choices=NUMBERINGS, default="1/n",
                   help="how parts are numbered, counted in their length (default 1/n: 1/3, 2/3, 3/3)")
    p.add_argument("--json", action="store_true", help='[{"text": ..., "length": ..., "limit": ...}]')
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.set_defaults(run=cmd_split, light=True)
