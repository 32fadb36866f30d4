"""Machinery the layouts share: the line document, the result builder, paragraph reflow, header
fields (UA number, index, dates), appeal points, persons, ids and page chrome.

A layout module finds its sections with its own anchors and then calls these helpers, so every
layout reflows text, numbers lines and rates confidence the same way. No Qt.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from ua_writer.core.i18n import _
from ua_writer.core.importer import fields as F
from ua_writer.core.importer.cues import cues
from ua_writer.core.importer.result import (DAMAGED, GUESS, LABELLED, SHAPE, STRUCTURAL, FieldInfo,
                                            ImportResult)
from ua_writer.core.importer.text import BULLET, collapse, is_bullet, strip_bullet
from ua_writer.core.model import Action, Person

TERMINAL = ".!?:;\"”’)»"


@dataclass
class Doc:
    """The normalised lines of one document. Indices are 0-based; line numbers shown are +1."""

    lines: list[str]
    source: str | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def find(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> int:
        end = len(self.lines) if end is None else min(end, len(self.lines))
        for i in range(max(0, start), end):
            if self.lines[i] and pattern.search(self.lines[i]):
                return i
        return -1

    def find_all(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> list[int]:
        end = len(self.lines) if end is None else min(end, len(self.lines))
        return [i for i in range(max(0, start), end) if self.lines[i] and pattern.search(self.lines[i])]

    def nonblank(self, start: int, end: int) -> list[int]:
        return [i for i in range(max(0, start), min(end, len(self.lines))) if self.lines[i]]

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Builder:
    """Collects the recognised values, their provenance, and which lines were used."""

    doc: Doc
    layout: str
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def note(self, path: str, confidence: float, idx: int | None = None, text: str | None = None) -> None:
        if text is None:
            text = self.doc.lines[idx] if idx is not None and 0 <= idx < len(self.doc) else ""
        self.fields[path] = FieldInfo(round(confidence, 2), None if idx is None else idx + 1, text)

    def use(self, *idxs: int) -> None:
        self.used.update(i for i in idxs if i is not None and i >= 0)

    def use_range(self, start: int, end: int) -> None:
        self.used.update(range(max(0, start), min(end, len(self.doc))))

    def finish(self, action: Action, score: float) -> ImportResult:
        unrec = []
        for i, line in enumerate(self.doc.lines):
            if line and i not in self.used and not is_chrome(line):
                unrec.append((i + 1, line))
        if not action.recipients and self.layout != "background":
            self.warnings.append(_("no recipients were recognised; add them by hand (e.g. the "
                                   "embassy of the country in yours)"))
        return ImportResult(action=action, layout=self.layout, layout_score=round(score, 2),
                            fields=self.fields, unrecognised_lines=unrec, warnings=self.warnings,
                            text=self.doc.text())


# -- page chrome ----------------------------------------------------------------------------------

_CHROME = re.compile(
    r"^(?:(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|www\.\S+|https?://\S+|"
    r"(?:share|tweet|print|email)(?: (?:this|on \w+))?|facebook|twitter|linkedin|whatsapp|"
    r"skip to (?:main )?content|menu|search|donate(?: now)?|join(?: us)?|sign up|log ?in|subscribe|"
    r"leave a reply|your email address will not be published\.?|required fields are marked \*?|"
    r"(?:accept|reject|manage) (?:all )?cookies|we use cookies.*|cookie (?:settings|policy)|"
    r"back to top|read more|related (?:content|news|actions?)|follow us.*|"
    r"©.*|copyright.*|all rights reserved\.?|privacy policy|terms (?:of use|and conditions)|"
    r"amnesty international(?: (?:ltd|uk|usa|publications))?|"
    r"home(?:\s*[›>/»|]\s*[\w ]{1,40})*|\|)$",
    re.I)


def is_chrome(line: str) -> bool:
    return len(line) < 160 and bool(_CHROME.match(line.strip()))


# -- header fields ----------------------------------------------------------------------------------

UA_NO = re.compile(r"\bUA\s*(?:No\.?|number|#)?\s*:?\s*(\d{1,4}\s*/\s*\d{2,4})\b", re.I)
INDEX = re.compile(r"\b(?:AI\s+)?Index(?:\s*(?:No|number))?\s*:?\s*([A-Z]{2,4}\s*\d{1,3}\s*/\s*\d{1,5}\s*/\s*\d{2,4})",
                   re.I)
DATE_LABEL = re.compile(r"\b(?:Issue\s+|Issued\s+)?(?:Date|Datum|Fecha|Дата|Data|Date\s+d['’]émission)\s*:\s*(.{6,40})",
                        re.I)


def read_header(doc: Doc, b: Builder, action: Action, start: int = 0, end: int | None = None) -> None:
    """UA number, AI index and issue date wherever they stand (top, bottom, one line or three)."""
    end = len(doc) if end is None else end
    for i in range(start, end):
        line = doc.lines[i]
        if not line or len(line) > 300:
            continue
        hit = False
        if action.ua_number is None and (m := UA_NO.search(line)) and (
                m.start() < 4 or INDEX.search(line) or len(line) < 40) and not re.search(
                r"further information on|previous|follow.?up|update|\bsee\b|\bof\s*$", line[:m.start()], re.I):
            action.ua_number = re.sub(r"\s+", "", m[1])
            b.note("ua_number", LABELLED, i)
            hit = True
        if action.index is None and (m := INDEX.search(line)):
            action.index = _norm_index(m[1])
            b.note("index", LABELLED, i)
            hit = True
        if (m := DATE_LABEL.search(line)) and not re.search(r"deadline|before|until|by\b", line[:m.start()], re.I):
            d = F.parse_date(m[1])
            if d:
                if action.issue_date is None:
                    action.issue_date = d
                    b.note("issue_date", LABELLED, i)
                hit = True
        if hit and _is_header_only(line):
            b.use(i)


def _is_header_only(line: str) -> bool:
    rest = UA_NO.sub("", line)
    rest = INDEX.sub("", rest)
    rest = re.sub(r"\b(?:Issue\s+)?(?:Date|Datum|Fecha|Дата|Data)\s*:\s*", "", rest, flags=re.I)
    rest = re.sub(r"\b(?:further information on|urgent action)\b", "", rest, flags=re.I)
    for _, s, e in reversed(F.find_dates(rest)):
        rest = rest[:s] + rest[e:]
    return len(re.sub(r"[\W_]+", "", rest)) < 12


def _norm_index(ix: str) -> str:
    ix = re.sub(r"\s*/\s*", "/", ix.strip())
    return re.sub(r"^([A-Za-z]{2,4})\s*(\d)", lambda m: m[1].upper() + " " + m[2], ix)


# -- paragraphs ----------------------------------------------------------------------------------

def paragraphs(doc: Doc, idxs: list[int] | range) -> list[tuple[int, str]]:
    """Reflow lines into paragraphs: (first line index, text).

    Wrapped lines are joined even across a single blank line (PDF copies double-space them) when the
    previous line does not end a sentence, or when the next starts in lower case. A blank line
    after a finished sentence, or two blank lines, end the paragraph.
    """
    idxs = [i for i in idxs if 0 <= i < len(doc)]
    content = [i for i in idxs if doc.lines[i]]
    if not content:
        return []
    maxlen = max(len(doc.lines[i]) for i in content)
    out: list[tuple[int, str]] = []
    cur: list[str] = []
    cur_start = None
    prev_i = None
    for i in content:
        line = doc.lines[i]
        if cur:
            prev = cur[-1]
            blanks = i - prev_i - 1
            ends_sentence = prev.rstrip().endswith(tuple(TERMINAL))
            starts_lower = line[:1].islower() or line[:1] in ",;)" or (line[:1].isdigit() and not ends_sentence)
            prev_long = len(prev) >= 0.7 * maxlen
            bullet = is_bullet(line)
            if bullet:
                join = False
            elif blanks == 0:
                join = not (ends_sentence and not prev_long) or starts_lower
            elif blanks == 1:
                join = starts_lower or (not ends_sentence and prev_long)
            else:
                join = starts_lower and not ends_sentence
            if join:
                cur.append(line)
                prev_i = i
                continue
            out.append((cur_start, _join(cur)))
            cur = []
        cur = [line]
        cur_start = i
        prev_i = i
    if cur:
        out.append((cur_start, _join(cur)))
    return out


def _join(parts: list[str]) -> str:
    text = ""
    for p in parts:
        p = p.strip()
        if not text:
            text = p
        elif text.endswith("-") and p[:1].islower() and not text.endswith(" -"):
            text += p  # "ill-" + "treatment": keep the hyphen, no space
        else:
            text += " " + p
    return collapse(text)


FOOTNOTE_MARK = re.compile(r"(?<=[a-z\.,;\"”)])(\d{1,3})(?=\s|$)")


def clean_prose(text: str) -> str:
    """Remove footnote markers glued to words ("civilians.31")."""
    return FOOTNOTE_MARK.sub("", text)


# -- a layout's parse starts here -----------------------------------------------------------------

def begin(doc: "Doc", layout: str) -> tuple["Builder", Action]:
    """The Builder recording provenance for ``layout`` and an empty Action with the document's
    header fields (UA number, index, date) already read — every layout's parse starts so."""
    b = Builder(doc, layout)
    a = Action(id="imported", title="")
    read_header(doc, b, a)
    return b, a


