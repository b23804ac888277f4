"""A backup of everything (posts and media, time entries and the running timer, series and
their skipped or moved slots, results, the channel plan, settings and the feed's token) as one
versioned JSON document, and its restore. ``export csv|json`` stays the posts-only exchange
for spreadsheets and scripts."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from edcal.domain import clock
from edcal.domain.dates import read_instant
from edcal.errors import EdcalError

if TYPE_CHECKING:
    from edcal.store.repo import Store

FORMAT = "edcal-backup"
VERSION = 1  # of the document; the schema revision it was taken at is inside it too


def backup(store: Store) -> bytes:
    from edcal.store.values import HEAD_REVISION

    document = {"format": FORMAT, "version": VERSION, "schema": HEAD_REVISION,
                "taken_at": clock.now().isoformat(timespec="seconds"), "tables": store.dump()}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def read(data: str) -> dict[str, Any]:
    """The document, checked: an edcal backup this edcal can restore."""
    from edcal.store.values import HEAD_REVISION

    try:
        document = json.loads(data)
    except (json.JSONDecodeError, RecursionError):
        raise EdcalError("this file is not an edcal backup (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("tables"), dict):
        raise EdcalError("this file is not an edcal backup (edcal backup FILE writes one)")
    version, schema, taken = document.get("version"), document.get("schema"), document.get("taken_at")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise EdcalError(f"this backup's 'version' must be a whole number from 1, not {str(version)[:40]!r}")
    if not isinstance(schema, str) or not re.fullmatch(r"\d{4}", schema):
        raise EdcalError(f"this backup's 'schema' must be a schema revision such as '{HEAD_REVISION}', "
                         f"not {str(schema)[:40]!r}")
    if version > VERSION or schema > HEAD_REVISION:
        raise EdcalError(f"this backup was written by a newer edcal (backup version {version}, schema {schema}); "
                         "upgrade edcal to restore it")
    if not isinstance(taken, str) or read_instant(taken) is None:
        raise EdcalError(f"this backup's 'taken_at' must be the instant it was taken, with its UTC offset "
                         f"(2026-12-01T09:00:00+00:00), not {str(taken)[:40]!r}")
    return document


def restore(store: Store, data: str, *, replace: bool = False) -> dict[str, int]:
    """Restore the backup ``data`` (all or nothing). Returns the rows written by table."""
    from edcal.services.posts import keep_all

    written = store.restore(read(data)["tables"], replace=replace)
    keep_all(store)  # a backup holds no checks: they are made again
    return written
