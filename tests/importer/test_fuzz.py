"""Fuzzing: random bytes and mutated seeds never raise anything but ImportFailed, and stay fast."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ua_writer.core.errors import ImportFailed
from ua_writer.core.importer import import_bytes, import_text

from .score import CORPUS, seeds_dir

TIME_LIMIT = 3.0  # seconds per input, generous for a slow CI machine


def _texts() -> list[str]:
    out = []
    sd = seeds_dir()
    if sd:
        out += [p.read_text(encoding="utf-8") for p in sorted(sd.iterdir())[:5]]
    out += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))
            if "utf16" not in p.name and "cp1251" not in p.name and "latin1" not in p.name]
    return out


TEXTS = _texts()


def _check(fn, *args):
    t = time.monotonic()
    try:
        r = fn(*args)
    except ImportFailed:
        r = None
    elapsed = time.monotonic() - t
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f}s"
    if r is not None:
        assert not any("internal error" in w for w in r.warnings), r.warnings
        assert r.action.title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.sampled_from(["", ".txt", ".pdf", ".docx", ".html"]))
def test_random_bytes(data, suffix):
    _check(import_bytes, data, "fuzz", suffix)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(TEXTS))), st.data())
def test_mutated_documents(k, data):
    lines = TEXTS[k].split("\n")
    for _ in range(data.draw(st.integers(0, 12))):
        op = data.draw(st.sampled_from(["del", "dup", "swap", "cut", "junk", "upper"]))
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "del":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, max(0, len(lines[i]))))]
        elif op == "junk":
            lines.insert(i, data.draw(st.text(max_size=80)))
        else:
            lines[i] = lines[i].upper()
    if data.draw(st.booleans()):
        lines = lines[: data.draw(st.integers(0, len(lines)))]
    _check(import_text, "\n".join(lines))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_random_text(text):
    _check(import_text, text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "URGENT ACTION", "PLEASE SEND APPEALS BEFORE 3 MAY 2011 TO:", "Fax: +7 495 987 58 41",
    "Salutation: Dear Sir", "And copies to:", "Russian Federation", "ADDITIONAL INFORMATION",
    "Please write immediately in Russian:", "TAKE ACTION", "Dear Minister,", "Yours sincerely,",
    "APPEALS TO:", "RECOMMENDED ACTION:", "UA 12/97 Fear", "Name: A B", "Gender m/f: f", "",
    "Moscow", "125993", "Email: a@b.c", "(if voice answers,", "COPIES TO:", "Contact him by 3 May:",
]), max_size=60))
def test_shuffled_labels(lines):
    _check(import_text, "\n".join(lines))
