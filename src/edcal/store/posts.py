"""Posts and their media."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col

from edcal.domain.models import (
    Media,
    Platform,
    Post,
)
from edcal.domain.plan import RESULT_FIELDS, Results
from edcal.errors import ConflictError
from edcal.store.platforms import PlatformStore
from edcal.store.rows import require, utc_now
from edcal.store.tables import (
    MEDIA,
    PLATFORM,
    POST,
    RESULT,
    MediaRow,
    PostRow,
)
from edcal.store.values import thread_column, to_post


class PostStore(PlatformStore):
    @staticmethod
    def _validate(post: Post) -> None:
        """What the tables themselves need; the rules are the services' (edcal.services.posts)."""
        if post.scheduled_at is not None and post.scheduled_at.tzinfo is None:
            raise ValueError("scheduled_at must be aware")

    def _fill_post_row(self, row: PostRow, post: Post) -> None:
        for name, value in self._post_values(post).items():
            setattr(row, name, value)

    def import_posts(self, posts: Iterable[Post], *, channels: Iterable[Platform] = (),
                     results: Mapping[str, Results] | None = None) -> tuple[int, int]:
        """Add each post, or update the one with its uid (a uid twice in the batch: the last
        row wins); first add ``channels`` (platform rows this database lacks), and record the
        ``results`` given by uid. A post added keeps its revision and times when it has them.
        All in one transaction, so an import that fails or is stopped half-way changes nothing;
        written in bulk, a few statements per thousand posts. Returns (added, updated)."""
        by_uid: dict[str, Post] = {}
        repeated = 0
        for post in posts:
            self._validate(post)
            uid = post.uid or uuid.uuid4().hex
            repeated += uid in by_uid
            by_uid[uid] = post
        now = utc_now()
        with self.session() as s:
            count = s.scalar(select(func.count()).select_from(PLATFORM)) or 0
            for order, channel in enumerate(channels, count):
                s.execute(insert(PLATFORM).values(key=channel.key, name=channel.name, profile=channel.profile,
                                                  handle=channel.handle, enabled=True, sort_order=order))
            for key in dict.fromkeys(p.platform for p in by_uid.values()):
                self._ensure_platform(s, key)
            ids = self._ids_by_uid(s, list(by_uid))
            new = [uid for uid in by_uid if uid not in ids]
            old = [uid for uid in by_uid if uid in ids]
            if new:
                s.execute(insert(POST), [{**self._post_values(post), "uid": uid, "created_utc": post.created_at or now,
                                          "updated_utc": post.updated_at or now, "revision": post.revision or 1}
                                         for uid in new for post in (by_uid[uid],)])
                ids.update(self._ids_by_uid(s, new))
            if old:
                s.execute(update(POST).where(POST.c.id == bindparam("old_id")).values(revision=POST.c.revision + 1),
                          [{**self._post_values(by_uid[uid]), "updated_utc": now, "old_id": ids[uid]} for uid in old])
                for start in range(0, len(old), 500):
                    s.execute(delete(MEDIA).where(MEDIA.c.post_id.in_([ids[uid] for uid in old[start : start + 500]])))
            media = [{"post_id": ids[uid], "position": i, "kind": m.kind, "location": m.location, "alt": m.alt}
                     for uid, post in by_uid.items() for i, m in enumerate(post.media)]
            if media:
                s.execute(insert(MEDIA), media)
            numbers = [(ids[uid], found) for uid, found in (results or {}).items() if uid in ids]
            for start in range(0, len(numbers), 500):
                s.execute(delete(RESULT).where(RESULT.c.post_id.in_([i for i, _ in numbers[start : start + 500]])))
            if numbers:
                s.execute(insert(RESULT), [{"post_id": post_id, "recorded_utc": now,
                                            **{f: getattr(found, f) for f in RESULT_FIELDS}}
                                           for post_id, found in numbers])
            s.commit()
        return len(new), len(old) + repeated

    @staticmethod
    def _ids_by_uid(s: Session, uids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(uids), 500):
            query = select(POST.c.uid, POST.c.id).where(POST.c.uid.in_(uids[start : start + 500]))
            found.update((uid, post_id) for uid, post_id in s.execute(query))
        return found

    @staticmethod
    def _post_values(post: Post) -> dict[str, Any]:
        """A post's columns, as the post table holds them (not its id, uid or bookkeeping)."""
        return {"platform": post.platform.lower(), "scheduled_utc": post.scheduled_at, "tz": post.tz,
                "fold": post.fold, "title": post.title, "body": post.body or "", "link": post.link,
                "status": post.status, "campaign": post.campaign, "notes": post.notes,
                "published_url": post.published_url, "series_id": post.series_id, "slot_date": post.slot_date,
                "thread": thread_column(post.thread), "idea": post.idea, "checked": post.checked}

    def add_post(self, post: Post) -> Post:
        """Insert a post (and its platform's row, when it is the first post there)."""
        self._validate(post)
        with self.session() as s:
            row, media = self._insert(s, post, utc_now())
            s.commit()
            return to_post(row, media)

    def _insert(self, s: Session, post: Post, now: datetime) -> tuple[PostRow, list[MediaRow]]:
        row = PostRow(
            uid=post.uid or uuid.uuid4().hex, platform=self._ensure_platform(s, post.platform),
            scheduled_utc=post.scheduled_at, tz=post.tz, fold=post.fold, title=post.title,
            body=post.body or "", link=post.link, status=post.status, campaign=post.campaign,
            notes=post.notes, published_url=post.published_url, thread=thread_column(post.thread), idea=post.idea,
            checked=post.checked, created_utc=post.created_at or now, updated_utc=now, series_id=post.series_id,
            slot_date=post.slot_date,
        )
        s.add(row)
        s.flush()
        return row, self._replace_media(s, self._id(row), post.media)

    def add_variants(self, original: Post, variants: list[Post]) -> tuple[Post, list[Post]]:
        """In one transaction: give ``original`` its idea key (its uid) if it has none, and add
        ``variants`` under that key; refused when the idea already has a post on one of their
        platforms (another process may have adapted it meanwhile)."""
        if original.id is None:
            raise ValueError("add_variants needs a stored post")
        for post in variants:
            self._validate(post)
        now = utc_now()
        with self.session() as s:
            self._one_writer(s, "ideas")
            row = require(s, PostRow, original.id, f"post {original.id} does not exist (deleted elsewhere?)")
            idea = row.idea or row.uid
            taken = {r.platform: r.id for r in s.scalars(select(PostRow).where(col(PostRow.idea) == idea))}
            for post in variants:
                if post.platform in taken or post.platform == row.platform:
                    raise ConflictError(f"post {original.id} already has a variant on {post.platform}: post "
                                        f"{taken.get(post.platform, original.id)}")
            if row.idea is None:
                row.idea, row.updated_utc = idea, now
            added = [self._insert(s, post.with_changes(idea=idea), now) for post in variants]
            s.flush()
            original_media = s.scalars(select(MediaRow).where(col(MediaRow.post_id) == original.id)).all()
            s.commit()
            return to_post(row, original_media), [to_post(r, m) for r, m in added]

    def _replace_media(self, s: Session, post_id: int, media: Iterable[Media]) -> list[MediaRow]:
        s.execute(delete(MediaRow).where(col(MediaRow.post_id) == post_id))
        rows = [MediaRow(post_id=post_id, position=i, kind=m.kind, location=m.location, alt=m.alt)
                for i, m in enumerate(media)]
        s.add_all(rows)
        return rows

    def update_post(self, post: Post) -> Post:
        """Save changes to a post read earlier; ConflictError if it changed since."""
        if post.id is None:
            raise ValueError("update_post needs a post with an id")
        self._validate(post)
        with self.session() as s:
            row = require(s, PostRow, post.id, f"post {post.id} does not exist (deleted elsewhere?)")
            self._ensure_platform(s, post.platform)
            if row.revision != post.revision:
                raise ConflictError(
                    f"post {post.id} was changed elsewhere (revision {row.revision}, you had "
                    f"{post.revision}); reload it and apply your change again"
                )
            self._fill_post_row(row, post)
            row.updated_utc = utc_now()
            try:  # the row's UPDATE names the revision read: 0 rows means another save came first
                media = self._replace_media(s, self._id(row), post.media)  # flushes the row first
                s.commit()
            except StaleDataError:
                raise ConflictError(
                    f"post {post.id} was changed elsewhere while saving; reload it and apply your change again"
                ) from None
            return to_post(row, media)

    def keep_checks(self, reports: Mapping[int, tuple[int, str]]) -> None:
        """Keep reports checked afresh with their posts (post id: its revision, the kept text).
        A cache: neither the revision nor the time of change moves, and a post saved meanwhile
        (another revision) keeps nothing."""
        if not reports:
            return
        with self.session() as s:
            s.execute(update(POST).where(POST.c.id == bindparam("post_id"), POST.c.revision == bindparam("read"))
                      .values(checked=bindparam("kept")),
                      [{"post_id": i, "read": revision, "kept": text} for i, (revision, text) in reports.items()])
            s.commit()

    def get_post(self, post_id: int) -> Post:
        with self.session() as s:
            row = require(s, PostRow, post_id, f"there is no post {post_id}")
            media = s.scalars(select(MediaRow).where(col(MediaRow.post_id) == post_id)).all()
            return to_post(row, media)

    def post_by_uid(self, uid: str) -> Post | None:
        return self.posts_by_uid([uid]).get(uid)

    def posts_by_uid(self, uids: Iterable[str]) -> dict[str, Post]:
        """The posts with these uids, by uid."""
        wanted, found = list(dict.fromkeys(uids)), []
        with self.session() as s:
            for start in range(0, len(wanted), 500):
                query = select(POST).where(POST.c.uid.in_(wanted[start:start + 500]))
                found += self._with_media(s, self._rows(s, query))
        return {p.uid: p for p in found if p.uid}

    def delete_post(self, post_id: int) -> None:
        with self.session() as s:
            row = require(s, PostRow, post_id, f"there is no post {post_id}")
            s.delete(row)
            s.commit()

    @staticmethod
    def _id(row: PostRow) -> int:
        assert row.id is not None, "a post row has its id once flushed"
        return row.id

    def _with_media(self, s: Session, rows: list[Row[Any]]) -> list[Post]:
        by_post: dict[int, list[Row[Any]]] = {}
        ids = [r.id for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for m in s.execute(select(MEDIA).where(MEDIA.c.post_id.in_(chunk))):
                by_post.setdefault(m.post_id, []).append(m)
        return [to_post(r, by_post.get(r.id, ())) for r in rows]

    def _rows(self, s: Session, query: Select[Any]) -> list[Row[Any]]:
        """Plain result rows: listing thousands of posts needs no ORM identity map."""
        return list(s.execute(query))

    def posts_between(self, start: datetime, end: datetime, platforms: Iterable[str] | None = None,
                      statuses: Iterable[str] | None = None) -> list[Post]:
        """Scheduled-time posts with ``start <= time < end``, in time order."""
        with self.session() as s:
            post = POST.c
            query = (select(POST).where(post.scheduled_utc >= start, post.scheduled_utc < end)
                     .order_by(post.scheduled_utc, post.id))
            if platforms:
                query = query.where(post.platform.in_([p.lower() for p in platforms]))
            if statuses:
                query = query.where(post.status.in_(list(statuses)))
            return self._with_media(s, self._rows(s, query))

    def backlog(self) -> list[Post]:
        """Ideas and drafts without a date, newest first."""
        with self.session() as s:
            post = POST.c
            query = (select(POST).where(post.scheduled_utc.is_(None))
                     .order_by(post.created_utc.desc(), post.id.desc()))
            return self._with_media(s, self._rows(s, query))

    def all_posts(self) -> list[Post]:
        with self.session() as s:
            return self._with_media(s, self._rows(s, select(POST).order_by(POST.c.id)))

    def idea_posts(self, *ideas: str) -> list[Post]:
        """The posts adapted from these ideas (their variants, the first included), in id order."""
        wanted, found = list(dict.fromkeys(ideas)), []
        with self.session() as s:
            for start in range(0, len(wanted), 500):
                query = select(POST).where(POST.c.idea.in_(wanted[start:start + 500]))
                found += self._with_media(s, self._rows(s, query))
        return sorted(found, key=lambda p: p.id or 0)

    def campaigns(self) -> list[str]:
        """Every campaign a post names, in alphabetical order."""
        with self.session() as s:
            query = select(POST.c.campaign).where(POST.c.campaign.is_not(None)).distinct()
            return sorted(s.scalars(query), key=str.casefold)

    def post_counts(self) -> dict[str, int]:
        """How many posts each platform (channel) holds, by key."""
        with self.session() as s:
            return {key: n for key, n in s.execute(select(POST.c.platform, func.count()).group_by(POST.c.platform))}

    def count_posts(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(PostRow)) or 0
