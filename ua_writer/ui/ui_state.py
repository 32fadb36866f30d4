"""Window geometry and splitter sizes, remembered between runs in a QSettings INI file.

Only *UI state* lives here (geometry, window state, splitter sizes, header layout); preferences
and the sender profile live in the store. The INI file sits in the data dir (``ui-state.ini``),
so ``--data-dir`` and the tests' temp dir isolate it too and the real user config is never read
or written by tests. Must not import widgets or the store.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from ua_writer import paths

FILE_NAME = "ui-state.ini"


def settings() -> QSettings:
    return QSettings(str(paths.data_dir() / FILE_NAME), QSettings.Format.IniFormat)


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
    if window.layout() is not None:
        window.layout().activate()  # give the splitters their real sizes before restoring them
    for name, splitter in splitters.items():
        data = _bytes(s.value(f"splitters/{name}"))
        if data is not None:
            splitter.restoreState(data)
    for name, header in (headers or {}).items():
        data = _bytes(s.value(f"headers/{name}"))
        if data is not None:
            header.restoreState(data)
    return geometry is not None


def save(window: QMainWindow, splitters: dict[str, QSplitter],
         headers: dict[str, QHeaderView] | None = None) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        s.setValue(f"splitters/{name}", splitter.saveState())
    for name, header in (headers or {}).items():
        s.setValue(f"headers/{name}", header.saveState())
    s.sync()
