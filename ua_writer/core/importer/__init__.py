"""Import Urgent Actions from the texts, PDFs, web pages and Word files people receive.

``import_file(path)`` reads .txt/.pdf/.html/.htm/.docx (size-capped, any common encoding) and
``import_text(text)`` parses text. Two kinds of reader: the evidence reader (``general``: line
features from the per-language cue files, sequence rules, scored single-valued fields) reads any
layout; the layout templates (classic 2008-2015 UAs, fi 1990s-2000s plain text, modern 2016+ model
letters) are used when their anchors match strongly (TEMPLATE_MIN) and the evidence reader does not
read the text clearly more coherently (``quality``); background documents have no sign of a UA.
``russian.suggest`` then adds Russian office titles and name spellings (all marked doubtful). The
result (ImportResult) carries the Action, the reader's name, per-field confidence and the lines
nothing was recognised in. Expected failures raise ImportFailed. No Qt.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from ua_writer.core.errors import ImportFailed
from ua_writer.core.i18n import _
from ua_writer.core.importer import background, classic, eml, fi, general, modern, russian
from ua_writer.core.importer import text as T
from ua_writer.core.importer.common import Doc
from ua_writer.core.importer.cues import text_language
from ua_writer.core.importer.result import LOW_CONFIDENCE, FieldInfo, ImportResult

__all__ = ["import_file", "import_text", "ImportResult", "FieldInfo", "LAYOUTS", "LOW_CONFIDENCE",
           "SUPPORTED_SUFFIXES", "detect_layout"]

log = logging.getLogger(__name__)

#: layout modules in order of preference when scores tie
LAYOUTS = (classic, fi, modern, background)
SUPPORTED_SUFFIXES = (".txt", ".text", ".pdf", ".html", ".htm", ".docx", ".eml", ".md")
#: below this score no layout is trusted (background documents score 0.2)
MIN_SCORE = 0.15
#: a layout template is used only when it matches at least this well; below, the evidence reader
#: (``general``) reads the text unless it shows no sign of being an Urgent Action at all
TEMPLATE_MIN = 0.55
#: the evidence reader's own minimum (an "Urgent Action" name, a UA number, contact labels, a letter)
GENERAL_MIN = 0.2


def detect_layout(lines: list[str]) -> list[tuple[str, float]]:
    """Every layout's score for these normalised lines, best first."""
    scores = [(m.NAME, m.score(lines)) for m in LAYOUTS]
    return sorted(scores, key=lambda t: -t[1])


