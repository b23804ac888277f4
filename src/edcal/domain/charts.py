"""Small pictures drawn with characters: a bar against a minimum and a sparkline. The CLI and
the screens draw figures with these, never with image files."""

from __future__ import annotations

from collections.abc import Sequence

BAR_WIDTH = 24
_TICKS = "▁▂▃▄▅▆▇█"


def minutes_bar(minutes: int, minimum: int, scale: int, width: int = BAR_WIDTH) -> str:
    """A week's minutes as a bar on a shared ``scale``: ``█`` logged, ``│`` where the minimum
    lies when not reached, ``·`` the rest: '██████████│·····'."""
    filled = min(width, round(width * minutes / max(scale, 1)))
    mark = min(width - 1, max(0, round(width * minimum / max(scale, 1)) - 1))
    cells = ["█" if i < filled else "·" for i in range(width)]
    if minimum and mark >= filled:
        cells[mark] = "│"
    return "".join(cells)


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value, ``▁`` to ``█`` from zero to the largest; a gap (no value) is
    a space: '▁▃█▅ ▂'."""
    top = max((v for v in values if v is not None), default=0) or 1
    return "".join(" " if v is None else _TICKS[min(len(_TICKS) - 1, round((len(_TICKS) - 1) * max(v, 0) / top))]
                   for v in values)
