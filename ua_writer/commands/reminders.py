"""``due``, ``snooze``, ``dismiss``, ``calendar``: deadline reminders for people and for cron."""

from __future__ import annotations

import json
from pathlib import Path

from ua_writer.core import reminders
from ua_writer.core.atomic import atomic_write_bytes


def register(sub) -> None:
    p = sub.add_parser("due", help="open actions whose deadline is near and nothing was sent yet",
                       description="List open actions whose deadline is within DAYS days (default: "
                                   "the remind_days preference) and for which no letter was "
                                   "recorded as sent. Exit status 0 also when nothing is due.")
    p.add_argument("--within", type=int, metavar="DAYS", help="days ahead (default: remind_days)")
    p.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, title, deadline, days_left, sent_count}")
    p.add_argument("--all", action="store_true",
                   help="also list snoozed and dismissed reminders and actions with letters sent")
    p.set_defaults(func=run_due)

    p = sub.add_parser("snooze", help="remind me later about an action (default: tomorrow)")
    p.add_argument("id")
    p.add_argument("--days", type=int, default=1, help="days to wait (default: 1)")
    p.set_defaults(func=run_snooze)

    p = sub.add_parser("dismiss", help="stop reminding about an action (until its deadline changes)")
    p.add_argument("id")
    p.add_argument("--undo", action="store_true", help="remind again (clears snooze and dismiss)")
    p.set_defaults(func=run_dismiss)

    p = sub.add_parser("calendar", help="write the open deadlines as an iCalendar (.ics) file")
    p.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    p.set_defaults(func=run_calendar)


def _days(n: int) -> str:
    if n == 0:
        return "due today"
    return "1 day left" if n == 1 else f"{n} days left"


def run_due(args, ctx) -> int:
    store = ctx.store()
    within = args.within if args.within is not None else reminders.remind_days(store)
    items = reminders.due(store, ctx.today, within, include_hidden=args.all, include_sent=args.all)
    if args.json:
        json.dump([r.to_json() for r in items], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not items:
        print(f"nothing due within {within} days", file=ctx.out)
        return 0
    for r in items:
        notes = []
        if r.sent_count:
            notes.append(f"{r.sent_count} sent")
        if r.snoozed_until:
            notes.append(f"snoozed until {r.snoozed_until.isoformat()}")
        if r.dismissed:
            notes.append("dismissed")
        extra = f"  ({', '.join(notes)})" if notes else ""
        print(f"{r.id:32}  {r.deadline.isoformat()}  {_days(r.days_left):>13}  {r.title}{extra}",
              file=ctx.out)
    return 0


def run_snooze(args, ctx) -> int:
    until = reminders.snooze(ctx.store(), args.id, ctx.today, args.days)
    print(f"{args.id}: reminder snoozed until {until.isoformat()}", file=ctx.out)
    return 0


def run_dismiss(args, ctx) -> int:
    if args.undo:
        reminders.restore(ctx.store(), args.id, ctx.today)
        print(f"{args.id}: reminders on again", file=ctx.out)
    else:
        reminders.dismiss(ctx.store(), args.id, ctx.today)
        print(f"{args.id}: no more reminders (until its deadline changes)", file=ctx.out)
    return 0


def run_calendar(args, ctx) -> int:
    data = reminders.deadlines_ics(ctx.store(), ctx.today)
    out = Path(args.output)
    atomic_write_bytes(out, data, 0o600)
    count = data.count(b"BEGIN:VEVENT")
    print(f"wrote {out} ({count} deadline{'s' if count != 1 else ''})", file=ctx.out)
    return 0
