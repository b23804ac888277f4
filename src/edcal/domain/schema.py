"""A post as scripts and files see it: one field list for `list --json`, `show --json`, JSON
export and import, and the CSV columns.

The planned time is given three ways: ``date``, ``time``, ``tz`` and ``fold`` (the wall time as
planned, which is what import reads), ``scheduled_at`` (the instant, UTC) and ``local_time``
(the instant with its offset).
"""

from __future__ import annotations

import re

from edcal.domain.models import RESULT_FIELDS, Media, Platform, Post, Results
from edcal.domain.thread_text import join_parts
from edcal.errors import EdcalError

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

POST_FIELDS = (
    "id", "uid", "platform", "channel", "profile", "channel_name", "handle", "status", "date", "time", "tz", "fold",
    "scheduled_at", "local_time", "title", "body", "thread", "idea", "link", "campaign", "notes", "media",
    "published_url", *RESULT_FIELDS, "series_id", "slot_date", "revision", "created_at", "updated_at",
)
# What an import reads. ``id`` is the row's number in the database it came from (``uid`` is the
# post's identity everywhere); ``series_id`` and ``slot_date`` link to a recurring slot, which a
# posts file does not carry (a backup does); ``channel``, ``scheduled_at`` and ``local_time`` are
# derived from the fields read. ``revision``, ``created_at`` and ``updated_at`` are kept for a
# post the import adds, so that calendars never see its SEQUENCE go back.
IMPORTED_FIELDS = ("uid", "platform", "profile", "channel_name", "handle", "status", "date", "time", "tz", "fold",
                   "title", "body", "thread", "idea", "link", "campaign", "notes", "media", "published_url",
                   *RESULT_FIELDS, "revision", "created_at", "updated_at")
NOT_IMPORTED_FIELDS = ("id", "channel", "scheduled_at", "local_time", "series_id", "slot_date")


def post_record(post: Post, channel: str | None = None, account: Platform | None = None,
                results: Results | None = None) -> dict[str, Any]:
    """The post as JSON values, in POST_FIELDS order. ``channel`` is what people call the channel
    ``platform`` keys ("X · Marta"), said for them and not read back; ``account`` is that channel
    (its rule profile, name and handle, which an import into another database recreates it
    with); ``results`` are a published post's numbers."""
    local = post.local_time()
    spec = "seconds" if local and local.second else "minutes"
    return {
        "id": post.id, "uid": post.uid, "platform": post.platform, "channel": channel,
        "profile": account.profile if account else None, "channel_name": account.name if account else None,
        "handle": account.handle if account else None, "status": post.status.value,
        "date": local.date().isoformat() if local else None,
        "time": local.time().isoformat(spec) if local else None,
        "tz": post.tz, "fold": post.fold,
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
        "local_time": local.isoformat() if local else None,
        "title": post.title, "body": post.body, "thread": list(post.thread), "idea": post.idea,
        "link": post.link,
        "campaign": post.campaign, "notes": post.notes,
        "media": [{"location": m.location, "kind": m.kind, "alt": m.alt} for m in post.media],
        "published_url": post.published_url,
        **{name: getattr(results, name) if results else None for name in RESULT_FIELDS},
        "series_id": post.series_id, "slot_date": post.slot_date.isoformat() if post.slot_date else None,
        "revision": post.revision,
        "created_at": post.created_at.isoformat() if post.created_at else None,
        "updated_at": post.updated_at.isoformat() if post.updated_at else None,
    }


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    """A record as CSV cells: media one item a line (``path | alt``), a thread's later parts
    separated by a line "---", nothing as empty, and no cell a spreadsheet would run."""
    cells = dict(record)
    cells["media"] = Media.to_lines(tuple(Media(m["location"], m["kind"], m["alt"]) for m in record["media"]))
    cells["thread"] = join_parts(record["thread"]) or None
    return {key: "" if value is None else inert(str(value)) for key, value in cells.items()}


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +, -, @,
# and a tab or CR before one). As OWASP advises, such a cell is written after a "'", which the
# spreadsheet shows as text; a cell already starting with "'"s before one gets one more, so that
# reading drops exactly one and every text comes back as it was.
_FORMULA = r"'*[=+\-@\t\r]"


_STARTS = frozenset("'=+-@\t\r")  # a cell starting otherwise is left as it is, without a regex


def inert(cell: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula (``live`` reads it back)."""
    return "'" + cell if cell[:1] in _STARTS and re.match(_FORMULA, cell) else cell


def live(cell: str) -> str:
    """The text ``inert`` was given."""
    return cell[1:] if cell[:1] == "'" and re.match(_FORMULA, cell[1:]) else cell


# The longest value each bounded column holds (the tables are declared with these); the
# other texts are unbounded.
UID_MAX, KEY_MAX, ZONE_MAX, CAMPAIGN_MAX, HANDLE_MAX = 64, 40, 64, 120, 120
# A uid travels into calendars (iCalendar's UID) and scripts: letters, digits and . _ @ + = : -
UID_CHARACTERS = "A-Za-z0-9._@+=:-"  # as a regex character class's inside
_UID = f"[{UID_CHARACTERS}]{{1,{UID_MAX}}}"


def check_storable(post: Post) -> None:
    """Raise EdcalError with one sentence when a value of ``post`` cannot be stored as it is,
    on SQLite and on PostgreSQL alike: a uid outside its character set or too long, a text
    over its column's length, a NUL character (PostgreSQL refuses it in any text)."""
    for name, key in (("uid", post.uid), ("idea", post.idea)):
        if key is not None and not re.fullmatch(_UID, key):
            raise EdcalError(f"the {name} {key[:80]!r} is not usable: up to {UID_MAX} letters, digits and . _ @ + = : -")
    for name, limit in (("platform", KEY_MAX), ("tz", ZONE_MAX), ("campaign", CAMPAIGN_MAX)):
        value = getattr(post, name)
        if value is not None and len(value) > limit:
            raise EdcalError(f"the {name} is {len(value)} characters long; at most {limit} fit")
    texts = {"the title": post.title, "the body": post.body, "the link": post.link, "the campaign": post.campaign,
             "the notes": post.notes, "the thread": "".join(post.thread),
             "a media path": " ".join(m.location for m in post.media),
             "a media description": " ".join(m.alt or "" for m in post.media)}
    for name, value in texts.items():
        if value and "\x00" in value:
            raise EdcalError(f"{name} holds a NUL character (U+0000), which cannot be stored")
