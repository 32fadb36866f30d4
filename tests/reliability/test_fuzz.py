"""Fuzzing the doors data comes in by: the pack loader, the importer (PDF/DOCX byte mutations and
the CLI) and the composer fed with whatever the loader accepts. Nothing may raise anything but a
UserFacingError, and every input is handled within a bounded time (hypothesis deadlines).

(The importer's own suite fuzzes its text layouts: tests/importer/test_fuzz.py.)
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ua_writer import paths
from ua_writer.cli import main
from ua_writer.core import packs
from ua_writer.core.errors import PackError, UserFacingError

SEED_PACKS = sorted(paths.bundled_actions_dir().glob("*.json"))
SEED_DICTS = [json.loads(p.read_text(encoding="utf-8")) for p in SEED_PACKS]
CORPUS = Path(__file__).resolve().parents[1] / "importer" / "corpus"
SHARED_SEEDS = Path(__file__).resolve().parents[1] / "importer" / "seeds"  # copies of shared/seeds

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=40) | st.sampled_from(["", "ru", "en", "m", "f", "RU", "2011-05-03",
                                              "2011-02-30", "прокурор", "x" * 300]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children,
                                                                      max_size=4),
    max_leaves=12)

FAST = settings(max_examples=120, deadline=2000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# -- pack loader ------------------------------------------------------------------------------------

def _paths_in(obj, prefix=()):
    """Every (path) to a value inside a JSON structure."""
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths_in(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths_in(v, prefix + (i,))


def _mutate(doc, data) -> object:
    doc = json.loads(json.dumps(doc))
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        all_paths = [p for p in _paths_in(doc) if p]
        if not all_paths:
            break
        path = data.draw(st.sampled_from(all_paths), label="path")
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        op = data.draw(st.sampled_from(["replace", "delete", "rename", "wrap", "dup"]), label="op")
        if op == "replace":
            parent[key] = data.draw(json_values, label="value")
        elif op == "delete":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=10), label="name")] = parent.pop(key)
        elif op == "wrap":
            parent[key] = [parent[key]]
        elif op == "dup" and isinstance(parent, list):
            parent.append(parent[key])
    return doc


def _load_or_refuse(text: str):
    try:
        return packs.loads(text, source="fuzz.json")
    except PackError as e:
        assert e.message.startswith("fuzz.json: "), e.message  # names the file
        return None


@FAST
@given(st.text(max_size=2000))
def test_pack_loader_random_text(text):
    _load_or_refuse(text)


@FAST
@given(json_values)
def test_pack_loader_random_json(value):
    _load_or_refuse(json.dumps(value))
    try:
        packs.action_from_dict(value, source="fuzz")
    except PackError:
        pass


@settings(max_examples=250, deadline=2000, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEED_DICTS))), st.data())
def test_pack_loader_mutated_seeds_and_round_trip(k, data):
    doc = _mutate(SEED_DICTS[k], data)
    action = _load_or_refuse(json.dumps(doc, ensure_ascii=False))
    if action is not None:  # whatever loads must dump and load back to the same thing
        again = packs.loads(packs.dumps(action), source="round trip")
        assert packs.dumps(again) == packs.dumps(action)


@FAST
@given(st.sampled_from(range(len(SEED_PACKS))), st.data())
def test_pack_loader_byte_mutations(k, data):
    raw = bytearray(SEED_PACKS[k].read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if op == "flip":
            raw[i] ^= data.draw(st.integers(1, 255))
        elif op == "cut":
            del raw[i:i + data.draw(st.integers(1, 200))]
        else:
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=20))
        if not raw:
            break
    text = bytes(raw).decode("utf-8", errors="replace")
    _load_or_refuse(text)


def test_pack_file_that_is_not_utf8_or_too_big(tmp_path):
    p = tmp_path / "bad.json"
    p.write_bytes(b"\xff\xfe{\x00")
    with pytest.raises(PackError):
        packs.load(p)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (packs.MAX_PACK_BYTES + 1))
    with pytest.raises(PackError):
        packs.load(big)


# -- what the loader accepts must compose and render --------------------------------------------------

#: odd but well-typed text: empty, spaces, other scripts, RTL, markup and template syntax
odd_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\t", "Ж" * 500, "{{ cycler.__init__.__globals__ }}", "{% for %}",
                     "<b>x</b>", "\u202eRTL", "‏עברית", "名字", "O'Brien & Söhne", "\\n", "%s %d",
                     "{0}", "Иванов-Петров-Сидоров " * 20, "-", ".", "ё"]))


def _mutate_values(doc, data) -> object:
    """Keep the pack's shape and types; replace strings with odd ones (loads more often)."""
    doc = json.loads(json.dumps(doc))
    leaves = [p for p in _paths_in(doc) if p and isinstance(_get(doc, p), str)
              and p[-1] not in ("format", "issue_date", "deadline", "gender", "country")]
    for _ in range(data.draw(st.integers(1, 10), label="mutations")):
        path = data.draw(st.sampled_from(leaves), label="path")
        parent = _get(doc, path[:-1])
        parent[path[-1]] = data.draw(odd_text, label="text")
    return doc


