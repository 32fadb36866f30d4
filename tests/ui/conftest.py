"""Fixtures for the GUI tests: scripted prompts (no modal window ever blocks), an app built on a
temp data dir with the seeds' "today", and the UI language reset to English after each test.

Qt runs offscreen (tests/conftest.py); QSettings live in the data dir (ui_state.py), so nothing
here reads or writes the real user config.
"""

from __future__ import annotations

import os

os.environ["LANGUAGE"] = "en"          # the system UI language the tests start from
os.environ.setdefault("LC_ALL", "C.UTF-8")

import pytest  # noqa: E402

from ua_writer.ui import prompts  # noqa: E402

SEED_ARGS = ["--today", "2011-04-01"]


class FakePrompts(prompts.Prompts):
    """Scripted answers and a record of every prompt shown."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.save_path: str | None = None
        self.open_path: str | None = None
        self.folder: str | None = None
        self.answer = True
        #: called with the dialog; returns True to accept (default: cancel every dialog)
        self.on_dialog = lambda dialog: False
        self.opened_folders: list[str] = []
        #: the key ``choose`` returns; None = cancel; unset: the first choice if ``answer``, else
        #: the second
        self.choice: str | None = "unset"

    def save_file(self, parent, title, suggested, filters):
        self.calls.append(("save_file", title, suggested))
        return self.save_path

    def open_file(self, parent, title, directory, filters):
        self.calls.append(("open_file", title))
        return self.open_path

    def choose_folder(self, parent, title, directory):
        self.calls.append(("choose_folder", title))
        return self.folder

    def open_folder(self, path):
        self.opened_folders.append(str(path))
        return True

    def info(self, parent, title, text):
        self.calls.append(("info", title, text))

    def warning(self, parent, title, text):
        self.calls.append(("warning", title, text))

    def error(self, parent, title, text):
        self.calls.append(("error", title, text))

    def question(self, parent, title, text, *, yes=None, no=None):
        self.calls.append(("question", title, text))
        return self.answer

    def choose(self, parent, title, text, choices):
        self.calls.append(("choose", title, text))
        if self.choice != "unset":
            return self.choice
        return choices[0][0] if self.answer else choices[1][0]

    def error_details(self, parent, title, text, details):
        self.calls.append(("error_details", title, text, details))

    def run_dialog(self, dialog):
        self.calls.append(("dialog", dialog.objectName()))
        from PySide6.QtWidgets import QDialog

        if self.on_dialog(dialog):
            dialog.accept()   # a dialog may refuse (a disabled OK, a failed check): as exec() does
        else:
            dialog.reject()
        return QDialog.result(dialog) == QDialog.DialogCode.Accepted  # (a dialog may shadow .result)

    def print_preview(self, parent, render):
        self.calls.append(("print_preview",))

    def print_dialog(self, parent, render):
        self.calls.append(("print_dialog",))
        return False

    def kinds(self) -> list[str]:
        return [c[0] for c in self.calls]


@pytest.fixture(autouse=True)
def fake_prompts():
    fake = FakePrompts()
    previous = prompts.set_prompts(fake)
    yield fake
    prompts.set_prompts(previous)


@pytest.fixture(autouse=True)
def _english_ui():
    yield
    from ua_writer.ui import i18n_qt

    i18n_qt.apply_language("en")


@pytest.fixture
def build_app(qtbot, data_dir):
    """``build_app(*extra_args)`` -> MainWindow on the test's data dir; closed at teardown."""
    from ua_writer import app as app_module

    windows = []

    def _build(*extra, data=None, wait=True):
        """``wait``: True — until the last action and its letter are shown (``window.ready``);
        ``"built"`` — one turn of the event loop (:func:`turn_once`), after which every widget
        exists; False — as ``build()`` returns it (the list, the menus, the status line)."""
        args = ["--data-dir", str(data or data_dir), *SEED_ARGS, *extra]
        _app, window = app_module.build(args)
        qtbot.addWidget(window)
        windows.append(window)
        if wait == "built":
            turn_once(window)
        elif wait:  # the last action and its letter come once the event loop runs
            qtbot.waitUntil(lambda: window.ready)
        return window

    yield _build
    for w in windows:
        w.close()


def turn_once(window) -> None:
    """``build()``'s contract (issue #16): it returns the window with the list, the menus and the
    status line; every objectName (the letter side's too) exists once the event loop has turned
    once — the turn that paints that first frame. Turn it once and check."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert window.letter_side_ready, "the letter side was not built by the first turn"


@pytest.fixture
def window(build_app):
    return build_app()


def select(window, action_id: str, language: str | None = None, recipient_id: str | None = None):
    """Select an action in the list like a user, then the letter's language and recipient."""
    assert window.select_action(action_id), action_id
    assert window.action is not None and window.action.id == action_id
    if language or recipient_id:
        lp = window.letter_panel
        if language:
            lp.language_combo.setCurrentIndex(lp.language_combo.findData(language))
        if recipient_id:
            lp.recipient_combo.setCurrentIndex(lp.recipient_combo.findData(recipient_id))
    return window.letter_panel


def type_text(qtbot, widget, text: str) -> None:
    """Type like a keyboard would, Cyrillic included (QTest.keyClicks only knows Latin-1 keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ord(ch) < 128:
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, ch))


def fill_profile(dialog) -> bool:
    """Fill the profile dialog as a user would (Anna Kovač in Berlin); True = OK pressed."""
    assert dialog.objectName() == "profileDialog"
    dialog.name.setText("Anna Kovač")
    dialog.name_ru.setText("Анна Ковач")
    dialog.address.setPlainText("Hauptstraße 1\n10115 Berlin")
    dialog.city.setText("Berlin")
    dialog.country.setCurrentIndex(dialog.country.findData("DE"))
    dialog.gender.setCurrentIndex(dialog.gender.findData("f"))
    return True
