"""ExportController: PDF, DOCX, fax packet, copy letters and printing of the letter on screen —
the GUI's thin caller of ``services.exporters`` (writers, file names, page options from the
preferences) and ``services.letters.copy_letters`` (each copy composed for its copy recipient,
the user's edits carried over).

Every export writes the EDITED letter (the draft mapped onto the composed Letter), never the bare
template. Single files are written at once; copy letters (one per copy recipient) run on the
thread pool through ``workers.Runner`` with a progress bar in the status bar. File and folder
choices go through ``prompts``; expected failures (an unwritable folder) become a plain message.
The folder of the last export is remembered in the ``export_dir`` preference and can be opened.
``write_copies`` is the Qt-free job. Must not import the main window or dialogs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QProgressBar, QStatusBar, QWidget

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.letter import Letter
from ua_writer.core.notices import render
from ua_writer.services import exporters, letters, records
from ua_writer.ui import prompts, untranslated
from ua_writer.ui.workers import Runner

log = logging.getLogger(__name__)


def write_copies(items: list[tuple[Letter, str]], options: dict | None = None):
    """Qt-free job: write each (letter, path) as PDF with the layout ``options`` (page size,
    window side); yields progress, returns the paths."""
    written = []
    total = len(items)
    for i, (letter, path) in enumerate(items):
        yield i, total, Path(path).name
        exporters.export("pdf", letter, path, **(options or {}))
        written.append(path)
    yield total, total, ""
    return written


class ExportController(QObject):
    exported = Signal(list)  # paths written
    status = Signal(str)

    def __init__(self, parent: QWidget, store, today_fn: Callable, current: Callable,
                 status_bar: QStatusBar):
        """``current()`` -> (action, recipient, language, edited Letter) or None."""
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.today_fn = today_fn
        self.current = current
        #: ``translate(language)``: open the translation of the action's appeal points (the window
        #: sets it); offered when a letter with text still to translate is about to leave
        self.translate: Callable[[str], object] | None = None
        self.last_dir: Path | None = None
        self.runner = Runner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_copies_done)
        self.runner.failed.connect(self._on_failed)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        status_bar.addPermanentWidget(self.progress)

    # -- where ----------------------------------------------------------------------------------
    def export_dir(self) -> Path:
        pref = self.store.prefs().get("export_dir")
        if pref and Path(pref).is_dir():
            return Path(pref)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs) if docs and Path(docs).is_dir() else Path.home()

    def _remember(self, folder: Path) -> None:
        self.last_dir = folder
        try:
            records.set_pref(self.store, "export_dir", str(folder))
        except UserFacingError:  # pragma: no cover - a busy store must not fail an export
            log.warning("export folder not remembered")

    def _layout_options(self) -> dict:
        return exporters.layout_options(self.store.prefs())

    def _ask(self, title: str, name: str, filters: str) -> Path | None:
        path = prompts.get().save_file(self.parent_widget, title, str(self.export_dir() / name), filters)
        return Path(path) if path else None

    def _error(self, message: str) -> None:
        prompts.get().error(self.parent_widget, _("Export failed"), message)

    def _done(self, paths: list[Path], warnings: list[str] | None = None) -> None:
        if paths:
            self._remember(paths[0].parent)
        if len(paths) == 1 and warnings:  # e.g. "the recipient has no fax number"
            self.status.emit(_("Saved {path} — please check: {notes}").format(
                path=paths[0], notes="; ".join(warnings)))
        elif len(paths) == 1:
            self.status.emit(_("Saved {path}").format(path=paths[0]))
        elif paths:
            self.status.emit(ngettext("Saved {n} file in {folder}", "Saved {n} files in {folder}",
                                      len(paths)).format(n=len(paths), folder=paths[0].parent))
        self.exported.emit([str(p) for p in paths])

    # -- single files ---------------------------------------------------------------------------
    def export(self, kind: str) -> Path | None:
        """Ask where, then write the letter on screen as ``kind`` ("pdf", "docx", "fax")."""
        cur = self.current()
        if cur is None:
            return None
        action, recipient, language, letter = cur
        titles = {"pdf": (_("Export letter as PDF"), _("PDF files (*.pdf)")),
                  "docx": (_("Export letter as DOCX"), _("Word documents (*.docx)")),
                  "fax": (_("Save fax packet"), _("PDF files (*.pdf)"))}
        if kind not in titles:
            raise ValueError(f"unknown export {kind!r}")
        title, filters = titles[kind]
        if not self._may_leave([letter], language, _("Export anyway")):
            return None
        path = self._ask(title, exporters.letter_file_name(action, recipient, language, kind), filters)
        if path is None:
            return None
        try:
            result = exporters.export(kind, letter, path, **self._layout_options(),
                                      recipient=recipient, profile=self.store.profile(),
                                      action=action, date=self.today_fn())
        except UserFacingError as e:
            self._error(e.message)
            return None
        self._done([Path(result.path or path)], [render(w) for w in result.warnings or []])
        return Path(result.path or path)

    def _may_leave(self, letters_out, language: str, go: str) -> bool:
        """Letters that still have the "[… please translate]" block: ask before they leave."""
        translate = (lambda: self.translate(language)) if self.translate is not None else None
        return untranslated.may_leave(self.parent_widget, letters_out, go, translate)

    # -- copies (several files, off the GUI thread) ----------------------------------------------
    def export_copies(self) -> bool:
        cur = self.current()
        if cur is None or self.runner.busy:
            return False
        action, recipient, language, letter = cur
        copies = action.copy_recipients()
        if not copies:
            prompts.get().info(self.parent_widget, _("Copy letters"),
                               _("This action lists no one to send copies to."))
            return False
        folder = prompts.get().choose_folder(self.parent_widget, _("Folder for the copy letters"),
                                             str(self.export_dir()))
        if not folder:
            return False
        try:
            if letters.is_copy_target(recipient):  # no edits of a main letter to carry over
                recipient, letter = letters.main_recipient(action), None
            made = letters.copy_letters(action, recipient, language, self.store.profile(),
                                        self.today_fn(), edited=letter)
            items = [(copy, str(Path(folder) / exporters.letter_file_name(action, c, language, "pdf")))
                     for c, copy in made]
        except UserFacingError as e:
            self._error(e.message)
            return False
        if not self._may_leave([copy for copy, _path in items], language, _("Write them anyway")):
            return False
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.progress.show()
        self.runner.start(write_copies, items, self._layout_options())
        return True

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if label:
            self.status.emit(_("Writing {name}…").format(name=label))

    def _on_copies_done(self, paths) -> None:
        self.progress.hide()
        self._done([Path(p) for p in paths or []])

    def _on_failed(self, message: str, details: str) -> None:
        self.progress.hide()
        if details:
            prompts.get().error_details(self.parent_widget, _("Export failed"),
                                        _("The copy letters could not be written."), details)
        else:
            self._error(message)

    # -- printing (not testable offscreen: kept thin) -------------------------------------------
    def _layout(self):
        cur = self.current()
        if cur is None:
            return None
        from ua_writer.export.pdf import layout_letter

        try:
            return layout_letter(cur[3], **self._layout_options())
        except UserFacingError as e:
            self._error(e.message)
            return None

    def print_letter(self) -> None:
        cur = self.current()
        if cur is None or not self._may_leave([cur[3]], cur[2], _("Print anyway")):
            return
        layout = self._layout()
        if layout is not None:
            from ua_writer.ui.page_render import print_layout

            prompts.get().print_dialog(self.parent_widget, lambda printer: print_layout(printer, layout))

    def print_preview(self) -> None:
        layout = self._layout()
        if layout is not None:
            from ua_writer.ui.page_render import print_layout

            prompts.get().print_preview(self.parent_widget, lambda printer: print_layout(printer, layout))

    def open_export_folder(self) -> None:
        prompts.get().open_folder(self.last_dir or self.export_dir())

