"""The extras in the desktop app: reminder banner, envelope/labels buttons, E-mail… (pytest-qt)."""

from __future__ import annotations

import email
import email.policy
import shutil
import subprocess

import pytest
from PySide6.QtWidgets import QApplication

from ua_writer.core import mail, reminders

from .conftest import select

DUE_DAY = ("--today", "2011-04-28")  # juraev-2011's deadline is 5 days away


def pdftext(path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_buttons_sit_after_print(window):
    lp = window.letter_panel
    ctl = window.extras
    bar = next(lay for lay in [lp.layout().itemAt(i).layout() for i in range(lp.layout().count())]
               if lay is not None and lay.indexOf(lp.print_button) >= 0)
    i = bar.indexOf(lp.print_button)
    assert [bar.itemAt(i + k).widget() for k in (1, 2, 3)] == \
        [ctl.envelope_button, ctl.labels_button, ctl.email_button]
    assert ctl.envelope_button.text() == "Envelope" and ctl.email_button.text() == "E-mail…"


def test_no_banner_when_nothing_is_due(window):
    assert window.extras.banner.isHidden()


def test_banner_snooze_done_and_open(build_app, qtbot):
    window = build_app(*DUE_DAY)
    banner = window.extras.banner
    assert not banner.isHidden()
    assert banner.text.text() == ("Deadline in 5 days: Russia extradites Tajikistani asylum seeker "
                                  "— no letter sent yet.")
    select(window, "kasymakhunov-2012")
    banner.open_button.click()
    assert window.action.id == "juraev-2011"
    banner.snooze_button.click()
    assert banner.isHidden()
    state = window.store.get_setting(reminders.SETTINGS_KEY)
    assert state["snoozed"] == {"juraev-2011": "2011-04-29"}
    reminders.restore(window.store, "juraev-2011", window.today)
    banner.refresh()
    assert not banner.isHidden()
    banner.done_button.click()
    assert banner.isHidden()
    assert reminders.due(window.store, window.today) == []


def test_envelope_and_labels_through_the_menus(window, fake_prompts, tmp_path):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    ctl = window.extras
    fake_prompts.save_path = str(tmp_path / "env.pdf")
    ctl.envelope_actions["c5"].trigger()
    text = pdftext(tmp_path / "env.pdf")
    assert "Ю. Я. Чайке" in text and "125993" in text
    fake_prompts.save_path = str(tmp_path / "labels.pdf")
    ctl.labels_all.trigger()
    text = pdftext(tmp_path / "labels.pdf")
    assert "Генеральному прокурору" in text and "Московский городской суд" in text
    fake_prompts.save_path = str(tmp_path / "cal.pdf")
    ctl.labels_calibration.trigger()
    assert (tmp_path / "cal.pdf").stat().st_size > 1000
    assert ("error", ) not in [c[:1] for c in fake_prompts.calls]


def test_email_button_only_for_recipients_with_email(window):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    assert not window.extras.email_button.isEnabled()
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    assert window.extras.email_button.isEnabled()


def test_short_letter_opens_a_full_mailto_link(window, fake_prompts, monkeypatch):
    select(window, "kasymakhunov-2012", "en", "prosecutor-general")
    opened = []
    monkeypatch.setattr(window.extras, "open_url", opened.append)
    monkeypatch.setattr(mail, "MAILTO_SAFE_LENGTH", 100_000)
    fake_prompts.answer = False                       # "Sent?" -> not yet
    assert window.extras.email() == "mailto"
    assert len(opened) == 1 and opened[0].startswith("mailto:prgenproc@gov.ru?cc=nikibor@vsrf.ru&")
    assert "body=" in opened[0]
    assert window.store.sent("kasymakhunov-2012") == []


def test_long_letter_goes_to_the_clipboard(window, fake_prompts, monkeypatch):
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    opened = []
    monkeypatch.setattr(window.extras, "open_url", opened.append)
    fake_prompts.answer = False                       # paste from clipboard; not sent yet
    assert window.extras.email() == "clipboard"
    assert "body=" not in opened[0] and "subject=" in opened[0]
    assert QApplication.clipboard().text() == window.letter_panel.edited_letter().to_text()
    assert ("info", "Paste the letter") in [c[:2] for c in fake_prompts.calls]


def test_long_letter_as_eml_and_recorded_as_sent(window, fake_prompts, tmp_path):
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    fake_prompts.answer = True                        # save a draft file; yes, record it
    fake_prompts.save_path = str(tmp_path / "draft.eml")
    assert window.extras.email() == "eml"
    msg = email.message_from_bytes((tmp_path / "draft.eml").read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "prgenproc@gov.ru"
    assert fake_prompts.opened_folders == [str(tmp_path / "draft.eml")]
    sent = window.store.sent("kasymakhunov-2012")
    assert [(s.recipient_id, s.language, s.channel) for s in sent] == [("prosecutor-general", "ru", "email")]


def test_recording_an_email_as_sent_refreshes_through_the_one_place(window, fake_prompts, tmp_path,
                                                                     monkeypatch):
    """The e-mail add-on records through the window (services.records.mark_sent ->
    MainWindow.apply_changes): the action's row gets its new count without reading the whole
    list again, and the add-ons hear of it (data_changed) to refresh the reminders."""
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    reloads, changes = [], []
    monkeypatch.setattr(window, "reload_actions", lambda: reloads.append(1))
    window.data_changed.connect(changes.append)
    fake_prompts.answer = True
    fake_prompts.save_path = str(tmp_path / "draft.eml")
    window.extras.email()
    assert reloads == [] and len(changes) == 1
    assert changes[0].sent and changes[0].actions == {"kasymakhunov-2012"}
    row = window.model.row_data(window.model.row_for_id("kasymakhunov-2012"))
    assert row.sent_count == 1


def test_long_letter_choice_can_be_cancelled(window, fake_prompts, monkeypatch):
    """Issue 14 item 7: the e-mail question has a Cancel, and cancelling does nothing."""
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    opened = []
    monkeypatch.setattr(window.extras, "open_url", opened.append)
    QApplication.clipboard().setText("untouched")
    fake_prompts.choice = None
    assert window.extras.email() is None
    assert opened == [] and QApplication.clipboard().text() == "untouched"
    assert "question" not in fake_prompts.kinds()  # not even "Sent?"


def test_the_real_choice_box_has_cancel_and_esc_cancels(qtbot):
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from ua_writer.ui import prompts

    seen = {}

    def press_esc():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["cancel"] = box.button(QMessageBox.StandardButton.Cancel) is not None
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(50, press_esc)
    got = prompts.Prompts().choose(None, "t", "text", [("eml", "Save draft file…"),
                                                      ("clipboard", "Paste from clipboard")])
    assert got is None
    assert seen["cancel"] and "Paste from clipboard" in seen["buttons"]
