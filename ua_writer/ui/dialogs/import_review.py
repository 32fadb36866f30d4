"""ImportReviewDialog (objectName ``importReview``): check an imported action before it is saved.

Shows the recognised fields as editable widgets — country and letter languages by name in the
UI language, the recipients in a ``RecipientEditor`` (fax, e-mail, salutation, copy flag and
their names in other languages) — and "Edit all fields…" opens the full ``ActionEditorDialog``
(people's cases, background, appeal points per language) on what the review shows, then shows
its result. Fields the importer was unsure about (confidence below ``LOW_CONFIDENCE``) are marked
with ⚠, a tooltip quoting the source line, and the dynamic property ``lowConfidence`` (tests and
styles can find them). Lines nothing was recognised in and the importer's warnings are listed,
never silently dropped. ``action()`` returns exactly what the dialog shows; the caller saves it.
Must not import the store or the main window.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ua_writer.core import packs
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action, Person
from ua_writer.ui import prompts
from ua_writer.ui.widgets.edit_fields import CountryCombo, LanguageChecklist, fitting_size
from ua_writer.ui.widgets.recipient_editor import RecipientEditor, name_new_ids

LOW_CONFIDENCE = 0.6


def _top_key(path: str) -> str:
    return path.split("[", 1)[0].split(".", 1)[0]


class ImportReviewDialog(QDialog):
    def __init__(self, action: Action, *, fields: dict | None = None, unrecognised: list | None = None,
                 warnings: list[str] | None = None, source: str = "", exists: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importReview")
        self.setWindowTitle(_("Review the imported action"))
        self._action = action
        self.exists = exists
        low: dict[str, list[str]] = {}
        for path, info in (fields or {}).items():
            conf = getattr(info, "confidence", info)
            if conf is not None and conf < LOW_CONFIDENCE:
                src = getattr(info, "source_text", "") or ""
                line = getattr(info, "source_line", None)
                hint = _("Recognised with low confidence ({percent} %).").format(percent=round(conf * 100))
                if src:
                    hint += "\n" + _("Line {line}: {text}").format(line=line or "?", text=src)
                low.setdefault(_top_key(path), []).append(hint)
        self.low_fields = low

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        n_low = len(low)
        intro = _("Check what was recognised in {source} before saving it.").format(source=source or _("the file"))
        if n_low:
            intro += " " + ngettext("⚠ marks {n} field to check.", "⚠ marks {n} fields to check.",
                                    n_low).format(n=n_low)
        if exists:
            intro += " " + _("An action with this id already exists; saving replaces it.")
        self.intro.setText(intro)

        self.id = QLineEdit(action.id, objectName="reviewId")
        self.title = QLineEdit(action.title, objectName="reviewTitle")
        self.country = CountryCombo(object_name="reviewCountry")
        self.country.set_code(action.country)
        self.issue_date = QLineEdit(action.issue_date.isoformat() if action.issue_date else "",
                                    objectName="reviewIssueDate")
        self.deadline = QLineEdit(action.deadline.isoformat() if action.deadline else "",
                                  objectName="reviewDeadline")
        self.deadline.setPlaceholderText(_("YYYY-MM-DD, empty if none"))
        self.languages = LanguageChecklist(object_name="reviewLanguages")
        self.languages.set_codes(action.languages)
        self.languages.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.persons = QPlainTextEdit("\n".join(p.name for p in action.persons), objectName="reviewPersons")
        self.summary = QPlainTextEdit(action.summary or "", objectName="reviewSummary")
        self.appeal_lang = next(iter(action.appeals), "en")
        self.appeals = QPlainTextEdit("\n".join(action.appeals.get(self.appeal_lang, [])),
                                      objectName="reviewAppeals")
        self.recipients = RecipientEditor()
        self.recipients.set_languages(action.languages)
        self.recipients.set_recipients(action.recipients, 0)
        self.edit_all = QPushButton(_("Ed&it all fields…"), objectName="reviewEditAll")
        self.edit_all.setToolTip(_("People's names in other languages, background, appeal points "
                                   "per language"))
        self.edit_all.clicked.connect(self.edit_all_fields)
        self.notes = QPlainTextEdit(action.notes or "", objectName="reviewNotes")
        for w in (self.persons, self.appeals, self.notes):
            w.setTabChangesFocus(True)
            w.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)

        form_widget = QWidget()
        form = QFormLayout(form_widget)
        rows = [
            ("id", _("Id:"), self.id), ("title", _("Title:"), self.title),
            ("country", _("Country:"), self.country), ("issue_date", _("Issued:"), self.issue_date),
            ("deadline", _("Deadline:"), self.deadline), ("languages", _("Letter languages:"), self.languages),
            ("persons", _("People:"), self.persons), ("summary", _("Summary:"), self.summary),
            ("appeals", _("Appeal points ({language}):").format(language=self.appeal_lang), self.appeals),
            ("recipients", _("Recipients:"), self.recipients), ("notes", _("Notes:"), self.notes),
        ]
        for key, label, widget in rows:
            form.addRow(label, self._mark(key, widget))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

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

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.edit_all, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.warnings)
        lay.addWidget(scroll, 1)
        if lines:
            lay.addWidget(QLabel(ngettext("{n} line was not recognised:", "{n} lines were not recognised:",
                                          len(lines)).format(n=len(lines))))
            lay.addWidget(self.unrecognised)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(*fitting_size(self, 940, 720))

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

    def _date(self, edit: QLineEdit, what: str) -> _dt.date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("{what} must be a date like 2011-05-03").format(what=what)) from None

    def action(self) -> Action:
        """The reviewed action (raises ValueError with a translated message if a field is bad)."""
        a = self._action
        names = [l.strip() for l in self.persons.toPlainText().splitlines() if l.strip()]
        persons = []
        for i, name in enumerate(names):
            old = a.persons[i] if i < len(a.persons) else Person(name)
            persons.append(dataclasses.replace(old, name=name) if old.name != name else old)
        appeals = dict(a.appeals)
        points = [l.strip() for l in self.appeals.toPlainText().splitlines() if l.strip()]
        if points:
            appeals[self.appeal_lang] = points
        else:
            appeals.pop(self.appeal_lang, None)
        new_id = self.id.text().strip()
        if not packs.ID_RE.match(new_id):
            raise ValueError(_("The id may contain only lowercase letters, digits and hyphens."))
        recipients = self.recipients.recipients()
        if any(not (r.title or r.name or r.organization) for r in recipients):
            raise ValueError(_("Each recipient needs a title, name or organisation."))
        return dataclasses.replace(
            a, id=new_id, title=self.title.text().strip() or a.title, country=self.country.code(),
            issue_date=self._date(self.issue_date, _("Issued")),
            deadline=self._date(self.deadline, _("Deadline")), languages=self.languages.codes(),
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
        self.issue_date.setText(a.issue_date.isoformat() if a.issue_date else "")
        self.deadline.setText(a.deadline.isoformat() if a.deadline else "")
        self.languages.set_codes(a.languages)
        self.persons.setPlainText("\n".join(p.name for p in a.persons))
        self.summary.setPlainText(a.summary or "")
        self.appeals.setPlainText("\n".join(a.appeals.get(self.appeal_lang, [])))
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
