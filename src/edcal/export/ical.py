"""iCalendar export: events built with ``ics``, then made valid for every client.

``ics`` 0.7.3 writes no folding, no final CRLF, escapes URLs as text and lays calendar
properties after the events and alarms before the event's properties. So each VEVENT's
properties are built with ``ics`` (its TEXT escaping is right) and taken as lines, in
order, with what this module adds for clients: a stable UID, DTSTAMP, LAST-MODIFIED and a
SEQUENCE from the post's revision, a raw URL, a quoted ORGANIZER, the calendar header in
RFC 5545 order with METHOD:PUBLISH, the VALARM after the event's properties. The lines
are then joined, encoded and folded once: at 75 octets on UTF-8 boundaries, CRLF after
every line. Times are UTC, which every client reads the same way, ambiguous
local hours included; the description names the planned wall time and zone.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import uuid
import warnings
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from edcal import __version__
from edcal.domain.address import is_address
from edcal.domain.models import Post, Status
from edcal.domain.recurrence import Slot
from edcal.domain.schema import UID_CHARACTERS
from edcal.record import record

PRODID = f"-//edcal//edcal {__version__}//EN"
EVENT_MINUTES = 15
DEFAULT_ORGANIZER = "plan@edcal.invalid"  # until `edcal settings --organizer` names a real one
ICS_STATUS = {Status.IDEA: "TENTATIVE", Status.DRAFT: "TENTATIVE", Status.SCHEDULED: "CONFIRMED",
              Status.PUBLISHED: "CONFIRMED", Status.SKIPPED: "CANCELLED"}


@record
class ExportItem:
    """A post to export, with what the calendar shows about it."""

    post: Post
    platform_name: str
    problems: tuple[str, ...] = ()


_SAFE_UID = re.compile(f"[{UID_CHARACTERS}]{{1,255}}")  # 255: uids stored before edcal capped them at 64


def event_uid(post: Post) -> str:
    """The same UID in every export of a post: its stored uid (as a UUID when it is one). A
    uid outside the safe characters (a database from before edcal checked them) becomes a
    UUID derived from it, so no uid can break its line and add properties or events."""
    try:
        return str(uuid.UUID(hex=post.uid))
    except (TypeError, ValueError):
        pass
    uid = post.uid or ""
    return uid if _SAFE_UID.fullmatch(uid) else str(uuid.uuid5(uuid.NAMESPACE_URL, f"edcal:{uid}"))


# C0 controls but TAB and LF, DEL and the C1 controls: no calendar shows them, and some
# (CR, NUL, ESC) break lines or terminals.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)])


def _clean(text: str | None) -> str:
    """Text with CR LF and lone CR as LF (ics writes CR as a non-RFC ``\\r``) and no other
    control character."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def _one_line(text: str | None) -> str:
    return " ".join(_clean(text).split())


def _description(item: ExportItem) -> str:
    post = item.post
    local = post.local_time()
    if post.thread:  # a thread: its parts numbered as they go out
        total = len(post.parts)
        parts = [f"[{number}/{total}] {text.strip()}" for number, text in enumerate(post.parts, 1)]
    else:
        parts = [post.body.strip() or "(no text yet)"]
    if post.link:
        parts.append(f"Link: {post.link}")
    if post.media:
        parts.append("Media: " + ", ".join(m.location for m in post.media))
    parts.append(f"Planned for {local:%a %d %b %Y %H:%M} {post.tz or 'UTC'} · status {post.status}")
    if item.problems:
        parts.append("Rules: " + "; ".join(item.problems))
    return _clean("\n\n".join(parts))


def _ics_lines(component: Any) -> list[str]:
    """A component's properties as ``ics`` writes them (its TEXT escaping is right), one
    string a line, without BEGIN/END. Alarms are left out: edcal writes them after the
    event's own properties, where RFC 5545 §3.6.1 puts them and ics does not."""
    kind = type(component)
    outputs = _SERIALIZERS.get(kind)
    if outputs is None:  # ics finds its serializers with dir() on every call: once is enough
        outputs = [o for o in kind.Meta.serializer.get_serializers() if o.__name__ != "serialize_alarm"]
        _SERIALIZERS[kind] = outputs
    from ics.grammar.parse import Container

    container = Container(kind.Meta.name)
    for output in outputs:
        output(component, container)
    return [str(line) for line in container]


