"""Documents without recipients or a deadline: background briefings, press releases, reports.

They still become an action (undated, no recipients) with a title, a country, a summary (the first
real paragraph) and the rest as background, so the user can add recipients by hand. Short heading
lines at the top ("Background Briefing", "Russian Federation") are the document type and country;
the first sentence-like heading is the title. Web chrome, footnote lines and repeated pull quotes
are dropped. This layout is the fallback: its score is low but never zero for readable prose.
"""

from __future__ import annotations

import re

from ua_writer.core.i18n import _
from ua_writer.core.importer import common as C
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.result import GUESS, SHAPE, STRUCTURAL, ImportResult

NAME = "background"

DOC_TYPE = re.compile(r"^(?:background\s+(?:briefing|information|paper)|briefing|press\s+release|"
                      r"public\s+statement|news(?:\s+release)?|report|media\s+briefing|"
                      r"amnesty\s+international\s+(?:public\s+statement|press\s+release)|"
                      r"for\s+immediate\s+release|embargoed.*|public)\s*:?$", re.I)
FOOTNOTE_LINE = re.compile(r"^\d{1,3}\s+\S")


def score(lines: list[str]) -> float:
    words = sum(len(ln.split()) for ln in lines[:2000] if ln)
    if words < 15:
        return 0.0
    return 0.2


def parse(doc: C.Doc, score_value: float) -> ImportResult:
    b, a = C.begin(doc, NAME)
    lines = doc.lines
    from ua_writer.core.importer.general import is_page_chrome  # the cue files' chrome, any language

    content = [i for i, ln in enumerate(lines) if ln and i not in b.used and not C.is_chrome(ln)
               and not is_page_chrome(ln)]

    # -- heading lines: type, country, title -----------------------------------------------------
    title_idx = None
    k = 0
    while k < len(content) and k < 8:
        i = content[k]
        line = lines[i]
        if DOC_TYPE.match(line):
            b.use(i)
            k += 1
            continue
        if (code := F.country_code(line)) and a.country is None:
            a.country = code
            b.note("country", STRUCTURAL, i)
            b.use(i)
            k += 1
            continue
        if _heading_like(line):
            title_idx = i
            k += 1
        break
    if title_idx is None and content:
        # no heading: the first sentence of the first paragraph
        title_idx = content[0]
        first = re.split(r"(?<=[.!?])\s", lines[title_idx], maxsplit=1)[0]
        a.title = first[:120].rstrip(" .")
        b.note("title", GUESS, title_idx, first)
    elif title_idx is not None:
        raw = lines[title_idx]
        a.title = C.clean_title(raw, doc.text(), title_case=True)
        b.note("title", STRUCTURAL if k > 1 else SHAPE, title_idx, raw)
        b.use(title_idx)
    if a.country is None and a.title:
        # "Russia/Tajikistan: Stop deportation ..." -> the first country named before the colon
        head = a.title.split(":", 1)[0] if ":" in a.title else a.title
        code = F.country_in_text(re.sub(r"/", " / ", head))
        if code:
            a.country = code
            b.note("country", SHAPE if ":" in a.title else GUESS, title_idx, head)

    # a date line just above or below the title: the document's date
    for i in content[:k + 3]:
        if i not in b.used and a.issue_date is None and (d := C.standalone_date(lines[i])):
            a.issue_date = d
            b.note("issue_date", STRUCTURAL, i)
            b.use(i)

    # -- prose ------------------------------------------------------------------------------------------
    rest = [i for i in range(len(lines)) if i not in b.used and (title_idx is None or i > title_idx)]
    paras = C.paragraphs(doc, rest)
    seen: list[str] = []
    kept: list[tuple[int, str]] = []
    for i, t in paras:
        if C.is_chrome(t):
            b.use(i)
            continue
        if FOOTNOTE_LINE.match(t) and kept:
            continue  # "31 Human Rights Watch, ..." footnotes
        if _is_pull_quote(t, seen, paras):
            continue
        t = C.clean_prose(t)
        kept.append((i, t))
        seen.append(t)
    b.use(*rest)
    if title_idx is not None and kept and a.title and kept[0][1].startswith(a.title):
        pass
    if kept:
        a.summary = kept[0][1]
        b.note("summary", SHAPE, kept[0][0], a.summary[:200])
        if len(kept) > 1:
            a.background = "\n\n".join(t for _, t in kept[1:])
            b.note("background", SHAPE, kept[1][0], a.background[:200])
    scope = [i for i, _ in kept[:6]]
    # people named in the first paragraphs (at least twice)
    idxs = [i for i in range(len(lines)) if lines[i] and not FOOTNOTE_LINE.match(lines[i])]
    first = min(scope or [0])  # (was a set(range(...)) rebuilt per line: quadratic, issue #16)
    a.persons = C.guess_persons(doc, b, [i for i in idxs if i >= first])
    if a.persons and a.persons[0].gender is None:
        g = C.pronoun_gender(" ".join(t for _, t in kept))
        if g:
            a.persons[0].gender = g
            b.note("persons[0].gender", GUESS, kept[0][0], _("pronouns in the text"))
    a.id = C.make_id(a, C.latest_year(doc))
    b.note("id", GUESS, None, a.id)
    if not a.title:
        a.title = "Imported document"
        b.note("title", C.DAMAGED, None, a.title)
    b.warnings.append(_("no recipients or deadline: imported as a background document"))
    return b.finish(a, score_value)


def _heading_like(line: str) -> bool:
    """A title line: short-ish, no sentence-final period, not a long prose line."""
    if len(line) > 180 or len(line.split()) < 2:
        return False
    if line.rstrip().endswith((".", ",", ";")) and len(line) > 60:
        return False
    return True


def _is_pull_quote(text: str, seen: list[str], paras: list[tuple[int, str]]) -> bool:
    """A short paragraph that repeats part of an earlier one (pull quote), or its attribution."""
    t = text.strip().strip("“”\"")
    if len(t) < 20:
        return False
    for s in seen:
        if len(t) < len(s) and t[:60] in s:
            return True
    # "Name, Amnesty International's ... Researcher" right after a pull quote
    if len(t) < 120 and re.search(r",\s+Amnesty International['’]s\s", t) and not t.endswith("."):
        return True
    return False
