"""SQLite store: actions, address book, sender profile and preferences, drafts, sent log.

Owns the schema (``PRAGMA user_version`` + ordered migrations), WAL mode, foreign keys, and the
loading of bundled action packs without clobbering user edits. Every write is one transaction, so a
killed process leaves either the old or the new row, never half of one. Qt-free; the GUI and CLI
both talk to this class. A damaged database raises CorruptStoreError; ``quarantine()`` keeps the
damaged file aside so a fresh store can start (no crash loop). Opening runs SQLite's
``quick_check`` (O(file size)) unless the caller runs ``check_integrity()`` itself — the GUI does,
on its own connection in the background, so that its window does not wait for it.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import re
import sqlite3
import threading
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from ua_writer.core import settings as _settings
from ua_writer.core.errors import (CorruptStoreError, DiskFullError, NotFoundError, PackError,
                                   StoreError, UserFacingError)
from ua_writer.core.i18n import _

# The domain model and packs are imported where they are used: the GUI's first frame (the list,
# its titles, the sender's name) reads none of them, and importing them (seven dataclasses, ~35 M
# instructions) before it was a twentieth of its start-up (issue #16)
if TYPE_CHECKING:
    from ua_writer.core.model import Action, Draft, Recipient, SenderProfile, SentRecord

log = logging.getLogger(__name__)

#: a letter or UI language code: packs.LANG_RE (here too: packs is imported where it is used)
_LANG_RE = re.compile(r"^[a-z]{2,3}\Z")

#: preferences and their defaults: the ONE place defaults live
#: the preferences' defaults, declared once with their types and labels in core/settings.py
DEFAULT_PREFS = _settings.DEFAULT_PREFS

# -- schema ---------------------------------------------------------------------------------------
# Each migration takes the schema from version i to i+1. Never edit a released one; append.
MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema
    """
    CREATE TABLE actions (
        id            TEXT PRIMARY KEY,
        pack          TEXT NOT NULL,
        title         TEXT NOT NULL,
        country       TEXT,
        issue_date    TEXT,
        deadline      TEXT,
        persons       TEXT NOT NULL DEFAULT '',
        search        TEXT NOT NULL DEFAULT '',
        origin        TEXT NOT NULL CHECK (origin IN ('bundled', 'user', 'imported')),
        bundled_sha   TEXT,
        user_modified INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX actions_deadline ON actions(deadline);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE drafts (
        action_id    TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        language     TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        text         TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (action_id, language, recipient_id)
    );
    CREATE TABLE sent (
        id           INTEGER PRIMARY KEY,
        action_id    TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        recipient_id TEXT NOT NULL,
        language     TEXT NOT NULL,
        channel      TEXT NOT NULL CHECK (channel IN ('post', 'fax', 'email')),
        sent_on      TEXT NOT NULL,
        created_at   TEXT NOT NULL
    );
    CREATE INDEX sent_action ON sent(action_id);
    """,
    # 1 -> 2: the address book (user-added recipients, attachable to any action)
    """
    CREATE TABLE address_book (
        id         TEXT PRIMARY KEY,
        recipient  TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE action_recipients (
        action_id    TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        recipient_id TEXT NOT NULL REFERENCES address_book(id) ON DELETE CASCADE,
        PRIMARY KEY (action_id, recipient_id)
    );
    """,
    # 2 -> 3: a covering index for the action list, so listing 10,000 actions reads the small
    # columns from the index and never walks the multi-kilobyte packs (bench: 130 ms -> 40 ms)
    """
    CREATE INDEX actions_list ON actions(id, title, country, persons, issue_date, deadline, origin,
                                         search);
    """,
    # 3 -> 4: the packs' own titles per language ({"ru": "..."}) in a small column with its own
    # covering index, so lists in the UI language never parse 10,000 packs (bench: 90 ms -> 3 ms)
    """
    ALTER TABLE actions ADD COLUMN titles TEXT NOT NULL DEFAULT '{}';
    UPDATE actions SET titles = COALESCE(
        (SELECT json_group_object(key, json_extract(value, '$.title')) FROM json_each(actions.pack, '$.localized')
         WHERE json_type(value, '$.title') = 'text'), '{}');
    CREATE INDEX actions_titles ON actions(id, titles);
    """,
    # 4 -> 5: each action's transliteration key (``translit.skeleton`` of ``search``), computed
    # when the search text is written, like an index: the list's search matches "Dzhuraev" to
    # "Джураев" without keying 10,000 rows in the GUI at the first keystroke (bench: ~850 ms).
    # ``ua_search_key()`` is the SQL function _migrate registers; the covering index gains the column
    """
    ALTER TABLE actions ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
    UPDATE actions SET search_key = ua_search_key(search);
    DROP INDEX actions_list;
    CREATE INDEX actions_list ON actions(id, title, country, persons, issue_date, deadline, origin,
                                         search, search_key);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


class ActionRow(NamedTuple):
    """A light row for lists (no JSON parsing): what the action list and ``actions`` show. A
    named tuple: 10,000 of them are made in ~4 ms (a frozen dataclass took ~18 ms)."""

    id: str
    title: str
    country: str | None
    persons: str
    issue_date: _dt.date | None
    deadline: _dt.date | None
    search: str
    origin: str
    sent_count: int = 0
    draft_count: int = 0
    #: ``search``'s transliteration key (``translit.skeleton``), stored beside it
    search_key: str = ""

    def days_left(self, today: _dt.date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def status(self, today: _dt.date) -> str:
        if self.deadline is None:
            return "undated"
        return "open" if self.deadline >= today else "past"


def _search_text(a: Action, extra: Iterable[Recipient] = ()) -> str:
    parts = [a.title, a.country or "", a.ua_number or "", a.index or ""]
    parts += [v for d in a.localized.values() for k, v in d.items() if k == "title"]
    for p in a.persons:
        parts.append(p.name)
        parts += p.names.values()
    for r in list(a.recipients) + list(extra):
        parts += [r.name or "", r.title or "", r.organization or ""]
        for lr in r.localized.values():
            parts += [lr.name or "", lr.title or "", lr.organization or ""]
    if a.country:
        try:
            from babel import Locale

            parts.append(Locale("en").territories.get(a.country, ""))
            parts.append(Locale("ru").territories.get(a.country, ""))
        except Exception:  # pragma: no cover - babel data always present
            pass
    return " ".join(p for p in parts if p).casefold()


def search_key(search: str) -> str:
    """The transliteration key stored beside a search text (``search_key`` column): what the
    action list's search matches a query word's key against. Changing ``translit.skeleton``
    needs a migration that recomputes the column (as schema 5 fills it)."""
    from ua_writer.core.translit import skeleton  # (not at import: the first frame needs none)

    return skeleton(search)


def _search_columns(a: Action, extra: Iterable[Recipient] = ()) -> tuple[str, str]:
    """The ``search`` and ``search_key`` columns of ``a`` (with the address-book ``extra``)."""
    text = _search_text(a, extra)
    return text, search_key(text)


def _titles(a: Action) -> str:
    """The pack's own titles per language, {"ru": "..."}, as stored in the ``titles`` column."""
    return json.dumps({lang: d["title"] for lang, d in sorted(a.localized.items())
                       if isinstance(d.get("title"), str) and d["title"]}, ensure_ascii=False)


def _persons_text(a: Action) -> str:
    return ", ".join(p.name for p in a.persons)


#: SQLite's (extended) error names that say nothing about the file's contents: a full disk, an I/O
#: failure, a lock, permissions. Any other SQLite error while reading the file means damage.
_NOT_DAMAGE = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY",
               "SQLITE_CANTOPEN", "SQLITE_NOMEM", "SQLITE_INTERRUPT", "SQLITE_PERM", "SQLITE_AUTH",
               "SQLITE_NOLFS")
#: below this much free space, an I/O error on the database is taken to mean "the disk is full"
#: (SQLite reports a full disk while growing its -shm file as SQLITE_IOERR_SHMSIZE, not FULL)
LOW_SPACE_BYTES = 1 << 20


def free_bytes(path: str | os.PathLike) -> int | None:
    """Free space on the filesystem holding ``path`` (its folder if it does not exist), or None."""
    p = Path(path)
    for candidate in (p, p.parent):
        try:
            st = os.statvfs(candidate)
        except (OSError, AttributeError):
            continue
        blocks = st.f_bfree if hasattr(os, "geteuid") and os.geteuid() == 0 else st.f_bavail
        return blocks * st.f_frsize
    return None


def is_disk_full(path: str | os.PathLike, e: BaseException) -> bool:
    """True when the SQLite (or OS) error ``e`` on the database at ``path`` means the disk is full."""
    name = getattr(e, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL" or getattr(e, "errno", None) == 28 or "disk is full" in str(e).lower():
        return True
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in str(e).lower():
        free = free_bytes(path)
        return free is not None and free < LOW_SPACE_BYTES
    return False


def disk_full_error(path: str | os.PathLike) -> DiskFullError:
    return DiskFullError(_("disk full: nothing was changed (the database {path} is sound; it can be "
                           "written again once some space is freed)").format(path=path))


def is_damage(e: BaseException) -> bool:
    """True when ``e`` says the database file is damaged: any SQLite error but a full disk, an
    I/O failure, a lock or permissions; or one of our own decode failures."""
    name = getattr(e, "sqlite_errorname", None) or ""
    return not name.startswith(_NOT_DAMAGE)


_ROW_TEXT_RE = re.compile(r"\s+with text\s+'.*", re.DOTALL)


def scrub_error(text: str) -> str:
    """An SQLite error message without the row text it may quote (sqlite3's "Could not decode to
    UTF-8 column 'text' with text '…'" holds a damaged draft's letter): messages, stderr and the
    log never carry letter text. One line, at most 160 characters."""
    return " ".join(_ROW_TEXT_RE.sub("", str(text)).split())[:160]


def database_error(path: str | os.PathLike, e: BaseException) -> StoreError:
    """The user-facing error for an ``sqlite3.DatabaseError`` (or a failed decode) on ``path``:
    disk full (DiskFullError), busy, read-only, an I/O error, or damaged (CorruptStoreError,
    which names ``ua-writer repair``). Only real damage is ever called damage."""
    msg = scrub_error(str(e))
    low = msg.lower()
    if is_disk_full(path, e):
        return disk_full_error(path)
    if "locked" in low or "busy" in low:
        return StoreError(_("the database {path} is busy: another ua-writer is writing to it; "
                            "try again in a moment").format(path=path))
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return StoreError(_("cannot write to the database {path}: {error}").format(path=path, error=msg))
    if not is_damage(e):
        return StoreError(_("cannot use the database {path} ({error}); nothing was changed, "
                            "try again").format(path=path, error=msg))
    return CorruptStoreError(
        _("the database {path} is damaged ({error}); run 'ua-writer repair' to keep the damaged "
          "file aside and start a fresh one").format(path=path, error=msg), str(path))


def check_integrity(path: str | os.PathLike, *, on_connect: Callable | None = None) -> str | None:
    """SQLite's ``quick_check`` of the database at ``path`` on a connection of its own (so it can
    run on a worker thread while the store is in use): None if the file is sound, else what is
    wrong. ``on_connect(connection)`` lets a caller keep the connection to ``interrupt()`` it."""
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=5.0,
                             check_same_thread=False)
    except sqlite3.Error as e:
        return str(e)
    try:
        if on_connect is not None:
            on_connect(db)
        rows = db.execute("PRAGMA quick_check").fetchall()
        result = "; ".join(str(r[0]) for r in rows[:5])
        return None if result == "ok" else scrub_error(result)
    except sqlite3.OperationalError as e:
        if "interrupt" in str(e).lower():
            return None  # stopped on purpose (the window closed): nothing was found
        return scrub_error(str(e))
    except (sqlite3.DatabaseError, UnicodeError) as e:
        return scrub_error(str(e))
    finally:
        db.close()


class Store:
    """One SQLite database file. Not shared between threads: open one Store per thread.

    ``check=False`` skips the integrity check at open: only for a caller that runs
    ``check_integrity()`` itself and treats a ``sqlite3.DatabaseError`` on any read as damage
    (``database_error()``)."""

    def __init__(self, path: str | os.PathLike, *, timeout: float = 5.0, check: bool = True):
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        except OSError as e:
            raise StoreError(_("cannot create the database {path}: {error}").format(
                path=self.path, error=e.strerror)) from None
        try:
            self.db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None,
                                      check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(_("cannot open the database {path}: {error}").format(
                path=self.path, error=e)) from None
        self.db.row_factory = sqlite3.Row
        #: None, or why this store can only be read (the disk is full): every write then raises
        self.read_only: str | None = None
        try:
            self._configure(check)
            self._migrate()
        except (sqlite3.DatabaseError, UnicodeError) as e:  # a damaged header can fail to decode
            self.db.close()
            error = database_error(self.path, e)
            if isinstance(error, DiskFullError) and self._open_read_only(check):
                return
            raise error from None

    def _open_read_only(self, check: bool) -> bool:
        """The disk is full, so SQLite cannot even make its shared-memory file: open the file
        read-only and immutable so that what is stored can still be shown (``sent``, ``drafts``).
        Only when no write-ahead log holds data (a clean close leaves none); False otherwise."""
        wal = Path(str(self.path) + "-wal")
        try:
            if wal.exists() and wal.stat().st_size > 0:
                return False
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True,
                                 isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error):
            return False
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA query_only = ON")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise sqlite3.DatabaseError("schema needs a migration")
            if check and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
        except (sqlite3.Error, UnicodeError):
            db.close()
            return False
        self.db = db
        self.read_only = "disk full"
        log.info("the disk holding the database is full: opened read-only")
        return True

    # -- lifecycle ------------------------------------------------------------------------------
    def _configure(self, check: bool = True) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":  # pragma: no cover - e.g. a filesystem without shared memory
            log.warning("SQLite journal mode is %s, not WAL", mode)
        self.db.execute("PRAGMA synchronous = FULL")
        if check:
            result = self.db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {result}")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version < 0 or version > SCHEMA_VERSION + 1000:  # no real ua-writer wrote that
            raise sqlite3.DatabaseError(f"implausible schema version {version}")
        if version > SCHEMA_VERSION:
            raise StoreError(
                _("the database {path} was written by a newer ua-writer (schema {version}, "
                  "this version knows {known}); please upgrade ua-writer").format(
                    path=self.path, version=version, known=SCHEMA_VERSION))
        if version < SCHEMA_VERSION:  # what migrations compute in Python (schema 5)
            self.db.create_function("ua_search_key", 1, search_key, deterministic=True)
        while version < SCHEMA_VERSION:
            with self.transaction():
                for stmt in _statements(MIGRATIONS[version]):
                    self.db.execute(stmt)
                version += 1
                self.db.execute(f"PRAGMA user_version = {version}")
            log.info("database migrated to schema %d", version)

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:  # pragma: no cover
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    class _Tx:
        def __init__(self, store: "Store"):
            self.store = store

        def __enter__(self):
            if self.store.read_only:
                raise disk_full_error(self.store.path)
            self.store._lock.acquire()
            try:
                self.store.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                self.store._lock.release()
                if is_disk_full(self.store.path, e):
                    raise disk_full_error(self.store.path) from None
                raise StoreError(_("the database is busy (another ua-writer is writing): {error}").format(
                    error=e)) from None
            return self.store.db

        def __exit__(self, exc_type, exc, tb):
            try:
                if exc_type is None:
                    try:
                        self.store.db.execute("COMMIT")
                    except sqlite3.OperationalError as e:
                        if self.store.db.in_transaction:
                            self.store.db.execute("ROLLBACK")
                        if is_disk_full(self.store.path, e):
                            raise disk_full_error(self.store.path) from None
                        raise
                elif self.store.db.in_transaction:  # SQLite may have rolled back already
                    self.store.db.execute("ROLLBACK")  # (e.g. on "database or disk is full")
            finally:
                self.store._lock.release()
            if exc is not None and isinstance(exc, sqlite3.OperationalError) and is_disk_full(
                    self.store.path, exc):
                raise disk_full_error(self.store.path) from None
            return False

    def transaction(self) -> "_Tx":
        return Store._Tx(self)

    # -- actions --------------------------------------------------------------------------------
    def has_action(self, action_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM actions WHERE id = ?", (action_id,)).fetchone() is not None

    def get_action(self, action_id: str, *, with_address_book: bool = True) -> Action:
        row = self.db.execute("SELECT pack FROM actions WHERE id = ?", (action_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("no action with id {id}").format(id=repr(action_id)))
        from ua_writer.core import packs

        action = packs.action_from_dict(_loads(row["pack"]), source=_("database action {id}").format(id=action_id))
        if with_address_book:
            known = {r.id for r in action.recipients}
            for r in self.action_address_book(action_id):
                if r.id not in known:
                    action.recipients.append(r)
        return action

    def action_rows(self, *, deadline_from: _dt.date | None = None,
                    deadline_to: _dt.date | None = None) -> list[ActionRow]:
        """All actions (or those with a deadline in [deadline_from, deadline_to]) as light rows
        with sent/draft counts. Reads the covering index ``actions_list`` (or, for a deadline
        range, ``actions_deadline``), never the packs."""
        where, args = [], []
        if deadline_from is not None:
            where.append("deadline >= ?")
            args.append(deadline_from.isoformat())
        if deadline_to is not None:
            where.append("deadline <= ?")
            args.append(deadline_to.isoformat())
        query = ("SELECT id, title, country, persons, issue_date, deadline, search, origin, search_key"
                 " FROM actions")
        if where:
            query += " WHERE " + " AND ".join(where)
        cur = self.db.cursor()
        cur.row_factory = None  # plain tuples: 10,000 rows without sqlite3.Row lookups
        rows = cur.execute(query, args).fetchall()
        sent = dict(cur.execute("SELECT action_id, COUNT(*) FROM sent GROUP BY action_id").fetchall())
        drafts = dict(cur.execute("SELECT action_id, COUNT(*) FROM drafts GROUP BY action_id").fetchall())
        return [ActionRow(i, title, country, persons, _date(issued), _date(deadline), search, origin,
                          sent.get(i, 0), drafts.get(i, 0), key)
                for i, title, country, persons, issued, deadline, search, origin, key in rows]

    def first_open_rows(self, today: _dt.date, at_least: int) -> list[ActionRow]:
        """The open actions with the ``at_least`` nearest deadlines (today included), plus every
        other one due on the last of those days: the exact start of a list ordered by deadline,
        then by anything else. Two indexed queries: a window shows its first screenful without
        reading 10,000 rows."""
        last = self.db.execute(
            "SELECT deadline FROM actions WHERE deadline >= ? ORDER BY deadline LIMIT 1 OFFSET ?",
            (today.isoformat(), max(0, at_least - 1))).fetchone()
        return self.action_rows(deadline_from=today, deadline_to=_date(last[0]) if last else None)

    def action_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM actions").fetchone()[0]

    def status_counts(self, today: _dt.date) -> dict[str, int]:
        """How many actions are open, past and undated on ``today`` (and "all"): counts over
        ranges of the deadline index (~0.1 ms for 10,000 actions)."""
        count = self.db.execute
        total = count("SELECT COUNT(*) FROM actions").fetchone()[0]
        open_ = count("SELECT COUNT(*) FROM actions WHERE deadline >= ?", (today.isoformat(),)).fetchone()[0]
        undated = count("SELECT COUNT(*) FROM actions WHERE deadline IS NULL").fetchone()[0]
        return {"open": open_, "past": total - open_ - undated, "undated": undated, "all": total}

    def localized_titles(self, language: str, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Action id -> the pack's own title in ``language``, for actions that have one (lists
        shown in the UI language); only for ``ids`` if given. One query; the packs are not
        parsed in Python, and JSON only where the language's key occurs at all."""
        if not _LANG_RE.match(language or ""):
            return {}
        path = f'$."{language}"'
        # the small ``titles`` column via its covering index, not the packs; instr() skips the
        # rows without a title in this language (e.g. English UI: all of them) before any JSON
        query = ("SELECT id, json_extract(titles, ?) FROM actions "
                 "WHERE titles != '{}' AND instr(titles, ?) > 0")
        args: list = [path, f'"{language}":']
        wanted = None
        if ids is not None:
            wanted = set(ids)
            if not wanted:
                return {}
            if len(wanted) <= 500:  # well below SQLite's limit on parameters
                query += f" AND id IN ({','.join('?' * len(wanted))})"
                args += sorted(wanted)
        rows = self.db.execute(query, args).fetchall()
        return {r[0]: r[1] for r in rows if r[1] and (wanted is None or r[0] in wanted)}

    def list_actions(self, today: _dt.date, status: str = "open") -> list[ActionRow]:
        """Rows filtered by status (open|past|undated|all): open by deadline, past newest first."""
        if status not in ("open", "past", "undated", "all"):
            raise UserFacingError(_("unknown status {status}; use open, past, undated or all").format(
                status=repr(status)))
        rows = [r for r in self.action_rows() if status == "all" or r.status(today) == status]
        order = {"open": 0, "past": 1, "undated": 2}

        def key(r: ActionRow):
            st = r.status(today)
            if st == "open":
                return (order[st], r.deadline.toordinal(), r.title.casefold())
            if st == "past":
                return (order[st], -r.deadline.toordinal(), r.title.casefold())
            return (order[st], 0, r.title.casefold())

        return sorted(rows, key=key)

    def save_action(self, action: Action, *, origin: str = "user", replace: bool = False) -> None:
        """Insert or (with replace=True) overwrite an action. Editing a bundled one marks it
        user-modified so bundle upgrades never clobber it."""
        self.save_actions([action], origin=origin, replace=replace)

    def save_actions(self, actions: Iterable[Action], *, origin: str = "user",
                     replace: bool = False) -> None:
        """Save several actions in ONE transaction: all of them or none (e.g. a group pack)."""
        with self.transaction() as db:
            for action in actions:
                self._save_action(db, action, origin, replace)

    def _save_action(self, db, action: Action, origin: str, replace: bool) -> None:
        from ua_writer.core import packs

        data = packs.check_size(action, _("action {id}").format(id=action.id))  # exportable
        # what is stored passes the pack rules whatever made it (an importer, the GUI): no
        # control characters, overrides or bad ids reach the terminal, calendars or file names
        packs.action_from_dict(json.loads(data), source=_("action {id}").format(id=action.id))
        now = _now()
        old = db.execute("SELECT origin FROM actions WHERE id = ?", (action.id,)).fetchone()
        if old is not None and not replace:
            raise UserFacingError(
                _("an action with id {id} already exists; use --replace to overwrite it").format(
                    id=repr(action.id)))
        extra = self._address_book_for(db, action.id) if old is not None else []
        fields = (data, action.title, action.country, _iso(action.issue_date), _iso(action.deadline),
                  _persons_text(action), *_search_columns(action, extra), _titles(action))
        if old is None:
            db.execute(
                """INSERT INTO actions (pack, title, country, issue_date, deadline, persons, search,
                                        search_key, titles, id, origin, user_modified, created_at,
                                        updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                fields + (action.id, origin, now, now))
        else:
            keep_origin = old["origin"]
            self._reattach(db, action)
            db.execute(
                """UPDATE actions SET pack = ?, title = ?, country = ?, issue_date = ?, deadline = ?,
                          persons = ?, search = ?, search_key = ?, titles = ?, user_modified = ?,
                          updated_at = ?
                   WHERE id = ?""",
                fields + (1 if keep_origin == "bundled" else 0, now, action.id))
        self._forget_deleted_bundled(db, action.id)

    def _reattach(self, db, action: Action) -> dict[str, str]:
        """Before ``action`` replaces the stored one: point the drafts and sent records of each
        old recipient whose id is gone at the new recipient that is the same official
        (``match_recipients``), so nothing the user wrote or sent is orphaned. A draft whose new
        key is already taken stays where it was (never overwritten). Returns {old id: new id}."""
        from ua_writer.core import packs

        row = db.execute("SELECT pack FROM actions WHERE id = ?", (action.id,)).fetchone()
        try:
            old = packs.action_from_dict(_loads(row[0]))
        except (UserFacingError, sqlite3.DatabaseError):
            return {}  # an unreadable old pack: nothing to match against, nothing moved
        moves = match_recipients(old.recipients, action.recipients)
        for old_id, new_id in moves.items():
            db.execute("UPDATE OR IGNORE drafts SET recipient_id = ? WHERE action_id = ? AND "
                       "recipient_id = ?", (new_id, action.id, old_id))
            db.execute("UPDATE sent SET recipient_id = ? WHERE action_id = ? AND recipient_id = ?",
                       (new_id, action.id, old_id))
        if moves:
            log.info("action %s replaced: %d recipient(s) matched under a new id", action.id,
                     len(moves))
        return moves

    def delete_action(self, action_id: str) -> None:
        with self.transaction() as db:
            row = db.execute("SELECT origin FROM actions WHERE id = ?", (action_id,)).fetchone()
            if row is None:
                raise NotFoundError(_("no action with id {id}").format(id=repr(action_id)))
            db.execute("DELETE FROM actions WHERE id = ?", (action_id,))
            if row["origin"] == "bundled":
                deleted = set(self._get_setting(db, "deleted_bundled", []))
                deleted.add(action_id)
                self._set_setting(db, "deleted_bundled", sorted(deleted))

    def _forget_deleted_bundled(self, db, action_id: str) -> None:
        deleted = self._get_setting(db, "deleted_bundled", [])
        if action_id in deleted:
            self._set_setting(db, "deleted_bundled", [d for d in deleted if d != action_id])

    def sync_bundled(self, folder: str | os.PathLike | None = None) -> list[str]:
        """Load bundled packs: new ones are added, changed ones update actions the user has not
        edited; user edits and user deletions are kept. A broken bundled file is logged and
        skipped. Returns the ids added or updated."""
        if folder is None:
            from ua_writer import paths

            folder = paths.bundled_actions_dir()
        folder = Path(folder)
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        contents = {f: f.read_bytes() for f in files}
        # every start lands here: names, sizes and CRCs say "unchanged" without hashlib (whose
        # OpenSSL import alone costs ~3 ms); the SHA-256s below decide what actually changed
        quick = ",".join(f"{f.name}:{len(b)}:{zlib.crc32(b):08x}" for f, b in contents.items())
        if self.get_setting("bundled_quick") == quick and self.get_setting("bundled_fingerprint"):
            return []
        import hashlib

        shas = {f: hashlib.sha256(b).hexdigest() for f, b in contents.items()}
        fingerprint = hashlib.sha256("".join(sorted(shas.values())).encode()).hexdigest()
        if self.get_setting("bundled_fingerprint") == fingerprint:
            self.set_setting("bundled_quick", quick)
            return []
        from ua_writer.core import packs  # (not before: most starts end above)

        changed: list[str] = []
        deleted = set(self.get_setting("deleted_bundled", []))
        for f, sha in shas.items():
            try:
                action = packs.load(f)
            except PackError as e:
                log.warning("skipping broken bundled pack: %s", e)
                continue
            if action.id in deleted:
                continue
            now = _now()
            with self.transaction() as db:
                row = db.execute("SELECT origin, bundled_sha, user_modified FROM actions WHERE id = ?",
                                 (action.id,)).fetchone()
                fields = (packs.dumps(action), action.title, action.country, _iso(action.issue_date),
                          _iso(action.deadline), _persons_text(action), *_search_columns(action),
                          _titles(action))
                if row is None:
                    db.execute(
                        """INSERT INTO actions (pack, title, country, issue_date, deadline, persons,
                               search, search_key, titles, id, origin, bundled_sha, user_modified,
                               created_at, updated_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bundled', ?, 0, ?, ?)""",
                        fields + (action.id, sha, now, now))
                    changed.append(action.id)
                elif row["origin"] == "bundled" and not row["user_modified"] and row["bundled_sha"] != sha:
                    db.execute(
                        """UPDATE actions SET pack = ?, title = ?, country = ?, issue_date = ?,
                               deadline = ?, persons = ?, search = ?, search_key = ?, titles = ?,
                               bundled_sha = ?, updated_at = ?
                           WHERE id = ?""", fields + (sha, now, action.id))
                    changed.append(action.id)
        with self.transaction() as db:
            self._set_setting(db, "bundled_fingerprint", fingerprint)
            self._set_setting(db, "bundled_quick", quick)
        return changed

    # -- address book ---------------------------------------------------------------------------
    def save_contact(self, recipient: Recipient) -> None:
        """Add or update an address-book entry (a recipient the user keeps, e.g. an embassy)."""
        from ua_writer.core import packs

        with self.transaction() as db:
            # an upsert, not INSERT OR REPLACE: REPLACE deletes the old row first, and the
            # foreign key's ON DELETE CASCADE would take the entry off every action it is on
            db.execute("""INSERT INTO address_book (id, recipient, updated_at) VALUES (?, ?, ?)
                          ON CONFLICT(id) DO UPDATE SET recipient = excluded.recipient,
                                                        updated_at = excluded.updated_at""",
                       (recipient.id, json.dumps(packs.recipient_to_dict(recipient), ensure_ascii=False),
                        _now()))
            for (aid,) in db.execute("SELECT action_id FROM action_recipients WHERE recipient_id = ?",
                                     (recipient.id,)).fetchall():
                self._refresh_search(db, aid)

    def contacts(self) -> list[Recipient]:
        from ua_writer.core import packs

        rows = self.db.execute("SELECT id, recipient FROM address_book ORDER BY id").fetchall()
        return [packs.recipient_from_dict(_loads(r["recipient"]), source="address book") for r in rows]

    def attach_contact(self, action_id: str, recipient_id: str) -> None:
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM actions WHERE id = ?", (action_id,)).fetchone() is None:
                raise NotFoundError(_("no action with id {id}").format(id=repr(action_id)))
            if db.execute("SELECT 1 FROM address_book WHERE id = ?", (recipient_id,)).fetchone() is None:
                raise NotFoundError(_("no address-book entry with id {id}").format(id=repr(recipient_id)))
            db.execute("INSERT OR IGNORE INTO action_recipients (action_id, recipient_id) VALUES (?, ?)",
                       (action_id, recipient_id))
            self._refresh_search(db, action_id)

    def detach_contact(self, action_id: str, recipient_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM action_recipients WHERE action_id = ? AND recipient_id = ?",
                       (action_id, recipient_id))
            self._refresh_search(db, action_id)

    def action_address_book(self, action_id: str) -> list[Recipient]:
        return self._address_book_for(self.db, action_id)

    @staticmethod
    def _address_book_for(db, action_id: str) -> list[Recipient]:
        from ua_writer.core import packs

        rows = db.execute(
            """SELECT b.recipient FROM action_recipients ar JOIN address_book b ON b.id = ar.recipient_id
               WHERE ar.action_id = ? ORDER BY b.id""", (action_id,)).fetchall()
        return [packs.recipient_from_dict(_loads(r[0]), source="address book") for r in rows]

    def _refresh_search(self, db, action_id: str) -> None:
        from ua_writer.core import packs

        row = db.execute("SELECT pack FROM actions WHERE id = ?", (action_id,)).fetchone()
        if row is None:
            return
        action = packs.action_from_dict(_loads(row[0]))
        db.execute("UPDATE actions SET search = ?, search_key = ? WHERE id = ?",
                   (*_search_columns(action, self._address_book_for(db, action_id)), action_id))

    # -- settings, profile, preferences ---------------------------------------------------------
    @staticmethod
    def _get_setting(db, key: str, default=None):
        row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else _loads(row[0])

    @staticmethod
    def _set_setting(db, key: str, value) -> None:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                   (key, json.dumps(value, ensure_ascii=False)))

    def get_setting(self, key: str, default=None):
        return self._get_setting(self.db, key, default)

    def set_setting(self, key: str, value) -> None:
        with self.transaction() as db:
            self._set_setting(db, key, value)

    def update_setting(self, key: str, change: Callable, default=None):
        """Read-modify-write one setting in one transaction: ``change(old) -> new``; returns new."""
        with self.transaction() as db:
            value = change(self._get_setting(db, key, default))
            self._set_setting(db, key, value)
        return value

    def profile(self) -> SenderProfile:
        """The sender profile, without letter languages no locale knows (a version before the
        check stored ``languages=xx``, which broke envelopes and labels): see
        :meth:`profile_unknown_languages` for what was left out, :meth:`drop_unknown_languages`
        for ``repair``."""
        return usable_profile(self._stored_profile())[0]

    def _stored_profile(self) -> SenderProfile:
        from ua_writer.core.model import SenderProfile

        raw = self.get_setting("profile")
        if not raw:
            return SenderProfile()
        try:
            return profile_from_raw(raw)
        except ValueError as e:  # not what save_profile writes: the file is damaged
            raise sqlite3.DatabaseError(f"damaged profile in the database ({e})") from None

    def profile_unknown_languages(self) -> list[str]:
        """The unknown language codes the stored profile holds (which :meth:`profile` leaves
        out); [] for a damaged profile too (that is ``repair``'s business, said elsewhere)."""
        try:
            return usable_profile(self._stored_profile())[1]
        except sqlite3.DatabaseError:
            return []

    def drop_unknown_languages(self) -> list[str]:
        """Remove unknown language codes from the stored profile (``repair``); returns them."""
        from dataclasses import asdict

        with self.transaction() as db:
            raw = self._get_setting(db, "profile", None)
            if not raw:
                return []
            try:
                profile, dropped = usable_profile(profile_from_raw(raw))
            except ValueError:
                return []
            if dropped:
                self._set_setting(db, "profile", asdict(profile))
        return dropped

    def profile_name(self) -> str:
        """The sender's name, or "" when there is no profile (an empty one: SenderProfile.
        is_empty): what the window's first frame shows, read without building the profile (the
        domain model is not imported for that frame; issue #16). A damaged profile raises
        sqlite3.DatabaseError as :meth:`profile` does."""
        raw = self.get_setting("profile")
        if not raw:
            return ""
        try:
            check_profile_shape(raw)
        except ValueError as e:  # not what save_profile writes: the file is damaged
            raise sqlite3.DatabaseError(f"damaged profile in the database ({e})") from None
        name = raw.get("name", "")
        return name if name.strip() else ""

    def has_profile(self) -> bool:
        return not self.profile().is_empty()

    def save_profile(self, profile: SenderProfile) -> None:
        """Store the sender profile; UserFacingError naming the field if a value cannot be used
        (text that is not text, an unknown letter language)."""
        from dataclasses import asdict

        check_profile(profile)
        self.set_setting("profile", asdict(profile))

    def prefs(self) -> dict:
        stored = self.get_setting("prefs", {}) or {}
        return {k: stored.get(k, v) for k, v in DEFAULT_PREFS.items()}

    def set_pref(self, key: str, value) -> None:
        value = _settings.check(key, value)  # an unknown key or a bad value: UserFacingError
        with self.transaction() as db:
            stored = self._get_setting(db, "prefs", {}) or {}
            stored[key] = value
            self._set_setting(db, "prefs", stored)

    # -- drafts ---------------------------------------------------------------------------------
    def save_draft(self, action_id: str, language: str, recipient_id: str, text: str) -> Draft:
        from ua_writer.core.model import Draft

        now = _now()
        with self.transaction() as db:
            db.execute(
                """INSERT INTO drafts (action_id, language, recipient_id, text, updated_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (action_id, language, recipient_id)
                   DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at""",
                (action_id, language, recipient_id, text, now))
        return Draft(action_id, language, recipient_id, text, now)

    def get_draft(self, action_id: str, language: str, recipient_id: str) -> Draft | None:
        from ua_writer.core.model import Draft

        r = self.db.execute(
            "SELECT * FROM drafts WHERE action_id = ? AND language = ? AND recipient_id = ?",
            (action_id, language, recipient_id)).fetchone()
        return None if r is None else Draft(r["action_id"], r["language"], r["recipient_id"],
                                            r["text"], r["updated_at"])

    def delete_draft(self, action_id: str, language: str, recipient_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM drafts WHERE action_id = ? AND language = ? AND recipient_id = ?",
                       (action_id, language, recipient_id))

    def drafts(self, action_id: str | None = None) -> list[Draft]:
        from ua_writer.core.model import Draft

        q = "SELECT * FROM drafts"
        args: tuple = ()
        if action_id:
            q += " WHERE action_id = ?"
            args = (action_id,)
        q += " ORDER BY action_id, language, recipient_id"
        return [Draft(r["action_id"], r["language"], r["recipient_id"], r["text"], r["updated_at"])
                for r in self.db.execute(q, args)]

    # -- sent log -------------------------------------------------------------------------------
    def mark_sent(self, action_id: str, recipient_id: str, language: str, channel: str,
                  sent_on: _dt.date) -> SentRecord:
        from ua_writer.core.model import CHANNELS, SentRecord

        if channel not in CHANNELS:
            raise UserFacingError(_("unknown channel {channel}; use one of {channels}").format(
                channel=repr(channel), channels=", ".join(CHANNELS)))
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM actions WHERE id = ?", (action_id,)).fetchone() is None:
                raise NotFoundError(_("no action with id {id}").format(id=repr(action_id)))
            cur = db.execute(
                """INSERT INTO sent (action_id, recipient_id, language, channel, sent_on, created_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (action_id, recipient_id, language, channel, sent_on.isoformat(), _now()))
        return SentRecord(action_id, recipient_id, language, channel, sent_on, cur.lastrowid)

    def sent(self, action_id: str | None = None) -> list[SentRecord]:
        from ua_writer.core.model import SentRecord

        q = "SELECT * FROM sent"
        args: tuple = ()
        if action_id:
            q += " WHERE action_id = ?"
            args = (action_id,)
        q += " ORDER BY sent_on, id"
        return [SentRecord(r["action_id"], r["recipient_id"], r["language"], r["channel"],
                           _date(r["sent_on"]), r["id"])
                for r in self.db.execute(q, args)]

    def delete_sent(self, record_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM sent WHERE id = ?", (record_id,))

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_PROFILE_TEXT = ("name", "city", "country", "email", "phone", "fax")


def profile_from_raw(raw) -> SenderProfile:
    """The SenderProfile a stored settings value describes; ValueError if it has the wrong shape
    (what ``repair`` then treats as damage: the profile is dropped, the rest salvaged)."""
    from ua_writer.core.model import SenderProfile

    check_profile_shape(raw)
    known = set(SenderProfile.__dataclass_fields__)
    return SenderProfile(**{k: v for k, v in raw.items() if k in known})


def check_profile_shape(raw) -> None:
    """ValueError if a stored profile value is not what ``save_profile`` writes (each field
    checked is one of SenderProfile's; others are left out by ``profile_from_raw``)."""
    if not isinstance(raw, dict):
        raise ValueError(f"expected an object, got {type(raw).__name__}")
    for k in _PROFILE_TEXT:
        if k in raw and not isinstance(raw[k], str):
            raise ValueError(f"{k} is not text")
    for k in ("address_lines", "languages"):
        if k in raw and not (isinstance(raw[k], list) and all(isinstance(x, str) for x in raw[k])):
            raise ValueError(f"{k} is not a list of text")
    if raw.get("gender") not in (None, "m", "f"):
        raise ValueError("gender is not m, f or empty")
    names = raw.get("names", {})
    if not (isinstance(names, dict) and all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in names.items())):
        raise ValueError("names is not an object of text")


def check_profile(profile: SenderProfile) -> None:
    """UserFacingError naming the field when the profile holds something no letter can use:
    bytes that are not text (a non-UTF-8 argument), control characters, or a letter language
    no locale knows (``languages=xx`` then broke envelopes and labels)."""
    from ua_writer.core import packs

    values: list[tuple[str, str]] = [(k, getattr(profile, k) or "") for k in _PROFILE_TEXT]
    values += [(f"address_lines[{i}]", v) for i, v in enumerate(profile.address_lines)]
    values += [(f"names.{k}", v) for k, v in profile.names.items()]
    for field_name, value in values:
        if packs.text_problem(value):
            raise UserFacingError(_("profile {field}: {problem}").format(
                field=field_name, problem=packs.text_problem(value)))
    for lang in list(profile.languages) + list(profile.names):
        if not packs.LANG_RE.match(lang or "") or not _known_locale(lang):
            raise UserFacingError(_("profile languages: unknown language code {code}; use codes "
                                    "such as ru, en, de").format(code=repr(lang)[:40]))


def peek_pref(path: str | os.PathLike, key: str):
    """One preference read straight from the database file, read-only, without a Store (no
    migration, no lock): what a second start — refused because another ua-writer holds the data
    folder — needs to speak the user's interface language. None when it cannot be read."""
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except (OSError, sqlite3.Error):
        return None
    try:
        row = db.execute("SELECT value FROM settings WHERE key = 'prefs'").fetchone()
        prefs = _loads(row[0]) if row else {}
        return prefs.get(key) if isinstance(prefs, dict) else None
    except (sqlite3.Error, ValueError, UnicodeError):
        return None
    finally:
        db.close()


def usable_profile(profile: SenderProfile) -> tuple[SenderProfile, list[str]]:
    """(``profile`` without the letter languages and name spellings whose language code no
    locale knows, those codes): what a profile saved before ``check_profile`` may hold."""
    from dataclasses import replace

    codes = list(dict.fromkeys(list(profile.languages) + list(profile.names)))
    unknown = [c for c in codes if not (_LANG_RE.match(c or "") and _known_locale(c))]
    if not unknown:
        return profile, []
    return replace(profile, languages=[c for c in profile.languages if c not in unknown],
                   names={k: v for k, v in profile.names.items() if k not in unknown}), unknown


@lru_cache(maxsize=256)
def _known_locale(code: str) -> bool:
    data = _babel_locale_data()
    if data is not None and re.fullmatch("[a-z]{2,3}", code) and os.path.isfile(data / f"{code}.dat"):
        return True  # what Locale.parse finds first; without importing babel (the GUI asks for
        # the profile before its first frame: ~13 M instructions of start-up, issue #16)
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=1)
def _babel_locale_data() -> Path | None:
    """Babel's folder of locale data files (``<code>.dat``), found without importing it; None
    where it is not a folder of files (then _known_locale asks Babel itself)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("babel")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        data = Path(folder) / "locale-data"
        if data.is_dir():
            return data
    return None


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())


def _digits(number: str) -> str:
    d = "".join(c for c in number if c.isdigit())
    return d[-9:]  # "+7 495 987 58 41" and "8 (495) 987-58-41" are one fax


def _identity(r: Recipient) -> set[tuple[str, str]]:
    """What makes a recipient the same official across two versions of a pack: the name, the
    title with the organisation, a fax number, an e-mail address."""
    keys: set[tuple[str, str]] = set()
    if _norm(r.name):
        keys.add(("name", _norm(r.name)))
    if _norm(r.title) or _norm(r.organization):
        keys.add(("office", f"{_norm(r.title)}|{_norm(r.organization)}"))
    keys.update(("fax", _digits(f)) for f in r.fax if len(_digits(f)) >= 6)
    keys.update(("email", _norm(e)) for e in r.email if _norm(e))
    return keys


def match_recipients(old: Iterable[Recipient], new: Iterable[Recipient]) -> dict[str, str]:
    """{old id: new id} for the recipients of an action's old version whose id is gone from the
    new version but who are the same official there (same name, or same title and organisation,
    or a shared fax number or e-mail address, and the same main/copy role): when a fax number
    changed, or the importer spelled an id differently, drafts and sent records follow them.
    Ids present in both versions match themselves and are not listed; a match must be unique."""
    old, new = list(old), list(new)
    new_ids = {r.id for r in new}
    old_ids = {r.id for r in old}
    gone = [r for r in old if r.id not in new_ids]
    fresh = [r for r in new if r.id not in old_ids]
    out: dict[str, str] = {}
    taken: set[str] = set()
    for r in gone:
        mine = _identity(r)
        scored = sorted(((len(mine & _identity(n)), n.id) for n in fresh
                         if n.id not in taken and n.is_copy == r.is_copy and mine & _identity(n)),
                        reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            out[r.id] = scored[0][1]
            taken.add(scored[0][1])
    return out


def _statements(script: str) -> Iterator[str]:
    for stmt in script.split(";"):
        if stmt.strip():
            yield stmt


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(s) if s else None
    except (TypeError, ValueError):  # only a damaged file holds anything else
        raise sqlite3.DatabaseError(f"damaged date {s!r} in the database") from None


def _loads(text: str):
    """json.loads for values this module wrote: a failure means the file is damaged."""
    try:
        return json.loads(text)
    except (TypeError, ValueError) as e:
        raise sqlite3.DatabaseError(f"damaged JSON in the database ({e})") from None


def _stamped(p: Path) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = p.with_name(f"{p.name}.damaged-{stamp}")
    n = 1
    while any(Path(str(target) + s).exists() for s in ("", "-wal", "-shm")):
        target = p.with_name(f"{p.name}.damaged-{stamp}-{n}")
        n += 1
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def quarantine(path: str | os.PathLike) -> Path:
    """Move a damaged database (and its -wal/-shm files) aside; returns the kept file's path.
    Leaves no database at ``path``: ``replace_keeping_aside`` is what ``repair`` uses."""
    p = Path(path)
    target = _stamped(p)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(p) + suffix)
        if src.exists():
            os.replace(src, Path(str(target) + suffix))
    return target


def replace_keeping_aside(path: str | os.PathLike, new: str | os.PathLike) -> Path:
    """Put the finished, closed database file ``new`` in place of the damaged one at ``path``,
    keeping the damaged one (and its -wal) as ``<name>.damaged-<time>``; returns that name.

    Nothing is ever moved away before its replacement is in place: the damaged files are first
    hard-linked (or, where links are not possible, copied) to the kept name, then the old -wal and
    -shm are removed (their contents live on under the kept name; a leftover -wal must never be
    replayed into the new file) and ``new`` is renamed over ``path`` in one step. A failure before
    that rename (disk full) removes the kept copies and leaves everything as it was."""
    import shutil

    p, new = Path(path), Path(new)
    if Path(str(new) + "-wal").exists():
        raise StoreError(_("the new database {path} was not closed cleanly").format(path=new))
    target = _stamped(p)
    made: list[Path] = []
    try:
        for suffix in ("", "-wal"):
            src, dst = Path(str(p) + suffix), Path(str(target) + suffix)
            if not src.exists():
                continue
            try:
                os.link(src, dst)
            except OSError as e:
                if e.errno == 28:
                    raise
                shutil.copy2(src, dst)  # a filesystem without hard links
            made.append(dst)
        _fsync_dir(p.parent)
    except OSError as e:
        for m in made:
            try:
                os.unlink(m)
            except OSError:
                pass
        if e.errno == 28 or is_disk_full(p, e):
            raise disk_full_error(p) from None
        raise StoreError(_("cannot keep the damaged database {path} aside: {error}").format(
            path=p, error=e.strerror or e)) from None
    for suffix in ("-wal", "-shm"):
        try:
            os.unlink(str(p) + suffix)
        except FileNotFoundError:
            pass
    os.replace(new, p)
    _fsync_dir(p.parent)
    return target


def open_store(path: str | os.PathLike | None = None, *, sync: bool = True,
               check: bool = True) -> Store:
    """Open (creating/migrating) the store at ``path`` (default: the user data dir) and load the
    bundled packs. ``check=False``: see Store."""
    if path is None:
        from ua_writer import paths

        path = paths.database_path()
    store = Store(path, check=check)
    if sync and not store.read_only:
        try:
            store.sync_bundled()
        except (sqlite3.DatabaseError, UnicodeError) as e:
            store.close()
            raise database_error(store.path, e) from None
        except BaseException:
            store.close()
            raise
    return store
