"""Run long, plain-Python work (exports of several letters, page counts) on the Qt thread pool.

A job is a Qt-free callable; if it is a generator function it yields ``(done, total, label)``
progress tuples and returns its result (``return value`` inside the generator). ``Runner`` turns
that into Qt signals delivered on the GUI thread: ``progress(done, total, label)``,
``finished(result)`` and ``failed(message, details)`` — details empty for a UserFacingError
(expected: show the message), a traceback otherwise (a bug: log it). Jobs must not touch widgets
or the GUI thread's Store. Must not import widgets or dialogs.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ua_writer.core.errors import UserFacingError

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable, args: tuple, kwargs: dict, signals: _Signals):
        super().__init__()
        self.fn, self.args, self.kwargs, self.signals = fn, args, kwargs, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            from inspect import isgeneratorfunction  # on the pool, not on the start-up path

            if isgeneratorfunction(self.fn):
                gen = self.fn(*self.args, **self.kwargs)
                while True:
                    try:
                        done, total, label = next(gen)
                    except StopIteration as stop:
                        result = stop.value
                        break
                    self.signals.progress.emit(int(done), int(total), str(label))
            else:
                result = self.fn(*self.args, **self.kwargs)
        except UserFacingError as e:
            self.signals.failed.emit(e.message, "")
        except Exception as e:  # a bug: report with its traceback
            log.error("background job failed", exc_info=True)
            self.signals.failed.emit(f"{type(e).__name__}: {e}",
                                     "".join(traceback.format_exception(type(e), e, e.__traceback__)))
        else:
            self.signals.finished.emit(result)


class Runner(QObject):
    """One runner per kind of job; ``busy`` while a job runs. Signals arrive on the GUI thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def start(self, fn: Callable, *args: Any, **kwargs: Any) -> None:
        signals = _Signals()  # lives in the GUI thread; emits from the pool are queued to it
        self._live.add(signals)  # keep it alive until the job reports back
        signals.progress.connect(self.progress)
        signals.finished.connect(lambda result, s=signals: self._done(s, self.finished, result))
        signals.failed.connect(lambda msg, det, s=signals: self._done(s, self.failed, msg, det))
        self.pool.start(_Job(fn, args, kwargs, signals))

    def _done(self, signals: _Signals, signal, *args) -> None:
        self._live.discard(signals)
        from shiboken6 import isValid

        if isValid(self):  # a job that ends after its window closed has no one left to tell
            signal.emit(*args)
