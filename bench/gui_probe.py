"""GUI probe, run as a subprocess by bench/run.py with QT_QPA_PLATFORM=offscreen.

``python gui_probe.py bare``     a bare PySide6 QMainWindow
``python gui_probe.py widgets``  a plain PySide6 window with the same kinds of widgets, no ua-writer
                                 code (a detail: what any PySide6 window of this shape costs)
``python gui_probe.py app``      ua-writer's main window (``ua_writer.app.build``), data dir from
                                 UA_WRITER_DATA_DIR

All print ``FIRST_PAINT <time.time()>`` when the main window receives its first Paint event,
and ``COMPLETE_PAINT`` at the first one with the letter side (ua-writer builds it on the turn of
the event loop after its first frame; the other probes print both at once),
(and exit right there with ``UA_BENCH_EXIT_AT_PAINT=1``, which ``run.py --instructions`` uses)
(an event filter on the window) and quit (``app`` first waits for ``LETTER_READY``: the letter
editor holding the composed letter, reported as a detail); the parent subtracts the time.time() it took just
before starting the process, so interpreter start-up and imports count for both alike.

``python gui_probe.py session``  ua-writer's window with the first action's letter open: prints
``RSS_MB``, then ``FILTER_MS`` (median time of typing queries into the search box and applying
the filter through the GUI's proxy model, repaint included) and ``FILTER_ROWS``.
"""

from __future__ import annotations

import time

T_START = time.time()

import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402


def _editor_text(window) -> str:
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    ed = window.findChild(QPlainTextEdit, "letterEditor") or window.findChild(QTextEdit, "letterEditor")
    return ed.toPlainText() if ed is not None else ""


