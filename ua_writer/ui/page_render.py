"""Paint a laid-out letter page (the PDF exporter's own layout: ``export.pdf.layout_letter``) with
QPainter — for the live page preview and for printing, so both show exactly what the PDF holds.

Operations are in PDF points from the bottom-left corner (see ``export/pdf.py``); they are mapped
onto any target rectangle. The bundled PT Serif faces stand in for reportlab's font names. The
page is paper: white with black text whatever the system palette. Must not import widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from ua_writer.ui import i18n_qt

MM = 72.0 / 25.4
PAPER = QColor("#ffffff")
INK = QColor("#000000")


def _qfont(name: str, size_px: float) -> QFont:
    family = i18n_qt.load_fonts() or "serif"
    f = QFont(family)
    f.setPixelSize(max(1, round(size_px)))
    lower = name.lower()
    f.setBold("bold" in lower)
    f.setItalic("italic" in lower)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def paint_page(painter: QPainter, ops: list, geometry, target: QRectF, *, window: bool = False,
               paper: bool = True) -> None:
    """Paint one page's operations into ``target`` (keeps the page's aspect ratio)."""
    page_w, page_h = geometry.width * MM, geometry.height * MM
    scale = min(target.width() / page_w, target.height() / page_h)
    ox = target.x() + (target.width() - page_w * scale) / 2
    oy = target.y() + (target.height() - page_h * scale) / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if paper:
        painter.fillRect(QRectF(ox, oy, page_w * scale, page_h * scale), PAPER)

    def pt(x: float, y: float) -> QPointF:
        return QPointF(ox + x * scale, oy + (page_h - y) * scale)

    if window:
        pen = QPen(QColor(80, 120, 200), max(1.0, 0.8 * scale), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(ox + geometry.field_left * MM * scale, oy + geometry.field_top * MM * scale,
                                geometry.field_width * MM * scale, geometry.field_height * MM * scale))
    fonts: dict = {}
    for op in ops:
        kind = op[0]
        if kind == "t":
            _k, x, y, name, size, text, ws = op
            key = (name, size, ws)
            font = fonts.get(key)
            if font is None:
                font = _qfont(name, size * scale)
                if ws:
                    font.setWordSpacing(ws * scale)
                fonts[key] = font
            painter.setFont(font)
            painter.setPen(INK)
            painter.drawText(pt(x, y), text)
        elif kind == "l":
            _k, x1, y1, x2, y2, width, gray = op
            g = round(255 * gray)
            painter.setPen(QPen(QColor(g, g, g), max(0.5, width * scale)))
            painter.drawLine(pt(x1, y1), pt(x2, y2))
        elif kind == "r":
            _k, x, y, w, h, width = op
            painter.setPen(QPen(INK, max(0.5, width * scale)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            top_left = pt(x, y + h)
            painter.drawRect(QRectF(top_left.x(), top_left.y(), w * scale, h * scale))
    painter.restore()


def print_layout(printer, layout) -> None:
    """Print every page of ``layout`` on a QPrinter (full page, no extra margins)."""
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtCore import QMarginsF, QSizeF

    g = layout.geometry
    size = QPageSize(QSizeF(g.width, g.height), QPageSize.Unit.Millimeter)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    painter = QPainter(printer)
    try:
        for i, ops in enumerate(layout.pages):
            if i:
                printer.newPage()
            rect = QRectF(printer.pageRect(printer.Unit.DevicePixel))
            paint_page(painter, ops, g, rect, paper=False)
    finally:
        painter.end()
