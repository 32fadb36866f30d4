"""ImportReviewDialog (objectName ``importReview``): check an imported action before it is saved.

Shows the recognised fields as editable widgets — country and letter languages by name in the
UI language, the recipients in a ``RecipientEditor`` (fax, e-mail, salutation, copy flag and
their names in other languages) — and "Edit all fields…" opens the full ``ActionEditorDialog``
(people's cases, background, appeal points per language) on what the review shows, then shows
its result. Fields the importer was unsure about (confidence below ``LOW_CONFIDENCE``) are marked
with ⚠, a tooltip quoting the source line, and the dynamic property ``lowConfidence`` (tests and
styles can find them). Lines nothing was recognised in and the importer's warnings are listed,
never silently dropped. ``action()`` returns exactly what the dialog shows; the caller saves it.

What an import brings beyond the text is shown for what it is: appeal points per language (a
German UA's points are under "de"; the language selector ``reviewAppealLanguage`` shows each
language's points and every language is kept on saving); the people's and recipients' Russian
forms the importer suggested (``reviewPersonsRu``, the recipient editor's Russian fields),
marked "suggested — check"; recipient details filled from the address book, marked "from your
address book"; and, when the UA is another language's version of a stored action (``target``),
the choice (``reviewTranslation``) to add it to that action as a translation (the default) or
to import it as a separate action.
Must not import the store or the main window.
"""

from __future__ import annotations

import dataclasses

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton, QScrollArea, QVBoxLayout, QWidget)

from ua_writer.core import packs
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action, Person
from ua_writer.services import importing
from ua_writer.ui import i18n_qt, prompts
from ua_writer.ui.widgets.edit_fields import (CountryCombo, LanguageChecklist, LanguageCombo,
                                              OptionalDate, fitting_size, quiet)
from ua_writer.ui.widgets.recipient_editor import RecipientEditor, name_new_ids

LOW_CONFIDENCE = 0.6


#: the recipient editor's field key for a recipient field path's attribute
_RECIPIENT_KEYS = {"address_lines": "address"}


def _top_key(path: str) -> str:
    return path.split("[", 1)[0].split(".", 1)[0]


def _recipient_path(path: str) -> tuple[int, str] | None:
    """"recipients[2].fax" -> (2, "fax"); "recipients[0].localized.ru.title" -> (0, "local.ru.title")."""
    m = re.match(r"recipients\[(\d+)\]\.(.+)$", path)
    if not m:
        return None
    attr = m[2]
    if attr.startswith("localized."):
        return int(m[1]), "local." + attr[len("localized."):]
    return int(m[1]), _RECIPIENT_KEYS.get(attr, attr)


