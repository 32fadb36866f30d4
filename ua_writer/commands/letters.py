"""``letter`` and ``fax-cover``: compose an action's letter and write it as PDF, DOCX or text.

``ua-writer letter ID [--lang ru] [--to RECIPIENT_ID|all|copies] [--format pdf|docx|txt] [-o PATH]
[--fax-cover] [--date YYYY-MM-DD] [--page-size a4|letter]``: the format follows ``-o``'s suffix;
without ``-o`` the plain text goes to stdout. ``--to all`` (every main recipient) and
``--to copies`` (copy letters, marked "COPY", of the letter to the first main recipient or to
``--copy-of``) write one file per recipient into the folder ``-o DIR``,
named ``<action>-<recipient>-<lang>.<ext>``. ``fax-cover ID --to R -o FILE.pdf`` writes the cover
sheet alone (its page count includes the letter's pages). Warnings — no sender profile, a letter
longer than one page, text left untranslated — go to stderr. A thin caller of
``services.letters`` (targets, language, composing) and ``services.exporters`` (writers, file
names). Never imports Qt.
"""

from __future__ import annotations

from pathlib import Path

from ua_writer.commands import parse_date
from ua_writer.core import notices, settings
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.services import exporters, letters

FORMATS = exporters.LETTER_FORMATS
PAGE_SIZES = exporters.PAGE_SIZES
SEPARATOR = "\n" + "=" * 72 + "\n\n"


def register(sub) -> None:
    p = sub.add_parser("letter", help="compose a letter and write it as PDF, DOCX or text",
                       description="Compose the letter of an action to one recipient (or all) and "
                                   "write it; plain text goes to stdout when there is no -o.")
    p.add_argument("id", help="action id")
    p.add_argument("--lang", help="letter language (default: the first of the action's languages "
                                  "you write in, as in your profile; else its first language)")
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
    p.add_argument("--page-size", choices=PAGE_SIZES,
                   help="default: the page_size preference (Preferences in the app; a4)")
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
    p.add_argument("--lang", help="letter language (default: the first of the action's languages "
                                  "you write in, as in your profile; else its first language)")
    p.add_argument("--copy-of", metavar="RECIPIENT_ID",
                   help="for copy recipients: the main recipient whose letter is copied")
    p.add_argument("--note", action="store_true",
                   help="print the recipient's note on the cover (it is meant for letter "
                        "writers, so it is left off by default)")
    p.add_argument("--no-note", action="store_true", help="leave the note off (the default)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date on the cover (default: today)")
    p.add_argument("--page-size", choices=PAGE_SIZES,
                   help="default: the page_size preference (Preferences in the app; a4)")
    p.set_defaults(func=run_fax_cover)


# -- choices ---------------------------------------------------------------------------------------

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


# -- run -------------------------------------------------------------------------------------------

class _Warnings:
    """Print each distinct warning once (the same missing profile concerns every letter)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.seen: set[str] = set()

    def __call__(self, message) -> None:
        text = str(message)
        if text not in self.seen:
            self.seen.add(text)
            self.ctx.warn(text)


def run_letter(args, ctx) -> int:
    store = ctx.store()
    action = store.get_action(args.id)
    profile = store.profile()
    language = letters.default_language(action, profile, args.lang)
    date = parse_date(args.date) if args.date else ctx.today
    args.page_size = args.page_size or settings.get(store.prefs(), "page_size")
    recipients = letters.targets(action, args.to)
    if args.copy_of:
        letters.main_recipient(action, args.copy_of)  # an unknown --copy-of is an error at once
    many = args.to in (letters.ALL, letters.COPIES)
    fmt = pick_format(args.format, args.output, many)
    warn = _Warnings(ctx)
    if args.fax_cover and fmt != "pdf":
        raise UserFacingError("--fax-cover makes a PDF; use a .pdf output or --format pdf")
    if fmt != "txt" and not args.output:
        raise UserFacingError(f"a {fmt.upper()} file needs -o FILE")
    kind = "fax" if args.fax_cover else fmt

    targets = _targets(action, recipients, language, fmt, args.output, many)
    texts = []
    for recipient, target in zip(recipients, targets):
        letter = letters.compose(action, recipient, language, profile, date, copy_of=args.copy_of)
        if getattr(args, "strict", False) and letter.has_untranslated:
            raise UserFacingError(_(
                "The letter to {recipient} still has text marked for translation; translate it "
                "(or leave out --strict to write it with the text marked).").format(
                    recipient=recipient.id))
        for w in letter.warnings:
            warn(w)
        if target is None:
            texts.append(exporters.render("txt", letter))
            continue
        result = exporters.export(kind, letter, target, page_size=args.page_size,
                                  window_side=exporters.layout_options(store.prefs())["window_side"],
                                  align="justify" if args.justify else "left",
                                  recipient=recipient, profile=profile, action=action, date=date,
                                  include_note=args.note and not args.no_note)
        pages = exporters.letter_pages(kind, letter, result, args.page_size)
        for w in result.warnings:
            if notices.code(w) != "pages":   # said below, once, with the file's name
                warn(f"{target.name}: {w}")
        if pages and pages > 1:
            warn(f"{target.name}: " + ngettext("the letter runs to {n} page",
                                               "the letter runs to {n} pages", pages).format(n=pages))
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
        return [out / exporters.letter_file_name(action, r, language, fmt) for r in recipients]
    if out.is_dir():
        return [out / exporters.letter_file_name(action, recipients[0], language, fmt)]
    return [out]


def run_fax_cover(args, ctx) -> int:
    from ua_writer.export.faxcover import fax_cover_pdf

    store = ctx.store()
    action = store.get_action(args.id)
    profile = store.profile()
    language = letters.default_language(action, profile, args.lang)
    date = parse_date(args.date) if args.date else ctx.today
    args.page_size = args.page_size or settings.get(store.prefs(), "page_size")
    recipient = letters.targets(action, args.to)[0]
    warn = _Warnings(ctx)
    letter = letters.compose(action, recipient, language, profile, date, copy_of=args.copy_of)
    for w in letter.warnings:          # the composer's: no profile, untranslated text, ...
        warn(w)
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise UserFacingError(f"the fax cover is a PDF: use a .pdf name, not {target.name!r}")
    result = fax_cover_pdf(letter, recipient, profile, action, target, date=date,
                           page_size=args.page_size, include_note=args.note and not args.no_note)
    for w in result.warnings:
        if notices.code(w) != "pages":   # the cover states the pages in its own line
            warn(f"{target.name}: {w}")
    total = (result.letter_pages or 0) + 1
    print(f"wrote {target} (cover for {total} pages in all)", file=ctx.out)
    return 0
