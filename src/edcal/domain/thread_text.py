"""A thread written as one text, as the editor, the CLI and CSV files hold it: its parts
separated by a line holding only "---"."""

from __future__ import annotations

import re

PART_BREAK = "---"
THREAD_PLATFORMS = ("x", "bluesky", "mastodon", "threads")  # where one post may be a thread of replies
NUMBERINGS = ("1/n", "(1/n)", "1/", "none")  # as typed after --numbering: "1/n" gives 1/3, 2/3, 3/3
_BREAK = r"(?m)^[ \t]*-{3}[ \t]*$"


def part_spans(text: str) -> list[tuple[int, int]]:
    """Where each part of a thread written as one text lies (``text[start:end]``), the blank
    space around each separator left out; a text without a separator line is one part as it is."""
    breaks = list(re.finditer(_BREAK, text))
    if not breaks:
        return [(0, len(text))]
    spans, pos = [], 0
    for found in [*breaks, None]:
        stop = found.start() if found else len(text)
        piece = text[pos:stop]
        start = pos + len(piece) - len(piece.lstrip())
        end = pos + len(piece.rstrip())
        if end > start:
            spans.append((start, end))
        pos = found.end() if found else len(text)
    return spans or [(0, 0)]


def split_parts(text: str) -> tuple[str, ...]:
    """The parts of a thread written as one text (see ``part_spans``)."""
    return tuple(text[start:end] for start, end in part_spans(text))


def join_parts(parts: tuple[str, ...] | list[str]) -> str:
    """A thread as one text, the inverse of ``split_parts`` for parts without a "---" line."""
    return f"\n{PART_BREAK}\n".join(parts)