def import_text(text: str, source: str | None = None) -> ImportResult:
    """Recognise an Urgent Action in plain text (or HTML source). Raises ImportFailed."""
    where = f"{source}: " if source else ""
    if not isinstance(text, str):
        raise ImportFailed(where + _("expected text"))
    if len(text) > T.MAX_INPUT_BYTES:
        raise ImportFailed(where + _("the text is too large to be an Urgent Action (more than "
                                     "{size} MB)").format(size=T.MAX_INPUT_BYTES // (1024 * 1024)))
    if T.looks_like_html(text):
        text = T.html_to_text(text)
    if T.looks_binary(text):
        raise ImportFailed(where + _("this does not look like text"))
    lines = T.normalise(text)
    if sum(1 for ln in lines if ln) == 0 or sum(c.isalpha() for ln in lines for c in ln) < 20:
        raise ImportFailed(where + _("there is no text to import"))
    doc = Doc(lines, source)
    started = time.monotonic()
    ranked = detect_layout(lines)
    by_name = {m.NAME: m for m in LAYOUTS}
    best_name, best_score = ranked[0]
    by_name[general.NAME] = general
    if best_name == background.NAME or best_score < TEMPLATE_MIN:
        g = general.score(lines)
        if g >= GENERAL_MIN:
            best_name, best_score = general.NAME, g
            ranked = [(general.NAME, g)] + ranked
    if best_score < MIN_SCORE:
        raise ImportFailed(where + _("this text is not recognised as an Urgent Action or a "
                                     "background document (too little prose, no recipients, no "
                                     "deadline)"))
    try:
        result = by_name[best_name].parse(doc, best_score)
        if best_name not in (general.NAME, background.NAME) and general.score(lines) >= GENERAL_MIN:
            # a template matched; the evidence reader gets a say when it reads the text clearly better
            other = general.parse(Doc(lines, source), general.score(lines))
            if quality(other) > quality(result) + 2:
                result = other
    except Exception:  # a bug in a layout: keep the text, fall back to the plainest reading
        log.exception("layout %s failed on %s", best_name, source or "text")
        if best_name == background.NAME:
            raise ImportFailed(where + _("this text could not be recognised (internal error; see "
                                         "the log)")) from None
        result = background.parse(doc, 0.0)
        result.warnings.append(_("internal error in the {layout} layout; imported as plain text").format(
            layout=best_name))
    result.action.source = source
    if not result.action.title.strip():
        raise ImportFailed(where + _("no title could be recognised"))
    try:
        russian.suggest(result)  # Russian office titles and name spellings, all marked for review
    except Exception:  # a suggestion is never worth losing the import for
        log.exception("Russian forms for %s failed", source or "text")
    result.language = text_language(result.text) or "en"
    runner_up = ranked[1] if len(ranked) > 1 else None
    if runner_up and runner_up[1] > 0.5 and best_score - runner_up[1] < 0.1:
        result.warnings.append(_("the text looks like both the {layout} and the {other} layout; check "
                                 "the result").format(layout=best_name, other=runner_up[0]))
    result.elapsed = round(time.monotonic() - started, 4)
    return result


def quality(result: ImportResult) -> float:
    """How coherent a reading is: recipients with both a head (name/title/organisation) and a way
    to reach them count, recipients missing either count against it; a deadline, appeal points
    and a title from the text count a little."""
    a = result.action
    q = 0.0
    for r in a.recipients:
        head = bool(r.name or r.title or r.organization)
        reach = bool(r.address_lines or r.fax or r.email)
        q += 2.0 if head and reach else -2.0
    q += 1.0 if a.deadline else 0.0
    q += 1.0 if a.issue_date else 0.0
    q += min(len([p for pts in a.appeals.values() for p in pts]), 3) * 0.5
    q -= 1.0 if re.search(r"\bUA\b\s*:?\s*\d|\d+[./]\d\d\)", a.title or "", re.I) else 0.0  # number debris
    return q


def import_file(path: str | Path) -> ImportResult:
    """Read a received file (.txt, .pdf, .html/.htm, .docx) and recognise the UA in it."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImportFailed(_("{file}: file not found").format(file=name)) from None
    except OSError as e:
        raise ImportFailed(_("{file}: cannot read file ({error})").format(
            file=name, error=e.strerror)) from None
    if p.is_dir():
        raise ImportFailed(_("{file}: is a folder, not a file").format(file=name))
    if size > T.MAX_INPUT_BYTES:
        raise ImportFailed(_("{file}: the file is too large ({size} MB; an Urgent Action is at "
                             "most a few pages, the limit is {limit} MB)").format(
            file=name, size=size // (1024 * 1024), limit=T.MAX_INPUT_BYTES // (1024 * 1024)))
    if size == 0:
        raise ImportFailed(_("{file}: the file is empty").format(file=name))
    try:
        raw = p.read_bytes()
    except PermissionError:
        raise ImportFailed(_("{file}: permission denied").format(file=name)) from None
    except OSError as e:
        raise ImportFailed(_("{file}: cannot read file ({error})").format(
            file=name, error=e.strerror)) from None
    # a file name that is not UTF-8 (Latin-1 bytes) arrives with surrogates: as text, "\ufffd"
    shown = p.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return import_bytes(raw, shown, suffix=p.suffix.lower())


def import_bytes(raw: bytes, source: str | None = None, suffix: str = "") -> ImportResult:
    """Recognise a UA in file content; ``suffix`` (".pdf", ".docx" ...) is a hint, the bytes decide."""
    where = f"{source}: " if source else ""
    if len(raw) > T.MAX_INPUT_BYTES:
        raise ImportFailed(where + _("the file is too large"))
    head = raw[:1024].lstrip()
    if head.startswith(b"%PDF"):
        from ua_writer.core.importer.pdf import pdf_to_text

        text = pdf_to_text(raw, source)
    elif raw[:4] == b"PK\x03\x04":
        if suffix not in ("", ".docx", ".docm", ".dotx"):
            raise ImportFailed(where + _("this is a ZIP archive, not a Word document (.docx)"))
        text = T.docx_to_text(raw, source)
    elif suffix == ".pdf":
        raise ImportFailed(where + _("not a valid PDF file"))
    elif suffix == ".docx":
        raise ImportFailed(where + _("not a valid Word document (.docx)"))
    elif suffix == ".doc" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFailed(where + _("old Word documents (.doc) cannot be read; save it as .docx "
                                     "or plain text first"))
    elif raw[:8] in (b"\x89PNG\r\n\x1a\n",) or raw[:3] == b"\xff\xd8\xff" or raw[:4] in (b"GIF8", b"II*\x00",
                                                                                        b"MM\x00*"):
        raise ImportFailed(where + _("this is an image; copy the text from it by hand or use a "
                                     "text-recognition (OCR) tool first"))
    elif suffix == ".eml" or eml.looks_like_email(raw):
        text = eml.email_to_text(raw, source)
    else:
        text = T.decode(raw, source)
    return import_text(text, source)
