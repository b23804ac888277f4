"""Posts as files and scripts see them (``domain.schema``): each with what people call its
channel, the channel itself (so an import elsewhere recreates it) and a published post's
numbers. One home for `list --json`, `show --json`, `add --json` and `export csv|json`."""

from __future__ import annotations

from collections.abc import Sequence

from edcal.domain.models import Post, Status
from edcal.domain.schema import post_record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

    from edcal.store.read import Reads

_FEW = 500  # up to this many posts, their results are read by id; past it, all at once


def records(store: Reads, posts: Sequence[Post]) -> list[dict[str, Any]]:
    from edcal.services.channels import labels

    names = labels(store)
    channels = {p.key: p for p in store.platforms()}
    published = [p.id for p in posts if p.status is Status.PUBLISHED and p.id is not None]
    numbers = (store.results(published) if len(published) <= _FEW else store.results()) if published else {}
    return [post_record(p, names.get(p.platform), channels.get(p.platform), numbers.get(p.id)) for p in posts]


def posts_file(store: Reads, posts: Sequence[Post], fmt: str) -> str:
    """``posts`` as a posts file: ``fmt`` "csv" or "json" (export csv|json)."""
    from edcal.export import tabular

    found = records(store, posts)
    return tabular.to_csv(found) if fmt == "csv" else tabular.to_json(found)
