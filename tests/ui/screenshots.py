"""Make the README screenshots: docs/main-window-en.png, docs/main-window-ru.png and
docs/mail-merge.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screenshots [OUT_DIR]

The real app on a temp data dir with ``--today 2011-04-01``, a sender profile, the Juraev action
selected and its Russian letter in the editor, at 1280×800; once with the English UI, once with
the Russian one. Then the mail-merge dialog after a run over a small signer sheet (three good
rows, one bad). tests/ui/test_screenshots.py runs it into a temp dir.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1280, 800)


def take(out_dir: Path, data_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from ua_writer import app as app_module
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store
    from ua_writer.ui import prompts

    class Quiet(prompts.Prompts):  # no modal dialog may open while we pose
        def run_dialog(self, dialog):
            return False

    previous = prompts.set_prompts(Quiet())
    try:
        with open_store(data_dir / "ua-writer.sqlite3") as store:
            store.save_profile(SenderProfile(
                name="Anna Kovač", address_lines=["Hauptstraße 1", "10115 Berlin"], city="Berlin",
                country="DE", email="anna@example.org", gender="f", languages=["ru", "en"],
                names={"ru": "Анна Ковач"}))
        written = []
        for lang in ("en", "ru"):
            _app, window = app_module.build(["--data-dir", str(data_dir), "--today", "2011-04-01"])
            window.set_ui_language(lang)
            window.resize(*SIZE)
            window.main_split.setSizes([int(SIZE[0] * 0.31), int(SIZE[0] * 0.69)])
            window.select_action("juraev-2011")
            lp = window.letter_panel
            lp.set_letter("ru", "prosecutor-general")
            window.show()
            _settle(window)
            path = out_dir / f"main-window-{lang}.png"
            window.grab().save(str(path))
            written.append(path)
            window.set_ui_language(None)
            window.close()
        return written
    finally:
        prompts.set_prompts(previous)


MERGE_SHEET = (
    "name,name_ru,address,postal_code,city,country,email,gender\n"
    "Anna Kovač,Анна Ковач,Hauptstraße 1,10115,Berlin,DE,anna@example.org,f\n"
    "Bob Smith,Боб Смит,1 High St|Flat 2,SW1A 1AA,London,GB,,m\n"
    "No Country,,Somewhere 1,,Nowhere,Narnia,,\n"
    "Chloé Martin,Хлоя Мартен,3 rue de la Paix,75002,Paris,FR,chloe@example.org,f\n"
)


def take_mail_merge(out_dir: Path, data_dir: Path) -> Path:
    """docs/mail-merge.png: Letter ▸ Mail merge… after writing three letters (one row skipped)."""
    import time

    from PySide6.QtWidgets import QApplication

    from ua_writer import app as app_module
    from ua_writer.ui import prompts

    class Quiet(prompts.Prompts):
        def run_dialog(self, dialog):
            return False

    previous = prompts.set_prompts(Quiet())
    try:
        _app, window = app_module.build(["--data-dir", str(data_dir), "--today", "2011-04-01"])
        window.set_ui_language("en")
        window.select_action("juraev-2011")
        window.letter_panel.set_letter("ru", "prosecutor-general")
        work = data_dir / "mail-merge"
        work.mkdir(exist_ok=True)
        sheet = work / "signers.csv"
        sheet.write_text(MERGE_SHEET, encoding="utf-8")
        dialog = window.mail_merge_dialog(work)  # as Letter ▸ Mail merge… makes it
        dialog.load_sheet(sheet)
        dialog.merge.setChecked(True)
        dialog.show()
        assert dialog.start()
        deadline = time.monotonic() + 60
        while dialog.running and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.01)
        dialog.adjustSize()
        QApplication.processEvents()
        path = out_dir / "mail-merge.png"
        dialog.grab().save(str(path))
        dialog.close()
        window.set_ui_language(None)
        window.close()
        return path
    finally:
        prompts.set_prompts(previous)


def _settle(window) -> None:
    """Let timers (coverage, page layout off the GUI thread) and layouts finish."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if window.preview.page_count() is not None and window.coverage_label.text():
            break
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])
        for p in take(out, Path(tmp)):
            print(p)
        print(take_mail_merge(out, Path(tmp)))
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
