"""``ua-writer letter`` and ``ua-writer fax-cover`` against the bundled seed actions."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pypdf
import pytest

from tests.export.helpers import needs_pdftotext, norm, pdf_pages, pdf_text
from ua_writer.services import letters

from ..cli_run import run

pytest.importorskip("ua_writer.core.compose", reason="compose.py (the composer) is not written yet")

ACTION = "juraev-2011"
DATE = dt.date(2011, 4, 1)


@pytest.fixture
def profile(capsys, dd, tmp_path):
    """A sender profile in the store (through the profile command's JSON import if it has one)."""
    from ua_writer import paths
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store

    paths.set_data_dir(dd)
    store = open_store()
    try:
        store.save_profile(SenderProfile(name="Anna Kovach", names={"ru": "Анна Ковач"},
                                         address_lines=["Musterstraße 12", "10115 Berlin"],
                                         city="Berlin", country="DE", email="anna@example.org",
                                         phone="030 1234567", gender="f", languages=["ru", "en"]))
    finally:
        store.close()
        paths.set_data_dir(None)
    return dd


def composed(dd, recipient_id, lang, date=DATE, action_id=ACTION, copy_of=None):
    """The letter the CLI should have rendered (same store, same composer)."""
    from ua_writer import paths
    from ua_writer.core.store import open_store

    paths.set_data_dir(dd)
    store = open_store()
    try:
        action = store.get_action(action_id)
        return letters.compose(action, action.recipient(recipient_id), lang, store.profile(), date,
                               copy_of=copy_of)
    finally:
        store.close()
        paths.set_data_dir(None)


def test_text_to_stdout_by_default(capsys, profile):
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION)
    assert code == 0, err
    letter = composed(profile, "prosecutor-general", "ru")
    assert out == letter.to_text()
    assert letter.salutation in out


@needs_pdftotext
def test_pdf_from_the_output_suffix(capsys, profile, tmp_path):
    target = tmp_path / "out.pdf"
    code, out, err = run(capsys, "--data-dir", profile, "letter", ACTION, "--lang", "ru",
                         "--date", "2011-04-01", "-o", str(target))
    assert code == 0, err
    assert out.strip() == f"wrote {target} (1 page)"
    letter = composed(profile, "prosecutor-general", "ru")
    text = norm(pdf_text(target))
    for piece in [*letter.addressee, letter.salutation, letter.place_date, *letter.paragraphs]:
        assert norm(piece) in text


def test_docx_and_txt_from_the_suffix_or_format(capsys, profile, tmp_path):
    code, _, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                       "-o", str(tmp_path / "l.docx"))
    assert code == 0, err
    d = docx.Document(str(tmp_path / "l.docx"))
    letter = composed(profile, "prosecutor-general", "ru")
    assert [p.text for p in d.paragraphs if p.style.name == "Salutation"] == [letter.salutation]
    code, _, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                       "--format", "txt", "-o", str(tmp_path / "l.letter"))
    assert code == 0, err
    assert (tmp_path / "l.letter").read_text(encoding="utf-8") == letter.to_text()


def test_to_all_and_copies_write_one_file_per_recipient(capsys, profile, tmp_path):
    out_dir = tmp_path / "letters"
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "--to", "all", "-o", str(out_dir))
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{ACTION}-prosecutor-general-ru.pdf"]
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "--to", "copies", "--lang", "en", "-o", str(out_dir))
    assert code == 0, err
    assert f"{ACTION}-moscow-city-court-en.pdf" in {p.name for p in out_dir.iterdir()}


def test_copies_to_stdout_are_separated(capsys, profile):
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "--to", "copies")
    assert code == 0, err
    letter = composed(profile, "moscow-city-court", "ru")
    assert letter.to_text() in out


@needs_pdftotext
def test_fax_cover_packet_and_cover_alone(capsys, profile, tmp_path):
    packet = tmp_path / "fax.pdf"
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "--fax-cover", "-o", str(packet))
    assert code == 0, err
    real = pdf_pages(packet)
    assert real == 2 and f"({real} pages)" in out
    cover = norm(pdf_text(packet, "-f", "1", "-l", "1"))
    assert f"Страниц: {real}" in cover and "+7 495 987-58-41" in cover

    alone = tmp_path / "cover.pdf"
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "fax-cover", ACTION,
                         "--to", "prosecutor-general", "-o", str(alone))
    assert code == 0, err
    assert pdf_pages(alone) == 1
    assert "Страниц: 2" in norm(pdf_text(alone))


@needs_pdftotext
def test_copy_letter_fax_to_the_court_without_the_writers_note(capsys, profile, tmp_path):
    target = tmp_path / "court.pdf"
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "--to", "moscow-city-court", "--lang", "en", "--fax-cover", "--no-note",
                         "-o", str(target))
    assert code == 0, err
    text = norm(pdf_text(target))
    assert "+7 495 963-93-59" in text and "COPY" in text
    assert "do not send letters directly" not in text


def test_us_letter_page_size(capsys, profile, tmp_path):
    target = tmp_path / "l.pdf"
    code, _, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                       "--page-size", "letter", "-o", str(target))
    assert code == 0, err
    box = pypdf.PdfReader(str(target)).pages[0].mediabox
    assert round(float(box.height)) == 792


def test_missing_profile_warns_on_stderr(capsys, dd, tmp_path):
    code, out, err = run(capsys, "--data-dir", dd, "--today", "2011-04-01", "letter", ACTION)
    assert code == 0
    assert "ua-writer: warning:" in err and "profile" in err


def test_long_letter_warns(capsys, profile, tmp_path, monkeypatch):
    real = letters.compose

    def long_compose(*a, **kw):
        letter = real(*a, **kw)
        letter.paragraphs = letter.paragraphs * 4
        return letter

    monkeypatch.setattr(letters, "compose", long_compose)
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "-o", str(tmp_path / "long.pdf"))
    assert code == 0, err
    assert re.search(r"warning: long\.pdf: the letter runs to [2-9] pages", err)
    assert err.count("runs to") == 1  # the exporter's own page warning is not repeated
    # the fax cover states the pages itself, in its own line: no page warning there
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "fax-cover", ACTION,
                         "--to", "prosecutor-general", "-o", str(tmp_path / "cover.pdf"))
    assert code == 0, err
    assert "runs to" not in err and re.search(r"cover for [3-9] pages in all", out)


@pytest.mark.parametrize("argv,message", [
    (["letter", "no-such-action"], "no action with id 'no-such-action'"),
    (["letter", ACTION, "--to", "nobody"], "has no recipient 'nobody'"),
    (["letter", ACTION, "--format", "pdf"], "needs -o FILE"),
    (["letter", ACTION, "--fax-cover", "-o", "x.docx"], "--fax-cover makes a PDF"),
    (["letter", ACTION, "-o", "x.odt"], "cannot tell the format"),
    (["letter", ACTION, "--date", "3 May"], "YYYY-MM-DD"),
    (["fax-cover", ACTION, "--to", "prosecutor-general", "-o", "x.txt"], "is a PDF"),
])
def test_errors_are_one_line_user_errors(capsys, profile, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", *argv)
    assert code == 2
    assert err.startswith("ua-writer: error:") and message in err
    assert not list(tmp_path.glob("x.*"))


def test_unwritable_target_is_a_user_error(capsys, profile, tmp_path):
    code, out, err = run(capsys, "--data-dir", profile, "--today", "2011-04-01", "letter", ACTION,
                         "-o", str(tmp_path / "missing" / "l.pdf"))
    assert code == 2 and "does not exist" in err
