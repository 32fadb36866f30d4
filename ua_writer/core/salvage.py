"""Deep check of a store and salvage of a damaged one: what ``ua-writer repair`` runs.

SQLite's ``quick_check`` (run when the CLI opens the store, by the GUI in the background) proves
the file's structure, not its contents: a flipped byte inside a row still opens but then fails
to decode. ``deep_check`` reads every row
the way the store does (UTF-8 text, JSON values, ISO dates) and returns the first problem.
``salvage_into`` copies what can still be read from a damaged file into a fresh store built
beside it (``recover`` puts it in place only once it is complete), row by row: drafts, sent log, profile and preferences,
address book, and actions the user imported or edited (bundled ones are reloaded anyway). A row
that cannot be read is skipped and counted, so one bad byte never costs the user their drafts.
No Qt; logs counts only, never row contents.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ua_writer.core import packs
from ua_writer.core.errors import DiskFullError, UserFacingError

log = logging.getLogger(__name__)

#: table -> columns holding JSON, columns holding ISO dates
_JSON = {"actions": ("pack",), "settings": ("value",), "address_book": ("recipient",)}
_DATES = {"actions": ("issue_date", "deadline"), "sent": ("sent_on",)}
TABLES = ("actions", "settings", "drafts", "sent", "address_book", "action_recipients")


def deep_check(store) -> str | None:
    """None if every row reads back as the store wrote it, else a one-line problem."""
    try:
        result = store.db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            return f"integrity check failed: {result}"
        for table in TABLES:
            cur = store.db.execute(f"SELECT * FROM {table}")  # decodes every text value
            names = [d[0] for d in cur.description]
            for row in cur:
                rec = dict(zip(names, tuple(row)))
                for col in _JSON.get(table, ()):
                    json.loads(rec[col])
                for col in _DATES.get(table, ()):
                    if rec[col]:
                        _dt.date.fromisoformat(rec[col])
                if table == "settings" and rec["key"] == "profile":
                    from ua_writer.core.store import profile_from_raw

                    profile_from_raw(json.loads(rec["value"]))  # the shape the store reads
    except (sqlite3.DatabaseError, ValueError, TypeError) as e:  # UnicodeDecodeError is a ValueError
        from ua_writer.core.store import scrub_error

        return scrub_error(str(e)) or type(e).__name__  # never the row's text
    return None


@dataclass
class SalvageReport:
    copied: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        got = ", ".join(f"{n} {t}" for t, n in self.copied.items() if n) or "nothing"
        lost = sum(self.skipped.values())
        return f"recovered {got}" + (f"; {lost} unreadable row(s) skipped" if lost else "")


def _rows(db: sqlite3.Connection, table: str, report: SalvageReport):
    """Yield rows as dicts of decoded values; count and skip the undecodable; stop at a bad page."""
    try:
        cur = db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        while True:
            try:
                row = cur.fetchone()
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                report.skipped[table] = report.skipped.get(table, 0) + 1
                return
            if row is None:
                return
            try:
                yield {n: (v.decode("utf-8") if isinstance(v, bytes) else v) for n, v in zip(names, row)}
            except UnicodeDecodeError:
                report.skipped[table] = report.skipped.get(table, 0) + 1
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # a damaged schema: the table is lost
        report.skipped[table] = report.skipped.get(table, 0) + 1


def salvage_into(damaged: str | Path, fresh) -> SalvageReport:
    """Copy the readable user data of the ``damaged`` database file into the store ``fresh``."""
    report = SalvageReport()
    try:
        src = sqlite3.connect(f"file:{Path(damaged)}?mode=ro", uri=True)
    except sqlite3.Error:
        return report
    src.text_factory = bytes  # decode ourselves, row by row
    try:
        _salvage(src, fresh, report)
    finally:
        src.close()
    log.info("salvage: copied %s, skipped %s", report.copied, report.skipped)
    return report


def _bump(report: SalvageReport, key: str, ok: bool) -> None:
    target = report.copied if ok else report.skipped
    target[key] = target.get(key, 0) + 1


def _salvage(src: sqlite3.Connection, fresh, report: SalvageReport) -> None:
    db = fresh.db
    for rec in _rows(src, "settings", report):
        try:
            value = json.loads(rec["value"])
            if rec["key"] == "profile":
                from ua_writer.core.store import profile_from_raw

                profile_from_raw(value)  # a wrong-shaped profile is dropped, not copied
            with fresh.transaction():
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           (rec["key"], json.dumps(value, ensure_ascii=False)))
            _bump(report, "settings", True)
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (ValueError, TypeError, sqlite3.Error):
            _bump(report, "settings", False)
    for rec in _rows(src, "actions", report):
        if rec.get("origin") == "bundled" and not rec.get("user_modified"):
            continue  # the fresh store reloaded it from the bundle
        try:
            action = packs.action_from_dict(json.loads(rec["pack"]), source="damaged database")
            origin = rec["origin"] if rec["origin"] in ("user", "imported") else "user"
            fresh.save_action(action, origin=origin, replace=True)
            _bump(report, "actions", True)
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (ValueError, TypeError, KeyError, UserFacingError, sqlite3.Error):
            _bump(report, "actions", False)
    for rec in _rows(src, "address_book", report):
        try:
            fresh.save_contact(packs.recipient_from_dict(json.loads(rec["recipient"]),
                                                         source="damaged database"))
            _bump(report, "contacts", True)
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (ValueError, TypeError, KeyError, UserFacingError, sqlite3.Error):
            _bump(report, "contacts", False)
    for rec in _rows(src, "action_recipients", report):
        try:
            fresh.attach_contact(rec["action_id"], rec["recipient_id"])
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (UserFacingError, sqlite3.Error, KeyError):
            pass
    for rec in _rows(src, "drafts", report):
        try:
            with fresh.transaction():
                db.execute(
                    """INSERT OR REPLACE INTO drafts (action_id, language, recipient_id, text, updated_at)
                       VALUES (?, ?, ?, ?, ?)""",
                    (rec["action_id"], rec["language"], rec["recipient_id"], rec["text"], rec["updated_at"]))
            _bump(report, "drafts", True)
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (sqlite3.Error, KeyError, UserFacingError):
            _bump(report, "drafts", False)
    for rec in _rows(src, "sent", report):
        try:
            _dt.date.fromisoformat(rec["sent_on"])
            with fresh.transaction():
                db.execute(
                    """INSERT INTO sent (action_id, recipient_id, language, channel, sent_on, created_at)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (rec["action_id"], rec["recipient_id"], rec["language"], rec["channel"],
                     rec["sent_on"], rec["created_at"]))
            _bump(report, "sent records", True)
        except DiskFullError:  # never a row "skipped" for want of space
            raise
        except (ValueError, TypeError, sqlite3.Error, KeyError, UserFacingError):
            _bump(report, "sent records", False)


