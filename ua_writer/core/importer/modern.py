"""2016+ layouts: "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USING THIS MODEL LETTER" with a
model letter ("Dear Prosecutor General, … Yours sincerely,") whose recipient block stands before or
after it, "PREFERRED LANGUAGE TO ADDRESS TARGET", "PLEASE TAKE ACTION … UNTIL/BEFORE <date>",
"NAME AND PRONOUN"; and section web pages (AIUSA/AIUK style): "Write a letter, send an email, call,
fax or tweet …", "Contact … by <date>:", embassy blocks after "And copy:", page chrome around.

The model letter's salutation becomes the recipient's salutation and its requests the appeal
points. No Qt.
"""

from __future__ import annotations

import re

from ua_writer.core.i18n import _
from ua_writer.core.importer import common as C
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.recipients import CHECK_SECTION, DIPLOMATIC, parse_recipients
from ua_writer.core.importer.result import GUESS, LABELLED, SHAPE, STRUCTURAL, ImportResult
from ua_writer.core.model import Action

NAME = "modern"

URGENT = re.compile(r"^(?:further\s+information\s+on\s+)?urgent\s+action\b", re.I)
TAKE_ACTION = re.compile(r"^take\s+action\b|^write\s+an\s+appeal\b|^write\s+a\s+letter,\s+send\s+an\s+e-?mail", re.I)
MODEL_LETTER = re.compile(r"model\s+letter|sample\s+letter", re.I)
SALUTATION = re.compile(r"^(?:Dear|Your\s+(?:Excellency|Honou?r|Majesty))\b[^.!?]{0,80}[,:!]?$")
CLOSING = re.compile(r"^(?:yours\s+(?:sincerely|faithfully|truly)|sincerely(?:\s+yours)?|"
                     r"respectfully(?:\s+yours)?|kind\s+regards|best\s+regards|with\s+respect)\s*,?\s*$", re.I)
PREFERRED = re.compile(r"^(?:preferred\s+languages?(?:\s+to\s+address\s+(?:the\s+)?targets?)?|"
                       r"languages?\s+to\s+address\s+(?:the\s+)?targets?)\s*:?\s*(.*)$", re.I)
DEADLINE = re.compile(
    r"(?:take\s+action|send\s+(?:your\s+)?appeals?|write|appeal\s+deadline(?:\s+notice)?|act|contact\b.{0,120}?)"
    r"[^.]{0,60}?\b(?:before|by|until|no\s+later\s+than|till)\b\s*:?\s*(.{3,40})",
    re.I)
CONTACT = re.compile(r"^(?:please\s+)?contact\b.{0,160}?\b(?:by|before|until)\b\s*:?\s*(.{3,40}?)\s*:?\s*$", re.I)
ADDINFO = re.compile(r"^(?:additional\s+information|background(?:\s+information)?|more\s+information)\s*:?\s*$", re.I)
ASK = re.compile(r"^(?:please\s+write\b.{0,120}|write\s+a\s+letter\b.{0,100}|(?:ask|urge|call\s+on|tell|demand)\b.{0,60}|"
                 r"(?:key\s+)?(?:messages?|requests?|demands?|appeals?)\s*(?:to\s+include)?)\s*:\s*$", re.I)
REQUEST = re.compile(r"\b(?:I|we)\s+(?:therefore\s+|also\s+|respectfully\s+)?(?:urge|call\s+on|call\s+upon|ask|"
                     r"request|appeal\s+to|implore)\s+you\b|^(?:Please|Urge|Call\s+on|Ask)\b", re.I)
NAME_PRONOUN = re.compile(r"^names?\s+and\s+pronouns?\s*:", re.I)
SECTION_END = re.compile(r"^(?:additional\s+information|background|preferred\s+language|"
                         r"languages?\s+to\s+address|please\s+take\s+action|"
                         r"name(?:s)?\s+and\s+pronoun|link\s+to\s+previous|further\s+information|"
                         r"appeal\s+deadline)", re.I)
COPY_HINT = re.compile(r"^(?:and\s+)?cop(?:y|ies)\b", re.I)


SIGNALS: list[C.Signal] = [
    (r"^\s*take action\b", re.I | re.M, 0.25),
    (r"model letter|sample letter", re.I, 0.25),
    (r"preferred language|language to address target", re.I, 0.2),
    (r"write a letter, send an e-?mail", re.I, 0.35),
    (r"^\s*contact\b.{0,160}\bby\b", re.I | re.M, 0.2),
    (r"please take action|appeal deadline", re.I, 0.15),
    (r"^\s*(?:yours sincerely|sincerely)\s*,?\s*$", re.I | re.M, 0.1),
    (r"please send appeals before .{3,30} to\s*:", re.I, -0.2),
]


