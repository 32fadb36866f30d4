"""``letter`` and ``fax-cover``: compose an action's letter and write it as PDF, DOCX or text.

``ua-writer letter ID [--lang ru] [--to RECIPIENT_ID|all|copies] [--format pdf|docx|txt] [-o PATH]
[--fax-cover] [--date YYYY-MM-DD] [--page-size a4|letter]``: the format follows ``-o``'s suffix;
without ``-o`` the plain text goes to stdout. ``--to all`` (every main recipient) and
``--to copies`` (copy letters, marked "COPY", of the letter to the first main recipient or to
``--copy-of``) write one file per recipient into the folder ``-o DIR``,
named ``<action>-<recipient>-<lang>.<ext>``. ``fax-cover ID --to R -o FILE.pdf`` writes the cover
sheet alone (its page count includes the letter's pages). Warnings — no sender profile, a letter
longer than one page, text left untranslated — go to stderr. Never imports Qt.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ua_writer.commands import parse_date
from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.i18n import _, ngettext

FORMATS = ("pdf", "docx", "txt")
PAGE_SIZES = ("a4", "letter")
SEPARATOR = "\n" + "=" * 72 + "\n\n"


def register(sub) -> None:
    p = sub.add_parser("letter", help="compose a letter and write it as PDF, DOCX or text",
                       description="Compose the letter of an action to one recipient (or all) and "
                                   "write it; plain text goes to stdout when there is no -o.")
    p.add_argument("id", help="action id")
    p.add_argument("--lang", help="letter language (default: the action's first language)")
    p.add_argument("--to", metavar="RECIPIENT_ID|all|copies",
                   help="recipient id; 'all' = every main recipient, 'copies' = the copy letters "
                        "(default: the first main recipient)")
    p.add_argument("--format", choices=FORMATS, help="default: from the -o suffix, else txt")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="output file, or folder for --to all/copies (default: text on stdout)")
    p.add_argument("--copy-of", metavar="RECIPIENT_ID",
                   help="for copy recipients: the main recipient whose letter they get a copy of "
                        "(default: the first main recipient)")
    p.add_argument("--fax-cover", action="store_true",
                   help="PDF only: put a fax cover sheet in front of the letter (one file)")
    p.add_argument("--note", action="store_true",
                   help="print the recipient's note on the fax cover (it is meant for letter "
                        "writers, so it is left off by default)")
    p.add_argument("--no-note", action="store_true", help="leave the note off (the default)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the letter (default: today)")
    p.add_argument("--page-size", choices=PAGE_SIZES, default="a4")
    p.add_argument("--justify", action="store_true",
                   help="PDF/DOCX: justified paragraphs (default: ragged right, as DIN 5008 advises)")
    p.add_argument("--strict", action="store_true",
                   help="refuse to write a letter that still has text marked for translation")
    p.set_defaults(func=run_letter)

    p = sub.add_parser("fax-cover", help="write a fax cover sheet for a letter (PDF)",
                       description="Write the fax cover sheet of the letter to RECIPIENT_ID; the "
                                   "page count on it includes the letter's pages.")
    p.add_argument("id", help="action id")
    p.add_argument("--to", required=True, metavar="RECIPIENT_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", help="letter language (default: the action's first language)")
    p.add_argument("--copy-of", metavar="RECIPIENT_ID",
                   help="for copy recipients: the main recipient whose letter is copied")
    p.add_argument("--note", action="store_true",
                   help="print the recipient's note on the cover (it is meant for letter "
                        "writers, so it is left off by default)")
    p.add_argument("--no-note", action="store_true", help="leave the note off (the default)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date on the cover (default: today)")
    p.add_argument("--page-size", choices=PAGE_SIZES, default="a4")
    p.set_defaults(func=run_fax_cover)


# -- choices ---------------------------------------------------------------------------------------

def pick_language(action, profile, requested: str | None) -> str:
    if requested:
        return requested.strip()
    if action.languages:
        return action.languages[0]
    if profile is not None and profile.languages:
        return profile.languages[0]
    return "en"


def pick_recipients(action, to: str | None) -> list:
    """The recipients ``--to`` names: one id, 'all' (main ones), 'copies', or the first main one."""
    ids = ", ".join(r.id for r in action.recipients) or "none"
    if to in (None, "all"):
        main = [r for r in action.main_recipients() if not r.copies_only]
        if not main:
            raise UserFacingError(f"action {action.id!r} has no main recipient to write to "
                                  f"(recipients: {ids}); use --to with one of them")
        return main if to == "all" else main[:1]
    if to == "copies":
        copies = action.copy_recipients()
        if not copies:
            raise UserFacingError(f"action {action.id!r} has no copy recipients (recipients: {ids})")
        return copies
    r = action.recipient(to)
    if r is None:
        raise NotFoundError(f"action {action.id!r} has no recipient {to!r} (recipients: {ids})")
    return [r]


def pick_format(fmt: str | None, output: str | None, many: bool) -> str:
    if fmt:
        return fmt
    if output and not many:
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix and not Path(output).is_dir():
            raise UserFacingError(f"cannot tell the format from {output!r}; "
                                  f"use --format {'|'.join(FORMATS)} or a .pdf/.docx/.txt name")
    return "pdf" if output else "txt"


def file_name(action, recipient, language: str, fmt: str) -> str:
    return f"{action.id}-{recipient.id}-{language}.{fmt}"


# -- run -------------------------------------------------------------------------------------------

def main_recipient(action, copy_of: str | None = None):
    """The main recipient whose letter a copy letter copies: ``--copy-of`` or the first one."""
    if copy_of:
        r = action.recipient(copy_of)
        if r is None or r.is_copy or r.copies_only:
            mains = ", ".join(x.id for x in action.main_recipients() if not x.copies_only) or "none"
            raise NotFoundError(f"--copy-of must name a main recipient of {action.id!r} "
                                f"(main recipients: {mains})")
        return r
    return pick_recipients(action, None)[0]


def _compose(action, recipient, language, profile, date, copy_of: str | None = None):
    """Compose the letter to ``recipient``; a copy recipient gets a copy letter ("COPY") of the
    letter to the main recipient (``copy_of`` or the first main one)."""
    from ua_writer.core.compose import compose_letter

    if recipient.is_copy or recipient.copies_only:
        original = main_recipient(action, copy_of)
        return compose_letter(action, recipient, language, profile, date, copy_of=original)
    return compose_letter(action, recipient, language, profile, date)


class _Warnings:
    """Print each distinct warning once (the same missing profile concerns every letter)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.seen: set[str] = set()

    def __call__(self, message: str) -> None:
        if message not in self.seen:
            self.seen.add(message)
            self.ctx.warn(message)


