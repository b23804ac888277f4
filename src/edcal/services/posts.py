"""Posts: add, edit, move, adapt to other platforms, split into a thread, fill a slot, delete.

The rules run once, where the post is saved, and their report comes back with it and is kept
with the post (``Post.checked``): reading it again needs no rules engine while the rules and
profiles are those it was computed with (``edcal.domain.checked``).
"""

from __future__ import annotations

from collections.abc import Sequence

from edcal.domain import clock
from edcal.domain.checked import Report, RuleError, keep, kept, rules_stamp
from edcal.domain.dates import WallTime, ago, format_wall
from edcal.domain.models import Platform, Post, Status
from edcal.domain.schema import check_storable
from edcal.errors import EdcalError, PastError
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from edcal.domain.plan import Results
    from edcal.store.read import Reads
    from edcal.store.repo import Store


@record
class Saved:
    """A post as the database now holds it, with the rule report it was saved with."""

    post: Post
    report: Report
    warnings: tuple[str, ...] = field(default=())  # said once, not kept: e.g. a time gone by


def rule_report(store: Reads, post: Post, platform: Platform | None = None) -> Report:
    """Count and check ``post`` against its platform's rule profile (a thread's parts each)."""
    from edcal.domain.rules import combine

    platform = platform or store.get_platform(post.platform)
    return combine(part_reports(store, post, platform), store.profiles[platform.profile])


def part_reports(store: Reads, post: Post, platform: Platform | None = None) -> list[Report]:
    """The report of each part of ``post``: one for a single post, one a part for a thread."""
    from edcal.domain.rules import thread_reports

    platform = platform or store.get_platform(post.platform)
    return thread_reports(post.parts, platform.profile, title=post.title, media=post.media, link=post.link,
                          profiles=store.profiles)


def stamp(store: Reads, platform: Platform) -> str:
    """What a report of a post on ``platform`` is computed with (see ``edcal.domain.checked``)."""
    return rules_stamp(store.config.profiles, platform.profile)


def last_report(store: Reads, post: Post, platform: Platform | None = None) -> Report:
    """The post's report: the one kept with it when the rules are still those it was computed
    with, else a fresh check."""
    platform = platform or store.get_platform(post.platform)
    return kept(post.checked, stamp(store, platform)) or rule_report(store, post, platform)


def keep_all(store: Store) -> None:
    """Check every post whose kept report is missing or stale, and keep it (after a restore or
    the demo's bulk writes), so that reading commands find them all."""
    reports(store, store.all_posts())


Fresh = dict[int, tuple[int, str]]  # reports checked afresh, to keep: post id -> (revision, report)


def reports(store: Reads, posts: list[Post], fresh: Fresh | None = None) -> dict[int | None, Report]:
    """The rule reports of many posts (kept ones where they hold), looking each platform up once.
    On a store that writes (the TUI's), the reports checked afresh are kept with their posts; or,
    given ``fresh``, gathered there for ``keep_reports`` to keep later (once the week is shown)."""
    platforms: dict[str, Platform] = {p.key: p for p in store.platforms()}
    out: dict[int | None, Report] = {}
    later, fresh = fresh is not None, {} if fresh is None else fresh
    for post in posts:
        platform = platforms.get(post.platform) or store.get_platform(post.platform)
        signed = stamp(store, platform)
        report = kept(post.checked, signed)
        if report is None:
            report = rule_report(store, post, platform)
            if post.id is not None:
                fresh[post.id] = (post.revision, keep(report, signed))
        out[post.id] = report
    if not later:
        keep_reports(store, fresh)
    return out


def keep_reports(store: Reads, fresh: Fresh) -> None:
    """Keep reports checked afresh with their posts (see ``reports``)."""
    keep_checks = getattr(store, "keep_checks", None)  # the read path has none: reading writes nothing
    if fresh and keep_checks is not None:
        keep_checks(fresh)


def validate(store: Store, post: Post, platform: Platform | None = None) -> Report:
    """The post's report; raises when it cannot be saved as it is (a scheduled post needs a
    date and must keep every rule)."""
    check_storable(post)
    platform = platform or store.get_platform(post.platform)
    report = rule_report(store, post, platform)
    if post.status is Status.SCHEDULED:
        if post.scheduled_at is None:
            raise EdcalError("a scheduled post needs a date and time; give one or save it as a draft")
        if not report.ok:
            raise RuleError(report, store.profiles[platform.profile].name)
    return report


def _gone_by(store: Store, post: Post, past: bool) -> tuple[str, ...]:
    """A warning when the save plans ``post`` at a time already gone (published posts are
    records of the past and say nothing). A scheduled one is refused unless ``past``
    confirms it. A post already planned there, untouched in time and status, passes quietly."""
    if post.scheduled_at is None or post.status is Status.PUBLISHED:
        return ()
    gone = ago(post.scheduled_at, clock.now())
    if gone is None:
        return ()
    if post.id is not None:
        stored = store.get_post(post.id)
        if stored.scheduled_at == post.scheduled_at and stored.status is post.status:
            return ()
    local = post.local_time()
    when = format_wall(local, weekday=True) if local else "this time"
    if post.status is Status.SCHEDULED and not past:
        raise PastError(when, gone)
    return (f"{when} is {gone}",)


def save(store: Store, post: Post, *, past: bool = False) -> Saved:
    """Add ``post`` (no id) or save changes to it (the revision it was read at guards against
    overwriting someone else's change). Scheduling it for a time gone by needs ``past``."""
    platform = store.get_platform(post.platform)
    post = post.with_changes(platform=platform.key)
    report = validate(store, post, platform)
    warnings = _gone_by(store, post, past)
    post = post.with_changes(checked=keep(report, stamp(store, platform)))
    saved = store.update_post(post) if post.id is not None else store.add_post(post)
    return Saved(saved, report, warnings)


