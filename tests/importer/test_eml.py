"""E-mail files (.eml): multipart, quoted-printable, HTML-only, as a section's UA e-mail arrives."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from ua_writer.core.errors import ImportFailed
from ua_writer.core.importer import import_bytes, import_file
from ua_writer.core.importer.eml import looks_like_email

from .test_translations import DE

HTML = "<html><body><h1>Eilaktion: Blogger wegen Kritik inhaftiert</h1>" + "".join(
    f"<p>{line}</p>" for line in DE.split("\n")[1:] if line.strip()) + "</body></html>"


def _message(plain: str | None, html: str | None, cte: str = "quoted-printable") -> bytes:
    m = EmailMessage()
    m["From"] = "Amnesty Sektion <ua@example.org>"
    m["To"] = "netz@example.org"
    m["Subject"] = "Fwd: Eilaktion: Blogger wegen Kritik inhaftiert (Aserbaidschan: UA 77/21)"
    if plain is not None:
        m.set_content(plain, charset="utf-8", cte=cte)
    if html is not None:
        if plain is None:
            m.set_content(html, subtype="html", charset="utf-8", cte=cte)
        else:
            m.add_alternative(html, subtype="html", charset="utf-8", cte=cte)
    m.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf", filename="ua.pdf")
    return bytes(m)


@pytest.mark.parametrize("plain,html,cte", [
    (DE, None, "quoted-printable"), (DE, None, "base64"), (DE, HTML, "quoted-printable"),
    (None, HTML, "quoted-printable")])
def test_an_emailed_ua_imports_like_its_text(plain, html, cte, tmp_path):
    raw = _message(plain, html, cte)
    assert looks_like_email(raw)
    path = tmp_path / "ua.eml"
    path.write_bytes(raw)
    a = import_file(path).action
    assert a.deadline.isoformat() == "2021-04-12"
    assert a.appeals["de"][0].startswith("Fordern Sie die Behörden auf")
    assert a.recipients[0].name == "Kamran Aliyev"
    assert a.recipients[0].email == ["info@prosecutor.example.az"]
    assert "Blogger wegen Kritik inhaftiert" in a.title


def test_an_eml_without_a_suffix_is_recognised_by_its_headers():
    a = import_bytes(_message(DE, None), "ua", suffix="").action
    assert a.appeals.get("de")


def test_plain_text_is_not_taken_for_an_email():
    assert not looks_like_email(DE.encode())
    assert not looks_like_email(b"Subject: a line that only looks like a header\n\nand text")


def test_an_email_without_text_is_refused_with_a_message():
    m = EmailMessage()
    m["From"] = "a@example.org"
    m["Subject"] = "only an attachment"
    m.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="x.bin")
    with pytest.raises(ImportFailed):
        import_bytes(bytes(m), "x.eml", suffix=".eml")
