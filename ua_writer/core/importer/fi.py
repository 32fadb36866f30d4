"""The 1990s-2000s plain-text layout ("EXTERNAL … AI Index: EUR 46/12/97", "UA 123/97 Fear of
torture", "RUSSIAN FEDERATION Ivan Petrov (m)", RECOMMENDED ACTION, APPEALS TO, COPIES TO,
"PLEASE SEND APPEALS IMMEDIATELY. Check with … if sending appeals after 15 March 1998.").

Hard-wrapped at about 70 columns; fields are found by their labels, persons and gender by the
"(m)"/"(f)" markers on the country line. No Qt.
"""

from __future__ import annotations

import re

from ua_writer.core.i18n import _
from ua_writer.core.importer import common as C
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.recipients import parse_recipients
from ua_writer.core.importer.result import GUESS, LABELLED, SHAPE, STRUCTURAL, ImportResult
from ua_writer.core.model import Person

NAME = "fi"

EXTERNAL = re.compile(r"^(?:EXTERNAL|INTERNAL)\b|^Distr\s*:|^\s*AI\s+Index\s*:", re.I)
UA_LINE = re.compile(r"^(?:(?P<further>Further\s+information\s+on\s+)|(?P<follow>Follow-?up\s+to\s+))?"
                     r"UA\s*:?\s*(?P<no>\d{1,4}\s*/\s*\d{2,4})\s*(?P<rest>.*)$", re.I)
RECOMMENDED = re.compile(r"^recommended\s+action\b", re.I)
APPEALS_TO = re.compile(r"^(?:please\s+send\s+)?appeals\s+to\s*:?\s*(.*)$", re.I)
PLEASE_SEND = re.compile(r"^please\s+send\s+appeals\b", re.I)
BACKGROUND = re.compile(r"^background(?:\s+information)?\s*:?\s*$", re.I)
_PERSON_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|\s+and\s+(?=[A-Z]))\s*")


SIGNALS: list[C.Signal] = [
    (r"^\s*(?:EXTERNAL|INTERNAL)\b", re.M, 0.2),
    (r"^\s*AI Index\s*:", re.I | re.M, 0.1),
    (r"^\s*RECOMMENDED ACTION\s*:", re.I | re.M, 0.3),
    (r"^\s*APPEALS TO\s*:", re.I | re.M, 0.2),
    (r"^\s*(?:Further information on )?UA\s+\d+/\d\d\b", re.I | re.M, 0.15),
    (r"PLEASE SEND APPEALS IMMEDIATELY", re.I, 0.1),
    (r"please send appeals before .* to\s*:", re.I, -0.15),
]


def score(lines: list[str]) -> float:
    return C.weighted_score(lines, SIGNALS)


