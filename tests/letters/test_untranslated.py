"""No English outside the marked block in de/fr/es letters, and the block is never printed as
ordinary body text (issue 15, item 6): italic with a bar in the PDF and the DOCX, the English
paragraphs tagged English in the DOCX; `letter` says so on stderr and `--strict` refuses."""

from __future__ import annotations

import io
import re

import pytest

from tests.cli_run import run
from tests.letters.conftest import DAY, UA_IDS
from ua_writer.core.compose import compose_letter
from ua_writer.core.lang import get_rules
from ua_writer.core.letter import from_text
from ua_writer.export import pdf as pdf_export
from ua_writer.export.docx import letter_docx_document


def _english(action) -> list[str]:
    bits = [action.title]
    for r in action.recipients:
        bits += [x for x in (r.title, r.organization, r.salutation) if x]
    return bits


def _letters(action, lang, profile):
    for r in action.main_recipients():
        if not r.copies_only:
            yield compose_letter(action, r, lang, profile, DAY)
    main = next(r for r in action.main_recipients() if not r.copies_only)
    for r in action.copy_recipients():
        yield compose_letter(action, r, lang, profile, DAY, copy_of=main)


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
@pytest.mark.parametrize("action_id", UA_IDS)
def test_no_english_outside_the_marked_block(seeds, berlin, action_id, lang):
    action = seeds[action_id]
    for letter in _letters(action, lang, berlin):
        marked = set(letter.untranslated_indexes())
        outside = ([letter.subject, letter.salutation, letter.closing, letter.copy_marker]
                   + letter.addressee + letter.copies
                   + [p for i, p in enumerate(letter.paragraphs) if i not in marked])
        text = "\n".join(outside)
        for bit in _english(action):
            assert bit not in text, (letter.meta["recipient_id"], bit)
        for point in action.appeals["en"]:
            assert get_rules("en").appeal(point) not in text
        if not action.appeals.get(lang):
            assert letter.untranslated[0] == get_rules(lang).untranslated_marker("en")
            assert len(marked) == 1 + len(action.appeals["en"])


def test_translated_paragraphs_leave_the_block(seeds, berlin):
    letter = compose_letter(seeds["juraev-2011"], "prosecutor-general", "de", berlin, DAY)
    assert letter.has_untranslated
    marked = letter.untranslated_indexes()
    text = letter.to_text()
    for i in marked:
        text = text.replace(letter.paragraphs[i], f"Übersetzt {i}.")
    edited = from_text(text, letter)
    assert not edited.has_untranslated


def _bar_lines(layout):
    return [op for page in layout.pages for op in page
            if op[0] == "l" and op[-1] == pdf_export.UNTRANSLATED_GRAY]


def test_the_pdf_marks_the_block(seeds, berlin):
    letter = compose_letter(seeds["juraev-2011"], "prosecutor-general", "fr", berlin, DAY)
    layout = pdf_export.layout_letter(letter)
    bars = _bar_lines(layout)
    others = [p for i, p in enumerate(letter.paragraphs) if i not in letter.untranslated_indexes()]
    others += letter.addressee + letter.sender + letter.copies
    fonts = {op[3] for page in layout.pages for op in page if op[0] == "t" and len(op[5]) > 20
             and any(op[5] in p for p in letter.untranslated)
             and not any(op[5] in p for p in others)}
    assert len(bars) >= len(letter.untranslated)           # a bar beside every line of the block
    assert fonts and all("Italic" in f for f in fonts)
    ru = compose_letter(seeds["juraev-2011"], "prosecutor-general", "ru", berlin, DAY)
    assert not ru.untranslated and not _bar_lines(pdf_export.layout_letter(ru))


def test_the_docx_marks_the_block_and_tags_english_as_english(seeds, berlin):
    from docx.oxml.ns import qn

    letter = compose_letter(seeds["juraev-2011"], "prosecutor-general", "es", berlin, DAY)
    doc = letter_docx_document(letter)
    by_text = {p.text: p for p in doc.paragraphs}
    for k, text in enumerate(letter.untranslated):
        p = by_text[text]
        assert p._p.pPr.find(qn("w:pBdr")) is not None
        assert all(r.italic for r in p.runs)
        langs = {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in p.runs}
        assert langs == ({"es-ES"} if k == 0 else {"en-GB"})
    opening = by_text[letter.paragraphs[0]]
    assert opening._p.pPr.find(qn("w:pBdr")) is None
    assert {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in opening.runs} == {"es-ES"}


def test_cli_says_so_and_strict_refuses(capsys, berlin_dd, tmp_path):
    base = ["--data-dir", berlin_dd, "--today", "2011-04-01", "letter", "juraev-2011",
            "--to", "prosecutor-general", "--lang", "de"]
    code, _out, err = run(capsys, *base, "-o", str(tmp_path / "a.pdf"))
    assert code == 0 and (tmp_path / "a.pdf").exists()
    assert "marked for translation" in err
    code, _out, err = run(capsys, *base, "--strict", "-o", str(tmp_path / "b.pdf"))
    assert code == 2 and not (tmp_path / "b.pdf").exists()
    assert re.search(r"error: .*marked for translation", err)
    code, _out, err = run(capsys, *base[:-1], "ru", "--strict", "-o", str(tmp_path / "c.pdf"))
    assert code == 0 and (tmp_path / "c.pdf").exists()
