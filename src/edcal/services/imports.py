"""Posts from CSV or JSON: every row read and checked first, then written in one transaction.

A refused import changes nothing at all: no post, no platform enabled, no setting touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edcal.domain.models import Platform, Post
from edcal.errors import EdcalError
from edcal.export import tabular
from edcal.services.posts import validate

if TYPE_CHECKING:
    from edcal.store.repo import Store


class ImportRefused(EdcalError):
    """Some rows are bad, so none was written."""


@dataclass(frozen=True)
class Imported:
    added: int
    updated: int
    unchanged: int = 0
    bad: list[tabular.RowError] = field(default_factory=list)
    rows: int = 0


def _same(old: Post, new: Post) -> bool:
    """Nothing an import carries differs: the post is left alone (its revision and the
    calendar's SEQUENCE do not move)."""
    fields = ("platform", "status", "scheduled_at", "tz", "fold", "title", "body", "thread", "idea", "link", "campaign",
              "notes", "media", "published_url")
    return all(getattr(old, f) == getattr(new, f) for f in fields)


def import_posts(store: Store, text: str, fmt: str, *, skip_bad: bool = False,
                 warn: Callable[[str], None] = lambda _: None) -> Imported:
    """Import ``text`` (``fmt`` "csv" or "json"). Bad rows are passed to ``warn``; unless
    ``skip_bad``, one bad row refuses the whole file."""
    rows = tabular.read_csv(text) if fmt == "csv" else tabular.read_json(text)
    tz = store.settings().timezone
    platforms: dict[str, Platform] = {}  # each platform looked up once, not once a row

    def platform(key: str) -> Platform:
        if key not in platforms:
            platforms[key] = store.get_platform(key)
        return platforms[key]

    good: list[Post] = []
    bad: list[tabular.RowError] = []
    for where, row in rows:
        try:
            post = tabular.parse_row(row, platform_key=lambda key: platform(key).key, default_tz=tz)
            validate(store, post, platform(post.platform))
        except EdcalError as exc:
            bad.append(tabular.RowError(where, str(exc)))
            continue
        good.append(post)
    for error in bad:
        warn(str(error))
    if bad and not skip_bad:
        raise ImportRefused(f"{len(bad)} of {len(rows)} rows are bad; nothing was imported")
    stored = store.posts_by_uid(p.uid for p in good if p.uid)
    changed, unchanged = [], 0
    for post in good:
        old = stored.get(post.uid or "")
        if old is not None:
            # the file does not carry the link to a recurring slot: the post keeps its own
            post = post.with_changes(series_id=old.series_id, slot_date=old.slot_date)
            if _same(old, post):
                unchanged += 1
                continue
        changed.append(post)
    added, updated = store.import_posts(changed)
    return Imported(added, updated, unchanged, bad, len(rows))
