"""Time spent on social media, week by week, against a weekly minimum."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from edcal.domain.dates import format_minutes, span_words, zone
from edcal.domain.models import ACTIVITIES, ACTIVITY_LABELS, TimeEntry
from edcal.domain.week import Week
from edcal.errors import UsageError

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


@dataclass(frozen=True)
class WeekTotal:
    week: Week
    minutes: int
    minimum: int
    by: dict[str, int] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return self.minutes >= self.minimum

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.minutes)


def week_totals(entries: Iterable[TimeEntry], weeks: Sequence[Week], *, tz: str, minimum: int,
                by: str = "activity") -> list[WeekTotal]:
    """Minutes per week for each of ``weeks`` (weeks without time count zero); an entry
    belongs to the week of its local start date."""
    where = zone(tz)
    split: dict[Week, Counter[str]] = {w: Counter() for w in weeks}
    for entry in entries:
        day = entry.start.astimezone(where).date()
        week = next((w for w in weeks if day in w), None)
        if week is None:
            continue
        split[week][entry.activity if by == "activity" else (entry.platform or "(none)")] += entry.minutes
    return [WeekTotal(w, sum(split[w].values()), minimum, dict(sorted(split[w].items()))) for w in weeks]


def streak(totals: Sequence[WeekTotal], current: Week | None = None) -> int:
    """Consecutive weeks that met the minimum, counting back from the newest.

    The current week (``current``) is still open: it extends the streak when already met,
    and does not break it when not yet met.
    """
    count = 0
    for total in sorted(totals, key=lambda t: t.week, reverse=True):
        if total.met:
            count += 1
        elif total.week == current:
            continue
        else:
            break
    return count


def report(totals: Sequence[WeekTotal], *, current: Week | None, hourly_rate: float | None,
           by: str) -> dict[str, Any]:
    """The report as plain data: what --json prints and --csv flattens."""
    total = sum(t.minutes for t in totals)
    weeks = []
    for t in totals:
        row = {"week_start": t.week.start.isoformat(), "label": t.week.label, "minutes": t.minutes,
               "minimum": t.minimum, "met": t.met, "missing": t.missing, "by_" + by: t.by}
        if hourly_rate is not None:
            row["cost"] = round(t.minutes / 60 * hourly_rate, 2)
        weeks.append(row)
    out = {"by": by, "weeks": weeks, "total_minutes": total,
           "weeks_met": sum(1 for t in totals if t.met), "streak": streak(totals, current)}
    if hourly_rate is not None:
        out["hourly_rate"] = hourly_rate
        out["total_cost"] = round(total / 60 * hourly_rate, 2)
    return out


def report_csv(data: dict[str, Any]) -> str:
    """One row a week; one column per activity or platform seen in the period."""
    by = data["by"]
    keys = sorted({k for w in data["weeks"] for k in w["by_" + by]})
    has_cost = "hourly_rate" in data
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["week_start", "minutes", "minimum", "met", *keys, *(["cost"] if has_cost else [])])
    for w in data["weeks"]:
        writer.writerow([w["week_start"], w["minutes"], w["minimum"], "yes" if w["met"] else "no",
                         *(w["by_" + by].get(k, 0) for k in keys), *([w["cost"]] if has_cost else [])])
    return buffer.getvalue()


def report_text(data: dict[str, Any]) -> list[str]:
    lines = []
    by = data["by"]
    for w in data["weeks"]:
        mark = "✔" if w["met"] else f"✗ {format_minutes(w['missing'])} short"
        split = ", ".join(f"{k} {format_minutes(v)}" for k, v in w["by_" + by].items())
        cost = f"  {w['cost']:.2f}" if "cost" in w else ""
        lines.append(f"{w['label']:34} {format_minutes(w['minutes']):>6} / {format_minutes(w['minimum']):<5} {mark}{cost}"
                     + (f"\n{'':36}{split}" if split else ""))
    lines.append(f"total {format_minutes(data['total_minutes'])}; {data['weeks_met']} of {len(data['weeks'])} "
                 f"weeks met the minimum; streak: {data['streak']} week{'s' if data['streak'] != 1 else ''}")
    if "total_cost" in data:
        lines.append(f"cost at {data['hourly_rate']:.2f} an hour: {data['total_cost']:.2f}")
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
