"""Read exported files back: pdftotext / pypdf for PDF, python-docx for DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

HAS_PDFTOTEXT = shutil.which("pdftotext") is not None
needs_pdftotext = pytest.mark.skipif(
    not HAS_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed; CI installs it")


def norm(text: str) -> str:
    """Collapse every run of whitespace (incl. no-break and narrow spaces) to one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def pdf_text(pdf: bytes | Path, *args: str) -> str:
    """pdftotext's output for a PDF file or bytes."""
    if isinstance(pdf, (bytes, bytearray)):
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, "-", "-"], input=bytes(pdf),
                           capture_output=True, check=True)
    else:
        r = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True,
                           check=True)
    return r.stdout.decode("utf-8")


def pdf_pages(pdf: bytes | Path) -> int:
    import io

    import pypdf

    src = io.BytesIO(pdf) if isinstance(pdf, (bytes, bytearray)) else str(pdf)
    return len(pypdf.PdfReader(src).pages)


def word_boxes(pdf: bytes | Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points from the top-left, via ``pdftotext -bbox``."""
    html = pdf_text(pdf, "-bbox", "-f", str(page), "-l", str(page))
    out = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                         html):
        out.append((m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))))
    return out


def assert_letter_in_text(letter, text: str) -> None:
    """Every block of the letter appears verbatim (whitespace-normalised) in ``text``."""
    flat = norm(text)
    pieces = [*letter.sender, letter.place_date, *letter.addressee, letter.subject, letter.salutation,
              *letter.paragraphs, letter.closing, *letter.signature,
              letter.copies_heading if letter.copies else "", *letter.copies,
              letter.copy_marker.partition(" ")[0]]
    for piece in pieces:
        if piece:
            assert norm(piece) in flat, f"missing from the export: {piece!r}"
    # the rest of the copy marker is wrapped in a narrow column beside the sender block
    for word in letter.copy_marker.split()[1:]:
        assert norm(word) in flat, f"copy marker word missing from the export: {word!r}"
