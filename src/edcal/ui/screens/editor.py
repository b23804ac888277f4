"""The post editor: every field of a post, checked against its platform's rules as you type."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Select, Static, TextArea

from edcal.domain import clock, wording
from edcal.domain.dates import DateError, ago, format_wall, resolve_wall_time, suggested_start, typed_instant
from edcal.domain.models import EDITED_FIELDS, Media, Platform, Post, Severity, Status, changed_fields, merge
from edcal.domain.rules import Report, combine, thread_reports
from edcal.domain.rules.thread import resplit
from edcal.domain.thread_text import PART_BREAK, THREAD_PLATFORMS, join_parts, part_spans, split_parts
from edcal.domain.wording import CONTROL_PICTURES_IN_PLACE
from edcal.errors import ConflictError, EdcalError, PastError, sentence
from edcal.record import record
from edcal.ui.keys import EDITOR_KEYS, bindings
from edcal.ui.screens.base import EdcalScreen
from edcal.ui.screens.dialogs import ConfirmScreen

if TYPE_CHECKING:
    from edcal.services.database import Store

NEAR_LIMIT = 0.9  # share of the limit from which the counter turns to the warning colour


@record
class Changed:
    """A save refused because the post was saved elsewhere: that version."""

    post: Post


class BodyArea(TextArea):
    """A TextArea that paints the spans the rules object to: the part past the limit, the
    hashtags over the cap, links that will not be clickable; and, faint, what the feed hides
    behind "…more"."""

    marks: tuple[tuple[int, int, str], ...] = ()  # (start, end, severity)

    @property
    def overflow_start(self) -> int | None:
        return self._overflow

    _overflow: int | None = None

    threaded = False  # a line "---" separates a thread's parts: drawn dim, as a rule between them

    def set_marks(self, marks: list[tuple[int, int, str]], overflow: int | None, threaded: bool = False) -> None:
        marks_tuple = tuple(marks)
        if marks_tuple != self.marks or overflow != self._overflow or threaded != self.threaded:
            self.marks, self._overflow, self.threaded = marks_tuple, overflow, threaded
            cache = getattr(self, "_line_cache", None)  # rendered lines are cached by Textual
            if cache is not None:
                cache.clear()
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = line.plain.translate(CONTROL_PICTURES_IN_PLACE)  # one for one: the marks' offsets hold
        if shown != line.plain:
            line.plain = shown
        if self.threaded and line.plain.strip() == PART_BREAK:
            line.stylize("dim cyan")
        if not self.marks:
            return line
        lines = self.document.lines
        line_start = sum(len(lines[i]) + 1 for i in range(line_index))
        line_end = line_start + len(line.plain)
        for start, end, severity in self.marks:
            if start <= line_end and end > line_start:
                style = {"error": "bold red reverse", "fold": "dim italic"}.get(severity, "bold yellow underline")
                line.stylize(style, max(0, start - line_start), max(0, min(end, line_end) - line_start))
        return line


class PostEditor(EdcalScreen[Post | None]):
    """Edit ``post`` (or a new one on ``platform`` and ``day``)."""

    CSS_PATH = Path(__file__).with_name("editor.tcss")

    BINDINGS = bindings(EDITOR_KEYS)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # narrow: the rules under the form

    def __init__(self, store, platforms: list[Platform], *, post: Post | None = None,
                 template: Post | None = None, results=None, platform: str | None = None, day: date | None = None,
                 now: datetime | None = None, tz: str = "UTC", slots: tuple[datetime, ...] = ()) -> None:
        super().__init__()
        self.store, self.post, self.tz = store, post, (post.tz if post and post.tz else tz)
        self.template = template  # a new post's starting values, e.g. from a recurring slot
        if template and template.tz:
            self.tz = template.tz
        self.platforms = platforms
        start = post or template
        self.platform_key = start.platform if start else (platform or platforms[0].key)
        # Drafts are checked on every keystroke: the profiles are known now, not asked for then.
        self.profile_of = {p.key: p.profile for p in platforms}
        if self.platform_key not in self.profile_of:  # a post on a platform no longer shown
            self.profile_of[self.platform_key] = store.get_platform(self.platform_key).profile
        self.profiles = store.profiles
        self.day, self.now = day, now
        self.slots = slots  # the channel's open slots that day, on the viewer's clock: a new post starts at one
        self.report: Report | None = None
        self.part_reports: list[tuple[tuple[int, int], Report]] = []  # each part's place in the text and report
        self.when_value: datetime | None = None
        self.when_error: str | None = None
        self.when_fold = 0
        self.when_shown = self._initial_when()  # saving this text unchanged keeps the planned instant
        self._initial: tuple | None = None
        self.results = results  # the post's recorded numbers, read with it
        self._past_confirmed: tuple | None = None  # the values a "schedule it in the past" was asked for

    # -- layout -----------------------------------------------------------------------

    def _initial_when(self) -> str:
        start = self.post or self.template
        local = start.local_time() if start else None
        if local is not None:
            return format_wall(local.replace(tzinfo=None))
        if self.post is None and self.day:
            suggested = suggested_start(self.day, self.now or datetime.min, self.tz, self.slots)
            return format_wall(suggested) if suggested else self.day.isoformat()
        return ""

    def compose(self) -> ComposeResult:
        post = self.post or self.template or Post(platform=self.platform_key, status=Status.DRAFT)
        keys = {p.key for p in self.platforms}
        options = [(p.label(self.profiles[p.profile].name) if p.profile in self.profiles else p.name, p.key)
                   for p in self.platforms]
        if post.platform not in keys:
            options.append((post.platform, post.platform))
        yield Header(icon="✎")
        with Horizontal(id="editor"):
            with VerticalScroll(id="editor-form"):
                with Horizontal(classes="field-row"):
                    with Vertical(classes="field"):
                        yield Label("Platform")
                        yield Select(options, value=post.platform, allow_blank=False, id="platform", compact=True)
                    with Vertical(classes="field"):
                        yield Label("Status")
                        yield Select([(s.value, s.value) for s in Status], value=post.status.value, allow_blank=False,
                                     id="status", compact=True)
                yield Label(f"When ({self.tz})")
                yield Input(self._initial_when(), id="when", compact=True,
                            placeholder="2026-11-24 09:30, 24/11 9:30, tue 9:30 — empty keeps it in the backlog")
                yield Static("", id="when-feedback", classes="feedback", markup=False)
                yield Label("Title")
                yield Input(post.title or "", id="title", compact=True)
                with Horizontal(classes="body-label"):
                    yield Label("Text")
                    yield Static("", id="counter")
                yield BodyArea(join_parts(post.parts), id="body", soft_wrap=True, show_line_numbers=False)
                yield Label("Link")
                yield Input(post.link or "", id="link", compact=True)
                yield Label("Media — one a line: path or URL | alt text")
                yield TextArea(Media.to_lines(post.media),
                               id="media", soft_wrap=False)
                yield Label("Campaign")
                yield Input(post.campaign or "", id="campaign", compact=True)
                yield Label("Notes — for the team, never published")
                yield TextArea(post.notes or "", id="notes", soft_wrap=True)
                yield Label("Published at — the post's address, once it went out")
                yield Input(post.published_url or "", id="published-url", compact=True,
                            placeholder="https://…")
                yield Label("Results, once published: reach, engagements, clicks, conversions")
                with Horizontal(classes="field-row"):
                    for name in ("reach", "engagements", "clicks", "conversions"):
                        value = getattr(self.results, name) if self.results else None
                        yield Input("" if value is None else str(value), placeholder=name, id=f"result-{name}",
                                    compact=True, restrict=r"[0-9]*", classes="result")
            with Vertical(id="editor-side"):
                yield Label("Rules", classes="side-title")
                yield Static("", id="violations", markup=False)
                yield Static("", id="save-error", classes="feedback -error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = self.app.cursor_blink
        for area in self.query(TextArea):
            area.cursor_blink = self.app.cursor_blink
        self.title = f"Post {self.post.id}" if self.post else ("Fill a recurring slot" if self.template else "New post")
        self.query_one("#body", BodyArea).focus()
        self._check_when(self.query_one("#when", Input).value)
        self.recheck()
        self._initial = self._values()

    # -- live checks ------------------------------------------------------------------

    def _values(self) -> tuple:
        q = self.query_one
        return (q("#platform", Select).value, q("#status", Select).value, q("#when", Input).value,
                q("#title", Input).value, q("#body", TextArea).text, q("#link", Input).value,
                q("#media", TextArea).text, q("#campaign", Input).value, q("#notes", TextArea).text,
                q("#published-url", Input).value,
                *(i.value for i in self.query(".result").results(Input)))

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self._values() != self._initial

    def _check_when(self, value: str) -> None:
        feedback = self.query_one("#when-feedback", Static)
        self.when_value, self.when_error = None, None
        if not value.strip():
            feedback.update("unscheduled: the post stays in the backlog")
            feedback.set_class(False, "-error")
            return
        start = self.post or self.template
        try:
            planned = start.local_time() if start else None
            if value == self.when_shown and start and planned is not None:
                wall = resolve_wall_time(planned.replace(tzinfo=None), self.tz, start.fold)
            else:
                wall = typed_instant(value, self.tz, clock.now())
        except DateError as exc:
            self.when_error = str(exc)
            feedback.update(self.when_error)
            feedback.set_class(True, "-error")
            return
        self.when_value = wall.utc
        self.when_fold = wall.fold
        lines = [f"→ {wall.local:%a %d %b %Y %H:%M} {self.tz}"]
        if wall.note:
            lines.append(wall.note)
        gone = ago(wall.utc, clock.now())
        published = self.is_mounted and self.query_one("#status", Select).value == Status.PUBLISHED.value
        if gone and not published:
            lines.append(f"⚠ this time is {gone}")
        feedback.update("\n".join(lines))
        feedback.set_class(False, "-error")
        feedback.set_class(bool(gone) and not published, "-warn")

    def _threaded(self, platform: str) -> bool:
        """Whether a line "---" in the text separates a thread's parts on ``platform``."""
        return self.profile_of[platform] in THREAD_PLATFORMS

    def _spans(self, text: str, platform: str) -> list[tuple[int, int]]:
        return part_spans(text) if self._threaded(platform) else [(0, len(text))]

    def recheck(self) -> None:
        """Count and check the draft as it stands, each part of a thread on its own; runs on
        every keystroke."""
        q = self.query_one
        platform = str(q("#platform", Select).value)
        body = q("#body", BodyArea)
        text = body.text
        spans = self._spans(text, platform)
        profile = self.profile_of[platform]
        try:
            reports = thread_reports([text[a:b] for a, b in spans] if len(spans) > 1 else [text], profile,
                                     title=q("#title", Input).value or None,
                                     media=Media.from_lines(q("#media", TextArea).text),
                                     link=q("#link", Input).value or None, profiles=self.profiles)
        except EdcalError as exc:
            q("#violations", Static).update(str(exc))
            return
        self.part_reports = list(zip(spans, reports, strict=True))
        report = self.report = combine(reports, self.profiles[profile])
        self._count()
        marks: list[tuple[int, int, str]] = []
        overflow: int | None = None
        if report.fold_at is not None:  # the rest of the first part: behind "…more" in the feed
            marks.append((spans[0][0] + report.fold_at, spans[0][1], "fold"))
        for (start, _), part in self.part_reports:
            for v in part.violations:
                if v.start is not None:
                    marks.append((start + v.start, start + (v.end if v.end is not None else v.start + 1), v.severity))
                    if overflow is None and v.code in ("too_long", "text_not_shown"):
                        overflow = start + v.start
        body.set_marks(marks, overflow, self._threaded(platform))
        lines = Text()
        if len(self.part_reports) > 1:  # a thread: each part's count
            for number, (_, part) in enumerate(self.part_reports, 1):
                fits = part.remaining is None or part.remaining >= 0
                lines.append(f"{'✔' if fits else '✖'} ", style="green" if fits else "bold red")
                lines.append(f"{number}/{len(self.part_reports)} {self._figure(part)}\n")
        if not self._threaded(platform) and len(part_spans(text)) > 1:  # a thread on a platform without threads
            lines.append(f"! {self.profiles[profile].name} has no threads: the lines --- go out as text\n",
                         style="yellow")
        if not report.violations:
            lines.append("✔ fits every rule of this platform", style="green")
        for v in report.violations:
            error = v.severity is Severity.ERROR
            lines.append(f"{v.severity.mark} ", style="bold red" if error else "bold yellow")
            lines.append(v.message + "\n")
        counts = [wording.count(len(found), name)
                  for found, name in ((report.hashtags, "hashtag"), (report.urls, "link"), (report.mentions, "mention"))
                  if found]
        if counts:
            lines.append("\n" + ", ".join(counts), style="dim")
        if report.fold_at is not None:  # what the feed shows before it hides the rest behind "…more"
            seen = " ⏎ ".join(line.strip() for line in text[:report.fold_at].splitlines())
            lines.append("\nBefore “…more”: ", style="bold")
            lines.append(seen, style="dim")
        q("#violations", Static).update(lines)

    @staticmethod
    def _figure(report: Report) -> str:
        return f"{report.length} / {report.limit}" if report.limit is not None else f"{report.length}"

    def _count(self) -> None:
        """The counter: the length of the part the cursor is in (``2/3 271 / 280`` in a thread)."""
        if not self.part_reports:
            return
        body = self.query_one("#body", BodyArea)
        row, column = body.cursor_location
        lines = body.document.lines
        at = sum(len(lines[i]) + 1 for i in range(min(row, len(lines)))) + column
        number = next((i for i, ((_, end), _) in enumerate(self.part_reports) if at <= end), len(self.part_reports) - 1)
        report = self.part_reports[number][1]
        total = len(self.part_reports)
        counter = self.query_one("#counter", Static)
        counter.update(f"{number + 1}/{total} {self._figure(report)}" if total > 1 else self._figure(report))
        limit = report.limit
        over = limit is not None and report.length > limit
        near = limit is not None and not over and report.length >= NEAR_LIMIT * limit and limit > 0
        counter.set_class(over, "-error")
        counter.set_class(near, "-warn")

    @on(TextArea.SelectionChanged, "#body")
    def _cursor_moved(self) -> None:
        if self.is_mounted:
            self._count()

    @on(Input.Changed, "#when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._check_when(event.value)

    @on(Select.Changed, "#status")
    def _status_changed(self) -> None:
        self._check_when(self.query_one("#when", Input).value)  # a published post in the past is no warning

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.query_one("#save-error", Static).update("")
            self.recheck()

    # -- actions ----------------------------------------------------------------------

    def _build(self) -> Post:
        q = self.query_one
        scheduled = self.when_value
        platform = str(q("#platform", Select).value)
        text = q("#body", TextArea).text
        parts = split_parts(text) if self._threaded(platform) else (text,)
        return (self.post or self.template or Post(platform=self.platform_key)).with_changes(
            platform=platform, status=str(q("#status", Select).value),
            scheduled_at=scheduled, tz=self.tz if scheduled else None, fold=self.when_fold if scheduled else 0,
            title=q("#title", Input).value.strip() or None, body=parts[0], thread=parts[1:],
            link=q("#link", Input).value.strip() or None, media=Media.from_lines(q("#media", TextArea).text),
            campaign=q("#campaign", Input).value.strip() or None, notes=q("#notes", TextArea).text.strip() or None,
            published_url=q("#published-url", Input).value.strip() or None,
        )

    def action_save(self) -> None:
        error = self.query_one("#save-error", Static)
        when = self.query_one("#when", Input).value
        if when.strip() and self.when_value is None:
            error.update(f"Fix the date first: {self.when_error}.")
            return
        post = self._build()
        numbers = {(i.id or "").removeprefix("result-"): int(i.value) if i.value else None
                   for i in self.query(".result").results(Input)}
        if any(v is not None for v in numbers.values()) and post.status is not Status.PUBLISHED:
            error.update("Results are for published posts: set the status to published first.")
            return
        from edcal.services import posts, results

        values = self._values()
        past = self._past_confirmed == values

        def save(store: Store) -> Post | PastError | Changed:
            try:
                saved = posts.save(store, post, past=past).post
            except PastError as exc:
                return exc  # asked on screen, not an error
            except ConflictError:
                return Changed(store.get_post(post.id or 0))  # saved elsewhere since it was opened
            if saved.id is not None and (any(v is not None for v in numbers.values()) or self.results):
                from edcal.domain.plan import Results

                results.record(store, Results(saved.id, **numbers), merge=False)
            return saved

        def refused(message: str) -> None:
            error.update(sentence(message, capital=True))

        def done(saved: Post | PastError | Changed) -> None:
            if isinstance(saved, Changed):
                self._theirs = saved.post
                theirs = ", ".join(EDITED_FIELDS[f] for f in changed_fields(self.post, saved.post)) \
                    if self.post else ""
                error.update(f"Saved elsewhere since you opened it ({theirs or 'nothing you see'} changed). "
                             "Press ctrl+r to reload it with your changes on top, then save again.")
                return
            if isinstance(saved, PastError):
                self._past_confirmed = values
                error.update(f"This time is {saved.ago}. Press ctrl+s again to schedule it anyway, "
                             "or set the status to published if it already went out.")
                return
            self._initial = self._values()
            self.dismiss(saved)

        self.app.run_store(save, done, failed=refused, group="editor")

    _theirs: Post | None = None  # the version saved elsewhere, when a save found one

    def action_reload(self) -> None:
        """The post as saved now, with the changes typed here applied on top; where both sides
        changed a field, the one typed here stays and theirs is shown."""
        if self.post is None or self.post.id is None:
            return
        if self._theirs is None:  # asked before any conflict: read it now
            post_id = self.post.id
            self.app.run_store(lambda store: store.get_post(post_id), self._reloaded, group="editor")
            return
        self._reloaded(self._theirs)

    def _reloaded(self, theirs: Post) -> None:
        base = self.post
        if base is None:
            return
        mine = self._build()
        if self.when_value is None and self.query_one("#when", Input).value.strip():  # a date being typed
            mine = mine.with_changes(scheduled_at=base.scheduled_at, tz=base.tz, fold=base.fold)  # counts as unchanged
        merged, both = merge(base, mine, theirs)
        self.post, self._theirs = theirs, None
        self._fill(merged)
        self._initial = ()  # what is shown is not what is saved: escape asks first
        note = self.query_one("#save-error", Static)
        if not both:
            note.update(Text(f"Reloaded revision {theirs.revision}: ctrl+s saves your changes on it.", style="green"))
            return
        kept = Text(f"Reloaded revision {theirs.revision}. You both changed "
                    f"{' and '.join(EDITED_FIELDS[f] for f in both)}: yours is kept; theirs was:", style="yellow")
        their_time = theirs.local_time()
        for name in both:
            value = theirs.body if name == "body" else join_parts(theirs.thread) if name == "thread" \
                else Media.to_lines(theirs.media) if name == "media" \
                else format_wall(their_time.replace(tzinfo=None)) if name == "when" and their_time \
                else str(getattr(theirs, name, "") or "")
            kept.append(f"\n{EDITED_FIELDS[name]}: {value}", style="")
        note.update(kept)

    def _fill(self, post: Post) -> None:
        """Show ``post`` in every field."""
        q = self.query_one
        if post.tz and post.scheduled_at:
            self.tz = post.tz
        local = post.local_time()
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            q("#platform", Select).value = post.platform
            q("#status", Select).value = post.status.value
            q("#when", Input).value = format_wall(local.replace(tzinfo=None)) if local else ""
            q("#title", Input).value = post.title or ""
            q("#body", TextArea).text = join_parts(post.parts)
            q("#link", Input).value = post.link or ""
            q("#media", TextArea).text = Media.to_lines(post.media)
            q("#campaign", Input).value = post.campaign or ""
            q("#notes", TextArea).text = post.notes or ""
            q("#published-url", Input).value = post.published_url or ""
        self.when_shown = q("#when", Input).value
        self._check_when(self.when_shown)
        self.recheck()

    def action_split(self) -> None:
        """Cut the text into a thread whose parts each fit, numbered 1/n; the parts stay editable."""
        q = self.query_one
        note = q("#save-error", Static)
        platform = str(q("#platform", Select).value)
        profile = self.profiles[self.profile_of[platform]]
        if not self._threaded(platform):
            note.update(f"{profile.name} has no threads: ctrl+t splits a text for X, Bluesky, Mastodon and Threads.")
            return
        body = q("#body", BodyArea)
        try:
            parts = resplit(body.text, profile.key, profiles=self.profiles)
        except EdcalError as exc:
            note.update(sentence(str(exc), capital=True))
            return
        if not parts:
            note.update("There is no text to split yet.")
            return
        if len(parts) == 1 and body.text.strip() == parts[0].text:
            note.update(Text(f"It fits in one {profile.name} post: nothing to split.", style="green"))
            return
        with self.prevent(TextArea.Changed):  # the change would clear the note said below
            body.text = join_parts([part.text for part in parts])
        body.move_cursor((0, 0))
        self.recheck()
        note.update(Text(f"Split into {wording.count(len(parts), 'part')}: a line --- separates them; "
                         "edit any part, each is counted on its own.", style="green"))

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your unsaved changes?"), answered)
