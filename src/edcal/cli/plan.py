"""edcal plan / results / report --plan / lint: the strategy held against the calendar."""

from __future__ import annotations

import argparse

from edcal.cli.common import (
    MAX_ID,
    Subparsers,
    command,
    open_from_args,
    print_json,
    read_from_args,
    read_text,
    record_id,
    week_arg,
    week_option,
    whole,
)
from edcal.domain import wording
from edcal.domain.dates import format_minutes
from edcal.errors import UsageError
from edcal.record import replace


def cmd_plan(args: argparse.Namespace) -> int:
    from edcal.domain.plan import OBJECTIVES, plan_flags  # the rules engine: loaded when a command runs
    from edcal.services import plan

    store = open_from_args(args) if args.action == "set" else read_from_args(args)
    settings = store.settings()
    if args.action == "set":
        if args.objective is not None:
            objective = " ".join(args.objective.split())  # kept as typed: "Sign-ups for Launch 2.0"
            if not objective:
                raise UsageError("--objective needs a goal, e.g. " + ", ".join(OBJECTIVES))
            plan.save(store, objective=objective)
        if args.key:
            from edcal.services import channels

            platform = channels.target(store, args.key)  # a platform, or one of its channels by key, name or handle
            changes = {name: getattr(args, name) for name in ("reason", "audience", "kpi")
                       if getattr(args, name) is not None}
            if args.target is not None:
                if not 0 <= args.target <= 100:
                    raise UsageError("--target must be between 0 and 100 posts a week")
                changes["weekly_target"] = args.target or None
            if args.enable or args.disable:
                changes["enabled"] = bool(args.enable)
            if args.objective_for is not None:
                changes["objective"] = args.objective_for or None
            if not changes:
                raise UsageError("nothing to change for " + platform.key + "; give --reason, --audience, --kpi, "
                                 "--target, --enable or --disable")
            plan.save(store, platform=replace(platform, **changes))
        elif args.objective is None:
            raise UsageError("give --objective, or a platform key and what to change")
        settings = store.settings()
    platforms = store.platforms()
    flags = plan_flags(platforms)
    if args.json:
        print_json({"objective": settings.objective, "platforms": [
            {"key": p.key, "name": p.name, "enabled": p.enabled, "reason": p.reason, "audience": p.audience,
             "objective": p.objective, "kpi": p.kpi, "weekly_target": p.weekly_target} for p in platforms],
            "findings": [f.line() for f in flags]})
        return 0
    print(f"Objective: {settings.objective or '(none yet: edcal plan set --objective awareness)'}")
    for p in platforms:
        state = "on " if p.enabled else "off"
        target = f"{p.weekly_target}/week" if p.weekly_target else "no target"
        print(f"  [{state}] {p.name:<16} {target:<10} KPI: {p.kpi or '-':<12} audience: {p.audience or '-'}")
        if p.enabled:
            print(f"        why: {p.reason or '⚠ no reason given'}")
    for finding in flags:
        print(finding.line())
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from edcal.domain.plan import RESULT_FIELDS, Results
    from edcal.services import results

    store = open_from_args(args)
    if args.csv:
        recorded = results.record_csv(store, read_text(args.csv))
        print(f"recorded results for {wording.count(len(recorded), 'post')}")
        return 0
    if args.post is None:
        raise UsageError("give a post id, or --csv FILE")
    values = [getattr(args, f) for f in RESULT_FIELDS]
    if all(v is None for v in values):
        raise UsageError("give at least one of --reach, --engagements, --clicks, --conversions")
    merged = results.record(store, Results(args.post, *values))
    print(", ".join(f"{f} {getattr(merged, f)}" for f in RESULT_FIELDS if getattr(merged, f) is not None))
    return 0


def cmd_plan_report(args: argparse.Namespace) -> int:
    store = read_from_args(args)
    weeks = args.weeks or 4
    if not 1 <= weeks <= 520:
        raise UsageError("--weeks must be between 1 and 520")
    from edcal.services import plan

    view = plan.figures(store, weeks)
    starts, figures, settings = view.weeks, view.platforms, view.settings
    if args.json:
        print_json({"objective": settings.objective, "from": starts[0].start.isoformat(), "weeks": weeks,
                          "platforms": [f.to_dict() for f in figures]})
        return 0
    print(f"Plan report, last {weeks} weeks from {starts[0].start:%d %b %Y}; objective: {settings.objective or '-'}")
    print(f"{'PLATFORM':16} {'PLANNED':>7} {'PUBL.':>5} {'TIME':>6} {'REACH':>7} {'ENGAGE':>7} {'CLICKS':>6} "
          f"{'CONV':>5} {'ENG/H':>6}  FLAGS")
    for f in figures:
        per_hour = f.per_hour("engagements")
        print(f"{f.name:16} {f.planned:>7} {f.published:>5} {format_minutes(f.minutes):>6} {f.totals['reach']:>7} "
              f"{f.totals['engagements']:>7} {f.totals['clicks']:>6} {f.totals['conversions']:>5} "
              f"{per_hour if per_hour is not None else '-':>6}  {', '.join(f.flags)}")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from edcal.services import plan

    store = read_from_args(args)
    week = week_arg(args.week, store.settings())
    findings = plan.lint(store, week)
    for finding in findings:
        print(finding.line())
    errors = sum(1 for f in findings if f.severity == "error")
    print(f"{wording.count(len(findings), 'finding')}, {wording.count(errors, 'error')}"
          f" in the week of {week.start:%d %b %Y}")
    return 1 if errors else 0


def register(sub: Subparsers) -> None:
    p = command(sub, "plan", "the channel plan: objective, and per platform why, who, KPI and cadence")
    p.add_argument("action", choices=["show", "set"])
    p.add_argument("key", nargs="?", metavar="PLATFORM", help="a platform, or a channel by key, name or handle")
    p.add_argument("--objective", metavar="GOAL", help="the plan's main goal: awareness, sales, loyalty...")
    p.add_argument("--reason", metavar="TEXT", help="why this platform")
    p.add_argument("--audience", metavar="TEXT")
    p.add_argument("--kpi", metavar="TEXT", help="what you measure there")
    p.add_argument("--platform-objective", dest="objective_for", metavar="GOAL")
    p.add_argument("--target", type=whole(0, 1000), metavar="N", help="posts a week")
    onoff = p.add_mutually_exclusive_group()
    onoff.add_argument("--enable", action="store_true")
    onoff.add_argument("--disable", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_plan)

    p = command(sub, "results", "record a published post's numbers")
    p.add_argument("post", nargs="?", type=record_id, metavar="POST")
    for name in ("reach", "engagements", "clicks", "conversions"):
        p.add_argument(f"--{name}", type=whole(0, MAX_ID), metavar="N")
    p.add_argument("--csv", metavar="FILE", help="columns: post (or uid), reach, engagements, clicks, conversions")
    p.set_defaults(run=cmd_results)

    p = command(sub, "lint", "check a week: rules, cadence, duplicates, reasons, time (exit 1 on an error)")
    week_option(p)
    p.set_defaults(run=cmd_lint)
