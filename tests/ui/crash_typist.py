"""Helper process for test_crash.py: the real app (offscreen) with someone typing into the letter.

    python -m tests.ui.crash_typist DATA_DIR MARKER_FILE

Every TICK_MS a QTimer types the next numbered word (" w0001", " w0002", ...) into the editor and
appends "<number> <time.monotonic()>" to MARKER_FILE, so the parent, after SIGKILLing this
process, can tell which words were typed when and which of them reached the saved draft.
"""

from __future__ import annotations

import os
import sys
import time

TICK_MS = 50


def main(data_dir: str, marker: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor

    from ua_writer import app as app_module
    from ua_writer.ui import prompts

    class Quiet(prompts.Prompts):
        def run_dialog(self, dialog):
            return False

    prompts.set_prompts(Quiet())
    app, window = app_module.build(["--data-dir", data_dir, "--today", "2011-04-01"])
    window.select_action("juraev-2011")
    lp = window.letter_panel
    lp.set_letter("ru", "prosecutor-general")
    first = lp.composed_letter().paragraphs[0]
    lp.editor.set_cursor_index(lp.text().index(first) + len(first))
    out = open(marker, "a", buffering=1, encoding="utf-8")
    count = [0]

    def type_word():
        count[0] += 1
        lp.editor.insertPlainText(f" w{count[0]:04d}")
        out.write(f"{count[0]} {time.monotonic():.4f}\n")

    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(type_word)
    timer.start()
    out.write(f"ready {time.monotonic():.4f}\n")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