# -- layout scoring -----------------------------------------------------------------------------------

#: a layout's evidence: (pattern, regex flags, weight); negative weights are counter-evidence
Signal = tuple[str, int, float]


def weighted_score(lines: list[str], signals: list[Signal]) -> float:
    """How well ``lines`` look like a layout: the summed weights of the signals found, in [0, 1].
    Only the first 3,000 lines are read, so scoring stays cheap on huge inputs."""
    text = "\n".join(lines[:3000])
    s = sum(weight for pattern, flags, weight in signals if re.search(pattern, text, flags))
    return max(0.0, min(1.0, s))


# -- appeal points ---------------------------------------------------------------------------------

def appeal_points(doc: Doc, idxs: list[int]) -> list[tuple[int, str]]:
    """Split the lines of an appeals list into points; bullets may be lost in copy-paste.

    Without bullets, a line starts a new point when it begins with a capital letter and the
    previous line ended a clause (".", ";") or was clearly shorter than a wrapped line.
    """
    content = [i for i in idxs if doc.lines[i]]
    if not content:
        return []
    has_bullets = sum(is_bullet(doc.lines[i]) for i in content) >= 1
    maxlen = max(len(strip_bullet(doc.lines[i])) for i in content)
    points: list[tuple[int, list[str]]] = []
    for i in content:
        line = doc.lines[i]
        text = strip_bullet(line)
        new = False
        if not points:
            new = True
        elif has_bullets:
            new = is_bullet(line)
        else:
            prev = points[-1][1][-1]
            starts_cap = text[:1].isupper()
            prev_done = prev.rstrip().endswith((".", ";", "!", ":"))
            prev_short = len(prev) < 0.75 * maxlen
            new = starts_cap and (prev_done or prev_short or bool(_APPEAL_VERB.match(text)))
        if new:
            points.append((i, [text]))
        else:
            points[-1][1].append(text)
    out = []
    for i, parts in points:
        p = _join(parts)
        p = re.sub(r"\s*(?:;|,)?\s*(?:and|or)?\s*$", "", p) if re.search(r"(?:;|,|\band|\bor)\s*$", p) else p
        p = p.rstrip(";, ")
        p = F.fix_typos(p, doc.text())
        if len(p) >= 8:
            out.append((i, p))
    return out


