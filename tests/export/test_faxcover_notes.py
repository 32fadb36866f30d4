"""A recipient's note is advice to the writer, not something to fax to that office: off by default,
on request in the letter's language, and a copies-only recipient's note never."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from ua_writer.core import compose, packs
from ua_writer.core.model import SenderProfile
from ua_writer.export.faxcover import fax_packet_pdf
from ua_writer.paths import bundled_actions_dir

PROFILE = SenderProfile(name="Anna Kovač", address_lines=["Hauptstr. 1", "10115 Berlin"], city="Berlin",
                        country="DE", phone="+49 30 1234567")


def _text(path):
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_fax_hint_only_on_request_and_copies_only_advice_never(tmp_path):
    k = packs.load(bundled_actions_dir() / "kasymakhunov-2012.json")
    mfa = k.recipient("mfa-third-cis-department")
    for lang, hint in (("en", "voice answers"), ("ru", "Если ответит голос")):
        letter = compose.compose_letter(k, mfa, lang, PROFILE, dt.date(2012, 7, 1))
        out = tmp_path / f"mfa-{lang}.pdf"
        fax_packet_pdf(letter, mfa, PROFILE, k, out)
        assert hint not in _text(out)           # the ministry receives this sheet: no writer's notes
        fax_packet_pdf(letter, mfa, PROFILE, k, out, include_note=True)
        assert hint in _text(out)

    j = packs.load(bundled_actions_dir() / "juraev-2011.json")
    court = j.recipient("moscow-city-court")
    assert court.copies_only and "only copies" in court.note
    letter = compose.compose_letter(j, court, "en", PROFILE, dt.date(2011, 4, 1), copy_of="prosecutor-general")
    out = tmp_path / "court.pdf"
    fax_packet_pdf(letter, court, PROFILE, j, out, include_note=True)
    assert "only copies" not in _text(out)


def test_the_note_is_in_the_letters_language(tmp_path):
    k = packs.load(bundled_actions_dir() / "kasymakhunov-2012.json")
    mfa = k.recipient("mfa-third-cis-department")
    assert mfa.note_in("ru") == "Если ответит голос, попросите включить факс."
    assert mfa.note_in("de") == mfa.note  # no German note: the pack's own
    letter = compose.compose_letter(k, mfa, "ru", PROFILE, dt.date(2012, 7, 1))
    out = tmp_path / "mfa-ru.pdf"
    fax_packet_pdf(letter, mfa, PROFILE, k, out, include_note=True)
    text = _text(out)
    assert "попросите включить факс" in text and "voice answers" not in text
