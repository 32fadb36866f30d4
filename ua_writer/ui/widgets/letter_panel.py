"""LetterPanel: language and recipient pickers, the letter editor, "reset to template", and the
export bar (PDF, DOCX, fax packet, copies, print, mark sent).

For the current action × language × recipient it shows the saved draft if there is one, else the
composed letter, at once. Edits become undo commands on a per-letter QUndoStack (all stacks in
one QUndoGroup, so Edit ▸ Undo follows the visible letter) and are handed to the DraftKeeper,
which saves them in the background. ``edited_letter()`` maps the edited text back onto the
composed Letter (``letter.from_text``), which is what every export uses. Emits requests; the main
window performs exports and store writes. Must not import dialogs or the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _
from ua_writer.core.model import Action, Recipient
from ua_writer.ui import i18n_qt
from ua_writer.ui.autosave import DraftKeeper, Key
from ua_writer.ui.icons import standard_icon
from ua_writer.ui.widgets.letter_editor import LetterEdit, diff

if TYPE_CHECKING:
    from ua_writer.core.letter import Letter

#: how long the text must rest before coverage and page count are recomputed
SETTLE_MS = 400


class LetterPanel(QWidget):
    #: (action, language, recipient) changed; the letter on screen is a different one
    letter_switched = Signal()
    #: the letter text settled after edits (debounced): recompute coverage, page count
    text_settled = Signal()
    language_changed = Signal(str)
    export_requested = Signal(str)  # "pdf" | "docx" | "fax" | "copies" | "print"
    mark_sent_requested = Signal()
    add_recipient_requested = Signal()

    def __init__(self, keeper: DraftKeeper, compose: Callable[[Action, Recipient, str], Letter],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.keeper = keeper
        self._compose = compose
        self.action: Action | None = None
        self._composed: Letter | None = None
        self._template_text = ""
        self._key: Key | None = None
        self._loading = False
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[Key, QUndoStack] = {}
        self._stack_text: dict[Key, str] = {}  # the text each stack's history ends on
        self._compose_error = ""

        self.language_label = QLabel()
        self.language_combo = QComboBox(objectName="languageCombo")
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.language_combo.setMinimumContentsLength(12)
        self.language_label.setBuddy(self.language_combo)
        self.recipient_label = QLabel()
        self.recipient_combo = QComboBox(objectName="recipientCombo")
        self.recipient_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.recipient_combo.setMinimumContentsLength(12)
        self.recipient_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.recipient_label.setBuddy(self.recipient_combo)
        self.reset_button = QPushButton(objectName="resetButton")
        self.editor = LetterEdit()
        self._font_set = False  # the letter font (PT Serif) is registered with the first letter
        self.preview = None  # set by set_preview()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(True)
        self.split.addWidget(self.editor)

        self.pdf_button = QPushButton(objectName="exportPdfButton")
        self.docx_button = QPushButton(objectName="exportDocxButton")
        self.fax_button = QPushButton(objectName="faxPacketButton")
        self.copies_button = QPushButton(objectName="copiesButton")
        self.print_button = QPushButton(objectName="printButton")
        self.mark_sent_button = QPushButton(objectName="markSentButton")
        #: the buttons' standard icons, set by show_icons() once the window has painted (the
        #: style's icons need QStyle's Python enums: ~5 ms the first frame does without)
        self._icons = {self.reset_button: "SP_BrowserReload",
                       self.mark_sent_button: "SP_DialogApplyButton"}
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.docx_button.clicked.connect(lambda: self.export_requested.emit("docx"))
        self.fax_button.clicked.connect(lambda: self.export_requested.emit("fax"))
        self.copies_button.clicked.connect(lambda: self.export_requested.emit("copies"))
        self.print_button.clicked.connect(lambda: self.export_requested.emit("print"))
        self.mark_sent_button.clicked.connect(self.mark_sent_requested)
        self.add_recipient_button = QPushButton(objectName="emptyAddRecipientButton")
        self.add_recipient_button.clicked.connect(self.add_recipient_requested)
        self.add_recipient_button.hide()
        #: what compose wants the user to check (grammar it could not do, missing profile...)
        self.warnings_label = QLabel(objectName="letterWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings_label.hide()

        pickers = QHBoxLayout()
        pickers.addWidget(self.language_label)
        pickers.addWidget(self.language_combo)
        pickers.addSpacing(12)
        pickers.addWidget(self.recipient_label)
        pickers.addWidget(self.recipient_combo, 1)
        pickers.addWidget(self.add_recipient_button)
        pickers.addWidget(self.reset_button)
        self._bar = bar = QHBoxLayout()
        for b in (self.pdf_button, self.docx_button, self.fax_button, self.copies_button,
                  self.print_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.mark_sent_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 6)
        layout.addLayout(pickers)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.split, 1)
        layout.addLayout(bar)

        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.text_settled)
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        self.recipient_combo.currentIndexChanged.connect(self._on_recipient_changed)
        self.reset_button.clicked.connect(self.reset_to_template)
        self.editor.edited.connect(self._on_edited)
        self.editor.content_changed.connect(self._on_content_changed)
        self.editor.undo_requested.connect(self.undo_group.undo)
        self.editor.redo_requested.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self._sync_undo_state)
        self.undo_group.canRedoChanged.connect(self._sync_undo_state)
        keeper.draft_saved.connect(self._on_draft_saved)
        keeper.draft_removed.connect(self._on_draft_removed)
        self.retranslate_ui()
        self._update_enabled()

    def show_icons(self) -> None:
        """Give the buttons their standard icons (the main window calls this after its first
        paint; their minimum widths already make room for them)."""
        for button, name in self._icons.items():
            if button.icon().isNull():
                button.setIcon(standard_icon(self, name))

    def add_export_widgets(self, widgets: list[QWidget]) -> None:
        """Add-ons' buttons (envelope, labels, e-mail) in the export bar, after Print…"""
        at = self._bar.indexOf(self.print_button) + 1
        for i, w in enumerate(widgets):
            self._bar.insertWidget(at + i, w)

    def set_preview(self, widget: QWidget) -> None:
        self.preview = widget
        self.split.addWidget(widget)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)

    def retranslate_ui(self) -> None:
        self.language_label.setText(_("&Language:"))
        self.language_combo.setToolTip(_("The language of the letter (the action's requested "
                                          "languages come first)"))
        self.recipient_label.setText(_("&To:"))
        self.recipient_combo.setToolTip(_("Who the letter is addressed to"))
        self.reset_button.setText(_("Reset"))
        self.reset_button.setToolTip(_("Replace your edits with the letter from the template "
                                       "(undo brings them back)"))
        self.pdf_button.setText(_("PDF"))
        self.pdf_button.setToolTip(_("Export the letter as PDF (Ctrl+E)"))
        self.docx_button.setText(_("DOCX"))
        self.docx_button.setToolTip(_("Export the letter as a Word document"))
        self.fax_button.setText(_("Fax packet"))
        self.fax_button.setToolTip(_("A fax cover sheet followed by the letter, in one PDF"))
        self.copies_button.setText(_("Copies"))
        self.copies_button.setToolTip(_("One copy letter for each copy recipient, as PDF files"))
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(_("Print the letter (Ctrl+P)"))
        self.mark_sent_button.setText(_("Mark sent"))
        self.mark_sent_button.setToolTip(_("Record that you sent this letter (Ctrl+Shift+S)"))
        self.add_recipient_button.setText(_("Add a recipient…"))
        for b in (self.pdf_button, self.docx_button, self.fax_button, self.copies_button,
                  self.print_button, self.mark_sent_button, self.reset_button, self.add_recipient_button):
            # let buttons shrink to their text when space is short (the style's minimum is wider)
            extra = 32 if b in self._icons else 16  # room for the icon before it is drawn
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text().replace("&", "")) + extra)
        self.editor.retranslate_ui()
        if self.action is not None:
            with self._quiet():
                self._fill_languages(self.current_language())
                self._fill_recipients(self.current_recipient_id())
        if self._compose_error:
            self.editor.setPlaceholderText(self._compose_error)
        self._show_warnings()

    def _show_warnings(self) -> None:
        """Compose's warnings (``core.notices``), rendered in the UI language of the moment."""
        from ua_writer.core.notices import render

        warnings = list(self._composed.warnings) if self._composed is not None else []
        self.warnings_label.setText("\n".join("⚠ " + render(w) for w in warnings))
        self.warnings_label.setVisible(bool(warnings))

    # -- choosing the letter --------------------------------------------------------------------
    class _Quiet:
        def __init__(self, panel):
            self.panel = panel

        def __enter__(self):
            self.panel._loading = True

        def __exit__(self, *exc):
            self.panel._loading = False

    def _quiet(self):
        return LetterPanel._Quiet(self)

    def set_action(self, action: Action | None, language: str | None = None,
                   recipient_id: str | None = None) -> None:
        self.keeper.write_pending()
        self.action = action
        self._use_letter_font()
        with self._quiet():
            self._fill_languages(language)
            self._fill_recipients(recipient_id)
        self._load_letter()

    def _use_letter_font(self) -> None:
        """Give the editor the letter font (PT Serif, registered now) once there is a letter:
        registering the font files is not needed to paint the window's first frame."""
        if not self._font_set:
            self._font_set = True
            self.editor.setFont(i18n_qt.letter_font())

    def set_letter(self, language: str | None = None, recipient_id: str | None = None) -> None:
        """Switch language and/or recipient of the current action."""
        with self._quiet():
            if language:
                i = self.language_combo.findData(language)
                if i >= 0:
                    self.language_combo.setCurrentIndex(i)
            if recipient_id:
                i = self.recipient_combo.findData(recipient_id)
                if i >= 0:
                    self.recipient_combo.setCurrentIndex(i)
        self._load_letter()

    def _fill_languages(self, preferred: str | None) -> None:
        combo = self.language_combo
        combo.clear()
        if self.action is None:
            return
        from ua_writer.services import letters

        requested, others = letters.letter_languages(self.action)
        for code in requested:
            combo.addItem(_("{language} (requested)").format(language=i18n_qt.language_name(code)), code)
        if requested and others:
            combo.insertSeparator(combo.count())
        for code in others:
            combo.addItem(i18n_qt.language_name(code), code)
        i = combo.findData(preferred) if preferred else -1
        combo.setCurrentIndex(i if i >= 0 else 0)

    def _fill_recipients(self, preferred: str | None) -> None:
        combo = self.recipient_combo
        combo.clear()
        if self.action is None:
            return
        for r in self.action.main_recipients():
            combo.addItem(i18n_qt.recipient_label(r), r.id)
            if r.copies_only:
                combo.setItemData(combo.count() - 1, _("Send only copies to this recipient"),
                                  Qt.ItemDataRole.ToolTipRole)
        i = combo.findData(preferred) if preferred else -1
        combo.setCurrentIndex(i if i >= 0 else (0 if combo.count() else -1))

    def current_language(self) -> str | None:
        return self.language_combo.currentData()

    def current_recipient_id(self) -> str | None:
        return self.recipient_combo.currentData()

    def current_recipient(self) -> Recipient | None:
        rid = self.current_recipient_id()
        return self.action.recipient(rid) if self.action and rid else None

    def current_key(self) -> Key | None:
        return self._key

    def _on_language_changed(self, _i: int) -> None:
        if not self._loading:
            self.keeper.write_pending()
            self._load_letter()

    def _on_recipient_changed(self, _i: int) -> None:
        if not self._loading:
            self.keeper.write_pending()
            self._load_letter()

    def _load_letter(self) -> None:
        """Compose the current letter and show its draft (or the template)."""
        action, lang, recipient = self.action, self.current_language(), self.current_recipient()
        self._composed, self._template_text, self._key = None, "", None
        self._compose_error = ""
        text = ""
        if action is not None and lang and recipient is not None:
            try:
                self._composed = self._compose(action, recipient, lang)
            except UserFacingError as e:
                self._compose_error = _("The letter cannot be composed: {reason}").format(reason=e.message)
            else:
                self._template_text = self._composed.to_text()
                self._key = (action.id, lang, recipient.id)
                draft = self.keeper.text_for(self._key)
                text = draft if draft is not None else self._template_text
        elif action is not None and recipient is None and action.copy_recipients():
            # only copy recipients: a copy goes with a letter to someone, so say what is missing
            self._compose_error = _("This action has only copy recipients. Add the official to "
                                    "write to, or edit a recipient and untick “Send a copy only”.")
        elif action is not None and recipient is None:
            self._compose_error = _("This action has no one to write to yet. Add a recipient, for "
                                    "example the embassy of the country in yours.")
        self.editor.setPlaceholderText(self._compose_error or "")
        self.editor.set_untranslated(self._composed.untranslated if self._composed is not None else [])
        self.editor.set_text(text)
        if text != self._template_text:  # a draft: put the cursor where the user's edit ends
            pos, _removed, added = diff(self._template_text, text)
            self.editor.set_cursor_index(pos + len(added))
        self.editor.setReadOnly(self._key is None)
        self.add_recipient_button.setVisible(action is not None and recipient is None)
        self._show_warnings()
        stack = self._stack_for(self._key)
        self.undo_group.setActiveStack(stack)
        self._sync_undo_state()
        self._update_enabled()
        if lang:
            self.language_changed.emit(lang)
        self.letter_switched.emit()
        self.text_settled.emit()

    def _stack_for(self, key: Key | None) -> QUndoStack | None:
        if key is None:
            return None
        stack = self._stacks.get(key)
        text = self.editor.text()
        if stack is not None and self._stack_text.get(key) != text:
            # a stack is only valid on the text it was built on (e.g. the template changed)
            self.undo_group.removeStack(stack)
            stack.deleteLater()
            stack = None
        if stack is None:
            stack = QUndoStack(self)
            self.undo_group.addStack(stack)
            self._stacks[key] = stack
        self._stack_text[key] = text
        return stack

    def _update_enabled(self) -> None:
        has_letter = self._key is not None
        for b in (self.pdf_button, self.docx_button, self.fax_button, self.print_button,
                  self.mark_sent_button, self.reset_button):
            b.setEnabled(has_letter)
        self.copies_button.setEnabled(has_letter and bool(self.action and self.action.copy_recipients()))

    # -- editing --------------------------------------------------------------------------------
    def _on_edited(self, pos: int, removed: str, added: str) -> None:
        stack = self.undo_group.activeStack()
        if stack is not None:
            from ua_writer.ui.undo import TextChangeCommand

            stack.push(TextChangeCommand(self.editor, pos, removed, added))

    def _on_content_changed(self) -> None:
        if self._key is None:
            return
        text = self.editor.text()
        self._stack_text[self._key] = text
        self.keeper.schedule(self._key, text, self._template_text)
        self._settle.start()

    def reset_to_template(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is None or self._key is None:
            return
        old = self.editor.text()
        if old != self._template_text:
            from ua_writer.ui.undo import ResetToTemplateCommand

            stack.push(ResetToTemplateCommand(self.editor, old, self._template_text))

    def recompose(self) -> None:
        """The profile or templates changed: compose again; drafts stay as the user left them."""
        self.keeper.write_pending()
        self._load_letter()

    def _sync_undo_state(self, *args) -> None:
        self.editor.set_undo_state(self.undo_group.canUndo(), self.undo_group.canRedo())

    def _on_draft_saved(self, action_id: str, language: str, recipient_id: str, _when: str) -> None:
        self._maybe_clean((action_id, language, recipient_id))

    def _on_draft_removed(self, action_id: str, language: str, recipient_id: str) -> None:
        self._maybe_clean((action_id, language, recipient_id))

    def _maybe_clean(self, key: Key) -> None:
        stack = self._stacks.get(key)
        if stack is not None and not self.keeper.is_pending(key):
            if key != self._key or self.editor.text() == (self.keeper.text_for(key) or self._template_text):
                stack.setClean()

    # -- what exports use -----------------------------------------------------------------------
    def composed_letter(self) -> Letter | None:
        return self._composed

    def template_text(self) -> str:
        return self._template_text

    def text(self) -> str:
        return self.editor.text()

    def edited_letter(self) -> Letter | None:
        """The letter as edited: the draft text mapped onto the composed Letter."""
        if self._composed is None:
            return None
        text = self.editor.text()
        if text == self._template_text:
            return self._composed
        from ua_writer.core.letter import from_text

        return from_text(text, self._composed)

    def is_edited(self) -> bool:
        return self._key is not None and self.editor.text() != self._template_text
