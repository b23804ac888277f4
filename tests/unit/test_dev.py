"""The README's `python3 dev.py run demo`: the sample week, then the calendar on it."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_demo_fills_the_sample_week_then_opens_the_calendar_on_the_same_database(tmp_path):
    dev = load_dev()
    db = str(tmp_path / "demo.db")
    fill, calendar = dev.run_commands(["demo", "--db", db])
    assert calendar == [str(dev.BIN / "edcal"), "--db", db] and fill[1:] == ["demo", "--db", db]
    filled = subprocess.run([sys.executable, "-m", "edcal", *fill[1:]], capture_output=True, text=True, timeout=60)
    assert filled.returncode == 0 and "sample posts" in filled.stdout
    # The calendar's command line is one the CLI takes as "open the TUI" (asked for its help here, as no
    # terminal is attached).
    opened = subprocess.run([sys.executable, "-m", "edcal", *calendar[1:], "--help"], capture_output=True, text=True,
                            timeout=60)
    assert opened.returncode == 0 and "usage: edcal" in opened.stdout
    assert dev.run_commands(["list"]) == [[str(dev.BIN / "edcal"), "list"]]
