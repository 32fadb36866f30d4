"""ActionPane: what the selected action asks — title, country, people, deadline, summary,
background (collapsible), appeal points as a checklist, recipients and notes.

The appeal checklist shows which points the letter still mentions (``set_coverage``); recipients
are cards with fax, e-mail, address and note, copy recipients marked, each with an Edit button,
and an "Add a recipient" empty state when there are none. The past-deadline advice appears when
an action's deadline has passed. Texts come from the action in the UI language where the pack
has them. Emits requests (add/edit recipient, edit all recipients, history); never writes to the store itself.
Must not import the store or dialogs.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from ua_writer.core import i18n
from ua_writer.core.i18n import _
from ua_writer.core.model import Action, Recipient
from ua_writer.ui import i18n_qt
from ua_writer.ui.icons import standard_pixmap

if TYPE_CHECKING:  # annotations only: the checker is imported with the first letter
    from ua_writer.core.coverage import PointCoverage


def _label(word_wrap: bool = True, *, data: bool = True, selectable: bool = True) -> QLabel:
    lab = QLabel()
    lab.setWordWrap(word_wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setProperty("dataLabel", data)  # shows action data, not UI text (i18n tests skip it)
    return lab


class Banner(QFrame):
    """A framed one-line message with a standard icon (palette colours only), named by its
    ``QStyle.StandardPixmap`` member ("SP_MessageBoxWarning"). The icon is looked up and
    rendered when the banner is first shown: most banners stay hidden for a whole session, and
    QStyle's Python enums cost ~5 ms to build, which a hidden banner should not add to start-up."""

    def __init__(self, icon: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._standard_icon: str | None = icon
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = _label(data=False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.icon)
        lay.addWidget(self.text, 1)

    def showEvent(self, e) -> None:  # noqa: N802 - Qt's name
        if self._standard_icon is not None:
            self.icon.setPixmap(standard_pixmap(self, self._standard_icon))
            self._standard_icon = None
        super().showEvent(e)


class RecipientCard(QFrame):
    edit_requested = Signal(str)

    def __init__(self, recipient: Recipient, parent: QWidget | None = None):
        super().__init__(parent)
        self.recipient = recipient
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setProperty("dataLabel", True)
        self.edit = QToolButton()
        self.edit.clicked.connect(lambda: self.edit_requested.emit(self.recipient.id))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.addWidget(self.info, 1)
        lay.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        from html import escape as e  # not on the start-up path: cards come with an action

        r = self.recipient
        lang = i18n.current_language()
        loc = r.local(lang)
        head = e(r.label())
        if loc.title or loc.name or loc.organization:
            local = " — ".join(p for p in (loc.title or loc.organization, loc.name) if p)
            if local and local != r.label():
                head += f"<br><span>{e(local)}</span>"
        tags = []
        if r.is_copy:
            tags.append(_("copy"))
        if r.copies_only:
            tags.append(_("copies only"))
        lines = [f"<b>{head}</b>" + (f" &nbsp;<i>[{e(', '.join(tags))}]</i>" if tags else "")]
        contact = []
        for f in r.fax:
            contact.append(_("Fax: {number}").format(number=e(f)))
        for m in r.email:
            contact.append(_("E-mail: {address}").format(address=e(m)))
        if contact:
            lines.append(" · ".join(contact))
        addr = list(r.address_lines)
        if r.country:
            addr.append(i18n_qt.country_name(r.country))
        if addr:
            lines.append(e(", ".join(addr)))
        note = r.note_in(i18n.current_language())
        if note:
            lines.append(f"⚠ <i>{e(note)}</i>")
        self.info.setText("<br>".join(lines))
        self.edit.setText(_("Edit…"))
        self.edit.setToolTip(_("Edit this recipient"))


class ActionPane(QScrollArea):
    add_recipient_requested = Signal()
    edit_recipient_requested = Signal(str)
    edit_recipients_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actionPane")
        # no keyboard stop of its own (its focus does not show); Tab reaches what is inside it
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.action: Action | None = None
        self.today = _dt.date.today()
        self.letter_language = "en"
        self._coverage: list[PointCoverage] | None = None

        body = QWidget()
        self.setWidget(body)
        self.title = _label()
        f = QFont(self.title.font())
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.meta = _label()
        self.deadline = _label()
        self.past_banner = Banner("SP_MessageBoxWarning")
        self.notes_banner = Banner("SP_MessageBoxInformation")
        self.notes_banner.text.setProperty("dataLabel", True)
        self.summary = _label()
        self.background_toggle = QToolButton(checkable=True)
        self.background_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.background_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.background_toggle.setAutoRaise(True)
        self.background_toggle.toggled.connect(self._toggle_background)
        self.background = _label()
        self.background.hide()
        self.appeals_heading = _label(data=False, selectable=False)
        self.appeals_heading.setFont(self._bold())
        self.appeals_box = QVBoxLayout()
        self.appeals_box.setSpacing(2)
        self.recipients_heading = _label(data=False, selectable=False)
        self.recipients_heading.setFont(self._bold())
        self.recipients_box = QVBoxLayout()
        self.recipients_box.setSpacing(4)
        self.empty_recipients = _label(data=False)
        self.add_recipient = QPushButton(objectName="addRecipientButton")
        self.add_recipient.clicked.connect(self.add_recipient_requested)
        self.edit_recipients = QPushButton(objectName="editRecipientsButton")
        self.edit_recipients.clicked.connect(self.edit_recipients_requested)
        self.history_button = QPushButton(objectName="historyButton")
        self.history_button.clicked.connect(self.history_requested)
        self.placeholder = _label(data=False)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.deadline, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_recipient)
        buttons.addWidget(self.edit_recipients)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        self.content = QWidget()
        lay = QVBoxLayout(self.content)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.meta)
        lay.addWidget(self.past_banner)
        lay.addWidget(self.notes_banner)
        lay.addWidget(self.summary)
        lay.addWidget(self.background_toggle)
        lay.addWidget(self.background)
        lay.addWidget(self.appeals_heading)
        lay.addLayout(self.appeals_box)
        lay.addWidget(self.recipients_heading)
        lay.addWidget(self.empty_recipients)
        lay.addLayout(self.recipients_box)
        lay.addLayout(buttons)
        lay.addStretch(1)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.addWidget(self.placeholder)
        outer.addWidget(self.content)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # no action yet: the placeholder only (the banners show when an action needs them)
        self.content.hide()
        self.past_banner.hide()
        self.notes_banner.hide()
        self.retranslate_ui()

    def _bold(self) -> QFont:
        f = QFont(self.font())
        f.setBold(True)
        return f

    # -- content --------------------------------------------------------------------------------
    def set_action(self, action: Action | None, today: _dt.date) -> None:
        """Show ``action``; another action starts at its title (the scroll position is the
        last action's), the same one shown again keeps where the user was."""
        another = (action.id if action else None) != (self.action.id if self.action else None)
        self.action = action
        self.today = today
        self._coverage = None
        self._refresh()
        if another:
            self.verticalScrollBar().setValue(0)
            self.horizontalScrollBar().setValue(0)

    def set_letter_language(self, language: str) -> None:
        if language != self.letter_language:
            self.letter_language = language
            self._coverage = None
            self._refresh_appeals()

    def appeal_points(self) -> list[str]:
        """The appeal points in the letter's language (else the UI's, English, the first)."""
        a = self.action
        if a is None or not a.appeals:
            return []
        for lang in (self.letter_language, i18n.current_language(), "en"):
            if a.appeals.get(lang):
                return list(a.appeals[lang])
        return list(next(iter(a.appeals.values())))

    def set_coverage(self, coverage: list[PointCoverage] | None) -> None:
        self._coverage = coverage
        self._refresh_appeals()

    def _local(self, key: str) -> str | None:
        a = self.action
        return (a.localized.get(i18n.current_language()) or {}).get(key) or getattr(a, key)

    def _refresh(self) -> None:
        a = self.action
        self.placeholder.setVisible(a is None)
        self.content.setVisible(a is not None)
        if a is None:
            return
        self.title.setText(self._local("title") or a.title)
        bits = []
        if a.country:
            bits.append(i18n_qt.country_name(a.country))
        people = []
        for p in a.persons:
            people.append(p.name_in(i18n.current_language()))
        if people:
            bits.append(", ".join(people))
        if a.ua_number:
            bits.append(_("UA {number}").format(number=a.ua_number))
        self.meta.setText(" · ".join(bits))
        days = a.days_left(self.today)
        if a.deadline:
            self.deadline.setText(f"{i18n_qt.date_text(a.deadline)}\n{i18n_qt.days_left_sentence(days)}")
        else:
            self.deadline.setText(i18n_qt.days_left_sentence(None))
        self.deadline.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.past_banner.setVisible(days is not None and days < 0)
        notes = self._local("notes")
        self.notes_banner.text.setText(notes or "")
        self.notes_banner.setVisible(bool(notes))
        summary = self._local("summary")
        self.summary.setText(summary or "")
        self.summary.setVisible(bool(summary))
        background = self._local("background")
        self.background.setText(background or "")
        self.background_toggle.setVisible(bool(background))
        self._toggle_background(self.background_toggle.isChecked())
        self._refresh_appeals()
        self._refresh_recipients()

    def _toggle_background(self, on: bool) -> None:
        self.background_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.background.setVisible(on and bool(self.background.text()))

    def _clear(self, box: QVBoxLayout) -> None:
        while box.count():
            item = box.takeAt(0)
            w = item.widget()
            if w is not None:
                w.hide()             # gone now, not only after the next event-loop turn
                w.setParent(None)
                w.deleteLater()

    def _refresh_appeals(self) -> None:
        self._clear(self.appeals_box)
        points = self.appeal_points()
        self.appeals_heading.setVisible(bool(points))
        cov = self._coverage if self._coverage and len(self._coverage) == len(points) else None
        for i, point in enumerate(points):
            mark = "☐" if cov is not None and not cov[i].mentioned else "☑"
            lab = _label()
            lab.setText(f"{mark} {point}")
            if cov is not None and not cov[i].mentioned:
                lab.setToolTip(_("The letter no longer mentions this point"))
            self.appeals_box.addWidget(lab)

    def _refresh_recipients(self) -> None:
        self._clear(self.recipients_box)
        a = self.action
        recipients = sorted(a.recipients, key=lambda r: r.is_copy) if a else []
        for r in recipients:
            card = RecipientCard(r)
            card.edit_requested.connect(self.edit_recipient_requested)
            self.recipients_box.addWidget(card)
        self.empty_recipients.setVisible(not recipients)

    def focus_chain(self) -> list[QWidget]:
        """The pane's keyboard stops in reading order: the background toggle, each recipient's
        Edit…, then Add a recipient, Edit recipients, History (the window chains them)."""
        cards = [self.recipients_box.itemAt(i).widget() for i in range(self.recipients_box.count())]
        return ([self.background_toggle] + [c.edit for c in cards if isinstance(c, RecipientCard)]
                + [self.add_recipient, self.edit_recipients, self.history_button])

    def set_list_empty(self, empty: bool) -> None:
        """The placeholder agrees with the list: nothing to choose when it is empty."""
        self._list_empty = empty
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if getattr(self, "_list_empty", False):
            self.placeholder.setText(_("No action to choose here: the list on the left shows where "
                                       "to find one, or import a UA."))
        else:
            self.placeholder.setText(_("Choose an action from the list."))
        self.past_banner.text.setText(_(
            "The deadline for this action has passed. Amnesty International advises checking with "
            "your section office before sending letters for it."))
        self.background_toggle.setText(_("Background"))
        self.background_toggle.setToolTip(_("Show or hide the background of the case"))
        self.appeals_heading.setText(_("Appeal points (☑ mentioned in your letter):"))
        self.recipients_heading.setText(_("Recipients"))
        self.empty_recipients.setText(_(
            "No recipients yet. Add a recipient, for example the embassy of the country in yours."))
        self.add_recipient.setText(_("Add a recipient…"))
        self.add_recipient.setToolTip(_("Add a recipient from your address book or a new one"))
        self.edit_recipients.setText(_("Edit recipients…"))
        self.edit_recipients.setToolTip(_("Edit, remove or reorder the recipients, their names in "
                                          "other languages included"))
        self.history_button.setText(_("History…"))
        self.history_button.setToolTip(_("Letters sent and drafts for this action"))
        if self.action is not None:
            self._refresh()
