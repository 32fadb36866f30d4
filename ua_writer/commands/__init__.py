"""CLI subcommands, one module per job. Each module has ``register(subparsers)`` which adds its
parsers and sets ``func=run_x`` where ``run_x(args, ctx) -> int``. The commands are thin callers
of ``ua_writer.services``; they never import Qt, ``ua_writer.ui`` or ``ua_writer.app`` (the front
door, ``cli.run_gui``, starts the app). The global options and dates are read by
``services.startup``, which the desktop app shares.
"""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass, field
from typing import TextIO

from ua_writer.services.startup import (GLOBAL_OPTIONS, parse_date, resolve_today,  # noqa: F401
                                       split_global_options)


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
            unknown = self._store.profile_unknown_languages()
            if unknown:  # stored by a version before the check; profile() leaves them out
                from ua_writer.core.notices import Notice

                self.warn(Notice("profile_unknown_languages", codes=unknown))
        return self._store

    def warn(self, message: str) -> None:
        print(f"ua-writer: warning: {message}", file=self.err)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
