"""QUndoCommands for the letter editor: a text change and "reset to template".

Each command stores one replacement in Python string indices (position, removed text, inserted
text) and calls the editor's raw mutator ``apply_replace(pos, remove_len, text)``; nothing else
touches the document, so undo/redo and autosave see one consistent history. Consecutive typing
merges word by word, consecutive Backspace/Delete merge too. A typed change is already in the
document when pushed, so its first ``redo()`` is a no-op. Must not import widgets beyond the
``TextTarget`` protocol, nor the store.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from ua_writer.core.i18n import _

TYPING_ID = 1001


class TextTarget(Protocol):
    def apply_replace(self, pos: int, remove_len: int, text: str) -> None: ...


class TextChangeCommand(QUndoCommand):
    """Replace ``removed`` at ``pos`` with ``added``."""

    def __init__(self, target: TextTarget, pos: int, removed: str, added: str, *,
                 applied: bool = True, text: str | None = None):
        super().__init__(text or _("Typing"))
        self.target, self.pos, self.removed, self.added = target, pos, removed, added
        self._skip_redo = applied

    def id(self) -> int:  # noqa: A003 - Qt's name
        return TYPING_ID

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.target.apply_replace(self.pos, len(self.removed), self.added)

    def undo(self) -> None:
        self.target.apply_replace(self.pos, len(self.added), self.removed)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, TextChangeCommand) or other.id() != self.id():
            return False
        # typing on: an insertion right after ours, within the same word (or its trailing space)
        if not self.removed and not other.removed and other.added and self.added:
            if other.pos != self.pos + len(self.added) or "\n" in other.added or "\n" in self.added:
                return False
            if self.added[-1].isspace() and not other.added[0].isspace() and not self.added.isspace():
                return False  # a new word starts: a new undo step
            self.added += other.added
            return True
        # Backspace: a deletion ending where ours started
        if not self.added and not other.added and other.removed and self.removed:
            if other.pos + len(other.removed) == self.pos and "\n" not in other.removed:
                self.pos = other.pos
                self.removed = other.removed + self.removed
                return True
            # Delete: a deletion at the same position
            if other.pos == self.pos and "\n" not in other.removed:
                self.removed += other.removed
                return True
        return False


class ResetToTemplateCommand(TextChangeCommand):
    """Replace the whole text with the composed template (undoable; never merges)."""

    def __init__(self, target: TextTarget, old_text: str, template_text: str):
        super().__init__(target, 0, old_text, template_text, applied=False, text=_("Reset to template"))

    def id(self) -> int:  # noqa: A003
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        return False