def _watch_first_paint(app, window, then_letter: bool = False) -> None:
    """Print FIRST_PAINT at the window's first Paint event; with ``then_letter`` also
    LETTER_READY when the letter editor first holds text (a letter is composed), then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def wait_letter(deadline=time.monotonic() + 10):
        if _editor_text(window).strip() or time.monotonic() > deadline:
            print(f"LETTER_READY {time.time():.6f}", flush=True)
            app.quit()
        else:
            QTimer.singleShot(2, wait_letter)

    class FirstPaint(QObject):
        done = False
        complete = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (event.type() == QEvent.Type.Paint and not self.complete
                    and getattr(window, "letter_side_ready", True)):
                # ua-writer paints its letter side a turn after the first frame: the first
                # paint with every part of the window (the others: the first paint)
                self.complete = True
                print(f"COMPLETE_PAINT {time.time():.6f}", flush=True)
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(f"FIRST_PAINT {time.time():.6f}", flush=True)
                if os.environ.get("UA_BENCH_EXIT_AT_PAINT") == "1":  # counting instructions
                    os._exit(0)
                # the window's own Paint event starts the frame; its widgets paint after it.
                # The first event its QWindow gets next comes once all of them have painted
                window.windowHandle().installEventFilter(frame_done)
                QTimer.singleShot(0, wait_letter if then_letter else app.quit)
            return False

    class FrameDone(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            obj.removeEventFilter(self)
            print(f"FRAME_DONE {time.time():.6f}", flush=True)
            if os.environ.get("UA_BENCH_EXIT_AT_PAINT") == "frame":
                os._exit(0)
            return False

    frame_done = FrameDone(window)

    f = FirstPaint(window)
    window.installEventFilter(f)
    window._first_paint_filter = f  # keep a reference


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    w = QMainWindow()
    w.resize(1280, 800)
    _watch_first_paint(app, w)
    w.show()
    return app.exec()


def widgets() -> int:
    """A plain PySide6 window with the same kinds of widgets as ua-writer's first frame and no
    ua-writer code: a table on a Python model (60 rows, sorted), a filter combo and a search box,
    a splitter, labels, two combos, a text editor, a row of buttons, six menus of actions with
    shortcuts and a status bar. What any PySide6 app of this shape pays (type and enum creation,
    the font database, polish); a detail of the bench, not a target."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
                                   QHeaderView, QLabel, QLineEdit, QMainWindow, QPlainTextEdit,
                                   QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

    class Model(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: N802
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802
            return 0 if parent.isValid() else 3

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return ("Days", "Title", "Letters")[section]
            return None

    qapp = QApplication(sys.argv[:1])
    w = QMainWindow()
    left = QWidget()
    lay = QVBoxLayout(left)
    top = QHBoxLayout()
    status = QComboBox()
    status.addItems(["Open", "Past", "No deadline", "All"])
    search = QLineEdit()
    search.setClearButtonEnabled(True)
    top.addWidget(status)
    top.addWidget(search, 1)
    lay.addLayout(top)
    view = QTableView()
    view.setModel(Model([(f"{i} days", f"Action {i}", "") for i in range(60)]))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    lay.addWidget(view, 1)
    lay.addWidget(QLabel("60 actions"))
    pane = QWidget()
    pane_lay = QVBoxLayout(pane)
    for text in ("Choose an action from the list.", "Title", "Deadline", "Summary", "Recipients"):
        label = QLabel(text)
        label.setWordWrap(True)
        pane_lay.addWidget(label)
    letter = QWidget()
    letter_lay = QVBoxLayout(letter)
    pickers = QHBoxLayout()
    for _ in range(2):
        pickers.addWidget(QLabel("Label:"))
        pickers.addWidget(QComboBox(), 1)
    pickers.addWidget(QPushButton("Reset"))
    letter_lay.addLayout(pickers)
    letter_lay.addWidget(QPlainTextEdit(), 1)
    bar = QHBoxLayout()
    for text in ("PDF", "DOCX", "Fax packet", "Copies", "Print…", "Envelope", "Labels", "E-mail…"):
        bar.addWidget(QPushButton(text))
    bar.addStretch(1)
    bar.addWidget(QPushButton("Mark sent"))
    letter_lay.addLayout(bar)
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(pane)
    right.addWidget(letter)
    main = QSplitter(Qt.Orientation.Horizontal)
    main.addWidget(left)
    main.addWidget(right)
    w.setCentralWidget(main)
    for title in ("&File", "&Edit", "&Action", "&Letter", "&View", "&Help"):
        menu = w.menuBar().addMenu(title)
        for k in range(5):
            action = QAction(f"{title} {k}", w)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{k}"))
            menu.addAction(action)
    w.statusBar().addWidget(QLabel("Draft saved"))
    w.resize(1280, 800)
    _watch_first_paint(qapp, w)
    w.show()
    return qapp.exec()


def _build():
    from ua_writer import app as ua_app

    qapp, window = ua_app.build([])
    return qapp, window


def app() -> int:
    # build() shows the window; the first Paint reaches it through the event loop, after this
    qapp, window = _build()
    _watch_first_paint(qapp, window, then_letter=True)
    code = qapp.exec()
    window.store.close()
    return code


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _settle(qapp, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.01)


def session() -> int:
    qapp, window = _build()
    _settle(qapp, 0.3)
    pane = window.list_pane
    pane.proxy.set_status("all")
    _settle(qapp, 0.1)
    if window.action is None:  # open the first action's letter
        pane.view.selectRow(0)
    _settle(qapp, 1.5)  # compose, page preview, pagination worker
    editor_text = _editor_text(window)
    print(f"LETTER_CHARS {len(editor_text)}", flush=True)
    print(f"RSS_MB {_rss_mb():.1f}", flush=True)
    print(f"ROWS {pane.model.rowCount()}", flush=True)

    queries = ["russia", "juraev", "tortured karimov", "a", "gen0123", "таджикистан", "zzzz", ""]
    rounds = int(os.environ.get("BENCH_FILTER_ROUNDS", "5"))
    times = []
    rows = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            pane.search_box.setText(q)
            pane._apply_search()  # what the debounce timer / Return key runs
            qapp.processEvents()  # relayout + repaint of the list
            times.append((time.perf_counter() - t0) * 1000)
            rows.append(pane.proxy.rowCount())
    print(f"FILTER_MS {statistics.median(times):.2f}", flush=True)
    print(f"FILTER_MAX_MS {max(times):.2f}", flush=True)
    print(f"FILTER_ROWS {','.join(map(str, rows[:len(queries)]))}", flush=True)
    window.store.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = sys.argv[1] if len(sys.argv) > 1 else "bare"
    sys.exit({"bare": bare, "widgets": widgets, "app": app, "session": session}[mode]())
