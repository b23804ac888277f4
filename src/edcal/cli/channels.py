"""edcal channels: several accounts on one platform (add, list, rename, disable, enable)."""

from __future__ import annotations

import argparse

from edcal.cli.common import Subparsers, action, actions, command, open_from_args, platform_key, print_json, read_from_args


def cmd_channels(args: argparse.Namespace) -> int:
    from edcal.services import channels

    if args.action == "list":
        store = read_from_args(args)
    else:
        store = open_from_args(args)
        if args.action == "add":
            made = channels.add(store, args.platform, name=args.name, handle=args.handle, key=args.key)
            print(f"added the channel {channels.describe(made)} on {store.profiles[made.profile].name}; "
                  f"post to it with --channel {made.key}")
            return 0
        if args.action == "rename":
            changed = channels.rename(store, args.channel, name=args.name, handle=args.handle)
            print(f"renamed: {channels.describe(changed)}")
            return 0
        changed = channels.set_enabled(store, args.channel, args.action == "enable")
        state = "on: it has a row in the grid" if changed.enabled else "off: its row is hidden, its posts stay"
        print(f"{channels.describe(changed)} is {state}")
        return 0
    every = store.platforms()
    counts = store.post_counts()
    if args.json:
        print_json([{"key": p.key, "name": p.name, "platform": p.profile, "handle": p.handle,
                           "enabled": p.enabled, "posts": counts.get(p.key, 0)} for p in every])
        return 0
    if not every:
        print("No channel yet: edcal channels add x --handle @you, or choose platforms in edcal")
        return 0
    print(f"{'KEY':<16} {'PLATFORM':<16} {'NAME':<24} {'HANDLE':<20} {'POSTS':>5}  STATE")
    for p in every:
        platform = store.profiles[p.profile].name if p.profile in store.profiles else p.profile
        print(f"{p.key:<16} {platform:<16} {p.name:<24} {p.handle or '-':<20} {counts.get(p.key, 0):>5}  "
              f"{'on' if p.enabled else 'off'}")
    return 0


def register(sub: Subparsers) -> None:
    p = command(sub, "channels", "several accounts on one platform: add, list, rename, disable, enable")
    verbs = actions(p)
    t = action(verbs, "add", "a channel: an account on a platform, e.g. edcal channels add x --handle @brand")
    t.add_argument("platform", metavar="PLATFORM", type=platform_key, help="the platform's key: x, linkedin, ...")
    t.add_argument("--name", metavar="NAME", help="what the grid calls it (default: the handle)")
    t.add_argument("--handle", metavar="@HANDLE", help="the account on the platform")
    t.add_argument("--key", metavar="KEY", help="its key for --channel and files (default: PLATFORM-NAME)")
    t = action(verbs, "list", "the channels, their platform, handle and posts")
    t.add_argument("--json", action="store_true")
    t = action(verbs, "rename", "a channel's new name or handle (its key stays)")
    t.add_argument("channel", metavar="CHANNEL", help="its key, name or handle")
    t.add_argument("--name", metavar="NAME")
    t.add_argument("--handle", metavar="@HANDLE")
    for verb, words in (("disable", "hide a channel's row (its posts stay)"), ("enable", "show a channel's row again")):
        t = action(verbs, verb, words)
        t.add_argument("channel", metavar="CHANNEL", help="its key, name or handle")
    p.set_defaults(run=cmd_channels)