def score(lines: list[str]) -> float:
    return C.weighted_score(lines, SIGNALS)


def parse(doc: C.Doc, score_value: float) -> ImportResult:
    b, a = C.begin(doc, NAME)
    lines = doc.lines
    n = len(lines)
    for i, ln in enumerate(lines):
        if ln and C.is_chrome(ln):
            b.use(i)

    take = doc.find(TAKE_ACTION)
    addinfo = doc.find(ADDINFO, max(take, 0))
    if addinfo < 0:
        addinfo = doc.find(ADDINFO)

    # -- title ---------------------------------------------------------------------------------------
    head_end = _title(doc, b, a, take)

    for i in range(head_end, min(n, head_end + 4)):
        if lines[i] and a.issue_date is None and (d := C.standalone_date(lines[i])):
            a.issue_date = d
            b.note("issue_date", STRUCTURAL, i)
            b.use(i)

    # -- summary + body (before TAKE ACTION) ------------------------------------------------------------
    body_end = take if take > head_end else (addinfo if addinfo > head_end else n)
    body_idx = [i for i in range(head_end, body_end) if i not in b.used]
    paras = [(i, C.clean_prose(t)) for i, t in C.paragraphs(doc, body_idx) if not C.is_chrome(t)]
    # on web pages the appeal list may sit in the body: handled below, keep prose only here
    ask_i = doc.find(ASK, head_end)
    if ask_i >= 0 and ask_i < body_end:
        paras = [(i, t) for i, t in paras if i < ask_i]
    if paras:
        a.summary = paras[0][1]
        b.note("summary", STRUCTURAL, paras[0][0], a.summary[:200])
    bg_parts = [t for _, t in paras[1:]]
    b.use(*[i for i in body_idx if ask_i < 0 or i < ask_i])

    # -- letter ------------------------------------------------------------------------------------------
    sect_start = take if take >= 0 else head_end
    sect_end = addinfo if addinfo > sect_start else n
    sal_i = -1
    for i in range(sect_start, sect_end):
        if lines[i] and SALUTATION.match(lines[i]) and _letter_follows(doc, i):
            sal_i = i
            break
    close_i = doc.find(CLOSING, sal_i + 1, sect_end) if sal_i >= 0 else -1
    letter_end = close_i if close_i >= 0 else _letter_end(doc, sal_i, sect_end) if sal_i >= 0 else -1

    if take >= 0:
        b.use(take)
        # "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USING THIS MODEL LETTER" may wrap
        j = take + 1
        if j < n and lines[j] and MODEL_LETTER.search(lines[j]) and len(lines[j]) < 80:
            b.use(j)

    # -- deadline -------------------------------------------------------------------------------------------
    dl = _deadline(doc, b, a)

    # -- appeals: an explicit list, else the model letter's requests ----------------------------------------
    ask_end = ask_i
    if ask_i >= 0:
        b.use(ask_i)
        langs = F.languages_in(lines[ask_i])
        if langs:
            a.languages = langs
            b.note("languages", LABELLED, ask_i)
        end = ask_i + 1
        while end < n and end - ask_i < 40:
            ln = lines[end]
            if ln and (CONTACT.match(ln) or TAKE_ACTION.match(ln) or SECTION_END.match(ln)
                       or (SALUTATION.match(ln) and not ln.startswith(C.BULLET))):
                break
            if not ln and end + 1 < n and not lines[end + 1] and end > ask_i + 2:
                break
            end += 1
        ask_end = end
        pts = C.appeal_points(doc, list(range(ask_i + 1, end)))
        if pts:
            a.appeals = {"en": [p for _, p in pts]}
            b.note("appeals.en", STRUCTURAL, pts[0][0], "\n".join(p for _, p in pts))
        b.use_range(ask_i + 1, end)
    if sal_i >= 0:
        body = [i for i in range(sal_i + 1, letter_end) if lines[i]]
        letter_paras = C.paragraphs(doc, list(range(sal_i + 1, letter_end)))
        if "en" not in a.appeals:
            reqs = [(i, t) for i, t in letter_paras if REQUEST.search(t)]
            chosen = reqs or letter_paras[1:] or letter_paras
            if chosen:
                a.appeals = {"en": [_request_point(t) for _, t in chosen]}
                b.note("appeals.en", SHAPE if reqs else GUESS, chosen[0][0], "\n".join(t for _, t in chosen))
        b.use(sal_i, *body)
        if close_i >= 0:
            b.use(close_i)

    # -- recipients -------------------------------------------------------------------------------------------
    regions: list[list[tuple[int, str]]] = []
    contact_i = doc.find(CONTACT, head_end)
    if contact_i >= 0:
        b.use(contact_i)
        end = _region_end(doc, contact_i + 1, sect_end, stop_at_salutation=True)
        regions.append([(i, lines[i]) for i in range(contact_i + 1, end) if i not in b.used])
    if sal_i >= 0:
        before = [(i, lines[i]) for i in range(max(sect_start + 1, 0), sal_i) if i not in b.used]
        if any(t for _, t in before):
            regions.append(before)
        after_start = (close_i + 1) if close_i >= 0 else letter_end
        after_end = _region_end(doc, after_start, sect_end, stop_at_salutation=False)
        after = [(i, lines[i]) for i in range(after_start, after_end) if i not in b.used]
        # skip the signature lines right after "Yours sincerely," ("[Your name]")
        after = [(i, t) for i, t in after if not re.match(r"^\[?\s*(?:your|signature|name)\b.*\]?$", t, re.I)]
        if any(_blockish(t) for _, t in after):
            regions.append(after)
    elif take >= 0 and contact_i < 0:
        end = _region_end(doc, take + 1, sect_end, stop_at_salutation=False)
        regions.append([(i, lines[i]) for i in range(take + 1, end) if i not in b.used])
    notes: list[str] = []
    for region in regions:
        out = parse_recipients(region, b, first_index=len(a.recipients),
                               copy_mode=any(r.is_copy for r in a.recipients))
        a.recipients.extend(out.recipients)
        b.use(*out.used)
        notes += [t for _, t in out.notes]
        b.use(*(i for i, _ in out.notes))
    letter_sal = F.clean_salutation(lines[sal_i]) if sal_i >= 0 else None
    if letter_sal:
        for k, r in enumerate(a.recipients):
            if not r.is_copy and not r.salutation:
                r.salutation = letter_sal
                b.note(f"recipients[{k}].salutation", STRUCTURAL, sal_i)
                r.gender = r.gender or F.gender_from_salutation(letter_sal)
                break

    # -- languages, persons, background ------------------------------------------------------------------------
    pref = doc.find(PREFERRED)
    if pref >= 0:
        value = PREFERRED.match(lines[pref])[1]
        if not value and pref + 1 < n:
            value = lines[pref + 1]
            b.use(pref + 1)
        langs = F.languages_in(value)
        if langs:
            a.languages = langs
            b.note("languages", LABELLED, pref)
        b.use(pref)
        j = pref + 1
        if j < n and re.match(r"^you\s+can\s+also\s+write", lines[j], re.I):
            b.use(j)
    persons = C.labelled_persons(doc, b)
    if not persons:
        scope = [i for i in range(head_end, body_end) if lines[i]]
        extra = [i for i in range(n) if lines[i] and i not in scope
                 and (ask_i < i < ask_end or addinfo >= 0 and i > addinfo)]
        persons = C.guess_persons(doc, b, scope + extra)
        if persons:
            g = C.pronoun_gender(" ".join(lines[i] for i in scope + extra))
            if g:
                persons[0].gender = g
                b.note("persons[0].gender", GUESS, scope[0] if scope else None, _("pronouns in the case text"))
    a.persons = persons
    if addinfo >= 0:
        b.use(addinfo)
        idx = [i for i in range(addinfo + 1, n) if i not in b.used and not SECTION_END.match(lines[i])
               and not CHECK_SECTION.search(lines[i])]
        stop = next((i for i in range(addinfo + 1, n) if lines[i] and SECTION_END.match(lines[i])
                     and not ADDINFO.match(lines[i])), n)
        idx = [i for i in idx if i < stop]
        bg_parts += [C.clean_prose(t) for _, t in C.paragraphs(doc, idx) if not C.is_chrome(t)]
        b.use(*idx)
    if bg_parts:
        a.background = "\n\n".join(bg_parts)
        b.note("background", STRUCTURAL if addinfo >= 0 else SHAPE, addinfo if addinfo >= 0 else None,
               a.background[:200])
    for i, ln in enumerate(lines):
        if ln and i not in b.used and (CHECK_SECTION.search(ln) or re.match(r"^link\s+to\s+previous", ln, re.I)):
            b.use(i)
        if ln and i not in b.used and DIPLOMATIC.search(ln) and re.search(r"copies|send|write", ln, re.I):
            notes.append(ln)
            b.use(i)
    C.settle(b, a, notes)
    if not a.title:
        a.title = (a.summary or "Imported Urgent Action").split(".")[0][:100]
        b.note("title", GUESS, None, a.title)
    if dl is None:
        b.warnings.append(_("no deadline found"))
    return b.finish(a, score_value)