def _get(doc, path):
    for k in path:
        doc = doc[k]
    return doc


@settings(max_examples=60, deadline=5000, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(range(len(SEED_DICTS))), st.data())
def test_any_loadable_pack_composes_or_says_why(k, data):
    compose = pytest.importorskip("ua_writer.core.compose")
    from ua_writer.core.model import SenderProfile

    doc = _mutate_values(SEED_DICTS[k], data)
    action = _load_or_refuse(json.dumps(doc, ensure_ascii=False))
    assume(action is not None and action.recipients)
    recipient = data.draw(st.sampled_from(action.recipients))
    lang = data.draw(st.sampled_from(["ru", "en", "de", "fr", "es", "xx"]))
    profile = data.draw(st.sampled_from([
        None, SenderProfile(),
        SenderProfile(name="Anna Kovach", address_lines=["Musterstr. 12"], city="Berlin",
                      country="DE", gender="f", names={"ru": "Анна Ковач"})]))
    try:
        letter = compose.compose_letter(action, recipient, lang, profile, dt.date(2011, 5, 3))
    except UserFacingError:
        return
    assert letter.salutation is not None and letter.paragraphs is not None
    # data is never template code: a pack's text is printed, not evaluated
    assert "<function" not in letter.to_text() and "__builtins__" not in letter.to_text()
    from ua_writer.export.pdf import letter_pdf_bytes

    pdf, pages = letter_pdf_bytes(letter)
    assert pdf.startswith(b"%PDF") and pages >= 1


# -- importer: damaged PDFs and Word files, and the CLI door ----------------------------------------

def _binary_seeds() -> list[tuple[bytes, str]]:
    out = []
    for p in sorted(CORPUS.glob("*.pdf"))[:3] + sorted(CORPUS.glob("*.docx"))[:2]:
        out.append((p.read_bytes(), p.suffix))
    return out


BINARY_SEEDS = _binary_seeds()


@settings(max_examples=80, deadline=6000, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_importer_mutated_pdf_and_docx(data):
    importer = pytest.importorskip("ua_writer.core.importer")
    if not BINARY_SEEDS:
        pytest.skip("no PDF/DOCX in the importer corpus yet")
    raw, suffix = data.draw(st.sampled_from(BINARY_SEEDS))
    raw = bytearray(raw)
    rnd = random.Random(data.draw(st.integers(0, 2**32)))
    for _ in range(data.draw(st.integers(1, 30))):
        op = rnd.choice(["flip", "zero", "cut", "truncate"])
        i = rnd.randrange(len(raw))
        if op == "flip":
            raw[i] ^= rnd.randrange(1, 256)
        elif op == "zero":
            raw[i:i + 64] = bytes(len(raw[i:i + 64]))
        elif op == "cut":
            del raw[i:i + rnd.randrange(1, 500)]
        elif len(raw) > 10:
            del raw[rnd.randrange(len(raw) // 2, len(raw)):]
        if len(raw) < 10:
            break
    try:
        r = importer.import_bytes(bytes(raw), "fuzz" + suffix, suffix)
    except UserFacingError:
        return
    assert r.action.title


@pytest.mark.parametrize("content", [
    b"", b"\x00" * 1000, b"%PDF-1.7\n%%EOF", b"PK\x03\x04garbage", "URGENT ACTION\n".encode() * 3,
    "Ü".encode("latin-1") * 500, b"\xef\xbb\xbf" + "URGENT ACTION\nЗаголовок".encode(),
])
@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html", ".json", ".unknown"])
def test_cli_import_of_junk_is_one_line(content, suffix, tmp_path, capsys):
    p = tmp_path / f"junk{suffix}"
    p.write_bytes(content)
    code = main(["import", str(p), "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("ua-writer: error: ") and err.count("\n") == 1, err


def test_cli_import_of_every_seed_text_works_or_explains(tmp_path, capsys):
    texts = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    if not texts:
        pytest.skip("no shared seeds on this machine")
    for p in texts:
        code = main(["import", str(p), "--json"])
        out, err = capsys.readouterr()
        assert code in (0, 2) and "Traceback" not in err, err
