"""Mail merge from the GUI (Letter ▸ Mail merge…): a CSV sheet with three good rows and one bad
one; the dialog says what it read and what it will skip before running, writes one letter per
signer off the GUI thread with a progress bar, reports what it wrote and skipped, and can be
cancelled; an unwritable folder and a full disk are plain messages."""

from __future__ import annotations

import errno
import os
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ua_writer.services import mailmerge
from ua_writer.ui.dialogs.batch_dialog import BatchDialog

from .conftest import select

SHEET = (
    "name,name_ru,address,postal_code,city,country,email,gender\n"
    "Anna Kovach,Анна Ковач,Hauptstraße 1,10115,Berlin,DE,anna@example.org,f\n"
    "Bad Gender,,Somewhere 1,,Berlin,DE,,q\n"
    "Bob Smith,Боб Смит,1 High St|Flat 2,SW1A 1AA,London,GB,,m\n"
    "Chloé Martin,Хлоя Мартен,3 rue de la Paix,75002,Paris,FR,chloe@example.org,f\n"
)
BAD_ROW = "Line 3: gender must be m or f (or empty), got 'q'"


@pytest.fixture
def sheet(tmp_path) -> Path:
    p = tmp_path / "signers.csv"
    p.write_text(SHEET, encoding="utf-8")
    return p


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _dialog(window, qtbot) -> BatchDialog:
    """The dialog as Letter ▸ Mail merge… makes it, for the letter on screen."""
    lp = window.letter_panel
    d = BatchDialog(window.action, lp.current_language(), lp.current_recipient_id(), window.today,
                    window.exports.export_dir(), "a4")
    qtbot.addWidget(d)
    return d


def _choose(dialog, fake_prompts, sheet: Path, out: Path) -> None:
    fake_prompts.open_path = str(sheet)
    fake_prompts.folder = str(out)
    dialog.choose_signers.click()
    dialog.choose_folder_button.click()


@pytest.fixture
def gate(monkeypatch):
    """Hold every letter until the test opens the gate (to cancel at a known point)."""
    event = threading.Event()
    real = mailmerge._render_one

    def held(job, signer):
        assert event.wait(10), "the test never opened the gate"
        return real(job, signer)

    monkeypatch.setattr(mailmerge, "_render_one", held)
    yield event
    event.set()