def move(store: Store, post: Post, to: WallTime) -> Saved:
    """Plan ``post`` at another wall time, in that wall time's zone. An idea given its first
    date becomes a draft: it is on the calendar now, to be finished and scheduled."""
    status = Status.DRAFT if post.status is Status.IDEA and post.scheduled_at is None else post.status
    return save(store, post.with_changes(scheduled_at=to.utc, tz=str(to.local.tzinfo), fold=to.fold, status=status))


def thread_of(store: Reads, platform: str, text: str, *, cut: bool, numbering: str = "1/n") -> tuple[str, ...]:
    """A thread's parts from ``text`` for the platform ``platform`` (a key): cut where the
    platform's count needs it (``cut``), or as written, parts separated by a line "---"."""
    from edcal.domain.rules.thread import resplit
    from edcal.domain.thread_text import THREAD_PLATFORMS, split_parts

    profile = store.profiles[store.get_platform(platform).profile]
    if cut:
        parts = tuple(part.text for part in resplit(text, profile.key, numbering=numbering, profiles=store.profiles))
        if not parts:
            raise EdcalError("there is no text to split")
        return parts
    parts = split_parts(text)
    if len(parts) > 1 and profile.key not in THREAD_PLATFORMS:
        raise EdcalError(f"{profile.name} has no threads (a line --- separates parts on "
                         f"{', '.join(THREAD_PLATFORMS)}); write it as one post")
    return parts


class NotEnabled(EdcalError):
    """Adapting to platforms that are not enabled: enabling them is the caller's to offer."""

    def __init__(self, platforms: list[Platform]) -> None:
        self.platforms = platforms
        names = " and ".join(p.name for p in platforms)
        super().__init__(f"{names} {'is' if len(platforms) == 1 else 'are'} not enabled")


def variant(post: Post, platform: Platform, profile_key: str) -> Post:
    """A draft of ``post`` for ``platform``: the same time, title, text, link, media and campaign
    as a starting point (a thread's parts kept where the platform has threads, joined where it
    has none), to adapt to that platform's codes; until its text changes it reads as a copy."""
    from edcal.domain.rules.thread import unnumbered
    from edcal.domain.thread_text import THREAD_PLATFORMS

    parts = post.parts
    if post.thread and profile_key not in THREAD_PLATFORMS:
        parts = ("\n\n".join(unnumbered(part) for part in parts),)
    return Post(platform=platform.key, body=parts[0], thread=parts[1:], title=post.title, link=post.link,
                status=Status.DRAFT if post.scheduled_at else Status.IDEA, scheduled_at=post.scheduled_at,
                tz=post.tz, fold=post.fold, campaign=post.campaign, media=post.media)


def adapt(store: Store, post_id: int, to: Sequence[str], *, enable: bool = False) -> list[Saved]:
    """Variants of post ``post_id`` for the channels ``to`` (keys, names or handles, or platforms
    not used yet), linked to it by
    one idea key, each checked by its own profile. Platforms not enabled raise NotEnabled
    unless ``enable``, which enables them (after those already on)."""
    from edcal.services.channels import target

    post = store.get_post(post_id)
    platforms = list({p.key: p for p in (target(store, name) for name in to)}.values())
    if not platforms:
        raise EdcalError("name at least one platform to adapt the post to")
    if any(p.key == post.platform for p in platforms):
        raise EdcalError(f"post {post_id} is on {post.platform} already; adapt it to other platforms")
    on = [p.key for p in store.platforms(enabled_only=True)]  # a profile never used yet is not on either
    off = [p for p in platforms if p.key not in on]
    if off and not enable:
        raise NotEnabled(off)
    if off:
        store.enable_platforms([*on, *(p.key for p in off)])
    _, added = store.add_variants(post, [variant(post, p, p.profile) for p in platforms])
    return [Saved(saved, rule_report(store, saved, platform)) for saved, platform in zip(added, platforms, strict=True)]


def get(store: Reads, post_id: int) -> Post:
    """Post ``post_id`` as the database holds it now (NotFound when it is gone)."""
    return store.get_post(post_id)


def with_results(store: Reads, post_id: int) -> tuple[Post, Results | None]:
    """Post ``post_id`` and its recorded results (None: none recorded), as the editor opens them."""
    return store.get_post(post_id), store.results([post_id]).get(post_id)


def idea_of(store: Reads, post_id: int) -> list[Post]:
    """The posts made from the same idea as post ``post_id``, in id order (itself alone when
    it has no variant)."""
    post = store.get_post(post_id)
    return store.idea_posts(post.idea) if post.idea else [post]


def publish(store: Store, post_id: int, url: str | None = None) -> Saved:
    """Mark a post published: it went out (at ``url``, when given). Without a date, or ahead of
    it, it went out now."""
    post = store.get_post(post_id)
    if post.status is Status.PUBLISHED:
        raise EdcalError(f"post {post_id} is already marked published")
    url = (url or "").strip() or None
    if url is not None and not url.lower().startswith(("https://", "http://")):
        raise EdcalError(f"the published post's URL starts with https:// (got '{url}')")
    changes: dict[str, object] = {"status": Status.PUBLISHED, "published_url": url or post.published_url}
    now = clock.now().replace(second=0, microsecond=0)
    if post.scheduled_at is None or post.scheduled_at > now:
        changes.update(scheduled_at=now, tz=post.tz or store.settings().timezone, fold=0)
    return save(store, post.with_changes(**changes))


def delete(store: Store, post_id: int) -> Post:
    """Delete a post; returns it as it was."""
    post = store.get_post(post_id)
    store.delete_post(post_id)
    return post

