"""BatchDialog: mail-merge from the GUI — one letter per signer of a CSV sheet.

Choose the signers sheet (through ``prompts``) and see at once how many signers were read and
which rows will be skipped, with their line numbers; pick the letter's language and recipient
(the editor's by default), PDF or DOCX, the output folder, and whether to merge all PDFs into one.
When the user has edited that letter (a draft exists for its language and recipient), *Use my
edits* — on by default — carries the paragraphs, salutation and closing they changed to every
signer's letter (``services.mailmerge.LetterEdits``); the rest stays as composed for each signer.
*Run* renders with ``services.mailmerge.BatchRun`` on the thread pool (``workers.Runner`` around the
Qt-free job ``run_merge``) with a progress bar and *Cancel*, then shows a summary (letters
written, rows skipped and letters failed with their line numbers) and *Open folder*. Expected
failures (an unwritable folder, a full disk) are a plain, translated message.
Must not import the store or the main window.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from ua_writer.services import mailmerge
from ua_writer.core import i18n, settings
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action, SenderProfile
from ua_writer.services import exporters, letters
from ua_writer.ui import i18n_qt, prompts, untranslated
from ua_writer.ui.workers import Runner


# -- the Qt-free job --------------------------------------------------------------------------------

@dataclass
class MergeResult:
    report: mailmerge.BatchReport
    total: int
    cancelled: bool
    merged: Path | None = None
    merged_pages: int = 0


def run_merge(run: mailmerge.BatchRun, merge_to: Path | None):
    """Render every letter of ``run`` (yielding progress), then merge the PDFs into ``merge_to``
    unless the run was cancelled. Returns a MergeResult; a failure that stops the run becomes
    the sentence the dialog shows (:func:`_explain`)."""
    try:
        for p in run:
            yield p.done, p.total, ""
        report = run.report()
        result = MergeResult(report, len(run.signers), run.cancelled)
        if merge_to is not None and report.written and not run.cancelled:
            result.merged_pages = mailmerge.merge_pdfs(report.written, merge_to)
            result.merged = merge_to
    except UserFacingError as e:
        raise UserFacingError(_explain(e, run.job.out_dir)) from None
    return result


def _writable_folder_problem(folder: Path) -> str | None:
    """A translated reason why letters cannot go to ``folder`` (which may not exist yet), or None.
    Nothing is created here; BatchRun creates the folder (private) when it starts."""
    if folder.exists() and not folder.is_dir():
        return _("{folder} is a file, not a folder. Choose a folder for the letters.").format(
            folder=folder)
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        return _("You cannot write to the folder {folder}. Choose another folder.").format(
            folder=folder)
    return None


def _explain(error: UserFacingError, folder: Path) -> str:
    """The failure of a mail merge as one translated sentence about the whole run (a full disk
    and a folder you cannot write to are told apart by the error number, not by the words)."""
    number = getattr(error, "errno", None)
    if number == errno.ENOSPC:
        return _("The disk is full: not all letters could be written to {folder}. Free some space "
                 "and run the mail merge again.").format(folder=folder)
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("You cannot write to the folder {folder}. Choose another folder.").format(
            folder=folder)
    return _("The letters could not be written: {reason}").format(reason=error.message)


# -- the dialog -------------------------------------------------------------------------------------

class BatchDialog(QDialog):
    #: a run ended (also when cancelled): the MergeResult
    run_finished = Signal(object)
    #: a run stopped with an error: the message shown
    run_failed = Signal(str)

    def __init__(self, action: Action, language: str | None, recipient_id: str | None,
                 today: _dt.date, folder: str | Path, page_size: str | None = None,
                 parent: QWidget | None = None, *, profile: SenderProfile | None = None,
                 draft_text: Callable[[str, str], str | None] | None = None,
                 window_side: str | None = None):
        """``draft_text(language, recipient_id)``: the user's edited text of that letter, or None
        (not edited); with ``profile`` (whose letter it is) the edits can go to every signer."""
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self.action = action
        self.today = today
        self.page_size = page_size or settings.default("page_size")
        self.window_side = window_side or settings.default("window_side")
        self.profile = profile
        self.draft_text = draft_text
        self.sheet: mailmerge.SignerSheet | None = None
        self.sheet_path: Path | None = None
        self.result: MergeResult | None = None
        self._run: mailmerge.BatchRun | None = None
        self._run_folder: Path | None = None
        self._close_when_done = False
        self.runner = Runner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)

        self.setWindowTitle(_("Mail merge: {title}").format(
            title=action.title_in(i18n.current_language())))
        self.intro = QLabel(_(
            "One letter per signer of a CSV sheet with the columns name, address, postal_code, "
            "city, country, email and gender (address lines separated by “|”). Each letter is "
            "signed by its signer, with their address and date line."))
        self.intro.setWordWrap(True)

        self.signers_path = QLineEdit(objectName="batchSignersPath")
        self.signers_path.setReadOnly(True)
        self.signers_path.setPlaceholderText(_("No sheet chosen yet"))
        self.choose_signers = QPushButton(_("Choose…"), objectName="batchChooseSigners")
        self.choose_signers.setToolTip(_("Choose the CSV sheet with one signer per row"))
        self.choose_signers.clicked.connect(self.choose_sheet)
        self.sheet_info = QLabel(objectName="batchSheetInfo")
        self.sheet_info.setWordWrap(True)
        self.sheet_info.hide()
        self.bad_rows = QPlainTextEdit(objectName="batchBadRows")
        self.bad_rows.setReadOnly(True)
        self.bad_rows.hide()

        self.language = QComboBox(objectName="batchLanguage")
        requested, others = letters.letter_languages(action)
        for code in requested:
            self.language.addItem(_("{language} (requested)").format(
                language=i18n_qt.language_name(code)), code)
        for code in i18n_qt.by_name(others):
            self.language.addItem(i18n_qt.language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.recipient = QComboBox(objectName="batchRecipient")
        for r in letters.writable_mains(action):
            self.recipient.addItem(i18n_qt.recipient_label(r), r.id)
        for r in action.copy_recipients():  # a copy letter of the letter to the first main one
            self.recipient.addItem(_("{recipient} (copy)").format(
                recipient=i18n_qt.recipient_label(r)), r.id)
        self.recipient.setCurrentIndex(max(self.recipient.findData(recipient_id), 0))
        self.format = QComboBox(objectName="batchFormat")
        self.format.addItem(_("PDF"), "pdf")
        self.format.addItem(_("DOCX"), "docx")
        self.format.currentIndexChanged.connect(self._update_enabled)

        self.folder = QLineEdit(str(Path(folder) / exporters.file_stem(action.id, "letters")),
                                objectName="batchFolder")
        self.folder.textChanged.connect(self._update_enabled)
        self.choose_folder_button = QPushButton(_("Choose…"), objectName="batchChooseFolder")
        self.choose_folder_button.setToolTip(_("Choose the folder for the letters"))
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.merge = QCheckBox(_("Also merge all letters into one PDF for printing"),
                               objectName="batchMerge")
        self.use_edits = QCheckBox(_("Use my edits to this letter for every signer"),
                                   objectName="batchUseEdits")
        self.language.currentIndexChanged.connect(self._update_edits_box)
        self.recipient.currentIndexChanged.connect(self._update_edits_box)

        self.progress = QProgressBar(objectName="batchProgress")
        self.progress.setFormat("%v / %m")
        self.progress.hide()
        self.cancel_button = QPushButton(_("Cancel"), objectName="batchCancel")
        self.cancel_button.setToolTip(_("Stop after the letters being written now"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.summary = QLabel(objectName="batchSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.details = QPlainTextEdit(objectName="batchDetails")
        self.details.setReadOnly(True)
        self.details.hide()

        self.open_folder_button = QPushButton(_("Open folder"), objectName="batchOpenFolder")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        self.run_button = QPushButton(_("Run"), objectName="batchRun")
        self.run_button.setToolTip(_("Write one letter for every signer"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.close_button = QPushButton(_("Close"), objectName="batchClose")
        self.close_button.clicked.connect(self.reject)

        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.signers_path, 1)
        sheet_row.addWidget(self.choose_signers)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder_button)
        self._form = form = QFormLayout()
        for text, buddy, field in ((_("&Signers:"), self.choose_signers, sheet_row),
                                   (None, None, self.sheet_info), (None, None, self.bad_rows),
                                   (_("&Language:"), self.language, self.language),
                                   (_("&To:"), self.recipient, self.recipient),
                                   (_("&Format:"), self.format, self.format),
                                   (None, None, self.use_edits),
                                   (_("F&older:"), self.folder, folder_row),
                                   (None, None, self.merge)):
            label = QLabel(text or "")
            if buddy is not None:
                label.setBuddy(buddy)
            form.addRow(label, field)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addLayout(progress_row)
        lay.addWidget(self.summary)
        lay.addWidget(self.details)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.setMinimumWidth(660)
        self._update_edits_box()
        self._update_enabled()

    # -- state ----------------------------------------------------------------------------------
    def _fit(self, box: QPlainTextEdit, lines: int, most: int) -> None:
        """A read-only list as tall as its lines (at most ``most``; it scrolls beyond)."""
        box.setFixedHeight(self.fontMetrics().lineSpacing() * max(1, min(lines, most))
                           + 2 * box.frameWidth() + 2 * int(box.document().documentMargin()) + 4)

    @property
    def running(self) -> bool:
        return self._run is not None

    def _out_folder(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def _edited_text(self) -> str | None:
        """The user's edited text of the chosen language and recipient, or None."""
        if self.draft_text is None or self.profile is None:
            return None
        language, rid = self.language.currentData(), self.recipient.currentData()
        if not (language and rid):
            return None
        # a copy recipient gets the main letter's edits (copies are not edited on their own)
        job = mailmerge.BatchJob(self.action, rid, language, Path("."), self.today)
        return self.draft_text(language, mailmerge.edited_letter_id(job))

    def _update_edits_box(self, *args) -> None:
        """*Use my edits*: available (and ticked) when the chosen letter has been edited."""
        edited = self._edited_text() is not None
        self.use_edits.setChecked(edited)
        self.use_edits.setEnabled(edited and not self.running)
        if hasattr(self, "_form"):  # no drafts to offer (a dialog made without them): no row
            self._form.setRowVisible(self.use_edits, self.draft_text is not None)
        self.use_edits.setToolTip(_(
            "The paragraphs, salutation and closing you changed go into every letter as you wrote "
            "them; the rest is composed for each signer. Check words that depend on who signs.")
            if edited else _("You have not edited the letter in this language to this recipient: "
                             "every signer gets it as composed."))

    def _update_enabled(self, *args) -> None:
        idle = not self.running
        for w in (self.choose_signers, self.language, self.recipient, self.format, self.folder,
                  self.choose_folder_button):
            w.setEnabled(idle)
        self.use_edits.setEnabled(idle and self._edited_text() is not None)
        self.merge.setEnabled(idle and self.format.currentData() == "pdf")
        self.run_button.setEnabled(idle and bool(self.sheet and self.sheet.signers)
                                   and self._out_folder() is not None
                                   and self.recipient.currentData() is not None)
        self.cancel_button.setVisible(not idle)

    # -- the sheet ------------------------------------------------------------------------------
    def choose_sheet(self) -> bool:
        start = str(self.sheet_path.parent if self.sheet_path else Path(self.folder.text()).parent)
        path = prompts.get().open_file(self, _("Choose the signers sheet"), start,
                                       _("CSV sheets (*.csv *.txt *.tsv);;All files (*)"))
        if not path:
            return False
        self.load_sheet(Path(path))
        return True

    def load_sheet(self, path: Path) -> None:
        """Read the sheet now (it is small) and show what was read and what will be skipped."""
        self.sheet_path = path
        self.signers_path.setText(str(path))
        try:
            self.sheet = mailmerge.read_signers(path)
        except UserFacingError as e:
            self.sheet = None
            self.sheet_info.setText(_("This sheet cannot be used: {reason}").format(reason=e.message))
            self.bad_rows.hide()
        else:
            sheet, name = self.sheet, path.name
            n, k = len(sheet.signers), len(sheet.bad_rows)
            if n:
                parts = [ngettext("{n} signer read from {file}.", "{n} signers read from {file}.",
                                  n).format(n=n, file=name)]
            else:
                parts = [_("No usable signer rows in {file}.").format(file=name)]
            if k:
                parts.append(ngettext("{n} row will be skipped:", "{n} rows will be skipped:",
                                      k).format(n=k))
            parts += ["⚠ " + w for w in sheet.warnings]
            self.sheet_info.setText("\n".join(parts))
            self.bad_rows.setPlainText("\n".join(
                _("Line {line}: {text}").format(line=b.line, text=b.message) for b in sheet.bad_rows))
            self._fit(self.bad_rows, k, 5)
            self.bad_rows.setVisible(bool(k))
        self.sheet_info.show()
        self.progress.hide()  # a run of the sheet before says nothing about this one
        self.summary.hide()
        self.details.hide()
        self.open_folder_button.hide()
        self._update_enabled()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow the dialog to what its rows need at its width (wrapped labels: their height
        depends on the width, which the layout's minimum size does not take into account, so
        rows were squeezed over each other)."""
        lay = self.layout()
        lay.activate()
        need = lay.totalHeightForWidth(self.width()) if lay.hasHeightForWidth() else -1
        need = max(need, lay.totalSizeHint().height() if need < 0 else need)
        self.setMinimumHeight(max(need, 0))
        if self.height() < need:
            self.resize(self.width(), need)

    def choose_folder(self) -> bool:
        folder = self._out_folder()
        start = folder if folder and folder.is_dir() else (folder.parent if folder else Path.home())
        chosen = prompts.get().choose_folder(self, _("Folder for the letters"), str(start))
        if not chosen:
            return False
        self.folder.setText(chosen)
        return True

    # -- running --------------------------------------------------------------------------------
    def merge_path(self, folder: Path) -> Path:
        return folder / exporters.file_name(self.action.id, self.recipient.currentData(),
                                            self.language.currentData(), "all", suffix="pdf")

    def start(self) -> bool:
        """Check the folder, then render every signer's letter off the GUI thread."""
        folder = self._out_folder()
        if self.running or not (self.sheet and self.sheet.signers) or folder is None:
            return False
        problem = _writable_folder_problem(folder)
        if problem:
            prompts.get().error(self, _("Mail merge not started"), problem)
            return False
        fmt = self.format.currentData()
        merge_to = self.merge_path(folder) if fmt == "pdf" and self.merge.isChecked() else None
        targets = [folder / f"{s.stem}.{fmt}" for s in self.sheet.signers]
        existing = sum(p.exists() for p in targets + ([merge_to] if merge_to else []))
        if existing and not prompts.get().question(
                self, _("Replace files?"),
                ngettext("{n} file in {folder} will be replaced by the new letters. Continue?",
                         "{n} files in {folder} will be replaced by the new letters. Continue?",
                         existing).format(n=existing, folder=folder),
                yes=_("Replace"), no=_("Cancel")):
            return False
        job = mailmerge.BatchJob(action=self.action, recipient_id=self.recipient.currentData(),
                                  language=self.language.currentData(), out_dir=folder,
                                  date=self.today, format=fmt, page_size=self.page_size,
                                  window_side=self.window_side)
        edited = self._edited_text() if self.use_edits.isChecked() else None
        if edited is not None:
            try:
                job.edits = mailmerge.edits_from_text(job, self.profile, edited)
            except UserFacingError as e:
                prompts.get().error(self, _("Mail merge not started"), e.message)
                return False
        try:  # the letters in a language without appeal points carry the block to translate
            sample = mailmerge.compose_for(job, self.sheet.signers[0].profile)
        except UserFacingError:
            sample = None  # that signer's row is reported with the results
        if not untranslated.may_leave(self, [sample], _("Write them anyway")):
            return False
        self._run = mailmerge.BatchRun(job, self.sheet.signers)
        self._run_folder = folder
        self.result = None
        total = len(self.sheet.signers)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.summary.setText(_("Writing the letters…"))
        self.summary.show()
        self.details.hide()
        self.open_folder_button.hide()
        self._update_enabled()
        self._fit_height()
        self.runner.start(run_merge, self._run, merge_to)
        return True

    def cancel(self) -> None:
        """Stop after the letters being written now (the ones written stay)."""
        if self._run is not None:
            self._run.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText(_("Cancelling…"))

    def _on_progress(self, done: int, total: int, _label: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _end_run(self) -> None:
        self._run = None
        self.cancel_button.setEnabled(True)
        self._update_enabled()
        if self._close_when_done:
            super().reject()

    def _on_finished(self, result: MergeResult) -> None:
        self.result = result
        folder = self._run_folder
        report = result.report
        n = len(report.written)
        lines = [ngettext("{n} letter written to {folder}.", "{n} letters written to {folder}.",
                          n).format(n=n, folder=folder)]
        if result.cancelled:
            lines.append(ngettext("Cancelled: {done} of {total} letter written.",
                                  "Cancelled: {done} of {total} letters written.",
                                  result.total).format(done=n, total=result.total))
        if result.merged is not None:
            lines.append(ngettext("All letters merged into {file} ({n} page).",
                                  "All letters merged into {file} ({n} pages).",
                                  result.merged_pages).format(file=result.merged.name,
                                                              n=result.merged_pages))
        details = []
        bad = self.sheet.bad_rows if self.sheet else []
        if bad:
            lines.append(ngettext("{n} row of the sheet skipped (see below).",
                                  "{n} rows of the sheet skipped (see below).", len(bad)).format(n=len(bad)))
            details.append(_("Skipped rows:"))
            details += [_("Line {line}: {text}").format(line=b.line, text=b.message) for b in bad]
        if report.failed:
            lines.append(ngettext("{n} letter could not be written (see below).",
                                  "{n} letters could not be written (see below).",
                                  len(report.failed)).format(n=len(report.failed)))
            details.append(_("Letters not written:"))
            details += [_("Line {line} ({name}): {text}").format(line=o.line, name=o.signer, text=o.error)
                        for o in report.failed]
        self.summary.setText("\n".join(lines))
        self.summary.show()
        self.details.setPlainText("\n".join(details))
        self._fit(self.details, len(details), 6)
        self.details.setVisible(bool(details))
        self.progress.setValue(n + len(report.failed))
        self.open_folder_button.setVisible(n > 0)
        self._fit_height()
        self._end_run()
        self.run_finished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.progress.hide()
        if details:  # a bug: the message with its traceback
            text = _("The letters could not be written.")
            prompts.get().error_details(self, _("Mail merge failed"), text, details)
        else:
            text = message  # already a sentence about the run (run_merge, _explain)
            prompts.get().error(self, _("Mail merge failed"), text)
        written = [o for o in (self._run.outcomes if self._run else []) if o.ok]
        self.summary.setText(text)
        self.summary.show()
        self.open_folder_button.setVisible(bool(written))
        self._fit_height()
        self._end_run()
        self.run_failed.emit(text)

    def open_folder(self) -> None:
        folder = self._run_folder or self._out_folder()
        if folder is not None:
            prompts.get().open_folder(folder)

    # -- closing --------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close; while letters are being written, cancel first and close once the run stops."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def dispose(self) -> None:
        """Delete the dialog once it is closed and no letters are being written any more."""
        if self.running:
            self.finished.connect(lambda _code: self.deleteLater())
        else:
            self.deleteLater()
