"""The importer API: provenance and confidence, unrecognised lines, garbage in, CLI contract."""

from __future__ import annotations

import io
import json
import time

import pytest

from ua_writer.core.errors import ImportFailed, UserFacingError
from ua_writer.core.importer import LOW_CONFIDENCE, import_bytes, import_file, import_text
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.pdf import pdf_to_text

from ..cli_run import run
from .score import CORPUS

CLASSIC = (CORPUS / "classic_02_header_end.txt").read_text(encoding="utf-8")


# -- provenance and confidence ------------------------------------------------------------------

def test_fields_carry_line_numbers_and_confidence():
    r = import_text(CLASSIC, source="x.txt")
    assert r.layout == "classic"
    lines = r.text.split("\n")
    dl = r.fields["deadline"]
    assert dl.confidence >= 0.9
    assert "BEFORE 10 APRIL 2014" in lines[dl.source_line - 1]
    fax = r.fields["recipients[0].fax"]
    assert lines[fax.source_line - 1].startswith("Fax:")
    assert r.fields["recipients[1].copies_only"].confidence >= LOW_CONFIDENCE
    # guessed values are marked low: the main person's gender from a "Gender m/f" label is high,
    # a recipient's gender guessed from a surname is low
    assert r.fields["persons[0].gender"].confidence >= 0.9
    assert r.action.source == "x.txt"


def test_guesses_are_low_confidence():
    text = CLASSIC.replace("Name: Dilshod Karimov", "").replace("Gender m/f: m", "")
    r = import_text(text)
    assert r.action.persons[0].name == "Dilshod Karimov"
    assert "persons[0].name" in r.low_confidence()
    assert "persons[0].gender" in r.low_confidence()


def test_unrecognised_lines_are_reported_not_dropped():
    text = CLASSIC.replace("Russian Federation \n\n \n\nFax: +7 495 698",
                           "Russian Federation \n\n%%%% ~~~~ %%%%\n\nFax: +7 495 698")
    r = import_text(text)
    assert any("%%%%" in t for _, t in r.unrecognised_lines)
    assert r.action.recipients[0].fax == ["+7 495 698 0091", "+7 495 698 0093"]


def test_header_at_the_end_and_deadline_without_year():
    text = CLASSIC.replace("BEFORE 10 APRIL 2014 TO", "BEFORE 10 APRIL TO")
    r = import_text(text)
    assert r.action.deadline.isoformat() == "2014-04-10"
    assert r.fields["deadline"].confidence < LOW_CONFIDENCE


# -- values ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,iso", [
    ("3 MAY 2011", "2011-05-03"), ("May 3, 2011", "2011-05-03"), ("3rd May 2011", "2011-05-03"),
    ("3 мая 2011 г.", "2011-05-03"), ("3. Mai 2011", "2011-05-03"), ("1er mai 2011", "2011-05-01"),
    ("3 de mayo de 2011", "2011-05-03"), ("2011-05-03", "2011-05-03"), ("03.05.2011", "2011-05-03"),
    ("30 June, 2016", "2016-06-30"), ("22 декабря 2011", "2011-12-22"), ("5 Sept 2014", "2014-09-05"),
])
def test_dates_in_several_languages(text, iso):
    assert F.parse_date(text).isoformat() == iso


def test_phone_splitting():
    assert F.split_phones("+7 495 963 9359 / +7 495 963 3338") == (["+7 495 963 9359", "+7 495 963 3338"], None)
    nums, note = F.split_phones('+7 499 241 21 75 (if voice answers, ask for "Fax")')
    assert nums == ["+7 499 241 21 75"] and note == 'if voice answers, ask for "Fax"'
    assert F.split_phones("+ 249 11 771651 / 779977")[0] == ["+249 11 771651/779977"]
    assert F.split_phones("+7 (495) 692-17-25; +7 495 123 45 67")[0] == ["+7 (495) 692-17-25", "+7 495 123 45 67"]


def test_countries_and_sentence_case():
    assert F.country_code("Russian Federation") == "RU"
    assert F.country_code("Российская Федерация") == "RU"
    assert F.country_code("Moscow") is None
    assert F.sentence_case("RUSSIA EXTRADITES TAJIKISTANI ASYLUM SEEKER") == \
        "Russia extradites Tajikistani asylum seeker"
    assert F.sentence_case("UN EXPERTS SAY UZBEK MAN WAS TORTURED", "The UN said") == \
        "UN experts say Uzbek man was tortured"


def test_id_slug_from_surname_and_year():
    assert import_text(CLASSIC).action.id == "karimov-2014"


# -- garbage in ---------------------------------------------------------------------------------------

