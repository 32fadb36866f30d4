"""Start-up that does not wait for what the first paint does not show: a big list shows its first
screenful (exactly the rows the whole list starts with, the real counts) and reads the rest right
after the first paint or as soon as anything needs it; the database's integrity check runs on a
worker thread after the first paint, and damage found then asks the usual question once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication

from ua_writer import app as app_module
from ua_writer.core.model import Recipient
from ua_writer.core.store import Store, open_store
from ua_writer.ui.main_window import MainWindow
from ua_writer.ui.models.actions_model import ActionTableModel

from .conftest import SEED_ARGS

TODAY = dt.date(2011, 4, 1)


def _ids(model):
    return [model.action_id(r) for r in range(model.rowCount())]


@pytest.fixture
def big_list(monkeypatch):
    """Treat the seeds' five actions as a big list: the first one row at start."""
    monkeypatch.setattr(MainWindow, "FULL_LOAD_MAX", 2)
    monkeypatch.setattr(MainWindow, "FIRST_ROWS", 1)


def _full_order(window) -> list[str]:
    model = ActionTableModel(TODAY)
    model.set_titles(window.store.localized_titles("en"))
    model.set_rows(window.store.action_rows())
    return _ids(model)


def test_a_small_list_is_whole_when_build_returns(build_app):
    window = build_app(wait=False)
    assert window.model.complete
    assert window.model.rowCount() == window.store.action_count() == 5


def test_a_big_list_shows_its_first_rows_then_all_of_them(big_list, build_app, qtbot):
    window = build_app(wait=False)
    model, pane = window.model, window.list_pane
    full = _full_order(window)
    counts = window.store.status_counts(TODAY)
    # what the first paint shows: the start of the real list, and the real count
    assert not model.complete and model.canFetchMore()
    assert 1 <= model.rowCount() < len(full)
    assert _ids(model) == full[:model.rowCount()]
    assert pane.count_label.text() == f"{counts['open']} actions"
    # right after the first paint the rest is read (appended: no reset)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    qtbot.waitUntil(lambda: window.ready)
    assert model.complete and not model.canFetchMore()
    assert _ids(model) == full and not resets
    assert pane.count_label.text() == f"{counts['open']} actions"


def test_whatever_needs_every_row_reads_them_first(big_list, build_app):
    w = build_app(wait=False)
    w.list_pane.proxy.set_search("tortur")          # a search covers every action
    assert w.model.complete
    w.close()

    w = build_app(wait=False)
    w.list_pane.set_status("undated")               # another status
    assert w.model.complete and w.list_pane.proxy.rowCount() == 2
    w.close()

    w = build_app(wait=False)
    w.model.sort(ActionTableModel.COL_TITLE)        # another order
    assert w.model.complete and w.model.rowCount() == 5
    w.close()

    w = build_app(wait=False)
    last = _full_order(w)[-1]
    assert w.model.row_for_id(last) < 0
    assert w.select_action(last)                    # an action not read yet
    assert w.list_pane.current_action_id() == last
    w.close()

    w = build_app(wait=False)
    w.ensure_loaded()                               # what a test or a tool can call
    assert w.model.rowCount() == 5


def test_no_integrity_check_delays_the_window(data_dir, qapp, monkeypatch, build_app, qtbot):
    opened = []
    real_init = Store.__init__

    def spy(self, *a, **k):
        opened.append(k.get("check", True))
        real_init(self, *a, **k)

    monkeypatch.setattr(Store, "__init__", spy)
    window = build_app(wait=False)
    assert opened[0] is False and not window.integrity_checked
    qtbot.waitUntil(lambda: window.integrity_checked)     # after the first paint, off the GUI thread
    assert window.damaged_path is None


def _damage_a_page_the_window_does_not_read(data_dir):
    """A store whose address book's only page is overwritten: opening and listing work, SQLite's
    quick_check does not."""
    with open_store(data_dir / "ua-writer.sqlite3") as s:
        for i in range(3):
            s.save_contact(Recipient(id=f"embassy-{i}", name=f"Embassy {i}"))
        root = s.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'address_book'").fetchone()[0]
        page = s.db.execute("PRAGMA page_size").fetchone()[0]
    with open(data_dir / "ua-writer.sqlite3", "r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\xff" * page)


