"""Small modal screens: confirm, prompt for a value, choose from a list, help, welcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from edcal.ui.keys import CANCEL_KEYS, CONFIRM_KEYS, HELP_KEYS, WELCOME_KEYS, TypedKey, bindings, replay
from edcal.ui.widgets.week_grid import MARKS


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; y/enter confirm, n/escape refuse."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings(CONFIRM_KEYS)

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Static("[b]y[/b] yes    [b]n[/b] no", classes="dialog-hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; ``check`` returns an error message or a preview as you type."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings(CANCEL_KEYS)

    def __init__(self, title: str, value: str = "", check: Callable[[str], tuple[bool, str]] | None = None,
                 placeholder: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.value, self.check = title, value, check
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-feedback", classes="feedback", markup=False)
            yield Static("[b]enter[/b] ok    [b]escape[/b] cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self._feedback(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._feedback(event.value)

    def _feedback(self, value: str) -> bool:
        if self.check is None:
            return True
        ok, message = self.check(value)
        feedback = self.query_one("#prompt-feedback", Static)
        feedback.update(message)
        feedback.set_class(not ok, "-error")
        return ok

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._feedback(event.value):
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooserScreen(ModalScreen[str | None]):
    """Pick one option; returns its id."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings(CANCEL_KEYS)

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.options = title, options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self.options], id="chooser", markup=False)
            yield Static("[b]↑↓[/b] choose    [b]enter[/b] ok    [b]escape[/b] cancel", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below, from its live bindings (so remapped keys show as remapped)."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings(HELP_KEYS)

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.rows = rows  # (keys, description, binding id)

    def compose(self) -> ComposeResult:
        # A table: a long description wraps in its own column, under itself.
        text = Table.grid(padding=(0, 2))
        text.add_column(justify="right", style="bold", no_wrap=True)
        text.add_column(style="dim", no_wrap=True)
        text.add_column(ratio=1)
        for keys, description, binding in self.rows:
            text.add_row(keys, binding, description)
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(text, id="help-keys")
            yield Static("Marks: " + "  ".join(f"{mark} {meaning}" for mark, meaning, _ in MARKS),
                         classes="dialog-hint", markup=False)
            yield Static(Text.assemble(("escape", "bold"), " close    remap a key in the config file's [keys] table "
                                       "by its id (the middle column): \"week.next\" = \"w\""), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


class WelcomeScreen(ModalScreen[list[str] | None]):
    """First run: pick the few platforms you use."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = bindings(WELCOME_KEYS)

    def __init__(self, profiles: list[tuple[str, str]], early_keys: list[TypedKey] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.profiles = profiles
        self.early_keys = early_keys or []  # typed before the dialog showed: they are meant for it

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog welcome"):
            yield Label("Welcome to edcal", classes="dialog-title")
            yield Static(
                "Pick the platforms you post on. Few, each chosen for a reason, beats everywhere at once: "
                "every platform has its own codes and costs time every week.", classes="welcome-text")
            yield SelectionList[str](*[Selection(self._prompt(name, False), key) for key, name in self.profiles],
                                     id="welcome-platforms")
            yield Static("", id="welcome-feedback", classes="feedback", markup=False)
            yield Button("Start planning", variant="primary", id="welcome-start")
            yield Static("[b]space[/b] select    [b]enter[/b] on the button to start    [b]escape[/b] later",
                         classes="dialog-hint")

    @staticmethod
    def _prompt(name: str, chosen: bool) -> str:
        return f"{'✓' if chosen else ' '} {name}"  # chosen is said by a mark, not by colour alone

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        if self.early_keys:
            self.call_after_refresh(self._replay_early_keys)

    def _replay_early_keys(self) -> None:
        keys, self.early_keys = self.early_keys, []
        replay(self.app, keys)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        platforms = event.selection_list
        chosen = set(platforms.selected)
        for index, (key, name) in enumerate(self.profiles):
            platforms.replace_option_prompt_at_index(index, self._prompt(name, key in chosen))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        chosen = self.query_one(SelectionList).selected
        if not chosen:
            feedback = self.query_one("#welcome-feedback", Static)
            feedback.update("Pick at least one platform.")
            feedback.add_class("-error")
            return
        self.dismiss(list(chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
