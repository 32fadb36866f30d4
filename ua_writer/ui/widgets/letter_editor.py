"""LetterEdit: the plain-text letter editor whose edits go through a QUndoStack.

The document's own undo is off; every change the user makes is diffed against a shadow copy of
the text and reported as ``edited(pos, removed, added)`` (Python string indices), which the letter
panel turns into undo commands; ``content_changed`` fires for edits and undo/redo, not for loading. ``apply_replace`` is the one raw mutator undo/redo and "reset to
template" use. ``text()`` keeps non-breaking spaces (``toPlainText`` would turn them into plain
spaces and make every composed Russian date look "edited"). Ctrl+Z / Ctrl+Shift+Z are forwarded
to the stack, also from the context menu. Paragraphs still equal to the letter's untranslated
block (``set_untranslated``: the "[… please translate]" marker and the English stand-ins) are
shown in italic on an amber ground until the writer translates them. Must not import the store
or dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QKeySequence, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ua_writer.core.i18n import _


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def diff(old: str, new: str) -> tuple[int, str, str]:
    """The single replacement turning ``old`` into ``new``: (pos, removed, added)."""
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return p, old[p:len(old) - s], new[p:len(new) - s]


class UntranslatedHighlighter(QSyntaxHighlighter):
    """Marks the lines that are still the untranslated block: italic on a translucent amber."""

    def __init__(self, document):
        super().__init__(document)
        self.marked: set[str] = set()
        self.fmt = QTextCharFormat()
        self.fmt.setFontItalic(True)
        self.fmt.setBackground(QColor(255, 176, 0, 70))

    def set_marked(self, paragraphs) -> None:
        marked = {p.strip() for p in paragraphs if p.strip()}
        if marked != self.marked:
            self.marked = marked
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text.strip() and text.strip() in self.marked:
            self.setFormat(0, len(text), self.fmt)


class LetterEdit(QPlainTextEdit):
    #: a user edit, as one replacement (becomes an undo command)
    edited = Signal(int, str, str)
    #: the text changed by the user or by undo/redo/reset (not by loading a letter)
    content_changed = Signal()
    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("letterEditor")
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)
        self._shadow = ""
        self._applying = False
        self._can_undo = self._can_redo = False
        self.textChanged.connect(self._on_text_changed)
        self.highlighter = UntranslatedHighlighter(self.document())
        self.retranslate_ui()

    def set_untranslated(self, paragraphs) -> None:
        """Mark these paragraphs (the letter's untranslated block) wherever they still stand."""
        self.highlighter.set_marked(paragraphs)

    def marked_lines(self) -> list[str]:
        """The lines shown as untranslated now (for tests and accessibility checks)."""
        return [b for b in self.text().split("\n") if b.strip() and b.strip() in self.highlighter.marked]

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("Choose an action and a recipient to see the letter here."))
        self.setAccessibleName(_("Letter text"))

    # -- text -----------------------------------------------------------------------------------
    def text(self) -> str:
        return self.document().toRawText().replace("\u2029", "\n")

    def set_text(self, text: str) -> None:
        """Replace everything without an undo step (loading a letter)."""
        self._applying = True
        try:
            self.setPlainText(text)
        finally:
            self._applying = False
        self._shadow = self.text()

    def set_cursor_index(self, index: int) -> None:
        """Put the cursor at a Python string index of ``text()`` and show it."""
        cursor = self.textCursor()
        cursor.setPosition(min(_utf16_len(self._shadow[:index]), self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def apply_replace(self, pos: int, remove_len: int, text: str) -> None:
        """The raw mutator for undo commands (Python indices into ``text()``)."""
        current = self._shadow
        start16 = _utf16_len(current[:pos])
        end16 = start16 + _utf16_len(current[pos:pos + remove_len])
        cursor = QTextCursor(self.document())
        cursor.setPosition(start16)
        cursor.setPosition(end16, QTextCursor.MoveMode.KeepAnchor)
        self._applying = True
        try:
            cursor.insertText(text)
        finally:
            self._applying = False
        self._shadow = self.text()
        view = self.textCursor()
        view.setPosition(min(start16 + _utf16_len(text), self.document().characterCount() - 1))
        self.setTextCursor(view)
        self.content_changed.emit()

    def _on_text_changed(self) -> None:
        if self._applying:
            return
        new = self.text()
        if new == self._shadow:
            return
        pos, removed, added = diff(self._shadow, new)
        self._shadow = new
        self.edited.emit(pos, removed, added)
        self.content_changed.emit()

    # -- undo keys go to the stack ----------------------------------------------------------------
    def set_undo_state(self, can_undo: bool, can_redo: bool) -> None:
        self._can_undo, self._can_redo = can_undo, can_redo

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and (
                e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo)):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802 - Qt's name
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
            return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(e.pos())
        for action in menu.actions():
            name = action.objectName()
            if name == "edit-undo":
                action.triggered.disconnect()
                action.setEnabled(self._can_undo and not self.isReadOnly())
                action.triggered.connect(self.undo_requested)
            elif name == "edit-redo":
                action.triggered.disconnect()
                action.setEnabled(self._can_redo and not self.isReadOnly())
                action.triggered.connect(self.redo_requested)
        menu.exec(e.globalPos())
        menu.deleteLater()