def _title(doc: C.Doc, b: C.Builder, a: Action, take: int) -> int:
    lines = doc.lines
    body = doc.text()
    urgent = doc.find(URGENT, 0, take if take > 0 else None)
    start = urgent + 1 if urgent >= 0 else 0
    if urgent >= 0:
        b.use(urgent)
        rest = C._TITLE_PREFIX.sub("", lines[urgent]).strip(" :-–—")
        if len(rest) > 8:
            a.title = C.clean_title(rest, body, title_case=True)
            b.note("title", STRUCTURAL, urgent)
            return urgent + 1
    parts: list[int] = []
    i = start
    limit = min(len(lines), start + 25)
    while i < limit:
        ln = lines[i]
        if not ln or i in b.used or C.is_chrome(ln):
            if parts and not ln:
                break
            i += 1
            continue
        if _caps(ln) and len(parts) < 3:
            parts.append(i)
            i += 1
            continue
        if not parts and _heading(ln):
            parts.append(i)
            i += 1
            break
        break
    if parts:
        raw = " ".join(lines[k] for k in parts)
        a.title = C.clean_title(raw, body, title_case=True)
        b.use(*parts)
        b.note("title", STRUCTURAL if urgent >= 0 else SHAPE, parts[0], raw)
        return parts[-1] + 1
    return start


