"""Every front end puts the right address in the envelope window: for every bundled action, the
main letters and the copy letters written by the CLI (``letter --to all|copies``), by the GUI
(the PDF and *Copies* buttons, with the user's edits typed in) and by the mail merge (the CLI's
``batch`` and the GUI's Letter ▸ Mail merge…) carry, in the DIN 5008 address field, the address
of the recipient the file is for — read back from the PDF with ``pdftotext -bbox`` — and the GUI's
copy letters carry the user's edits to the main letter.

This is the bug of issue #13: the GUI's Copies wrote the Prosecutor General's address into the copy
letter meant for the court, because the GUI made copy letters by relabelling the main letter.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli_run import run

from .conftest import select, type_text

TODAY = "2011-04-01"
PT_PER_MM = 72 / 25.4
TYPED = "Ich bitte um Antwort"
SHEET = "name,address,postal_code,city,country,gender\nAnna Kovach,Hauptstraße 1,10115,Berlin,DE,f\n"

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def window_words(pdf: Path) -> list[str]:
    """The words on page 1 inside the envelope window (DIN 5008 address field, form B: 20 mm
    from the left, 45–90 mm from the top, 85 mm wide), in reading order."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    left, right, top, bottom = (v * PT_PER_MM for v in (20, 105, 45, 90))
    words = []
    for x0, y0, x1, y1, text in _WORD.findall(out):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        if x0 >= left - 1 and x1 <= right + 1 and y0 >= top - 1 and y1 <= bottom + 1:
            words.append((round(y0), x0, html.unescape(text)))
    return [w for _y, _x, w in sorted(words)]


def addressee_words(action_id: str, recipient_id: str, language: str,
                    sender_country: str = "") -> list[str]:
    """The addressee block core.compose writes for that recipient (a copy recipient: its own),
    for a sender in ``sender_country`` (the country line is written for the sender's post)."""
    from ua_writer.core.compose import compose_letter
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store
    import datetime as _dt

    with open_store() as store:
        action = store.get_action(action_id)
    recipient = action.recipient(recipient_id)
    copy_of = None
    if recipient.is_copy or recipient.copies_only:
        copy_of = next(r for r in action.main_recipients() if not r.copies_only)
    letter = compose_letter(action, recipient, language, SenderProfile(country=sender_country),
                            _dt.date(2011, 4, 1),
                            copy_of=copy_of)
    return " ".join(letter.addressee).split()


def assert_window_is(pdf: Path, action_id: str, recipient_id: str, language: str,
                     sender_country: str = "") -> None:
    got = window_words(pdf)
    want = addressee_words(action_id, recipient_id, language, sender_country)
    assert got == want, f"{pdf.name}: the envelope window shows {got}, not {recipient_id}'s {want}"