def test_mail_merge_from_the_letter_menu(window, qtbot, fake_prompts, sheet, tmp_path):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    out = tmp_path / "letters"
    seen = {}

    def drive(dialog):
        assert dialog.objectName() == "batchDialog"
        # the editor's letter is the default
        assert dialog.language.currentData() == "ru"
        assert dialog.recipient.currentData() == "prosecutor-general"
        assert not dialog.run_button.isEnabled()  # no sheet yet
        _choose(dialog, fake_prompts, sheet, out)
        # before running: what was read, what will be skipped (with its line number)
        assert dialog.sheet_info.text().splitlines()[:2] == [
            "3 signers read from signers.csv.", "1 row will be skipped:"]
        assert dialog.bad_rows.toPlainText() == BAD_ROW and dialog.bad_rows.isVisibleTo(dialog)
        assert dialog.run_button.isEnabled()
        dialog.merge.setChecked(True)
        progress = []
        dialog.runner.progress.connect(lambda done, total, _l: progress.append((done, total)))
        with qtbot.waitSignal(dialog.run_finished, timeout=30000) as blocker:
            qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
            assert dialog.progress.isVisibleTo(dialog) and dialog.cancel_button.isVisibleTo(dialog)
            assert not dialog.run_button.isEnabled()
        seen["result"] = blocker.args[0]
        seen["progress"] = progress
        seen["summary"] = dialog.summary.text()
        seen["details"] = dialog.details.toPlainText()
        assert dialog.progress.value() == dialog.progress.maximum() == 3
        assert not dialog.cancel_button.isVisibleTo(dialog)
        dialog.open_folder_button.click()
        return False

    fake_prompts.on_dialog = drive
    window.registry["mail_merge"].trigger()
    assert ("dialog", "batchDialog") in fake_prompts.calls
    assert ("open_file", "Choose the signers sheet") in fake_prompts.calls
    assert ("choose_folder", "Folder for the letters") in fake_prompts.calls
    result = seen["result"]
    assert not result.cancelled and not result.report.failed
    files = sorted(out.glob("*.pdf"))
    letters = [f for f in files if f != result.merged]
    assert [f.name for f in letters] == ["0001-Anna-Kovach.pdf", "0002-Bob-Smith.pdf",
                                         "0003-Chloé-Martin.pdf"]
    assert sorted(result.report.written) == letters
    for f, name in zip(letters, ("Анна Ковач", "Боб Смит", "Хлоя Мартен")):
        text = _pdf_text(f)
        assert name in text and "Генеральному прокурору" in text  # signed by its signer, in Russian
    assert result.merged == out / "juraev-2011-prosecutor-general-ru-all.pdf"
    from pypdf import PdfReader

    assert len(PdfReader(result.merged).pages) == result.merged_pages >= 3
    assert seen["progress"][0] == (0, 3) and seen["progress"][-1] == (3, 3)
    assert seen["summary"].splitlines() == [
        f"3 letters written to {out}.",
        f"All letters merged into {result.merged.name} ({result.merged_pages} pages).",
        "1 row of the sheet skipped (see below)."]
    assert seen["details"].splitlines() == ["Skipped rows:", BAD_ROW]
    assert fake_prompts.opened_folders == [str(out)]
    assert "error" not in fake_prompts.kinds()


def test_docx_and_running_again_asks_before_replacing(window, qtbot, fake_prompts, sheet, tmp_path):
    select(window, "juraev-2011", "en", "prosecutor-general")
    d = _dialog(window, qtbot)
    assert d.language.currentData() == "en"
    out = tmp_path / "docx"
    _choose(d, fake_prompts, sheet, out)
    d.format.setCurrentIndex(d.format.findData("docx"))
    assert not d.merge.isEnabled()  # merging is for PDF
    with qtbot.waitSignal(d.run_finished, timeout=30000):
        d.run_button.click()
    assert len(list(out.glob("*.docx"))) == 3 and not list(out.glob("*.pdf"))
    # again: the three files would be replaced; declining writes nothing
    fake_prompts.answer = False
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    assert not d.start()
    assert fake_prompts.calls[-1][:2] == ("question", "Replace files?")
    assert "3 files in" in fake_prompts.calls[-1][2]
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_cancel_keeps_what_was_written_and_stops(window, qtbot, fake_prompts, sheet, tmp_path, gate):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    out = tmp_path / "cancelled"
    _choose(d, fake_prompts, sheet, out)
    with qtbot.waitSignal(d.runner.progress, timeout=30000):  # (0, 3): the first letter is held
        d.run_button.click()
    assert d.running and d.cancel_button.isVisibleTo(d)
    with qtbot.waitSignal(d.run_finished, timeout=30000) as blocker:
        d.cancel_button.click()
        gate.set()
    result = blocker.args[0]
    assert result.cancelled and len(result.report.written) == 1
    assert [p.name for p in out.iterdir()] == ["0001-Anna-Kovach.pdf"]
    assert "Cancelled: 1 of 3 letters written." in d.summary.text().splitlines()
    assert not d.running and d.run_button.isEnabled()


def test_closing_while_running_cancels_then_closes(window, qtbot, fake_prompts, sheet, tmp_path, gate):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    d.show()
    _choose(d, fake_prompts, sheet, tmp_path / "closing")
    with qtbot.waitSignal(d.runner.progress, timeout=30000):
        d.run_button.click()
    d.reject()
    assert d.isVisible() and d.running  # not before the letter in hand is finished
    with qtbot.waitSignal(d.finished, timeout=30000):
        gate.set()
    assert not d.isVisible() and d.result.cancelled


