"""``pack-export`` and ``pack-import``: share a set of actions (and templates) with a group."""

from __future__ import annotations

import sys

from ua_writer.core import packs, uapack
from ua_writer.core.errors import UserFacingError


def register(sub) -> None:
    p = sub.add_parser("pack-export", help="write actions and your template overrides to a .uapack")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.uapack")
    p.add_argument("--no-templates", action="store_true",
                   help="leave out the template overrides from the data folder")
    p.set_defaults(func=run_pack_export)

    p = sub.add_parser("pack-import", help="import a group pack (.uapack): shows the plan first",
                       description="Check a .uapack, show what is new, what changed and what would "
                                   "be overwritten, then apply it all at once (or nothing).")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="only print the plan")
    p.add_argument("--yes", action="store_true",
                   help="overwrite changed actions/templates without asking")
    p.set_defaults(func=run_pack_import)


def run_pack_export(args, ctx) -> int:
    summary = uapack.export_pack(ctx.store(), args.ids, args.output,
                                 include_templates=not args.no_templates)
    n = len(summary.actions)
    t = len(summary.templates)
    tmpl = f" and {t} template{'s' if t != 1 else ''}" if t else ""
    print(f"wrote {summary.path}: {n} action{'s' if n != 1 else ''}{tmpl}", file=ctx.out)
    return 0


def _confirm(prompt: str, ctx) -> bool:
    """Ask on a terminal; anything but y/yes is no. Without a terminal: no."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        return False
    ctx.err.write(prompt)
    ctx.err.flush()
    answer = stdin.readline().strip().lower()
    return answer in ("y", "yes")


def run_pack_import(args, ctx) -> int:
    store = ctx.store()
    plan = uapack.read_pack(args.file, store)
    for line in plan.lines():
        print(packs.printable(line), file=ctx.out)
    consent = plan.needs_consent  # changed actions and templates: shown as a diff, then asked
    for line in plan.consent_diff():
        print(line, file=ctx.out)
    if args.dry_run:
        print("dry run: nothing was changed", file=ctx.out)
        return 0
    if not plan.has_work:
        print("nothing to import: everything in the pack is already here", file=ctx.out)
        return 0
    overwrite = bool(args.yes)
    if consent and not overwrite:
        n = len(consent)
        templates = [i for i in consent if i.kind == "template"]
        question = (f"Overwrite {n} changed item{'s' if n != 1 else ''}? [y/N] " if not templates
                    else f"Apply {n} change{'s' if n != 1 else ''} shown above "
                         f"({len(templates)} letter template{'s' if len(templates) != 1 else ''})? [y/N] ")
        if not _confirm(question, ctx):
            names = ", ".join(packs.printable(i.name) for i in consent)
            if templates and not plan.changed:
                raise UserFacingError(
                    f"not importing: the pack installs {n} letter template{'s' if n != 1 else ''} "
                    f"({names}) that would change your letters; review the diff above and re-run "
                    f"with --yes to accept, or --dry-run to review")
            raise UserFacingError(
                f"not importing: {n} item{'s' if n != 1 else ''} in the pack differ from yours "
                f"({names}); re-run with --yes to overwrite them, or --dry-run to review")
        overwrite = True
    result = uapack.apply_plan(plan, store, overwrite=overwrite)
    print(f"imported: {len(result.added)} new, {len(result.updated)} updated action(s), "
          f"{len(result.templates)} template(s)", file=ctx.out)
    return 0
