"""Real Urgent Actions (../shared/corpus/ua, read in place, never copied here) scored with the shared
scorer (../shared/tools/score_import.py), and the evidence reader's languages: every non-English
text keeps its appeal points under its own language, so its letter needs no translation marker."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

from ua_writer.core import packs
from ua_writer.core.compose import compose_letter
from ua_writer.core.importer import import_file
from ua_writer.core.lang import get_rules
from ua_writer.core.model import SenderProfile

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "ua"
SCORER = SHARED / "tools" / "score_import.py"
MIN_ACCURACY = 0.90

pytestmark = pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()),
                                reason="../shared/corpus/ua is not beside this checkout")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pairs():
    return [(p, p.with_name(p.name.replace(".expected.json", ".txt")))
            for p in sorted(CORPUS.glob("*.expected.json"))
            if p.with_name(p.name.replace(".expected.json", ".txt")).exists()]


def _imported(path: Path) -> dict:
    # exactly what `ua-writer import FILE --json` prints
    return json.loads(packs.dumps(import_file(path).action))


def test_real_corpus_field_accuracy_is_at_least_90_percent():
    scorer = _scorer()
    got = total = 0
    misses = []
    pairs = _pairs()
    assert len(pairs) >= 30
    for exp_path, txt in pairs:
        g, t, notes = scorer.score_file(json.loads(exp_path.read_text(encoding="utf-8")), _imported(txt))
        got += g
        total += t
        if notes:
            misses.append(f"{txt.name}: {', '.join(notes)}")
    acc = got / total
    assert acc >= MIN_ACCURACY, f"{acc:.1%} ({got}/{total}); misses:\n" + "\n".join(misses)


def _lang_of(name: str) -> str | None:
    """The text's language as its file name says ("23-…-bloggers-de", "02-…-fi-ua179-es")."""
    m = re.search(r"-(de|fr|es|ru|pl|it)(?:-|$)", name)
    return m[1] if m else None


def test_non_english_texts_keep_appeal_points_in_their_own_language():
    seen = 0
    for exp_path, txt in _pairs():
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        lang = _lang_of(txt.stem)
        if not lang or not exp.get("appeals"):
            continue
        a = import_file(txt).action
        assert lang in a.appeals, (txt.name, a.appeals)
        seen += 1
    assert seen >= 3  # Spanish, German, Polish


def test_a_german_ua_gives_a_german_letter_with_its_own_points_and_no_translation_marker():
    path = next(CORPUS.glob("23-*-de.txt"))
    a = import_file(path).action
    assert a.appeals.get("de"), a.appeals
    profile = SenderProfile(name="Anna Kovač", address_lines=["Musterstraße 12", "10115 Berlin"],
                            city="Berlin", country="DE", gender="f")
    letter = compose_letter(a, a.main_recipients()[0], "de", profile, dt.date(2009, 12, 1))
    text = "\n".join(letter.paragraphs)
    rules = get_rules("de")
    assert rules.untranslated_marker("en") not in letter.paragraphs
    assert "übersetzen" not in text
    for point in a.appeals["de"]:
        assert rules.appeal(point) in letter.paragraphs


def test_an_imported_belarusian_ua_gives_a_russian_letter_in_the_dative_with_every_suggestion_doubtful():
    path = next(CORPUS.glob("16-belarus-*.txt"))
    r = import_file(path)
    a = r.action
    prosecutor = a.main_recipients()[0]
    assert prosecutor.localized["ru"].title == "Генеральный прокурор Республики Беларусь"
    profile = SenderProfile(name="Anna Kovač", names={"ru": "Анна Ковач"}, address_lines=["Musterstraße 12"],
                            city="Berlin", country="DE", gender="f")
    letter = compose_letter(a, prosecutor, "ru", profile, dt.date(2020, 7, 2))
    assert letter.addressee[0] == "Генеральному прокурору Республики Беларусь"
    assert letter.addressee[1].replace("\xa0", " ") == "А. Канюку"  # Alyaksandr Kaniuk, spelled and declined
    assert "Andrei" not in letter.paragraphs[0] and "Paval" not in letter.paragraphs[0]
    doubtful = r.low_confidence()
    for k, rec in enumerate(a.recipients):
        for attr in ("title", "name"):
            if getattr(rec.localized["ru"], attr):
                assert f"recipients[{k}].localized.ru.{attr}" in doubtful
    for k, p in enumerate(a.persons):
        if "ru" in p.names:
            assert f"persons[{k}].names.ru" in doubtful


def _rewrap(text: str, width: int) -> str:
    import textwrap

    out: list[str] = []
    for line in text.split("\n"):
        out += textwrap.wrap(line, width) if len(line) > width else [line]
    return "\n".join(out)


@pytest.mark.parametrize("damage,minimum", [
    ("double_spaced", 0.95), ("no_blank_lines", 0.95), ("crlf", 0.95), ("rewrapped_at_70", 0.88)])
def test_real_corpus_read_the_same_when_copied_differently(damage, minimum):
    """The same real UAs copied with a blank line after every line (PDF copies), without blank
    lines, with CRLF, or hard-wrapped at 70 columns (flattened blocks and headlines cut in two)."""
    from ua_writer.core.importer import import_text

    change = {"double_spaced": lambda t: "\n\n".join(t.split("\n")),
              "no_blank_lines": lambda t: "\n".join(ln for ln in t.split("\n") if ln.strip()),
              "crlf": lambda t: t.replace("\n", "\r\n"),
              "rewrapped_at_70": lambda t: _rewrap(t, 70)}[damage]
    scorer = _scorer()
    got = total = 0
    for exp_path, txt in _pairs():
        action = import_text(change(txt.read_text(encoding="utf-8")), txt.name).action
        g, t, _notes = scorer.score_file(json.loads(exp_path.read_text(encoding="utf-8")),
                                        json.loads(packs.dumps(action)))
        got += g
        total += t
    assert got / total >= minimum, f"{damage}: {got / total:.1%}"