def test_damage_found_after_the_first_paint_asks_once_and_starts_fresh(data_dir, qapp, qtbot,
                                                                      fake_prompts, monkeypatch):
    data_dir.mkdir(parents=True, exist_ok=True)
    _damage_a_page_the_window_does_not_read(data_dir)
    windows = []
    real_build = app_module.build

    def build(argv):
        app, window = real_build(argv)
        windows.append(window)
        return app, window

    def loop(app):
        window = windows[-1]
        if len(windows) == 1:  # the damaged file: the check finds it once the loop runs
            qtbot.waitUntil(lambda: window.damaged_path is not None)
        else:                  # the fresh one: fine
            qtbot.waitUntil(lambda: window.integrity_checked)
            assert window.damaged_path is None
            window.close()
        return 0

    monkeypatch.setattr(app_module, "build", build)
    monkeypatch.setattr(app_module, "run_loop", loop)
    fake_prompts.answer = True
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 0
    assert len(windows) == 2 and not windows[0].isVisible()
    assert [c[1] for c in fake_prompts.calls if c[0] == "question"] == ["The database is damaged"]
    assert len(list(data_dir.glob("ua-writer.sqlite3.damaged-*[0-9]"))) == 1
    with Store(data_dir / "ua-writer.sqlite3") as fresh:  # checked at open: sound
        assert fresh.has_action("juraev-2011")


def test_damage_found_after_the_first_paint_and_quit(data_dir, qapp, qtbot, fake_prompts, monkeypatch):
    data_dir.mkdir(parents=True, exist_ok=True)
    _damage_a_page_the_window_does_not_read(data_dir)

    def loop(app):
        window = next(w for w in QApplication.topLevelWidgets()
                      if w.objectName() == "mainWindow" and w.isVisible())
        qtbot.waitUntil(lambda: window.damaged_path is not None)
        return 0

    monkeypatch.setattr(app_module, "run_loop", loop)
    fake_prompts.answer = False
    assert app_module.main(["--data-dir", str(data_dir), *SEED_ARGS]) == 2
    assert not list(data_dir.glob("*.damaged-*"))      # nothing moved without the user's yes
    assert not (data_dir / app_module.LOCK_NAME).exists()


# -- the staged first frame: the list and the menus first, the letter side one turn later ---------
LETTER_SIDE_NAMES = ("letterEditor", "exportPdfButton", "profileBanner", "rightSplitter")


def _named(window, name):
    from PySide6.QtCore import QObject

    return window.findChild(QObject, name)


def test_every_object_name_exists_once_the_loop_has_turned_once(build_app, qtbot):
    """build()'s contract (issue #16): it returns the list, the menus and the status line; the
    first turn of the event loop paints that first frame and then builds the letter side."""
    from PySide6.QtCore import QEvent, QObject

    window = build_app(wait=False)
    assert not window.letter_side_ready and window.model.rowCount() == 5
    assert _named(window, "menu_letter") is not None and _named(window, "draftStatus") is not None
    assert _named(window, "letterEditor") is None and _named(window, "exportPdfButton") is None
    assert not window.registry["reset"].isEnabled()  # acts on the letter: off until it exists
    first_paint = []

    class Spy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not first_paint:
                first_paint.append(window.letter_side_ready)
            return False

    spy = Spy()
    window.installEventFilter(spy)
    QApplication.processEvents()  # one turn
    window.removeEventFilter(spy)
    assert first_paint == [False]  # the first frame was painted without the letter side ...
    assert window.letter_side_ready  # ... and the letter side was built in the same turn
    assert all(_named(window, name) is not None for name in LETTER_SIDE_NAMES)
    assert window.registry["reset"].isEnabled()
    names_after_one_turn = {o.objectName() for o in window.findChildren(QObject) if o.objectName()}
    qtbot.waitUntil(lambda: window.ready)
    window.action_pane.set_action(None, window.today)  # names that come with an action aside
    window.letter_panel.set_action(None, None, None)
    later = {o.objectName() for o in window.findChildren(QObject) if o.objectName()}
    assert later - names_after_one_turn == set(), later - names_after_one_turn


def test_selecting_an_action_in_the_first_frame_shows_its_letter(build_app, qtbot):
    window = build_app(wait=False)
    assert not window.letter_side_ready
    assert window.select_action("juraev-2011")  # a click before the letter side exists
    assert window.letter_side_ready and window.action.id == "juraev-2011"
    assert window.letter_panel.text().strip()
    qtbot.waitUntil(lambda: window.ready)
    assert window.action.id == "juraev-2011"  # the restore after the paint keeps the user's choice


