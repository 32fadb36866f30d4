"""argparse front door: no command -> GUI; subcommands -> Qt-free core.

Global options come before the command: ``--data-dir DIR``, ``--today YYYY-MM-DD``. Expected
failures (UserFacingError) print one line ``ua-writer: error: ...`` on stderr and exit 2; anything
else is a bug: logged with its traceback to the log file, reported in one line, exit 70.
Nothing here imports PySide6 (``run_gui`` imports ua_writer.app when it runs). Started with
no command, maybe with files to open (the desktop launcher), it does not load the command
modules at all (batch, multiprocessing, mail, ...: ~30-80 ms before the window could start).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sqlite3
import sys

from ua_writer import __version__, paths
from ua_writer.commands import Context, resolve_today, split_global_options
from ua_writer.services.startup import OPEN_SUFFIXES, file_to_open  # noqa: F401 (public here too)
from ua_writer.core.errors import UserFacingError

#: command modules under ua_writer.commands, each with register(subparsers)
COMMAND_MODULES = [
    "gui",
    "actions",
    "profile",
    "drafts",
    "letters",
    "batch",
    "reminders", "envelopes", "email", "grouppacks",  # extras: due/calendar, envelope/labels, email, pack-*
    "maintenance",
    "desktop",  # install-desktop / uninstall-desktop
]

EXIT_USER_ERROR = 2
EXIT_BUG = 70


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own usage errors: same one-line style, exit 2
        self.print_usage(sys.stderr)
        print(f"ua-writer: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USER_ERROR)


def gui_only(argv: list[str]) -> bool:
    """True when ``argv`` holds only global options with their values, and maybe files to open
    (no command, no --help): the command line of the desktop app, which then starts without
    building the parser."""
    return all(file_to_open(a) for a in split_global_options(argv)[1])


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command line; ``commands=False``: the global options only (no command module loaded)."""
    parser = _Parser(prog="ua-writer",
                     description="Write letters for Urgent Actions, offline.")
    parser.add_argument("--version", action="version", version=f"ua-writer {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="user data folder (default: the platform's user data dir; "
                             "env UA_WRITER_DATA_DIR)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="the date deadlines are computed against (env UA_WRITER_TODAY)")
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"ua_writer.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"ua_writer.commands.{name}":
                continue  # a command module not written yet
            raise
        module.register(sub)
    return parser


def check_display(environ=os.environ, platform: str = sys.platform) -> None:
    """Raise UserFacingError when the desktop app cannot open a window here: on Linux without a
    display (no DISPLAY / WAYLAND_DISPLAY and no QT_QPA_PLATFORM chosen) Qt would abort with a
    core dump; say what to do instead, in one line."""
    if not platform.startswith("linux"):
        return
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return
    raise UserFacingError(
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); start it from "
        "a desktop session, or on a server with 'xvfb-run ua-writer'. Every other command works "
        "without a display: see 'ua-writer --help'.")


def run_gui(args, ctx) -> int:
    """Start the desktop app (``ua-writer``, ``ua-writer gui``) with the global options and the
    files to import once the window is up."""
    check_display()
    from ua_writer import app

    forwarded = []
    if getattr(args, "data_dir", None):
        forwarded += ["--data-dir", args.data_dir]
    if getattr(args, "today", None):
        forwarded += ["--today", args.today]
    forwarded += [os.path.abspath(f) for f in getattr(args, "files", None) or []]
    return app.main(forwarded)


def database_error_message(e: sqlite3.DatabaseError) -> str:
    """One line for an SQLite error met while using an opened store: disk full, busy, or damage
    (only real damage names ``repair``; see store.database_error)."""
    from ua_writer.core.store import database_error

    return database_error(paths.database_path(), e).message


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 file name printed back: never a crash
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass
    if gui_only(argv):  # the desktop launcher: no parser to build (see split_global_options)
        values, files = split_global_options(argv)
        args = argparse.Namespace(data_dir=values.get("data_dir"), today=values.get("today"),
                                  files=files)
    else:
        args = build_parser().parse_args(argv)
    ctx = None
    try:
        if args.data_dir:
            paths.set_data_dir(args.data_dir)
        ctx = Context(today=resolve_today(args.today))
        if not getattr(args, "func", None):  # no command, or ``gui``
            return run_gui(args, ctx)
        return int(args.func(args, ctx) or 0)
    except UserFacingError as e:
        print(f"ua-writer: error: {e.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except sqlite3.DatabaseError as e:  # damage found after opening (quick_check cannot see all)
        print(f"ua-writer: error: {database_error_message(e)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except UnicodeEncodeError as e:
        if "surrogates not allowed" not in str(e):
            return _bug(e)
        # an argument with bytes that are not UTF-8 (Python carries them as surrogates) reached
        # something that needs text: the database, a template, a message
        bad = next((a for a in argv if any("\udc80" <= c <= "\udcff" for c in a)), "")
        shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        print(f"ua-writer: error: {shown!r} holds bytes that are not UTF-8 text; use UTF-8 names "
              "and values", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("ua-writer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: keep the traceback in the log, one line for the user
        return _bug(e)
    finally:
        if ctx is not None:
            ctx.close()


def _bug(e: BaseException) -> int:
    from ua_writer import logs

    where = logs.log_exception(e)
    print(f"ua-writer: error: internal error ({type(e).__name__}: {e}); details in {where}",
          file=sys.stderr)
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
