"""``batch``: one letter per signer of a CSV sheet (mail-merge), on every core.

The sheet's columns are documented in :mod:`ua_writer.services.mailmerge`. Bad rows are reported with
their line numbers on stderr and skipped; the rest are written. A progress bar is drawn on stderr
when it is a terminal. ``--merge FILE.pdf`` also joins all the PDFs into one file for printing.
``--from-draft`` carries your saved draft of that letter (for a copy recipient: of the main
letter it copies; what you edited in the app) over to
every signer: the paragraphs, subject, salutation and closing you changed go out as you wrote
them, the rest as composed for each signer (see :class:`ua_writer.services.mailmerge.LetterEdits`).
Exit 0 when every row became a letter, 1 when some rows were skipped, 2 on a user error.
"""

from __future__ import annotations

from pathlib import Path

from ua_writer.commands import parse_date
from ua_writer.core import settings
from ua_writer.services import exporters, mailmerge
from ua_writer.core.errors import UserFacingError


def register(sub) -> None:
    p = sub.add_parser("batch", help="write one letter per signer of a CSV sheet (mail-merge)",
                       description="Write one letter per signer listed in a CSV sheet with the "
                                   "columns name,address,city,postal_code,country,email,gender "
                                   "(address lines separated by '|').")
    p.add_argument("id", help="the action id")
    p.add_argument("--signers", required=True, metavar="FILE.csv", help="the signer sheet")
    p.add_argument("--lang", metavar="LANG",
                   help="letter language, e.g. ru (default: the first of the action's "
                        "languages you write in, as in your profile; else its first language)")
    p.add_argument("--to", metavar="RECIPIENT",
                   help="recipient id (default: the first main recipient); a copy recipient gets "
                        "copy letters of the letter to --copy-of")
    p.add_argument("--copy-of", metavar="RECIPIENT", help="see --to")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the letters")
    p.add_argument("--format", choices=mailmerge.FORMATS, default="pdf")
    p.add_argument("--merge", metavar="FILE.pdf", help="also join all letters into one PDF")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="letter date (default: today)")
    p.add_argument("--page-size", choices=exporters.PAGE_SIZES,
                   help="default: the page_size preference (Preferences in the app; a4)")
    p.add_argument("--justify", action="store_true",
                   help="justified paragraphs (default: ragged right, as DIN 5008 advises)")
    p.add_argument("--from-draft", action="store_true",
                   help="use your saved draft of this letter (language and recipient) for every "
                        "signer: what you changed goes out as written, the rest as composed for "
                        "each signer")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: the number of CPUs)")
    p.set_defaults(func=run_batch)


class _Bar:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def update(self, done: int, total: int) -> None:
        if not self.tty or not total:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def run_batch(args, ctx) -> int:
    from ua_writer.services import letters

    store = ctx.store()
    action = store.get_action(args.id)
    if args.to in (letters.ALL, letters.COPIES):
        raise UserFacingError("batch writes to one recipient; name it with --to RECIPIENT_ID")
    recipient = letters.targets(action, args.to)[0]
    copy_of = None
    if letters.is_copy_target(recipient):
        copy_of = letters.main_recipient(action, args.copy_of).id
    language = letters.default_language(action, store.profile(), args.lang)
    page_size = args.page_size or settings.get(store.prefs(), "page_size")
    if args.merge and args.format != "pdf":
        raise UserFacingError("--merge needs --format pdf")
    if args.jobs is not None and args.jobs < 1:
        raise UserFacingError("--jobs must be at least 1")
    sheet = mailmerge.read_signers(args.signers)
    for w in sheet.warnings:
        ctx.warn(w)
    for bad in sheet.bad_rows:
        print(f"ua-writer: skipped {args.signers}: {bad}", file=ctx.err)
    if not sheet.signers:
        raise UserFacingError(f"{args.signers}: no usable signer rows")
    date = parse_date(args.date, "--date") if args.date else ctx.today
    job = mailmerge.BatchJob(action=action, recipient_id=recipient.id, language=language,
                              out_dir=Path(args.output), date=date, format=args.format,
                              page_size=page_size, align="justify" if args.justify else "left",
                              window_side=exporters.layout_options(store.prefs())["window_side"],
                              copy_of=copy_of)
    if args.from_draft:
        edited_id = mailmerge.edited_letter_id(job)  # for a copy recipient: the main letter
        draft = store.get_draft(action.id, language, edited_id)
        if draft is None:
            raise UserFacingError(
                f"no saved draft of the {language} letter to {edited_id} for {action.id}: "
                "edit that letter in the app first, or leave out --from-draft")
        job.edits = mailmerge.edits_from_text(job, store.profile(), draft.text)
        if not job.edits.changed:
            ctx.warn("the draft is the letter as composed: every signer gets the template letter")
    ctx.close()  # workers must not inherit an open database connection
    run = mailmerge.BatchRun(job, sheet.signers, workers=args.jobs)
    bar = _Bar(ctx.err)
    try:
        for p in run:
            bar.update(p.done, p.total)
    finally:
        bar.close()
    report = run.report()
    for o in report.failed:
        print(f"ua-writer: skipped {args.signers}: line {o.line}: {o.error}", file=ctx.err)
    print(f"wrote {len(report.written)} letters to {job.out_dir} in {report.seconds:.1f} s",
          file=ctx.out)
    if args.merge and report.written:
        pages = mailmerge.merge_pdfs(report.written, args.merge)
        print(f"wrote {args.merge} ({pages} pages)", file=ctx.out)
    return 0 if not (sheet.bad_rows or report.failed) else 1
