"""The classic Urgent Action layout (about 2008-2015): URGENT ACTION + headline, case text,
"Please write immediately in …:" + appeal points, "PLEASE SEND APPEALS BEFORE <date> TO:" +
recipient blocks, "And copies to:", ADDITIONAL INFORMATION, "Name: … Gender m/f: …" and the
"UA: … Index: … Date: …" header at the top or the bottom. No Qt.
"""

from __future__ import annotations

import re

from ua_writer.core.i18n import _
from ua_writer.core.importer import common as C
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.recipients import CHECK_SECTION, DIPLOMATIC, parse_recipients
from ua_writer.core.importer.result import GUESS, LABELLED, SHAPE, STRUCTURAL, ImportResult
from ua_writer.core.model import Action

NAME = "classic"

URGENT = re.compile(r"^(?:further\s+information\s+on\s+)?urgent\s+action\b", re.I)
WRITE = re.compile(r"^(?:•\s*)?please\s+write\s+(?:immediately|now|appeals|letters|to)?\b.{0,160}$|"
                   r"^write\s+(?:immediately|now)\b.{0,160}$", re.I)
SEND = re.compile(r"^please\s+send\s+(?:your\s+)?appeals?\b.{0,40}?(?:before|by|until|no\s+later\s+than)\b", re.I)
SEND_ANY = re.compile(r"^please\s+send\s+(?:your\s+)?appeals?\b", re.I)
ADDINFO = re.compile(r"^additional\s+information\b", re.I)
BLANKISH_NAME = re.compile(r"^(?:Name|Gender(?:\s*m\s*/\s*f)?)\s*:", re.I)


SIGNALS: list[C.Signal] = [
    (r"^\s*urgent action\b", re.I | re.M, 0.15),
    (r"^\s*URGENT ACTION\b", re.M, 0.1),
    (r"please send appeals (?:before|by|to arrive)", re.I, 0.3),
    (r"please write (?:immediately|now)", re.I, 0.15),
    (r"^\s*additional information\b", re.I | re.M, 0.1),
    (r"^\s*(?:and )?copies to\s*:", re.I | re.M, 0.05),
    (r"^\s*salutation\s*:", re.I | re.M, 0.1),
    (r"gender m/f", re.I, 0.05),
    (r"model letter|take action\s*:", re.I, -0.2),
    (r"^\s*recommended action\s*:|^\s*appeals to\s*:", re.I | re.M, -0.2),
]


def score(lines: list[str]) -> float:
    return C.weighted_score(lines, SIGNALS)


def parse(doc: C.Doc, score_value: float) -> ImportResult:
    b, a = C.begin(doc, NAME)
    lines = doc.lines
    n = len(lines)

    urgent = doc.find(URGENT)
    write = doc.find(WRITE, max(urgent, 0))
    send = doc.find(SEND, max(write, urgent, 0))
    if send < 0:
        send = doc.find(SEND_ANY, max(write, urgent, 0))
    addinfo = doc.find(ADDINFO, max(send, 0))
    if addinfo < 0:
        addinfo = doc.find(ADDINFO)

    # -- headline ---------------------------------------------------------------------------------
    head_end = _headline(doc, b, a, urgent)
    # later repeats of "URGENT ACTION" + the same headline (page 2 header) are chrome
    for i in doc.find_all(URGENT, head_end):
        b.use(i)
        j = _next_nonblank(doc, i + 1)
        if j >= 0 and _caps(lines[j]) and C.clean_title(lines[j], "").lower()[:20] == a.title.lower()[:20]:
            b.use(j)

    # -- case text: summary + body ------------------------------------------------------------------
    body_end = min([x for x in (write, send, addinfo) if x > head_end] + [n])
    body_idx = [i for i in range(head_end, body_end) if i not in b.used]
    paras = [(i, C.clean_prose(t)) for i, t in C.paragraphs(doc, body_idx)]
    paras = [(i, t) for i, t in paras if not C.is_chrome(t)]
    # a web copy's date line under the headline ("March 1, 2021") is the issue date, not the summary
    while paras and (d := C.date_only(paras[0][1])):
        if a.issue_date is None:
            a.issue_date = d
            b.note("issue_date", SHAPE, paras[0][0])
        paras = paras[1:]
    if paras:
        a.summary = paras[0][1]
        b.note("summary", STRUCTURAL, paras[0][0], a.summary)
    b.use(*body_idx)

    # -- appeal points --------------------------------------------------------------------------------
    if write >= 0:
        b.use(write)
        instr = lines[write]
        first_point = write + 1
        nxt = _next_nonblank(doc, write + 1)
        # "Please write immediately in Russian, English or your" / "own language:"
        if not instr.rstrip().endswith(":") and nxt >= 0 and lines[nxt].rstrip().endswith(":") \
                and len(lines[nxt]) < 60 and not lines[nxt].startswith(C.BULLET):
            instr += " " + lines[nxt]
            b.use(nxt)
            first_point = nxt + 1
        a.languages = F.languages_in(instr)
        if a.languages:
            b.note("languages", LABELLED, write, instr)
        end = send if send > write else (addinfo if addinfo > write else min(n, write + 40))
        pts = C.appeal_points(doc, list(range(first_point, end)))
        if pts:
            a.appeals = {"en": [p for _, p in pts]}
            b.note("appeals.en", STRUCTURAL if any(lines[i].startswith(C.BULLET) for i, _ in pts) else SHAPE,
                   pts[0][0], "\n".join(p for _, p in pts))
        b.use_range(first_point, end)

    # -- deadline + recipients ------------------------------------------------------------------------
    notes: list[str] = []
    if send >= 0:
        send_text = lines[send]
        used_send = [send]
        if not re.search(r"\bto\s*:?\s*$", send_text, re.I) and send + 1 < n:
            nxt = _next_nonblank(doc, send + 1)
            if nxt >= 0 and nxt - send <= 2 and re.search(r"\bto\s*:?\s*$", lines[nxt], re.I) and len(lines[nxt]) < 40:
                send_text += " " + lines[nxt]
                used_send.append(nxt)
        b.use(*used_send)
        d, conf = C.deadline_from(send_text, C.header_year(a), a.issue_date)
        if d:
            a.deadline = d
            b.note("deadline", conf, send, send_text)
        start = used_send[-1] + 1
        end = _recipients_end(doc, start, addinfo)
        region = [(i, lines[i]) for i in range(start, end) if i not in b.used]
        out = parse_recipients(region, b)
        a.recipients = out.recipients
        b.use(*out.used)
        notes += [t for _, t in out.notes]
        b.use(*(i for i, _ in out.notes))
        notes += C.boilerplate_notes(doc, b, end, min(n, end + 12))

    # -- persons ------------------------------------------------------------------------------------------
    persons = C.labelled_persons(doc, b)
    if not persons:
        scope = [i for i in range(head_end, body_end) if lines[i]]
        if write >= 0:
            scope += [i for i in range(write, send if send > write else write + 1) if lines[i]]
        persons = C.guess_persons(doc, b, scope)
        if persons:
            g = C.pronoun_gender(" ".join(lines[i] for i in scope))
            if g:
                persons[0].gender = g
                b.note("persons[0].gender", GUESS, scope[0], _("pronouns in the case text"))
    a.persons = persons

    # -- additional information / background ---------------------------------------------------------
    bg_parts: list[str] = [t for _, t in paras[1:]]
    if addinfo >= 0:
        b.use(addinfo)
        idx = [i for i in range(addinfo + 1, n) if i not in b.used and not BLANKISH_NAME.match(lines[i])]
        add_paras = [(i, C.clean_prose(t)) for i, t in C.paragraphs(doc, idx)]
        add_paras = [(i, t) for i, t in add_paras if not C.is_chrome(t) and not _is_repeat_headline(t, a.title)]
        bg_parts += [t for _, t in add_paras]
        b.use(*idx)
    if bg_parts:
        a.background = "\n\n".join(bg_parts)
        b.note("background", STRUCTURAL if addinfo >= 0 else SHAPE, addinfo if addinfo >= 0 else None,
               a.background[:200])

    C.settle(b, a, notes)
    if not a.title:
        a.title = (a.summary or "Imported action")[:80]
        b.note("title", C.DAMAGED, None, a.title)
        b.warnings.append(_("no headline found; the title was taken from the first sentence"))
    if a.deadline is None:
        b.warnings.append(_("no deadline found"))
    return b.finish(a, score_value)


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _next_nonblank(doc: C.Doc, start: int) -> int:
    for i in range(start, min(len(doc), start + 8)):
        if doc.lines[i]:
            return i
    return -1