def _image_only_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 300, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name,data,needle", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("bin.txt", bytes(range(256)) * 40, "binary"),
    ("scan.pdf", None, "no text"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
    ("notpdf.pdf", b"hello, this is not a pdf", "not a valid PDF"),
    ("x.docx", b"PK\x03\x04" + b"\x00" * 100, "Word"),
    ("pic.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
    ("short.txt", b"hello", "no text"),
])
def test_garbage_fails_with_a_clear_message(tmp_path, name, data, needle):
    p = tmp_path / name
    p.write_bytes(_image_only_pdf() if data is None else data)
    with pytest.raises(ImportFailed) as e:
        import_file(p)
    assert needle.lower() in str(e.value).lower()
    assert isinstance(e.value, UserFacingError)


def test_huge_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    t = time.monotonic()
    with pytest.raises(ImportFailed, match="too large"):
        import_file(p)
    assert time.monotonic() - t < 1


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFailed, match="not found"):
        import_file(tmp_path / "nope.txt")
    with pytest.raises(ImportFailed, match="folder"):
        import_file(tmp_path)


def test_pathological_text_is_fast():
    # long lines, many digits, repeated labels: regexes must stay linear
    blobs = ["Fax: " + "1 " * 5000, "(" * 3000 + "a" * 3000, "URGENT ACTION\n" + ("A " * 20000),
             ("Dear " + "x" * 500 + "\n") * 500, "@" * 10000 + "a.b" * 3000, "1/" * 20000]
    for blob in blobs:
        t = time.monotonic()
        try:
            import_text(blob)
        except ImportFailed:
            pass
        assert time.monotonic() - t < 3, blob[:40]


def test_large_texts_stay_bounded():
    big = [("Ivan Petrov Sergei Ivanov Anna Smirnova Boris Pavlov " * 30 + "\n") * 300,
           CLASSIC * 60, ("contact take action write act appeal deadline " * 40 + "\n") * 200]
    for blob in big:
        t = time.monotonic()
        try:
            import_text(blob)
        except ImportFailed:
            pass
        assert time.monotonic() - t < 5


# -- PDF columns ----------------------------------------------------------------------------------------

def test_pdf_address_columns_are_not_interleaved():
    text = pdf_to_text((CORPUS / "classic_10_columns3.pdf").read_bytes())
    lines = [ln for ln in text.split("\n") if ln]
    i = lines.index("Almazbek Atambaev")
    assert lines[i + 1] == "Office of the President"
    j = lines.index("Indira Dzholdubaeva")
    assert lines[j + 1] == "Office of the Prosecutor General"
    assert lines.index("And copies to:") > lines.index("Salutation: Dear Prosecutor General")


# -- CLI -------------------------------------------------------------------------------------------------

def test_cli_import_prints_summary_and_saves(capsys, tmp_path):
    dd = str(tmp_path / "data")
    doc = str(CORPUS / "classic_07_multifax.txt")
    code, out, err = run(capsys, "--data-dir", dd, "import", doc)
    assert code == 0, err
    assert "layout: classic" in out and "deadline: 2012-11-20" in out
    assert "recipients: 2, copies: 1" in out
    code, out, err = run(capsys, "--data-dir", dd, "show", "karaeva-2012", "--json")
    assert code == 0, err
    assert json.loads(out)["recipients"][0]["fax"] == ["+998 71 133 3917", "+998 71 133 7368", "+998 71 133 4155"]
    # importing again needs --replace
    code, out, err = run(capsys, "--data-dir", dd, "import", doc)
    assert code == 2 and "ua-writer: error:" in err
    code, out, err = run(capsys, "--data-dir", dd, "import", doc, "--replace", "--save")
    assert code == 0 and "layout:" not in out


def test_cli_import_json_prints_pack_without_saving(capsys, tmp_path):
    dd = str(tmp_path / "data")
    code, out, err = run(capsys, "--data-dir", dd, "import", str(CORPUS / "fi_01_russia.txt"), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "ua-writer/action@1" and data["deadline"] == "1997-05-22"
    code, out, err = run(capsys, "--data-dir", dd, "show", data["id"])
    assert code == 2


def test_cli_import_garbage_is_a_user_error(capsys, tmp_path):
    p = tmp_path / "bin.pdf"
    p.write_bytes(b"%PDF-1.4 \x00\x01\x02")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "data"), "import", str(p))
    assert code == 2
    assert err.startswith("ua-writer: error:")
    assert "Traceback" not in err


def test_import_bytes_sniffs_content_not_suffix():
    pdf = (CORPUS / "classic_08_plain.pdf").read_bytes()
    assert import_bytes(pdf, "renamed.txt", ".txt").layout == "classic"
