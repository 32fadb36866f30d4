"""FlowLayout: widgets in a row that wraps onto the next line when the row is too narrow (the
letter's export bar on a 1024-pixel screen, in Russian). Items marked with ``insertWidget(...,
trailing=True)`` sit at the right end of the last line. Must not import other ua_writer modules.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self._trailing: set[int] = set()  # ids of items kept at the right end
        self._spacing = spacing

    # -- QLayout --------------------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def addWidget(self, widget: QWidget, *, trailing: bool = False) -> None:  # noqa: N802
        self.insertWidget(len(self._items), widget, trailing=trailing)

    def insertWidget(self, index: int, widget: QWidget, *, trailing: bool = False) -> None:  # noqa: N802
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.insert(max(0, min(index, len(self._items))), item)
        if trailing:
            self._trailing.add(id(item))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._trailing.discard(id(item))
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = self._shown()
        m = self.contentsMargins()
        w = sum(i.sizeHint().width() for i in shown) + self._spacing * max(0, len(shown) - 1)
        h = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        m = self.contentsMargins()
        w = max((i.minimumSize().width() for i in self._shown()), default=0)
        h = max((i.sizeHint().height() for i in self._shown()), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    # -- placing --------------------------------------------------------------------------------
    def _shown(self) -> list:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in lines within ``rect``; returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        items = self._shown()
        lines: list[list] = [[]]
        x = 0
        for item in items:
            w = item.sizeHint().width()
            if lines[-1] and x + w > area.width():
                lines.append([])
                x = 0
            lines[-1].append(item)
            x += w + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            if move:
                lead = [i for i in line if id(i) not in self._trailing]
                trail = [i for i in line if id(i) in self._trailing]
                x = area.x()
                for item in lead:
                    w = min(item.sizeHint().width(), area.width())
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height)))
                    x += w + self._spacing
                x = area.right() + 1
                for item in reversed(trail):
                    w = min(item.sizeHint().width(), area.width())
                    x -= w
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height)))
                    x -= self._spacing
            y += height + self._spacing
        return y - self._spacing - area.y() + m.top() + m.bottom() if items else 0
