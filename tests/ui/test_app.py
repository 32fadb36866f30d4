"""Start-up and failure paths of ua_writer.app: build() never blocks, one instance per data dir,
a damaged database can be kept aside (once, no crash loop), unexpected errors are logged and shown
with copyable details, the first start asks for the sender profile once the loop runs, and the
window layout is remembered in an INI file inside the data dir."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ua_writer import app as app_module
from ua_writer.core.errors import CorruptStoreError, UserFacingError
from ua_writer.core.store import Store

from .conftest import SEED_ARGS, fill_profile


def test_build_reuses_the_application_and_names_it(qapp, window):
    assert QApplication.instance() is qapp
    assert qapp.applicationName() == "ua-writer"
    assert qapp.desktopFileName() == "ua-writer"
    assert window.isVisible()
    assert window.today.isoformat() == "2011-04-01"


def test_second_instance_on_the_same_data_dir_is_refused(window, data_dir):
    with pytest.raises(app_module.AlreadyRunning) as info:
        app_module.build(["--data-dir", str(data_dir), *SEED_ARGS])
    assert "already running" in info.value.message
    # the first window is untouched and still works
    assert window.letter_panel.text().strip()


def test_the_request_to_come_forward_is_private_and_follows_no_symlink(data_dir, tmp_path):
    import os
    import stat

    from ua_writer import paths
    from ua_writer.ui.application import RAISE_NAME, ask_to_come_forward

    paths.set_data_dir(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    old = os.umask(0)
    try:
        ask_to_come_forward()
    finally:
        os.umask(old)
    request = data_dir / RAISE_NAME
    assert stat.S_IMODE(request.stat().st_mode) == 0o600
    request.unlink()
    target = tmp_path / "elsewhere"
    target.write_text("keep", encoding="utf-8")
    request.symlink_to(target)
    ask_to_come_forward()                                    # refused: O_NOFOLLOW
    assert target.read_text(encoding="utf-8") == "keep"


def test_a_second_start_says_so_in_the_running_windows_language(window, data_dir, fake_prompts):
    """The refused second start cannot open the store, but reads the UI language preference
    read-only: a Russian user gets the message in Russian, not in the system's language."""
    window.store.set_pref("ui_language", "ru")
    fake_prompts.calls.clear()
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 1
    (call,) = [c for c in fake_prompts.calls if c[0] == "warning"]
    assert call[1] == "Уже запущено" and "уже" in call[2] and str(os.getpid()) in call[2], call
    assert window.letter_panel.text().strip()   # the running window is untouched


def test_lock_is_released_on_close(build_app, data_dir):
    w = build_app()
    w.close()
    w2 = build_app()
    assert w2.isVisible()


