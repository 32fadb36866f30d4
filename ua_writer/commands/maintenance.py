"""``repair``: keep a damaged database aside and start a fresh one (the way out of corruption)."""

from __future__ import annotations

from ua_writer import paths
from ua_writer.core import store as store_mod
from ua_writer.core.errors import CorruptStoreError


def register(sub) -> None:
    p = sub.add_parser("repair", help="check the database; move a damaged one aside and start fresh")
    p.set_defaults(func=run_repair)


def run_repair(args, ctx) -> int:
    db = paths.database_path()
    try:
        s = store_mod.Store(db)
    except CorruptStoreError:
        kept = store_mod.quarantine(db)
        s = store_mod.open_store(db)
        s.close()
        print(f"the damaged database was moved to {kept}; a fresh one was started at {db} "
              "(bundled actions reloaded)", file=ctx.out)
        return 0
    ok = s.integrity_ok()
    s.close()
    print(f"database {db}: {'ok' if ok else 'damaged'}", file=ctx.out)
    return 0
