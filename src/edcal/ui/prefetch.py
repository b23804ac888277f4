"""Load this week in a forked helper process while the UI starts.

Importing SQLAlchemy and SQLModel costs more than Textual's whole first frame. On a
machine with a second core, a child forked before Textual is imported opens the database
and loads the week in parallel, then hands the plain result over a pipe; the UI shows it
as soon as it has painted. The app still opens its own store for everything else. Where
``fork`` does not exist (Windows) or anything fails, the app loads the week itself.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass


@dataclass
class Prefetch:
    pid: int
    fd: int

    def receive(self):
        """The child's WeekData, or None. Blocks (in a worker thread) until the child is done."""
        chunks = []
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                while chunk := pipe.read(1 << 16):
                    chunks.append(chunk)
        finally:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        payload = b"".join(chunks)
        if not payload:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a half-written or foreign payload: load the week normally
            return None


def _child(db_url: str, write_fd: int) -> None:
    payload = b""
    try:
        from edcal.domain import clock
        from edcal.domain.week import Week
        from edcal.services.week import load_week
        from edcal.store import open_store

        store = open_store(db_url)
        settings = store.settings()
        week = Week.of(clock.today(settings.timezone), settings.week_start)
        payload = pickle.dumps(load_week(store, week))
        store.close()
    except BaseException:  # the app reports problems itself, with its own store
        payload = b""
    finally:
        try:
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        except OSError:  # the app quit before the week was ready: nobody reads it
            pass
        os._exit(0)  # never back into the parent's stack, whatever happened


def start(db_url: str) -> Prefetch | None:
    """Fork the helper; call before Textual is imported, while this process has one thread."""
    if not hasattr(os, "fork") or os.environ.get("EDCAL_NO_PREFETCH"):
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:
        os.close(read_fd)
        try:
            os.nice(10)  # the UI's first frame comes first; this work fills the idle core
        except OSError:
            pass
        _child(db_url, write_fd)
    os.close(write_fd)
    return Prefetch(pid, read_fd)
