"""What an export holds, for `edcal export ics`, the TUI's x key and the subscription feed alike:
which posts and open slots, the organiser, where the file goes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from edcal.domain import clock
from edcal.domain.filters import PostFilter
from edcal.domain.models import Status
from edcal.domain.recurrence import Slot
from edcal.errors import EdcalError
from edcal.export.ical import ExportItem, build_calendar
from edcal.record import field, record
from edcal.services.posts import reports

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from edcal.store.read import Reads
    from edcal.store.repo import Store

SLOT_DAYS = 92  # open slots ahead shown when the export has no end


@record
class CalendarContent:
    """The posts and open slots an export holds, with the names and organiser it shows."""

    items: list[ExportItem]
    slots: list[Slot] = field(default_factory=list)
    organizer: str | None = None
    names: dict[str, str] = field(default_factory=dict)


def organizer(store: Reads) -> str | None:
    """The calendar's organiser: the settings' address, else the mail sender's."""
    return store.settings().organizer or store.config.mail.sender


def default_target(store: Reads) -> Path:
    """Where the TUI writes the calendar: [export] ics in the config, else the data dir."""
    from edcal.config import data_dir

    return store.config.export.ics or data_dir() / "edcal.ics"


def plan(store: Reads, *, start: datetime | None = None, end: datetime | None = None,
         platforms: Iterable[str] | None = None, channels: Iterable[str] | None = None,
         statuses: Iterable[str] | None = None, slots: bool = True, chosen: PostFilter | None = None) -> CalendarContent:
    """The posts planned between ``start`` and ``end`` (all by default) on ``platforms`` (all by
    default) with ``statuses`` (by default those that go out: scheduled and published) that the
    ``chosen`` filter lets through, and the open slots from ``start`` (or now) on."""
    kept = [Status.parse(s) for s in statuses] if statuses else [s for s in Status if s.planned]
    from edcal.services.channels import keys_for, labels

    names = labels(store)  # a second account on X reads "X · Brand"
    keys = keys_for(store, platforms or (), channels or ())
    posts = store.posts_between(start or datetime(1970, 1, 1, tzinfo=timezone.utc),
                                end or datetime(9999, 1, 1, tzinfo=timezone.utc), platforms=keys,
                                statuses=kept)
    if chosen:
        posts = [p for p in posts if chosen.matches(p)]
    checked = reports(store, posts)
    items = [ExportItem(p, names.get(p.platform, p.platform), tuple(v.message for v in checked[p.id].violations))
             for p in posts]
    first = start or clock.now()
    open_slots = store.open_slots(first, end or first + timedelta(days=SLOT_DAYS), keys) if slots else []
    return CalendarContent(items, open_slots, organizer(store), names)


def calendar(plan: CalendarContent, *, name: str = "edcal plan", alarm: int | None = None) -> bytes:
    return build_calendar(plan.items, name=name, organizer=plan.organizer, alarm=alarm, slots=plan.slots,
                          platform_names=plan.names)


def by_platform(plan: CalendarContent, *, alarm: int | None = None) -> dict[str, bytes]:
    """One calendar per platform that has posts or open slots."""
    keys: Sequence[str] = sorted({i.post.platform for i in plan.items} | {s.platform for s in plan.slots})
    return {key: build_calendar([i for i in plan.items if i.post.platform == key],
                                name=f"edcal · {plan.names.get(key, key)}", organizer=plan.organizer, alarm=alarm,
                                slots=[s for s in plan.slots if s.platform == key], platform_names=plan.names)
            for key in keys}


def feed(store: Store) -> tuple[bytes, datetime]:
    """The subscription feed and the last change in it. DTSTAMP is that change, so the bytes,
    and the ETag made from them, stay the same until the plan changes."""
    shown = plan(store)
    changed = max((i.post.updated_at for i in shown.items if i.post.updated_at),
                  default=datetime(2000, 1, 1, tzinfo=timezone.utc))
    data = build_calendar(shown.items, organizer=shown.organizer, now=changed, feed=True, slots=shown.slots,
                          platform_names=shown.names)
    return data, changed


def feed_version(store: Store) -> str:
    """What the feed is built from, cheaply: the data's version and the hour (open slots leave
    the feed as their time passes)."""
    return f"{store.data_version()} {clock.now():%Y-%m-%dT%H}"


def write_file(target: Path, data: bytes) -> None:
    """Write an export atomically (through a symbolic link to its target, never over a FIFO or a
    device, an existing file keeping its permissions)."""
    from edcal.export.ical import write_atomic

    write_atomic(target, data)


def write_default(store: Reads) -> tuple[Path, int]:
    """The TUI's export: the whole plan to the default target. Returns where, and how many posts."""
    target = default_target(store)
    try:
        content = plan(store)
        write_file(target, calendar(content))
    except (OSError, EdcalError) as exc:
        raise EdcalError(f"export failed: {exc}") from exc
    return target, len(content.items)


def mail(store: Reads, data: bytes, items: Sequence[ExportItem], *, to: str, sender: str | None = None,
         server: str | None = None) -> None:
    """Mail the calendar ``data`` (holding ``items``) to ``to`` as a text/calendar attachment,
    with the plan in words in the message; the server and sender from the config when not given."""
    from edcal.domain import wording
    from edcal.domain.dates import zone
    from edcal.errors import UsageError
    from edcal.export.mail import build_message, parse_server, send

    settings = store.config.mail
    server = server or settings.smtp
    if not server:
        raise UsageError("no mail server: give --smtp HOST:PORT or set [mail] smtp in the config file")
    sender = sender or settings.sender or store.settings().organizer
    if not sender:
        raise UsageError("no sender: give --mail-from ADDRESS or set [mail] from in the config file")
    host, port = parse_server(server)
    tz = store.settings().timezone
    lines = [f"The social media plan from edcal: {wording.count(len(items), 'post')}.", ""]
    for item in items:
        if item.post.scheduled_at is None:
            continue
        local = item.post.scheduled_at.astimezone(zone(tz))
        lines.append(f"{local:%a %d %b %H:%M}  {item.platform_name}: {item.post.headline(60)}")
    lines += ["", "Open the attached edcal.ics to add the plan to your calendar."]
    first = items[0].post.scheduled_at.astimezone(zone(tz)) if items and items[0].post.scheduled_at else None
    subject = f"Social media plan from {first:%d %b %Y}" if first else "Social media plan"
    message = build_message(data, to=to, sender=sender, subject=subject, summary="\n".join(lines))
    send(message, host=host, port=port, starttls=settings.starttls, user=settings.user,
         password_env=settings.password_env, password=settings.password)


def feed_server(store: Store, host: str, port: int, token: str) -> ThreadingHTTPServer:
    """The subscription feed's server for ``store`` on ``host``:``port`` (not started)."""
    from edcal.export.feed import make_server

    return make_server(host, port, token, lambda: feed(store), lambda: feed_version(store))
