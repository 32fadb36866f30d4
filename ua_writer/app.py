"""GUI bootstrap: the QApplication (names, desktop file, UI language, fonts) apart from MainWindow.

``build(argv)`` makes the window without entering the event loop and never blocks (the first-start
profile prompt waits for the loop via ``QTimer.singleShot(0)``). The window comes in two stages
(issue #16): ``build()`` returns it with the action list, the menus and the status line; the
letter side (action pane, letter panel, preview, profile banner, the extras' buttons, menu entries
and banner) is built right after the first frame is painted, in the same turn of the event loop.
So every widget objectName exists once the loop has turned once after ``build()`` returns
(``window.letter_side_ready``; a window that is not painted, e.g. minimised, builds it 400 ms
later; anything that needs the letter side sooner, e.g. selecting an action, builds it at once).
It accepts the CLI's global options ``--data-dir`` and ``--today`` and files to import after the
first paint (a double-clicked ``.uapack``), and reuses an existing QApplication (tests). One
instance per data dir: a lock file there (QLockFile; a crashed instance's lock is recognised as stale). Expected
start-up failures raise: ``AlreadyRunning``, ``CorruptStoreError``. The database's integrity check
(O(file size)) does not delay the window: it runs on a worker thread after the first paint, and a
damaged file found then (or by a failed read) asks the same question as at start-up. ``main(argv)``
turns these into dialogs (a damaged database can be kept aside and a fresh one started, once —
never a crash loop), installs the exception hook (UserFacingError → plain translated message;
anything else → logged with its traceback + an error dialog with copyable details) and runs the
loop. The Qt calls themselves live in ``ua_writer.ui.application`` (this module has no PySide6
import of its own: ui/ is the only package that imports Qt); core/export/commands must never import
this module.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from types import SimpleNamespace

# The Qt-free modules before PySide6: once PySide6 is loaded, its import hook reads the source of
# every module an import statement names for the first time (~0.2 ms each: its __feature__
# check); imported here first, the core's own dependencies never go through it.
from ua_writer import APP_NAME, ORG_NAME, __version__, logs, paths  # isort: skip
from ua_writer.services.startup import file_to_open, resolve_today, split_global_options  # isort: skip
from ua_writer.core.errors import CorruptStoreError, UserFacingError  # isort: skip
from ua_writer.core.i18n import _  # isort: skip
from ua_writer.core.store import database_error, open_store  # isort: skip

from ua_writer.ui import application as qt_app  # noqa: E402  (loads PySide6)
from ua_writer.ui import i18n_qt, prompts  # noqa: E402
from ua_writer.ui.application import AlreadyRunning, create_app  # noqa: E402,F401  (public names)

log = logging.getLogger(__name__)

LOCK_NAME = "ua-writer.lock"
DESKTOP_FILE = qt_app.DESKTOP_FILE


def parse_args(argv: list[str] | None) -> tuple[SimpleNamespace, list[str]]:
    """(``data_dir``, ``today``) from the global options; the rest of ``argv`` is Qt's."""
    values, rest = split_global_options(list(argv or []))
    return SimpleNamespace(data_dir=values.get("data_dir"), today=values.get("today")), rest


def acquire_lock():
    """Lock the data dir for this process (a QLockFile); AlreadyRunning if another holds it."""
    return qt_app.acquire_lock(LOCK_NAME)


def build(argv: list[str] | None = None):
    """Build the app and the main window without running the event loop: ``(app, window)``.

    The letter side's widgets follow the first paint in the same turn of the loop (module
    docstring); tests turn it once with ``tests/ui/conftest.py``'s ``turn_once``."""
    from ua_writer.ui.main_window import MainWindow

    args, qt_args = parse_args(argv)
    files = files_to_open(qt_args) if qt_args else []
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    today = resolve_today(args.today)
    app = create_app([a for a in qt_args if a not in files])
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
    qt_app.bring_forward_on_request(window)  # a second start brings this window forward
    window.damaged_path = None        # set when the database turns out to be damaged
    window.keep_damaged_aside = False  # ... and the user chose to keep it aside and start fresh
    window.store_damaged.connect(lambda problem: _on_store_damaged(window, problem))
    # one line in the log once the window has painted: how a packaged copy's start is checked
    window.started.connect(lambda: log.info("window painted"))
    if files:  # from the command line (a double-clicked .uapack): imported once the window is up
        # and has shown its action (the import's dialogs are modal: not inside the start-up slot);
        # on a first start the sender profile is asked first, one dialog after the other
        def first_steps():
            window.ask_profile_first_start()
            open_files(window, files)

        window.started.connect(lambda: qt_app.later(first_steps))
    window.show()
    if not store.profile_name() and not files:
        qt_app.later(window.ask_profile_first_start)
    log.info("started, data dir %s", paths.data_dir())
    return app, window


def files_to_open(args: list[str]) -> list[str]:
    """The files among the non-global arguments (``ua-writer FILE...``), told from Qt's own
    options by services.startup.file_to_open."""
    return [a for a in args if file_to_open(a)]


def open_files(window, files: list[str]) -> None:
    """Import each file as if it were dropped on the window: a group pack shows its plan, an
    action pack or a UA its review dialog."""
    from pathlib import Path

    from ua_writer.ui.grouppacks import SUFFIX as PACK_SUFFIX

    for name in files:
        path = Path(name)
        (window.group_packs if path.suffix.lower() == PACK_SUFFIX else window.imports).import_path(path)


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
    from ua_writer.core.store import scrub_error

    window.damaged_path = str(window.store.path)
    log.error("the database %s is damaged: %s", window.damaged_path, scrub_error(problem))
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
        qt_app.quit_app()
        return
    parent = qt_app.active_window()
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
            # in the running window's language (its preference), not the system's: the store
            # stays closed (the other ua-writer has it); its one preference is read read-only
            from ua_writer.core.store import peek_pref

            i18n_qt.apply_language(peek_pref(paths.database_path(), "ui_language"))
            prompts.get().warning(None, _("Already running"), qt_app.already_running_text(e.pid))
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


def run_loop(app) -> int:
    """Enter the event loop (a seam for tests of ``main``)."""
    return qt_app.exec_app(app)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
