"""CSV and JSON: a plan backed up, or a month written offline in a spreadsheet, loaded back."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from edcal.domain.dates import DateError, read_wall, resolve_wall_time, zone
from edcal.domain.models import Media, Post, Status
from edcal.domain.parts import split_parts
from edcal.domain.schema import POST_FIELDS, csv_row, post_record

IMPORT_NAMESPACE = uuid.UUID("6f1d3c4e-5b7a-4d8e-9c0f-2a1b3c4d5e6f")


def to_csv(posts: list[Post], channels: Mapping[str, str] | None = None) -> str:
    """The posts as CSV; ``channels`` names each channel key ("X · Marta") in the channel column."""
    names = channels or {}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=POST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for post in posts:
        writer.writerow(csv_row(post, names.get(post.platform)))
    return buffer.getvalue()


def to_json(posts: list[Post], channels: Mapping[str, str] | None = None) -> str:
    names = channels or {}
    return json.dumps([post_record(p, names.get(p.platform)) for p in posts], ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
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
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "platform" not in [f.strip().lower() for f in reader.fieldnames]:
        raise DateError("the CSV file needs a header row with at least a 'platform' column")
    rows, start = [], 2
    for row in reader:
        rows.append((f"line {start}", {(k or "").strip().lower(): (v or "") for k, v in row.items()}))
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


def _media(value: Any) -> tuple[Media, ...]:
    """JSON's list of objects, or CSV's lines."""
    if isinstance(value, list):
        return tuple(Media(str(m["location"]).strip(), str(m.get("kind") or Media.at(str(m["location"])).kind),
                           m.get("alt") or None) for m in value if isinstance(m, dict) and m.get("location"))
    return Media.from_lines(str(value or ""))


def _thread(value: Any) -> tuple[str, ...]:
    """JSON's list of texts, or CSV's parts separated by a line "---"."""
    from edcal.errors import EdcalError

    if isinstance(value, list):
        if not all(isinstance(part, str) for part in value):
            raise EdcalError("'thread' must be a list of texts, the parts after the body")
        return tuple(part.strip() for part in value if part.strip())
    if value is None or isinstance(value, str):
        return split_parts(value) if value and value.strip() else ()
    raise EdcalError("'thread' must be a list of texts, the parts after the body")


def parse_row(row: dict[str, Any], *, platform_key: Callable[[str], str], default_tz: str) -> Post:
    """One row as a Post; raises DateError or EdcalError with a sentence about the row.

    ``platform_key`` maps a typed platform to its key. Dates are read exactly as export
    writes them (``YYYY-MM-DD``, ``HH:MM``): a file is never read with a guess."""
    from edcal.errors import EdcalError

    if row.get("__bad__"):
        raise EdcalError("each item must be an object with at least a 'platform'")
    text = {k: ("" if v is None else v) for k, v in row.items()}
    platform = str(text.get("platform", "")).strip().lower()
    if not platform:
        raise EdcalError("the platform is missing")
    platform = platform_key(platform)
    status = str(text.get("status") or "").strip().lower() or None
    status = Status.parse(status) if status else None
    tz = str(text.get("tz") or "").strip() or default_tz
    zone(tz)
    day, clock = str(text.get("date") or "").strip(), str(text.get("time") or "").strip()
    scheduled, fold = None, 0
    if day or clock:
        if not day:
            raise EdcalError("a time without a date")
        fold_text = str(text.get("fold") or "0").strip()
        if fold_text not in ("0", "1"):
            raise EdcalError(f"fold must be 0 or 1 (which of a repeated hour's two), not '{fold_text}'")
        wall = resolve_wall_time(read_wall(day, clock or "09:00"), tz, int(fold_text))
        scheduled, fold = wall.utc, wall.fold
    uid = str(text.get("uid") or "").strip()
    body = str(text.get("body") or "")
    if not uid:  # the same row imported twice matches itself
        uid = uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join((platform, day, clock, tz, body))).hex
    return Post(
        platform=platform, status=status or (Status.DRAFT if scheduled else Status.IDEA), scheduled_at=scheduled,
        tz=tz if scheduled else None, fold=fold, title=str(text.get("title") or "").strip() or None, body=body,
        link=str(text.get("link") or "").strip() or None, campaign=str(text.get("campaign") or "").strip() or None,
        notes=str(text.get("notes") or "").strip() or None, media=_media(text.get("media")), uid=uid,
        thread=_thread(row.get("thread")), idea=str(text.get("idea") or "").strip() or None,
        published_url=str(text.get("published_url") or "").strip() or None,
    )
