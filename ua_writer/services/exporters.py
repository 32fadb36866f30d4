"""The one registry of letter exporters and the one ``file_name()``: what the CLI, the GUI and
the mail merge write a Letter with, and what they call the file.

``EXPORTERS`` maps a kind ("pdf", "docx", "txt", "fax" — a fax packet: cover + letter in one PDF)
to its :class:`Exporter`; ``export(kind, letter, path, ...)`` writes it and returns the
exporter's ``ExportResult``; ``render(kind, letter, ...)`` renders to memory (the mail merge warms
its workers with it). ``letter_pages()`` is the page count of the letter itself for any kind (a
DOCX's is the PDF layout's, an estimate). Exporter modules are imported on first use.
Qt-free; imports export and core only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _
from ua_writer.core.letter import Letter
from ua_writer.core.model import Action, Recipient, SenderProfile

#: page sizes every paged exporter knows
PAGE_SIZES = ("a4", "letter")


@dataclass(frozen=True)
class Exporter:
    kind: str
    suffix: str                 # file suffix without the dot
    paged: bool                 # has a page size and alignment
    write: Callable             # (letter, path, **opts) -> ExportResult
    to_memory: Callable | None  # (letter, **opts) -> bytes | (bytes, pages)


def _pdf_write(letter, path, *, page_size="a4", align="left", window_side="left", **_extra):
    from ua_writer.export.pdf import write_letter_pdf

    return write_letter_pdf(letter, path, page_size=page_size, align=align, window_side=window_side)


def _pdf_bytes(letter, *, page_size="a4", align="left", window_side="left", **_extra):
    from ua_writer.export.pdf import letter_pdf_bytes

    return letter_pdf_bytes(letter, page_size=page_size, align=align, window_side=window_side)


def _docx_write(letter, path, *, page_size="a4", align="left", window_side="left", **_extra):
    from ua_writer.export.docx import write_letter_docx

    return write_letter_docx(letter, path, page_size=page_size, align=align, window_side=window_side)


def _docx_bytes(letter, *, page_size="a4", align="left", window_side="left", **_extra):
    from ua_writer.export.docx import letter_docx_bytes

    return letter_docx_bytes(letter, page_size=page_size, align=align, window_side=window_side)


def _txt_write(letter, path, **_extra):
    from ua_writer.export.text import write_letter_txt

    return write_letter_txt(letter, path)


def _txt_text(letter, **_extra):
    from ua_writer.export.text import letter_text

    return letter_text(letter)


def _fax_write(letter, path, *, recipient: Recipient, profile: SenderProfile | None, action: Action,
               date, page_size="a4", align="left", include_note=False, **_extra):
    from ua_writer.export.faxcover import fax_packet_pdf

    return fax_packet_pdf(letter, recipient, profile, action, path, date=date, page_size=page_size,
                          align=align, include_note=include_note)


EXPORTERS: dict[str, Exporter] = {
    "pdf": Exporter("pdf", "pdf", True, _pdf_write, _pdf_bytes),
    "docx": Exporter("docx", "docx", True, _docx_write, _docx_bytes),
    "txt": Exporter("txt", "txt", False, _txt_write, _txt_text),
    "fax": Exporter("fax", "pdf", True, _fax_write, None),
}
#: the kinds a plain letter file can be (``letter --format``)
LETTER_FORMATS = ("pdf", "docx", "txt")


def exporter(kind: str) -> Exporter:
    try:
        return EXPORTERS[kind]
    except KeyError:
        raise UserFacingError(_("unknown format {value}; use {choices}").format(
            value=repr(kind), choices=" or ".join(EXPORTERS))) from None


def export(kind: str, letter: Letter, path: str | Path, **opts):
    """Write ``letter`` as ``kind`` to ``path``; ``opts``: page_size, align, window_side (PDF and
    DOCX: where the envelope window is), and for "fax" recipient, profile, action, date, include_note.
    Returns the exporter's ExportResult."""
    return exporter(kind).write(letter, path, **opts)


def render(kind: str, letter: Letter, **opts):
    """``letter`` rendered to memory as ``kind`` (not for "fax")."""
    ex = exporter(kind)
    if ex.to_memory is None:
        raise ValueError(f"{kind} has no in-memory rendering")
    return ex.to_memory(letter, **opts)


def layout_options(prefs: dict) -> dict:
    """The page options the user's preferences ask for: page_size, window_side."""
    from ua_writer.core import settings

    # no choice made in Preferences: the window where the sender's envelopes have it ("auto")
    side = prefs.get("window_side") if prefs.get("window_side") in ("left", "right") else "auto"
    return {"page_size": settings.get(prefs, "page_size"), "window_side": side}


def letter_pages(kind: str, letter: Letter, result, page_size: str = "a4") -> int | None:
    """Pages of the letter itself in ``result``: the exporter's count, or for a DOCX the PDF
    layout's (Word's own pagination may differ slightly); None for plain text."""
    pages = getattr(result, "letter_pages", None)
    if pages is None and kind == "docx":
        from ua_writer.export.pdf import layout_letter

        pages = layout_letter(letter, page_size).page_count
    return pages


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\s]+')


def safe_part(text: str, max_len: int = 60) -> str:
    """One file-name-safe part: letters of any script kept, separators and spaces -> "-"."""
    s = _UNSAFE.sub("-", unicodedata.normalize("NFC", text or "")).strip(".-")
    return s[:max_len].rstrip(".-")


def file_stem(action_id: str, *parts: str) -> str:
    """``<action>-<part>-<part>``, each part file-name-safe (also a folder's name)."""
    stem = "-".join(p for p in (safe_part(x) for x in (action_id, *parts)) if p)
    return stem[:150] or "letter"


def file_name(action_id: str, *parts: str, suffix: str) -> str:
    """The file name of an export: ``<action>-<part>-<part>.<suffix>``, e.g.
    ``file_name("juraev-2011", "prosecutor-general", "ru", suffix="pdf")`` ->
    ``juraev-2011-prosecutor-general-ru.pdf`` (the CLI's ``--to all`` names, and the GUI's)."""
    return f"{file_stem(action_id, *parts)}.{suffix.lstrip('.')}"


def letter_file_name(action: Action, recipient: Recipient, language: str, kind: str) -> str:
    """The name of ``kind``'s file of the letter to ``recipient`` (a fax packet: ``-fax.pdf``)."""
    extra = ("fax",) if kind == "fax" else ()
    return file_name(action.id, recipient.id, language, *extra, suffix=exporter(kind).suffix)
