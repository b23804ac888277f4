#!/usr/bin/env python3
"""The README's two commands, for any machine with Python 3.11+:

    python3 dev.py run [EDCAL ARGS...]   set up .venv and launch edcal (SQLite by default)
    python3 dev.py run demo [--db URL]   a sample week in a demo database of its own (or URL), opened
    python3 dev.py test [PYTEST ARGS...] set up .venv with the test tools and run every test

Set-up is skipped when pyproject.toml has not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure(extra: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("edcal needs Python 3.11 or newer; run this with python3.11 or later.")
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extra}]" if extra else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + target.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"installing edcal{f'[{extra}]' if extra else ''} into .venv ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def ensure_reference() -> None:
    """Install Twitter's own twitter-text from npm for the tests that compare edcal with it
    (tests/reference). Without Node.js those tests are skipped; CI requires them."""
    folder = ROOT / "tests" / "reference"
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the tests against JavaScript twitter-text will be skipped", flush=True)
        return
    digest = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
    stamp = folder / "node_modules" / ".installed"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("installing twitter-text (npm) into tests/reference ...", flush=True)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], cwd=folder)
    if done.returncode == 0:
        stamp.write_text(digest)


def run_commands(rest: list[str]) -> list[list[str]]:
    """What `dev.py run` runs: edcal with the arguments given; for `demo`, the sample week in a
    demo database of its own (or the one --db names), then the calendar opened on it."""
    edcal = str(BIN / "edcal")
    if rest[:1] == ["demo"]:
        return [[edcal, "demo", "--open", *rest[1:]]]
    return [[edcal, *rest]]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure("")
        *first, last = run_commands(rest)
        for line in first:
            if subprocess.call(line) == 2:  # a usage error: the calendar would not open either
                return 2
        return subprocess.call(last)
    ensure("test")
    ensure_reference()
    # Bytecode for edcal's own modules, written even under PYTHONDONTWRITEBYTECODE: hundreds of
    # tests start edcal in a process of its own, and each would compile its modules afresh
    # (about 50 ms a process).
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    # One worker more than cores: a third of the suite's time is tests waiting on a process, a
    # server or a repaint, and the spare worker runs meanwhile (4 minutes instead of 6 on 2 cores).
    workers = ["-n", str((os.cpu_count() or 1) + 1)] if not any(a.startswith("-n") for a in rest) else []
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *workers, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
