"""What both front ends read at start: the global options (``--data-dir``, ``--today``) picked
out of the command line without building a parser, the files to open given with them (the
menu entry's ``Exec=ua-writer %F``), and the date every deadline is computed
against (``--today``, else ``UA_WRITER_TODAY``, else the real date).

Shared by the CLI (``cli``, ``commands``) and the desktop app (``ua_writer.app``), which must not
import each other. Cheap to import: the desktop app reads its options through this before its
first frame. Qt-free.
"""

from __future__ import annotations

import datetime as _dt
import os

from ua_writer.core.errors import UserFacingError

#: files the app opens from its command line (the menu entry's ``Exec=ua-writer %F``: a
#: double-clicked .uapack, or "Open with" on a UA): group packs, action packs and the importer's
#: formats (core.importer.SUPPORTED_SUFFIXES, not imported here: it loads every layout)
OPEN_SUFFIXES = (".uapack", ".json", ".txt", ".text", ".pdf", ".html", ".htm", ".docx", ".eml", ".md")


def file_to_open(arg: str) -> bool:
    """True for an existing file the desktop app can import (see OPEN_SUFFIXES)."""
    return (not arg.startswith("-") and os.path.splitext(arg)[1].lower() in OPEN_SUFFIXES
            and os.path.isfile(arg))


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
    from ua_writer.core.limits import MAX_DATE, MIN_DATE  # (packs would bring the domain model)

    if not MIN_DATE <= day <= MAX_DATE:  # deadlines, reminders and calendars count days from it
        raise UserFacingError(f"{what} must be between {MIN_DATE} and {MAX_DATE}, got {value!r}")
    return day


def resolve_today(option: str | None) -> _dt.date:
    """--today, else UA_WRITER_TODAY, else the real date."""
    value = option or os.environ.get("UA_WRITER_TODAY")
    if value:
        return parse_date(value, "--today / UA_WRITER_TODAY")
    return _dt.date.today()
