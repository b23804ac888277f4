"""Posts from CSV or JSON: every row read and checked first, then written in one transaction.

A refused import changes nothing at all: no post, no platform enabled, no setting touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from edcal.domain.checked import keep
from edcal.domain.models import Platform, Post
from edcal.domain.plan import RESULT_FIELDS, Results
from edcal.domain.schema import HANDLE_MAX, KEY_MAX
from edcal.errors import EdcalError, NotFoundError
from edcal.export import tabular
from edcal.record import field, record, replace
from edcal.services.channels import NAME_MAX, clean, usable_key
from edcal.services.posts import stamp, validate

if TYPE_CHECKING:
    from edcal.store.repo import Store


class ImportRefused(EdcalError):
    """Some rows are bad, so none was written."""


@record
class Imported:
    added: int
    updated: int
    unchanged: int = 0
    bad: list[tabular.RowError] = field(default_factory=list)
    rows: int = 0


def _same(old: Post, new: Post, old_results: Results | None, new_results: Results | None) -> bool:
    """Nothing an import carries differs: the post is left alone (its revision and the
    calendar's SEQUENCE do not move). Numbers the row does not give keep the recorded ones."""
    fields = ("platform", "status", "scheduled_at", "tz", "fold", "title", "body", "thread", "idea", "link", "campaign",
              "notes", "media", "published_url")
    same_results = new_results is None or (old_results is not None and all(
        getattr(old_results, f) == getattr(new_results, f) for f in RESULT_FIELDS))
    return same_results and all(getattr(old, f) == getattr(new, f) for f in fields)


def _new_channel(store: Store, account: Platform) -> Platform:
    """A channel the file names that this database lacks, as the file describes it."""
    if account.profile not in store.profiles:
        raise NotFoundError(f"unknown platform '{account.profile}' for the channel '{account.key}'")
    if not usable_key(account.key):
        raise EdcalError(f"the channel key '{account.key[:60]}' is not usable: up to {KEY_MAX} lowercase letters, "
                         "digits, - and _")
    if account.key in store.profiles and account.key != account.profile:
        raise EdcalError(f"the channel key '{account.key}' is another platform's; it cannot be a channel of "
                         f"{account.profile}")
    name = clean(account.name, "channel_name", NAME_MAX) or store.profiles[account.profile].name
    return replace(account, name=name, handle=clean(account.handle, "handle", HANDLE_MAX))


def import_posts(store: Store, text: str, fmt: str, *, skip_bad: bool = False,
                 warn: Callable[[str], None] = lambda _: None) -> Imported:
    """Import ``text`` (``fmt`` "csv" or "json"). Bad rows are passed to ``warn``; unless
    ``skip_bad``, one bad row refuses the whole file. A channel the file names (by key, with its
    profile, name and handle) that this database lacks is added with the posts."""
    rows = tabular.read_csv(text) if fmt == "csv" else tabular.read_json(text)
    tz = store.settings().timezone
    known = {p.key: p for p in store.platforms()}
    added: dict[str, Platform] = {}  # channels this import adds, by key

    def channel(row: tabular.Row) -> Platform:
        key = row.post.platform
        if key in known:
            return known[key]
        if key not in added:
            if row.account is None:
                known[key] = store.get_platform(key)  # a platform never used here: added as its profile's
                return known[key]
            added[key] = _new_channel(store, row.account)
        return added[key]

    good: list[tabular.Row] = []
    checks: dict[int, str] = {}  # each good row's report, kept with its post
    bad: list[tabular.RowError] = []
    for where, item in rows:
        try:
            row = tabular.parse_row(item, default_tz=tz, from_json=fmt == "json")
            report = validate(store, row.post, channel(row))
        except EdcalError as exc:
            bad.append(tabular.RowError(where, str(exc)))
            continue
        checks[len(good)] = keep(report, stamp(store, channel(row)))
        good.append(row)
    for error in bad:
        warn(str(error))
    if bad and not skip_bad:
        raise ImportRefused(f"{len(bad)} of {len(rows)} rows are bad; nothing was imported")
    stored = store.posts_by_uid(r.post.uid for r in good if r.post.uid)
    recorded = store.results([p.id for p in stored.values() if p.id is not None]) if stored else {}
    changed, numbers, unchanged = [], {}, 0
    for index, row in enumerate(good):
        post, old = row.post.with_changes(checked=checks[index]), stored.get(row.post.uid or "")
        if old is not None:
            # the file does not carry the link to a recurring slot: the post keeps its own
            post = post.with_changes(series_id=old.series_id, slot_date=old.slot_date, checked=post.checked)
            if _same(old, post, recorded.get(old.id), row.results):
                unchanged += 1
                continue
        changed.append(post)
        if row.results is not None:
            numbers[post.uid or ""] = row.results
    new_channels = [c for c in added.values() if any(p.platform == c.key for p in changed)]
    count_added, count_updated = store.import_posts(changed, channels=new_channels, results=numbers)
    return Imported(count_added, count_updated, unchanged, bad, len(rows))