def _type_after_first_paragraph(qtbot, lp):
    first = lp.composed_letter().paragraphs[0]
    pos = lp.text().index(first) + len(first)
    cursor = lp.editor.textCursor()
    cursor.setPosition(len(lp.text()[:pos].encode("utf-16-le")) // 2)
    lp.editor.setTextCursor(cursor)
    lp.editor.setFocus()
    type_text(qtbot, lp.editor, " " + TYPED)


def _bundled():
    """(action id, first language, main recipient ids, copy recipient ids) of every bundled
    action that has recipients."""
    import json

    from ua_writer import paths

    out = []
    for f in sorted(paths.bundled_actions_dir().glob("*.json")):
        pack = json.loads(f.read_text(encoding="utf-8"))
        mains = [r["id"] for r in pack["recipients"] if not r["is_copy"] and not r.get("copies_only")]
        copies = [r["id"] for r in pack["recipients"] if r["is_copy"] or r.get("copies_only")]
        if pack["recipients"]:
            out.append((pack["id"], (pack["languages"] or ["en"])[0], mains, copies))
    return out


BUNDLED = _bundled()
WITH_COPIES = [b for b in BUNDLED if b[3]]


def test_the_bundled_actions_have_copies_to_check():
    assert {b[0] for b in WITH_COPIES} >= {"azimov-2011", "juraev-2011", "kasymakhunov-2012"}


@pytest.mark.parametrize("action_id,language,mains,copies", BUNDLED, ids=[b[0] for b in BUNDLED])
def test_cli_letters_and_copies(capsys, data_dir, tmp_path, action_id, language, mains, copies):
    for to, expected in (("all", mains), ("copies", copies)):
        if not expected:
            continue
        out = tmp_path / to
        code, _out, err = run(capsys, "--data-dir", str(data_dir), "--today", TODAY, "letter",
                              action_id, "--lang", language, "--to", to, "-o", str(out))
        assert code == 0, err
        for rid in expected:
            assert_window_is(out / f"{action_id}-{rid}-{language}.pdf", action_id, rid, language)


@pytest.mark.parametrize("action_id,language,mains,copies", BUNDLED, ids=[b[0] for b in BUNDLED])
def test_cli_mail_merge_to_every_recipient(capsys, data_dir, tmp_path, action_id, language,
                                           mains, copies):
    sheet = tmp_path / "signers.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    for rid in mains + copies:
        out = tmp_path / rid
        code, _out, err = run(capsys, "--data-dir", str(data_dir), "--today", TODAY, "batch",
                              action_id, "--signers", str(sheet), "--lang", language, "--to", rid,
                              "-o", str(out))
        assert code == 0, err
        (pdf,) = out.glob("*.pdf")
        assert_window_is(pdf, action_id, rid, language, "DE")  # the signer is in Berlin


@pytest.mark.parametrize("action_id,language,mains,copies", BUNDLED, ids=[b[0] for b in BUNDLED])
def test_gui_pdf_and_copies_buttons(window, qtbot, fake_prompts, tmp_path, action_id, language,
                                    mains, copies):
    """The user edits the letter to the first main recipient, exports it, then Copies: every
    file carries its own recipient's address and the user's edits."""
    for rid in mains:
        lp = select(window, action_id, language, rid)
        _type_after_first_paragraph(qtbot, lp)
        fake_prompts.save_path = str(tmp_path / f"main-{rid}.pdf")
        lp.pdf_button.click()
        assert_window_is(tmp_path / f"main-{rid}.pdf", action_id, rid, language)
    lp = select(window, action_id, language, mains[0])
    if not copies:
        return
    fake_prompts.folder = str(tmp_path / "copies")
    (tmp_path / "copies").mkdir()
    with qtbot.waitSignal(window.exports.exported, timeout=20000) as blocker:
        lp.copies_button.click()
    written = [Path(p) for p in blocker.args[0]]
    assert len(written) == len(copies)
    for rid in copies:
        (pdf,) = [p for p in written if f"-{rid}-" in p.name]
        assert_window_is(pdf, action_id, rid, language)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert TYPED in " ".join(text.split()), "the copy letter lost the user's edits"


@pytest.mark.parametrize("which", ["main", "copy"])
@pytest.mark.parametrize("action_id,language,mains,copies", WITH_COPIES, ids=[b[0] for b in WITH_COPIES])
def test_gui_mail_merge(window, qtbot, fake_prompts, tmp_path, action_id, language, mains, copies,
                        which):
    """Letter ▸ Mail merge… to the main recipient the user edited, and to a copy recipient: the
    signer's letters carry that recipient's address and the user's edits."""
    sheet = tmp_path / "signers.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    rid = mains[0] if which == "main" else copies[0]
    lp = select(window, action_id, language, mains[0])
    _type_after_first_paragraph(qtbot, lp)     # the user's edits to the main letter
    out = tmp_path / "merge"

    def drive(dialog):
        assert dialog.recipient.currentData() == mains[0]
        dialog.recipient.setCurrentIndex(dialog.recipient.findData(rid))  # the main one or a copy
        assert dialog.recipient.currentData() == rid
        assert dialog.use_edits.isChecked()    # the main letter's edits go into the copies
        fake_prompts.open_path = str(sheet)
        fake_prompts.folder = str(out)
        dialog.choose_signers.click()
        dialog.choose_folder_button.click()
        with qtbot.waitSignal(dialog.run_finished, timeout=30000):
            dialog.run_button.click()
        return False

    fake_prompts.on_dialog = drive
    window.registry["mail_merge"].trigger()
    (pdf,) = out.glob("*.pdf")
    assert_window_is(pdf, action_id, rid, language, "DE")  # the signer is in Berlin
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert TYPED in " ".join(text.split()), f"the {which} letters lost the user's edits"