class ImportReviewDialog(QDialog):
    def __init__(self, action: Action, *, fields: dict | None = None, unrecognised: list | None = None,
                 warnings: list[str] | None = None, source: str = "", exists: bool = False,
                 from_address_book: list[str] | None = None, suggested: list[str] | None = None,
                 target: Action | None = None, language: str | None = None, separate_id: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importReview")
        self.setWindowTitle(_("Review the imported action"))
        self._action = action
        self.exists = exists
        #: the stored action this UA may be added to as a translation, and the UA's language
        self.target = target
        self.language = language or next(iter(action.appeals), "en")
        self.separate_id = separate_id or action.id
        fields = fields or {}
        book = set(from_address_book or ())
        machine = set(suggested or ())
        low: dict[str, list[str]] = {}
        #: recipient index -> {editor field key: note}
        recipient_notes: dict[int, dict[str, str]] = {}
        for path, info in fields.items():
            conf = getattr(info, "confidence", info)
            src = getattr(info, "source_text", "") or ""
            if path in book:
                hint = src or _("from your address book")
            elif path in machine:
                hint = _("suggested — check: {form}").format(form=src) if src else _("suggested — check")
            elif conf is not None and conf < LOW_CONFIDENCE:
                line = getattr(info, "source_line", None)
                hint = _("Recognised with low confidence ({percent} %).").format(percent=round(conf * 100))
                if src:
                    hint += "\n" + _("Line {line}: {text}").format(line=line or "?", text=src)
            else:
                continue
            if path in machine and path.startswith("persons["):
                continue  # marked on the Russian names beside the people (reviewPersonsRu)
            low.setdefault(_top_key(path), []).append(hint)
            where = _recipient_path(path)
            if where is not None and (path in book or path in machine):
                recipient_notes.setdefault(where[0], {})[where[1]] = hint
        self.low_fields = low
        self._from_address_book = sorted(book)
        self._suggested = sorted(machine)

        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.id = QLineEdit(action.id, objectName="reviewId")
        self.title = QLineEdit(action.title, objectName="reviewTitle")
        self.country = CountryCombo(object_name="reviewCountry")
        self.country.set_code(action.country)
        self.issue_date = OptionalDate(_("Issued on"), object_name="reviewIssueDate")
        self.issue_date.set_date(action.issue_date)
        self.deadline = OptionalDate(_("Send by"), object_name="reviewDeadline")
        self.deadline.set_date(action.deadline)
        self.languages = LanguageChecklist(object_name="reviewLanguages")
        self.languages.set_codes(action.languages)
        self.languages.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.persons = QPlainTextEdit("\n".join(p.name for p in action.persons),
                                      objectName="reviewPersons")
        # the people's names in Russian, line by line beside theirs (suggested forms to check)
        self.persons_ru = QPlainTextEdit("\n".join(p.names.get("ru", "") for p in action.persons),
                                         objectName="reviewPersonsRu")
        self.persons_ru_label = QLabel()
        self.persons_ru_label.setWordWrap(True)
        self.persons_label = QLabel(_("As in the UA:"))
        persons_box = QWidget()
        pl = QGridLayout(persons_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.persons_label, 0, 0)
        pl.addWidget(self.persons_ru_label, 0, 1)
        pl.addWidget(self.persons, 1, 0)
        pl.addWidget(self.persons_ru, 1, 1)
        pl.setColumnStretch(0, 1)
        pl.setColumnStretch(1, 1)
        self._persons_ru_shown = (any(p.names.get("ru") for p in action.persons)
                                  or any(p.startswith("persons[") for p in machine))
        for w in (self.persons_label, self.persons_ru_label, self.persons_ru):
            w.setVisible(self._persons_ru_shown)
        ru_hints = [getattr(fields.get(path), "source_text", "") or path
                    for path in sorted(machine) if path.startswith("persons[")]
        if ru_hints:
            self.persons_ru_label.setText("⚠ " + _("In Russian — suggested, check:"))
            self.persons_ru.setToolTip("\n".join(ru_hints))
            self.persons_ru.setProperty("reviewNote", _("suggested — check"))
        else:
            self.persons_ru_label.setText(_("In Russian:"))
        self.summary = QPlainTextEdit(action.summary or "", objectName="reviewSummary")
        # appeal points per language: the selector shows one language's points at a time
        self._points = {lang: list(points) for lang, points in action.appeals.items()}
        self.appeal_language = LanguageCombo(set(self._points) | {self.language},
                                             object_name="reviewAppealLanguage")
        first = (self.language if self._points.get(self.language) or not self._points
                 else next(iter(self._points)))
        self.appeal_language.setCurrentIndex(max(self.appeal_language.findData(first), 0))
        self.appeal_lang = self.appeal_language.code()
        self.appeals = QPlainTextEdit("\n".join(self._points.get(self.appeal_lang, [])),
                                      objectName="reviewAppeals")
        self.appeal_language.currentIndexChanged.connect(lambda _i: self._switch_appeal_language())
        self.appeal_counts = QLabel(objectName="reviewAppealCounts")
        appeals_box = QWidget()
        al = QVBoxLayout(appeals_box)
        al.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.appeal_language)
        row.addWidget(self.appeal_counts, 1)
        al.addLayout(row)
        al.addWidget(self.appeals)
        self.recipients = RecipientEditor()
        self.recipients.set_languages(action.languages)
        self.recipients.set_recipients(action.recipients, 0)
        self.recipients.set_notes({action.recipients[k].id: n for k, n in recipient_notes.items()
                                   if k < len(action.recipients)})
        if any("ru" in r.localized for r in action.recipients):
            self.recipients.show_language("ru")  # the suggested Russian forms, to check
        self.edit_all = QPushButton(_("Ed&it all fields…"), objectName="reviewEditAll")
        self.edit_all.setToolTip(_("People's names in other languages, background, appeal points "
                                   "per language"))
        self.edit_all.clicked.connect(self.edit_all_fields)
        self.notes = QPlainTextEdit(action.notes or "", objectName="reviewNotes")
        for w in (self.persons, self.persons_ru, self.appeals, self.notes):
            w.setTabChangesFocus(True)
            w.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        for w in (self.persons, self.persons_ru):  # line n of one is line n of the other
            w.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)

        form_widget = QWidget()
        form = QFormLayout(form_widget)
        rows = [
            ("id", _("Id:"), self.id), ("title", _("Title:"), self.title),
            ("country", _("Country:"), self.country), ("issue_date", _("Issued:"), self.issue_date),
            ("deadline", _("Deadline:"), self.deadline), ("languages", _("Letter languages:"), self.languages),
            ("persons", _("People:"), persons_box), ("summary", _("Summary:"), self.summary),
            ("appeals", _("Appeal points:"), appeals_box),
            ("recipients", _("Recipients:"), self.recipients), ("notes", _("Notes:"), self.notes),
        ]
        self._rows: dict[str, QWidget] = {}
        for key, label, widget in rows:
            if key == "persons":  # the mark goes on the names, not on the Russian column
                boxed = self._mark(key, self.persons)
                if boxed is not self.persons:
                    pl.addWidget(boxed, 1, 0)
                marked = persons_box
            elif key == "appeals":
                boxed = self._mark(key, self.appeals)
                if boxed is not self.appeals:
                    al.addWidget(boxed)
                marked = appeals_box
            else:
                marked = self._mark(key, widget)
            form.addRow(label, marked)
            self._rows[key] = marked
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        # another language's version of a stored action: add it there, or keep it apart
        self.translation_box = QGroupBox(objectName="reviewTranslation")
        self.as_translation_button = QRadioButton(objectName="reviewAsTranslation")
        self.separate_button = QRadioButton(objectName="reviewSeparate")
        self.translation_note = QLabel(objectName="reviewTranslationNote")
        self.translation_note.setWordWrap(True)
        tl = QVBoxLayout(self.translation_box)
        tl.addWidget(self.as_translation_button)
        tl.addWidget(self.translation_note)
        tl.addWidget(self.separate_button)
        if target is not None:
            name = i18n_qt.language_name(self.language)
            self.translation_box.setTitle(_("This UA matches an action you have"))
            self.as_translation_button.setText(
                _("Add as a translation of «{title}»").format(title=target.title))
            note = _("Its {language} appeal points, title and summary are added to that action, so "
                     "letters in {language} use them; nothing else of that action changes.").format(
                         language=name)
            if importing.has_language(target, self.language):
                note += " " + _("That action has {language} text already: what this UA has replaces "
                                "it.").format(language=name)
            self.translation_note.setText(note)
            self.separate_button.setText(_("Import as a separate action"))
            self.as_translation_button.setChecked(True)
            self.as_translation_button.toggled.connect(lambda _on: self._mode_changed())
        self.translation_box.setVisible(target is not None)

        self.unrecognised = QPlainTextEdit(objectName="reviewUnrecognised")
        self.unrecognised.setReadOnly(True)
        lines = [f"{n}: {t}" for n, t in (unrecognised or [])]
        self.unrecognised.setPlainText("\n".join(lines))
        self.unrecognised.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.warnings = QLabel("\n".join("⚠ " + w for w in warnings or []))
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(warnings))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_text = self.save_button.text()  # Qt's own, in the UI language
        buttons.addButton(self.edit_all, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.translation_box)
        lay.addWidget(self.warnings)
        lay.addWidget(scroll, 1)
        if lines:
            lay.addWidget(QLabel(ngettext("{n} line was not recognised:", "{n} lines were not recognised:",
                                          len(lines)).format(n=len(lines))))
            lay.addWidget(self.unrecognised)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._source = source
        self._update_appeal_counts()
        self._mode_changed()
        self.resize(*fitting_size(self, 940, 720))

    # -- another language's version of a stored action --------------------------------------
    def as_translation(self) -> bool:
        """Whether saving adds the UA to ``target`` as a translation (else: an action of its own)."""
        return self.target is not None and self.as_translation_button.isChecked()

    def _mode_changed(self) -> None:
        translation = self.as_translation()
        # what a translation does not take from the UA: shown, but not to be edited for nothing
        for key in ("id", "country", "issue_date", "deadline", "languages", "persons", "recipients", "notes"):
            self._rows[key].setEnabled(not translation)
        self.edit_all.setEnabled(not translation)
        if self.target is not None and not translation and self.id.text().strip() == self.target.id:
            self.id.setText(self.separate_id)  # its own action: an id of its own
        self.save_button.setText(_("Add translation") if translation else self._save_text)
        self._update_intro()

    def _update_intro(self) -> None:
        n_low = len(self.low_fields)
        intro = _("Check what was recognised in {source} before saving it.").format(
            source=self._source or _("the file"))
        if n_low:
            intro += " " + ngettext("⚠ marks {n} field to check.", "⚠ marks {n} fields to check.",
                                    n_low).format(n=n_low)
        if self._from_address_book:
            intro += " " + _("Details marked “from your address book” were missing in the UA and "
                             "come from an office you already have.")
        if self._suggested:
            intro += " " + _("Russian forms marked “suggested — check” are machine suggestions.")
        if self.as_translation():
            intro += " " + _("Saving adds it to «{title}» ({id}).").format(title=self.target.title,
                                                                            id=self.target.id)
        elif self.exists and self.id.text().strip() == self._action.id:
            intro += " " + _("An action with this id already exists; saving replaces it.")
        self.intro.setText(intro)

    # -- appeal points per language -----------------------------------------------------------
    def _keep_points(self) -> None:
        """The shown language's points, as edited, into the per-language store."""
        points = [l.strip() for l in self.appeals.toPlainText().splitlines() if l.strip()]
        if points:
            self._points[self.appeal_lang] = points
        else:
            self._points.pop(self.appeal_lang, None)

    def _switch_appeal_language(self) -> None:
        self._keep_points()
        self.appeal_lang = self.appeal_language.code()
        with quiet(self.appeals):
            self.appeals.setPlainText("\n".join(self._points.get(self.appeal_lang, [])))
        self._update_appeal_counts()

    def _update_appeal_counts(self) -> None:
        others = [(lang, len(pts)) for lang, pts in self._points.items() if lang != self.appeal_lang and pts]
        text = ", ".join(ngettext("{language}: {n} point", "{language}: {n} points", n).format(
            language=i18n_qt.language_name(lang), n=n) for lang, n in others)
        self.appeal_counts.setText(_("Also: {languages}").format(languages=text) if text else "")

    def show_appeal_language(self, code: str) -> None:
        """Show the points in ``code`` (added to the selector if the UA has none in it)."""
        if self.appeal_language.findData(code) < 0:
            self.appeal_language.set_codes(set(self._points) | {self.language, self.appeal_lang, code})
        self.appeal_language.setCurrentIndex(self.appeal_language.findData(code))

    def _mark(self, key: str, widget: QWidget) -> QWidget:
        hints = self.low_fields.get(key)
        widget.setProperty("lowConfidence", bool(hints))
        if not hints:
            return widget
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        mark = QLabel("⚠")
        mark.setObjectName(f"lowConfidence_{key}")
        mark.setToolTip("\n".join(hints))
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        widget.setToolTip("\n".join(hints))
        f = widget.font()
        f.setItalic(True)
        widget.setFont(f)
        lay.addWidget(mark)
        lay.addWidget(widget, 1)
        return box

    def low_confidence_widgets(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if w.property("lowConfidence")]

    def action(self) -> Action:
        """The reviewed action (raises ValueError with a translated message if a field is bad)."""
        a = self._action
        names = [l.strip() for l in self.persons.toPlainText().splitlines() if l.strip()]
        ru = self.persons_ru.toPlainText().splitlines()
        persons = []
        for i, name in enumerate(names):
            old = a.persons[i] if i < len(a.persons) else Person(name)
            new = dataclasses.replace(old, name=name) if old.name != name else old
            if self._persons_ru_shown:
                form = ru[i].strip() if i < len(ru) else ""
                if form != new.names.get("ru", ""):
                    new_names = dict(new.names)
                    if form:
                        new_names["ru"] = form
                    else:
                        new_names.pop("ru", None)
                    new = dataclasses.replace(new, names=new_names)
            persons.append(new)
        self._keep_points()
        appeals = {lang: list(pts) for lang, pts in self._points.items() if pts}
        new_id = self.id.text().strip()
        if not packs.ID_RE.match(new_id):
            raise ValueError(_("The id may contain only lowercase letters, digits and hyphens."))
        title = self.title.text().strip()
        if not title:
            raise ValueError(_("The action needs a title."))
        recipients = self.recipients.recipients()
        if any(not (r.title or r.name or r.organization) for r in recipients):
            raise ValueError(_("Each recipient needs a title, name or organisation."))
        return dataclasses.replace(
            a, id=new_id, title=title, country=self.country.code(),
            issue_date=self.issue_date.date(), deadline=self.deadline.date(), languages=self.languages.codes(),
            persons=persons, summary=self.summary.toPlainText().strip() or None, appeals=appeals,
            recipients=name_new_ids(recipients, {r.id for r in a.recipients}), notes=self.notes.toPlainText().strip() or None)

    def edit_all_fields(self) -> bool:
        """Open the action editor on what the review shows; show its result here."""
        from ua_writer.ui.dialogs.action_editor import ActionEditorDialog

        try:
            current = self.action()
        except ValueError as e:
            self._show_error(str(e))
            return False
        editor = ActionEditorDialog(current, self)
        if not prompts.get().run_dialog(editor):
            return False
        self._load(editor.action())
        return True

    def _load(self, a: Action) -> None:
        """Show ``a`` in the review's widgets (after the full editor)."""
        self._action = a
        self.id.setText(a.id)
        self.title.setText(a.title)
        self.country.set_code(a.country)
        self.issue_date.set_date(a.issue_date)
        self.deadline.set_date(a.deadline)
        self.languages.set_codes(a.languages)
        self.persons.setPlainText("\n".join(p.name for p in a.persons))
        self.persons_ru.setPlainText("\n".join(p.names.get("ru", "") for p in a.persons))
        self.summary.setPlainText(a.summary or "")
        self._points = {lang: list(points) for lang, points in a.appeals.items()}
        self.appeal_language.set_codes(set(self._points) | {self.language, self.appeal_lang})
        self.appeal_language.setCurrentIndex(max(self.appeal_language.findData(self.appeal_lang), 0))
        with quiet(self.appeals):
            self.appeals.setPlainText("\n".join(self._points.get(self.appeal_lang, [])))
        self._update_appeal_counts()
        self.recipients.set_languages(a.languages)
        self.recipients.set_recipients(a.recipients)
        self.notes.setPlainText(a.notes or "")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        try:
            self.action()
        except ValueError as e:
            self._show_error(str(e))
            return
        super().accept()
