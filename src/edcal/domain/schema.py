"""A post as scripts and files see it: one field list for `list --json`, `show --json`, JSON
export and import, and the CSV columns.

The planned time is given three ways: ``date``, ``time``, ``tz`` and ``fold`` (the wall time as
planned, which is what import reads), ``scheduled_at`` (the instant, UTC) and ``local_time``
(the instant with its offset).
"""

from __future__ import annotations

from typing import Any

from edcal.domain.models import Media, Post

POST_FIELDS = (
    "id", "uid", "platform", "status", "date", "time", "tz", "fold", "scheduled_at", "local_time",
    "title", "body", "link", "campaign", "notes", "media", "series_id", "slot_date", "revision",
    "created_at", "updated_at",
)
# what an import reads; the rest belongs to the database the post was exported from
IMPORTED_FIELDS = ("uid", "platform", "status", "date", "time", "tz", "fold", "title", "body", "link", "campaign",
                   "notes", "media")


def post_record(post: Post) -> dict[str, Any]:
    """The post as JSON values, in POST_FIELDS order."""
    local = post.local_time()
    spec = "seconds" if local and local.second else "minutes"
    return {
        "id": post.id, "uid": post.uid, "platform": post.platform, "status": post.status.value,
        "date": local.date().isoformat() if local else None,
        "time": local.time().isoformat(spec) if local else None,
        "tz": post.tz, "fold": post.fold,
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
        "local_time": local.isoformat() if local else None,
        "title": post.title, "body": post.body, "link": post.link, "campaign": post.campaign, "notes": post.notes,
        "media": [{"location": m.location, "kind": m.kind, "alt": m.alt} for m in post.media],
        "series_id": post.series_id, "slot_date": post.slot_date.isoformat() if post.slot_date else None,
        "revision": post.revision,
        "created_at": post.created_at.isoformat() if post.created_at else None,
        "updated_at": post.updated_at.isoformat() if post.updated_at else None,
    }


def csv_row(post: Post) -> dict[str, str]:
    """The same record as CSV cells: media one item a line (``path | alt``), nothing as empty."""
    record = post_record(post)
    record["media"] = Media.to_lines(post.media)
    return {key: "" if value is None else str(value) for key, value in record.items()}
