"""ImportController: bring an action into the store from a file — an action pack (.json) or a
received Urgent Action (text, PDF, HTML, DOCX, e-mail) through the importer, or a UA's text from
the clipboard ("Paste a UA") — always through the review dialog (``importReview``) before anything
is saved. A received UA is prepared by ``services.importing`` as the CLI's ``import`` is (details
from the address book, another language's version of a stored action); saving goes through
``services.records.import_action``, or ``records.add_translation`` when the review adds the UA
to the stored action as a translation. Used by File ▸ Import, Edit ▸ Paste a UA (Ctrl+Shift+V;
Ctrl+V in the action list), the empty list's buttons and drag-and-drop.
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
from ua_writer.services import importing, records
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
    #: a UA was added to a stored action as its translation: action id, language, Changes
    translation_added = Signal(str, str, object)

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
            return ImportReviewDialog(action, source=path.name, exists=self.store.has_action(action.id),
                                      parent=self.parent_widget)
        try:
            from ua_writer.core.importer import import_file
        except ImportError:  # pragma: no cover
            raise UserFacingError(_("Only action packs (.json) can be imported in this version.")) from None
        return self.result_dialog(import_file(path), path.name)

    def result_dialog(self, result, source: str):
        """The review of a recognised UA, prepared as every front end prepares it: details
        filled from the address book, a stored action it is a translation of."""
        from ua_writer.ui.dialogs.import_review import ImportReviewDialog

        prepared = importing.prepare(self.store, result)
        a = result.action
        return ImportReviewDialog(
            a, fields=result.fields, unrecognised=result.unrecognised_lines, warnings=result.warnings,
            source=source, exists=self.store.has_action(a.id),
            from_address_book=prepared.from_address_book, suggested=prepared.suggested,
            target=prepared.target, language=prepared.language, separate_id=prepared.separate_id,
            parent=self.parent_widget)

    def import_clipboard(self) -> str | None:
        """Import the UA text on the clipboard (through the review)."""
        from PySide6.QtGui import QGuiApplication

        return self.import_text(QGuiApplication.clipboard().text())

    def import_text(self, text: str) -> str | None:
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
        return self._review_and_save(self.result_dialog(result, _("the pasted text")), "imported")

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
            if dialog.as_translation():
                changes, added = records.add_translation(self.store, dialog.target.id, action, dialog.language)
            else:
                changes = records.import_action(self.store, action, origin=origin)
        except (UserFacingError, ValueError) as e:
            prompts.get().error(self.parent_widget, _("Import failed"), str(e))
            return None
        if dialog.as_translation():
            log.info("added %s to action %s: %s", dialog.language, dialog.target.id, ", ".join(added))
            self.translation_added.emit(dialog.target.id, dialog.language, changes)
            return dialog.target.id
        log.info("imported action %s", action.id)
        self.imported.emit(action.id, changes)
        return action.id
