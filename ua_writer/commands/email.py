"""``email``: an e-mail draft of a letter — a ``mailto:`` link on stdout, or an ``.eml`` file.

Nothing is sent: the user's mail program does that. Record it afterwards with
``ua-writer mark-sent ID --to RECIPIENT --lang LANG --channel email``.
"""

from __future__ import annotations

from pathlib import Path

from ua_writer.commands import parse_date
from ua_writer.core import mail
from ua_writer.core.errors import NotFoundError


def register(sub) -> None:
    p = sub.add_parser("email", help="an e-mail draft of a letter: mailto: link or .eml file",
                       description="Print a mailto: link (To, Cc for copy recipients with e-mail, "
                                   "Subject, the letter as the body) or write an .eml draft. "
                                   "A saved draft of the letter is used as the body if there is one. "
                                   "Nothing is sent.")
    p.add_argument("id", help="action id")
    p.add_argument("--to", required=True, metavar="RECIPIENT_ID")
    p.add_argument("--lang", help="letter language (default: the first of the action's languages "
                                  "you write in, as in your profile; else its first language)")
    p.add_argument("--eml", metavar="FILE.eml", help="write an unsent .eml draft instead of a link")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the letter (default: today)")
    p.set_defaults(func=run_email)


def build_draft(store, action_id: str, recipient_id: str, language: str | None, date):
    """(draft, language) for an action's letter to one recipient; the saved draft text wins."""
    from ua_writer.services.letters import default_language as pick_language

    action = store.get_action(action_id)
    recipient = action.recipient(recipient_id)
    if recipient is None:
        known = ", ".join(r.id for r in action.recipients) or "(none)"
        raise NotFoundError(f"action {action_id!r} has no recipient {recipient_id!r}; known: {known}")
    from ua_writer.core.compose import compose_letter

    profile = store.profile()
    lang = pick_language(action, profile, language)
    letter = compose_letter(action, recipient, lang, profile, date)
    saved = store.get_draft(action_id, lang, recipient_id)
    return mail.draft_for(letter, action, recipient, profile=profile,
                          body=saved.text if saved else None), lang, letter


def run_email(args, ctx) -> int:
    date = parse_date(args.date, "--date") if args.date else ctx.today
    draft, lang, letter = build_draft(ctx.store(), args.id, args.to, args.lang, date)
    for w in letter.warnings:
        ctx.warn(w)
    record = f"ua-writer mark-sent {args.id} --to {args.to} --lang {lang} --channel email"
    if args.eml:
        out = Path(args.eml)
        mail.write_eml(draft, out)
        print(f"wrote {out}: open it in your mail program, check it and send it; then record it "
              f"with: {record}", file=ctx.out)
        return 0
    decision = mail.plan(draft)
    if decision.method == "clipboard":
        ctx.warn(f"the letter is too long for a mailto: link ({decision.full_length} characters; "
                 f"mail programs cut links beyond about {mail.MAILTO_SAFE_LENGTH}); the link below "
                 "has no body — use --eml FILE.eml for a complete draft, or paste the text from "
                 f"'ua-writer letter {args.id} --to {args.to} --lang {lang}'")
    print(decision.url, file=ctx.out)
    return 0