#: how appeal points begin: a gerund ("Calling on …") or an imperative ("Urge …")
_APPEAL_VERB = re.compile(
    r"^(?:[A-Z][a-z]{2,}ing\b(?!\s+(?:to|of)\b)|(?:Urge|Call|Ask|Remind|Express|Demand|Insist|Request|Seek|Tell|"
    r"Welcome|Press|Encourage|Ensure|Release|Stop|End|Drop|Allow|Grant|Protect|Investigate|Provide|"
    r"Quash|Halt|Repeal|Thank|Acknowledge)\b)")


# -- persons -----------------------------------------------------------------------------------------

NAME_LABEL = re.compile(r"^\s*(?:Full\s+)?Names?(?:\s+and\s+pronouns?)?\s*:\s*(.+)$", re.I)
GENDER_LABEL = re.compile(r"^\s*Gender(?:\s*m\s*/\s*f)?\s*:\s*(.{0,30})$", re.I)
PRONOUN = re.compile(r"\((he|she|they)\s*/\s*(him|her|them)\)", re.I)

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_LOW = "a-zß-öø-ÿ\u0100-\u017fа-яё"
_NAME_TOKEN = rf"(?:[{_UP}][{_LOW}'’\-]+|[{_UP}][{_LOW}]?\.)"
_NAME_RUN = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|(?:al|el|bin|ibn|de|da|van|von|ul)-?))" + r"{1,4}")
# capitalised words that are never part of a person's name in a UA
_NOT_NAME_WORDS = {
    "amnesty", "international", "the", "he", "she", "his", "her", "they", "in", "on", "at", "if",
    "as", "a", "an", "and", "of", "for", "to", "by", "with", "after", "before", "during", "since",
    "court", "supreme", "city", "regional", "district", "prosecutor", "general", "office", "ministry",
    "minister", "president", "federal", "service", "migration", "committee", "human", "rights",
    "convention", "european", "union", "nations", "united", "council", "government", "police",
    "department", "republic", "federation", "state", "national", "security", "institute", "centre",
    "center", "movement", "party", "urgent", "action", "please", "write", "dear", "salutation",
    "fax", "email", "ambassador", "embassy", "deputy", "head", "chair", "director", "judge",
    "islamic", "news", "agency", "commissioner", "high", "refugees", "status", "appeal", "ecthr",
    "echr", "unhcr", "ngo", "mr", "ms", "mrs", "dr", "according", "however", "despite", "when",
    "this", "that", "there", "these", "those", "it", "we", "our", "their", "also", "but", "while",
    "investigative", "investigation", "administration", "procuracy", "prison", "colony", "detention",
    "facility", "region", "province", "square", "street", "avenue", "st", "ul", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "criminal", "code", "article", "law",
    "watch", "times", "press", "media", "radio", "tv", "world", "day", "new", "researcher",
    "central", "eastern", "western", "northern", "southern", "east", "west", "north", "south", "asia",
    "europe", "africa", "america", "americas", "middle", "pacific", "caribbean", "latin", "gulf",
    "director", "secretary", "programme", "program", "campaign", "campaigner", "deputy", "regional",
}


