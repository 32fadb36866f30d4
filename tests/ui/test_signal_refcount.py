"""The "Fatal Python error: bool_dealloc" seen on quit after a long session (issue 14 item 7).

Cause, found with a small script: PySide6 6.12.0's ``SignalInstance.emit()`` returns True/False
without taking a reference, so every signal emitted from Python (the app emits its own signals
all the time: draft saved, text settled, list emptied, ...) takes one reference away from True or
False. On Python 3.11 (bools are not immortal before 3.12) their counts fall with every emit
until one reaches zero: the interpreter then aborts with bool_dealloc — after a long session,
often while quitting, when collections run. PySide6 6.11.3 does not do it; pyproject.toml
excludes 6.12.0. This test fails on an affected PySide6 instead of crashing hours later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    number = Signal(int)
    text = Signal(str)


def _bool_refs() -> int:
    return sys.getrefcount(True) + sys.getrefcount(False)


def test_emitting_signals_keeps_the_references_of_true_and_false(qapp):
    e = _Emitter()
    got = []
    e.flag.connect(got.append)
    e.number.connect(lambda n: None)
    e.text.connect(lambda s: None)
    ballast = [True, False] * 5000  # an affected build must not reach zero during the test
    before = _bool_refs()
    for i in range(500):
        e.flag.emit(bool(i & 1))
        e.number.emit(i)
        e.text.emit("x")
    got.clear()
    after = _bool_refs()
    del ballast
    assert after == before, (
        f"{before - after} references to True/False lost in 1500 emits: this PySide6 "
        f"has the emit() refcount bug that ends a long session with bool_dealloc")

