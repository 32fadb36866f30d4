"""THE seam for everything modal: file choosers, message boxes, running dialogs, opening folders.

Widgets never call ``QFileDialog``/``QMessageBox``/``dialog.exec()`` directly; they call
``prompts.get().save_file(...)`` etc. Tests install a scripted replacement with ``set_prompts()``
(see tests/ui/conftest.py), so no test ever blocks on a modal window. Owns no state but the one
current instance; imports its Qt dialog classes when first used (not on the start-up path).
Must not import the main window or any widget module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ua_writer.core.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget


class Prompts:
    """The real, modal implementation."""

    # -- files ----------------------------------------------------------------------------------
    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def open_file(self, parent: QWidget | None, title: str, directory: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(parent, title, directory, filters)
        return path or None

    def choose_folder(self, parent: QWidget | None, title: str, directory: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getExistingDirectory(parent, title, directory) or None

    def open_folder(self, path: str | Path) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- messages -------------------------------------------------------------------------------
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(parent, title, text)

    def question(self, parent: QWidget | None, title: str, text: str, *, yes: str | None = None,
                 no: str | None = None) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no or _("No"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def choose(self, parent: QWidget | None, title: str, text: str,
               choices: list[tuple[str, str]]) -> str | None:
        """Ask which of ``choices`` ((key, button text), the first is the default) to take;
        None when the user cancels (the Cancel button, Esc, closing the box)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons = {box.addButton(label, QMessageBox.ButtonRole.AcceptRole): key
                   for key, label in choices}
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(cancel)
        box.setDefaultButton(next(iter(buttons)))
        box.exec()
        return buttons.get(box.clickedButton())

    def error_details(self, parent: QWidget | None, title: str, text: str, details: str) -> None:
        from ua_writer.ui.dialogs.error_dialog import ErrorDialog

        ErrorDialog(title, text, details, parent).exec()

    # -- dialogs --------------------------------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Show ``dialog`` modally; True when accepted."""
        from PySide6.QtWidgets import QDialog

        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_preview(self, parent: QWidget | None, render) -> None:
        """Show Qt's print preview; ``render(printer)`` paints the letter. Not testable offscreen."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        dlg = QPrintPreviewDialog(parent)
        dlg.paintRequested.connect(render)
        dlg.exec()

    def print_dialog(self, parent: QWidget | None, render) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        render(printer)
        return True


_current: Prompts = Prompts()


def get() -> Prompts:
    return _current


def set_prompts(prompts: Prompts) -> Prompts:
    """Install ``prompts`` (tests); returns the previous instance so it can be restored."""
    global _current
    previous, _current = _current, prompts
    return previous