def _is_name_candidate(name: str) -> bool:
    words = re.findall(r"[^\W\d_]+", name)
    if len(words) < 2:
        return False
    for w in words:
        lw = w.lower()
        if lw in _NOT_NAME_WORDS or lw in F.month_names() or F.is_country_word(w) or F.country_code(w):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """What a person is ("Blogger", "Journalistin", "avocat"), in every language of the cue data: a
    word that goes before a name in prose ("Blogger Rauf Karimli was detained") but is not part of it."""
    return frozenset(w.lower() for w in cues()["person_nouns"])


def guess_persons(doc: Doc, b: Builder, idxs: list[int], path_prefix: str = "persons") -> list[Person]:
    """The people a text is about: capitalised name runs that recur, merged by surname."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for i in list(idxs)[:3000]:
        line = doc.lines[i]
        for m in _NAME_RUN.finditer(line):
            cand = m.group(0).strip()
            # drop a leading sentence word ("Despite Nizomhon Juraev") by retrying without it
            words = cand.split()
            while words and (words[0].lower() in _NOT_NAME_WORDS or F.is_country_word(words[0])
                             or words[0].lower() in F.month_names() or words[0].lower() in _person_nouns()):
                words = words[1:]
            while words and (words[-1].lower() in _NOT_NAME_WORDS or F.is_country_word(words[-1])):
                words = words[:-1]
            cand = " ".join(words)
            if not _is_name_candidate(cand):
                continue
            before = line[:m.start()].lower()
            after = line[m.end():m.end() + 40].lower()
            if re.search(r"(?:said|says|told|according to)\s*$", before) or re.search(
                    r"^,\s*(?:amnesty|a researcher|researcher|director|head of|spokes)", after):
                continue  # a quoted spokesperson, not the person the action is about
            if re.search(r"(?:president|minister|prosecutor|judge|ambassador|general|chair(?:man)?|"
                         r"director|governor|head)\s*,?\s*$", before):
                continue  # an official, not a victim
            counts[cand] += 1
            first_seen.setdefault(cand, i)
    if not counts:
        return []
    # merge variants by surname (last word): "Yusup Kasymakhunov" + "Yusup S. Kasymakhunov"
    by_surname: dict[str, list[str]] = {}
    for cand in counts:
        by_surname.setdefault(cand.split()[-1].lower(), []).append(cand)
    groups = []
    for variants in by_surname.values():
        total = sum(counts[v] for v in variants)
        best = max(variants, key=lambda v: (counts[v], len(v)))
        groups.append((total, first_seen[best], best))
    groups.sort(key=lambda g: (-g[0], g[1]))
    top = groups[0][0]
    if top < 2:
        return []
    persons = []
    for total, i, name in groups:
        if total >= max(2, 0.5 * top) and len(persons) < 5:
            persons.append((i, name, total))
    out = []
    for k, (i, name, total) in enumerate(persons):
        out.append(Person(name=name))
        conf = GUESS + (0.1 if total >= 4 else 0.0)
        b.note(f"{path_prefix}[{k}].name", conf, i)
    return out


def pronoun_gender(text: str) -> str | None:
    """"he/his/him" vs "she/her" counts in prose; None when unclear."""
    low = text.lower()
    m = len(re.findall(r"\b(?:he|his|him|himself)\b", low))
    f = len(re.findall(r"\b(?:she|her|hers|herself)\b", low))
    if m >= 2 and m >= 3 * f:
        return "m"
    if f >= 2 and f >= 3 * m:
        return "f"
    return None


def labelled_persons(doc: Doc, b: Builder, start: int = 0, end: int | None = None) -> list[Person]:
    """"Name: …" / "Gender m/f: …" pairs (classic UAs print them at the end)."""
    end = len(doc) if end is None else end
    persons: list[Person] = []
    for i in range(start, end):
        line = doc.lines[i]
        if not line:
            continue
        if m := NAME_LABEL.match(line):
            value = m[1].strip()
            gender = None
            if pm := PRONOUN.search(value):
                gender = {"he": "m", "she": "f"}.get(pm[1].lower())
                value = PRONOUN.sub("", value).strip()
            # "Name: A Person Gender m/f: m" on one line
            g = re.search(r"\s+Gender(?:\s*m\s*/\s*f)?\s*:\s*(.*)$", value, re.I)
            if g:
                gender = F.gender_from_marker(g[1])
                value = value[:g.start()].strip()
            for part in re.split(r"\s*(?:;|,\s+and\s+|\s+and\s+|,)\s*", value):
                part = part.strip(" .")
                if len(part) >= 3 and not re.search(r"\d|others|unknown", part, re.I):
                    persons.append(Person(name=part, gender=gender))
                    b.note(f"persons[{len(persons) - 1}].name", LABELLED, i)
                    if gender:
                        b.note(f"persons[{len(persons) - 1}].gender", LABELLED, i)
            b.use(i)
        elif (m := GENDER_LABEL.match(line)) and persons:
            gender = F.gender_from_marker(m[1])
            if gender and persons[-1].gender is None:
                persons[-1].gender = gender
                b.note(f"persons[{len(persons) - 1}].gender", LABELLED, i)
            b.use(i)
    return persons


def standalone_date(line: str) -> "_dt.date | None":
    """A line that is only a date, perhaps with a word like "Posted" or "Published:"."""
    if not line or len(line) > 50:
        return None
    dates = F.find_dates(line)
    if len(dates) != 1:
        return None
    d, s, e = dates[0]
    rest = (line[:s] + line[e:]).strip(" :,-–|")
    if len(rest.split()) <= 2 and not re.search(r"\b(?:before|by|until|deadline)\b", rest, re.I):
        return d
    return None


# -- boilerplate notes ------------------------------------------------------------------------------

def boilerplate_notes(doc: Doc, b: Builder, start: int, end: int) -> list[str]:
    """"Also send copies to diplomatic representatives …" / "Please check with your section office …"
    sentences in lines[start:end], rejoined when wrapped; their lines are marked used."""
    from ua_writer.core.importer.recipients import CHECK_SECTION, DIPLOMATIC

    out: list[str] = []
    i = max(0, start)
    end = min(end, len(doc))
    while i < end:
        line = doc.lines[i]
        if not line or not (CHECK_SECTION.search(line) or (DIPLOMATIC.search(line) and re.search(
                r"cop(?:y|ies)|send|write", line, re.I))):
            i += 1
            continue
        parts, used = [line], [i]
        j = i + 1
        while j < len(doc) and j - used[-1] <= 3 and not parts[-1].rstrip().endswith((".", "!")):
            if doc.lines[j]:
                if doc.lines[j][:1].islower() or len(doc.lines[j]) < 30:
                    parts.append(doc.lines[j])
                    used.append(j)
                else:
                    break
            j += 1
        text = _join(parts)
        for sent in re.split(r"(?<=[.!?])\s+", text):
            if CHECK_SECTION.search(sent) or DIPLOMATIC.search(sent):
                sent = sent.strip()
                if sent and sent not in out:
                    out.append(sent)
        b.use(*used)
        i = used[-1] + 1
    return out


# -- title, id, country -------------------------------------------------------------------------------

_TITLE_PREFIX = re.compile(
    r"^(?:(?:further\s+information\s+on\s+)?urgent\s+action\s*[:\-–—]?\s*|"
    r"further\s+information\s+on\s+UA\s*:?\s*[\d/]+\s*[:\-–—]?\s*|UA\s*:?\s*\d+/\d+\s*[:\-–—]?\s*)+",
    re.I)


#: "(Azerbaijan: UA 77.21)", "(UA 42/20)", "(Russia: 184/96)" at the end of a headline
TITLE_SUFFIX = re.compile(r"\s*\((?:[^()]*\bUA\b[^()]*|[^()]*\b\d{1,4}[./]\d{2}\b[^()]*)\)\s*$", re.I)


def clean_title(headline: str, body: str, title_case: bool = False) -> str:
    t = collapse(headline)
    t = _TITLE_PREFIX.sub("", t).strip(" :-–—")
    t = TITLE_SUFFIX.sub("", t).strip(" :-–—") or t
    if body:
        t = F.fix_typos(t, body)
    t = F.sentence_case(t, body, title_case=title_case)
    return t


def date_only(text: str) -> _dt.date | None:
    """The date when ``text`` is a date and little else ("March 1, 2021", "Date: 24.06.2010",
    "Berlin, 3. Mai 2011"): at most two words besides it."""
    found = F.find_dates(text)
    if len(found) != 1:
        return None
    d, s, e = found[0]
    rest = re.findall(r"[^\W\d_]+", text[:s] + " " + text[e:])
    return d if len(rest) <= 2 and len(text) <= 60 else None


def settle(b: "Builder", a: Action, notes: list[str]) -> None:
    """The closing steps every UA layout shares: the action's notes (deduplicated, in order), its
    country when the text names one, and its id (from the persons, else the title)."""
    if notes:
        a.notes = " ".join(dict.fromkeys(notes))
        b.note("notes", STRUCTURAL, None, a.notes)
    country, conf = action_country(a, a.title)
    if country:
        a.country = country
        b.note("country", conf, None, country)
    a.id = make_id(a)
    b.note("id", SHAPE if a.persons else GUESS, None, a.id)


def make_id(action: Action, text_year: int | None = None) -> str:
    """``surname-year`` of the main person, else the title's first words (+ year)."""
    year = (action.issue_date or action.deadline)
    year_s = str(year.year) if year else (str(text_year) if text_year else "")
    if action.persons:
        surname = F.slugify(action.persons[0].name.split()[-1], 1)
        if surname:
            return f"{surname}-{year_s}" if year_s else surname
    base = F.slugify(action.title, 6) or "imported-action"
    return f"{base}-{year_s}" if year_s and not base.endswith(year_s) else base


