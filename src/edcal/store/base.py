"""The store's plumbing: the engine, one short session a call."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from edcal.config import Config
from edcal.store.errors import translate_errors
from edcal.store.values import Lookups


class StoreBase(Lookups):
    def __init__(self, engine: Engine, url: str, config: Config):
        self.engine = engine
        self.url = url
        self.config = config

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        with translate_errors(self.url), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @staticmethod
    def _one_writer(s: Session, what: str) -> None:
        """Inside a write, first: wait until no other transaction writes ``what``, and keep
        them waiting until this one ends, so that what it reads next is what it changes."""
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:what))"), {"what": f"edcal {what}"})
        else:  # any write takes SQLite's one write lock, even one that changes no row
            s.execute(text("UPDATE setting SET key = key WHERE 0 = 1"))

    def close(self) -> None:
        self.engine.dispose()
