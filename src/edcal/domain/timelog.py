"""Time spent on social media, week by week, against a weekly minimum."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from edcal.domain import charts, wording
from edcal.domain.dates import format_minutes, span_words, zone
from edcal.domain.models import ACTIVITIES, ACTIVITY_LABELS, TimeEntry
from edcal.domain.plan import counted_since, time_state
from edcal.domain.week import Week
from edcal.errors import UsageError
from edcal.record import field, record

TYPE_CHECKING = False  # typing's, without importing typing (4 ms a command)
if TYPE_CHECKING:
    from typing import Any

ALIASES = {"research": "ideas", "idea": "ideas", "trend": "trends", "trend watching": "trends",
           "visual": "visuals", "images": "visuals", "ad": "ads", "replies": "engagement",
           "stats": "analytics", "publish": "publishing", "write": "writing"}


def activity_key(text: str) -> str:
    """The activity named by ``text`` (a key, its label or a common alias)."""
    key = text.strip().lower()
    key = ALIASES.get(key, key)
    for name, label in ACTIVITY_LABELS.items():
        if key == label:
            key = name
    if key not in ACTIVITIES:
        raise UsageError(f"unknown activity '{text}'; use one of: {', '.join(ACTIVITIES)}")
    return key


@record
class WeekTotal:
    week: Week
    minutes: int
    minimum: int
    by: dict[str, int] = field(default_factory=dict)
    counted: bool = True  # False: the week ended before edcal was first used, so it is not held against the minimum

    @property
    def met(self) -> bool:
        return self.minutes >= self.minimum

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.minutes)

    def state(self, current: Week | None) -> str:
        """``time_state`` of the week, ``current`` being the week holding today."""
        return time_state(self.minutes, self.minimum, counted=self.counted,
                          ongoing=current is not None and self.week >= current)


def week_totals(entries: Iterable[TimeEntry], weeks: Sequence[Week], *, tz: str, minimum: int,
                by: str = "activity", since: date | None = date.min) -> list[WeekTotal]:
    """Minutes per week for each of ``weeks`` (weeks without time count zero); an entry
    belongs to the week of its local start date. Weeks that end before ``since`` (the day of
    the first activity; None: nothing recorded yet) are not counted."""
    where = zone(tz)
    split: dict[Week, Counter[str]] = {w: Counter() for w in weeks}
    for entry in entries:
        day = entry.start.astimezone(where).date()
        week = next((w for w in weeks if day in w), None)
        if week is None:
            continue
        split[week][entry.activity if by == "activity" else (entry.platform or "(none)")] += entry.minutes
    return [WeekTotal(w, sum(split[w].values()), minimum, dict(sorted(split[w].items())),
                      counted=counted_since(w, since)) for w in weeks]


def streak(totals: Sequence[WeekTotal], current: Week | None = None) -> int:
    """Consecutive weeks that met the minimum, counting back from the newest.

    The current week (``current``) is still open: it extends the streak when already met,
    and does not break it when not yet met. The streak starts with the first counted week.
    """
    count = 0
    for total in sorted(totals, key=lambda t: t.week, reverse=True):
        if not total.counted:
            break
        if total.met:
            count += 1
        elif total.week == current:
            continue
        else:
            break
    return count


def report(totals: Sequence[WeekTotal], *, current: Week | None, hourly_rate: float | None,
           by: str, currency: str | None = None) -> dict[str, Any]:
    """The report as plain data: what --json prints and --csv flattens. A week before the
    first activity has ``counted`` false and ``met`` null."""
    total = sum(t.minutes for t in totals)
    weeks = []
    for t in totals:
        row = {"week_start": t.week.start.isoformat(), "label": t.week.label, "minutes": t.minutes,
               "minimum": t.minimum, "counted": t.counted, "met": t.met if t.counted else None,
               "missing": t.missing if t.counted else 0, "current": t.week == current,
               "state": t.state(current), "by_" + by: t.by}
        if hourly_rate is not None:
            row["cost"] = round(t.minutes / 60 * hourly_rate, 2)
        weeks.append(row)
    out = {"by": by, "weeks": weeks, "total_minutes": total,
           "weeks_counted": sum(1 for t in totals if t.counted),
           "weeks_met": sum(1 for t in totals if t.counted and t.met), "streak": streak(totals, current)}
    if hourly_rate is not None:
        out["hourly_rate"] = hourly_rate
        out["total_cost"] = round(total / 60 * hourly_rate, 2)
        out["currency"] = currency
    return out


def report_csv(data: dict[str, Any]) -> str:
    """One row a week; one column per activity or platform seen in the period. ``met`` is
    empty for a week before the first activity."""
    by = data["by"]
    keys = sorted({k for w in data["weeks"] for k in w["by_" + by]})
    has_cost = "hourly_rate" in data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["week_start", "minutes", "minimum", "met", *keys, *(["cost"] if has_cost else [])])
    for w in data["weeks"]:
        met = "" if w["met"] is None else ("yes" if w["met"] else "no")
        writer.writerow([w["week_start"], w["minutes"], w["minimum"], met,
                         *(w["by_" + by].get(k, 0) for k in keys), *([w["cost"]] if has_cost else [])])
    return buffer.getvalue()


def _money(amount: float, currency: str | None) -> str:
    return f"{amount:.2f}" + (f" {currency}" if currency else "")


def _status(w: dict[str, Any]) -> str:
    short = format_minutes(w["missing"])
    return {"before": "— before the first activity", "met": "✔ met", "open": f"… {short} to go"}.get(
        w["state"], f"✗ {short} short")


def report_text(data: dict[str, Any], *, bars: bool = False) -> list[str]:
    """The report as aligned columns: week, logged, minimum, status, and the cost when a rate is
    set; with ``bars``, each week's minutes drawn after its columns, on one scale."""
    by, currency = data["by"], data.get("currency")
    has_cost = "hourly_rate" in data
    rows = [("Week", "logged", "minimum", "status", "cost" if has_cost else "")]
    rows += [(w["label"], format_minutes(w["minutes"]), format_minutes(w["minimum"]), _status(w),
              _money(w["cost"], currency) if has_cost else "") for w in data["weeks"]]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    scale = max([w["minutes"] for w in data["weeks"]] + [w["minimum"] for w in data["weeks"]] + [1])
    lines = []
    for n, (label, logged, minimum, status, cost) in enumerate(rows):
        line = (f"{label:<{widths[0]}}  {logged:>{widths[1]}}  {minimum:>{widths[2]}}  {status:<{widths[3]}}"
                + (f"  {cost:>{widths[4]}}" if has_cost else ""))
        if bars and n:
            week = data["weeks"][n - 1]
            line += "  " + charts.minutes_bar(week["minutes"], week["minimum"], scale)
        lines.append(line.rstrip())
        split = ", ".join(f"{k} {format_minutes(v)}" for k, v in data["weeks"][n - 1]["by_" + by].items()) if n else ""
        if split:
            lines.append(f"{'':{widths[0] + 2}}{split}")
    counted, met = data["weeks_counted"], data["weeks_met"]
    streak_weeks = wording.count(data["streak"], "week")
    if counted:
        summary = f"{met} of {wording.count(counted, 'week')} met the minimum"
    else:
        summary = "no week counted yet"
    before = len(data["weeks"]) - counted
    if before:
        summary += f" ({before} before the first activity, not counted)"
    lines.append(f"total {format_minutes(data['total_minutes'])}; {summary}; streak: {streak_weeks}")
    if has_cost:
        lines.append(f"cost {_money(data['total_cost'], currency)} at "
                     f"{_money(data['hourly_rate'], currency)}/h")
    return lines