def test_unwritable_folder_is_a_plain_message(window, qtbot, fake_prompts, sheet, tmp_path):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    _choose(d, fake_prompts, sheet, blocker_file / "letters")
    assert not d.start()
    kind, title, text = fake_prompts.calls[-1]
    assert (kind, title) == ("error", "Mail merge not started")
    assert text == f"You cannot write to the folder {blocker_file / 'letters'}. Choose another folder."
    d.folder.setText(str(blocker_file))
    assert not d.start()
    assert fake_prompts.calls[-1][2].startswith(f"{blocker_file} is a file, not a folder.")
    assert not d.running


@pytest.mark.parametrize("ui, title, expected", [
    ("en", "Mail merge failed", "The disk is full: not all letters could be written to {out}. Free "
                                "some space and run the mail merge again."),
    ("ru", "Рассылка не удалась", "Диск заполнен: не все письма удалось записать в {out}. "
                                  "Освободите место и запустите рассылку ещё раз."),
])
def test_disk_full_is_a_plain_message(window, qtbot, fake_prompts, sheet, tmp_path, monkeypatch,
                                      ui, title, expected):
    window.registry[f"ui_{ui}"].trigger()
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    out = tmp_path / "full"
    _choose(d, fake_prompts, sheet, out)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    # the merge syncs a chunk of letters at once (atomic.FileBatch): the disk reports it there
    from ua_writer.core import atomic

    monkeypatch.setattr(atomic, "_syncfs", lambda: full)
    with qtbot.waitSignal(d.run_failed, timeout=30000) as blocker:
        d.run_button.click()
    message = blocker.args[0]
    assert message == expected.format(out=out)  # recognised by errno, in the UI's language
    assert ("error", title, message) in fake_prompts.calls
    assert d.summary.text() == message and not d.running
    assert not [p for p in out.iterdir() if p.suffix == ".pdf"]  # nothing half-written


def test_a_sheet_that_cannot_be_used(window, qtbot, fake_prompts, tmp_path):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    bad = tmp_path / "cities.csv"
    bad.write_text("city,country\nBerlin,DE\n", encoding="utf-8")
    _choose(d, fake_prompts, bad, tmp_path / "out")
    assert d.sheet_info.text().startswith("This sheet cannot be used: ")
    assert "no 'name' column" in d.sheet_info.text()
    assert not d.run_button.isEnabled()


def test_the_dialog_speaks_russian(window, qtbot, fake_prompts, sheet, tmp_path):
    window.registry["ui_ru"].trigger()
    select(window, "juraev-2011", "ru", "prosecutor-general")
    d = _dialog(window, qtbot)
    assert d.windowTitle() == "Рассылка по списку: Россия выдает Таджикистану гражданина, ищущего убежища"
    assert d.run_button.text() == "Запустить"
    _choose(d, fake_prompts, sheet, tmp_path / "ru")
    assert d.sheet_info.text().splitlines()[:2] == [
        "Прочитано 3 подписанта из signers.csv.", "Будет пропущена 1 строка:"]
    assert d.bad_rows.toPlainText().startswith("Строка 3: ")
    assert window.registry["mail_merge"].text() == "Рассылка по &списку…"
    assert "пол должен быть m или f" in d.bad_rows.toPlainText()