_SERIALIZERS: dict[type, list[Any]] = {}


@record
class _Shared:
    """The lines every event of one calendar carries alike, written once a calendar.

    ics writes DTSTAMP only from its misnamed created= and backslash-escapes parameter
    values, so both lines are written here. METHOD:PUBLISH needs an ORGANIZER (RFC 5546
    §3.2.1); its CN is quoted, as parameter values holding , ; or : must be."""

    stamp: datetime
    dtstamp: str
    organizer: str | None  # None in a CalDAV resource: the person who syncs owns the event there

    @classmethod
    def of(cls, stamp: datetime, organizer: str | None, *, published: bool = True) -> _Shared:
        if not published:
            return cls(stamp, f"DTSTAMP:{_utc_stamp(stamp)}", None)
        address = organizer if organizer and is_address(organizer) and organizer.isascii() else DEFAULT_ORGANIZER
        return cls(stamp, f"DTSTAMP:{_utc_stamp(stamp)}", f'ORGANIZER;CN="edcal":mailto:{address}')

    def lines(self, *categories: str) -> list[str]:
        """DTSTAMP, CATEGORIES in the order given (ics keeps them in a set, whose order changes
        from one process to the next) and ORGANIZER."""
        names = list(dict.fromkeys(n for n in categories if n))
        lines = [self.dtstamp]
        if names:
            lines.append("CATEGORIES:" + ",".join(_escape_text(n) for n in names))
        if self.organizer:
            lines.append(self.organizer)
        return lines


