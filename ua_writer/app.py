"""GUI bootstrap: the QApplication (names, desktop file, UI language, fonts) apart from MainWindow.

``build(argv)`` makes everything without entering the event loop and never blocks (the first-start
profile prompt waits for the loop via ``QTimer.singleShot(0)``); it accepts the CLI's global
options ``--data-dir`` and ``--today`` and reuses an existing QApplication (tests). One instance per
data dir: a lock file there (QLockFile; a crashed instance's lock is recognised as stale). Expected
start-up failures raise: ``AlreadyRunning``, ``CorruptStoreError``. The database's integrity check
(O(file size)) does not delay the window: it runs on a worker thread after the first paint, and a
damaged file found then (or by a failed read) asks the same question as at start-up. ``main(argv)``
turns these into dialogs (a damaged database can be kept aside and a fresh one started, once —
never a crash loop), installs the exception hook (UserFacingError → plain translated message;
anything else → logged with its traceback + an error dialog with copyable details) and runs the
loop. May import Qt; core/export/commands must never import this module.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
import traceback

# The Qt-free modules before PySide6: once PySide6 is loaded, its import hook reads the source of
# every module an import statement names for the first time (~0.2 ms each: its __feature__
# check); imported here first, the core's own dependencies never go through it.
from ua_writer import APP_NAME, ORG_NAME, __version__, logs, paths  # isort: skip
from ua_writer.commands import resolve_today  # isort: skip
from ua_writer.core.errors import CorruptStoreError, UserFacingError  # isort: skip
from ua_writer.core.i18n import _  # isort: skip
from ua_writer.core.store import database_error, open_store  # isort: skip

from PySide6.QtCore import QLockFile, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ua_writer.ui import i18n_qt, prompts  # noqa: E402

log = logging.getLogger(__name__)

LOCK_NAME = "ua-writer.lock"
DESKTOP_FILE = "ua-writer"


class AlreadyRunning(UserFacingError):
    """Another ua-writer has this data folder open."""


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="ua-writer", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--today")
    return parser.parse_known_args(list(argv or []))


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named, with our fonts registered."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "ua-writer", *(argv or [])])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ua-writer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    # the palette follows the system (light/dark) by default: we set no colours of our own
    i18n_qt.load_fonts()
    return app


def acquire_lock() -> QLockFile:
    """Lock the data dir for this process; AlreadyRunning if another live process holds it."""
    lock = QLockFile(str(paths.data_dir() / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone (QLockFile checks the pid)
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.LockFailedError:
            info = lock.getLockInfo()  # (pid, host, app) — (ok, ...) in some bindings
            pid = next((v for v in info if isinstance(v, int) and not isinstance(v, bool)), "?")
            raise AlreadyRunning(_(
                "ua-writer is already running with this data folder (process {pid}). Switch to that "
                "window, or close it first.").format(pid=pid))
        raise UserFacingError(_("Cannot lock the data folder {folder}; check that you can write to "
                                "it.").format(folder=paths.data_dir()))
    return lock


def build(argv: list[str] | None = None):
    """Build the app and the main window without running the event loop: ``(app, window)``."""
    from ua_writer.ui.main_window import MainWindow

    args, qt_args = parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    today = resolve_today(args.today)
    app = create_app(qt_args)
    logs.setup()
    lock = acquire_lock()
    try:
        # no integrity check at open: the window runs it after its first paint (store_damaged)
        store = open_store(check=False)
        try:
            i18n_qt.apply_language(store.prefs().get("ui_language"))
            window = MainWindow(store, today)
        except (sqlite3.DatabaseError, UnicodeError) as e:  # damage met while reading
            store.close()
            raise database_error(store.path, e) from None
        except BaseException:
            store.close()
            raise
    except BaseException:
        lock.unlock()
        raise
    window.lock = lock
    window.damaged_path = None        # set when the database turns out to be damaged
    window.keep_damaged_aside = False  # ... and the user chose to keep it aside and start fresh
    window.store_damaged.connect(lambda problem: _on_store_damaged(window, problem))
    window.show()
    if store.profile().is_empty():
        QTimer.singleShot(0, window.ask_profile_first_start)
    log.info("started, data dir %s", paths.data_dir())
    return app, window


# -- a damaged database ---------------------------------------------------------------------------
def ask_keep_damaged_aside(parent, path) -> bool:
    """The one question for a damaged database: keep it aside and start fresh (True), or quit."""
    return prompts.get().question(
        parent, _("The database is damaged"),
        _("Your ua-writer database cannot be read ({path}).\n\nKeep the damaged file "
          "aside (nothing is deleted) and start with a fresh database?").format(path=path),
        yes=_("Keep it aside and start fresh"), no=_("Quit"))


def _on_store_damaged(window, problem: str) -> None:
    """The background check (or a read) found damage while the window is up: ask once, then
    close the window (drafts flushed), which ends the event loop; ``main`` then keeps the file
    aside and starts again, or quits."""
    if window.damaged_path is not None:
        return
    window.damaged_path = str(window.store.path)
    log.error("the database %s is damaged: %s", window.damaged_path, problem)
    window.keep_damaged_aside = ask_keep_damaged_aside(window, window.damaged_path)
    window.close()


def _recover(path) -> None:
    from ua_writer.core import salvage

    kept, report = salvage.recover(path)  # drafts etc. copied into the fresh store
    log.warning("damaged database kept as %s; %s", kept, report.summary())


# -- unexpected errors ------------------------------------------------------------------------------
_in_hook = False


def handle_exception(exc_type, exc, tb) -> None:
    """sys.excepthook: plain message for UserFacingError; log + details dialog for a bug."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, UserFacingError):
        prompts.get().error(parent, "ua-writer", exc.message)
        return
    where = logs.log_exception(exc)
    if _in_hook:  # an error while showing an error: log only, never a dialog loop
        return
    _in_hook = True
    try:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        prompts.get().error_details(
            parent, _("Unexpected error"),
            _("Something went wrong: {error}\nYour drafts are saved. The details below were also "
              "written to {log}.").format(error=f"{exc_type.__name__}: {exc}", log=where), details)
    except Exception:  # pragma: no cover - never let the hook itself crash
        log.error("the error dialog failed", exc_info=True)
    finally:
        _in_hook = False


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args, qt_args = parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    app = create_app(qt_args)
    recovered = False  # a damaged database is kept aside at most once per run: never a loop
    while True:
        try:
            i18n_qt.apply_language(None)
            try:
                app, window = build(argv)
            except CorruptStoreError as e:
                if recovered or not ask_keep_damaged_aside(None, e.path):
                    return 2
                _recover(e.path)
                recovered = True
                continue
        except AlreadyRunning as e:
            prompts.get().warning(None, _("Already running"), e.message)
            return 1
        except UserFacingError as e:
            prompts.get().error(None, "ua-writer", e.message)
            return 2
        sys.excepthook = handle_exception
        try:
            code = run_loop(app)
        finally:
            if window.damaged_path is not None:
                window.close()  # drafts flushed into the damaged file: salvage copies them
            window.store.close()
        if window.damaged_path is None:
            return code
        if recovered or not window.keep_damaged_aside:
            return 2
        try:  # found damaged while the window was up (background check): as at start-up
            _recover(window.damaged_path)
        except UserFacingError as e:
            prompts.get().error(None, "ua-writer", e.message)
            return 2
        recovered = True


def run_loop(app: QApplication) -> int:
    """Enter the event loop (a seam for tests of ``main``)."""
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
