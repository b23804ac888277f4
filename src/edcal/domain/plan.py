"""The channel plan held against the calendar, the time log and the results."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime

from edcal.domain import wording
from edcal.domain.models import RESULT_FIELDS as RESULT_FIELDS  # the numbers live with the post; said here too
from edcal.domain.models import Platform, Post, Severity, Status, TimeEntry
from edcal.domain.models import Results as Results
from edcal.domain.week import Week
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (the reading commands load this module)
if TYPE_CHECKING:
    from typing import Any

    from edcal.domain.rules import Report

OBJECTIVES = ("awareness", "sales", "loyalty", "leads", "community", "recruiting")
# Time spent with engagement near zero: at least this much time, and fewer engagements than this.
IDLE_MINUTES = 60
IDLE_ENGAGEMENTS = 5


@record
class Cadence:
    """A platform's week against its target: only what will go out (scheduled or published)
    counts; drafts are shown apart, ideas and skipped posts never count."""

    out: int
    drafts: int
    target: int

    @property
    def behind(self) -> bool:
        return self.out < self.target

    @property
    def label(self) -> str:
        """'2/3 posts'."""
        return f"{self.out}/{wording.count(self.target, 'post')}"

    @property
    def drafts_label(self) -> str:
        """'+1 draft', or '' without drafts."""
        return f"+{wording.count(self.drafts, 'draft')}" if self.drafts else ""

    @property
    def state(self) -> str:
        """'held', 'short' (under the target) or 'no target'."""
        return "no target" if not self.target else "short" if self.behind else "held"

    @property
    def short_by(self) -> int | None:
        """How many more posts the target asks for (0: held; None: no target)."""
        return max(self.target - self.out, 0) if self.target else None

    @property
    def verdict(self) -> str:
        """'held', 'short by 2' or 'no target', as the cadence report says it."""
        return f"short by {self.short_by}" if self.state == "short" else self.state


def cadence(posts: Iterable[Post], platform: Platform) -> Cadence:
    """``platform``'s cadence over ``posts`` (one week's)."""
    mine = [p.status for p in posts if p.platform == platform.key]
    out = sum(1 for status in mine if status in (Status.SCHEDULED, Status.PUBLISHED))
    return Cadence(out, mine.count(Status.DRAFT), platform.weekly_target or 0)


def counted_since(week: Week, since: date | None) -> bool:
    """Whether ``week`` is held against the minimum: it ends on or after ``since``, the day edcal
    was first used here (None: nothing recorded yet, no week is)."""
    return since is not None and week.end >= since


def time_state(minutes: int, minimum: int, *, counted: bool, ongoing: bool) -> str:
    """A week's logged time against the minimum: 'met'; 'before' (the week ended before edcal
    was first used here: never held against the minimum); 'open' (``ongoing``: this week or one
    to come, not short yet); else 'short'. What the report, the cadence report, the time screen
    and the month all say of a week."""
    if minutes >= minimum:
        return "met"
    if not counted:
        return "before"
    return "open" if ongoing else "short"


@record
class WeekCadence:
    """One week of the plan at a glance: each channel's cadence and the time against the minimum."""

    week: Week
    channels: tuple[tuple[Platform, Cadence], ...]
    minutes: int
    minimum: int
    counted: bool = True  # False: the week ended before edcal was first used here (nothing held against it)
    ongoing: bool = False  # this week or one to come: its time is not short yet

    @property
    def time_met(self) -> bool:
        return self.minutes >= self.minimum

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.minutes)

    @property
    def time(self) -> str:
        """The time against the minimum: 'met', 'before', 'open' or 'short' (time_state)."""
        return time_state(self.minutes, self.minimum, counted=self.counted, ongoing=self.ongoing)


def _week_numbers(weeks: Sequence[Week], tz: str) -> Callable[[datetime], int | None]:
    """Which of ``weeks`` (consecutive) an instant falls in, by its day on the viewer's clock."""
    from edcal.domain.dates import zone

    index = {week.start: n for n, week in enumerate(weeks)}
    first_weekday = weeks[0].start.weekday() if weeks else 0
    viewer = zone(tz)
    return lambda instant: index.get(Week.of(instant.astimezone(viewer).date(), first_weekday).start)


def cadence_weeks(weeks: Sequence[Week], platforms: Sequence[Platform], posts: Iterable[Post],
                  entries: Iterable[TimeEntry], minimum: int, tz: str, *, today: date,
                  since: date | None = date.min) -> list[WeekCadence]:
    """Each of ``weeks`` (consecutive) with each channel's cadence, counted as the week grid and
    lint count it, and its minutes: a post or an entry belongs to the week of its day on the
    viewer's clock (``tz``). Weeks that end before ``since`` (the day of the first activity;
    None: nothing recorded yet) are not counted; those that end on ``today`` or later are ongoing."""
    week_of = _week_numbers(weeks, tz)
    by_week: list[list[Post]] = [[] for _ in weeks]
    for post in posts:
        if post.scheduled_at is not None and (n := week_of(post.scheduled_at)) is not None:
            by_week[n].append(post)
    minutes = [0] * len(weeks)
    for entry in entries:
        if (n := week_of(entry.start)) is not None:
            minutes[n] += entry.minutes
    return [WeekCadence(week, tuple((p, cadence(by_week[n], p)) for p in platforms), minutes[n], minimum,
                        counted=counted_since(week, since), ongoing=week.end >= today)
            for n, week in enumerate(weeks)]


