"""PagePreview: the letter's first page as the PDF will print it, with the envelope window
marked, scaled to the widget; a note below says how many pages the letter runs to.

It paints a ``LetterLayout`` handed to it (computed off the GUI thread by the main window); it
never lays out text itself. Must not import the store or dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ua_writer.core.i18n import _, ngettext


class PagePreview(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pagePreview")
        self.layout_ = None
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setToolTip(_("How the letter lands on the page (the dashed box is the envelope window)"))
        self.setAccessibleName(_("Page preview"))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 360)

    def set_layout(self, layout) -> None:
        self.layout_ = layout
        self.update()

    def page_count(self) -> int | None:
        return self.layout_.page_count if self.layout_ is not None else None

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        fm = self.fontMetrics()
        note_h = fm.height() + 6
        area = QRectF(self.rect().adjusted(8, 8, -8, -8 - note_h))
        if self.layout_ is None or not self.layout_.pages:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       _("No preview"))
            return
        g = self.layout_.geometry
        # a faint shadow so the white page stands out on light palettes too
        shadow = pal.color(QPalette.ColorRole.Mid)
        scale = min(area.width() / g.width, area.height() / g.height)
        w, h = g.width * scale, g.height * scale
        x = area.x() + (area.width() - w) / 2
        y = area.y() + (area.height() - h) / 2
        p.fillRect(QRectF(x + 2, y + 2, w, h), shadow)
        from ua_writer.ui.page_render import paint_page  # with the first letter, not at start-up

        paint_page(p, self.layout_.pages[0], g, QRectF(x, y, w, h), window=True)
        n = self.layout_.page_count
        note = _("fits on one page") if n == 1 else ngettext(
            "⚠ runs to {n} page", "⚠ runs to {n} pages", n).format(n=n)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(0, self.height() - note_h, self.width(), note_h),
                   int(Qt.AlignmentFlag.AlignCenter), note)
