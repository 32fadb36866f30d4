"""DOCX letters: real styled paragraphs, language tags everywhere, PT Serif, A4 with PDF margins."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.export.sample_letters import english_letter, russian_letter
from ua_writer.export.docx import letter_docx_document, write_letter_docx

W_LANG = qn("w:lang")


def _read(letter, tmp_path, **opts):
    res = write_letter_docx(letter, tmp_path / "l.docx", **opts)
    assert res.format == "docx" and res.bytes_written > 0 and res.pages is None
    return docx.Document(str(tmp_path / "l.docx"))


def _all_paragraphs(d):
    """The head table's paragraphs (copy marker, sender, addressee, date), then the body's."""
    head = [p for t in d.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return [p for p in head + d.paragraphs if p.text]


def test_paragraphs_and_styles_round_trip(tmp_path):
    letter = russian_letter(copy_marker="КОПИЯ письма Генеральному прокурору")
    d = _read(letter, tmp_path)
    got = [(p.style.name, p.text) for p in _all_paragraphs(d)]
    expected = ([("Copy Marker", "КОПИЯ"), ("Copy Marker Note", "письма Генеральному прокурору")]
                + [("Sender", s) for s in letter.sender]
                + [("Addressee", a) for a in letter.addressee]
                + [("Date", letter.place_date), ("Subject", letter.subject),
                   ("Salutation", letter.salutation)]
                + [("Body Text", p) for p in letter.paragraphs]
                + [("Closing", letter.closing)]
                + [("Signature", s) for s in letter.signature]
                + [("Copies Heading", letter.copies_heading)]
                + [("Copies", c) for c in letter.copies])
    assert got == expected
    assert d.styles["Subject"].font.bold is True


@pytest.mark.parametrize("lang,tag", [("ru", "ru-RU"), ("en", "en-GB"), ("de", "de-DE"),
                                      ("fr", "fr-FR"), ("es", "es-ES"), ("de-CH", "de-CH")])
def test_every_run_and_the_defaults_carry_the_letter_language(lang, tag):
    letter = english_letter(language=lang)
    d = letter_docx_document(letter)
    runs = [r for p in _all_paragraphs(d) for r in p.runs]
    assert runs
    for r in runs:
        langs = r._r.findall(f"{qn('w:rPr')}/{W_LANG}")
        assert [el.get(qn("w:val")) for el in langs] == [tag], r.text
    defaults = d.styles.element.find(qn("w:docDefaults"))
    lang_el = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{W_LANG}")
    assert lang_el.get(qn("w:val")) == tag
    normal_lang = d.styles["Normal"].element.find(f"{qn('w:rPr')}/{W_LANG}")
    assert normal_lang.get(qn("w:val")) == tag
    assert d.core_properties.language == tag


def test_word_is_asked_to_spell_check_and_hyphenate(tmp_path):
    d = _read(russian_letter(), tmp_path)
    settings = d.settings.element
    assert settings.find(qn("w:proofState")) is None
    assert settings.find(qn("w:autoHyphenation")) is not None


def test_pt_serif_on_the_styles_for_every_script():
    d = letter_docx_document(russian_letter())
    for rpr in (d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                d.styles["Normal"].element.find(qn("w:rPr"))):
        rfonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rfonts.get(qn(attr)) == "PT Serif"
        assert rfonts.get(qn("w:asciiTheme")) is None


def test_page_and_margins_match_the_pdf():
    sec = letter_docx_document(russian_letter()).sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert round(sec.left_margin.mm) == 25 and round(sec.right_margin.mm) == 20
    # the page begins at the PDF's sender top: the head table fills it down to the address field
    assert round(sec.top_margin.mm) == 14 and round(sec.bottom_margin.mm) == 20
    assert sec.different_first_page_header_footer
    assert "NUMPAGES" in sec.footer._element.xml
    us = letter_docx_document(russian_letter(), page_size="letter").sections[0]
    assert round(us.page_width.mm, 1) == 215.9


def test_addressee_in_an_exact_table_cell_at_the_window_position():
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    letter = russian_letter()
    d = letter_docx_document(letter)
    (table,) = d.tables
    head, field = table.rows
    # row 1 from the page's top margin (14 mm) to the field (45 mm), row 2 the 45 mm field:
    # exact heights, so nothing in them can push the address out of the window
    assert [round(r.height.mm, 1) for r in (head, field)] == [31.0, 45.0]
    assert {r.height_rule for r in (head, field)} == {WD_ROW_HEIGHT_RULE.EXACTLY}
    cell = field.cells[0]
    assert [p.text for p in cell.paragraphs] == letter.addressee
    assert round(cell.width.mm) == 85
    tblpr = table._tbl.tblPr
    assert int(tblpr.find(qn("w:tblInd")).get(qn("w:w"))) == int(Mm(-5).twips)   # field at 20 mm
    mar = cell._tc.tcPr.find(qn("w:tcMar"))
    assert int(mar.find(qn("w:left")).get(qn("w:w"))) == int(Mm(5).twips)         # text at 25 mm
    assert int(mar.find(qn("w:top")).get(qn("w:w"))) == int(Mm(17.7).twips)       # from 62.7 mm
    assert [p.text for p in field.cells[1].paragraphs] == [letter.place_date]
    assert not any(p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None
                   for p in d.paragraphs)


def test_body_size_follows_the_pdf():
    from ua_writer.export.pdf import layout_letter
    from tests.export.sample_letters import long_russian_letter

    for letter in (russian_letter(), long_russian_letter()):
        d = letter_docx_document(letter)
        assert d.styles["Normal"].font.size.pt == layout_letter(letter).body_size


def test_core_properties():
    d = letter_docx_document(russian_letter())
    cp = d.core_properties
    assert cp.title == "Письмо: Низомхон Джураев"
    assert cp.author == "Анна Ковач" and cp.last_modified_by == "Анна Ковач"
    assert cp.subject == "UA 90/11"
    assert "python-docx" not in (cp.comments or "")


def test_forced_line_breaks_inside_a_paragraph():
    d = letter_docx_document(english_letter(paragraphs=["one\ntwo"]))
    body = [p for p in d.paragraphs if p.style.name == "Body Text"][0]
    assert body.text == "one\ntwo"


@pytest.mark.slow
def test_libreoffice_puts_the_address_in_the_window(tmp_path):
    """Where LibreOffice is installed, render the DOCX and check the framed address's position."""
    import shutil
    import subprocess

    from tests.export.helpers import HAS_PDFTOTEXT, word_boxes

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not HAS_PDFTOTEXT:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    letter = russian_letter()
    write_letter_docx(letter, tmp_path / "l.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "l.docx")],
                   check=True, capture_output=True, timeout=180)
    boxes = word_boxes(tmp_path / "l.pdf")
    mm = 72 / 25.4
    first = next(b for b in boxes if b[0] == letter.addressee[0].split()[0])
    assert first[1] == pytest.approx(25 * mm, abs=2)
    assert 60 * mm <= first[2] <= 68 * mm
    date = next(b for b in boxes if b[0] == letter.place_date.split()[0])
    last = max((b for b in boxes if b[0] == letter.addressee[-1].split()[-1] and b[1] < 105 * mm
                and b[2] < 95 * mm),
               key=lambda b: b[2])
    assert date[4] == pytest.approx(last[4], abs=2)     # beside the foot of the address, as the PDF


def test_body_alignment():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert letter_docx_document(russian_letter()).styles["Body Text"].paragraph_format.alignment \
        == WD_ALIGN_PARAGRAPH.LEFT
    assert letter_docx_document(russian_letter(), align="justify").styles["Body Text"] \
        .paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
