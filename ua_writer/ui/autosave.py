"""DraftKeeper: saves letter drafts automatically, per action × language × recipient, off the GUI
thread.

``schedule(key, text, template)`` is called on every edit; a debounce timer (``DEBOUNCE_MS`` after
typing stops) and a maximum delay (``MAX_DELAY_MS`` during continuous typing) hand the latest text
to a writer thread with its own SQLite connection, so typing never waits for a disk write and a
crash loses at most about a second. A text equal to the composed template removes the draft.
``text_for(key)`` answers from memory first, so switching letters back and forth never reads a
draft that is still on its way to disk. ``flush()`` (on close) waits for the writes. Emits
``draft_saved(action_id, language, recipient_id, updated_at)`` on the GUI thread. Must not import
widgets; the GUI thread's Store is only read.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ua_writer.core.errors import UserFacingError
from ua_writer.core.store import Store

log = logging.getLogger(__name__)

DEBOUNCE_MS = 500
MAX_DELAY_MS = 1000

Key = tuple[str, str, str]  # (action_id, language, recipient_id)
_STOP = object()


class DraftKeeper(QObject):
    draft_saved = Signal(str, str, str, str)
    draft_removed = Signal(str, str, str)
    save_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store  # the GUI thread's store: reads only
        self._db_path = Path(store.path)
        self._memory: dict[Key, str | None] = {}   # latest known text per key (None = no draft)
        self._pending: dict[Key, tuple[str, str]] = {}
        self._queue = None  # a queue.Queue, made with the writer thread (with the first draft)
        self._thread: threading.Thread | None = None
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.write_pending)
        self._max_delay = QTimer(self, singleShot=True, interval=MAX_DELAY_MS)
        self._max_delay.timeout.connect(self.write_pending)

    # -- the GUI side ---------------------------------------------------------------------------
    def text_for(self, key: Key) -> str | None:
        """The draft text for ``key`` (memory first, then the store), or None."""
        if key in self._memory:
            return self._memory[key]
        draft = self.store.get_draft(*key)
        return draft.text if draft else None

    def schedule(self, key: Key, text: str, template: str) -> None:
        self._memory[key] = None if text == template else text
        self._pending[key] = (text, template)
        self._debounce.start()
        if not self._max_delay.isActive():
            self._max_delay.start()

    def is_pending(self, key: Key) -> bool:
        return key in self._pending

    def forget(self, action_id: str) -> None:
        """Drop cached texts of an action (e.g. after it was deleted or re-imported)."""
        for key in [k for k in self._memory if k[0] == action_id]:
            del self._memory[key]

    def write_pending(self) -> None:
        self._debounce.stop()
        self._max_delay.stop()
        if not self._pending:
            return
        self._ensure_thread()
        for key, (text, template) in self._pending.items():
            self._queue.put((key, text, template))
        self._pending.clear()

    def flush(self, timeout: float = 10.0) -> None:
        """Write what is pending and wait until it is on disk."""
        self.write_pending()
        if self._thread is not None:
            done = threading.Event()
            self._queue.put(done)
            if not done.wait(timeout):
                log.error("drafts not written within %.0f s", timeout)

    def close(self) -> None:
        self.flush()
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(5.0)
            self._thread = None

    # -- the writer thread ----------------------------------------------------------------------
    def _ensure_thread(self) -> None:
        if self._queue is None:
            import queue

            self._queue = queue.Queue()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="draft-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        # here, not at the top: the window is built before any draft is written, and the
        # module's dataclasses cost ~8 M instructions of the first frame (issue #16)
        from ua_writer.services import records

        store = None
        try:
            store = Store(self._db_path, check=False)  # the window checks the file
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                if isinstance(item, threading.Event):
                    item.set()
                    continue
                key, text, template = item
                try:
                    draft, changes = records.keep_draft(store, *key, text, template)
                    if draft is not None:
                        self.draft_saved.emit(*key, draft.updated_at)
                    elif changes:
                        self.draft_removed.emit(*key)
                except UserFacingError as e:
                    self.save_failed.emit(e.message)
                except Exception as e:  # keep the writer alive; the next edit retries
                    log.error("saving a draft failed", exc_info=True)
                    self.save_failed.emit(f"{type(e).__name__}: {e}")
        except Exception as e:
            log.error("the draft writer could not start", exc_info=True)
            self.save_failed.emit(str(e))
            # drain waiters so flush() returns
            import queue

            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if isinstance(item, threading.Event):
                    item.set()
        finally:
            if store is not None:
                store.close()
