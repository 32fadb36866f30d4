"""Quality gate: the importer's field-level score on the corpus, and the seeds against the packs."""

from __future__ import annotations

import json
import pytest

from tests.importer import score as S
from ua_writer.core import packs
from ua_writer.core.importer import import_file
from ua_writer.core.importer.text import decode, normalise

MIN_F1 = 0.95


def test_corpus_has_every_layout_and_format():
    docs = [p for p, _ in S.corpus_docs()]
    assert len(docs) >= 20
    suffixes = {p.suffix for p in docs}
    assert {".txt", ".pdf", ".html", ".htm", ".docx"} <= suffixes
    layouts = {json.loads(e.read_text(encoding="utf-8")).get("_layout") for _, e in S.corpus_docs()}
    assert layouts == {"classic", "fi", "modern", "background"}


def test_corpus_score_is_at_least_95_percent():
    tally, layouts = S.run(S.corpus_docs())
    rows, (p, r, f1, tp, fp, fn) = tally.result()
    failed = [x for x in layouts if "FAILED" in x]
    assert not failed, failed
    assert f1 >= MIN_F1, f"overall F1 {f1:.3f} (P {p:.3f}, R {r:.3f}); misses:\n" + "\n".join(tally.misses)
    assert p >= MIN_F1 and r >= MIN_F1
    assert rows["layout"][0] == 1.0, "every corpus document is recognised as its layout"


@pytest.mark.parametrize("path,expected", S.corpus_docs(), ids=lambda v: getattr(v, "name", ""))
def test_each_corpus_document_imports(path, expected):
    r = import_file(path)
    want = json.loads(expected.read_text(encoding="utf-8"))
    assert r.layout == want["_layout"]
    assert r.action.title
    packs.loads(packs.dumps(r.action))  # the result is a valid pack


def _seed_pairs():
    pairs = S.seed_pairs()
    if not pairs:
        pytest.skip("seed texts not available")
    return pairs


def test_seeds_import_to_exactly_the_bundled_packs_english_fields():
    """The seeds import to exactly the hand-made packs' English fields: title, dates, persons,
    summary, appeals, every recipient and copy (name, title, organisation, address, fax, e-mail,
    salutation, note). The packs' English fields are the UA's own words; corrections the UA text
    cannot support (full first names, spelling, the real postal code) live in their Russian
    forms, so the two never disagree."""
    problems = []
    for seed, expected in _seed_pairs():
        tally = S.Tally()
        got = packs.action_to_dict(import_file(seed).action)
        S.compare(expected, got, tally, seed.name)
        for doc, field, exp, value in tally.wrong:
            problems.append(f"{doc}: {field}: expected {exp!r}, got {value!r}")
    assert not problems, "\n".join(problems)


def test_seed_core_fields_are_exact():
    """Title, dates, country, languages, persons, recipient count, copies, fax, e-mail, salutation."""
    for seed, expected in _seed_pairs():
        a = packs.action_to_dict(import_file(seed).action)
        for k in ("title", "issue_date", "deadline", "country", "languages"):
            assert a[k] == expected[k], (seed.name, k)
        assert [(p["name"], p["gender"]) for p in a["persons"]] == \
            [(p["name"], p["gender"]) for p in expected["persons"]], seed.name
        assert len(a["recipients"]) == len(expected["recipients"]), seed.name
        for got, want in zip(a["recipients"], expected["recipients"]):
            for k in ("is_copy", "fax", "email", "salutation", "country", "copies_only"):
                assert got.get(k, False) == want.get(k, False), (seed.name, got["id"], k)


def _rewrap(text: str, width: int) -> str:
    import textwrap

    out = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width) if len(line) > width else [line])
    return "\n".join(out)


@pytest.mark.parametrize("damage", ["rewrap70", "rewrap55", "no_blank_lines", "double_spaced", "crlf"])
def test_seeds_survive_rewrapping_and_spacing(damage):
    """The same UA copied differently (narrower wrap, lost or doubled blank lines, CRLF) imports the
    same deadline, recipients, faxes, e-mails and salutations."""
    from ua_writer.core.importer import import_text

    for seed, _ in _seed_pairs():
        text = seed.read_text(encoding="utf-8")
        base = import_text(text).action
        if not base.recipients:
            continue
        if damage.startswith("rewrap"):
            text = _rewrap(text, int(damage[6:]))
        elif damage == "no_blank_lines":
            text = "\n".join(ln for ln in text.split("\n") if ln.strip())
        elif damage == "double_spaced":
            text = "\n\n".join(ln for ln in text.split("\n") if ln.strip())
        else:
            text = text.replace("\n", " \r\n")
        a = import_text(text).action
        assert a.deadline == base.deadline, (seed.name, damage)
        assert [(r.is_copy, r.fax, r.email, r.salutation) for r in a.recipients] == \
            [(r.is_copy, r.fax, r.email, r.salutation) for r in base.recipients], (seed.name, damage)
        assert a.title == base.title
