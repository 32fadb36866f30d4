"""Atomic file writes: temp file in the target folder (mode 0600), fsync, os.replace.

Only regular files are replaced: a device (``/dev/null``, ``/dev/full``), a FIFO, a socket or a
folder as the target is refused with a clear message (a rename would have put a regular file in
its place). A symlinked target is written where it points, atomically, and the link stays; an
existing file keeps its permissions.

A crash or an exception mid-write leaves the old file (or none), never half a new one. A killed
process can leave its hidden temp file (``.<name>.XXXXXXXX.part``) behind: the next write of the
same name into that folder removes such leftovers once they are older than ``STALE_PART_SECONDS``
(only ours: that exact pattern, a regular file owned by this user; nothing else is touched).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Iterator

from ua_writer.core.errors import ExportError
from ua_writer.core.i18n import _

#: a temp file this old belongs to a write that was killed (a real write takes seconds at most)
STALE_PART_SECONDS = 10 * 60
#: tempfile.mkstemp's random part: 8 characters of this alphabet
_RANDOM = "[a-z0-9_]{8}"


def _describe(e: OSError, path: Path) -> str:
    if e.errno == errno.ENOSPC:
        return _("cannot write {path}: the disk is full").format(path=path)
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("cannot write {path}: permission denied (choose another folder)").format(path=path)
    if e.errno == errno.ENOENT:
        if path.parent.is_dir():  # e.g. /proc/self/mem: the folder exists, files cannot be made
            return _("cannot write {path}: no new file can be created in {folder}").format(
                path=path, folder=path.parent)
        return _("cannot write {path}: the folder {folder} does not exist").format(
            path=path, folder=path.parent)
    return _("cannot write {path}: {error}").format(path=path, error=e.strerror or e)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: int = 0o600, *,
                sync_folder: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``path`` atomically, else it vanishes.

    The file is always fsynced (a full disk shows up there on some filesystems). With
    ``sync_folder=False`` the folder is not, so the rename is durable only once the caller syncs
    the folder (``sync_folder_of``): for many files written into one folder in one go — the
    folder fsync after every letter cost a 1,000-letter batch about a quarter of its time."""
    shown = Path(path)
    target = _resolve_target(shown)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise ExportError(_describe(e, shown), e.errno) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise ExportError(_("cannot write {path}: it is a folder").format(path=shown))
        if not stat.S_ISREG(st.st_mode):
            raise ExportError(_("cannot write {path}: it is not a regular file (a device, a pipe "
                                "or a socket); choose a file name").format(path=shown))
        mode = stat.S_IMODE(st.st_mode) & 0o777  # an existing file keeps its permissions
    remove_stale_parts(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as e:
        raise ExportError(_describe(e, target), e.errno) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        _unlink(tmp)
        raise ExportError(_describe(e, target), e.errno) from None
    except BaseException:
        _unlink(tmp)
        raise
    if sync_folder:
        sync_folder_of(target)


def sync_folder_of(target: str | os.PathLike) -> None:
    """Make the renames into ``target``'s folder durable (fsync of the folder; best effort)."""
    target = Path(target)
    try:  # make the rename durable
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _resolve_target(path: Path) -> Path:
    """Where a write of ``path`` lands: through any symlinks (so the link stays a link and the
    file it points to is replaced atomically in its own folder)."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def remove_stale_parts(target: str | os.PathLike, max_age: float = STALE_PART_SECONDS) -> list[str]:
    """Remove the temp files a killed write of ``target`` left in its folder (older than
    ``max_age`` seconds); returns their names. Never raises: it is housekeeping."""
    target = Path(target)
    prefix = f".{target.name}."
    pattern = re.compile(re.escape(prefix) + _RANDOM + r"\.part")
    removed = []
    now = time.time()
    try:
        with os.scandir(target.parent) as entries:
            candidates = [e for e in entries
                          if e.name.startswith(prefix) and pattern.fullmatch(e.name)]
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for e in candidates:
        try:
            st = e.stat(follow_symlinks=False)
            if (stat.S_ISREG(st.st_mode) and (uid is None or st.st_uid == uid)
                    and now - st.st_mtime > max_age):
                os.unlink(e.path)
                removed.append(e.name)
        except OSError:
            pass
    return removed


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def atomic_write_bytes(path: str | os.PathLike, data: bytes, mode: int = 0o600, *,
                       sync_folder: bool = True) -> None:
    with atomic_open(path, mode, sync_folder=sync_folder) as f:
        f.write(data)


def atomic_write_text(path: str | os.PathLike, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)