def elapsed_minutes(started: datetime, now: datetime) -> int:
    return max(0, int((now - started).total_seconds() // 60))


def logged_minutes(started: datetime, stopped: datetime) -> int:
    """The whole minutes a timer logs: its seconds rounded to the nearest minute, half up (1 min
    29 s is 1m, 1 min 30 s is 2m); a run under 30 seconds logs nothing (0)."""
    seconds = max(0.0, (stopped - started).total_seconds())
    return int((seconds + 30) // 60)


def entry_warnings(entry: TimeEntry, others: Iterable[TimeEntry], now: datetime, tz: str) -> tuple[str, ...]:
    """What looks wrong in a time entry without being impossible: it overlaps another entry
    (time counted twice?), or it ends in the future (logged ahead of the work?)."""
    where = zone(tz)
    notes = []
    for other in others:
        if other.id != entry.id and other.start < entry.end and entry.start < other.end:
            start, end = other.start.astimezone(where), other.end.astimezone(where)
            notes.append(f"it overlaps entry {other.id} ({other.activity}, {start:%a %H:%M}–{end:%H:%M}); "
                         "is that time counted twice?")
    ahead = int((entry.end - now).total_seconds() // 60)
    if ahead >= 1:
        notes.append(f"it ends {span_words(ahead)} from now; time is logged once the work is done")
    return tuple(notes)
