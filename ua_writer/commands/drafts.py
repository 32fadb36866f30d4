"""``drafts``, ``sent`` and ``mark-sent``: what was drafted and what went out, when and how."""

from __future__ import annotations

import json

from ua_writer.commands import parse_date
from ua_writer.core.errors import NotFoundError
from ua_writer.core.model import CHANNELS
from ua_writer.services import records


def register(sub) -> None:
    p = sub.add_parser("drafts", help="list saved drafts")
    p.add_argument("id", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_drafts)

    p = sub.add_parser("sent", help="list letters recorded as sent")
    p.add_argument("id", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_sent)

    p = sub.add_parser("mark-sent", help="record that a letter was sent")
    p.add_argument("id")
    p.add_argument("--to", required=True, metavar="RECIPIENT_ID")
    p.add_argument("--lang", required=True)
    p.add_argument("--channel", required=True, choices=CHANNELS)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(func=run_mark_sent)


def _check_action(store, action_id):
    if action_id and not store.has_action(action_id):
        raise NotFoundError(f"no action with id {action_id!r}")


def run_drafts(args, ctx) -> int:
    store = ctx.store()
    _check_action(store, args.id)
    drafts = store.drafts(args.id)
    if args.json:
        json.dump([{"action_id": d.action_id, "language": d.language, "recipient_id": d.recipient_id,
                    "text": d.text, "updated_at": d.updated_at} for d in drafts],
                  ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not drafts:
        print("no drafts", file=ctx.out)
    for d in drafts:
        print(f"{d.action_id}  {d.language}  {d.recipient_id}  {d.updated_at}  "
              f"({len(d.text.split())} words)", file=ctx.out)
    return 0


def run_sent(args, ctx) -> int:
    store = ctx.store()
    _check_action(store, args.id)
    records = store.sent(args.id)
    if args.json:
        json.dump([{"action_id": r.action_id, "recipient_id": r.recipient_id, "language": r.language,
                    "channel": r.channel, "sent_on": r.sent_on.isoformat()} for r in records],
                  ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not records:
        print("nothing recorded as sent", file=ctx.out)
    for r in records:
        print(f"{r.sent_on.isoformat()}  {r.channel:5}  {r.action_id}  {r.recipient_id}  {r.language}",
              file=ctx.out)
    return 0


def run_mark_sent(args, ctx) -> int:
    store = ctx.store()
    action = store.get_action(args.id)
    if action.recipient(args.to) is None:
        known = ", ".join(r.id for r in action.recipients) or "(none)"
        raise NotFoundError(f"action {args.id!r} has no recipient {args.to!r}; known: {known}")
    sent_on = parse_date(args.date, "--date") if args.date else ctx.today
    records.mark_sent(store, args.id, args.to, args.lang, args.channel, sent_on)
    print(f"recorded: {args.id} -> {args.to} by {args.channel} on {sent_on.isoformat()}", file=ctx.out)
    return 0
