"""The week's body: the grid (or the agenda), the filter over it, the detail box under it and
the sidebar beside it. It owns the keys that move the cursor, switch the view, go to the
backlog and filter, and it says what the keys act on (``selection``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static

from edcal.domain.filters import PostFilter
from edcal.ui.messages import MonthLoaded, Reload
from edcal.ui.widgets.cell_detail import CellDetail, Selection
from edcal.ui.widgets.filter_bar import FilterBar
from edcal.ui.widgets.sidebar import Sidebar
from edcal.ui.widgets.week_grid import WeekGrid

if TYPE_CHECKING:
    from textual import getters

    from edcal.services.week import PlannedPost, WeekData
    from edcal.ui.host import Host
    from edcal.ui.widgets.agenda import Agenda
    from edcal.ui.widgets.backlog import Backlog
    from edcal.ui.widgets.month_view import MonthView


class WeekMain(Vertical):
    """The column of the grid (or the agenda, or the month) and the detail box under it."""

    BLANK = True  # the screen's background (app.tcss) in its padding and under a short month: blank lines


class WeekBody(Horizontal):
    BLANK = True  # the main column and the sidebar cover it whole: its lines are drawn blank, quickly

    if TYPE_CHECKING:
        app = getters.app(Host)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: WeekData | None = None  # the week shown
        self._detail_for: tuple[WeekData, Selection] | None = None  # what the detail box shows

    def compose(self) -> ComposeResult:
        with WeekMain(id="week-main"):
            yield Static("Loading…", id="week-title")
            yield FilterBar(id="filter-bar")
            yield WeekGrid(id="grid")  # the agenda joins it on the first v
            yield CellDetail("", id="cell-detail")
        yield Sidebar(id="sidebar")

    # -- its parts --------------------------------------------------------------------

    @property
    def grid(self) -> WeekGrid:
        return self.query_one(WeekGrid)

    @property
    def agenda(self) -> Agenda | None:
        """The agenda when it is shown instead of the grid."""
        agenda = next(iter(self.query("#agenda")), None)  # mounted on the first v
        return agenda if agenda is not None and agenda.display else None  # type: ignore[return-value]

    @property
    def backlog(self) -> Backlog | None:
        return self.query_one(Sidebar).backlog

    @property
    def filter(self) -> FilterBar:
        return self.query_one(FilterBar)

    def selection(self) -> Selection:
        """What the keys act on: the backlog's or the agenda's highlighted post, or the grid cell's."""
        grid, backlog, agenda = self.grid, self.backlog, self.agenda
        if backlog is not None and backlog.has_focus:
            item = backlog.selected_item
            return Selection([item] if item else [], grid.selected_platform, None, [], in_backlog=True)
        if agenda is not None:
            item = agenda.selected_item
            return Selection([item] if item else [], grid.selected_platform, grid.selected_day, [])
        return Selection(grid.selected_posts(), grid.selected_platform, grid.selected_day, grid.selected_slots())

    def selected_posts(self) -> list[PlannedPost]:
        return self.selection().posts

    # -- showing a week ---------------------------------------------------------------

    def show(self, data: WeekData, day: date | None = None) -> None:
        """Show ``data``; with ``day``, the cursor goes to it."""
        self.data = data
        today = self.app.today()
        self.query_one("#week-title", Static).display = False
        self.grid.show(data, today)
        if (agenda := self.agenda) is not None:
            agenda.show(data, today, self.grid.filter)
        if day is not None:
            self.grid.select_day(day)
        self.query_one(Sidebar).show(data)
        self.show_detail()

    def show_detail(self) -> None:
        detail = self.query_one(CellDetail)
        if (month := self.month_view) is not None:
            detail.show_day(month.data, month.day, self.grid.filter or None, self.app.channel_name)
            self._detail_for = None
            return
        if self.data is None:
            return  # no week yet (the grid's first cursor message): the box stays empty
        chosen = self.selection()
        if self._detail_for is not None and self._detail_for[0] is self.data and self._detail_for[1] == chosen:
            return  # shown already (the grid's cursor messages repeat it as a week is shown)
        self._detail_for = (self.data, chosen)
        detail.show(self.data, chosen, self.app.channel_name)

    def on_resize(self) -> None:
        self.query_one(CellDetail).show_legend(self.data)

    def on_week_grid_cursor_moved(self) -> None:
        self.show_detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "agenda" and (item := cast("Agenda", event.option_list).selected_item):
            self.grid.select_platform(item.post.platform)  # the grid follows: back in it, the same post
            seen = item.post.seen_from(self.data.settings.timezone) if self.data else None
            if seen is not None:
                self.grid.select_day(seen[0].date())
        self.show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Under 100 columns the backlog shows as a panel while it has the keys.
        self.screen.set_class(event.widget.id == "backlog", "-backlog")
        self.show_detail()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "backlog":
            self.screen.remove_class("-backlog")
            self.show_detail()

    # -- its keys ---------------------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        listed = self.backlog if self.selection().in_backlog else self.agenda
        if listed is not None:  # j and k move in the list that has the keys
            for _ in range(abs(rows)):
                listed.action_cursor_down() if rows > 0 else listed.action_cursor_up()
            return
        self.grid.move(rows, columns)

    def action_backlog(self) -> None:
        """To the backlog and back (tab goes there too)."""
        if self.selection().in_backlog:
            self._back_to_week()
        elif self.backlog is not None:
            # At once, not after the queued messages as focus() does: the next key, even one read
            # with this one, acts in the backlog.
            self.screen.set_focus(self.backlog)

    def _back_to_week(self) -> None:
        self.screen.set_focus(self.agenda)  # None: the grid, which takes its keys through the screen

    @property
    def month_view(self) -> MonthView | None:
        """The month when it is shown."""
        month = next(iter(self.query("#month")), None)  # mounted on the first visit
        return month if month is not None and month.display else None  # type: ignore[return-value]

    @property
    def view(self) -> str:
        """'grid', 'agenda' or 'month': what ``v`` shows now."""
        return "month" if self.month_view else "agenda" if self.agenda else "grid"

    def action_toggle_view(self) -> None:
        """The week as a grid, then as an agenda (a list of its posts day by day), then the month."""
        following = {"grid": "agenda", "agenda": "month", "month": "grid"}[self.view]
        self.show_view(following)
        if following == "month":
            self.post_message(Reload())  # the month loads
        elif following == "grid" and (day := cast("MonthView", self.query_one("#month")).day) is not None:
            self.post_message(Reload(day))  # back in the grid on the month's day

    def show_view(self, view: str) -> None:
        main = self.query_one("#week-main")
        agenda = cast("Agenda | None", next(iter(self.query("#agenda")), None))
        if agenda is None and view == "agenda":
            from edcal.ui.widgets.agenda import Agenda  # off the first frame

            agenda = Agenda(id="agenda")
            main.mount(agenda, after=self.grid)
        month = cast("MonthView | None", next(iter(self.query("#month")), None))
        if month is None and view == "month":
            from edcal.ui.widgets.month_view import MonthView  # off the first frame

            month = MonthView(id="month")
            main.mount(month, after=self.grid)
        self.grid.display = view == "grid"
        if agenda is not None:
            agenda.display = view == "agenda"
        if month is not None:
            month.display = view == "month"
        if view == "agenda" and agenda is not None:
            if self.data is not None:
                agenda.show(self.data, self.app.today(), self.grid.filter)
            agenda.focus()
        elif view == "month" and month is not None:
            month.focus()
        else:
            self.screen.set_focus(None)
        self.show_detail()

    def on_month_loaded(self, message: MonthLoaded) -> None:
        month = cast("MonthView", self.query_one("#month"))
        month.show(message.data, self.app.today(), self.grid.filter or None,
                   {p.key: self.app.channel_name(p) for p in message.data.platforms}, near=self.grid.selected_day)
        self.screen.sub_title = message.data.month.label
        self.show_detail()

    def on_month_view_cursor_moved(self) -> None:
        self.show_detail()

    def on_month_view_day_chosen(self, message: MonthView.DayChosen) -> None:
        self.show_view("grid")
        self.post_message(Reload(message.day))

    async def action_filter(self) -> None:
        await self.filter.open()

    def action_unfilter(self) -> None:
        if self.selection().in_backlog:
            self._back_to_week()
        elif self.filter.close():
            self.screen.set_focus(None)  # keys go to the screen's bindings again

    @on(FilterBar.Changed)
    def _filtered(self, event: FilterBar.Changed) -> None:
        chosen: PostFilter = event.chosen
        matching, planned = self.grid.set_filter(chosen)
        if (agenda := self.agenda) is not None and self.data is not None:
            agenda.show(self.data, self.app.today(), chosen)
        if (month := self.month_view) is not None and month.data is not None:
            month.show(month.data, self.app.today(), chosen or None, month.names)
            self.show_detail()
        self.filter.report(chosen, matching, planned)
