"""Group pack dialogs: choose what to export (``groupPackExport``) and review an import plan
before anything is written (``groupPackImport``). They return choices; the caller
(ui/grouppacks.py) reads and writes through core uapack. Must not import the store or the main
window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat,
                           QTextOption)
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget)

from ua_writer.core.i18n import _, ngettext


class GroupPackExportDialog(QDialog):
    """A checkable list of actions and "Include my letter templates"."""

    def __init__(self, rows: list[tuple[str, str, bool]], *, templates_available: bool,
                 parent: QWidget | None = None):
        """``rows``: (action id, title, pre-checked)."""
        super().__init__(parent)
        self.setObjectName("groupPackExport")
        self.setWindowTitle(_("Export group pack"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Actions to put in the pack:")))
        self.list = QListWidget(objectName="groupPackActions")
        for aid, title, checked in rows:
            item = QListWidgetItem(_("{title} ({id})").format(title=title, id=aid))
            item.setData(Qt.ItemDataRole.UserRole, aid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        self.include_templates = QCheckBox(_("Include my letter templates"),
                                           objectName="groupPackTemplates")
        self.include_templates.setChecked(templates_available)
        layout.addWidget(self.include_templates)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(self._update_ok)
        self._update_ok()

    def set_checked(self, action_ids) -> None:
        """Check exactly ``action_ids`` (tests, and a caller that knows better)."""
        wanted = set(action_ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update_ok(self, *args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.checked_ids()))


def describe_item(item) -> str:
    """One translated line for a uapack PlanItem."""
    if item.kind == "action":
        what = _("Action {id}: {title}").format(id=item.name, title=item.title) if item.title \
            else _("Action {id}").format(id=item.name)
    else:
        what = _("Template {path}").format(path=item.name)
    if item.status == "new":
        if item.kind == "template":  # it rewrites every letter in its language: say so
            return _("New: {what} — would change your letters (see the changes below)").format(
                what=what)
        return _("New: {what}").format(what=what)
    if item.status == "changed":
        if item.changes:
            return _("Changed: {what} (differs in {fields}) — would overwrite yours").format(
                what=what, fields=", ".join(item.change_labels()))
        return _("Changed: {what} — would overwrite yours").format(what=what)
    return _("Already here: {what}").format(what=what)


def consent_text(plan) -> str:
    """The consent tick box's words for what it covers: new letter templates it would install,
    changed items it would overwrite, or both."""
    n_templates = sum(1 for i in plan.needs_consent if i.kind == "template" and i.status == "new")
    n_changed = len(plan.needs_consent) - n_templates
    install = ngettext("Install {n} new letter template", "Install {n} new letter templates",
                       n_templates).format(n=n_templates)
    overwrite = ngettext("Overwrite my version of {n} changed item",
                         "Overwrite my versions of {n} changed items", n_changed).format(n=n_changed)
    if n_templates and n_changed:
        return _("{install} and {overwrite} (the changes are shown above)").format(
            install=install, overwrite=overwrite[:1].lower() + overwrite[1:])
    if n_templates:
        return _("{install} (the changes are shown above)").format(install=install)
    return overwrite


class _DiffHighlighter(QSyntaxHighlighter):
    """Tints a unified diff: added lines green, removed lines red (readable on light and dark
    themes: a translucent background, the palette's text colour)."""

    def __init__(self, document):
        super().__init__(document)
        self.added, self.removed, self.header = (QTextCharFormat() for _i in range(3))
        self.added.setBackground(QColor(0, 170, 0, 55))
        self.removed.setBackground(QColor(220, 0, 0, 55))
        self.header.setFontWeight(700)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if text.startswith(("+++", "---")):
            self.setFormat(0, len(text), self.header)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self.added)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self.removed)


class GroupPackImportDialog(QDialog):
    """The plan of an import: what is new, what changed (and in which fields), what is already
    here, and the unified diff of everything that needs consent (a changed action, a new or
    changed letter template: the same lines ``pack-import`` prints, ``plan.consent_diff()``).
    Those are only applied when the consent box is ticked; while nothing else could be imported,
    Import stays disabled until it is."""

    def __init__(self, plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("groupPackImport")
        self.setWindowTitle(_("Import group pack"))
        self.plan = plan
        layout = QVBoxLayout(self)
        n_new, n_changed = len(plan.new), len(plan.changed)
        summary = (ngettext("{n} new item", "{n} new items", n_new).format(n=n_new) + ", "
                   + ngettext("{n} changed item", "{n} changed items", n_changed).format(n=n_changed))
        self.summary = QLabel(_("{file}: {summary}").format(file=plan.source.name, summary=summary),
                              objectName="groupPackSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.items = QListWidget(objectName="groupPackPlan")
        order = {"new": 0, "changed": 1, "unchanged": 2}
        for item in sorted(plan.items, key=lambda i: order.get(i.status, 3)):
            row = QListWidgetItem(describe_item(item))
            row.setData(Qt.ItemDataRole.UserRole, (item.status, item.kind, item.name))
            self.items.addItem(row)
        layout.addWidget(self.items, 1)
        # consent covers changed items and new letter templates (issue #16 item 4): the user
        # sees the diff first; unchecked, neither is applied (ui/grouppacks.py applies
        # plan.without_consent())
        n_consent = len(plan.needs_consent)
        self.diff_label = QLabel(_("Changes to review (“-” what your letters use now, “+” what "
                                   "the pack would put instead):"), objectName="groupPackDiffLabel")
        self.diff_label.setWordWrap(True)
        self.diff = QPlainTextEdit(objectName="groupPackDiff")
        self.diff.setReadOnly(True)
        self.diff.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setPlainText("\n".join(plan.consent_diff()).strip("\n"))
        self.diff.setAccessibleName(_("Changes to review"))
        self._highlighter = _DiffHighlighter(self.diff.document())
        metrics = self.diff.fontMetrics()
        self.diff.setMinimumSize(metrics.horizontalAdvance("x") * 72, metrics.lineSpacing() * 12)
        for widget in (self.diff_label, self.diff):
            widget.setVisible(bool(n_consent))
        layout.addWidget(self.diff_label)
        layout.addWidget(self.diff, 3)
        self.overwrite = QCheckBox(consent_text(plan), objectName="groupPackOverwrite")
        self.overwrite.setVisible(bool(n_consent))
        layout.addWidget(self.overwrite)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # with nothing that could be imported without consent, Import means the ticked box
        self._only_consent = bool(n_consent) and not plan.without_consent().has_work
        self.overwrite.toggled.connect(self._update_import)
        self._update_import()

    def _update_import(self, *args) -> None:
        self.import_button.setEnabled(not self._only_consent or self.overwrite.isChecked())

    def accept(self) -> None:
        if self.import_button.isEnabled():  # Enter must not get round a disabled Import
            super().accept()

    def lines(self) -> list[str]:
        return [self.items.item(i).text() for i in range(self.items.count())]

    def diff_text(self) -> str:
        return self.diff.toPlainText()

    def overwrite_changed(self) -> bool:
        return bool(self.plan.needs_consent) and self.overwrite.isChecked()
