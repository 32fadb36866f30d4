"""Small field widgets the editors share: a country chooser that shows names in the UI language
and returns ISO codes, a checkable list of languages by name, a language picker, a date field that
may stay empty, helpers to set a widget's value without emitting its change signal (the
editors' undo restores values that way), and to keep a dialog within a small screen (1024×600). Must not import the store, dialogs or the main window.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QScrollArea, QWidget)

from ua_writer.core.i18n import _
from ua_writer.ui import i18n_qt

#: languages offered besides the letter languages and those an action asks for: the ones
#: Urgent Actions about the region most often request
COMMON_LANGUAGES = ("ar", "az", "be", "de", "en", "es", "fr", "hy", "it", "ka", "kk", "ky", "pl",
                    "pt", "ru", "tg", "tk", "tr", "uk", "uz", "zh")


def letter_languages() -> list[str]:
    from ua_writer.core.lang import module_languages

    return module_languages()


def lines_of(text: str) -> list[str]:
    """Non-empty stripped lines (also split at ';' for fax and e-mail lists typed on one line)."""
    return [l.strip() for l in re.split(r"[\n;]+", text) if l.strip()]


def quiet(widget):
    """``with quiet(w): w.setText(...)`` — set a value without the change signal."""
    return QSignalBlocker(widget)


class CountryCombo(QComboBox):
    """Countries by name in the UI language, sorted; ``code()`` / ``set_code()`` in ISO 3166."""

    def __init__(self, parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.addItem("—", "")
        for code, name in sorted(((c, n) for c, n in i18n_qt.locale().territories.items()
                                  if len(c) == 2 and c.isalpha()), key=lambda cn: cn[1].casefold()):
            self.addItem(name, code)
        self.setMaxVisibleItems(20)

    def code(self) -> str | None:
        return self.currentData() or None

    def set_code(self, code: str | None) -> None:
        i = self.findData((code or "").upper())
        if i < 0 and code:  # a code Babel does not name: keep it, shown as is
            self.addItem(code.upper(), code.upper())
            i = self.count() - 1
        self.setCurrentIndex(max(i, 0))


class LanguageCombo(QComboBox):
    """Languages by name (``code()``), e.g. the language whose forms or appeal points are shown."""

    def __init__(self, codes: Iterable[str], parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.set_codes(codes)

    def set_codes(self, codes: Iterable[str]) -> None:
        current = self.currentData()
        with quiet(self):
            self.clear()
            for code in sorted(set(codes), key=lambda c: i18n_qt.language_name(c).casefold()):
                self.addItem(i18n_qt.language_name(code), code)
            self.setCurrentIndex(max(self.findData(current), 0))

    def code(self) -> str:
        return self.currentData() or ""


class LanguageChecklist(QListWidget):
    """Requested languages as checkable names; ``codes()`` in the order they were asked for."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self._order: list[str] = []
        self.itemChanged.connect(self._item_changed)

    def set_codes(self, chosen: list[str]) -> None:
        self._order = list(chosen)
        offered = set(COMMON_LANGUAGES) | set(letter_languages()) | set(chosen)
        with quiet(self):
            self.clear()
            for code in sorted(offered, key=lambda c: (c not in chosen, i18n_qt.language_name(c).casefold())):
                name = i18n_qt.language_name(code)
                if code not in letter_languages():
                    name = _("{language} (no letter template)").format(language=name)
                item = QListWidgetItem(name, self)
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)

    def codes(self) -> list[str]:
        checked = [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                   if self.item(i).checkState() == Qt.CheckState.Checked]
        return [c for c in self._order if c in checked] + [c for c in checked if c not in self._order]

    def _item_changed(self, _item) -> None:
        self._order = self.codes()
        self.changed.emit()


def date_edit_format() -> str:
    """The UI language's short date with a four-digit year ("dd.MM.yyyy", "M/d/yyyy"): the date
    fields read as every other date in the window does (QLocale's default follows the UI language)."""
    from PySide6.QtCore import QLocale

    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


class OptionalDate(QWidget):
    """A date or none: a check box that enables a calendar field. The form row names the date
    ("Issued:", "Deadline:"), so the box shows no text of its own; ``label`` is its accessible
    name (what a screen reader says)."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None, *, object_name: str = ""):
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.check = QCheckBox(objectName=f"{object_name}Set" if object_name else "")
        self.check.setAccessibleName(label)
        self.check.setToolTip(_("Untick when there is no date"))
        self.edit = QDateEdit(objectName=f"{object_name}Date" if object_name else "")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_edit_format())
        self.edit.setDate(QDate.currentDate())
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def date(self) -> _dt.date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return _dt.date(d.year(), d.month(), d.day())

    def set_date(self, d: _dt.date | None) -> None:
        with quiet(self.check), quiet(self.edit):
            self.check.setChecked(d is not None)
            self.edit.setEnabled(d is not None)
            if d is not None:
                self.edit.setDate(QDate(d.year, d.month, d.day))


def small_text(rows: int, parent: QWidget | None = None, *, object_name: str = "") -> QPlainTextEdit:
    """A plain-text box ``rows`` lines high where Tab moves on (address lines, fax lists)."""
    box = QPlainTextEdit(parent)
    if object_name:
        box.setObjectName(object_name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 12)
    return box


def scrolled(widget: QWidget) -> QScrollArea:
    """A tab whose form may be taller than a small screen (1024×600) scrolls instead."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def fitting_size(widget: QWidget, width: int, height: int) -> tuple[int, int]:
    """(width, height), no larger than the screen's free area less a margin for the frame."""
    screen = widget.screen() or (widget.parentWidget().screen() if widget.parentWidget() else None)
    if screen is None:
        return width, height
    free = screen.availableGeometry()
    return min(width, free.width() - 40), min(height, free.height() - 70)
