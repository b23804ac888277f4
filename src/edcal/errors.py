"""Errors a user can act on. Their message is one sentence shown as is."""


class EdcalError(Exception):
    """A problem the user can fix; the CLI prints the message and exits non-zero, the TUI
    shows it. Messages name no command: both faces show them."""


class UsageError(EdcalError):
    """The command line or an argument is wrong."""


class ConflictError(EdcalError):
    """Another session changed the row since it was read."""


class NotFoundError(EdcalError):
    """A post, entry or platform that does not exist."""


class PastError(EdcalError):
    """A post would be scheduled for a time already gone; each face says how to confirm."""

    def __init__(self, when: str, ago: str) -> None:
        super().__init__(f"{when} is {ago}; a scheduled post goes out in the future, "
                         "so confirm the time or mark the post published")
        self.when, self.ago = when, ago


def sentence(message: str, *, capital: bool = False) -> str:
    """``message`` ending as a sentence does; with ``capital``, starting as one too (the TUI shows
    it alone; the CLI prints it after "edcal: ")."""
    message = message.strip()
    if capital:
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."
