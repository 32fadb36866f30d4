"""Field-level precision/recall of the UA importer against expected packs.

Run as a script: ``python tests/importer/score.py [--seeds] [--verbose]``. It imports every document
in tests/importer/corpus/ (anything but *.expected.json) and compares it with its
``<name>.expected.json``; with ``--seeds`` it imports the real seed texts (../shared/seeds or
$UA_WRITER_SEEDS) and compares them with the bundled packs in resources/actions/ whose "source" names
the seed file (English fields only).

Scoring: only keys present in the expected file are scored. A scalar field counts a true positive
when the normalised values are equal, a false positive when the importer gave a different or an
unexpected value, a false negative when it missed or got an expected value wrong. List fields
(fax, email, address_lines, languages, appeal points, persons) count per item. Recipients are paired
with the expected ones greedily by agreement; unpaired ones count all their fields as FP or FN.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "corpus"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SCALARS = ("title", "ua_number", "index", "country", "issue_date", "deadline", "summary")
LISTS = ("languages",)
REC_SCALARS = ("name", "title", "organization", "country", "salutation", "is_copy", "note", "copies_only",
               "gender")
REC_LISTS = ("address_lines", "fax", "email")


def norm(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    s = str(v)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"\s+", " ", s).strip().rstrip(".").strip()
    return s or None


def text_match(a: str | None, b: str | None, ratio: float = 0.9) -> bool:
    """Summaries: equal when 90 % of the expected words come back in order-free comparison."""
    if a is None or b is None:
        return a == b
    ta, tb = norm(a).lower().split(), norm(b).lower().split()
    if not ta:
        return not tb
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    return common / max(len(ta), len(tb)) >= ratio


class Tally:
    def __init__(self):
        self.c = defaultdict(lambda: [0, 0, 0])  # field -> [tp, fp, fn]
        self.misses: list[str] = []
        #: (doc, field, expected, got) of every wrong value, for tests that judge misses
        self.wrong: list[tuple[str, str, object, object]] = []

    def add(self, field, tp=0, fp=0, fn=0, doc="", detail="", exp=None, got=None):
        t = self.c[field]
        t[0] += tp
        t[1] += fp
        t[2] += fn
        if (fp or fn) and detail:
            self.misses.append(f"{doc}: {field}: {detail}")
            self.wrong.append((doc, field, exp, got))

    def scalar(self, field, exp, got, doc, cmp=None):
        e, g = norm(exp), norm(got)
        if isinstance(exp, bool) or isinstance(got, bool):
            e, g = bool(exp), bool(got)
            if not e and not g:
                return
        if e is None and g is None:
            return
        same = (cmp(exp, got) if cmp else e == g) if e is not None and g is not None else False
        if same:
            self.add(field, tp=1)
        else:
            self.add(field, fp=1 if g not in (None, False) else 0, fn=1 if e not in (None, False) else 0,
                     doc=doc, detail=f"expected {exp!r}, got {got!r}", exp=exp, got=got)

    def items(self, field, exp, got, doc):
        e = [norm(x) for x in (exp or [])]
        g = [norm(x) for x in (got or [])]
        rest = list(g)
        tp = 0
        for x in e:
            if x in rest:
                rest.remove(x)
                tp += 1
        fn = len(e) - tp
        fp = len(rest)
        self.add(field, tp=tp, fp=fp, fn=fn, doc=doc,
                 detail=f"expected {exp!r}, got {got!r}" if fp or fn else "", exp=exp, got=got)

    def result(self):
        rows = {}
        for f, (tp, fp, fn) in sorted(self.c.items()):
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            rows[f] = (p, r, tp, fp, fn)
        tp = sum(v[0] for v in self.c.values())
        fp = sum(v[1] for v in self.c.values())
        fn = sum(v[2] for v in self.c.values())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return rows, (p, r, f1, tp, fp, fn)


def _agreement(e: dict, g: dict) -> float:
    score = 0.0
    for k in ("name", "title", "organization", "salutation"):
        if e.get(k) and norm(e.get(k)) == norm(g.get(k)):
            score += 1
    for k in ("fax", "email", "address_lines"):
        ex = {norm(x) for x in e.get(k) or []}
        gx = {norm(x) for x in g.get(k) or []}
        if ex & gx:
            score += len(ex & gx) / max(len(ex), 1)
    if bool(e.get("is_copy")) == bool(g.get("is_copy")):
        score += 0.5
    return score


def compare(expected: dict, got: dict, tally: Tally, doc: str) -> None:
    for k in SCALARS:
        if k in expected:
            tally.scalar(k, expected.get(k), got.get(k), doc, cmp=text_match if k == "summary" else None)
    for k in LISTS:
        if k in expected:
            tally.items(k, expected.get(k), got.get(k), doc)
    if "appeals" in expected:
        tally.items("appeals", (expected.get("appeals") or {}).get("en"), (got.get("appeals") or {}).get("en"), doc)
    if "persons" in expected:
        tally.items("persons.name", [p["name"] for p in expected["persons"]], [p["name"] for p in got.get("persons") or []],
                    doc)
        gp = {norm(p["name"]): p for p in got.get("persons") or []}
        for p in expected["persons"]:
            if "gender" in p:
                q = gp.get(norm(p["name"]))
                tally.scalar("persons.gender", p.get("gender"), q.get("gender") if q else None, doc)
    if "recipients" in expected:
        exp_r = list(expected["recipients"])
        got_r = list(got.get("recipients") or [])
        pairs = []
        cand = sorted(((_agreement(e, g), i, j) for i, e in enumerate(exp_r) for j, g in enumerate(got_r)),
                      reverse=True)
        ui, uj = set(), set()
        for s, i, j in cand:
            if s >= 1.0 and i not in ui and j not in uj:
                pairs.append((i, j))
                ui.add(i)
                uj.add(j)
        empty: dict = {}
        for i, e in enumerate(exp_r):
            g = got_r[dict(pairs)[i]] if i in dict(pairs) else empty
            _compare_rec(e, g, tally, f"{doc} recipients[{i}]")
        for j, g in enumerate(got_r):
            if j not in uj:
                _compare_rec({k: None for k in REC_SCALARS + REC_LISTS} | {"is_copy": False, "copies_only": False},
                             g, tally, f"{doc} extra recipient[{j}]")


def _compare_rec(e: dict, g: dict, tally: Tally, doc: str) -> None:
    for k in REC_SCALARS:
        if k in e:
            tally.scalar(f"recipients.{k}", e.get(k), g.get(k), doc)
    for k in REC_LISTS:
        if k in e:
            tally.items(f"recipients.{k}", e.get(k), g.get(k), doc)


def english_fields(pack: dict) -> dict:
    """A bundled pack reduced to the fields an importer can read from an English UA."""
    out = {k: pack.get(k) for k in SCALARS + LISTS if k in pack}
    out["appeals"] = {"en": (pack.get("appeals") or {}).get("en") or []}
    out["persons"] = [{"name": p["name"], "gender": p.get("gender")} for p in pack.get("persons") or []]
    out["recipients"] = [{k: r.get(k) for k in REC_SCALARS + REC_LISTS} for r in pack.get("recipients") or []]
    for r in out["recipients"]:
        r["is_copy"] = bool(r["is_copy"])
        r["copies_only"] = bool(r["copies_only"])
    return out


def corpus_docs() -> list[tuple[Path, Path]]:
    docs = []
    for p in sorted(CORPUS.iterdir()):
        if p.name.endswith(".expected.json") or p.name.startswith("."):
            continue
        exp = p.with_name(p.name.split(".")[0] + ".expected.json")
        if exp.exists():
            docs.append((p, exp))
    return docs


def seeds_dir() -> Path | None:
    # the project's shared seeds when present, else the copies kept with the tests (so a clone
    # without shared/ beside it still checks the seeds)
    for c in (os.environ.get("UA_WRITER_SEEDS"), ROOT.parent / "shared" / "seeds",
              ROOT / "tests" / "importer" / "seeds"):
        if c and Path(c).is_dir():
            return Path(c)
    return None


def seed_pairs() -> list[tuple[Path, dict]]:
    sd = seeds_dir()
    if sd is None:
        return []
    packs = {}
    for p in sorted((ROOT / "resources" / "actions").glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        if data.get("source"):
            packs[data["source"]] = data
    out = []
    for s in sorted(sd.iterdir()):
        if s.name in packs:
            out.append((s, english_fields(packs[s.name])))
        else:
            exp = CORPUS / "seeds" / (s.stem + ".expected.json")
            if exp.exists():
                out.append((s, json.loads(exp.read_text(encoding="utf-8"))))
    return out


def run(pairs, verbose=False) -> tuple[Tally, list[str]]:
    from ua_writer.core import packs
    from ua_writer.core.errors import ImportFailed
    from ua_writer.core.importer import import_file

    tally = Tally()
    layouts = []
    for path, expected in pairs:
        if isinstance(expected, Path):
            expected = json.loads(expected.read_text(encoding="utf-8"))
        try:
            r = import_file(path)
            got = packs.action_to_dict(r.action)
            layouts.append(f"{path.name}: {r.layout}")
        except ImportFailed as e:
            got = {}
            layouts.append(f"{path.name}: FAILED {e}")
        exp_layout = expected.pop("_layout", None) if isinstance(expected, dict) else None
        if exp_layout and got:
            tally.scalar("layout", exp_layout, r.layout, path.name)
        compare(expected, got, tally, path.name)
    return tally, layouts


def report(tally: Tally, title: str, verbose: bool) -> float:
    rows, (p, r, f1, tp, fp, fn) = tally.result()
    print(f"\n{title}")
    print(f"{'field':28} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for f, (fp_, fr, a, b_, c) in rows.items():
        print(f"{f:28} {fp_:9.3f} {fr:7.3f} {a:5d} {b_:4d} {c:4d}")
    print(f"{'OVERALL':28} {p:9.3f} {r:7.3f} {tp:5d} {fp:4d} {fn:4d}   F1 {f1:.3f}")
    if verbose and tally.misses:
        print("\nmisses:")
        for m in tally.misses:
            print("  " + m)
    return f1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", action="store_true", help="also score the real seeds against the bundled packs")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every wrong field")
    args = ap.parse_args(argv)
    tally, layouts = run(corpus_docs(), args.verbose)
    if args.verbose:
        print("\n".join(layouts))
    report(tally, f"corpus ({len(corpus_docs())} documents)", args.verbose)
    if args.seeds:
        pairs = seed_pairs()
        st, sl = run(pairs, args.verbose)
        if args.verbose:
            print("\n".join(sl))
        report(st, f"seeds ({len(pairs)} documents) vs resources/actions", args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