def recover(path: str | Path) -> tuple[Path, SalvageReport]:
    """Start a fresh store (bundled actions reloaded) beside the damaged database at ``path``,
    copy into it what can still be read, and only then put it in place, keeping the damaged file
    aside (``store.replace_keeping_aside``). Returns (kept file, report). If the fresh store
    cannot be made (the disk is full) the half-made one is removed and nothing was changed."""
    from ua_writer.core import store as store_mod

    path = Path(path)
    new = path.with_name(f"{path.name}.repair-new")
    _remove_db_files(new)  # a repair killed half-way left it: it was never in place
    try:
        fresh = store_mod.open_store(new)
        try:
            report = salvage_into(path, fresh)
        finally:
            fresh.close()
        if fresh.read_only:  # opened read-only: the disk is full
            raise store_mod.disk_full_error(path)
        kept = store_mod.replace_keeping_aside(path, new)
    except BaseException as e:
        _remove_db_files(new)
        if isinstance(e, DiskFullError) or (isinstance(e, (sqlite3.Error, OSError))
                                            and store_mod.is_disk_full(path, e)):
            raise store_mod.disk_full_error(path) from None
        raise
    return kept, report


def _remove_db_files(p: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(p) + suffix).unlink()
        except FileNotFoundError:
            pass
