"""Words that agree with their numbers ("1 post", "2 posts", "1 entry", "3 entries"), words
cut to fit ("Where our buyers…"), and text made safe to show on a terminal."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1 (``plural`` when adding "s" is wrong)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def clip(text: str, width: int) -> str:
    """``text`` in ``width`` characters, ending in … when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


# What a terminal would act on rather than show: C0 controls but TAB and LF (CR included: it
# would let a title overwrite the line it is on), DEL, C1 controls. Shown as Unicode's control
# pictures (ESC as ␛) or, for C1 (which has none), as \x9b, so a title holding an escape
# sequence cannot clear the screen, retitle the window or write the clipboard (OSC 52).
_C0 = [*range(0x00, 0x09), *range(0x0B, 0x20)]
CONTROL_PICTURES = {c: chr(0x2400 + c) for c in _C0} | {0x7F: "\u2421"} | {c: f"\\x{c:02x}" for c in range(0x80, 0xA0)}
# The same, one character for one, where a text's offsets must stay (an editor's lines): C1 as �.
CONTROL_PICTURES_IN_PLACE = CONTROL_PICTURES | {c: "\ufffd" for c in range(0x80, 0xA0)}


def visible(text: str) -> str:
    """``text`` with every control character a terminal would obey drawn instead."""
    return text.translate(CONTROL_PICTURES)
