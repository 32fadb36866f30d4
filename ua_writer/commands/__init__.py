"""CLI subcommands, one module per job. Each module has ``register(subparsers)`` which adds its
parsers and sets ``func=run_x`` where ``run_x(args, ctx) -> int``. Never imports Qt (``gui`` imports
``ua_writer.app`` lazily, inside its run function).
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from ua_writer.core.errors import UserFacingError


@dataclass
class Context:
    """What every command gets: the explicit 'today', the store (opened on first use), streams."""

    today: _dt.date
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _store: object = None

    def store(self):
        if self._store is None:
            from ua_writer.core.store import open_store

            self._store = open_store()
        return self._store

    def warn(self, message: str) -> None:
        print(f"ua-writer: warning: {message}", file=self.err)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def parse_date(value: str, what: str = "date") -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise UserFacingError(f"{what} must be an ISO date YYYY-MM-DD, got {value!r}") from None


def resolve_today(option: str | None) -> _dt.date:
    """--today, else UA_WRITER_TODAY, else the real date."""
    value = option or os.environ.get("UA_WRITER_TODAY")
    if value:
        return parse_date(value, "--today / UA_WRITER_TODAY")
    return _dt.date.today()
