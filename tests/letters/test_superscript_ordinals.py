"""French "1er" is set as superscript in every paged rendering (the PDF letter, its DOCX and the
fax cover) while the text keeps the plain letters, so pdftotext, search and plain text still read
"1er" (issue #15, typography: '"1er" not superscript')."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest

from ua_writer.core.compose import compose_letter
from ua_writer.core.model import SenderProfile
from ua_writer.core.typography import superscript_spans
from ua_writer.export.docx import letter_docx_document
from ua_writer.export.faxcover import fax_cover_pdf
from ua_writer.export.pdf import write_letter_pdf

FIRST = dt.date(2011, 4, 1)
LYON = SenderProfile(name="Paul Durand", address_lines=["3 rue Neuve", "69001 Lyon"], city="Lyon",
                     country="FR", gender="m")


def test_spans():
    assert superscript_spans("Lyon, le 1er avril 2011", "fr") == [
        ("Lyon, le 1", False), ("er", True), (" avril 2011", False)]
    assert superscript_spans("le 11 avril", "fr") == [("le 11 avril", False)]
    assert superscript_spans("1er", "de") == [("1er", False)]


def _one_er(pdf_path):
    with pdfplumber.open(str(pdf_path)) as pdf:
        chars = pdf.pages[0].chars
    for k, ch in enumerate(chars[:-2]):
        if ch["text"] == "1" and chars[k + 1]["text"] == "e" and chars[k + 2]["text"] == "r" \
                and chars[k + 3]["text"] in (" ", "\u00a0", "a"):
            return ch, chars[k + 1], chars[k + 2]
    raise AssertionError("no '1er' on the page")


@pytest.mark.parametrize("day,raised", [(FIRST, True), (dt.date(2011, 4, 11), False)])
def test_the_letter_pdf_raises_er_on_the_first_only(seeds, tmp_path, day, raised):
    letter = compose_letter(seeds["juraev-2011"], "prosecutor-general", "fr", LYON, day)
    write_letter_pdf(letter, tmp_path / "l.pdf")
    if not raised:
        with pdfplumber.open(str(tmp_path / "l.pdf")) as pdf:
            assert "1er" not in pdf.pages[0].extract_text()
        return
    one, e, r = _one_er(tmp_path / "l.pdf")
    assert e["size"] < one["size"] * 0.7 and r["size"] == e["size"]
    assert e["bottom"] < one["bottom"] - 2          # raised above the baseline (pdfplumber: y down)


def test_the_docx_and_the_fax_cover_raise_it_too(seeds, tmp_path):
    action = seeds["juraev-2011"]
    letter = compose_letter(action, "prosecutor-general", "fr", LYON, FIRST)
    doc = letter_docx_document(letter)
    paras = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    paras += list(doc.paragraphs)
    (date,) = [p for p in paras if "avril 2011" in p.text]
    assert date.text.replace("\u00a0", " ") == "Lyon, le 1er avril 2011"
    assert [(r.text, bool(r.font.superscript)) for r in date.runs][1] == ("er", True)
    fax_cover_pdf(letter, action.recipient("prosecutor-general"), LYON, action, tmp_path / "c.pdf",
                  date=FIRST)
    one, e, _r = _one_er(tmp_path / "c.pdf")
    assert e["size"] < one["size"] * 0.7 and e["bottom"] < one["bottom"] - 2
