"""The week's filter: ``/`` opens it, words and ``status:`` ``campaign:`` ``on:`` narrow the
week as they are typed, escape clears it. It says what it understood, or what it did not."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from edcal.domain import wording
from edcal.domain.filters import PostFilter
from edcal.errors import EdcalError, sentence


class FilterBar(Horizontal):
    class Changed(Message):
        """The filter typed so far, understood."""

        def __init__(self, chosen: PostFilter) -> None:
            super().__init__()
            self.chosen = chosen

    field: Input | None = None  # made at the first open: hidden until then, it would only slow the first frame

    async def open(self, query: str | None = None) -> None:
        """Show the bar; with ``query``, filter by it without taking the keys (the palette's campaigns)."""
        field = self.field
        if field is None:  # (set before the mount is awaited, so that a second open makes no second field)
            self.field = field = Input(placeholder="words, status:draft, campaign:\"Launch 2.0\", on:x — esc clears",
                                       id="filter", compact=True)
            await self.mount_all([field, Static("", id="filter-status")])
        self.display = True
        if query is None:
            field.focus()
        else:
            field.value = query

    def close(self) -> bool:
        """Clear and hide the filter; False when it was not shown."""
        if not self.display or self.field is None:
            return False
        self.field.value = ""  # the change clears the week's filter
        self.display = False
        return True

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            chosen = PostFilter.parse(event.value)
        except EdcalError as exc:
            self.query_one(Static).update(Text(sentence(str(exc), capital=True), style="red"))
            return
        self.post_message(self.Changed(chosen))

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.set_focus(None)  # back to the week's keys; the filter stays: / changes it, escape clears it

    def report(self, chosen: PostFilter, matching: int, planned: int) -> None:
        """Say how many of the week's posts the filter keeps."""
        status = self.query_one(Static)
        if not chosen:
            status.update("")
        elif matching:
            status.update(f"{matching} of {wording.count(planned, 'post')} match")
        else:
            status.update(Text(f"No post this week matches {chosen.describe()}.", style="yellow"))