def _vevent(item: ExportItem, shared: _Shared, alarm: int | None) -> list[str]:
    """One post's VEVENT, line by line, in RFC order."""
    from ics import Event
    from ics.alarm import DisplayAlarm

    post = item.post
    title = _one_line(post.title) or (_one_line(post.headline(60)) if post.body.strip() else "(untitled)")
    if post.thread:
        title = f"{title} (thread of {len(post.parts)})"
    platform = _one_line(item.platform_name)
    event = Event(
        uid=event_uid(post), name=f"[{platform}] {title}", begin=post.scheduled_at,
        duration=timedelta(minutes=EVENT_MINUTES), description=_description(item), status=ICS_STATUS[post.status],
    )
    lines = ["BEGIN:VEVENT", *_ics_lines(event), *shared.lines(platform, _one_line(post.campaign)),
             f"LAST-MODIFIED:{_utc_stamp(post.updated_at or shared.stamp)}", f"SEQUENCE:{max(post.revision - 1, 0)}"]
    link = _one_line(post.link).replace(" ", "%20")
    if link:
        lines.append(f"URL:{link}")  # a URI: not escaped as text
    if alarm is not None:
        reminder = DisplayAlarm(trigger=timedelta(minutes=-alarm), display_text=f"Post on {platform}: {title}")
        lines += ["BEGIN:VALARM", *_ics_lines(reminder), "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


_LONG_LINE = re.compile(rb"^[^\r\n]{76,}", re.MULTILINE)  # anchored: tried once a line


def _fold_bytes(raw: bytes) -> bytes:
    """Fold one line's bytes at 75 octets (74 after the leading space of a continuation),
    moving a cut back so it never falls inside a UTF-8 character."""
    parts, start, limit, size = [], 0, 75, len(raw)
    while start < size:
        end = start + limit
        if end < size:
            while raw[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
                end -= 1
        parts.append(raw[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts)


def fold_lines(lines: Sequence[str]) -> bytes:
    """Content lines (none holding a line break) as bytes: CRLF after each, the long ones folded."""
    raw = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    return _LONG_LINE.sub(lambda m: _fold_bytes(m.group()), raw)


def fold(line: str) -> bytes:
    """One content line folded at 75 octets, never inside a UTF-8 character, CRLF-ended."""
    return _fold_bytes(line.encode("utf-8")) + b"\r\n"


def _slot_vevent(slot: Slot, platform_name: str, shared: _Shared) -> list[str]:
    """An open recurring slot: a tentative event that says it is still to fill."""
    from ics import Event

    title, platform_name = _one_line(slot.title) or "open slot", _one_line(platform_name)
    event = Event(uid=slot.uid, name=f"[{platform_name}] Slot: {title}", begin=slot.utc,
                  duration=timedelta(minutes=EVENT_MINUTES), status="TENTATIVE",
                  description=_clean(f"Open slot of series {slot.series_id} on {platform_name}, "
                                     f"{slot.local():%a %d %b %Y %H:%M} {slot.tz}. Fill it in edcal."
                                     + (f"\n\nTemplate: {slot.template}" if slot.template else "")))
    return ["BEGIN:VEVENT", *_ics_lines(event), *shared.lines(platform_name, "slot"),
            "SEQUENCE:0", "END:VEVENT"]


def _now(now: datetime | None) -> datetime:
    if now is None:
        from edcal.domain import clock

        now = clock.now()
    return now.replace(microsecond=0)


_HEADER = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]


def build_calendar(items: Sequence[ExportItem], *, name: str = "edcal plan", organizer: str | None = None,
                   alarm: int | None = None, now: datetime | None = None, feed: bool = False,
                   slots: Sequence[Slot] = (), platform_names: dict[str, str] | None = None) -> bytes:
    """The whole calendar as bytes, ready to write or send."""
    shared = _Shared.of(_now(now), organizer)
    lines = [*_HEADER, "METHOD:PUBLISH", f"NAME:{_escape_text(name)}", f"X-WR-CALNAME:{_escape_text(name)}"]
    if feed:
        lines += ["REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ics warns about arrow and its own future
        for item in sorted(items, key=lambda i: (i.post.scheduled_at, i.post.id or 0)):
            lines += _vevent(item, shared, alarm)
        for slot in slots:
            lines += _slot_vevent(slot, (platform_names or {}).get(slot.platform, slot.platform), shared)
    lines.append("END:VCALENDAR")
    return fold_lines(lines)


def build_resource(item: ExportItem | None = None, *, slot: Slot | None = None, platform_name: str = "",
                   now: datetime | None = None) -> bytes:
    """One calendar object resource for a CalDAV server: a VCALENDAR holding the one event of a
    post (``item``) or of an open slot, built as every export builds it. RFC 4791 §4.1 forbids
    METHOD there, and no ORGANIZER is written, so that clients let the user move the event."""
    shared = _Shared.of(_now(now), None, published=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if item is not None:
            event = _vevent(item, shared, None)
        elif slot is not None:
            event = _slot_vevent(slot, platform_name or slot.platform, shared)
        else:
            raise ValueError("a resource holds a post or a slot")
    return fold_lines([*_HEADER, *event, "END:VCALENDAR"])


_DTSTAMP = re.compile(rb"^DTSTAMP:[^\r\n]*\r\n", re.MULTILINE)


def fingerprint(resource: bytes) -> str:
    """What a resource says, whenever it was built: its bytes but the DTSTAMP line, hashed."""
    import hashlib

    return hashlib.sha256(_DTSTAMP.sub(b"", resource)).hexdigest()


def _escape_text(text: str) -> str:
    return (_one_line(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file.

    A symbolic link is written through, to its target (the link stays). Anything but a
    regular file (a FIFO, a device such as /dev/full, a folder) is refused, untouched. An
    existing file keeps its permissions; a new one gets the usual ones (0666 less the umask).
    The temporary file is removed when the write fails."""
    path = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(_regular(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _regular(path: Path) -> os.stat_result:
    found = path.stat()
    if not stat.S_ISREG(found.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file; give the path of a file to write")
    return found
