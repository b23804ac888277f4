"""Words that agree with their numbers ("1 post", "2 posts", "1 entry", "3 entries") and
words cut to fit ("Where our buyers…")."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1 (``plural`` when adding "s" is wrong)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def clip(text: str, width: int) -> str:
    """``text`` in ``width`` characters, ending in … when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
