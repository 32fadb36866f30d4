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


#: the options every command and the desktop app take, before the command, each with one value
GLOBAL_OPTIONS = ("--data-dir", "--today")


def split_global_options(argv: list[str]) -> tuple[dict[str, str], list[str]]:
    """Pick the global options out of ``argv``: ``({"data_dir": ..., "today": ...}, the rest)``.

    ``--data-dir DIR`` and ``--data-dir=DIR`` both count, and so do abbreviations argparse would
    take (``--data DIR``); a value starting with "-" does not: it stays in the rest, for argparse
    to report. The desktop app starts through this, not argparse:
    building an ArgumentParser looks up gettext catalogs on disk, several milliseconds of start-up.
    """
    values: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        option = _global_option(name)
        if option and eq:
            values[option[2:].replace("-", "_")] = value
            i += 1
        elif option and not eq and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            values[option[2:].replace("-", "_")] = argv[i + 1]
            i += 2
        else:
            rest.append(arg)
            i += 1
    return values, rest


def _global_option(name: str) -> str | None:
    """The global option ``name`` stands for: itself or, as argparse allows, an unambiguous
    beginning of one ("--data" for "--data-dir")."""
    if len(name) < 3 or not name.startswith("--"):
        return None
    matches = [o for o in GLOBAL_OPTIONS if o.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def parse_date(value: str, what: str = "date") -> _dt.date:
    try:
        day = _dt.date.fromisoformat(value)
    except ValueError:
        raise UserFacingError(f"{what} must be an ISO date YYYY-MM-DD, got {value!r}") from None
    from ua_writer.core.packs import MAX_DATE, MIN_DATE

    if not MIN_DATE <= day <= MAX_DATE:  # deadlines, reminders and calendars count days from it
        raise UserFacingError(f"{what} must be between {MIN_DATE} and {MAX_DATE}, got {value!r}")
    return day


def resolve_today(option: str | None) -> _dt.date:
    """--today, else UA_WRITER_TODAY, else the real date."""
    value = option or os.environ.get("UA_WRITER_TODAY")
    if value:
        return parse_date(value, "--today / UA_WRITER_TODAY")
    return _dt.date.today()
