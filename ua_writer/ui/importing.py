"""ImportController: bring an action into the store from a file — an action pack (.json) or a
received Urgent Action (text, PDF, HTML, DOCX) through the importer, or a UA's text from the
clipboard ("Paste a UA") — always through the review dialog (``importReview``) before anything is
saved, which goes through ``services.records.import_action``. Used by File ▸ Import, File ▸ Paste a
UA, the empty list's buttons and drag-and-drop.
Must not import the main window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ua_writer.core import packs
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _
from ua_writer.services import records
from ua_writer.ui import prompts

log = logging.getLogger(__name__)

PACK_SUFFIXES = (".json",)


def supported_suffixes() -> tuple[str, ...]:
    try:
        from ua_writer.core.importer import SUPPORTED_SUFFIXES
    except ImportError:  # pragma: no cover - before the importer existed
        return PACK_SUFFIXES
    return PACK_SUFFIXES + tuple(SUPPORTED_SUFFIXES)


class ImportController(QObject):
    imported = Signal(str, object)  # action id, services.records.Changes

    def __init__(self, parent: QWidget, store):
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store

    def choose_and_import(self) -> str | None:
        patterns = " ".join(f"*{s}" for s in supported_suffixes())
        path = prompts.get().open_file(self.parent_widget, _("Import an action"), str(Path.home()),
                                       _("Actions and Urgent Actions ({patterns})").format(patterns=patterns)
                                       + ";;" + _("All files (*)"))
        return self.import_path(Path(path)) if path else None

    def review_dialog(self, path: Path):
        """Read ``path`` and build the review dialog (raises UserFacingError if unreadable)."""
        from ua_writer.ui.dialogs.import_review import ImportReviewDialog

        if path.suffix.lower() in PACK_SUFFIXES:
            action = packs.load(path)
            fields, unrecognised, warnings = {}, [], []
        else:
            try:
                from ua_writer.core.importer import import_file
            except ImportError:  # pragma: no cover
                raise UserFacingError(_("Only action packs (.json) can be imported in this version.")) from None
            result = import_file(path)
            action = result.action
            fields, unrecognised, warnings = result.fields, result.unrecognised_lines, result.warnings
        return ImportReviewDialog(action, fields=fields, unrecognised=unrecognised, warnings=warnings,
                                  source=path.name, exists=self.store.has_action(action.id),
                                  parent=self.parent_widget)

    def import_clipboard(self) -> str | None:
        """Import the UA text on the clipboard (through the review)."""
        from PySide6.QtGui import QGuiApplication

        return self.import_text(QGuiApplication.clipboard().text())

    def import_text(self, text: str) -> str | None:
        from ua_writer.ui.dialogs.import_review import ImportReviewDialog

        if not text.strip():
            prompts.get().info(self.parent_widget, _("Paste a UA"),
                               _("The clipboard holds no text. Copy the UA's text first, then "
                                 "choose Paste a UA."))
            return None
        try:
            from ua_writer.core.importer import import_text

            result = import_text(text, source=_("the pasted text"))
        except UserFacingError as e:
            prompts.get().error(self.parent_widget, _("Import failed"), e.message)
            return None
        a = result.action
        dialog = ImportReviewDialog(a, fields=result.fields, unrecognised=result.unrecognised_lines,
                                    warnings=result.warnings, source=_("the pasted text"),
                                    exists=self.store.has_action(a.id), parent=self.parent_widget)
        return self._review_and_save(dialog, "imported")

    def import_path(self, path: Path) -> str | None:
        try:
            dialog = self.review_dialog(path)
        except UserFacingError as e:
            prompts.get().error(self.parent_widget, _("Import failed"), e.message)
            return None
        return self._review_and_save(dialog, "user" if path.suffix.lower() in PACK_SUFFIXES else "imported")

    def _review_and_save(self, dialog, origin: str) -> str | None:
        if not prompts.get().run_dialog(dialog):
            return None
        try:
            action = dialog.action()
            changes = records.import_action(self.store, action, origin=origin)
        except (UserFacingError, ValueError) as e:
            prompts.get().error(self.parent_widget, _("Import failed"), str(e))
            return None
        log.info("imported action %s", action.id)
        self.imported.emit(action.id, changes)
        return action.id