def test_letter_commands_in_the_first_frame_do_nothing_harmful(build_app, qtbot, fake_prompts):
    window = build_app(wait=False)
    reg = window.registry
    for key in ("reset", "undo", "redo"):  # need a letter: disabled
        assert not reg[key].isEnabled(), key
    reg["reset"].trigger()
    reg["mark_sent"].trigger()   # no action on screen: nothing recorded, no dialog
    reg["mail_merge"].trigger()
    reg["history"].trigger()
    reg["edit_action"].trigger()
    assert ("dialog", "markSentDialog") not in fake_prompts.calls
    assert window.store.sent("juraev-2011") == []
    reg["find"].trigger()        # the list's own command works at once
    qtbot.waitUntil(lambda: window.ready)
    assert window.letter_panel.text().strip()


def test_the_extras_are_in_the_letter_menu_and_the_tab_chain_after_one_turn(build_app):
    window = build_app(wait="built")
    ex, lp = window.extras, window.letter_panel
    menu = window.menus["letter"].actions()
    assert ex.envelope_menu.menuAction() in menu and ex.email_action in menu
    chain, w = [], lp.print_button
    for _ in range(4):
        w = w.nextInFocusChain()
        while not w.focusPolicy().value & 1:  # Qt.TabFocus: skip what Tab never stops at
            w = w.nextInFocusChain()
        chain.append(w)
    assert chain[:3] == [ex.envelope_button, ex.labels_button, ex.email_button]
    assert chain[3] is lp.mark_sent_button


def test_first_start_profile_prompt_and_banner_with_the_staged_frame(build_app, qtbot, fake_prompts):
    from .conftest import fill_profile

    fake_prompts.on_dialog = fill_profile
    window = build_app(wait=False)
    qtbot.waitUntil(lambda: ("dialog", "profileDialog") in fake_prompts.calls)
    qtbot.waitUntil(lambda: window.ready)
    assert window.store.profile().name == "Anna Kovač"
    assert not window.profile_banner.isVisibleTo(window)
    assert "Анна Ковач" in window.letter_panel.text()  # the letter signed (a Russian one)


def test_the_staged_frame_keeps_geometry_splitters_and_focus(build_app, qtbot):
    """The window opens at its saved size; the letter side, built a turn later, gets its saved
    splitter sizes; keyboard focus stays where the first frame put it (the list's filter)."""
    w = build_app()
    w.resize(781, 577)  # the offscreen screen is 800×600: stay inside it
    QApplication.processEvents()
    w.main_split.setSizes([200, 581])
    w.right_split.setSizes([150, 370])
    QApplication.processEvents()
    size = w.size()
    sizes = {"main": w.main_split.sizes(), "right": w.right_split.sizes(),
             "letter": w.letter_panel.split.sizes()}
    w.close()

    w2 = build_app(wait=False)
    assert w2.size() == size and not w2.letter_side_ready  # the first frame has the saved size
    w2.activateWindow()
    QApplication.processEvents()  # the first frame, then the letter side
    assert w2.letter_side_ready
    focus = QApplication.focusWidget()
    qtbot.waitUntil(lambda: w2.ready)
    assert {"main": w2.main_split.sizes(), "right": w2.right_split.sizes(),
            "letter": w2.letter_panel.split.sizes()} == sizes
    assert w2.size() == size
    assert focus is w2.list_pane.status_filter and QApplication.focusWidget() is focus


def _at_first_frame(data_dir, report: str, before: str = "") -> list[str]:
    """Start ua-writer on ``data_dir`` (a sender profile saved, else its prompt comes first) in a
    subprocess, run ``report`` (lines of code that print) once the first frame is completely
    painted, and return the printed lines that start with a capitalised key. ``before`` runs
    first of all (to watch what the start does)."""
    import os
    import subprocess
    import sys
    import textwrap

    code = before + textwrap.dedent("""
        import os, sys
        from ua_writer.ui import prompts
        class Quiet(prompts.Prompts):
            def run_dialog(self, dialog):
                return False
        prompts.set_prompts(Quiet())
        from ua_writer import app
        from PySide6 import QtCore, QtWidgets
        from PySide6.QtCore import QEvent, QObject
        qapp, window = app.build(["--data-dir", sys.argv[1], "--today", "2011-04-01"])
        class Done(QObject):
            def eventFilter(self, obj, event):
        """) + textwrap.indent(textwrap.dedent(report), " " * 8) + textwrap.dedent("""
                os._exit(0)
        class First(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    window.removeEventFilter(self)
                    window.windowHandle().installEventFilter(done)
                return False
        done, first = Done(), First()
        window.installEventFilter(first)
        qapp.exec()
        """)
    out = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    lines = [x for x in out.stdout.splitlines() if x.split(" ")[0].isupper()]
    return lines or [out.stdout + out.stderr]


