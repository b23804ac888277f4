"""The box under the week: everything about the selected cell (or agenda line, or idea), in
full, and on its lower border what the grid's marks mean."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from edcal.domain.dates import zone
from edcal.domain.wording import visible
from edcal.errors import sentence
from edcal.record import record
from edcal.ui.widgets.week_grid import legend

if TYPE_CHECKING:
    from edcal.domain.filters import PostFilter
    from edcal.domain.models import Platform
    from edcal.domain.recurrence import Slot
    from edcal.services.month import MonthData
    from edcal.services.week import PlannedPost, WeekData


@record
class Selection:
    """What the week's keys act on now: the posts of the cell (or the list's highlighted one),
    its platform, day and open slots, and whether the backlog has the keys."""

    posts: list[PlannedPost]
    platform: Platform | None
    day: date | None
    slots: list[Slot]
    in_backlog: bool = False


class CellDetail(Static):
    def put(self, content: Text | str) -> None:
        """Show ``content``. When its height is the box's, only the box repaints: moving the
        cursor then costs no layout of the screen, and no redraw of the grid it would resize."""
        region = self.scrollable_content_region
        if not self.is_mounted or region.width <= 0 or self.show_vertical_scrollbar:
            self.update(content)
            return
        self.update(content, layout=False)
        self.clear_cached_dimensions()
        if self.get_content_height(self.size, self.screen.size, region.width) != region.height:
            self.refresh(layout=True)

    def show(self, data: WeekData | None, chosen: Selection, channel_name: Callable[[Platform], str]) -> None:
        self.show_legend(data)
        if data is None or not data.platforms:
            self.put(Text("No platform enabled yet: press ctrl+p and choose 'Choose platforms'.", style="dim")
                     if data is not None else "")
            return
        text = self._heading(data, chosen)
        if not chosen.posts and not chosen.slots and not chosen.in_backlog:
            text.append("   nothing planned: n adds a post", style="dim")
        for slot in chosen.slots:
            at = slot.utc.astimezone(zone(data.settings.timezone))
            text.append(f"\n{at:%H:%M} open slot: {visible(slot.title or 'recurring')}  (enter fills it)", style="dim")
            if slot.note:
                text.append(f"  {slot.note}", style="yellow")
        for item in chosen.posts:
            self._describe(text, item, data, channel_name)
        self.put(text)

    def show_day(self, data: MonthData | None, day: date | None, chosen: PostFilter | None,
                 channel_name: Callable[[Platform], str]) -> None:
        """The month's selected day: each post's time, channel, status and headline."""
        self.border_subtitle = "◷ sched ✎ draft ✔ out ⚠ error ! warn ○ open slot · enter: the week"
        if data is None or day is None:
            self.put("")
            return
        names = {p.key: channel_name(p) for p in data.platforms}
        items = [i for i in data.days.get(day, ()) if chosen is None or chosen.matches(i.post)]
        text = Text(f"{day:%A %d %B %Y}", style="bold")
        if not items:
            text.append("   nothing planned: enter opens the week, n there adds a post", style="dim")
        for item in sorted(items, key=lambda i: i.post.scheduled_at or datetime.min.replace(tzinfo=timezone.utc)):
            seen = item.post.seen_from(data.settings.timezone)
            text.append(f"\n{seen[0]:%H:%M} " if seen else "\n")
            text.append(f"{names.get(item.post.platform, item.post.platform)} {item.post.status.mark} ")
            text.append(visible(item.post.headline(80)))
            if not item.ok:
                text.append("  ⚠ breaks a rule", style="red")
        if slots := data.slots.get(day):
            text.append(f"\n{slots} open slot{'s' if slots > 1 else ''}", style="dim")
        self.put(text)

    def show_legend(self, data: WeekData | None) -> None:
        """The marks' meanings on the lower border, in words where they fit."""
        parent = self.parent.size.width if isinstance(self.parent, Widget) else 0
        width = (self.size.width or parent or self.screen.size.width) - 8
        self.border_subtitle = legend(width) if data is not None and data.platforms else ""

    @staticmethod
    def _heading(data: WeekData, chosen: Selection) -> Text:
        if chosen.in_backlog:
            names = {p.key: p.name for p in data.platforms}
            idea = names.get(chosen.posts[0].post.platform, chosen.posts[0].post.platform) if chosen.posts else ""
            text = Text(f"Backlog{' · ' + idea if idea else ''}", style="bold")
            text.append("   enter opens · m gives a date · n adds an idea · b back to the week", style="dim")
            return text
        platform = chosen.platform
        account = f" {platform.handle}" if platform and platform.handle else ""
        day = f"{chosen.day:%A %d %B}" if chosen.day else ""
        return Text(f"{platform.name if platform else ''}{account} · {day}", style="bold")

    @staticmethod
    def _describe(text: Text, item: PlannedPost, data: WeekData, channel_name: Callable[[Platform], str]) -> None:
        """One post's line: its time, status and whole text, then what to know about it."""
        viewer = data.settings.timezone  # the same clock as the grid's cells
        problems = " ".join(sentence(p) for p in item.problems)  # each is a sentence of its own
        seen, elsewhere = item.post.seen_from(viewer) or (None, "")
        text.append(f"\n{seen:%H:%M} {item.post.status}: " if seen else f"\n{item.post.status}: ")
        text.append(visible(" — ".join(" ".join(part.split()) for part in (item.post.title, item.post.body) if part))
                    or "(empty)")  # in full: the box wraps it
        if elsewhere:
            text.append(f" {elsewhere}", style="dim")
        if item.post.thread:
            text.append(f"  thread of {len(item.post.parts)} parts", style="cyan")
        variants = [p for p in data.ideas.get(item.post.idea or "", []) if p.id != item.post.id]
        names = {p.key: p.name for p in data.platforms}
        if variants:
            names = {p.key: channel_name(p) for p in data.platforms}
            listed = []
            for other in variants:
                when = other.seen_from(viewer)
                listed.append(f"{names.get(other.platform, other.platform)} "
                              f"{f'{when[0]:%a %H:%M}' if when else 'unscheduled'} (post {other.id})")
            text.append(f"  variants: {', '.join(listed)}", style="magenta")
        if item.duplicate:
            twins = ", ".join(names.get(key, key) for key in item.duplicate)
            text.append(f"  same text as on {twins} this week: each platform has its own codes", style="yellow")
        if problems:
            text.append(f"  {problems}", style="red" if not item.ok else "yellow")