def weekly_figures(weeks: Sequence[Week], platforms: Sequence[Platform], posts: Sequence[Post],
                   entries: Sequence[TimeEntry], results: Mapping[int | None, Results],
                   tz: str) -> dict[str, list[PlatformFigures]]:
    """Per channel on, its figures (plan_report's) week by week: what the plan screen's
    sparklines draw."""
    week_of = _week_numbers(weeks, tz)
    posts_in: list[list[Post]] = [[] for _ in weeks]
    entries_in: list[list[TimeEntry]] = [[] for _ in weeks]
    for post in posts:
        if post.scheduled_at is not None and (n := week_of(post.scheduled_at)) is not None:
            posts_in[n].append(post)
    for entry in entries:
        if (n := week_of(entry.start)) is not None:
            entries_in[n].append(entry)
    per_week = [{f.key: f for f in plan_report(platforms, posts_in[n], entries_in[n], results)}
                for n in range(len(weeks))]
    return {p.key: [week[p.key] for week in per_week] for p in platforms if p.enabled}


@record
class Finding:
    severity: Severity
    code: str
    message: str
    post_id: int | None = None

    def line(self) -> str:
        where = f" (post {self.post_id})" if self.post_id else ""
        return f"{self.severity}: {self.code}: {self.message}{where}"


@record(frozen=False)
class PlatformFigures:
    key: str
    name: str
    planned: int = 0
    published: int = 0
    minutes: int = 0
    totals: dict[str, int] = field(default_factory=lambda: {f: 0 for f in RESULT_FIELDS})
    measured: int = 0  # published posts with any result recorded
    flags: list[str] = field(default_factory=list)

    def per_hour(self, name: str) -> float | None:
        return round(self.totals[name] / (self.minutes / 60), 2) if self.minutes else None

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.key, "name": self.name, "planned": self.planned, "published": self.published,
                "minutes": self.minutes, **self.totals, "measured_posts": self.measured,
                "engagements_per_hour": self.per_hour("engagements"), "reach_per_hour": self.per_hour("reach"),
                "flags": self.flags}


def plan_flags(platforms: Iterable[Platform]) -> list[Finding]:
    return [Finding(Severity.WARNING, "no_reason", f"{p.name} is enabled without a reason to be there; "
                    "say why in the channel plan")
            for p in platforms if p.enabled and not (p.reason or "").strip()]


def plan_report(platforms: Sequence[Platform], posts: Sequence[Post], entries: Sequence[TimeEntry],
                results: Mapping[int | None, Results]) -> list[PlatformFigures]:
    """Per platform over a period: planned and published posts, minutes, results, flags."""
    figures = {p.key: PlatformFigures(p.key, p.name) for p in platforms if p.enabled}
    for post in posts:
        row = figures.get(post.platform)
        if row is None or not post.status.in_plan:
            continue
        row.planned += 1
        if post.status is Status.PUBLISHED:
            row.published += 1
            result = results.get(post.id)
            if result:
                row.measured += 1
                for name in RESULT_FIELDS:
                    row.totals[name] += getattr(result, name) or 0
    for entry in entries:
        if entry.platform in figures:
            figures[entry.platform].minutes += entry.minutes
    reasons = {p.key: (p.reason or "").strip() for p in platforms}
    for row in figures.values():
        if not reasons.get(row.key):
            row.flags.append("no_reason")
        if row.minutes >= IDLE_MINUTES and row.totals["engagements"] < IDLE_ENGAGEMENTS:
            row.flags.append("time_without_engagement")
        if row.published and not row.measured:
            row.flags.append("no_results_recorded")
    return list(figures.values())


def lint_week(*, platforms: Sequence[Platform], posts: Sequence[Post], reports: Mapping[int | None, Report],
              minutes: int, minimum: int, week_over: bool, counted: bool = True) -> list[Finding]:
    """Everything wrong with one week's plan, errors first.

    ``reports`` maps a post id to its rules Report. A week still in progress is not held
    against the minimum of time yet (a warning instead of an error); a week that ended before
    the first activity (not ``counted``) is not held against it at all.
    """
    findings: list[Finding] = []
    by_id = {p.id: p for p in posts}
    for post in posts:
        report = reports.get(post.id)
        if report is None:
            continue
        for v in report.violations:
            # a draft that breaks a rule is work to do, not yet a failure
            severity = v.severity if post.status is Status.SCHEDULED else Severity.WARNING
            findings.append(Finding(severity, v.code, f"{post.platform}: {v.message}", post.id))
    from edcal.domain.rules.duplicates import find_duplicates  # the rules engine: loaded when a week is linted

    for pair in find_duplicates((p.id, p.platform, "\n\n".join(p.parts)) for p in posts if p.status != "skipped"):
        a, b = by_id[pair.first], by_id[pair.second]
        if a.idea and a.idea == b.idea:  # a variant made by adapt, its text not changed (enough) yet
            message = (f"posts {a.id} on {a.platform} and {b.id} on {b.platform} are variants of one idea "
                       "with the same text: adapt each to its platform")
        else:
            message = (f"the same text is planned on {a.platform} and {b.platform} "
                       f"(posts {a.id} and {b.id}); adapt it to each platform")
        findings.append(Finding(Severity.WARNING, "duplicate_text", message, b.id))
    for platform in platforms:
        if not platform.enabled or not platform.weekly_target:
            continue
        week = cadence(posts, platform)
        if week.behind:
            drafts = f" ({wording.count(week.drafts, 'draft')} not scheduled yet)" if week.drafts else ""
            findings.append(Finding(Severity.WARNING, "cadence_gap", f"{platform.name}: {week.out} of "
                                    f"{wording.count(week.target, 'post')} scheduled or published{drafts}"))
    findings += plan_flags(platforms)
    time = time_state(minutes, minimum, counted=counted, ongoing=not week_over)
    if time in ("short", "open"):
        findings.append(Finding(Severity.ERROR if time == "short" else Severity.WARNING, "time_below_minimum",
                                f"{minutes} of {minimum} minutes logged" + (" so far" if time == "open" else "")))
    return sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.code))
