"""The Qt side of start-up: the QApplication (names, desktop file, fonts), the data-dir lock, the
event loop and the few QApplication calls ``ua_writer.app`` needs.

``ua_writer.app`` orchestrates start-up (build, main, recovery, the exception hook) and keeps no
PySide6 import of its own, so ``ui/`` stays the only package that imports Qt. Must not import
ua_writer.app or the main window.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication

from ua_writer import APP_NAME, ORG_NAME, __version__, paths
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _

DESKTOP_FILE = "ua-writer"


class AlreadyRunning(UserFacingError):
    """Another ua-writer has this data folder open (process ``pid``)."""

    def __init__(self, pid):
        self.pid = pid
        super().__init__(already_running_text(pid))


def already_running_text(pid) -> str:
    return _("ua-writer is already running with this data folder (process {pid}). Switch to that "
             "window, or close it first.").format(pid=pid)


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "ua-writer", *(argv or [])])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("ua-writer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    # the palette follows the system (light/dark) by default: we set no colours of our own; the
    # bundled letter font is registered with the first letter (i18n_qt.letter_font)
    return app


def acquire_lock(lock_name: str) -> QLockFile:
    """Lock the data dir for this process; AlreadyRunning if another live process holds it."""
    lock = QLockFile(str(paths.data_dir() / lock_name))
    lock.setStaleLockTime(0)  # stale only when its process is gone (QLockFile checks the pid)
    umask = os.umask(0o077)  # QLockFile creates it with the umask: private from the first moment
    try:
        locked = lock.tryLock(100)
    finally:
        os.umask(umask)
    if not locked:
        if lock.error() == QLockFile.LockError.LockFailedError:
            info = lock.getLockInfo()  # (pid, host, app) — (ok, ...) in some bindings
            pid = next((v for v in info if isinstance(v, int) and not isinstance(v, bool)), "?")
            ask_to_come_forward()
            raise AlreadyRunning(pid)
        raise UserFacingError(_("Cannot lock the data folder {folder}; check that you can write to "
                                "it.").format(folder=paths.data_dir()))
    try:  # a lock file left by an older version stays as it was made: private now
        os.chmod(paths.data_dir() / lock_name, 0o600)
    except OSError:
        pass
    return lock


#: a second instance leaves this file in the data dir; the running one sees it and comes forward
RAISE_NAME = "ua-writer.raise"


def ask_to_come_forward() -> None:
    """Ask the ua-writer that holds the data dir to bring its window forward (a file it watches;
    no socket)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:  # private like everything in the data dir, and never through a planted symlink
        fd = os.open(paths.data_dir() / RAISE_NAME, flags, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(str(os.getpid()))
    except OSError:  # the message still tells the user where to look
        pass


def bring_forward_on_request(window) -> None:
    """Bring ``window`` forward (restored, raised, activated) whenever a second instance asks
    (:func:`ask_to_come_forward`)."""
    from PySide6.QtCore import QFileSystemWatcher

    folder = paths.data_dir()
    request = folder / RAISE_NAME
    watcher = QFileSystemWatcher([str(folder)], window)

    def check(_path: str = "") -> None:
        if not request.exists():
            return
        try:
            request.unlink()
        except OSError:
            pass
        from PySide6.QtCore import Qt  # not at start: see ui/models/actions_model.py

        if window.windowState() & Qt.WindowState.WindowMinimized:
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    watcher.directoryChanged.connect(check)
    window._raise_watcher = watcher  # lives with the window
    check()  # a request left from before this start is answered (and removed) now


def later(fn: Callable[[], object]) -> None:
    """Run ``fn`` once the event loop runs (never inside build())."""
    QTimer.singleShot(0, fn)


def active_window():
    return QApplication.activeWindow()


def quit_app() -> None:
    QApplication.quit()


def exec_app(app: QApplication) -> int:
    return app.exec()
