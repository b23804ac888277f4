"""The channel plan screen: objective, why each platform, cadence and results (key P)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Footer, Header, Input, Label, Static

from edcal.domain.charts import sparkline
from edcal.domain.dates import format_minutes
from edcal.domain.models import Platform
from edcal.domain.wording import clip
from edcal.errors import EdcalError, sentence
from edcal.record import replace
from edcal.ui.keys import PLAN_KEYS, bindings
from edcal.ui.messages import LoadFailed, PlanLoaded
from edcal.ui.screens.base import EdcalScreen

WEEKS = 4
# The table's columns and widths; the reason is cut with … (e shows it in full in the form).
COLUMNS = (("platform", 14), ("on", 2), ("why", 24), ("KPI", 11), ("target", 6), ("planned", 7),
           ("published", 9), ("time", 5), ("reach", 7), ("engagements", 11), ("eng/hour", 8), ("flags", 30))


class PlanScreen(EdcalScreen[None]):

    CSS_PATH = Path(__file__).with_name("time.tcss")
    BINDINGS = bindings(PLAN_KEYS)
    LIVE = True  # loads again when another process writes (app.changed_elsewhere)

    def __init__(self) -> None:
        super().__init__()
        self.platforms: list[Platform] = []
        self._shown = False
        self.editing: Platform | None = None  # the platform whose plan the form holds
        self.widths = dict(COLUMNS)
        self.trends: dict[str, list] = {}  # per channel, its figures week by week

    def compose(self) -> ComposeResult:
        yield Header(icon="◎")
        with Vertical(id="plan-body"):
            with Horizontal(classes="time-form"):
                yield Label("Objective ", classes="plan-label")
                yield Input(placeholder="awareness, sales, loyalty…", id="objective", compact=True)
            yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="plan-trend")
            yield Static("", id="plan-flags")
            yield Label("Platform", id="plan-form-title", classes="side-title")
            with Horizontal(classes="time-form"):
                yield Input(placeholder="why be there (the reason)", id="reason", compact=True)
                yield Input(placeholder="audience", id="audience", compact=True)
            with Horizontal(classes="time-form"):
                yield Input(placeholder="KPI tracked", id="kpi", compact=True)
                yield Input(placeholder="posts a week", id="target", compact=True)
                yield Checkbox("enabled", id="enabled", compact=True)
                yield Button("Save", id="plan-save", compact=True)
            yield Static("", id="plan-feedback", classes="feedback", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Fixed widths: a long reason never pushes the figures away; it takes the room a wide
        # terminal has left over (each column has 2 cells of padding, the screen 2 of margin).
        spare = self.app.size.width - 4 - sum(width + 2 for _, width in COLUMNS)
        self.widths = {name: width + (max(0, min(spare, 60)) if name == "why" else 0) for name, width in COLUMNS}
        for name, width in self.widths.items():
            table.add_column(name, width=width)
        self.query_one(DataTable).focus()
        self.load()

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def _load(self) -> None:
        from edcal.services import plan

        store = self.app.db
        try:
            view = plan.figures(store, WEEKS, self.app.today())
            trends = plan.trends(store, plan.TREND_WEEKS, self.app.today())
            self.post_message(PlanLoaded(store.platforms(), view.platforms, view.settings, trends))
        except EdcalError as exc:
            self.post_message(LoadFailed(str(exc)))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.app.notify_error(f"cannot load the plan: {message.error}")

    def on_plan_loaded(self, message: PlanLoaded) -> None:
        self.sub_title = f"Channel plan · last {WEEKS} weeks"
        self.platforms = message.platforms
        objective = self.query_one("#objective", Input)
        if not self._shown:  # later reloads keep what is being typed
            objective.value = message.settings.objective or ""
            self._shown = True
        figures = {f.key: f for f in message.figures}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for p in message.platforms:
            f = figures.get(p.key)
            per_hour = f.per_hour("engagements") if f else None
            width = self.widths
            why = Text(clip(p.reason, width["why"]) if p.reason else ("⚠ no reason" if p.enabled else ""),
                       style="" if p.reason else "yellow")
            table.add_row(Text(clip(self.app.channel_name(p), width["platform"])), "✔" if p.enabled else "", why,
                          Text(clip(p.kpi or "", width["KPI"])), str(p.weekly_target or ""),
                          str(f.planned) if f else "", str(f.published) if f else "",
                          format_minutes(f.minutes) if f else "", str(f.totals["reach"]) if f else "",
                          str(f.totals["engagements"]) if f else "", "" if per_hour is None else str(per_hour),
                          Text(", ".join(f.flags) if f else "", style="yellow"), key=p.key)
        self.trends = message.trends
        if message.platforms:
            table.move_cursor(row=min(max(row, 0), len(message.platforms) - 1))
        self._show_trend()
        flagged = [f for f in message.figures if f.flags]
        self.query_one("#plan-flags", Static).update(
            Text("\n".join(f"⚠ {f.name}: {', '.join(f.flags).replace('_', ' ')}" for f in flagged), style="yellow")
            if flagged else Text("✔ every enabled platform has a reason, and time spent shows results", style="green"))

    @on(DataTable.RowHighlighted)
    def _show_trend(self) -> None:
        """The highlighted channel's last weeks, drawn: posts out, time spent, engagements an hour."""
        platform = self._selected()
        weeks = self.trends.get(platform.key, []) if platform else []
        trend = self.query_one("#plan-trend", Static)
        if platform is None or not weeks:
            trend.update("")
            return
        rows = [("posts out", [w.published for w in weeks], str(weeks[-1].published)),
                ("time", [w.minutes for w in weeks], format_minutes(weeks[-1].minutes)),
                ("eng/hour", [w.per_hour("engagements") for w in weeks],
                 "—" if weeks[-1].per_hour("engagements") is None else str(weeks[-1].per_hour("engagements")))]
        text = Text(f"{self.app.channel_name(platform)}, last {len(weeks)} weeks (oldest first; this week last)\n",
                    style="bold")
        for label, values, now in rows:
            text.append(f"{label:<10}")
            text.append(sparkline(values), style="cyan")
            text.append(f"  {now} this week\n", style="dim")
        trend.update(text)

    def _selected(self):
        table = self.query_one(DataTable)
        if not self.platforms or table.cursor_row < 0:
            return None
        return self.platforms[min(table.cursor_row, len(self.platforms) - 1)]

    def action_edit(self) -> None:
        platform = self._selected()
        if platform is None:
            return
        self.editing = platform
        self.query_one("#plan-form-title", Label).update(Text(f"Platform: {self.app.channel_name(platform)}"))
        self.query_one("#reason", Input).value = platform.reason or ""
        self.query_one("#audience", Input).value = platform.audience or ""
        self.query_one("#kpi", Input).value = platform.kpi or ""
        self.query_one("#target", Input).value = str(platform.weekly_target or "")
        self.query_one("#enabled", Checkbox).value = platform.enabled
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#plan-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        feedback = self.query_one("#plan-feedback", Static)
        q = self.query_one
        objective = " ".join(q("#objective", Input).value.split()) or None  # kept as typed
        platform, target = self.editing, q("#target", Input).value.strip()
        if platform is not None and target and (not target.isdigit() or int(target) > 100):
            self._refused("posts a week must be a whole number from 0 to 100")
            return
        changed = None if platform is None else replace(
            platform, reason=q("#reason", Input).value.strip() or None,
            audience=q("#audience", Input).value.strip() or None, kpi=q("#kpi", Input).value.strip() or None,
            weekly_target=int(target) if target else None, enabled=q("#enabled", Checkbox).value)

        def saved(_) -> None:
            feedback.remove_class("-error")
            feedback.update("Saved.")
            self.load()
            self.app.refresh_week()

        from edcal.services import plan

        self.app.run_store(lambda store: plan.save(store, objective=objective or "", platform=changed), saved,
                           failed=self._refused)

    def _refused(self, message: str) -> None:
        feedback = self.query_one("#plan-feedback", Static)
        feedback.update(sentence(message, capital=True))
        feedback.add_class("-error")

    def action_back(self) -> None:
        self.dismiss()
