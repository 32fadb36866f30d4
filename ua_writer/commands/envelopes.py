"""``envelope`` and ``labels``: print the recipient's address on an envelope or on label sheets."""

from __future__ import annotations

from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.services import records


def register(sub) -> None:
    p = sub.add_parser("envelope", help="an envelope (PDF) addressed to one recipient of an action",
                       description="Write an envelope PDF: the recipient's address in the letter "
                                   "language's script and order, your return address, PAR AVION "
                                   "for international post.")
    p.add_argument("id", help="action id")
    p.add_argument("--to", required=True, metavar="RECIPIENT_ID")
    p.add_argument("--size", default="dl", choices=("dl", "c5", "c6/5"),
                   help="DL 220×110, C5 229×162, C6/5 229×114 mm (default: dl)")
    p.add_argument("--lang", help="address language (default: the action's first language)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(func=run_envelope)

    p = sub.add_parser("labels", help="address labels (PDF) for the recipients of actions",
                       description="One label per recipient of the given actions on an A4 label "
                                   "sheet; --calibration prints the alignment test page instead.")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--sheet", choices=("3x7", "2x7"),
                   help="3x7: 70×42.3 mm (Zweckform 3652); 2x7: 99.1×38.1 mm (Avery L7163) "
                        "(default: the label_sheet preference)")
    p.add_argument("--copies", action="store_true", help="also labels for the copy recipients")
    p.add_argument("--calibration", action="store_true", help="print the calibration page")
    p.add_argument("--skip", type=int, default=0, metavar="N",
                   help="leave the first N labels of the sheet empty (already used)")
    p.add_argument("--lang", help="address language (default: each action's first language)")
    p.add_argument("--offset-x", type=float, metavar="MM", help="shift right (+) / left (-)")
    p.add_argument("--offset-y", type=float, metavar="MM", help="shift down (+) / up (-)")
    p.add_argument("--save-offsets", action="store_true",
                   help="keep --offset-x/--offset-y (and --sheet) as preferences")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(func=run_labels)


def _language(action, profile, requested):
    """The address's language: ``--lang``, else the action's first (the destination's, e.g. a
    Russian address in Cyrillic), else the user's, else English — not the letter's rule, which
    prefers the languages the user writes in."""
    if requested:
        return requested.strip()
    if action.languages:
        return action.languages[0]
    return profile.languages[0] if profile is not None and profile.languages else "en"


def run_envelope(args, ctx) -> int:
    from ua_writer.export.envelope import write_envelope_pdf

    store = ctx.store()
    action = store.get_action(args.id)
    recipient = action.recipient(args.to)
    if recipient is None:
        known = ", ".join(r.id for r in action.recipients) or "(none)"
        raise NotFoundError(f"action {args.id!r} has no recipient {args.to!r}; known: {known}")
    profile = store.profile()
    lang = _language(action, profile, args.lang)
    result = write_envelope_pdf(recipient, lang, profile, args.output, size=args.size,
                                title=f"Envelope: {action.title_in(lang)}")
    for w in result.warnings:
        ctx.warn(w)
    print(f"wrote {result.path} ({args.size.upper()} envelope to {recipient.id}, {lang})", file=ctx.out)
    return 0


def run_labels(args, ctx) -> int:
    from ua_writer.export import labels

    store = ctx.store()
    from ua_writer.core import settings

    prefs = store.prefs()
    sheet_key = args.sheet or settings.get(prefs, "label_sheet")
    ox = args.offset_x if args.offset_x is not None else settings.get(prefs, "label_offset_x_mm")
    oy = args.offset_y if args.offset_y is not None else settings.get(prefs, "label_offset_y_mm")
    offset = labels.check_offset(ox, oy)
    labels.sheet(sheet_key)  # validate before anything is written
    if args.save_offsets:
        records.set_prefs(store, {"label_offset_x_mm": offset[0], "label_offset_y_mm": offset[1],
                                  "label_sheet": sheet_key})
    if args.calibration:
        result = labels.write_calibration_pdf(args.output, sheet_key=sheet_key, offset=offset)
        print(f"wrote {result.path}: calibration page for the {sheet_key} sheet "
              f"(offset x {offset[0]:+g} mm, y {offset[1]:+g} mm)", file=ctx.out)
        return 0
    if not args.ids:
        raise UserFacingError("name at least one action (or use --calibration)")
    profile = store.profile()
    actions = [store.get_action(i) for i in dict.fromkeys(args.ids)]
    addresses, warnings = labels.addresses_for(actions, profile, copies=args.copies,
                                               language=args.lang)
    for w in warnings:
        ctx.warn(w)
    if not addresses:
        raise UserFacingError("no recipient with a postal address"
                              + ("" if args.copies else " (add --copies for the copy recipients)"))
    result = labels.write_labels_pdf([a.lines for a in addresses], args.output,
                                     sheet_key=sheet_key, offset=offset, skip=args.skip)
    for w in result.warnings:
        ctx.warn(w)
    n = len(addresses)
    print(f"wrote {result.path}: {n} label{'s' if n != 1 else ''} on {result.pages} "
          f"{sheet_key} sheet{'s' if result.pages != 1 else ''}", file=ctx.out)
    return 0
