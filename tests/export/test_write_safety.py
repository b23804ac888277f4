"""Exports write files only: through a symlink to its target, never over a FIFO or a device,
keeping an existing file's permissions, leaving no temporary file behind."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys

import pytest

from edcal.export.ical import write_atomic


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.ics"
    target.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_an_existing_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    existing = tmp_path / "shared.ics"
    existing.write_bytes(b"old")
    existing.chmod(0o644)
    write_atomic(existing, b"new")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "fresh.ics", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.ics").stat().st_mode) == 0o644


def test_a_fifo_is_refused_untouched(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_device_is_refused_untouched(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(device, b"x")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_failed_write_leaves_no_temporary_file_and_the_old_file_whole(tmp_path):
    """A real failure: the process may write files of 10 bytes at most (RLIMIT_FSIZE)."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "plan.ics").write_bytes(b"old")
    code = (
        "import resource, signal, sys\n"
        "from edcal.export.ical import write_atomic\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10))\n"
        "try:\n"
        "    write_atomic(sys.argv[1], b'x' * 100_000)\n"
        "except OSError as exc:\n"
        "    print(exc.errno)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder / "plan.ics")], capture_output=True, text=True)
    assert done.stdout.strip() == str(errno.EFBIG), done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["plan.ics"]
    assert (folder / "plan.ics").read_bytes() == b"old"
