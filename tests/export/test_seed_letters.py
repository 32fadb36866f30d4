"""Every bundled action × recipient × language (ru, en, de, fr, es), composed for real, through PDF,
DOCX and text, read back (pdftotext, python-docx)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.export.helpers import assert_letter_in_text, needs_pdftotext, pdf_text
from ua_writer import paths
from ua_writer.core import packs
from ua_writer.core.model import SenderProfile
from ua_writer.export.docx import letter_docx_document
from ua_writer.export.pdf import letter_pdf_bytes, write_letter_pdf
from ua_writer.export.text import letter_text

compose = pytest.importorskip("ua_writer.core.compose",
                              reason="compose.py (the composer) is not written yet")

DATE = dt.date(2011, 4, 1)
PROFILE = SenderProfile(name="Anna Kovach", names={"ru": "Анна Ковач"},
                        address_lines=["Musterstraße 12", "10115 Berlin"], city="Berlin",
                        country="DE", email="anna.kovach@example.org", gender="f",
                        languages=["ru", "en"])


def _actions():
    return [packs.load(p) for p in sorted(paths.bundled_actions_dir().glob("*.json"))]


def _cases():
    cases = []
    for action in _actions():
        langs = list(dict.fromkeys([*action.languages, "en", "ru", "de", "fr", "es"]))
        for r in action.recipients:
            for lang in langs:
                cases.append(pytest.param(action, r, lang, id=f"{action.id}-{r.id}-{lang}"))
    return cases


CASES = _cases()


def _letter(action, recipient, lang):
    if recipient.is_copy or recipient.copies_only:       # a copy of the letter to the first main one
        main = next(r for r in action.main_recipients() if not r.copies_only)
        return compose.compose_letter(action, recipient, lang, PROFILE, DATE, copy_of=main)
    return compose.compose_letter(action, recipient, lang, PROFILE, DATE)


def test_there_are_seed_letters():
    assert len(CASES) >= 10


@needs_pdftotext
@pytest.mark.parametrize("action,recipient,lang", CASES)
def test_pdf_docx_txt_carry_the_composed_letter(action, recipient, lang, tmp_path):
    letter = _letter(action, recipient, lang)
    assert letter.addressee and letter.salutation and letter.paragraphs

    res = write_letter_pdf(letter, tmp_path / "l.pdf")
    text = pdf_text(tmp_path / "l.pdf")
    assert_letter_in_text(letter, text)
    assert not [w for w in res.warnings if "glyphs" in w], res.warnings

    d = letter_docx_document(letter)
    head = [p for t in d.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    # an address line the PDF wrapped has a line break at the same word in the DOCX
    paras = [p.text.replace("\n", " ") for p in head + d.paragraphs]
    for line in letter.addressee:
        assert line in paras
    assert letter.salutation in paras and letter.place_date in paras
    for p in letter.paragraphs:
        assert p in paras

    plain = letter_text(letter)
    for piece in [*letter.addressee, letter.salutation, letter.place_date, *letter.paragraphs]:
        assert piece in plain


@pytest.mark.parametrize("action,recipient,lang",
                         [c for c in CASES if c.values[2] in ("ru", "en")])
def test_seed_letters_fit_one_a4_page(action, recipient, lang):
    letter = _letter(action, recipient, lang)
    _, pages = letter_pdf_bytes(letter)
    assert pages == 1, f"{action.id}/{recipient.id}/{lang} runs to {pages} pages"


@pytest.mark.parametrize("action,recipient,lang",
                         [c for c in CASES if c.values[2] in ("ru", "en")][:6])
def test_docx_language_matches_the_letter(action, recipient, lang):
    from docx.oxml.ns import qn

    d = letter_docx_document(_letter(action, recipient, lang))
    tag = {"ru": "ru-RU", "en": "en-GB"}[lang]
    head = [p for t in d.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    vals = {el.get(qn("w:val")) for p in head + d.paragraphs for r in p.runs
            for el in r._r.iter(qn("w:lang"))}
    assert vals == {tag}
