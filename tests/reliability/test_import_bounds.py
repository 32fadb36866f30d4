"""Hostile PDF, DOCX and HTML files are refused in one line, within bounded memory and time.

Issue #16 items 2 and 3: a 460 KB PDF with one compressed content stream reached 7.5 GB; a page
of tiny text took 19 s and 1.5 GB; a DOCX whose document.xml inflates to 4 GB reached 8.4 GB;
Python's HTML parser took 21 s on 202 KB of ``<a`` repeated. Each case runs ``ua-writer import``
in a subprocess under ``resource`` limits (address space and CPU seconds), so a regression fails
here instead of taking the machine down.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
import zlib

import pytest

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child: the bombs want far more
CPU_SECONDS = 15


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _import(path, tmp_path):
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(tmp_path / "data"))
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "ua_writer", "import", str(path)], env=env,
                       capture_output=True, text=True, preexec_fn=_limits, timeout=120)
    return r, time.monotonic() - t0


def _assert_refused(r, seconds, *words):
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert r.stderr.startswith("ua-writer: error: ") and r.stderr.count("\n") == 1, r.stderr
    assert all(w in r.stderr for w in words), r.stderr
    assert seconds < 30


def _pdf(content_chunks, *, compressed=True) -> bytes:
    """A one-page PDF whose content stream is the concatenation of ``content_chunks``
    (an iterable of bytes), Flate-compressed piece by piece (never all in memory)."""
    if compressed:
        c = zlib.compressobj(9)
        comp = b"".join(c.compress(ch) for ch in content_chunks) + c.flush()
        stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp
    else:
        data = b"".join(content_chunks)
        stream = b"<< /Length %d >>\nstream\n" % len(data) + data
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R"
            b" >> >> /Contents 4 0 R >>",
            stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_pdf_compression_bomb_is_refused(tmp_path):
    spaces = b" " * (1 << 20)
    head = b"BT /F1 12 Tf 72 720 Td (Urgent Action for Nizomhon Juraev) Tj ET\n"
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf([head] + [spaces] * 2048))  # 2 GB inflated from ~2 MB
    assert path.stat().st_size < 4 * 1024 * 1024
    r, seconds = _import(path, tmp_path)
    _assert_refused(r, seconds, "expands to more than")


def test_a_page_of_tiny_text_is_refused_quickly(tmp_path):
    line = b"(" + b"Urgent Action tiny text " * 20 + b") Tj 0 -1 Td\n"
    content = [b"BT /F1 1 Tf 1 840 Td\n"] + [line] * 8000 + [b"ET\n"]  # ~3.8 M characters
    path = tmp_path / "tiny.pdf"
    path.write_bytes(_pdf(content))
    r, seconds = _import(path, tmp_path)
    _assert_refused(r, seconds, "far more text than an Urgent Action")


def test_a_docx_whose_document_inflates_to_gigabytes_is_refused(tmp_path):
    from docx import Document

    d = Document()
    d.add_paragraph("Urgent Action")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                z.writestr(info, data)
                continue
            head, tail = data.split(b"Urgent Action")
            with z.open("word/document.xml", "w", force_zip64=True) as out:
                out.write(head + b"Urgent Action")
                spaces = b" " * (1 << 20)
                for _ in range(2048):
                    out.write(spaces)
                out.write(tail)
    r, seconds = _import(path, tmp_path)
    _assert_refused(r, seconds, "Word document expands")


@pytest.mark.parametrize("markup", ["<a" * 101_000, "<a href='" * 300_000, "<p>" * 400_000,
                                    "<li>x" * 300_000])
def test_crafted_html_is_read_in_linear_time(tmp_path, markup):
    path = tmp_path / "page.html"
    path.write_text("<html><body>" + markup, encoding="utf-8")
    r, seconds = _import(path, tmp_path)
    assert r.returncode in (0, 2), r.stderr[-2000:]  # read (as whatever it is) or refused
    assert r.returncode == 0 or r.stderr.count("\n") == 1, r.stderr
    assert seconds < 30


def test_a_huge_web_page_is_refused_in_one_line():
    from ua_writer.core.errors import ImportFailed
    from ua_writer.core.importer.text import MAX_HTML_BYTES, html_to_text

    with pytest.raises(ImportFailed, match="web page is too large"):
        html_to_text("<p>x</p>" * (MAX_HTML_BYTES // 8 + 1))


def test_a_normal_html_page_still_reads_as_before():
    from ua_writer.core.importer.text import html_to_text

    page = ("<html><head><title>T</title><script>x=1</script></head><body><nav>menu</nav>"
            "<p>Hello &amp; <b>world</b></p><ul><li>one<li>two</ul><table><tr><td>a</td>"
            "<td>b</td></tr></table>tail<br>next<div class='cookie-banner'>cookies</div></body>"
            "</html>")
    assert html_to_text(page) == "Hello & world\n\n• one\n\n• two\n\na\n\nb\n\ntail\nnext"
