"""GUI probe, run as a subprocess by bench/run.py with QT_QPA_PLATFORM=offscreen.

``python gui_probe.py bare``     a bare PySide6 QMainWindow
``python gui_probe.py app``      ua-writer's main window (``ua_writer.app.build``), data dir from
                                 UA_WRITER_DATA_DIR

Both print ``FIRST_PAINT <time.time()>`` when the main window receives its first Paint event
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

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(f"FIRST_PAINT {time.time():.6f}", flush=True)
                QTimer.singleShot(0, wait_letter if then_letter else app.quit)
            return False

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
    sys.exit({"bare": bare, "app": app, "session": session}[mode]())