def test_a_stale_lock_of_a_dead_process_is_taken_over(build_app, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    # QLockFile's format: pid, app name, host name; pid 999999 does not exist
    import socket

    (data_dir / app_module.LOCK_NAME).write_text(f"999999\nua-writer\n{socket.gethostname()}\n")
    w = build_app()
    assert w.isVisible()


def _damage(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "ua-writer.sqlite3").write_bytes(b"this is not a database" * 200)


def test_build_raises_on_a_damaged_database_and_releases_the_lock(data_dir, qapp):
    _damage(data_dir)
    with pytest.raises(CorruptStoreError):
        app_module.build(["--data-dir", str(data_dir), *SEED_ARGS])
    assert not (data_dir / app_module.LOCK_NAME).exists()


def test_build_raises_on_a_wrong_shaped_profile(data_dir, qapp):
    """A profile that is not what save_profile writes is damage at start-up too (the first frame
    reads only the sender's name, without building the profile: issue #16)."""
    from ua_writer.core.store import open_store

    with open_store(data_dir / "ua-writer.sqlite3") as store:
        store.set_setting("profile", {"name": "Anna", "address_lines": "1 Main Street"})
    with pytest.raises(CorruptStoreError):
        app_module.build(["--data-dir", str(data_dir), *SEED_ARGS])
    assert not (data_dir / app_module.LOCK_NAME).exists()
    from shiboken6 import Shiboken

    # the window whose __init__ raised (kept alive by the traceback) closes without an error
    # (it used to raise AttributeError in closeEvent), and is not left for the next test
    for w in [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]:
        assert w.close()
        Shiboken.delete(w)


def test_main_offers_to_keep_a_damaged_database_aside(data_dir, qapp, fake_prompts, monkeypatch):
    _damage(data_dir)
    windows = []

    def fake_loop(app):
        windows.append(QApplication.activeWindow())
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "mainWindow":
                w.close()
        return 0

    monkeypatch.setattr(app_module, "run_loop", fake_loop)
    fake_prompts.answer = True
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 0
    assert fake_prompts.kinds()[0] == "question"
    kept = list(data_dir.glob("ua-writer.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    with Store(data_dir / "ua-writer.sqlite3") as fresh:
        assert fresh.has_action("juraev-2011")


def test_main_quits_when_the_user_keeps_the_damaged_database(data_dir, qapp, fake_prompts, monkeypatch):
    _damage(data_dir)
    monkeypatch.setattr(app_module, "run_loop", lambda app: pytest.fail("no loop"))
    fake_prompts.answer = False
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 2
    assert not list(data_dir.glob("*.damaged-*"))


def test_main_shows_a_clear_message_for_a_second_instance(window, data_dir, fake_prompts, monkeypatch):
    monkeypatch.setattr(app_module, "run_loop", lambda app: pytest.fail("no loop"))
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 1
    kind, title, text = fake_prompts.calls[-1]
    assert kind == "warning" and "already running" in text


def test_unexpected_exception_is_logged_and_shown_with_details(fake_prompts, caplog):
    try:
        raise RuntimeError("boom")
    except RuntimeError as e:
        app_module.handle_exception(type(e), e, e.__traceback__)
    kind, title, text, details = fake_prompts.calls[-1]
    assert kind == "error_details" and "RuntimeError: boom" in text
    assert "Traceback" in details and "boom" in details
    assert "RuntimeError: boom" in caplog.text     # logged with its traceback (ua_writer.logs)


def test_user_facing_error_is_a_plain_message(fake_prompts):
    e = UserFacingError("the folder is read-only")
    app_module.handle_exception(UserFacingError, e, None)
    assert fake_prompts.calls[-1] == ("error", "ua-writer", "the folder is read-only")


def test_error_dialog_copies_details(qtbot):
    from ua_writer.ui.dialogs.error_dialog import ErrorDialog

    d = ErrorDialog("Oops", "It broke", "Traceback: line 1")
    qtbot.addWidget(d)
    d.copy_button.click()
    assert "Traceback: line 1" in QApplication.clipboard().text()


def test_first_start_asks_for_the_profile_once_the_loop_runs(build_app, qtbot, fake_prompts):
    fake_prompts.on_dialog = fill_profile
    window = build_app(wait=False)
    # build() itself showed nothing modal; the banner says what is missing
    assert ("dialog", "profileDialog") not in fake_prompts.calls
    assert window.profile_banner.isVisibleTo(window)
    qtbot.waitUntil(lambda: ("dialog", "profileDialog") in fake_prompts.calls and window.ready)
    assert window.store.profile().name == "Anna Kovač"
    assert not window.profile_banner.isVisibleTo(window)
    assert window.profile_button.text() == "Anna Kovač"
    # the letter is signed now
    assert "Анна Ковач" in window.letter_panel.text() or "Anna Kovač" in window.letter_panel.text()


def test_profile_is_not_asked_again_once_saved(build_app, qtbot, fake_prompts):
    from ua_writer.core.model import SenderProfile

    w = build_app()
    w.store.save_profile(SenderProfile(name="Anna"))
    w.close()
    fake_prompts.calls.clear()
    w2 = build_app()
    qtbot.wait(50)
    assert ("dialog", "profileDialog") not in fake_prompts.calls
    assert not w2.profile_banner.isVisibleTo(w2)


def test_geometry_and_splitters_are_remembered_in_the_data_dir(build_app, data_dir, tmp_path):
    w = build_app()
    w.resize(781, 577)      # the offscreen screen is 800×600: stay inside it
    QApplication.processEvents()
    w.main_split.setSizes([200, 581])
    size, left = w.size(), w.main_split.sizes()[0]
    w.close()
    ini = data_dir / "ui-state.ini"
    assert ini.exists()
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    assert s.value("window/geometry") is not None
    # nothing in the (temp) user config dir
    assert not list((tmp_path / "xdg-config").glob("**/*.conf"))
    w2 = build_app()
    assert w2.size() == size and size.height() == 577
    assert w2.main_split.sizes()[0] == left


def test_ui_state_file_is_private_whatever_the_umask(build_app, data_dir):
    """ui-state.ini is 0600 like every file in the data dir, also under umask 0 and when an
    older version left it world-readable."""
    import os
    import stat

    ini = data_dir / "ui-state.ini"
    old = os.umask(0)
    try:
        build_app().close()
        assert ini.exists() and stat.S_IMODE(ini.stat().st_mode) == 0o600
        ini.chmod(0o644)
        build_app().close()
        assert stat.S_IMODE(ini.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_selecting_in_a_narrow_list_keeps_the_days_left_in_view(build_app, qtbot):
    """Made narrower than its columns, the list scrolls sideways; selecting an action must not
    scroll the days-left badges (the first column) out of view."""
    from .conftest import select

    from ua_writer.ui.models.actions_model import ActionTableModel

    window = build_app()
    # the narrow layout hides the Letters column; a user who keeps it has columns wider than this
    window.list_pane._choose_column(ActionTableModel.COL_ACTIVITY, True)
    window.resize(1000, 700)
    window.main_split.setSizes([150, 850])
    qtbot.waitUntil(lambda: window.list_pane.view.width() <= 160)
    view = window.list_pane.view
    assert view.horizontalScrollBar().maximum() > 0  # narrower than its columns
    for action_id in ("kasymakhunov-2012", "juraev-2011", "azimov-2011"):
        select(window, action_id)
        assert view.horizontalScrollBar().value() == 0, action_id


def test_a_job_that_ends_after_its_runner_is_gone_tells_no_one(qtbot):
    """A background job (page count, copies) whose window closed before it finished must not
    raise 'Signal source has been deleted' in whatever the event loop runs next."""
    import threading

    from PySide6.QtCore import QCoreApplication, QObject
    from shiboken6 import delete

    from ua_writer.ui.workers import Runner

    gate, errors = threading.Event(), []
    owner = QObject()
    runner = Runner(owner)
    runner.start(lambda: gate.wait(5) and "done")
    delete(owner)                       # the window (and its runner) goes away first
    gate.set()
    runner.pool.waitForDone(5000)
    import sys

    hook, sys.excepthook = sys.excepthook, lambda *a: errors.append(a)
    try:
        for _ in range(20):
            QCoreApplication.processEvents()
    finally:
        sys.excepthook = hook
    assert errors == []
