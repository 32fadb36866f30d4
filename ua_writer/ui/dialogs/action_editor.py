"""ActionEditorDialog (objectName ``actionEditor``): every field of one action, to fix what an
import got wrong or finish what a UA leaves out — title, UA number, country (by name), issue date,
deadline, requested languages (by name), the title and summary in another language, the people (gender, the name in another language and,
for Russian, its cases), summary, background, notes, appeal points per language side by side with
the English ones, and the recipients (``RecipientEditor``).

Every edit is recorded on the dialog's ``QUndoStack`` as a snapshot of the whole action (typing in
one field merges into one step), so Undo/Redo work across fields, a removed recipient included,
while the dialog is open. ``action()`` returns the edited Action; the caller saves it through
``services/editing.py``. Must not import the store or the main window.
"""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ua_writer.core.i18n import _
from ua_writer.core.model import Action, Person
from ua_writer.ui import i18n_qt
from ua_writer.ui.widgets.edit_fields import (CountryCombo, LanguageChecklist, LanguageCombo,
                                              OptionalDate, fitting_size, letter_languages, quiet,
                                              scrolled)
from ua_writer.ui.widgets.recipient_editor import RecipientEditor, name_new_ids

#: the Russian cases a person's name takes in letters (the pack format's keys)
RU_CASES = ("gent", "datv", "accs", "ablt", "loct")


def _case_labels() -> dict[str, str]:
    return {"gent": _("Genitive (кого?)"), "datv": _("Dative (кому?)"), "accs": _("Accusative (кого?)"),
            "ablt": _("Instrumental (кем?)"), "loct": _("Prepositional (о ком?)")}


def _step_name(key: str) -> str:
    """What Undo/Redo will do, e.g. "Undo remove recipient"."""
    if key == "recipients.remove":
        return _("remove recipient")
    if key == "recipients.add":
        return _("add recipient")
    if key == "recipients.order":
        return _("move recipient")
    if key.startswith("recipient."):
        return _("recipient change")
    if key.startswith(("person", "persons")):
        return _("person change")
    if key.startswith(("appeal", "appeals")):
        return _("appeal point change")
    return _("change")


class _Snapshot(QUndoCommand):
    """One edit: the action before and after. Consecutive edits of the same field merge."""

    _ids: dict[str, int] = {}

    def __init__(self, editor: "ActionEditorDialog", before: Action, after: Action, key: str):
        super().__init__(_step_name(key))
        self.editor, self.before, self.after, self.key = editor, before, after, key
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self.key.endswith((".add", ".remove", ".order")):
            return -1  # list operations stay single steps
        return _Snapshot._ids.setdefault(self.key, len(_Snapshot._ids) + 1)

    def mergeWith(self, other) -> bool:  # noqa: N802
        if other.id() != self.id() or other.key != self.key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the widgets show it already
            self._first = False
            return
        self.editor._restore(self.after)

    def undo(self) -> None:
        self.editor._restore(self.before)