def _heading(line: str) -> bool:
    return 2 <= len(line.split()) <= 20 and not line.rstrip().endswith((".", ",", ";")) and len(line) < 160


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _letter_follows(doc: C.Doc, i: int) -> bool:
    """A salutation that opens a letter: prose (a long line) follows within a few lines."""
    for j in range(i + 1, min(len(doc), i + 5)):
        if doc.lines[j]:
            return len(doc.lines[j]) > 50 or doc.lines[j].rstrip().endswith(".")
    return False


def _letter_end(doc: C.Doc, sal_i: int, end: int) -> int:
    for i in range(sal_i + 1, end):
        ln = doc.lines[i]
        if ln and (SECTION_END.match(ln) or _caps(ln) and len(ln) > 12):
            return i
    return end


def _region_end(doc: C.Doc, start: int, end: int, stop_at_salutation: bool) -> int:
    for i in range(start, end):
        ln = doc.lines[i]
        if not ln:
            continue
        if SECTION_END.match(ln) or CHECK_SECTION.search(ln) or TAKE_ACTION.match(ln) or ASK.match(ln):
            return i
        if stop_at_salutation and SALUTATION.match(ln) and _letter_follows(doc, i):
            return i
        if len(ln) > 120 and not COPY_HINT.match(ln) and not DIPLOMATIC.search(ln) and (
                ln.count(",") < 3 or ln.rstrip().endswith(".")):
            return i  # prose (a one-line address has many commas and no full stop)
    return end


def _blockish(text: str) -> bool:
    return bool(text) and (F.digit_count(text) >= 4 or bool(F.EMAIL_RE.search(text))
                           or bool(re.match(r"^(?:fax|email|e-mail|salutation|tel)\b", text, re.I)))


def _deadline(doc: C.Doc, b: C.Builder, a: Action):
    lines = doc.lines
    for i, ln in enumerate(lines):
        if not ln or len(ln) > 300:
            continue
        m = DEADLINE.search(ln)
        text = None
        if m:
            text = m[1]
        elif re.search(r"appeal\s+deadline|take\s+action.{0,40}(?:until|before|by)\s*:?\s*$", ln, re.I):
            j = i + 1
            while j < len(lines) and not lines[j] and j - i < 3:
                j += 1
            if j < len(lines):
                text = lines[j]
                b.use(j)
        if text:
            d, conf = C.deadline_from(text, C.header_year(a), a.issue_date)
            if d:
                a.deadline = d
                b.note("deadline", conf if m else conf * 0.95, i, ln)
                if not CONTACT.match(ln):
                    b.use(i)
                return d
    return None


def _request_point(text: str) -> str:
    t = re.sub(r"^(?:I|We)\s+(?:therefore\s+|also\s+|respectfully\s+)?(?:urge|call\s+on|call\s+upon|ask|"
               r"request|appeal\s+to|implore)\s+you(?:\s+to)?\s+", "", text.strip(), flags=re.I)
    if t != text.strip():
        t = t[:1].upper() + t[1:]
    return t.rstrip()


__all__ = ["NAME", "score", "parse"]
