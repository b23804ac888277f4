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


def sentence(message: str, *, capital: bool = False) -> str:
    """``message`` ending as a sentence does; with ``capital``, starting as one too (the TUI shows
    it alone; the CLI prints it after "edcal: ")."""
    message = message.strip()
    if capital:
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."
