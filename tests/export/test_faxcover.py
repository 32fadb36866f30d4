"""Fax cover + letter as one PDF: the printed page count is the real total; labels per language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.export.helpers import assert_letter_in_text, needs_pdftotext, norm, pdf_pages, pdf_text
from tests.export.sample_letters import english_letter, long_russian_letter, russian_letter
from ua_writer.core.model import Action, LocalizedRecipient, Recipient, SenderProfile
from ua_writer.export.faxcover import (fax_cover_pdf, fax_packet_bytes, fax_packet_pdf, format_phone,
                                       labels_for)


def _recipient():
    return Recipient(
        id="prosecutor-general", name="Yurii Yakovlevich Chaika",
        title="Prosecutor General of the Russian Federation", country="RU",
        fax=["+7 495 987 58 41"], note='If a voice answers, ask for "Fax".',
        localized={"ru": LocalizedRecipient(name="Юрий Яковлевич Чайка",
                                            title="Генеральный прокурор Российской Федерации")})


def _profile():
    return SenderProfile(name="Anna Kovach", names={"ru": "Анна Ковач"}, country="DE",
                         phone="030 1234567", fax="030 7654321", email="anna@example.org")


def _action():
    return Action(id="juraev-2011", title="Russia extradites Tajikistani asylum seeker",
                  ua_number="90/11",
                  localized={"ru": {"title": "Россия выдает Таджикистану гражданина, ищущего убежища"}})


def test_format_phone():
    assert format_phone("+7 495 987 58 41") == "+7 495 987-58-41"
    assert format_phone("(495) 987-58-41", "RU") == "+7 495 987-58-41"
    assert format_phone("030 1234567", "DE") == "+49 30 1234567"
    assert format_phone("call the office") == "call the office"
    assert format_phone("") == ""


@needs_pdftotext
def test_packet_pages_label_equals_the_real_page_count(tmp_path):
    letter = english_letter()
    res = fax_packet_pdf(letter, _recipient(), _profile(), _action(), tmp_path / "fax.pdf",
                         date=dt.date(2011, 5, 3))
    real = pdf_pages(tmp_path / "fax.pdf")
    assert res.pages == real == 2 and res.letter_pages == 1 and res.fits_one_page
    text = pdf_text(tmp_path / "fax.pdf")
    cover = pdf_text(tmp_path / "fax.pdf", "-f", "1", "-l", "1")
    assert f"Pages: {real}" in cover
    assert "+7 495 987-58-41" in cover
    assert "Yurii Yakovlevich Chaika" in cover and "Prosecutor General of the Russian Federation" in cover
    assert "Anna Kovach" in cover and "+49 30 1234567" in cover and "anna@example.org" in cover
    assert "3 May 2011" in cover                           # Babel, en_GB
    assert "Nizomkhon Dzhuraev (UA 90/11)" in norm(cover)          # the letter's own subject line
    assert "If a voice answers" not in cover     # a note for the writer, not for the ministry
    assert "Please deliver the attached letter to Yurii Yakovlevich Chaika, Prosecutor General of " \
           "the Russian Federation. Thank you." in norm(cover)
    assert_letter_in_text(letter, pdf_text(tmp_path / "fax.pdf", "-f", "2"))
    assert text.count("\f") == real


@needs_pdftotext
def test_russian_packet_with_a_two_page_letter(tmp_path):
    letter = long_russian_letter()
    res = fax_packet_pdf(letter, _recipient(), _profile(), _action(), tmp_path / "fax.pdf",
                         date=dt.date(2011, 5, 3))
    real = pdf_pages(tmp_path / "fax.pdf")
    assert res.pages == real == 3 and res.letter_pages == 2 and res.fits_one_page is False
    cover = norm(pdf_text(tmp_path / "fax.pdf", "-f", "1", "-l", "1"))
    assert f"Страниц: {real}" in cover
    assert "ФАКС" in cover and "Кому:" in cover
    # «Кому:» takes the dative, as the letter's addressee block writes it
    assert "Кому: Генеральному прокурору Российской Федерации Ю. Я. Чайке" in cover
    assert "Анна Ковач" in cover
    assert "3 мая 2011 г." in cover
    assert "Тема: О Низомхоне Джураеве (UA 90/11)" in cover      # the letter's subject, no headline
    assert "Прошу передать прилагаемое письмо Генеральному прокурору Российской Федерации " \
           "Ю. Я. Чайке." in cover


@needs_pdftotext
def test_cover_alone_still_counts_the_letter(tmp_path):
    res = fax_cover_pdf(russian_letter(), _recipient(), _profile(), _action(), tmp_path / "c.pdf")
    assert res.pages == 1 == pdf_pages(tmp_path / "c.pdf")
    cover = norm(pdf_text(tmp_path / "c.pdf"))
    assert "Страниц: 2" in cover
    assert russian_letter().place_date in cover          # no date given: the letter's own line


@needs_pdftotext
@pytest.mark.parametrize("lang,pages_label,date", [
    ("de", "Seiten: 2", "3. Mai 2011"), ("fr", "Pages : 2", "3 mai 2011"),
    ("es", "Páginas: 2", "3 de mayo de 2011"), ("uz", "Pages: 2", None)])
def test_labels_per_language_with_english_fallback(lang, pages_label, date):
    letter = english_letter(language=lang)
    data, pages = fax_packet_bytes(letter, _recipient(), _profile(), _action(), date=dt.date(2011, 5, 3))
    cover = norm(pdf_text(data, "-f", "1", "-l", "1"))
    assert pages == 2 and pages_label in cover
    if date:
        assert date in cover
    if lang == "uz":   # no rules module: English labels and phrasing
        assert "Please deliver the attached letter to Yurii Yakovlevich Chaika" in cover
    else:              # no gender known, so no "an Herrn …": the message that needs none
        assert labels_for(lang)["message_any"] in cover


def test_missing_profile_falls_back_to_the_letter_sender_and_warns_about_no_fax(tmp_path):
    rec = _recipient()
    rec.fax = []
    res = fax_packet_pdf(english_letter(), rec, None, _action(), tmp_path / "f.pdf")
    assert res.pages == 2
    assert any("no fax number" in w for w in res.warnings)


def test_packet_language_and_title():
    import io

    import pypdf

    data, _ = fax_packet_bytes(russian_letter(), _recipient(), _profile(), _action())
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"
    assert re.match(r"ФАКС: О Низомхоне Джураеве", reader.metadata.title)


@needs_pdftotext
def test_the_note_is_left_off_by_default_and_printed_on_request():
    data, _ = fax_packet_bytes(english_letter(), _recipient(), _profile(), _action())
    assert "If a voice answers" not in pdf_text(data)
    data, _ = fax_packet_bytes(english_letter(), _recipient(), _profile(), _action(), include_note=True)
    assert 'If a voice answers, ask for "Fax".' in norm(pdf_text(data))