def _save_profile(data_dir, **extra) -> None:
    from ua_writer.core.model import SenderProfile

    with open_store(data_dir / "ua-writer.sqlite3") as store:
        store.save_profile(SenderProfile(name="Anna", address_lines=["Hauptstraße 1"], city="Berlin",
                                         country="DE", **extra))


#: watches the start: every pattern compiled, and the modules that define a dataclass
WATCH_THE_START = r"""
import dataclasses, re
compiled = []  # every pattern compiled with re.compile up to the first frame
_compile = re.compile
re.compile = lambda pattern, flags=0: compiled.append(pattern) or _compile(pattern, flags)
made = set()  # the modules that define a dataclass before the first frame
_dataclass = dataclasses.dataclass
def dataclass(cls=None, /, **kw):
    def wrap(c):
        made.add(c.__module__)
        return _dataclass(**kw)(c)
    return wrap if cls is None else wrap(cls)
dataclasses.dataclass = dataclass
#: what only later work needs: the domain model and packs (the letter side, imports), the draft
#: writer's services.records, Babel (the profile's letter languages are told without it), the
#: transliteration keys (the store writes them with the search text; the list reads them)
LATER = ("ua_writer.core.model", "ua_writer.core.packs", "ua_writer.services.records", "babel",
         "ua_writer.core.translit", "anyascii")
"""


def test_the_first_frame_pays_only_for_what_it_shows(data_dir):
    """What the first frame (painted completely) must not cost (issue #16): handing Python a
    plain QWidget it has not seen (a view's viewport), for which PySide6 builds every QWidget
    subclass it knows to find its type, QWizard and QMdiArea among them (~50 M instructions);
    importing what only later work needs (the domain model and packs, ~35 M: the list, its
    titles, the sender's name and ``--today`` do without; the draft writer's services.records,
    ~6 M; Babel, ~13 M, to tell the profile's letter languages: they are known from Babel's data
    files); compiling the packs' character classes that reach into the surrogates (~4 M each); any
    dataclass (a frozen one costs ~5 M: the settings' and the menu commands' are named tuples)."""
    _save_profile(data_dir, languages=["ru", "en"], names={"ru": "Анна"})
    report = r"""
        print("WIDGET_TYPES", [n for n in ("QWizard", "QMdiArea", "QCalendarWidget")
                               if n in QtWidgets.__dict__], flush=True)
        print("MODULES", [m for m in LATER if m in sys.modules], flush=True)
        print("SURROGATE_CLASSES", sum("\ud800" in str(p) for p in compiled), flush=True)
        print("DATACLASSES", sorted(made), flush=True)
    """
    assert _at_first_frame(data_dir, report, WATCH_THE_START) == [
        "WIDGET_TYPES []", "MODULES []", "SURROGATE_CLASSES 0", "DATACLASSES []"]


def test_the_first_frame_builds_neither_the_qt_namespace_nor_qstyle(data_dir, tmp_path):
    """PySide6 builds the Python enums of all of ``Qt`` (~125 M instructions) or ``QStyle``
    (~50 M) on their first use: the first frame, painted completely, uses neither (issue #16)."""
    _save_profile(data_dir)
    report = r"""
        print("AT_FRAME", "Qt" in QtCore.__dict__, "QStyle" in QtWidgets.__dict__,
              window.letter_side_ready, flush=True)
    """
    assert _at_first_frame(data_dir, report) == ["AT_FRAME False False False"]


def test_a_profile_with_an_unknown_language_from_an_old_version(build_app, fake_prompts, tmp_path):
    """A version before the language check stored ``languages: ["xx"]`` (no country: the
    envelope then reads the post's language from it); the window starts, envelope and labels
    are written (that was "unknown locale 'xx'"), and the profile dialog does not offer it."""
    s = open_store()
    s.set_setting("profile", {"name": "Anna Petrova", "address_lines": ["1 Main Street"],
                              "city": "Oxford", "languages": ["xx"], "names": {"qq": "A"}})
    s.close()
    window = build_app()
    from .conftest import select

    select(window, "juraev-2011", "en", "prosecutor-general")
    assert "Anna Petrova" in window.letter_panel.edited_letter().to_text()
    fake_prompts.choice = None
    fake_prompts.save_path = str(tmp_path / "env.pdf")
    assert window.extras.write_envelope("dl") is not None
    fake_prompts.save_path = str(tmp_path / "labels.pdf")
    assert window.extras.write_labels() is not None
    assert (tmp_path / "env.pdf").exists() and (tmp_path / "labels.pdf").exists()
    assert "error" not in fake_prompts.kinds()
    assert window.store.profile().languages == [] and window.store.profile().names == {}