def _headline(doc: C.Doc, b: C.Builder, a: Action, urgent: int) -> int:
    """Read the headline; return the index after it."""
    lines = doc.lines
    body = doc.text()
    parts: list[int] = []
    if urgent >= 0:
        b.use(urgent)
        rest = C._TITLE_PREFIX.sub("", lines[urgent]).strip(" :-–—")
        rest = C.TITLE_SUFFIX.sub("", rest)  # "Headline (Country: UA 77/21)" is a headline
        if len(rest) > 8 and not C.UA_NO.search(rest):
            parts.append(urgent)
        i = urgent + 1
        while i < len(lines) and len(parts) < 3:
            line = lines[i]
            if not line:
                if parts:
                    break
                i += 1
                continue
            if i in b.used:  # header line (UA/Index/Date) between URGENT ACTION and headline
                i += 1
                continue
            if _caps(line):
                parts.append(i)
                i += 1
                continue
            if not parts and len(line) < 140 and not line.rstrip().endswith((".", ",", ";")) \
                    and not C.date_only(line):
                parts.append(i)  # a headline in mixed case (web copies)
                i += 1
            break
        end = i
    else:
        # no "URGENT ACTION": the first all-caps line near the top
        end = 0
        for i in range(min(len(lines), 30)):
            if lines[i] and _caps(lines[i]) and i not in b.used and len(lines[i]) > 12:
                parts = [i]
                end = i + 1
                break
    if parts:
        raw = " ".join(C._TITLE_PREFIX.sub("", lines[i]).strip() for i in parts)
        a.title = C.clean_title(raw, body, title_case=True)
        b.use(*parts)
        b.note("title", STRUCTURAL if urgent >= 0 else SHAPE, parts[0], raw)
    return end


def _recipients_end(doc: C.Doc, start: int, addinfo: int) -> int:
    stop = re.compile(r"^(?:additional information|urgent action|(?:issue\s+)?(?:date|datum|fecha|дата)\s*:|"
                      r"name\s*:|UA\s*:?\s*\d)", re.I)
    for i in range(start, len(doc)):
        line = doc.lines[i]
        if not line:
            continue
        if stop.search(line):
            return i
        if CHECK_SECTION.search(line) or (DIPLOMATIC.search(line) and re.search(r"also send|send copies", line, re.I)):
            return i
    return addinfo if addinfo > start else len(doc)


def _sentence_with(line: str, pattern: re.Pattern) -> str:
    for s in re.split(r"(?<=[.!?])\s+", line):
        if pattern.search(s):
            return s.strip()
    return line.strip()


def _is_repeat_headline(text: str, title: str) -> bool:
    return bool(title) and _caps(text) and C.clean_title(text, "").lower() == title.lower()
