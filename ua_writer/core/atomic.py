"""Atomic file writes: temp file in the target folder (mode 0600), fsync, os.replace.

A crash or an exception mid-write leaves the old file (or none), never half a new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator, BinaryIO

from ua_writer.core.errors import ExportError


def _describe(e: OSError, path: Path) -> str:
    if e.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: permission denied (choose another folder)"
    if e.errno == errno.ENOENT:
        return f"cannot write {path}: the folder {path.parent} does not exist"
    return f"cannot write {path}: {e.strerror or e}"


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``path`` atomically, else it vanishes."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as e:
        raise ExportError(_describe(e, target)) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        _unlink(tmp)
        raise ExportError(_describe(e, target)) from None
    except BaseException:
        _unlink(tmp)
        raise
    try:  # make the rename durable
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def atomic_write_bytes(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> None:
    with atomic_open(path, mode) as f:
        f.write(data)


def atomic_write_text(path: str | os.PathLike, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def atomic_write_with(path: str | os.PathLike, writer: Callable[[BinaryIO], None], mode: int = 0o600) -> None:
    """Let ``writer`` fill the file; anything it raises leaves nothing behind."""
    with atomic_open(path, mode) as f:
        writer(f)
