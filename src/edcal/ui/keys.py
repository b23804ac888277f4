"""One table of key actions per screen: the bindings, the footer, the help screen and the
command palette are all derived from it, so a key's words are written once."""

from __future__ import annotations

from textual.binding import Binding

from edcal.record import record, replace


@record
class KeyAction:
    id: str  # the binding id users remap in [keys]
    keys: str  # the default keys, comma-separated
    action: str  # the Textual action it runs
    label: str  # the footer's word
    description: str  # the help screen's and the palette's line
    title: str | None = None  # the palette's title; None keeps it out of the palette
    footer: bool = True
    needs_post: bool = False  # offered by the palette only on a cell with a post
    priority: bool = False  # before the focused widget gets the key (ctrl+s in a text area)
    owner: str | None = None  # the id of the widget whose action it is; None: the screen's own

    @property
    def command(self) -> str:
        """What the binding runs on its screen: the action, or the screen's route to its owner."""
        return self.action if self.owner is None else f"route({self.owner!r}, {self.action!r})"

    def binding(self) -> Binding:
        return Binding(self.keys, self.command, self.label, show=self.footer, id=self.id, tooltip=self.description,
                       priority=self.priority)


def bindings(table: tuple[KeyAction, ...]) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    return [a.binding() for a in table]


# The week screen's [ and ]: in the month they move by month, and the month view says so with
# the same ids, so that one remap in [keys] moves both.
WEEK_PREVIOUS = KeyAction("week.previous", "left_square_bracket", "week(-1)", "Prev week", "previous week",
                          "Previous week")
WEEK_NEXT = KeyAction("week.next", "right_square_bracket", "week(1)", "Next week", "next week", "Next week")
MONTH_PREVIOUS = replace(WEEK_PREVIOUS, action="screen.week(-1)", label="Prev month", description="previous month",
                         title=None)
MONTH_NEXT = replace(WEEK_NEXT, action="screen.week(1)", label="Next month", description="next month", title=None)
TIMER = KeyAction("app.timer", "s", "toggle_timer", "Timer", "start or stop the timer (any screen)",
                  "Start or stop the timer")
EDITOR_KEYS = (
    KeyAction("editor.save", "ctrl+s", "save", "Save", "save the post (scheduling needs every rule kept)", priority=True),
    KeyAction("editor.cancel", "escape", "cancel", "Cancel", "close the editor (asks first when something changed)"),
    KeyAction("editor.reload", "ctrl+r", "reload", "Reload",
              "reload a post changed elsewhere, your changes applied on top", priority=True),
    KeyAction("editor.split", "ctrl+t", "split", "Thread",
              "split the text into a thread whose parts each fit (X, Bluesky, Mastodon, Threads)", priority=True),
)
TIME_KEYS = (
    KeyAction("time.previous", "left_square_bracket", "week(-1)", "Prev week", "previous week"),
    KeyAction("time.next", "right_square_bracket", "week(1)", "Next week", "next week"),
    KeyAction("time.add", "a", "new", "Add", "add a time entry"),
    KeyAction("time.edit", "e", "edit", "Edit", "correct the selected entry"),
    KeyAction("time.delete", "d", "delete", "Delete", "delete the selected entry (asks first)"),
    KeyAction("time.save", "ctrl+s", "save", "Save entry", "save the entry in the form", priority=True),
    KeyAction("time.back", "escape", "back", "Back", "back to the week"),
)
PLAN_KEYS = (
    KeyAction("plan.edit", "e", "edit", "Edit platform", "edit the selected platform's plan"),
    KeyAction("plan.save", "ctrl+s", "save", "Save", "save the objective and the platform's plan", priority=True),
    KeyAction("plan.back", "escape", "back", "Back", "back to the week"),
)
CONFIRM_KEYS = (
    KeyAction("dialog.yes", "y", "answer(True)", "Yes", "yes"),
    KeyAction("dialog.no", "n,escape", "answer(False)", "No", "no"),
)
CANCEL_KEYS = (KeyAction("dialog.cancel", "escape", "cancel", "Cancel", "close without choosing"),)
HELP_KEYS = (KeyAction("dialog.close", "escape,question_mark,q", "close", "Close", "close the help"),)
WELCOME_KEYS = (KeyAction("dialog.later", "escape", "cancel", "Later", "choose the platforms later"),)
PALETTE = KeyAction("command_palette", "ctrl+p", "command_palette", "Palette", "command palette: every action by name",
                    footer=False)


TypedKey = tuple[str, str | None]  # (key, character), as a Key event carries them


def replay(app, keys: list[TypedKey]) -> None:
    """Send ``keys`` to ``app`` as if typed now: they go to whatever has focus."""
    from textual import events

    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)  # as typed: a key sent by a screen would stop bubbling at that screen
        app.post_message(event)
