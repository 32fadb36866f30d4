"""``repair``: keep a damaged database aside and start a fresh one (the way out of corruption)."""

from __future__ import annotations

from ua_writer import paths
from ua_writer.core import store as store_mod
from ua_writer.core.errors import CorruptStoreError
from ua_writer.core.i18n import ngettext


def register(sub) -> None:
    p = sub.add_parser("repair", help="check the database; move a damaged one aside and start fresh")
    p.set_defaults(func=run_repair)


def run_repair(args, ctx) -> int:
    from ua_writer.core import salvage

    db = paths.database_path()
    dropped: list[str] = []
    try:
        s = store_mod.Store(db)
    except CorruptStoreError:
        problem = "damaged"
    else:
        try:
            problem = salvage.deep_check(s)  # quick_check on open cannot see damaged row contents
            if problem is None and not s.read_only:
                # readable, but a version before the check stored a language no locale knows
                dropped = s.drop_unknown_languages()
        finally:
            s.close()
    if problem is None:
        if dropped:
            print(ngettext("database {db}: removed the unknown language code {codes} from the "
                           "profile",
                           "database {db}: removed the unknown language codes {codes} from the "
                           "profile", len(dropped)).format(
                               db=db, codes=", ".join(repr(c)[:40] for c in dropped)), file=ctx.out)
        else:
            print(f"database {db}: ok", file=ctx.out)
        if s.read_only:  # sound, but the disk is full: say so rather than "ok" alone
            ctx.warn(store_mod.disk_full_error(db).message)
        return 0
    kept, report = salvage.recover(db)
    print(f"the damaged database was moved to {kept}; a fresh one was started at {db} "
          f"(bundled actions reloaded; {report.summary()})", file=ctx.out)
    return 0