def test_my_edits_go_to_every_signer(window, qtbot, fake_prompts, sheet, tmp_path):
    """Edit the letter, then mail-merge it: the typed words are in every signer's letter, each
    still signed by its own signer; a letter not edited (another language) has the box off."""
    from .conftest import type_text

    lp = select(window, "juraev-2011", "en", "prosecutor-general")
    first = lp.composed_letter().paragraphs[0]
    pos = lp.text().index(first) + len(first)
    cursor = lp.editor.textCursor()
    cursor.setPosition(pos)
    lp.editor.setTextCursor(cursor)
    lp.editor.setFocus()
    type_text(qtbot, lp.editor, " Our group in Berlin follows this case.")
    out = tmp_path / "edited"
    seen = {}

    def drive(dialog):
        box = dialog.use_edits
        assert box.isVisibleTo(dialog) and box.isEnabled() and box.isChecked()
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))  # not edited in Russian
        assert not box.isEnabled() and not box.isChecked()
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert box.isEnabled() and box.isChecked()
        _choose(dialog, fake_prompts, sheet, out)
        with qtbot.waitSignal(dialog.run_finished, timeout=30000) as blocker:
            dialog.run_button.click()
        seen["result"] = blocker.args[0]
        return False

    fake_prompts.on_dialog = drive
    window.registry["mail_merge"].trigger()
    letters = sorted(out.glob("*.pdf"))
    assert len(letters) == 3 and not seen["result"].report.failed
    profile_name = window.store.profile().name
    for f, name in zip(letters, ("Anna Kovach", "Bob Smith", "Chloé Martin")):
        text = " ".join(_pdf_text(f).split())
        assert "Our group in Berlin follows this case." in text
        assert name in text
        assert not profile_name or profile_name not in text


def test_a_broken_template_stops_the_run_with_one_sentence(window, qtbot, fake_prompts, sheet, tmp_path):
    """Found before any letter is written (the first letter is rendered in memory first)."""
    from ua_writer import paths

    select(window, "juraev-2011", "en", "prosecutor-general")
    folder = paths.user_templates_dir() / "en"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.j2").write_text("{% block body %}{{ ''.__class__ }}{% endblock %}", encoding="utf-8")
    d = _dialog(window, qtbot)
    _choose(d, fake_prompts, sheet, tmp_path / "broken")
    with qtbot.waitSignal(d.run_failed, timeout=30000) as blocker:
        d.run_button.click()
    assert blocker.args[0].startswith("The letters could not be written: ")
    assert "letter.j2" in blocker.args[0] and not d.running


def _no_overlap(dialog) -> None:
    """Every visible row of the dialog lies below the one before it, each label as tall as its
    wrapped text needs (issue 14 item 7: the sheet summary overlapped the Language row)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    info = dialog.sheet_info
    top = lambda w: w.mapTo(dialog, w.rect().topLeft()).y()  # noqa: E731
    bottom = lambda w: top(w) + w.height()  # noqa: E731
    assert info.height() >= info.heightForWidth(info.width()), "the summary is clipped"
    shown = [w for w in (dialog.signers_path, info, dialog.bad_rows, dialog.language,
                         dialog.recipient, dialog.format, dialog.folder, dialog.merge,
                         dialog.progress, dialog.summary, dialog.run_button) if w.isVisible()]
    for a, b in zip(shown, shown[1:]):
        assert bottom(a) <= top(b) + 1, (a.objectName(), b.objectName())


@pytest.mark.parametrize("language", ["en", "ru"])
def test_sheet_summary_is_not_clipped_and_old_progress_goes(window, qtbot, fake_prompts, sheet,
                                                            tmp_path, language):
    window.set_ui_language(language)
    d = _dialog(window, qtbot)
    d.show()
    qtbot.waitExposed(d)
    # a sheet with many warnings: the summary wraps over several lines
    long_sheet = tmp_path / "long.csv"
    long_sheet.write_text(SHEET + "".join(f"Bad {i},,Street {i},,Town,DE,,q\n" for i in range(6)),
                          encoding="utf-8")
    _choose(d, fake_prompts, long_sheet, tmp_path / "out")
    _no_overlap(d)
    with qtbot.waitSignal(d.runner.finished, timeout=60000):
        d.run_button.click()
    assert d.progress.isVisible()
    _choose(d, fake_prompts, sheet, tmp_path / "out2")  # a new sheet: the old run's bar goes
    assert not d.progress.isVisible() and not d.summary.isVisible()
    _no_overlap(d)