def parse(doc: C.Doc, score_value: float) -> ImportResult:
    b, a = C.begin(doc, NAME)
    lines = doc.lines
    n = len(lines)
    for i in doc.find_all(EXTERNAL, 0, 15):
        b.use(i)

    # -- UA line: number, concern, date ----------------------------------------------------------------
    ua_i = doc.find(UA_LINE)
    concern = ""
    if ua_i >= 0:
        m = UA_LINE.match(lines[ua_i])
        a.ua_number = re.sub(r"\s+", "", m["no"])
        b.note("ua_number", LABELLED, ua_i)
        rest = m["rest"]
        # "(EUR 46/10/97, 10 February 1997) - Fear of torture"
        rest = re.sub(r"^\(.*?\)\s*", "", rest)
        for d, s, e in reversed(F.find_dates(rest)):
            if a.issue_date is None:
                a.issue_date = d
                b.note("issue_date", STRUCTURAL, ua_i)
            rest = rest[:s] + rest[e:]
        concern = re.sub(r"\s+", " ", rest).strip(" -–—:,")
        b.use(ua_i)
    if a.issue_date is None and ua_i >= 0:
        # a web copy repeats the UA line: the page's title "UA 102/99 - Country: …" first, the
        # document's own "UA 102/99 Fear of torture 29 April 1999" (with its date) after it
        for j in doc.find_all(UA_LINE, ua_i + 1, ua_i + 12):
            rest = re.sub(r"^\(.*?\)\s*", "", UA_LINE.match(lines[j])["rest"]).rstrip(" .")
            dates = F.find_dates(rest)  # the line's own date closes it (not an earlier UA's date)
            if dates and dates[-1][2] == len(rest):
                a.issue_date = dates[-1][0]
                b.note("issue_date", STRUCTURAL, j)
                break
    if a.issue_date is None:
        for i in range(0, min(n, (ua_i if ua_i >= 0 else 12) + 1)):
            if lines[i] and len(lines[i]) < 40 and (d := F.parse_date(lines[i])):
                a.issue_date = d
                b.note("issue_date", STRUCTURAL, i)
                b.use(i)
                break

    # -- country + persons line(s) ---------------------------------------------------------------------
    start = ua_i + 1 if ua_i >= 0 else 0
    persons: list[Person] = []
    k = start
    while k < n and not lines[k]:
        k += 1
    person_lines = []
    if k < n:
        # "RUSSIAN FEDERATION (Chechnya) Andrei Babitsky (m), journalist"
        m = re.match(r"^([A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,5})(?![a-z])\s*(\([^)]{1,40}\))?\s*(.*)$",
                     lines[k])
        code = None
        if m:
            words = m[1].split()
            # the longest run of leading capitals that names a country; the rest starts the persons
            for cut in range(len(words), 0, -1):
                code = F.country_code(" ".join(words[:cut]))
                if code:
                    tail = " ".join(words[cut:])
                    break
        if code:
            rest = ((tail + " ") if tail else "") + (m[3] or "")
            m = [None, None, rest]
        if code:
            a.country = code
            b.note("country", LABELLED, k)
            b.use(k)
            if m[2].strip():
                person_lines.append((k, m[2].strip()))
            j = k + 1
            while j < n and lines[j] and len(person_lines) < 12:
                if len(lines[j]) > 90 or lines[j].rstrip().endswith(".") and len(lines[j]) > 60:
                    break
                person_lines.append((j, lines[j]))
                b.use(j)
                j += 1
            k = j
    for i, text in person_lines:
        for part in _PERSON_SPLIT.split(text):
            p = _person(part)
            if p:
                persons.append(p)
                b.note(f"persons[{len(persons) - 1}].name", STRUCTURAL, i)
                if p.gender:
                    b.note(f"persons[{len(persons) - 1}].gender", LABELLED, i)
    a.persons = persons

    # -- title --------------------------------------------------------------------------------------------
    if concern:
        names = [p.name for p in persons]
        who = ""
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        elif names:
            who = f"{names[0]} and {len(names) - 1} others"
        concern_t = concern[:1].upper() + concern[1:]
        if concern.isupper():
            concern_t = F.sentence_case(concern, doc.text())
        a.title = f"{concern_t}: {who}" if who else concern_t
        b.note("title", STRUCTURAL, ua_i, lines[ua_i])

    # -- sections ---------------------------------------------------------------------------------------------
    rec_i = doc.find(RECOMMENDED, k)
    bg_i = doc.find(BACKGROUND, k, rec_i if rec_i >= 0 else None)
    appeals_i = doc.find(APPEALS_TO, max(rec_i, k))
    send_i = doc.find(PLEASE_SEND, max(appeals_i, rec_i, k))
    body_end = min(x for x in (bg_i, rec_i, appeals_i, n) if x >= 0)
    body_idx = [i for i in range(k, body_end) if i not in b.used]
    paras = [(i, t) for i, t in C.paragraphs(doc, body_idx) if not C.is_chrome(t)]
    if paras:
        a.summary = paras[0][1]
        b.note("summary", STRUCTURAL, paras[0][0], a.summary[:200])
    b.use(*body_idx)
    bg = [t for _, t in paras[1:]]
    if bg_i >= 0:
        b.use(bg_i)
        idx = list(range(bg_i + 1, rec_i if rec_i > bg_i else (appeals_i if appeals_i > bg_i else n)))
        bg += [t for _, t in C.paragraphs(doc, idx)]
        b.use(*idx)
    if bg:
        a.background = "\n\n".join(bg)
        b.note("background", STRUCTURAL, None, a.background[:200])

    if not a.persons:
        a.persons = C.guess_persons(doc, b, [i for i in body_idx if lines[i]])

    if rec_i >= 0:
        end = appeals_i if appeals_i > rec_i else (send_i if send_i > rec_i else n)
        # the instruction may wrap: "Please send telegrams/faxes/airmail letters in Russian, English
        # or your own language:" -> everything up to the first bullet or line ending with ":"
        instr = [rec_i]
        j = rec_i
        while j + 1 < end and not lines[j].rstrip().endswith(":") and lines[j + 1] and \
                not lines[j + 1].startswith(C.BULLET) and len(instr) < 4:
            j += 1
            instr.append(j)
        instr_text = " ".join(lines[x] for x in instr)
        a.languages = F.languages_in(instr_text)
        if a.languages:
            b.note("languages", LABELLED, rec_i, instr_text)
        b.use(*instr)
        pts = C.appeal_points(doc, list(range(j + 1, end)))
        if pts:
            a.appeals = {"en": [_point(p) for _, p in pts]}
            b.note("appeals.en", STRUCTURAL, pts[0][0], "\n".join(p for _, p in pts))
        b.use_range(j + 1, end)

    notes: list[str] = []
    if appeals_i >= 0:
        b.use(appeals_i)
        end = send_i if send_i > appeals_i else n
        first = APPEALS_TO.match(lines[appeals_i])[1].strip()
        region = ([(appeals_i, first)] if first else []) + [(i, lines[i]) for i in range(appeals_i + 1, end)]
        out = parse_recipients(region, b)
        a.recipients = out.recipients
        b.use(*out.used)
        notes += [t for _, t in out.notes]
        b.use(*(i for i, _ in out.notes))
    if send_i >= 0:
        para = [send_i]
        j = send_i + 1
        while j < n and lines[j] and len(para) < 5:
            para.append(j)
            j += 1
        text = " ".join(lines[x] for x in para)
        d, conf = C.deadline_from(re.sub(r"^.*?\bafter\b", "", text, flags=re.I) if re.search(
            r"\bafter\b", text, re.I) else text, C.header_year(a), a.issue_date)
        if d:
            a.deadline = d
            b.note("deadline", conf, send_i, text)
        b.use(*para)
    if notes:
        a.notes = " ".join(dict.fromkeys(notes))
        b.note("notes", STRUCTURAL, None, a.notes)
    if a.country is None:
        country, conf = C.action_country(a, a.title)
        if country:
            a.country = country
            b.note("country", conf, None, country)
    if not a.title:
        a.title = (a.summary or "Imported Urgent Action").split(".")[0][:100]
        b.note("title", GUESS, None, a.title)
    a.id = C.make_id(a)
    b.note("id", SHAPE if a.persons else GUESS, None, a.id)
    if a.deadline is None:
        b.warnings.append(_("no deadline found"))
    return b.finish(a, score_value)


def _person(part: str) -> Person | None:
    """"Ivan Petrov (m), aged 34, journalist" -> Person("Ivan Petrov", "m")."""
    part = part.strip(" ,.;")
    if not part or re.match(r"^(?:and\s+)?(?:\d+|\w+)\s+others?\b", part, re.I):
        return None
    gender = None
    if gm := re.search(r"\((m|f|male|female)\)", part, re.I):
        gender = "f" if gm[1].lower().startswith("f") else "m"
    name = re.split(r"\s*[(,]|\s+aged\b|\s+-\s", part, maxsplit=1)[0].strip()
    name = re.sub(r"^(?:and|&)\s+", "", name)
    words = name.split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or re.search(r"\d", name):
        return None
    if name.lower() in ("his wife", "her husband", "others", "journalist"):
        return None
    return Person(name=name, gender=gender)


def _point(p: str) -> str:
    p = p.strip()
    return p[:1].upper() + p[1:]
