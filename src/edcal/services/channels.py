"""Channels: several accounts on one platform (a brand's and a founder's on X). A channel is a
platform row: its key is what posts, slots, time entries and plan lines refer to, its profile
the rules its posts are checked by, its name and handle what people see.

One definition of how a typed name finds a channel: ``pick`` for a command that acts on one
channel (``--platform x`` is enough while X has one channel; with two it asks which),
``keys_for`` for a command that filters by platform (``--platform x`` means every X channel).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from edcal.domain.models import Platform
from edcal.domain.schema import HANDLE_MAX, KEY_MAX
from edcal.errors import EdcalError, NotFoundError
from edcal.record import replace

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from edcal.store.read import Reads
    from edcal.store.repo import Store

NAME_MAX = 80


class AmbiguousChannel(EdcalError):
    """``--platform KEY`` where that platform has several channels."""


def labels(store: Reads) -> dict[str, str]:
    """What people call each channel, by key: "X" for a platform's default, "X · Marta" for
    another account (calendars, CSV and JSON say it)."""
    from edcal.domain.profile_names import profile_names  # the names only: no rules engine to print a list

    names = profile_names(store.config.profiles)
    return {p.key: p.label(names.get(p.profile, p.profile)) for p in store.platforms()}


def describe(platform: Platform) -> str:
    """"Brand (x-brand, @brand)": what a list or an error shows of a channel."""
    return f"{platform.name} ({platform.key}{', ' + platform.handle if platform.handle else ''})"


def find(store: Reads, name: str) -> Platform:
    """The channel ``name`` names: its key, its name or its handle (any case, the @ optional)."""
    wanted = " ".join(name.split()).casefold().removeprefix("@")
    every = store.platforms()
    by_key = [p for p in every if p.key == wanted]
    by_name = [p for p in every if p.name.casefold() == wanted]
    by_handle = [p for p in every if (p.handle or "").casefold().removeprefix("@") == wanted]
    for found in (by_key, by_name, by_handle):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousChannel(f"'{name}' names {len(found)} channels: "
                                   f"{', '.join(describe(p) for p in found)}; give a key")
    known = ", ".join(describe(p) for p in every) or "none yet"
    raise NotFoundError(f"there is no channel '{name}'; the channels: {known}")


def target(store: Reads, name: str) -> Platform:
    """The channel ``name`` names, or the platform it names when it has no channel yet."""
    try:
        return find(store, name)
    except NotFoundError:
        return store.get_platform(name)


def pick(store: Reads, platform: str | None = None, channel: str | None = None) -> Platform:
    """The one channel a command acts on: ``channel`` by name, or ``platform`` by key while it
    is unambiguous (a platform with two channels on asks for --channel)."""
    if channel:
        found = find(store, channel)
        if platform and platform.lower() not in (found.key, found.profile):
            raise EdcalError(f"the channel {describe(found)} is on {found.profile}, not {platform}")
        return found
    if not platform:
        raise EdcalError("give --platform or --channel")
    key = platform.strip().lower()
    every = store.platforms()
    exact = next((p for p in every if p.key == key), None)
    siblings = [p for p in every if p.profile == key and p.enabled]
    if len(siblings) > 1 and (exact is None or exact.profile == key):
        raise AmbiguousChannel(f"{store.profiles[key].name if key in store.profiles else key} has "
                               f"{len(siblings)} channels: {', '.join(describe(p) for p in siblings)}; "
                               "give --channel with one of them")
    if exact is None and len(siblings) == 1:
        return siblings[0]
    return store.get_platform(key)


def keys_for(store: Reads, platforms: Iterable[str] = (), channels: Iterable[str] = ()) -> list[str] | None:
    """The channel keys a filter keeps: every channel of each platform named (by its key or its
    profile), and each channel named; None when nothing is named (no filter)."""
    platforms, channels = [p.strip().lower() for p in platforms], list(channels)
    if not platforms and not channels:
        return None
    every = store.platforms()
    keys = [find(store, name).key for name in channels]
    for key in platforms:
        matches = [p.key for p in every if p.key == key or p.profile == key]
        keys += matches or [store.get_platform(key).key]  # a platform never used: its would-be key
    return list(dict.fromkeys(keys))


def usable_key(key: str) -> bool:
    """Whether ``key`` can name a channel: up to KEY_MAX lowercase letters, digits, - and _."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key)) and len(key) <= KEY_MAX


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().removeprefix("@")).strip("-")


def add(store: Store, profile: str, *, name: str | None = None, handle: str | None = None,
        key: str | None = None) -> Platform:
    """A new channel on ``profile``'s platform, on, in the grid right after that platform's
    other channels. Its key is ``key``, or
    the profile's and the name's ("x-brand"); the profile's own key when it has no channel yet."""
    profile = profile.strip().lower()
    if profile not in store.profiles:
        raise NotFoundError(f"unknown platform '{profile}'; known platforms: {', '.join(sorted(store.profiles))}")
    handle = clean(handle, "handle", HANDLE_MAX)
    name = clean(name, "name", NAME_MAX) or handle or store.profiles[profile].name
    every = store.platforms()
    taken = {p.key for p in every}
    if key:
        key = key.strip().lower()
        if not usable_key(key):
            raise EdcalError(f"the key '{key}' is not usable: up to {KEY_MAX} lowercase letters, digits, - and _")
        if key in taken or (key in store.profiles and key != profile):
            raise EdcalError(f"the key '{key}' is taken; choose another")
    elif profile not in taken:
        key = profile
    else:
        base = f"{profile}-{_slug(name) or 'channel'}"[:KEY_MAX].rstrip("-")
        key, n = base, 2
        while key in taken:
            key, n = f"{base[:KEY_MAX - 1 - len(str(n))]}-{n}", n + 1
    same = [p for p in every if p.profile == profile and p.name.casefold() == name.casefold()]
    if same:
        raise EdcalError(f"{describe(same[0])} is already a channel of {store.profiles[profile].name}; "
                         "give another --name")
    return store.add_channel(Platform(key=key, name=name, profile=profile, handle=handle))


def rename(store: Store, channel: str, *, name: str | None = None, handle: str | None = None) -> Platform:
    """A channel's new name or handle (its key, which posts refer to, stays)."""
    found = find(store, channel)
    if name is None and handle is None:
        raise EdcalError("give --name or --handle")
    new_name = found.name if name is None else clean(name, "name", NAME_MAX)
    if not new_name:
        raise EdcalError("a channel's name cannot be empty")
    new_handle = found.handle if handle is None else clean(handle, "handle", HANDLE_MAX)
    return store.save_platform(replace(found, name=new_name, handle=new_handle))


def choose(store: Store, keys: Iterable[str]) -> list[Platform]:
    """The platforms chosen at the first run (or again): exactly these on, in this order; the
    other channels of a platform chosen keep their state next to it."""
    return store.enable_platforms(keys)


def profile_names(store: Reads) -> dict[str, str]:
    """Each rule profile's key and the platform name it stands for, in the profiles' order."""
    return {key: profile.name for key, profile in store.profiles.items()}


def set_enabled(store: Store, channel: str, enabled: bool) -> Platform:
    """Show a channel's row in the grid again, or hide it (its posts stay)."""
    return store.save_platform(replace(find(store, channel), enabled=enabled))


def clean(value: str | None, what: str, limit: int) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    if len(text) > limit:
        raise EdcalError(f"the {what} is {len(text)} characters long; at most {limit} fit")
    if any(ord(c) < 32 or c == "\x7f" for c in text):
        raise EdcalError(f"the {what} holds a control character")
    return text or None
