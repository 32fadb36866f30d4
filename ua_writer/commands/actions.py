"""``actions``, ``show``, ``import``, ``export``: list, print, load and save action packs.

``import`` of a received UA goes through ``services.importing`` (details from the address book,
another language's version of a stored action) and ``services.records``, as the GUI's review does."""

from __future__ import annotations

import json
from pathlib import Path

from ua_writer.core import packs
from ua_writer.core.atomic import atomic_write_text
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _
from ua_writer.services import importing, records

STATUSES = ("open", "past", "undated", "all")


def register(sub) -> None:
    p = sub.add_parser("actions", help="list actions (default: open ones, by deadline)")
    p.add_argument("--status", choices=STATUSES, default="open")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_actions)

    p = sub.add_parser("show", help="show one action")
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help="print the action pack (JSON)")
    p.set_defaults(func=run_show)

    p = sub.add_parser("import", help="import an action pack (.json) or an Urgent Action text/PDF")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="overwrite an action with the same id")
    p.add_argument("--json", action="store_true",
                   help="print the recognised action as a pack (JSON) without saving")
    p.add_argument("--save", action="store_true", help="store the recognised action, asking nothing")
    p.add_argument("--as-translation", action="store_true",
                   help=_("a UA in another language that matches a stored action (same UA number, or "
                          "the same persons and deadline): add its appeal points, title and summary "
                          "to that action under its language"))
    p.add_argument("--separate", action="store_true",
                   help=_("store such a matching UA as a new action of its own"))
    p.set_defaults(func=run_import)

    p = sub.add_parser("export", help="write an action as a pack (JSON)")
    p.add_argument("id")
    p.add_argument("-o", "--output", required=True, metavar="FILE.json")
    p.set_defaults(func=run_export)


def action_json_row(row, today) -> dict:
    return {
        "id": row.id, "title": row.title, "country": row.country,
        "issue_date": row.issue_date.isoformat() if row.issue_date else None,
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "days_left": row.days_left(today), "status": row.status(today),
    }


def run_actions(args, ctx) -> int:
    rows = ctx.store().list_actions(ctx.today, args.status)
    if args.json:
        json.dump([action_json_row(r, ctx.today) for r in rows], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not rows:
        print(f"no {args.status} actions" if args.status != "all" else "no actions", file=ctx.out)
        return 0
    for r in rows:
        left = r.days_left(ctx.today)
        if left is None:
            badge = "undated"
        elif left >= 0:
            badge = f"{left} d left"
        else:
            badge = f"past ({r.deadline.isoformat()})"
        print(f"{r.id:32}  {badge:>18}  {r.country or '--':2}  {r.title}", file=ctx.out)
    return 0


def run_show(args, ctx) -> int:
    action = ctx.store().get_action(args.id, with_address_book=False)
    if args.json:
        ctx.out.write(packs.dumps(action))
        return 0
    a = action
    out = ctx.out
    print(a.title, file=out)
    meta = [x for x in (a.ua_number, a.index) if x]
    if meta:
        print("  " + "  ".join(meta), file=out)
    print(f"  country: {a.country or '-'}   issued: {a.issue_date or '-'}   deadline: {a.deadline or '-'}"
          f"   status: {a.status(ctx.today)}", file=out)
    if a.languages:
        print(f"  write in: {', '.join(a.languages)}", file=out)
    for p in a.persons:
        print(f"  person: {p.name}" + (f" ({p.gender})" if p.gender else ""), file=out)
    if a.summary:
        print("\n" + a.summary, file=out)
    points = a.appeals.get("en") or next(iter(a.appeals.values()), [])
    if points:
        print("\nAppeals:", file=out)
        for pt in points:
            print(f"  - {pt}", file=out)
    for r in a.recipients:
        print(f"\n{'Copy to' if r.is_copy else 'To'}: {r.label()}  [{r.id}]", file=out)
        for line in r.address_lines:
            print(f"    {line}", file=out)
        for f in r.fax:
            print(f"    Fax: {f}", file=out)
        for e in r.email:
            print(f"    E-mail: {e}", file=out)
        if r.salutation:
            print(f"    Salutation: {r.salutation}", file=out)
        if r.note:
            print(f"    Note: {r.note}", file=out)
    if a.notes:
        print(f"\nNotes: {a.notes}", file=out)
    return 0


def run_import(args, ctx) -> int:
    path = Path(args.file)
    if path.suffix.lower() == ".json":
        action = packs.load(path)
        if args.json:
            ctx.out.write(packs.dumps(action))
            return 0
        records.import_action(ctx.store(), action, origin="imported", replace=args.replace)
        print(f"imported {action.id}: {action.title}", file=ctx.out)
        return 0
    return _import_document(path, args, ctx)


def _import_document(path: Path, args, ctx) -> int:
    try:
        from ua_writer.core import importer
    except ImportError:  # pragma: no cover - until the importer lands
        raise UserFacingError(f"{path}: only .json action packs can be imported") from None
    result = importer.import_file(path)
    action = result.action
    if args.json:
        ctx.out.write(packs.dumps(action))
        return 0
    store = ctx.store()
    stored = importing.stored_actions(store)
    if not args.separate and not args.replace and _import_as_translation(result, args, ctx, stored):
        return 0
    importing.fill_from_known(store, result, stored)  # marked "from your address book" below
    if args.separate:  # its own action: an id of its own too ("karimli-2021-de")
        action.id = importing.separate_id(store, action, result.language)
    records.import_action(store, action, origin="imported", replace=args.replace)
    print(f"imported {action.id}: {action.title}", file=ctx.out)
    if not args.save:
        _print_import_summary(result, ctx.out)
    return 0


def _import_as_translation(result, args, ctx, stored) -> bool:
    """A UA in another language than an action already stored: add it there (--as-translation),
    or stop and say so rather than store a duplicate. False: no such action, import as usual."""
    store = ctx.store()
    lang = result.language or "en"
    match = importing.matching_action(store, result, stored)
    if match is None or importing.has_language(match, lang) and not args.as_translation:
        return False  # nothing matches, or the same language again: an ordinary import
    if not args.as_translation:
        raise UserFacingError(_(
            "{file}: this looks like the {language} version of the stored action {id} ({title}); "
            "add --as-translation to add it to that action, or --separate to store it as a new "
            "action").format(file=args.file, language=lang, id=match.id, title=match.title))
    _changes, added = records.add_translation(store, match.id, result.action, lang)
    print(_("added the {language} version to {id}: {fields}").format(
        language=lang, id=match.id, fields=", ".join(added) or _("nothing new")), file=ctx.out)
    return True


def _print_import_summary(result, out) -> None:
    """Short report of a recognised UA: what to check before writing."""
    a = result.action
    copies = len(a.copy_recipients())
    print(f"  layout: {result.layout}", file=out)
    print(f"  deadline: {a.deadline.isoformat() if a.deadline else 'none found'}", file=out)
    print(f"  recipients: {len(a.main_recipients())}, copies: {copies}", file=out)
    low = result.low_confidence()
    if low:
        print(f"  check (low confidence): {', '.join(low)}", file=out)
    if result.unrecognised_lines:
        print(f"  {len(result.unrecognised_lines)} line(s) not recognised:", file=out)
        for no, text in result.unrecognised_lines[:10]:
            print(f"    {no}: {text[:100]}", file=out)
    for w in result.warnings:
        print(f"  warning: {w}", file=out)


def run_export(args, ctx) -> int:
    action = ctx.store().get_action(args.id, with_address_book=False)
    out = Path(args.output)
    atomic_write_text(out, packs.dumps(action))
    print(f"wrote {out}", file=ctx.out)
    return 0
