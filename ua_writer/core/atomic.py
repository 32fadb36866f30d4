"""Atomic file writes: temp file in the target folder (mode 0600), fsync, os.replace.

Only regular files are replaced: a device (``/dev/null``, ``/dev/full``), a FIFO, a socket or a
folder as the target is refused with a clear message (a rename would have put a regular file in
its place). A symlinked target is written where it points, atomically, and the link stays; an
existing file keeps its permissions.

A crash or an exception mid-write leaves the old file (or none), never half a new one. A killed
process can leave its hidden temp file (``.<name>.XXXXXXXX.part``) behind: the next write of the
same name into that folder removes such leftovers once they are older than ``STALE_PART_SECONDS``
(only ours: that exact pattern, a regular file owned by this user; nothing else is touched).

:class:`FileBatch` is the same promise for many files written into one folder in one go (the mail
merge): each file goes to its hidden temp file, then ``commit()`` makes all of them durable at
once — one ``syncfs`` of the folder's filesystem on Linux ≥ 5.8, which reports any write-back
error (a full disk) since the batch began; one fsync per file elsewhere — and only then renames
them into place and fsyncs the folder once. A crash before that leaves only temp files; an error
removes them all and raises, so no file is ever half-written under its real name. A batch reads
its folder for leftover temp files once (on its first write), not once per file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import threading
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


_syncfs_lock = threading.Lock()
_syncfs_fn: list = []


def _syncfs():
    """A function ``syncfs(fd)`` flushing the whole filesystem of ``fd`` and raising OSError for
    any write-back error since ``fd`` was opened — libc's ``syncfs`` on Linux ≥ 5.8 (earlier
    kernels do not report those errors) — or None where there is none."""
    with _syncfs_lock:
        if not _syncfs_fn:
            fn = None
            mo = re.match(r"(\d+)\.(\d+)", os.uname().release) if sys.platform.startswith(
                "linux") else None
            if mo and (int(mo.group(1)), int(mo.group(2))) >= (5, 8):
                try:
                    import ctypes

                    libc_syncfs = ctypes.CDLL(None, use_errno=True).syncfs
                    libc_syncfs.argtypes, libc_syncfs.restype = [ctypes.c_int], ctypes.c_int

                    def fn(fd: int) -> None:
                        if libc_syncfs(fd) != 0:
                            err = ctypes.get_errno()
                            raise OSError(err, os.strerror(err))
                except (OSError, AttributeError):
                    fn = None
            _syncfs_fn.append(fn)
        return _syncfs_fn[0]


def _check_target(shown: Path, target: Path, mode: int) -> int:
    """Refuse what is not a regular file; the mode an existing file keeps."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return mode
    except OSError as e:
        raise ExportError(_describe(e, shown), e.errno) from None
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(_("cannot write {path}: it is a folder").format(path=shown))
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(_("cannot write {path}: it is not a regular file (a device, a pipe "
                            "or a socket); choose a file name").format(path=shown))
    return stat.S_IMODE(st.st_mode) & 0o777


class FileBatch:
    """Write many files into ``folder`` and commit them together (see the module docstring).

    Use as a context manager: a clean exit commits, an exception discards every file not yet
    committed. ``write()`` raises :class:`ExportError` at once for what it can see then (a
    full disk on write, a folder or device as the target); ``commit()`` for what the disk
    reports later. Files whose real folder is not ``folder`` (a symlinked target) are written
    and synced one by one, like :func:`atomic_write_bytes`."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._real = os.path.realpath(self.folder)
        self._pending: list[tuple[str, Path]] = []
        #: the folder's leftover temp files by target name, read once (on the first write)
        self._parts: dict[str, list] | None = None
        self._inside: dict[Path, bool] = {}
        self._syncfs = _syncfs()
        self._dfd: int | None = None
        if self._syncfs is not None:
            try:  # opened before any write: syncfs reports the errors since then
                self._dfd = os.open(self.folder, os.O_RDONLY)
            except OSError:
                self._syncfs = None

    def write(self, path: str | os.PathLike, data: bytes, mode: int = 0o600) -> None:
        shown = Path(path)
        target = _resolve_target(shown)
        inside = self._inside.get(target.parent)
        if inside is None:
            inside = self._inside[target.parent] = os.path.realpath(target.parent) == self._real
        if not inside:
            atomic_write_bytes(shown, data, mode)
            return
        mode = _check_target(shown, target, mode)
        if self._parts is None:
            self._parts = _part_files(target.parent)
        if target.name in self._parts:
            _remove_stale(self._parts.pop(target.name))
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        except OSError as e:
            raise ExportError(_describe(e, target), e.errno) from None
        try:
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if self._syncfs is None:
                    os.fsync(f.fileno())
        except OSError as e:
            _unlink(tmp)
            raise ExportError(_describe(e, target), e.errno) from None
        except BaseException:
            _unlink(tmp)
            raise
        self._pending.append((tmp, target))

    def commit(self) -> None:
        """Make every written file durable, then rename them into place; on an error none of
        the uncommitted files is left (the ones already renamed are complete)."""
        target = self.folder
        try:
            if self._pending and self._syncfs is not None and self._dfd is not None:
                self._syncfs(self._dfd)
            while self._pending:
                tmp, target = self._pending[0]
                os.replace(tmp, target)
                self._pending.pop(0)
        except OSError as e:
            shown = self._pending[0][1] if self._pending else target
            self.discard()
            raise ExportError(_describe(e, shown), e.errno) from None
        sync_folder_of(self.folder / "x")

    def discard(self) -> None:
        for tmp, _target in self._pending:
            _unlink(tmp)
        self._pending.clear()

    def close(self) -> None:
        self.discard()
        if self._dfd is not None:
            os.close(self._dfd)
            self._dfd = None

    def __enter__(self) -> "FileBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()


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
    return _remove_stale(_part_files(target.parent).get(target.name, []), max_age)


#: ``.<name>.XXXXXXXX.part``: a temp file of ours for the target ``<name>``
_PART = re.compile(r"\.(.+)\." + _RANDOM + r"\.part")


def _part_files(folder: Path) -> dict[str, list]:
    """The folder's temp files of ours (see ``_PART``) by target name; {} if it cannot be read."""
    found: dict[str, list] = {}
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.startswith(".") and e.name.endswith(".part"):
                    mo = _PART.fullmatch(e.name)
                    if mo:
                        found.setdefault(mo.group(1), []).append(e)
    except OSError:
        pass
    return found


def _remove_stale(candidates: list, max_age: float = STALE_PART_SECONDS) -> list[str]:
    """Remove those of ``candidates`` (``os.DirEntry``) that are regular files of this user,
    older than ``max_age`` seconds; returns their names."""
    removed = []
    now = time.time()
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
