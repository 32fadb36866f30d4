"""Logging set-up: a rotating log in the data dir. Logs never contain letter text or addresses:
code logs ids and counts only. No Qt.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback

_configured = False


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are created 0600 whatever the umask (they name ids and paths of the user's data)."""

    def _open(self):
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors,
                    opener=lambda path, flags: os.open(path, flags, 0o600))


def setup(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    from ua_writer import paths

    try:
        handler = _PrivateRotatingFileHandler(
            paths.log_dir() / "ua-writer.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
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
