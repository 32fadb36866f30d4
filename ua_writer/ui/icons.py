"""The style's standard icons, looked up by name when first drawn.

``QStyle`` is reached through the module on first use, never imported by name: importing it builds
all of QStyle's Python enums (~5 ms with PySide6 6.12), which the window's first frame does not
need. Callers name the ``QStyle.StandardPixmap`` member as a string ("SP_MessageBoxWarning").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QWidget


def standard_icon(widget: QWidget, name: str) -> QIcon:
    """The widget style's standard icon ``QStyle.StandardPixmap.<name>``."""
    return widget.style().standardIcon(getattr(QtWidgets.QStyle.StandardPixmap, name))


def standard_pixmap(widget: QWidget, name: str) -> QPixmap:
    """:func:`standard_icon` as a pixmap of the style's small-icon size."""
    size = widget.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_SmallIconSize)
    return standard_icon(widget, name).pixmap(size, size)
