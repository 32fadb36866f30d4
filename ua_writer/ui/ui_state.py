"""Window geometry and splitter sizes, remembered between runs in a QSettings INI file.

Only *UI state* lives here (geometry, window state, splitter sizes, header layout); preferences
and the sender profile live in the store. The INI file sits in the data dir (``ui-state.ini``),
so ``--data-dir`` and the tests' temp dir isolate it too and the real user config is never read
or written by tests. The file is created 0600 whatever the umask, like everything in the data
dir (QSettings would create it 0666 & ~umask; it keeps an existing file's mode when it rewrites
it). Must not import widgets or the store.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from ua_writer import paths

FILE_NAME = "ui-state.ini"


def settings() -> QSettings:
    return QSettings(str(paths.data_dir() / FILE_NAME), QSettings.Format.IniFormat)


def _make_private(path) -> None:
    """Create ``path`` 0600 (or make an existing one 0600) before QSettings writes it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError:  # QSettings reports nothing either; the layout is merely not remembered
        pass


def _bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def restore(window: QMainWindow, splitters: dict[str, QSplitter],
            headers: dict[str, QHeaderView] | None = None) -> bool:
    """Restore what :func:`save` kept; False when there was nothing (first start)."""
    s = settings()
    geometry = _bytes(s.value("window/geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _bytes(s.value("window/state"))
    if state is not None:
        window.restoreState(state)
    restore_splitters(window, splitters)
    header_states = {name: _bytes(s.value(f"headers/{name}")) for name in (headers or {})}
    for name, header in (headers or {}).items():
        if header_states[name] is not None:
            header.restoreState(header_states[name])
    return geometry is not None


def restore_splitters(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """Restore the sizes :func:`save` kept for ``splitters`` (also for splitters made after the
    window: the letter side's)."""
    s = settings()
    split_states = {name: _bytes(s.value(f"splitters/{name}")) for name in splitters}
    if window.layout() is not None and any(v is not None for v in split_states.values()):
        window.layout().activate()  # give the splitters their real sizes before restoring them
    for name, splitter in splitters.items():
        if split_states[name] is not None:
            splitter.restoreState(split_states[name])


def save(window: QMainWindow, splitters: dict[str, QSplitter],
         headers: dict[str, QHeaderView] | None = None) -> None:
    s = settings()
    _make_private(s.fileName())
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        s.setValue(f"splitters/{name}", splitter.saveState())
    for name, header in (headers or {}).items():
        s.setValue(f"headers/{name}", header.saveState())
        if header.isSortIndicatorShown():  # also as plain ints: see saved_sort
            order = header.sortIndicatorOrder()
            s.setValue(f"header_sort/{name}",
                       f"{header.sortIndicatorSection()},{int(getattr(order, 'value', order))}")
    s.sync()


def saved_sort(name: str) -> tuple[int, int] | None:
    """(column, order: 0 ascending, 1 descending) of header ``name``'s sort arrow when the layout
    was saved. The header's own state has it too, but reading its order back from the header
    hands Python a Qt enum, which the first frame avoids (ui/models/actions_model.py)."""
    value = settings().value(f"header_sort/{name}")
    try:
        column, order = (int(x) for x in str(value).split(","))
    except (TypeError, ValueError):
        return None
    return (column, order) if column >= 0 and order in (0, 1) else None