def run_letter(args, ctx) -> int:
    store = ctx.store()
    action = store.get_action(args.id)
    profile = store.profile()
    language = pick_language(action, profile, args.lang)
    date = parse_date(args.date) if args.date else ctx.today
    recipients = pick_recipients(action, args.to)
    many = args.to in ("all", "copies")
    fmt = pick_format(args.format, args.output, many)
    warn = _Warnings(ctx)
    if args.fax_cover and fmt != "pdf":
        raise UserFacingError("--fax-cover makes a PDF; use a .pdf output or --format pdf")
    if fmt != "txt" and not args.output:
        raise UserFacingError(f"a {fmt.upper()} file needs -o FILE")

    targets = _targets(action, recipients, language, fmt, args.output, many)
    texts = []
    for recipient, target in zip(recipients, targets):
        letter = _compose(action, recipient, language, profile, date, args.copy_of)
        if getattr(args, "strict", False) and letter.has_untranslated:
            raise UserFacingError(_(
                "The letter to {recipient} still has text marked for translation; translate it "
                "(or leave out --strict to write it with the text marked).").format(
                    recipient=recipient.id))
        for w in letter.warnings:
            warn(w)
        if target is None:
            from ua_writer.export.text import letter_text

            texts.append(letter_text(letter))
            continue
        result = _write(letter, recipient, profile, action, target, fmt, args, date)
        for w in _other_warnings(result):
            warn(f"{target.name}: {w}")
        pages = result.letter_pages
        if pages is None and fmt == "docx":
            from ua_writer.export.pdf import layout_letter

            pages = layout_letter(letter, args.page_size).page_count   # the PDF's count: an estimate
        if pages and pages > 1:
            warn(f"{target.name}: the letter runs to {pages} pages")
        count = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
        print(f"wrote {target}{count}", file=ctx.out)
    if texts:
        ctx.out.write(SEPARATOR.join(texts))
    return 0


def _targets(action, recipients, language, fmt, output, many) -> list[Path | None]:
    if not output:
        return [None] * len(recipients)
    out = Path(output)
    if many:
        if out.exists() and not out.is_dir():
            raise UserFacingError(f"--to all/copies writes one file per recipient: -o must be a "
                                  f"folder, and {out} is a file")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UserFacingError(f"cannot create the folder {out}: {e.strerror}") from None
        return [out / file_name(action, r, language, fmt) for r in recipients]
    if out.is_dir():
        return [out / file_name(action, recipients[0], language, fmt)]
    return [out]


def _write(letter, recipient, profile, action, target: Path, fmt: str, args, date: _dt.date):
    align = "justify" if args.justify else "left"
    if fmt == "pdf" and args.fax_cover:
        from ua_writer.export.faxcover import fax_packet_pdf

        return fax_packet_pdf(letter, recipient, profile, action, target, date=date,
                              page_size=args.page_size, align=align, include_note=args.note and not args.no_note)
    if fmt == "pdf":
        from ua_writer.export.pdf import write_letter_pdf

        return write_letter_pdf(letter, target, page_size=args.page_size, align=align)
    if fmt == "docx":
        from ua_writer.export.docx import write_letter_docx

        return write_letter_docx(letter, target, page_size=args.page_size, align=align)
    from ua_writer.export.text import write_letter_txt

    return write_letter_txt(letter, target)


def run_fax_cover(args, ctx) -> int:
    from ua_writer.export.faxcover import fax_cover_pdf

    store = ctx.store()
    action = store.get_action(args.id)
    profile = store.profile()
    language = pick_language(action, profile, args.lang)
    date = parse_date(args.date) if args.date else ctx.today
    recipient = pick_recipients(action, args.to)[0]
    warn = _Warnings(ctx)
    letter = _compose(action, recipient, language, profile, date, args.copy_of)
    for w in letter.warnings:          # the composer's: no profile, untranslated text, ...
        warn(w)
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise UserFacingError(f"the fax cover is a PDF: use a .pdf name, not {target.name!r}")
    result = fax_cover_pdf(letter, recipient, profile, action, target, date=date,
                           page_size=args.page_size, include_note=args.note and not args.no_note)
    for w in _other_warnings(result):
        warn(f"{target.name}: {w}")
    total = (result.letter_pages or 0) + 1
    print(f"wrote {target} (cover for {total} pages in all)", file=ctx.out)
    return 0


def _other_warnings(result) -> list[str]:
    """The exporter's warnings but its page count (the command says that itself, once): the
    exporter's exact sentence, not a search for its words (warnings are translatable)."""
    n = result.letter_pages or 0
    pages = ngettext("the letter runs to {n} page", "the letter runs to {n} pages", n).format(n=n)
    return [w for w in result.warnings if w != pages]
