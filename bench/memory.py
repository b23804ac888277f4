"""Peak memory (RSS) of the TUI on 100 posts against 100,000 posts (issue 17).

Each run is a fresh process that opens the real app headless at 140x42 on its database, waits
for the week and the store, presses ] ten times (each week painted before the next key), then
reports its peak resident set size. The ten weeks shown hold the same number of posts in both
databases, so the difference is the cost of the database's size alone. Three runs each,
interleaved; medians. Target: at most 1.2x.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed import seeded_db  # noqa: E402

BROWSE = """
import asyncio, sys
from pathlib import Path
from edcal.config import Config
from edcal.ui.app import EdcalApp

async def main():
    app = EdcalApp(sys.argv[1], Config(path=Path("/nonexistent/config.toml")))
    async with app.run_test(size=(140, 42)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.store is not None, "the database did not open"
        for _ in range(10):
            shown = app.screen.data
            await pilot.press("right_square_bracket")
            while app.screen.data is shown:
                await pilot.pause(0.01)
    # The peak of this process's own resident memory (VmHWM): not ru_maxrss, which on Linux keeps
    # the parent's size from before the exec.
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    print(int(status["VmHWM"].split()[0]))  # KiB

asyncio.run(main())
"""


def peak_kib(url: str) -> int:
    out = subprocess.run([sys.executable, "-c", BROWSE, url], check=True, capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1])


def main() -> int:
    around = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory() as tmp:
        print("seeding databases of 100 and 100,000 posts ...", flush=True)
        small = seeded_db(Path(tmp) / "100.db", 100, around, busy_weeks=10, per_week=10)
        large = seeded_db(Path(tmp) / "100k.db", 100_000, around, busy_weeks=10, per_week=10)
        few, many = [], []
        for _ in range(3):
            few.append(peak_kib(small))
            many.append(peak_kib(large))
    few_mib, many_mib = statistics.median(few) / 1024, statistics.median(many) / 1024
    ratio = many_mib / few_mib
    met = ratio <= 1.2
    print(f"peak RSS, week view and ] ten times: 100 posts {few_mib:.1f} MiB, 100,000 posts {many_mib:.1f} MiB")
    print(f"{'100k vs 100 posts':40} {ratio:4.2f}x  (target <= 1.2x: {'met' if met else 'MISSED'})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