class ActionEditorDialog(QDialog):
    def __init__(self, action: Action, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actionEditor")
        self.setWindowTitle(_("Edit the action"))
        self._state = copy.deepcopy(action)
        self._original_ids = {r.id for r in action.recipients}
        self._restoring = False
        self.undo_stack = QUndoStack(self)

        # -- general ----------------------------------------------------------------------
        self.title = QLineEdit(objectName="actionEditorTitle")
        self.ua_number = QLineEdit(objectName="actionEditorUaNumber")
        self.country = CountryCombo(object_name="actionEditorCountry")
        self.issue_date = OptionalDate(_("Issued on"), object_name="actionEditorIssueDate")
        self.deadline = OptionalDate(_("Send by"), object_name="actionEditorDeadline")
        self.languages = LanguageChecklist(object_name="actionEditorLanguages")
        self.languages.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        general = QWidget()
        general_lay = QVBoxLayout(general)
        gf = QFormLayout()
        general_lay.addLayout(gf)
        general_lay.addStretch(1)
        gf.addRow(_("&Title:"), self.title)
        gf.addRow(_("UA &number:"), self.ua_number)
        gf.addRow(_("C&ountry:"), self.country)
        gf.addRow(_("Issued:"), self.issue_date)
        gf.addRow(_("Deadline:"), self.deadline)
        gf.addRow(_("Letters &requested in:"), self.languages)
        # the title and summary in another language (the list and the action pane show them in
        # the interface language)
        self.local_lang = LanguageCombo(letter_languages(), object_name="actionEditorLocalLanguage")
        self.local_title = QLineEdit(objectName="actionEditorLocalTitle")
        self.local_summary = QPlainTextEdit(objectName="actionEditorLocalSummary")
        self.local_summary.setTabChangesFocus(True)
        self.local_summary.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        local_box = QGroupBox(_("Title and summary in another language"), objectName="actionEditorLocalBox")
        lf = QFormLayout(local_box)
        lf.addRow(_("Language:"), self.local_lang)
        lf.addRow(_("Title:"), self.local_title)
        lf.addRow(_("Summary:"), self.local_summary)
        general_lay.insertWidget(1, local_box)

        # -- texts ------------------------------------------------------------------------
        self.summary = QPlainTextEdit(objectName="actionEditorSummary")
        self.background = QPlainTextEdit(objectName="actionEditorBackground")
        self.notes = QPlainTextEdit(objectName="actionEditorNotes")
        texts = QWidget()
        tf = QFormLayout(texts)
        for label, w in ((_("&Summary:"), self.summary), (_("&Background:"), self.background),
                         (_("N&otes:"), self.notes)):
            w.setTabChangesFocus(True)
            tf.addRow(label, w)

        # -- people -----------------------------------------------------------------------
        self.person_list = QListWidget(objectName="actionEditorPersons")
        self.person_add = QPushButton(_("&Add"), objectName="actionEditorPersonAdd")
        self.person_remove = QPushButton(_("&Remove"), objectName="actionEditorPersonRemove")
        self.person_name = QLineEdit(objectName="actionEditorPersonName")
        self.person_gender = QComboBox(objectName="actionEditorPersonGender")
        self.person_gender.addItem(_("Not specified"), None)
        self.person_gender.addItem(_("Female"), "f")
        self.person_gender.addItem(_("Male"), "m")
        self.person_lang = LanguageCombo(letter_languages(), object_name="actionEditorPersonLanguage")
        self.person_lang.setCurrentIndex(max(self.person_lang.findData("ru"), 0))
        self.person_local = QLineEdit(objectName="actionEditorPersonLocalName")
        self.person_local.setPlaceholderText(_("e.g. Низомхон Джураев"))
        self.case_edits = {c: QLineEdit(objectName=f"actionEditorPersonCase_{c}") for c in RU_CASES}
        people = QWidget()
        pl = QHBoxLayout(people)
        left = QVBoxLayout()
        left.addWidget(self.person_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.person_add)
        row.addWidget(self.person_remove)
        left.addLayout(row)
        pl.addLayout(left, 1)
        self.person_form_box = QWidget()
        pf = QFormLayout(self.person_form_box)
        pf.addRow(_("&Name:"), self.person_name)
        pf.addRow(_("&Gender:"), self.person_gender)
        pf.addRow(_("Forms in:"), self.person_lang)
        pf.addRow(_("Name in this language:"), self.person_local)
        self.case_labels = {}
        for case, text in _case_labels().items():
            self.case_labels[case] = QLabel(text)
            pf.addRow(self.case_labels[case], self.case_edits[case])
        pl.addWidget(self.person_form_box, 2)

        # -- appeal points ----------------------------------------------------------------
        self.appeal_lang = LanguageCombo([], object_name="actionEditorAppealLanguage")
        self.appeal_table = QTableWidget(0, 2, objectName="actionEditorAppeals")
        self.appeal_table.setWordWrap(True)
        self.appeal_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.appeal_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.appeal_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.appeal_add = QPushButton(_("Add a &point"), objectName="actionEditorAppealAdd")
        self.appeal_remove = QPushButton(_("Remove the point"), objectName="actionEditorAppealRemove")
        appeals = QWidget()
        al = QVBoxLayout(appeals)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Translate into:")))
        row.addWidget(self.appeal_lang, 1)
        al.addLayout(row)
        hint = QLabel(_("One point a row. Points written here are used in every letter in that "
                        "language instead of the English ones."))
        hint.setWordWrap(True)
        al.addWidget(hint)
        al.addWidget(self.appeal_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.appeal_add)
        row.addWidget(self.appeal_remove)
        row.addStretch(1)
        al.addLayout(row)

        # -- recipients -------------------------------------------------------------------
        self.recipients = RecipientEditor()

        self.tabs = QTabWidget(objectName="actionEditorTabs")
        self.tabs.addTab(general, _("General"))
        self.tabs.addTab(texts, _("Texts"))
        self.tabs.addTab(scrolled(people), _("People"))
        self.tabs.addTab(appeals, _("Appeal points"))
        self.tabs.addTab(scrolled(self.recipients), _("Recipients"))

        # Ctrl+PageDown/PageUp change tabs wherever the focus is (QTabWidget's own only work
        # while the focus is on the tab bar or a page's widget that passes the key on)
        for keys, step in ((QKeySequence.StandardKey.NextChild, 1), ("Ctrl+PgDown", 1),
                           (QKeySequence.StandardKey.PreviousChild, -1), ("Ctrl+PgUp", -1)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.activated.connect(lambda s=step: self.tabs.setCurrentIndex(
                (self.tabs.currentIndex() + s) % self.tabs.count()))
        self.undo_button = QToolButton(objectName="actionEditorUndo")
        self.redo_button = QToolButton(objectName="actionEditorRedo")
        undo = self.undo_stack.createUndoAction(self, _("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, _("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_button.setDefaultAction(undo)
        self.redo_button.setDefaultAction(redo)
        self.addActions([undo, redo])  # Ctrl+Z anywhere in the dialog but a text field's own undo
        self.error = QLabel(objectName="actionEditorError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)

        self._restore(self._state)
        self._connect()
        self.resize(*fitting_size(self, 860, 640))

    # -- edits -> snapshots ---------------------------------------------------------------
    def _connect(self) -> None:
        for key, w in (("title", self.title), ("ua_number", self.ua_number)):
            w.textEdited.connect(lambda _t, k=key: self._edited(k))
        self.country.currentIndexChanged.connect(lambda _i: self._edited("country"))
        self.issue_date.changed.connect(lambda: self._edited("issue_date"))
        self.deadline.changed.connect(lambda: self._edited("deadline"))
        self.languages.changed.connect(lambda: self._edited("languages"))
        for key, w in (("summary", self.summary), ("background", self.background), ("notes", self.notes)):
            w.textChanged.connect(lambda k=key: self._edited(k))
        self.person_list.currentRowChanged.connect(lambda _r: self._show_person())
        self.person_lang.currentIndexChanged.connect(lambda _i: self._show_person())
        self.local_lang.currentIndexChanged.connect(lambda _i: self._show_local())
        self.local_title.textEdited.connect(lambda _t: self._edited("local.title"))
        self.local_summary.textChanged.connect(lambda: self._edited("local.summary"))
        self.person_add.clicked.connect(self._add_person)
        self.person_remove.clicked.connect(self._remove_person)
        self.person_name.textEdited.connect(lambda _t: self._edited("person.name"))
        self.person_gender.currentIndexChanged.connect(lambda _i: self._edited("person.gender"))
        self.person_local.textEdited.connect(lambda _t: self._edited("person.local"))
        for case, w in self.case_edits.items():
            w.textEdited.connect(lambda _t, c=case: self._edited(f"person.{c}"))
        self.appeal_lang.currentIndexChanged.connect(lambda _i: self._show_appeals())
        self.appeal_table.itemChanged.connect(lambda item: self._edited(f"appeal.{item.row()}.{item.column()}"))
        self.appeal_add.clicked.connect(self._add_point)
        self.appeal_remove.clicked.connect(self._remove_point)
        self.recipients.changed.connect(lambda key: self._edited(key))

    def _edited(self, key: str) -> None:
        if self._restoring:
            return
        after = self._collect()
        if after == self._state:
            return
        before = self._state
        self._state = after
        if key.startswith("person."):
            item = self.person_list.currentItem()
            if item is not None:
                item.setText(self.person_name.text().strip() or _("(new person)"))
        self.undo_stack.push(_Snapshot(self, before, copy.deepcopy(after), key))

    def _collect(self) -> Action:
        """The action as the widgets show it now."""
        a = copy.deepcopy(self._state)
        a.title = self.title.text().strip()
        a.ua_number = self.ua_number.text().strip() or None
        a.country = self.country.code()
        a.issue_date = self.issue_date.date()
        a.deadline = self.deadline.date()
        a.languages = self.languages.codes()
        a.summary = self.summary.toPlainText().strip() or None
        a.background = self.background.toPlainText().strip() or None
        a.notes = self.notes.toPlainText().strip() or None
        row = self.person_list.currentRow()
        if 0 <= row < len(a.persons):
            a.persons[row] = self._person_from_form(a.persons[row])
        lang = self.appeal_lang.code()
        if lang:
            en, local = [], []
            for r in range(self.appeal_table.rowCount()):
                cells = [self.appeal_table.item(r, c) for c in range(self.appeal_table.columnCount())]
                texts = [(c.text().strip() if c else "") for c in cells]
                en.append(texts[0])
                if len(texts) > 1:
                    local.append(texts[1])
            self._set_points(a, "en", en)
            if lang != "en":
                self._set_points(a, lang, local)
        a.recipients = self.recipients.recipients()
        lang = self.local_lang.code()
        if lang:
            fields = dict(a.localized.get(lang) or {})
            for key, text in (("title", self.local_title.text().strip()),
                              ("summary", self.local_summary.toPlainText().strip())):
                if text:
                    fields[key] = text
                else:
                    fields.pop(key, None)
            if fields:
                a.localized[lang] = fields
            else:
                a.localized.pop(lang, None)
        return a

    @staticmethod
    def _set_points(a: Action, lang: str, points: list[str]) -> None:
        while points and not points[-1]:
            points.pop()
        if any(points):
            a.appeals[lang] = points
        else:
            a.appeals.pop(lang, None)

    def _person_from_form(self, p: Person) -> Person:
        lang = self.person_lang.code()
        names = dict(p.names)
        local = self.person_local.text().strip()
        if local:
            names[lang] = local
        else:
            names.pop(lang, None)
        forms = {k: dict(v) for k, v in p.forms.items()}
        if lang == "ru":
            cases = {c: w.text().strip() for c, w in self.case_edits.items() if w.text().strip()}
            if cases:
                forms["ru"] = cases
            else:
                forms.pop("ru", None)
        return dataclasses.replace(p, name=self.person_name.text().strip(),
                                   gender=self.person_gender.currentData(), names=names, forms=forms)

    # -- snapshots -> widgets -------------------------------------------------------------
    def _restore(self, a: Action) -> None:
        self._restoring = True
        try:
            self._state = copy.deepcopy(a)
            blockers = [quiet(w) for w in (self.title, self.ua_number, self.country, self.summary,
                                           self.background, self.notes)]
            self.title.setText(a.title)
            self.ua_number.setText(a.ua_number or "")
            self.country.set_code(a.country)
            self.summary.setPlainText(a.summary or "")
            self.background.setPlainText(a.background or "")
            self.notes.setPlainText(a.notes or "")
            del blockers
            self.issue_date.set_date(a.issue_date)
            self.deadline.set_date(a.deadline)
            self.languages.set_codes(a.languages)
            row = self.person_list.currentRow()
            with quiet(self.person_list):
                self.person_list.clear()
                for p in a.persons:
                    self.person_list.addItem(p.name or _("(new person)"))
                self.person_list.setCurrentRow(min(max(row, 0), len(a.persons) - 1))
            self._show_person()
            codes = set(letter_languages()) | set(a.languages) | set(a.appeals)
            first = self.appeal_lang.count() == 0
            self.appeal_lang.set_codes(codes - {"en"} or {"en"})
            if first:  # start on the first language the action asks for
                wanted = next((c for c in a.languages if c != "en"), None)
                with quiet(self.appeal_lang):
                    self.appeal_lang.setCurrentIndex(max(self.appeal_lang.findData(wanted), 0))
            self._show_appeals()
            self.recipients.set_languages(a.languages)
            self.recipients.set_recipients(a.recipients)
            if first:
                with quiet(self.local_lang):
                    self.local_lang.setCurrentIndex(max(self.local_lang.findData(wanted), 0))
            self._show_local()
        finally:
            self._restoring = False

    def _show_local(self) -> None:
        fields = self._state.localized.get(self.local_lang.code()) or {}
        with quiet(self.local_title), quiet(self.local_summary):
            self.local_title.setText(fields.get("title", ""))
            self.local_summary.setPlainText(fields.get("summary", ""))

    def _show_person(self) -> None:
        row = self.person_list.currentRow()
        persons = self._state.persons
        has = 0 <= row < len(persons)
        self.person_form_box.setEnabled(has)
        self.person_remove.setEnabled(has)
        p = persons[row] if has else Person("")
        lang = self.person_lang.code()
        widgets = [self.person_name, self.person_gender, self.person_local, *self.case_edits.values()]
        blockers = [quiet(w) for w in widgets]
        self.person_name.setText(p.name)
        self.person_gender.setCurrentIndex(max(self.person_gender.findData(p.gender), 0))
        self.person_local.setText(p.names.get(lang, ""))
        for case, w in self.case_edits.items():
            w.setText(p.forms.get(lang, {}).get(case, ""))
            w.setVisible(lang == "ru")
            self.case_labels[case].setVisible(lang == "ru")
        del blockers

    def _show_appeals(self) -> None:
        lang = self.appeal_lang.code()
        a = self._state
        en = list(a.appeals.get("en", []))
        local = list(a.appeals.get(lang, [])) if lang != "en" else []
        t = self.appeal_table
        with quiet(t):
            t.setColumnCount(1 if lang == "en" else 2)
            headers = [i18n_qt.language_name("en")] + ([i18n_qt.language_name(lang)] if lang != "en" else [])
            t.setHorizontalHeaderLabels(headers)
            t.setRowCount(max(len(en), len(local)))
            for r in range(t.rowCount()):
                for c, points in enumerate([en, local][:t.columnCount()]):
                    t.setItem(r, c, QTableWidgetItem(points[r] if r < len(points) else ""))
            t.resizeRowsToContents()

    # -- list buttons ---------------------------------------------------------------------
    def _add_person(self) -> None:
        a = self._collect()
        a.persons.append(Person(""))
        self._push_state(a, "persons.add", row=len(a.persons) - 1)
        self.person_name.setFocus()

    def _remove_person(self) -> None:
        a = self._collect()
        row = self.person_list.currentRow()
        if 0 <= row < len(a.persons):
            del a.persons[row]
            self._push_state(a, "persons.remove", row=row)

    def _add_point(self) -> None:
        t = self.appeal_table
        with quiet(t):
            t.setRowCount(t.rowCount() + 1)
            for c in range(t.columnCount()):
                t.setItem(t.rowCount() - 1, c, QTableWidgetItem(""))
        t.setCurrentCell(t.rowCount() - 1, t.columnCount() - 1)
        t.editItem(t.currentItem())

    def _remove_point(self) -> None:
        row = self.appeal_table.currentRow()
        if row < 0:
            return
        a = self._collect()
        lang = self.appeal_lang.code()
        for code in {"en", lang}:
            points = a.appeals.get(code, [])
            if row < len(points):
                del points[row]
                self._set_points(a, code, points)
        self._push_state(a, "appeals.remove")

    def _push_state(self, after: Action, key: str, row: int | None = None) -> None:
        before = self._state
        if row is not None:
            with quiet(self.person_list):
                self.person_list.clear()
                for p in after.persons:
                    self.person_list.addItem(p.name or _("(new person)"))
                self.person_list.setCurrentRow(min(row, len(after.persons) - 1))
        self._restore(after)
        cmd = _Snapshot(self, before, copy.deepcopy(after), key)
        self.undo_stack.push(cmd)

    # -- result ---------------------------------------------------------------------------
    def action(self) -> Action:
        """The action as edited; new recipients get ids from their labels."""
        a = self._collect()
        a.recipients = name_new_ids(a.recipients, self._original_ids)
        a.persons = [p for p in a.persons if p.name.strip()]
        return a

    def accept(self) -> None:
        a = self._collect()
        problem = None
        if not a.title:
            problem, field = _("The action needs a title."), self.title
        elif any(not (r.title or r.name or r.organization) for r in a.recipients):
            problem, field = _("Each recipient needs a title, name or organisation."), self.recipients.title
        if problem:
            self.error.setText(problem)
            self.error.show()
            field.setFocus()
            return
        super().accept()

    def show_appeals_in(self, language: str) -> None:
        """Show the appeal points in ``language`` beside the English ones (added to the choice
        when the action has none in it yet)."""
        if self.appeal_lang.findData(language) < 0:
            self.appeal_lang.set_codes({self.appeal_lang.itemData(i) for i in range(self.appeal_lang.count())}
                                       | {language})
        self.appeal_lang.setCurrentIndex(max(self.appeal_lang.findData(language), 0))

    def open_tab(self, name: str) -> None:
        """Show one tab: "general", "texts", "people", "appeals" or "recipients"."""
        order = ["general", "texts", "people", "appeals", "recipients"]
        self.tabs.setCurrentIndex(order.index(name))