def latest_year(doc: Doc) -> int | None:
    """The most recent year of a full date in the text (a document's year when it has no date)."""
    years = [d.year for line in doc.lines[:3000] if line for d, _, _ in F.find_dates(line)]
    return max(years) if years else None


def action_country(action: Action, title: str) -> tuple[str | None, float]:
    votes = Counter(r.country for r in action.recipients if r.country and not r.is_copy)
    if votes:
        return votes.most_common(1)[0][0], STRUCTURAL
    code = F.country_in_text(title)
    if code:
        return code, SHAPE
    return None, 0.0


def header_year(action: Action) -> int | None:
    d = action.issue_date or action.deadline
    return d.year if d else None


def deadline_from(text: str, year_hint: int | None, not_before: _dt.date | None = None
                  ) -> tuple[_dt.date | None, float]:
    """A deadline in ``text``; a date without a year takes the hint's year (rolled forward if it
    would fall before the issue date)."""
    d, guessed = F.parse_partial_date(text, year_hint)
    if d is None:
        return None, 0.0
    if guessed:
        if not_before and d < not_before:
            try:
                d = d.replace(year=d.year + 1)
            except ValueError:
                pass
        return d, GUESS
    return d, LABELLED


__all__ = ["Doc", "Builder", "BULLET", "paragraphs", "appeal_points", "read_header", "guess_persons",
           "labelled_persons", "clean_title", "date_only", "make_id", "action_country", "deadline_from",
           "is_chrome", "clean_prose", "pronoun_gender", "DAMAGED", "STRUCTURAL", "SHAPE", "GUESS",
           "LABELLED"]
