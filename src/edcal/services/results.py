"""A published post's numbers: from the editor, `edcal results` or a CSV file, one rule for all."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from edcal.domain.models import Post, Status
from edcal.domain.plan import RESULT_FIELDS, Results
from edcal.errors import EdcalError, NotFoundError

if TYPE_CHECKING:
    from edcal.store.repo import Store


def require_published(post: Post) -> None:
    """Results exist once a post is out: any other status is refused, on every path."""
    if post.status is not Status.PUBLISHED:
        raise EdcalError(f"post {post.id} is {post.status}, not published; results come once it is out")


def record(store: Store, results: Results, *, merge: bool = True) -> Results:
    """Record a post's numbers. With ``merge`` blank numbers keep the recorded ones (the CLI);
    without, the numbers given are the whole record (the editor's form shows all four)."""
    post = store.get_post(results.post_id)
    require_published(post)
    merged = _merged(store, results) if merge else results
    store.save_results([merged])
    return merged


def _merged(store: Store, results: Results) -> Results:
    current = store.results([results.post_id]).get(results.post_id) or Results(results.post_id)
    return Results(results.post_id, *(getattr(results, f) if getattr(results, f) is not None else getattr(current, f)
                                      for f in RESULT_FIELDS))


def _number(value: str, name: str, where: str) -> int | None:
    value = (value or "").strip().replace(",", "").replace("_", "")
    if not value:
        return None
    if not value.isdigit():
        raise EdcalError(f"{where}: {name} must be a whole number, not '{value}'")
    return int(value)


def _post_of(store: Store, row: dict[str, str], where: str) -> Post:
    ident = (row.get("post") or row.get("post_id") or row.get("id") or "").strip()
    uid = (row.get("uid") or "").strip()
    post = store.post_by_uid(uid) if uid else None
    if not uid and ident.isdigit():
        try:
            post = store.get_post(int(ident))
        except NotFoundError:
            post = None
    if post is None:
        raise EdcalError(f"{where}: no post {uid or ident or '(missing id)'}")
    return post


def record_csv(store: Store, text: str) -> list[Results]:
    """Every row checked first (the post exists and is published, numbers are whole); then
    all of them recorded in one transaction, or none."""
    parsed, errors = [], []
    for n, raw in enumerate(csv.DictReader(io.StringIO(text)), 2):
        row = {(k or "").strip().lower(): (v or "") for k, v in raw.items()}
        where = f"line {n}"
        try:
            post = _post_of(store, row, where)
            try:
                require_published(post)
            except EdcalError as exc:
                raise EdcalError(f"{where}: {exc}") from None
            parsed.append(_merged(store, Results(post.id or 0, *(_number(row.get(f, ""), f, where)
                                                                  for f in RESULT_FIELDS))))
        except EdcalError as exc:
            errors.append(str(exc))
    if errors:
        raise EdcalError("; ".join(errors) + "; nothing was recorded")
    store.save_results(parsed)
    return parsed
