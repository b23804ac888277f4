"""The month view's speed (issue 28), as a ratio against the week grid on the same database.

A database of 100,000 posts, 10,000 of them in the month shown (bench/seed.py). Headless (the
real app under Textual's test driver), medians of alternating presses:

- the reference: ] and [ in the week grid, from the key to the repaint showing the other week;
- the month: [ in the month view from April back to March, from the key to the repaint showing
  March's days (the rules' ⚠ marks follow a moment later: that time is reported too).

Target: switching months at most 1.5x the week's move.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import seeded_db  # noqa: E402

MONTH_START = datetime(2027, 3, 1, tzinfo=timezone.utc)  # a month of five weeks with Monday weeks (1 Mar - 4 Apr)


async def measure(url: str, presses: int) -> tuple[float, float, float]:
    """(week move, month switch to its first paint, month switch to its checked paint), medians."""
    from edcal.config import Config
    from edcal.ui.app import EdcalApp
    from edcal.ui.widgets.week_body import WeekBody

    painted: list[tuple[str, bool, float]] = []

    class Body(WeekBody):
        def on_month_loaded(self, message) -> None:
            super().on_month_loaded(message)
            self.call_after_refresh(lambda: painted.append(("month", message.data.checked, time.perf_counter())))

        def show(self, data, day=None) -> None:
            super().show(data, day)
            self.call_after_refresh(lambda: painted.append(("week", data.checked, time.perf_counter())))

    import edcal.ui.screens.week as week_module

    week_module.WeekBody = Body  # type: ignore[misc]  # the screen composes the timed body

    class Timed(EdcalApp):
        cursor_blink = False

    app = Timed(url, Config(path=Path("/nonexistent/config.toml")))
    weeks, firsts, checked = [], [], []
    async with app.run_test(size=(140, 42)) as pilot:
        await app.settled()
        await pilot.pause()
        await pilot.press("g")
        await pilot.press(*"2027-03-08", "enter")
        await app.settled()
        for n in range(presses):
            before = len(painted)
            start = time.perf_counter()
            await pilot.press("right_square_bracket" if n % 2 == 0 else "left_square_bracket")
            while not any(kind == "week" and done for kind, done, _ in painted[before:]):
                await pilot.pause(0.002)
            weeks.append(next(t for kind, done, t in painted[before:] if kind == "week" and done) - start)
        await pilot.press("v", "v")
        await app.settled()
        for _ in range(presses):  # timed: [ from April back into March (10,000 posts)
            await pilot.press("right_square_bracket")
            await app.settled()
            await pilot.pause()
            before = len(painted)
            start = time.perf_counter()
            await pilot.press("left_square_bracket")
            while not any(kind == "month" and done for kind, done, _ in painted[before:]):
                await pilot.pause(0.002)
            months = [(done, t) for kind, done, t in painted[before:] if kind == "month"]
            firsts.append(months[0][1] - start)
            checked.append(next(t for done, t in months if done) - start)
    return statistics.median(weeks), statistics.median(firsts), statistics.median(checked)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("seeding 100,000 posts, 10,000 in March 2027 ...", flush=True)
        url = seeded_db(Path(folder) / "month.db", 100_000, MONTH_START, busy_weeks=5, per_week=2_000)
        week, first, checked = asyncio.run(measure(url, args.presses))
    print(f"] in the week grid (2,000 posts a week)       {week * 1000:7.1f} ms  1.00x  (reference)")
    ratio = first / week
    print(f"] in the month (10,000 posts), first paint     {first * 1000:7.1f} ms  {ratio:.2f}x  "
          f"(target <= 1.5x: {'met' if ratio <= 1.5 else 'MISSED'})")
    print(f"] in the month, with the rules' marks          {checked * 1000:7.1f} ms  {checked / week:.2f}x  (reported)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
