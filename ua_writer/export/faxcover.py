"""Fax cover sheet in the letter's language, alone or as ONE PDF packet: cover + letter.

The cover names the recipient (name, title, organisation in the letter language) and their fax
number in international format (``phonenumbers``: "+7 495 987-58-41"), the sender (profile:
name, phone, fax, e-mail), the date (a passed date formatted by Babel in the letter's locale,
else the Letter's own place/date line), the subject (action title and UA number), the page
count *including the cover* and a short courteous request to deliver the letter. The recipient's
note is pack data written for letter writers ("If a voice answers, ask for 'Fax'", "do not send
letters directly to the court"), so it is left off the cover unless a caller asks for it
(``include_note=True``; CLI ``--note``); a ``copies_only`` recipient's note never prints. The
letter is laid out first (pdf.layout_letter), so the count printed is the real total.
Labels exist for en, ru, de, fr, es; other languages get English labels — they are a form's
field names, not letter prose, so they live here rather than in a template. No Qt.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ua_writer.core import formatting
from ua_writer.core.i18n import _
from ua_writer.core.letter import Letter
from ua_writer.core.model import Action, Recipient, SenderProfile
from ua_writer.core.notices import Notice
from ua_writer.core.typography import typeset, typeset_lines
from ua_writer.export import fonts as _fonts
from ua_writer.export import pdf as _pdf
from ua_writer.core.atomic import atomic_open
from ua_writer.core.typography import superscript_spans
from ua_writer.export.common import ExportResult, language_tag

MM = _pdf.MM

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "FAX", "to": "To", "fax": "Fax", "from": "From", "phone": "Phone",
        "email": "E-mail", "date": "Date", "subject": "Subject", "pages": "Pages: {n}",
        "pages_note": "including this cover sheet", "note": "Note", "colon": ":",
        "message": "Please deliver the attached letter {to}. Thank you.",
        "message_any": "Please deliver the attached letter to its addressee. Thank you.",
        "message_copy": "Please find attached, for your information, a copy of my letter {to}.",
        "message_copy_any": "Please find attached, for your information, a copy of my letter.",
    },
    "ru": {
        "title": "ФАКС", "to": "Кому", "fax": "Факс", "from": "От кого", "phone": "Телефон",
        "email": "Эл. почта", "date": "Дата", "subject": "Тема", "pages": "Страниц: {n}",
        "pages_note": "включая этот лист", "note": "Примечание", "colon": ":",
        "message": "Прошу передать прилагаемое письмо {to}. Спасибо.",
        "message_any": "Прошу передать прилагаемое письмо адресату. Спасибо.",
        "message_copy": "Направляю Вам для сведения копию моего письма {to}.",
        "message_copy_any": "Направляю Вам для сведения копию моего письма.",
    },
    "de": {
        "title": "FAX", "to": "An", "fax": "Fax", "from": "Von", "phone": "Telefon",
        "email": "E-Mail", "date": "Datum", "subject": "Betreff", "pages": "Seiten: {n}",
        "pages_note": "einschließlich dieses Deckblatts", "note": "Hinweis", "colon": ":",
        "message": "Bitte übergeben Sie das beigefügte Schreiben {to}. Vielen Dank.",
        "message_any": "Bitte leiten Sie das beigefügte Schreiben an den Empfänger weiter. "
                       "Vielen Dank.",
        "message_copy": "Beigefügt erhalten Sie zur Kenntnisnahme eine Kopie meines Schreibens {to}.",
        "message_copy_any": "Beigefügt erhalten Sie zur Kenntnisnahme eine Kopie meines Schreibens.",
    },
    "fr": {
        "title": "TÉLÉCOPIE", "to": "Destinataire", "fax": "Fax", "from": "Expéditeur",
        "phone": "Téléphone", "email": "Courriel", "date": "Date", "subject": "Objet",
        "pages": "Pages\u00a0: {n}", "pages_note": "page de garde comprise", "note": "Remarque",
        "colon": "\u00a0:",
        "message": "Merci de bien vouloir transmettre la lettre ci-jointe {to}.",
        "message_any": "Merci de bien vouloir transmettre la lettre ci-jointe à son destinataire.",
        "message_copy": "Veuillez trouver ci-joint, pour information, la copie de ma lettre {to}.",
        "message_copy_any": "Veuillez trouver ci-joint, pour information, la copie de ma lettre.",
    },
    "es": {
        "title": "FAX", "to": "Para", "fax": "Fax", "from": "De", "phone": "Teléfono",
        "email": "Correo electrónico", "date": "Fecha", "subject": "Asunto",
        "pages": "Páginas: {n}", "pages_note": "incluida esta portada", "note": "Nota", "colon": ":",
        "message": "Les ruego que hagan llegar la carta adjunta {to}. Muchas gracias.",
        "message_any": "Les ruego que hagan llegar la carta adjunta a su destinatario. "
                       "Muchas gracias.",
        "message_copy": "Les remito, para su información, copia de mi carta {to}.",
        "message_copy_any": "Les remito, para su información, copia de mi carta.",
    },
}


def labels_for(language: str) -> dict[str, str]:
    base = (language or "en").replace("_", "-").split("-")[0].lower()
    return LABELS.get(base, LABELS["en"])


def format_phone(number: str, region: str | None = None) -> str:
    """A phone/fax number in international format ("+7 495 987-58-41"); unparsable input is
    returned as given (a cover with the user's spelling beats no cover)."""
    import phonenumbers

    raw = (number or "").strip()
    if not raw:
        return ""
    try:
        parsed = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_possible_number(parsed):
        return raw
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@dataclass
class CoverData:
    """Everything printed on the cover, already in the letter language."""

    language: str
    labels: dict[str, str]
    to_lines: list[str]
    fax: str
    from_lines: list[str]
    from_phone: str
    from_fax: str
    from_email: str
    date: str
    subject: str
    total_pages: int
    note: str
    message: str


def _letter_locale(letter: Letter):
    """The Babel Locale of the letter: its ``meta["locale"]`` if compose set one, else the
    language with its usual region ("en" -> en_GB, so dates read "3 May 2011")."""
    base = letter.language.replace("_", "-").split("-")[0].lower() or "en"
    for tag in ((letter.meta or {}).get("locale"), language_tag(letter.language), base, "en"):
        if tag and formatting.known_locale(tag):
            return formatting.locale(tag)
    return formatting.locale("en")


def cover_data(letter: Letter, recipient: Recipient, profile: SenderProfile | None, action: Action,
               total_pages: int, *, date: _dt.date | None = None, fax_number: str | None = None,
               include_note: bool = False) -> CoverData:
    lang = letter.language
    base = lang.replace("_", "-").split("-")[0].lower()
    labels = labels_for(lang)
    rules = _rules(base)
    # the recipient as the letter's addressee block names them (the dative in Russian, "Herrn …"
    # in German), without the postal lines: the fax reaches the office, not the street
    to_lines = _head_lines(rules, recipient) if rules else []
    if not to_lines:
        loc = recipient.local(base)
        to_lines = [x for x in (loc.name or recipient.name, loc.title or recipient.title,
                                loc.organization or recipient.organization) if x]
    if not to_lines:
        to_lines = list(letter.addressee[:2])
    number = fax_number or (recipient.fax[0] if recipient.fax else "")
    fax = format_phone(number, recipient.country)

    if profile is not None and not profile.is_empty():
        from_lines = [profile.names.get(base) or profile.name]
        region = profile.country or None
        from_phone = format_phone(profile.phone, region)
        from_fax = format_phone(profile.fax, region)
        from_email = profile.email
    else:
        from_lines = list(letter.sender[:1]) or list(letter.signature[:1])
        from_phone = from_fax = from_email = ""

    if date is not None:
        date_text = rules.long_date(date) if rules else formatting.long_date(date, _letter_locale(letter))
    else:
        date_text = letter.place_date

    # the letter's own subject line, without its label ("Objet : ")
    meta = letter.meta or {}
    subject = meta.get("subject_text") or letter.subject or action.title_in(base)

    # a copy goes to its recipient "for information"; the original is to be passed on
    original = action.recipient(meta["copy_of"]) if meta.get("copy_of") else None
    about = original or recipient
    to = rules.to_phrase(about) if rules else None
    key = "message_copy" if original is not None else "message"
    message = labels[key].format(to=to) if to else labels[key + "_any"]
    return CoverData(
        language=lang, labels=labels, to_lines=typeset_lines(to_lines, base), fax=fax,
        from_lines=from_lines, from_phone=from_phone, from_fax=from_fax, from_email=from_email,
        date=typeset(date_text, base), subject=typeset(subject, base), total_pages=total_pages,
        note=(recipient.note_in(base) or "") if include_note and not recipient.copies_only else "",
        message=typeset(message, base),
    )


def _rules(code: str):
    from ua_writer.core.lang import get_rules

    try:
        return get_rules(code)
    except ValueError:
        return None


def _head_lines(rules, recipient: Recipient) -> list[str]:
    """The addressee block's lines before the postal address (name, title, organisation)."""
    block = rules.addressee_block(recipient, sender_country=recipient.country)
    postal = rules.address_lines(recipient, rules.fields(recipient), sender_country=recipient.country)
    head = block[:len(block) - len(postal)] if postal and block[-len(postal):] == postal else block
    return [" ".join(l.split()) for l in head if l.strip()]


def draw_cover(c, data: CoverData, g: _pdf.Geometry) -> None:
    """Draw the cover as the canvas's current page and end the page."""
    fs = _fonts.letter_fonts()
    m = _pdf._Measurer()
    H = g.height * MM
    table = _fonts.stand_in_table(fs)

    def P(text: str) -> str:
        return text.translate(table)

    L = {k: P(v) for k, v in data.labels.items()}
    left = g.left * MM
    value_x = (g.left + 42) * MM
    measure = (g.width - g.right - g.left - 42) * MM
    y = H - 30 * MM

    c.setFont(fs.bold, 30)
    c.drawString(left, y, L["title"])
    y -= 8 * MM
    c.setLineWidth(1.5)
    c.line(left, y, (g.width - g.right) * MM, y)
    y -= 12 * MM

    def row(label: str, values: list[str], *, bold: bool = False, size: float = 12.0) -> None:
        nonlocal y
        values = [P(v) for v in values if v]
        if not values:
            return
        leading = size * 1.3
        c.setFont(fs.bold, 11)
        c.drawString(left, y, label if label.endswith(":") else label + L.get("colon", ":"))
        font = fs.bold if bold else fs.regular
        for v in values:
            for s, _w, ind, _last in _pdf.wrap(v, font, size, measure, m):
                x = value_x + ind
                # "1er" in a French date raised as in the letter (typography.superscript_spans)
                for part, raised in superscript_spans(s, data.language):
                    size_ = size * _pdf.SUPERSCRIPT_SIZE if raised else size
                    c.setFont(font, size_)
                    c.drawString(x, y + (size * _pdf.SUPERSCRIPT_RISE if raised else 0), part)
                    x += m.width(part, font, size_)
                y -= leading
        y -= 4 * MM

    row(L["to"], data.to_lines, bold=True, size=13)
    row(L["fax"], [data.fax], bold=True, size=13)
    row(L["from"], data.from_lines)
    row(L["phone"], [data.from_phone])
    row(L["fax"], [data.from_fax])
    row(L["email"], [data.from_email])
    row(L["date"], [data.date])
    row(L["subject"], [data.subject])

    # the page count, prominent: "Pages: 3" (including this cover sheet)
    y -= 2 * MM
    pages = L["pages"].format(n=data.total_pages)
    c.setFont(fs.bold, 16)
    c.drawString(left, y, pages)
    c.setFont(fs.regular, 11)
    c.drawString(left + m.width(pages, fs.bold, 16) + 3 * MM, y, f"({L['pages_note']})")
    y -= 14 * MM

    def paragraph(text: str, font: str, size: float) -> None:
        nonlocal y
        for s, _w, _ind, _last in _pdf.wrap(P(text), font, size, g.text_width * MM, m):
            c.setFont(font, size)
            c.drawString(left, y, s)
            y -= size * 1.35
        y -= 4 * MM

    if data.note:
        paragraph(f"{L['note']}{L.get('colon', ':')} {data.note}", fs.italic, 11)
    paragraph(data.message, fs.regular, 12)
    c.showPage()


def render_fax(letter: Letter, recipient: Recipient, profile: SenderProfile | None, action: Action,
               out: BinaryIO, *, date: _dt.date | None = None, fax_number: str | None = None,
               cover_only: bool = False, include_note: bool = False, page_size: str = "a4",
               font_size: float | None = None,
               align: str = "left", invariant: bool = False) -> tuple[int, int, list[str]]:
    """Render the cover (+ the letter unless ``cover_only``) into ``out``.

    Returns (pages in this PDF, pages of the letter, warnings). The cover always states the packet's total: cover +
    letter pages, also when only the cover is written (to send ahead of a separately printed
    letter).
    """
    layout = _pdf.layout_letter(letter, page_size, font_size=font_size, align=align)
    data = cover_data(letter, recipient, profile, action, layout.page_count + 1, date=date,
                      fax_number=fax_number, include_note=include_note)
    meta = letter.meta or {}
    title = f"{data.labels['title']}: {data.subject}" if data.subject else meta.get("title")
    c = _pdf.new_canvas(out, letter, layout.geometry, invariant=invariant, title=title)
    draw_cover(c, data, layout.geometry)
    pages = 1
    if not cover_only:
        _pdf.draw_letter(c, layout)
        pages += layout.page_count
    c.save()
    warnings = list(layout.warnings)
    if not data.fax:
        warnings.append(Notice("no_fax"))
    return pages, layout.page_count, warnings


def fax_packet_bytes(letter: Letter, recipient: Recipient, profile: SenderProfile | None,
                     action: Action, **opts) -> tuple[bytes, int]:
    """Cover + letter as PDF bytes and the page count."""
    buf = io.BytesIO()
    pages, _letter_pages, _w = render_fax(letter, recipient, profile, action, buf, **opts)
    return buf.getvalue(), pages


def fax_packet_pdf(letter: Letter, recipient: Recipient, profile: SenderProfile | None,
                   action: Action, path: str | os.PathLike, *, date: _dt.date | None = None,
                   **opts) -> ExportResult:
    """Write ONE PDF: the cover sheet followed by the letter, atomically."""
    target = Path(path)
    with atomic_open(target) as fh:
        pages, letter_pages, warnings = render_fax(letter, recipient, profile, action, fh,
                                                   date=date, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=pages, letter_pages=letter_pages, bytes_written=size,
                        warnings=warnings)


def fax_cover_pdf(letter: Letter, recipient: Recipient, profile: SenderProfile | None,
                  action: Action, path: str | os.PathLike, *, date: _dt.date | None = None,
                  **opts) -> ExportResult:
    """Write the cover sheet alone (its page count still counts the letter's pages)."""
    target = Path(path)
    with atomic_open(target) as fh:
        pages, letter_pages, warnings = render_fax(letter, recipient, profile, action, fh,
                                                   date=date, cover_only=True, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=pages, letter_pages=letter_pages, bytes_written=size,
                        warnings=warnings)
