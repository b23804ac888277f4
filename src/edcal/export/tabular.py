"""CSV and JSON: a plan backed up, or a month written offline in a spreadsheet, loaded back."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from edcal.domain.dates import DateError, read_instant, read_wall, resolve_wall_time, zone
from edcal.domain.models import Media, Platform, Post, Status
from edcal.domain.plan import RESULT_FIELDS, Results
from edcal.domain.schema import POST_FIELDS, csv_row, live
from edcal.domain.thread_text import split_parts
from edcal.errors import EdcalError
from edcal.record import record

IMPORT_NAMESPACE = uuid.UUID("6f1d3c4e-5b7a-4d8e-9c0f-2a1b3c4d5e6f")


def to_csv(records: Iterable[dict[str, Any]]) -> str:
    """Post records (``domain.schema.post_record``) as CSV."""
    buffer = io.StringIO()
    # CR LF ends a row (RFC 4180), so that a cell holding a CR or an LF alone is quoted too
    writer = csv.DictWriter(buffer, fieldnames=POST_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in records:
        writer.writerow(csv_row(row))
    return buffer.getvalue()


def to_json(records: Iterable[dict[str, Any]]) -> str:
    """Post records as a JSON list."""
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


@record
class RowError:
    where: str  # "line 4" or "item 3"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def read_csv(text: str) -> list[tuple[str, dict[str, Any]]]:
    """Rows with the line each starts on (cells may span lines)."""
    try:
        return _read_csv(text)
    except csv.Error as exc:
        raise DateError(f"the CSV file cannot be read: {exc}") from None


def _read_csv(text: str) -> list[tuple[str, dict[str, Any]]]:
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a cell may be as long as the file
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    if "platform" not in header:
        raise DateError("the CSV file needs a header row with at least a 'platform' column")
    rows, start, width = [], 2, len(header)
    for cells in reader:
        if not cells:  # a blank line
            start = reader.line_num + 1
            continue
        cells = [live(cell) if cell[:1] == "'" else cell for cell in cells]
        row: dict[str, Any] = dict(zip(header, cells[:width], strict=False))
        for name in header[len(cells):]:  # a short row: the cells it lacks are empty
            row[name] = ""
        if len(cells) > width:
            row[""] = cells[width:]
        rows.append((f"line {start}", row))
        start = reader.line_num + 1
    return rows


def read_json(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DateError(f"the JSON file is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise DateError("the JSON file nests too deeply to be a list of posts") from None
    if not isinstance(data, list):
        raise DateError("the JSON file must hold a list of posts")
    rows = []
    for i, item in enumerate(data, 1):
        rows.append((f"item {i}", item if isinstance(item, dict) else {"__bad__": True}))
    return rows


def _kind(value: Any) -> str:
    """What a JSON value is, as an error names it."""
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", list: "a list", dict: "an object", str: "a text"}.get(
        type(value), type(value).__name__)


def _text(row: Mapping[str, Any], name: str) -> str:
    """A text field: a string in JSON (null or missing is empty), always a string in CSV."""
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EdcalError(f"'{name}' must be a text, not {_kind(value)}")
    return value


def _whole(row: Mapping[str, Any], name: str, low: int) -> int | None:
    """A whole number field (JSON's number or CSV's digits), at least ``low``; None when empty."""
    value = row.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("_", "") or None
        if value is not None and value.isdigit():
            value = int(value)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise EdcalError(f"'{name}' must be a whole number of at least {low}, not {str(value)[:40]!r}")
    return value


def _instant(row: Mapping[str, Any], name: str) -> datetime | None:
    """An instant as export writes it (ISO 8601 with its UTC offset), in UTC; None when empty."""
    text = _text(row, name).strip()
    if not text:
        return None
    found = read_instant(text)
    if found is None:
        raise EdcalError(f"'{name}' must be a date and time with its UTC offset (2026-12-01T09:00:00+00:00), "
                         f"not {text[:40]!r}")
    return found


def _media(value: Any, from_json: bool) -> tuple[Media, ...]:
    """JSON's list of objects, or CSV's lines."""
    if from_json and value is not None and not isinstance(value, list):
        raise EdcalError(f"'media' must be a list of objects with a 'location', not {_kind(value)}")
    if isinstance(value, list):
        found = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, dict):
                raise EdcalError(f"media item {i} must be an object with a 'location'")
            location, kind, alt = (_text(item, name).strip() for name in ("location", "kind", "alt"))
            if not location:
                raise EdcalError(f"media item {i} has no 'location' (the file's path or address)")
            found.append(Media(location, kind or Media.at(location).kind, alt or None))
        return tuple(found)
    if value is None or isinstance(value, str):
        return Media.from_lines(value or "")
    raise EdcalError(f"'media' must be a list of objects, not {_kind(value)}")


def _thread(value: Any, from_json: bool) -> tuple[str, ...]:
    """JSON's list of texts, or CSV's parts separated by a line "---"."""
    if from_json and value is not None and not isinstance(value, list):
        raise EdcalError(f"'thread' must be a list of texts, the parts after the body, not {_kind(value)}")
    if isinstance(value, list):
        if not all(isinstance(part, str) for part in value):
            raise EdcalError("'thread' must be a list of texts, the parts after the body")
        return tuple(part.strip() for part in value if part.strip())
    if value is None or isinstance(value, str):
        return split_parts(value) if value and value.strip() else ()
    raise EdcalError("'thread' must be a list of texts, the parts after the body")


@record
class Row:
    """One row read: the post; the channel as the file describes it (its rule profile, name and
    handle), which an import adds where the database has no channel with that key; and the
    numbers of a published post, when the row gives any."""

    post: Post
    account: Platform | None = None
    results: Results | None = None  # its post_id is 0 until the post is stored


def parse_row(row: dict[str, Any], *, default_tz: str, from_json: bool = False) -> Row:
    """One row (of a JSON file, where each field has its JSON type, or of a CSV file); raises
    DateError or EdcalError with a sentence about the row.

    Dates are read exactly as export writes them (``YYYY-MM-DD``, ``HH:MM``): a file is never
    read with a guess."""
    if row.get("__bad__"):
        raise EdcalError("each item must be an object with at least a 'platform'")
    platform = _text(row, "platform").strip().lower()
    if not platform:
        raise EdcalError("the platform is missing")
    status_text = _text(row, "status").strip().lower()
    status = Status.parse(status_text) if status_text else None
    tz = _text(row, "tz").strip() or default_tz
    zone(tz)
    day, clock = _text(row, "date").strip(), _text(row, "time").strip()
    scheduled, fold = None, 0
    if day or clock:
        if not day:
            raise EdcalError("a time without a date")
        try:
            fold_in = _whole(row, "fold", 0) or 0
        except EdcalError:
            fold_in = -1
        if fold_in not in (0, 1):
            raise EdcalError(f"fold must be 0 or 1 (which of a repeated hour's two), not '{str(row.get('fold'))[:20]}'")
        wall = resolve_wall_time(read_wall(day, clock or "09:00"), tz, fold_in)
        scheduled, fold = wall.utc, wall.fold
    uid = _text(row, "uid").strip()
    body = _text(row, "body")
    if not uid:  # the same row imported twice matches itself
        uid = uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join((platform, day, clock, tz, body))).hex
    post = Post(
        platform=platform, status=status or (Status.DRAFT if scheduled else Status.IDEA), scheduled_at=scheduled,
        tz=tz if scheduled else None, fold=fold, title=_text(row, "title") or None, body=body,
        link=_text(row, "link").strip() or None, campaign=_text(row, "campaign").strip() or None,
        notes=_text(row, "notes") or None, media=_media(row.get("media"), from_json), uid=uid,
        thread=_thread(row.get("thread"), from_json), idea=_text(row, "idea").strip() or None,
        published_url=_text(row, "published_url").strip() or None,
        revision=_whole(row, "revision", 0) or 0, created_at=_instant(row, "created_at"),
        updated_at=_instant(row, "updated_at"),
    )
    profile = _text(row, "profile").strip().lower()
    name, handle = _text(row, "channel_name").strip(), _text(row, "handle").strip()
    account = Platform(key=platform, name=name, profile=profile, handle=handle or None) if profile else None
    numbers = {name: _whole(row, name, 0) for name in RESULT_FIELDS}
    results = None
    if any(value is not None for value in numbers.values()):
        if post.status is not Status.PUBLISHED:
            raise EdcalError(f"the post is {post.status}, not published; results come once it is out")
        results = Results(0, **numbers)
    return Row(post, account, results)
