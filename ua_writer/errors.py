"""Expected, user-facing failures. Everything that is not a UserFacingError is a bug.

The lowest layer (tests/test_architecture.py): every other layer, ``paths`` included, may raise
these; it imports nothing from the rest of ua_writer. ``ua_writer.core.errors`` is the same
classes under the name the core's modules use.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A failure the user can understand and act on: shown as a plain message, never a traceback."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class PackError(UserFacingError):
    """An action pack (JSON) that cannot be loaded. Names the file, field and problem."""

    def __init__(self, message: str, *, source: str | None = None, field: str | None = None):
        prefix = f"{source}: " if source else ""
        where = f"{field}: " if field else ""
        super().__init__(f"{prefix}{where}{message}")
        self.source = source
        self.field = field
        self.problem = message


class StoreError(UserFacingError):
    """The database cannot be used (locked by another instance, unwritable, ...)."""


class CorruptStoreError(StoreError):
    """The database file is damaged. ``path`` is the damaged file; see Store.quarantine()."""

    def __init__(self, message: str, path: str):
        super().__init__(message)
        self.path = path


class DiskFullError(StoreError):
    """The disk holding the database is full (or cannot grow its shared-memory file): nothing was
    changed, the database is sound. Never a reason to run ``repair``."""


class NotFoundError(UserFacingError):
    """An id (action, recipient, draft) that does not exist."""


class ExportError(UserFacingError):
    """An export that cannot be written (unwritable folder, disk full, missing font...).
    ``errno`` is the operating system's error number when one caused it (ENOSPC: disk full),
    so callers can react to the case without reading the (translated) message."""

    def __init__(self, message: str, errno: int | None = None):
        super().__init__(message)
        self.errno = errno


class TemplateError(UserFacingError):
    """A letter template that is missing, broken or tries to escape the sandbox."""


class ImportFailed(UserFacingError):
    """A file that cannot be recognised as an Urgent Action."""
