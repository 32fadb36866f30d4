"""Logging set-up: a rotating log in the data dir. Logs never contain letter text or addresses:
code logs ids and counts only. No Qt.
"""

from __future__ import annotations

import logging
import os
import traceback

from ua_writer.errors import UserFacingError

_configured = False


class _PrivateRotatingFileHandler(logging.FileHandler):
    """A size-rotated log (``ua-writer.log``, then ``.1`` … ``.N``, the policy of the standard
    ``RotatingFileHandler``) whose files are created 0600 whatever the umask (they name ids and
    paths of the user's data). Built on ``logging.FileHandler`` so that the GUI's start-up does
    not import ``logging.handlers`` (socket, pickle, queue: ~10 ms)."""

    def __init__(self, filename, max_bytes: int, backup_count: int):
        self.max_bytes, self.backup_count = max_bytes, backup_count
        super().__init__(filename, mode="a", encoding="utf-8")

    def _open(self):
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
                    opener=lambda path, flags: os.open(path, flags | getattr(os, "O_NOFOLLOW", 0),
                                                       0o600))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_roll_over(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _should_roll_over(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0 or (os.path.exists(self.baseFilename)
                                   and not os.path.isfile(self.baseFilename)):
            return False  # e.g. /dev/null
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)
        return self.stream.tell() + len(self.format(record) + self.terminator) >= self.max_bytes

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.backup_count > 0:
            for i in range(self.backup_count - 1, 0, -1):
                older = f"{self.baseFilename}.{i}"
                if os.path.exists(older):
                    os.replace(older, f"{self.baseFilename}.{i + 1}")
            if os.path.exists(self.baseFilename):
                os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def setup(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    from ua_writer import paths

    try:
        handler = _PrivateRotatingFileHandler(paths.log_dir() / "ua-writer.log", max_bytes=1_000_000,
                                              backup_count=3)
    except OSError:
        handler = logging.StreamHandler()
    except UserFacingError:  # logs/ is a symlink or not ours: never followed, nothing logged there
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("ua_writer")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True


def log_exception(exc: BaseException) -> str:
    """Log an unexpected exception with its traceback; return where the log is."""
    setup()
    logging.getLogger("ua_writer").error(
        "unexpected error\n%s", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    from ua_writer import paths

    try:
        return str(paths.log_dir() / "ua-writer.log")
    except Exception:
        return "the log"
