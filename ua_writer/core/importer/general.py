"""The evidence reader: any Urgent Action text, in any of the cue languages, read by evidence.

Used for every text that none of the layout templates (classic, fi, modern) matches strongly.
Instead of cutting the text between fixed English anchor sentences it

1. gives every line **features** (a date, phone/fax numbers found by
   ``phonenumbers.PhoneNumberMatcher``, an e-mail, a postal code or street word, an office (role)
   or institution word, an honorific, a personal-name shape, capitals, a trailing colon, a bullet
   glyph, a contact label, a greeting, the share of stop words, its position) using the cue words of
   ``cues/<lang>.json``;
2. labels each line (chrome, heading, prose, bullet, section header, contact label, address,
   head of a recipient, greeting, letter) and **smooths the labels with sequence rules**: a run of
   short lines is one region, a new recipient block starts when a head line follows an address or
   a contact label, a greeting right after a block belongs to it, a block only counts with a head
   *and* an address or contact;
3. picks each **single-valued field** (title, issue date, deadline, languages) from scored
   candidates; its confidence is the margin of the best candidate over the runner-up.

One-line ("flattened") recipient blocks are cut at their contact labels and then split into name,
office and address from the token classes. No Qt.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from ua_writer.core.i18n import _
from ua_writer.core.importer import common as C
from ua_writer.core.importer import fields as F
from ua_writer.core.importer import recipients as R
from ua_writer.core.importer.cues import cues, text_language
from ua_writer.core.importer.result import GUESS, LABELLED, SHAPE, STRUCTURAL, ImportResult
from ua_writer.core.importer.text import BULLET, collapse
from ua_writer.core.model import Action, Person, Recipient

NAME = "general"

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_UA_NO = re.compile(r"\b(?:UA|AU|EXTRA)\s*:?\s*(?:[A-Za-z ]{0,30}:\s*)?(\d{1,4})\s*[/.]\s*(\d{2,4})\b")
_MASKED_EMAIL = re.compile(r"\[?\s*email\s*protected\s*\]?", re.I)
_POSTCODE = re.compile(r"\b(?:\d{5,6}|\d{2}-\d{3}|[A-Z]{1,2}\d{3,4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4}\b)")
_SENT_SPLIT = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[A-ZÀ-ÞА-ЯЁ\"“«])")
_FUNC = frozenset("of the and for on in to at de del la le les des du y von der die des den dem di della "
                  "et a à d' d’ da do dos das van al el".split())


# -- small feature helpers ---------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _nwords(text: str) -> int:
    return len(text.split())


@functools.lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    import unicodedata

    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in w if not unicodedata.combining(c)).strip(".,;:()")


@functools.cache
def _folded_set(key: str) -> frozenset[str]:
    return frozenset(_fold(w) for w in cues()[key])


def _is_role_word(tok: str) -> bool:
    w = _fold(tok)
    if not w:
        return False
    if w in _folded_set("roles") or w in _folded_set("institutions"):
        return True
    # German compounds: "Justizminister", "Generalstaatsanwalt", "Staatspräsident"
    return len(w) > 8 and any(len(r) >= 6 and w.endswith(r) for r in _folded_set("roles"))


def _has_role(text: str) -> bool:
    return any(_is_role_word(t) for t in text.split())


@functools.cache
def _ua_line() -> re.Pattern:
    """A UA number line, also after a follow-up phrase ("Further information on UA 41/95",
    "Más información sobre AU 179/94"): the phrases are data per language (``follow_up``)."""
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["follow_up"], key=len, reverse=True))
    return re.compile(rf"^(?:(?:{alt})\s+)?(?:UA|AU|EXTRA)\s*:?\s*\d{{1,4}}\s*/\s*\d{{2,4}}\b", re.I)


def sample_marker(line: str) -> int | None:
    return _sample_marker(line[:200])  # a marker opens the line; the rest never changes the answer


@functools.lru_cache(maxsize=8192)
def _sample_marker(line: str) -> int | None:
    """Where a sample-letter marker that opens ``line`` ends, else None.

    A marker is a listed phrase ("Sample letter", "Modèle de lettre", ``sample_letter``), a sample
    word next to a letter noun ("Suggested message", "carta modelo", "образец письма"; at most one
    short word between) or one compound of the two ("Beispielnachricht", "Musterbrief",
    "Briefvorschlag"). Both word lists are data per language (``sample_words``, ``letter_nouns``)."""
    s = line.strip().lstrip("\"“„«*•").strip()
    off = line.find(s)
    m = cues().pattern("sample_letter").match(s)
    if m:
        return off + m.end()
    toks = list(_WORD.finditer(s))[:5]
    if not toks:
        return None
    samples, nouns = _folded_set("sample_words"), _folded_set("letter_nouns")
    first = _fold(toks[0].group(0))
    if _compound_letter(first):
        return off + toks[0].end()
    kinds = []
    for t in toks:
        f = _fold(t.group(0))
        kinds.append("s" if f in samples else "n" if f in nouns else "f" if len(f) <= 3 or f in _FUNC else "x")
    # an article may lead ("A sample letter", "Un modèle de lettre")
    k0 = 1 if kinds[0] == "f" and len(kinds) > 1 else 0
    for k in range(k0, min(k0 + 1, len(kinds))):
        if kinds[k] not in "sn":
            return None
        want = "n" if kinds[k] == "s" else "s"
        for j in (k + 1, k + 2):
            if j < len(kinds) and kinds[j] == want and (j == k + 1 or kinds[k + 1] == "f"):
                return off + toks[j].end()
    return None


def _compound_letter(f: str) -> bool:
    """"beispielnachricht", "musterbrief", "briefvorschlag": a sample word and a letter noun in one word."""
    return _compound_re().fullmatch(f.replace("-", "")) is not None


@functools.cache
def _compound_re() -> re.Pattern:
    samples = "|".join(re.escape(w) for w in sorted(_folded_set("sample_words"), key=len, reverse=True) if len(w) >= 5)
    nouns = "|".join(re.escape(w) for w in sorted(_folded_set("letter_nouns"), key=len, reverse=True) if len(w) >= 4)
    return re.compile(rf"(?:{samples})(?:{nouns})|(?:{nouns})(?:{samples})")


@functools.lru_cache(maxsize=8192)
def _letter_intro(line: str) -> bool:
    """A short phrase that introduces a letter rather than naming anyone: "Hier ist der Brief an
    das betroffene Land", "Here is the letter to the embassy:", "Voici la lettre au ministre". It
    names a letter (a letter noun, or the tail of a compound with stop words around it), has no
    digits or contact labels, and has stop words (a recipient head or address line is names)."""
    s = line.strip().strip("•*").strip()
    if sample_marker(s) is not None:
        return True
    n = _nwords(s)
    if n < 4 or n > 14 or re.search(r"\d|@", s) or label_segments(s)[1]:
        return False
    words = [_fold(w) for w in _words(s)]
    nouns = _folded_set("letter_nouns")
    stop = _folded_set("stopwords")
    n_stop = sum(1 for w in words if w in stop)
    if any(w in nouns for w in words):
        return n_stop >= 1  # "Voici la lettre au procureur", "Oto list do prokuratora"
    # the tail of a compound ("Anschreiben", "Protestbrief") needs a phrase around it, so that a
    # headline like "November-Brief 2004" is not taken for one
    return any(any(len(x) >= 5 and w.endswith(x) and len(w) >= len(x) + 4 for x in nouns) for w in words) \
        and n_stop / len(words) >= 0.4


@functools.lru_cache(maxsize=8192)
def _first_person(line: str) -> bool:
    """Letter text: a first-person pronoun before a lower-case word ("I am thinking of you", "Ich
    denke an Sie", "Je vous demande"); the pronouns are data per language (``first_person``)."""
    toks = line.strip().lstrip("\"“„«").split()
    if len(toks) < 3:
        return False
    pron = _folded_set("first_person")
    for k, t in enumerate(toks[:-1]):
        w = t.strip("\"“„«,.")
        nxt = toks[k + 1].strip("\"“„«,.")
        if _fold(w) in pron and (w[:1].isupper() or k > 0) and nxt[:1].islower() and len(nxt) >= 2:
            return True
        if re.match(r"(?i)j['’][^\W\d_]", w):  # "J'exhorte", "j'écris"
            return True
    return False


@functools.cache
def _honorific_re() -> re.Pattern:
    alts = sorted({h for h in cues()["honorifics"]}, key=len, reverse=True)
    parts = []
    for h in alts:
        p = re.escape(h.rstrip(".")).replace(r"\.", r"\.\s?").replace(r"\ ", r"\s+")
        parts.append(p)
    return re.compile(r"^(?:(?:" + "|".join(parts) + r")\.?\s+)+", re.I)


def strip_honorifics(name: str) -> tuple[str, str | None]:
    name, gender = F.strip_honorific(name.strip())
    m = _honorific_re().match(name + " ")
    if m and m.end() < len(name):
        rest = name[m.end():].strip()
        if re.search(r"\b(?:herrn?|herr|monsieur|m\.|sr|signor)\b", m.group(0), re.I):
            gender = gender or "m"
        elif re.search(r"\b(?:frau|mme|madame|sra|signora|pani)\b", m.group(0), re.I):
            gender = gender or "f"
        name = rest
    return name.strip(" ,"), gender


@functools.cache
def _label_pattern() -> re.Pattern:
    labels = sorted(cues().labels, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels)
    # a label is a word at a word start (or glued to a lower-case word: "CanadaTel:"), then a colon
    # "Fax no.:", "Tel.:", "Fax nr:": an abbreviation dot or a number word may stand before the colon
    return re.compile(rf"(?:(?<![\w@.])|(?<=[a-z]))(?P<label>{alt})(?:\.|\s*(?:no|nr|n°|№|number)\.?)?\s*:", re.I)


def label_segments(line: str) -> tuple[str, list[tuple[str, str, str]]]:
    prefix, labs = _label_segments(line)
    return prefix, list(labs)


@functools.lru_cache(maxsize=4096)
def _label_segments(line: str) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """"Phone: 1 I Fax: 2" -> ("", [("phone", "Phone", "1"), ("fax", "Fax", "2")])."""
    text = line.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    found = []
    for m in _label_pattern().finditer(text):
        lab = m.group("label")
        glued = m.start() > 0 and text[m.start() - 1].isalpha()
        if glued and not lab[:1].isupper():
            continue
        found.append(m)
    if not found:
        return line, ()
    out: list[tuple[str, str, str]] = []
    # a label in brackets inside a flattened block ("… USBEKISTAN (korrekte Anrede: Dear Minister)
    # Fax: …"): the bracket before the label and the one closing its value are not text
    prefix = re.sub(r"\s*\($", "", text[:found[0].start()].strip())
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        value = re.sub(r"\s*\($", "", text[m.end():end].strip())
        if value.endswith(")") and "(" not in value:
            value = value[:-1]
        value = re.sub(r"\s+(?:I|\||/)\s*$", "", value).strip(" ,;")
        out.append((cues().labels[re.sub(r"\s+", " ", m.group("label").lower())], m.group("label"), value))
    return prefix, tuple(out)


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLET + " ")


def is_page_chrome(line: str) -> bool:
    """Page furniture by the cue files (menus, buttons, captions, site names, a menu bar on one
    line), for the other readers too."""
    return len(line) < 300 and _is_chrome(line)


def _is_chrome(line: str) -> bool:
    s = line.strip(" •|").strip()
    low = s.lower()
    if not s:
        return True
    if C.is_chrome(s):
        return True
    if low in cues().set("chrome"):
        return True
    # a site's name: an organisation in the chrome list and its country ("Amnesty International UK",
    # "Amnesty International Ireland")
    if (m := _site_name_re().match(s)) and _nwords(s) <= 8:
        rest = s[m.end():].strip(" -–—|")
        if re.fullmatch(r"[A-Z]{2,3}", rest) or F.country_code(rest):
            return True
    # a menu bar flattened onto one line ("Act Now SHOP Donate", "Accueil Agir Faire un don"): two or
    # more chrome phrases and next to nothing else
    if _nwords(s) <= 12:
        pat = cues().pattern("chrome")
        hits = pat.findall(s)
        rest = [w for w in _words(pat.sub(" ", s)) if w.lower() not in ("date", "datum", "fecha", "data")]
        if len(hits) >= 2 and len(rest) <= 1:
            return True
    if re.match(r"^\d{1,3}\s*$", s) or re.search(r"[€$£]\s*/|%\s*,|\b\d+\s*%", s) or s.startswith("/"):
        return True
    words = _words(low)
    if words and len(words) <= 6 and any(w in cues().set("captions") for w in words):
        return True
    if "©" in s and len(words) <= 12:
        return True
    if "|" in s and len(words) <= 6:
        return True
    return False


@functools.cache
def _site_name_re() -> re.Pattern:
    alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues()["chrome"], key=len, reverse=True)
                   if len(c.split()) >= 2)
    return re.compile(rf"(?:{alt})\s", re.I)


def _contact_line(line: str) -> bool:
    """A line that opens with a fax, e-mail or salutation label (any cue language)."""
    prefix, labs = label_segments(line)
    return bool(labs) and not prefix.strip(" (") and labs[0][0] in ("fax", "email", "salutation")


def _call_to_action(line: str) -> bool:
    """A web page's call to action: a short line (a button, a menu entry, a section label) that
    opens with one of the per-language ``call_to_action`` phrases ("TAKE ACTION", "Agir",
    "Включайся!")."""
    s = line.strip(" •|:!").strip()
    return 0 < _nwords(s) <= 6 and cues().pattern("call_to_action").match(s) is not None


def _is_series(line: str) -> bool:
    return bool(cues().pattern("series").search(line))


def _is_prose(line: str) -> bool:
    n = _nwords(line)
    return n >= 15 or (n >= 8 and line.rstrip().endswith((".", "!", "?")))


@functools.cache
def _salutation_re() -> re.Pattern:
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["salutations"], key=len, reverse=True))
    return re.compile(rf"^(?:{alt})(?![\w])", re.I)


def salutation_in(line: str) -> tuple[str, str] | None:
    """("Dear Prosecutor General", rest) when the line opens a letter."""
    s = line.strip().lstrip("\"“")
    m = sample_marker(s)
    if m is not None:
        s = s[m:].strip(" :")
    if not _salutation_re().match(s):
        return None
    cut = re.search(r"[,!:]", s)
    if cut:
        head, rest = s[:cut.start()], s[cut.end():]
    elif _nwords(s) <= 8:
        head, rest = s, ""
    else:
        return None
    if _nwords(head) > 8 or not head.strip():
        return None
    return F.clean_salutation(head), rest.strip()


def _is_address(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if re.fullmatch(r"\d{5,6}|(?!19|20)\d{4}", s):
        return True  # a postal code on its own line
    if re.search(r"\d", s):
        # a number with a word beside it ("Penal colony No. 2", "Moscow, GSP-3"), not a bare year,
        # date or reference ("1997", "56/05/94/s")
        return bool(re.search(r"[^\W\d_]{2}", s)) and not F.find_dates(s)
    toks = s.lower().split()
    if any(t in cues().street_abbreviations and (k > 0 or t not in cues().street_suffixes)
           for k, t in enumerate(toks)):
        return True  # "ul. Lubyanka", "Wisconsin Ave" (not "St Petersburg")
    if R.STREET.search(s):
        return True
    if F.country_code(s) or R._is_city_line(s):
        return True
    low = s.lower()
    for w in cues().state_words:  # "Respublika Uzbekistan", "République du Mali"
        if low.startswith(w + " ") and F.country_code(s[len(w):].strip()):
            return True
    return False


def _is_caption(line: str) -> bool:
    """A caps word over a block ("JUSTIZMINISTER", "OMBUDSFRAU")."""
    s = line.strip()
    return s.isupper() and _nwords(s) == 1 and len(s) > 3


def _header_kind(line: str) -> str | None:
    """"copies" / "recipients" for a line that only opens a section ("And copy:", "Appell an")."""
    s = line.strip().strip("•").strip()
    if not s or _nwords(s) > 12:
        return None
    bare = s.rstrip(":").strip().lower()
    ends_colon = s.endswith(":")
    # leading conjunctions/articles ("Y copias a:", "In copia a:", "And also copy to:") are data
    # per language (header_lead); the cue is then matched as a prefix of what is left
    lead = cues().pattern("header_lead")
    stripped = bare
    while (m := lead.match(stripped)) and m.end() < len(stripped):
        stripped = stripped[m.end():].strip()
    for kind in ("copies", "recipients"):
        pat = cues().pattern(kind)
        for form in dict.fromkeys((bare, stripped)):
            m = pat.match(form)
            if m and (m.end() == len(form) or (ends_colon and _nwords(form) <= 4)):
                return kind
            # a heading that names the office ("Write to the Prosecutor General", "Écrivez au
            # président"): the cue, then a short role phrase and no sentence after it
            rest = form[m.end():].strip() if m else ""
            if m and kind == "recipients" and rest and _nwords(rest) <= 6 and not ends_colon \
                    and not re.search(r"[.!?,;\d]", rest) and any(_is_role_word(w) for w in rest.split()):
                return kind
    if ends_colon and bare and bare.split()[-1] in cues().set("recipients_tail"):
        return "recipients"  # "Schreiben Sie in gutem Usbekisch … an:"
    return None


# -- line model ----------------------------------------------------------------------------------------

@dataclass
class Line:
    idx: int
    text: str


@dataclass
class Block:
    lines: list[Line] = field(default_factory=list)
    is_copy: bool = False
    flat: bool = False

    @property
    def first(self) -> int:
        return self.lines[0].idx

    @property
    def last(self) -> int:
        return self.lines[-1].idx


def _flat_block(line: str) -> bool:
    """A whole recipient block flattened onto one line."""
    n = _nwords(line)
    if n < 6 or n > 70 or salutation_in(line) or _is_bullet(line):
        return False
    prefix, labs = label_segments(line)
    if labs and not prefix.strip():
        return False  # starts with its label: one contact line, not a whole block
    head = " ".join(line.split()[:10])
    if len(labs) >= 2 and (_has_role(head) or R.name_like(" ".join(line.split()[:3]))) \
            and _mostly_capitalised(label_segments(line)[0]):
        return True
    verbs = re.search(r"\b(?:is|was|were|are|has|have|had|will|am|said|ist|wurde|est|a été|fue|ha)\b", line, re.I)
    if verbs:
        return False
    toks = line.split()
    if F.find_dates(line) or _fold(toks[0]) in cues().set("stopwords") or not _mostly_capitalised(line):
        return False
    has_street = any(t.lower() in cues().street_abbreviations for t in toks) or bool(_POSTCODE.search(line))
    return _has_role(head) and has_street and bool(re.search(r"\d", line))


def _mostly_capitalised(text: str, limit: float = 0.35) -> bool:
    """Address blocks are names, offices and numbers; prose is mostly lower-case words."""
    words = [w for w in text.split() if w[:1].isalpha() and _fold(w) not in _FUNC and "@" not in w]
    if not words:
        return True
    low = sum(1 for w in words if w[:1].islower() and len(w) > 3)
    return low / len(words) <= limit


# -- the parse -----------------------------------------------------------------------------------------

def score(lines: list[str]) -> float:
    """How much the text looks like an Urgent Action (any language) rather than a briefing."""
    try:
        return _score(lines)
    except Exception:  # a bug here must not cost the import: the templates still read the text
        import logging

        logging.getLogger(__name__).exception("general.score failed")
        return 0.0


def _score(lines: list[str]) -> float:
    text = "\n".join(lines[:400])
    s = 0.0
    if cues().pattern("urgent_action").search(text) and re.search(
            r"(?i)urgent|eilaktion|urgente|срочн|pilna|briefe? gegen", text):
        s += 0.4
    if _UA_NO.search(text):
        s += 0.3
    if any(_contact_line(ln) for ln in lines[:400] if ln and len(ln) < 300):  # "Fax: …", "Courriel : …"
        s += 0.2
    if any(_header_kind(ln) for ln in lines[:400] if ln and len(ln) < 200):
        s += 0.2
    if any(salutation_in(ln) for ln in lines[:400] if ln and len(ln) < 400):
        s += 0.2
    write = cues().pattern("write")
    if any(ln and ln.rstrip().endswith(":") and len(ln) < 300 and write.search(ln)
           and any(k < len(lines) and _is_bullet(lines[k]) for k in range(i + 1, i + 4))
           for i, ln in enumerate(lines[:400])):
        s += 0.2  # a write instruction with appeal points after it ("Please write … :" + bullets)
    if cues().pattern("sample_letter").search(text) or any(
            ln and len(ln) < 200 and (sample_marker(ln) is not None or _call_to_action(ln)) for ln in lines[:400]):
        s += 0.2
    return min(s, 1.0)


def parse(doc: C.Doc, score_value: float) -> ImportResult:
    b = C.Builder(doc, NAME)
    a = Action(id="imported", title="")
    lines = doc.lines
    lang = text_language(doc.text()) or "en"
    for i, ln in enumerate(lines):
        if ln and (_is_chrome(ln) or _is_series(ln) and _nwords(ln) <= 10):
            b.use(i)

    # header fields a template would read (UA number, index, "Date:" lines)
    C.read_header(doc, b, a)
    a.issue_date = None
    b.fields.pop("issue_date", None)
    _ua_number(doc, b, a)

    blocks, letter_sals = _recipient_blocks(doc, b)
    block_lines = {ln.idx for bl in blocks for ln in bl.lines}
    title_i = _title(doc, b, a, block_lines)
    _issue_date(doc, b, a, title_i)
    _recipients(doc, b, a, blocks, letter_sals)
    _deadline(doc, b, a)
    _languages(doc, b, a)
    _appeals(doc, b, a, lang, block_lines)
    _prose(doc, b, a, title_i, block_lines, letter_sals[0][0] if letter_sals else None)
    for i, ln in enumerate(doc.lines):  # section labels ("TAKE ACTION:", "contact information:")
        if ln and i not in b.used and (ln.rstrip().endswith(":") and _nwords(ln) <= 5
                                       or cues().pattern("urgent_action").fullmatch(ln.strip(" •:"))):
            b.use(i)
    _persons(doc, b, a, title_i, block_lines)
    C.settle(b, a, [])
    if not a.title:
        a.title = (a.summary or "Imported Urgent Action").split(". ")[0][:100].strip()
        b.note("title", GUESS, None, a.title)
    if a.deadline is None:
        b.warnings.append(_("no deadline found"))
    return b.finish(a, score_value)


def _ua_number(doc: C.Doc, b: C.Builder, a: Action) -> None:
    if a.ua_number:
        return
    for i, ln in enumerate(doc.lines[:80]):
        if ln and (m := _UA_NO.search(ln)):
            a.ua_number = f"{m[1]}/{m[2][-2:]}"
            b.note("ua_number", SHAPE, i)
            return


# -- title -------------------------------------------------------------------------------------------------

@functools.cache
def _ua_prefix() -> re.Pattern:
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["urgent_action"], key=len, reverse=True))
    return re.compile(rf"^(?:{alt})\s*[:\-–—]\s*", re.I)


_UA_CONCERN = re.compile(r"^(?:UA|EXTRA)\s*:?\s*\d{1,4}/\d{2,4}\s+(.{4,}?)\s+\d{1,2}\s+[^\W\d_]{3,12}\.?\s+(?:19|20)\d\d$",
                         re.I)
_UA_DASH = re.compile(r"^(?:(?:further\s+information\s+on|follow-?up\s+on)\s+)?(?:UA|EXTRA)\s*:?\s*\d{1,4}/\d{2,4}"
                      r"(?:\s*\([^()]{0,80}\))?\s+[-–—]\s+(.{4,})$", re.I)


def clean_title(t: str) -> str:
    t = collapse(t).strip()
    # a web page's title with its site's name ("… | Amnesty International USA", "… – Amnesty UK")
    while (m := re.search(r"\s+[|–—-]\s+([^|–—]{2,60})$", t)) and _is_chrome(m[1]):
        t = t[:m.start()]
    for _k in range(2):
        t = _ua_prefix().sub("", t)
    t = C.TITLE_SUFFIX.sub("", t)
    return t.strip(" :-–—")


def _title(doc: C.Doc, b: C.Builder, a: Action, block_lines: set[int] = frozenset()) -> int | None:
    lines = doc.lines
    nonblank = [i for i, ln in enumerate(lines) if ln and i not in block_lines][:40]
    cands: list[tuple[float, int, str]] = []
    prev_was_ua = False
    rank = -1
    for i in nonblank:
        ln = lines[i].strip()
        if i not in b.used:
            rank += 1
        bare = ln.lstrip("• ").strip()
        is_ua_header = bool(cues().pattern("urgent_action").fullmatch(bare.rstrip(" :")))
        after_ua = prev_was_ua
        prev_was_ua = is_ua_header
        if is_ua_header or i in b.used and not _UA_DASH.match(ln):
            continue
        sc = 0.0
        text = None
        if m := _UA_DASH.match(ln):
            text, sc = m[1], 3.0
        elif (m := _UA_CONCERN.match(ln)) and re.search(r"[^\W\d_]{3}", m[1]):
            text, sc = m[1].strip(" -–—"), 2.0
        elif _ua_prefix().match(bare):
            text, sc = clean_title(bare), 3.0
            if re.match(r"\d{1,4}[/.]\d{2,4}\b", text) or F.find_dates(text) or label_segments(text)[1]:
                prev_was_ua = after_ua  # "AU: 45/19 Índice: … Fecha: …" is the header line, not a headline
                continue
        else:
            if _is_bullet(ln) or ln.endswith(":") or salutation_in(ln) or _is_address(ln) and not re.search(r"[^\W\d_]{4}", ln):
                continue
            if F.find_dates(ln) or label_segments(ln)[1] or _nwords(ln) > 30 or \
                    _nwords(ln) >= 15 and ln.rstrip().endswith((".", ",", ";")):
                continue
            if cues().pattern("write").match(bare) and _nwords(bare) > 4 and ":" in bare:
                continue
            if sample_marker(bare) is not None or _letter_intro(bare) or _call_to_action(bare):
                continue  # "TAKE ACTION", "PASSEZ À L’ACTION": a page's button, not its headline
            if _nwords(ln) < 2 and not after_ua:
                continue
            if re.match(r"^[^\W\d_]+\s*:\s*\S+(?:\s+\S+)?$", bare) and not F.country_code(bare.split(":")[0]):
                continue  # "Distr: UA/SC"
            text = clean_title(bare)
            sc = 1.0
            if after_ua:
                sc += 2.5
            # "Kazakhstan: Suspended sentence …", "ALES BIALIATSKI - BELARUS"
            if re.match(r"^[^\W\d_][^:]{2,40}:\s+\S", text) and F.country_in_text(text.split(":")[0]) or \
                    re.search(r"\s[-–—]\s+[^\W\d_][^-–—]{2,30}$", text) and F.country_code(re.split(r"\s[-–—]\s+", text)[-1]):
                sc += 1.0
            if text.isupper() and _nwords(text) >= 2:
                sc += 0.3
            if text.endswith("."):
                sc -= 0.6  # a sentence, not a headline
            # a site name repeated in the page header ("Gruppe X" inside "Amnesty International Gruppe X")
            low = text.lower()
            if _nwords(text) >= 2 and len(low) >= 12 and any(
                    k != i and _nwords(lines[k]) <= 12 and (
                        low in lines[k].lower() or lines[k].lower() in low and _nwords(lines[k]) >= 2
                        and len(lines[k]) >= 12) for k in nonblank[:15]):
                sc -= 1.0
            # a sentence ("Il faut abandonner toutes les charges …") is less of a headline than a name
            toks = [_fold(w) for w in _words(text)]
            if toks:
                sc -= sum(1 for w in toks if w in cues().set("stopwords")) / len(toks)
            nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j]), None)
            if i + 1 < len(lines) and not lines[i + 1]:
                sc += 0.3
            if nxt is not None and _is_prose(lines[nxt]):
                sc += 0.2
        if not text or not re.search(r"[^\W\d_]{3}", text):
            continue
        sc -= 0.08 * rank
        cands.append((sc, i, text))
    if not cands:
        return None
    cands.sort(key=lambda t: -t[0])
    best = cands[0]
    runner = cands[1][0] if len(cands) > 1 else 0.0
    a.title = F.fix_typos(best[2], doc.text())  # "ASLYUM" when the text says "asylum" throughout
    j = best[1] + 1
    if best[2].count("(") > best[2].count(")") and j < len(lines) and lines[j] and ")" in lines[j] \
            and _nwords(lines[j]) <= 8:
        a.title = clean_title(lines[best[1]] + " " + lines[j])  # a headline wrapped inside its brackets
        b.use(j)
    b.note("title", _margin(best[0], runner, STRUCTURAL), best[1], lines[best[1]])
    b.use(best[1])
    return best[1]


def _margin(best: float, runner: float, top: float = LABELLED) -> float:
    if best <= 0:
        return GUESS
    m = max(0.0, (best - max(runner, 0.0)) / best)
    return round(min(top, 0.45 + 0.5 * m), 2)


# -- dates -----------------------------------------------------------------------------------------------------

@functools.cache
def _weekdays() -> frozenset[str]:
    from babel import Locale

    from ua_writer.core.importer.cues import LANGS

    out = set()
    for code in LANGS:
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out.update(v.lower().strip(".") for v in Locale.parse(code).days[ctx][width].values())
    return frozenset(out)


def _issue_date(doc: C.Doc, b: C.Builder, a: Action, title_i: int | None) -> None:
    lines = doc.lines
    cands: list[tuple[float, int, _dt.date]] = []
    rank = 0
    for i, ln in enumerate(lines[:300]):
        if not ln:
            continue
        rank += 1
        if _nwords(ln) > 30:
            continue
        dates = F.find_dates(ln)
        if not dates:
            continue
        # a short line apart from its dates ("Más información sobre AU 57/21 (…, 2 de abril de 2021)
        # 8 de abril de 2021": dates in words are long in some languages)
        if _nwords(ln) - sum(_nwords(ln[ds:de]) for _d, ds, de in dates) > 12:
            continue
        d, s, e = dates[-1]
        residue = (ln[:s] + " " + ln[e:]).strip()
        rwords = [w for w in _words(residue.lower())]
        weekday = any(w in _weekdays() for w in rwords)
        rwords = [w for w in rwords if w not in _weekdays() and w not in ("utc", "gmt", "date", "datum", "fecha")]
        sc = None
        if C.DATE_LABEL.search(ln):
            sc = 4.0
        elif _ua_line().match(ln) and e >= len(ln.rstrip(" )")) - 1:
            sc = 4.0
        elif len(rwords) <= 1 or re.match(r"^\W*(?:source|quelle|fuente|источник)\b", residue, re.I) \
                or cues().pattern("date_labels").fullmatch(residue.strip(" :,-–—|")):  # "Publié le 6 mai 2024"
            sc = 3.0 - (1.0 if weekday else 0.0)
        if sc is None:
            continue
        sc -= 0.02 * rank
        cands.append((sc, i, d))
    if not cands:
        return
    cands.sort(key=lambda t: -t[0])
    best = cands[0]
    runner = next((c[0] for c in cands[1:] if c[2] != best[2]), 0.0)
    a.issue_date = best[2]
    b.note("issue_date", _margin(best[0], runner, STRUCTURAL), best[1])
    b.use(best[1])


@functools.cache
def _before_re() -> re.Pattern:
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["before"], key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})\s*:?\s*(?:the\s+|dem\s+|le\s+|el\s+|il\s+|del\s+)?$", re.I)


@functools.cache
def _after_re() -> re.Pattern:
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["after_negated"], key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})\s*(?:the\s+)?$", re.I)


@functools.cache
def _cond_re() -> re.Pattern:
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(cues()["after_conditional"], key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})\s*(?:the\s+)?$", re.I)


def _sentences(doc: C.Doc) -> list[tuple[int, str]]:
    """(first line index, sentence) over paragraphs of non-bullet lines joined."""
    out: list[tuple[int, str]] = []
    para: list[int] = []

    def flush():
        if para:
            text = " ".join(doc.lines[k] for k in para)
            for s in _SENT_SPLIT.split(text):
                out.append((para[0], s))
            para.clear()

    for i, ln in enumerate(doc.lines):
        if not ln or _is_bullet(ln):
            flush()
            if ln:
                out.append((i, ln[2:]))
            continue
        para.append(i)
    flush()
    return out


_PARTIAL_DATE = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?([^\W\d_]{3,12})\b|"
                           r"^\s*([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")


def _deadline(doc: C.Doc, b: C.Builder, a: Action) -> None:
    write = cues().pattern("write")
    months = F.month_names()
    year_hint = (a.issue_date.year if a.issue_date else C.latest_year(doc))
    cands: list[tuple[float, int, _dt.date, str]] = []
    for i, sent in _sentences(doc):
        if len(sent) > 1200 or not write.search(sent):
            continue
        full = F.find_dates(sent)
        spans = [(d, s, e, False) for d, s, e in full]
        # dates without a year right after a deadline preposition ("avant le 3 mai")
        for m in re.finditer(r"\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?[^\W\d_]{3,12}\b|"
                             r"\b[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b", sent):
            if any(s <= m.start() < e for _d, s, e, _g in spans):
                continue
            pm = _PARTIAL_DATE.match(m.group(0))
            if not pm or year_hint is None:
                continue
            if pm[1]:
                mon, day = months.get(pm[2].lower().strip(".")), int(pm[1])
            else:
                mon, day = months.get(pm[3].lower().strip(".")), int(pm[4])
            if not mon:
                continue
            try:
                d = _dt.date(year_hint, mon, day)
            except ValueError:
                continue
            if a.issue_date and d < a.issue_date:
                d = d.replace(year=d.year + 1)
            spans.append((d, m.start(), m.end(), True))
        for d, s, e, guessed in spans:
            before = sent[max(0, s - 40):s]
            after = sent[e:e + 60]
            sc = 0.0
            if _before_re().search(before):
                sc = 3.0
            elif _after_re().search(before) and cues().pattern("negation").search(after):
                sc = 3.0
            elif _cond_re().search(before):
                sc = 2.5  # "check with your section office if sending appeals after <date>"
            if not sc:
                continue
            if guessed:
                sc -= 1.0
            cands.append((sc, i, d, sent))
    if not cands:
        return
    cands.sort(key=lambda t: (-t[0], t[1]))
    best = cands[0]
    runner = next((c[0] for c in cands[1:] if c[2] != best[2]), 0.0)
    a.deadline = best[2]
    conf = _margin(best[0], runner)
    if best[0] < 3.0:
        conf = min(conf, GUESS)
    b.note("deadline", conf, best[1], best[3][:200])


# -- languages ---------------------------------------------------------------------------------------------------

def _language_of(word: str) -> str | None:
    """A language name in any cue language and grammatical form (``fields.language_code``)."""
    return F.language_code(word)


def _languages(doc: C.Doc, b: C.Builder, a: Action) -> None:
    write = cues().pattern("write")
    intro = cues().set("language_intro")
    conn = cues().set("language_connectors")
    lab = cues().pattern("language_labels")
    for i, ln in enumerate(doc.lines):
        m = lab.match(ln) if ln else None
        if m and re.match(r"\s*:", ln[m.end():]):
            codes = []
            for w in re.findall(r"[^\W\d_]+", ln[m.end():]):
                c = _language_of(w)
                if c and c not in codes:
                    codes.append(c)
            if codes:
                a.languages = codes
                b.note("languages", LABELLED, i)
                b.use(i)
                return
    for i, sent in _sentences(doc):
        if len(sent) > 1500 or not write.search(sent):
            continue
        toks = re.findall(r"[^\W\d_]+|,", sent)
        found: list[str] = []
        k = 0
        while k < len(toks):
            if toks[k].lower() in intro:
                j = k + 1
                got: list[str] = []
                skipped = 0
                while j < len(toks):
                    code = _language_of(toks[j])
                    if code:
                        if code not in got:
                            got.append(code)
                        skipped = 0
                    elif toks[j].lower() in conn or toks[j].lower() in intro:
                        pass
                    elif not got and skipped == 0:
                        skipped = 1  # "in gutem Usbekisch"
                    else:
                        break
                    j += 1
                if got:
                    found += [c for c in got if c not in found]
                k = j
            else:
                k += 1
        if found:
            a.languages = found
            b.note("languages", LABELLED, i, sent[:200])
            return


# -- recipients ---------------------------------------------------------------------------------------------------

def _recipient_blocks(doc: C.Doc, b: C.Builder) -> tuple[list[Block], list[tuple[int, str]]]:
    lines = doc.lines
    blocks: list[Block] = []
    letter_sals: list[tuple[int, str]] = []
    mode_copy = False
    run: list[Line] = []
    blanks = 0
    spacing = _spacing(lines)

    def close_run():
        nonlocal run
        # contact lines cut off from their block by a few blank lines still belong to it
        while run and blocks and not blocks[-1].flat and label_segments(run[0].text)[1] \
                and run[0].idx - blocks[-1].last <= 6:
            blocks[-1].lines.append(run.pop(0))
        if run:
            blocks.extend(_split_run(run, mode_copy, spacing))
        run = []

    in_bullet = False
    for i, ln in enumerate(lines):
        if not ln:
            blanks += 1
            in_bullet = False
            if blanks >= 2 * spacing:
                close_run()
            continue
        blanks = 0
        if in_bullet and not _is_bullet(ln) and (
                not lines[i - 1].rstrip().endswith((".", ";", "!", "?", ":")) or ln[:1].islower()):
            continue  # a bullet point wrapped onto the next line
        in_bullet = _is_bullet(ln)
        kind = _header_kind(ln)
        if kind:
            close_run()
            mode_copy = kind == "copies"
            b.use(i)
            continue
        sal = salutation_in(ln)
        if sal and not label_segments(ln)[1]:
            close_run()
            letter_sals.append((i, sal[0]))
            continue
        if _flat_block(ln) and not (run and _head_like(run[-1].text) and run[-1].idx >= i - spacing):
            close_run()
            blocks.append(Block([Line(i, ln)], is_copy=mode_copy, flat=True))
            continue
        if _is_bullet(ln) or _letter_intro(ln) or _first_person(ln) or \
                _has_date(ln) and not label_segments(ln)[1] or \
                cues().pattern("urgent_action").fullmatch(ln.strip(" •:")):
            close_run()  # a date never stands in an address block, nor does the document's name
            continue
        if (_is_prose(ln) or ln.endswith(":") and _nwords(ln) >= 5
                or ln.isupper() and _nwords(ln) >= 5 and not label_segments(ln)[1]
                or _nwords(ln) >= 5 and ln.endswith(".") and not _is_address(ln)) \
                and not (run and _note_like(ln) and not F.find_dates(ln)):
            close_run()  # prose; a remark inside a block ("Please do not send letters …") stays
            continue
        labs = label_segments(ln)[1]
        if labs and labs[0][0] == "copies" and _nwords(labs[0][2]) >= 4 and "@" not in labs[0][2]:
            close_run()  # "COPIES TO: diplomatic representatives of … accredited to your country"
            continue
        if i in b.used and not _is_caption(ln):
            close_run()
            continue
        run.append(Line(i, ln))
    close_run()
    return [bl for bl in blocks if _valid(bl)], letter_sals


def _note_like(line: str) -> bool:
    s = line.strip()
    if s.startswith("(") and not re.search(r"[:@]", s) or ")" in s and "(" not in s:
        return True  # a remark in parentheses, or the end of one wrapped from the line before
    low = line.lower().lstrip("(")
    return any(low.startswith(n) or f" {n} " in f" {low} " and n in ("please",) for n in cues()["notes"]) \
        and _nwords(line) <= 30 and not line.rstrip().endswith(":")


def _head_like(line: str) -> bool:
    s = line.strip()
    if label_segments(s)[1] or _is_address(s) or _nwords(s) > 10 or _MASKED_EMAIL.fullmatch(s):
        return False
    return s[:1].isupper() or s[:1].isdigit()


_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?([^\W\d_]{3,12})\b|"
                        r"\b([^\W\d_]{3,12})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\.\d|\d)")


def _has_date(line: str) -> bool:
    """A full date, or a day and a month name ("On 5 October, …")."""
    if F.find_dates(line):
        return True
    months = F.month_names()
    return any(months.get((m[1] or m[2] or "").lower().strip(".")) for m in _DAY_MONTH.finditer(line))


def _spacing(lines: list[str]) -> int:
    """1 + the usual number of blank lines between two lines: 2 when the text is double-spaced (a
    blank line after almost every line, as PDF copies are), more when a page was copied with
    blank lines between its lines and then double-spaced again."""
    gaps: Counter = Counter()
    last = None
    for i, ln in enumerate(lines[:3000]):
        if ln:
            if last is not None:
                gaps[i - last - 1] += 1
            last = i
    total = sum(gaps.values())
    if total < 6:
        return 1
    gap, count = gaps.most_common(1)[0]
    return 1 + gap if count >= 0.6 * total else 1


def _split_run(run: list[Line], is_copy: bool, spacing: int = 1) -> list[Block]:
    out: list[Block] = []
    cur = Block(is_copy=is_copy)
    evidence = False
    prev_label = False
    prev_idx = None
    for ln in run:
        text = ln.text
        labels = label_segments(text)[1]
        gap = prev_idx is not None and ln.idx > prev_idx + spacing
        if cur.lines and evidence and _head_like(text) and (prev_label or gap or _is_caption(text)):
            out.append(cur)
            cur = Block(is_copy=is_copy)
            evidence = False
        cur.lines.append(ln)
        if labels or _is_address(text) or _MASKED_EMAIL.fullmatch(text.strip()):
            evidence = True
        prev_label = bool(labels) or bool(_MASKED_EMAIL.fullmatch(text.strip()))
        prev_idx = ln.idx
    if cur.lines:
        out.append(cur)
    return out


def _valid(bl: Block) -> bool:
    texts = [ln.text for ln in bl.lines]
    if bl.flat:
        return True
    if not bl.lines or sum(_nwords(t) for t in texts) / len(texts) > 9:
        return False
    head = any(_head_like(t) and (_has_role(t) or R.name_like(t) or _is_caption(t)) for t in texts[:4])
    contact = any(label_segments(t)[1] for t in texts)
    addr = [t for t in texts if _is_address(t) and not label_segments(t)[1]]
    plain = [t for t in texts if not label_segments(t)[1]]
    if any(_has_date(t) for t in plain):
        return False
    # hard-wrapped prose: lines of mostly lower-case words
    wordy = [t for t in plain if _nwords(t) >= 4 and not _mostly_capitalised(t, 0.5) and not _note_like(t)]
    if len(wordy) * 2 >= len(plain):
        return False
    if not head and contact and addr:
        head = any(_head_like(t) and _mostly_capitalised(t, 0.5) for t in texts[:4])
    return head and (contact or len(addr) >= 1)


@dataclass
class _Parsed:
    name: str | None = None
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def split_head(text: str, out: _Parsed) -> None:
    """Tokens of a head line into name and office segments ("Ambassador Dmitry Basik Embassy of
    Belarus" -> name "Dmitry Basik", offices ["Ambassador", "Embassy of Belarus"])."""
    text = text.strip().strip(",")
    if _is_caption(text):
        out.captions.append(text)
        return
    if re.match(r"[\u0400-\u04ff]", text) and _is_role_word(text.split()[0]):
        # «Генеральному прокурору Российской Федерации»: the genitive tail stays with the office; a
        # name after it («… Федерации Игорь Краснов», a flattened block) is the trailing run of
        # capitalised words that are no office, field or country words
        toks = text.split()
        j = len(toks)
        while j > 1 and toks[j - 1][:1].isupper() and not _is_role_word(toks[j - 1].strip(",")) \
                and not _domain(_fold(toks[j - 1])) and not F.country_code(toks[j - 1].strip(",")):
            j -= 1
        if 2 <= len(toks) - j <= 4 and j >= 2:
            out.roles.append(" ".join(toks[:j]).strip(" ,"))
            name, g = strip_honorifics(" ".join(toks[j:]))
            out.name = out.name or name
            out.gender = out.gender or g
            return
        out.roles.append(text)
        return
    parts = re.split(r"\s+[-–—]\s+", text)
    if len(parts) > 1:  # "M. A. Peshkov - Director"
        for part in parts:
            split_head(part, out)
        return
    toks = text.split()
    segs: list[tuple[str, list[str]]] = []
    kind = None
    prev = None
    k = 0
    while k < len(toks):
        tok = toks[k]
        bare = tok.strip(",;")
        if k == 0 or kind == "name" or (prev is not None and prev.endswith(",")) or kind is None:
            rest = " ".join(toks[k:])
            m = _honorific_re().match(rest + " ")
            stripped, _g = F.strip_honorific(rest)
            if (not m or m.end() == 0) and stripped != rest and kind != "role":
                consumed = len(rest.split()) - len(stripped.split())
                out.gender = out.gender or _g
                k += consumed
                prev = " ".join(toks[k - consumed:k])
                continue
            if m and m.end() > 0 and kind != "role":
                consumed = len(m.group(0).split())
                hon = " ".join(toks[k:k + consumed])
                _n, g = strip_honorifics(hon + " X")
                out.gender = out.gender or g
                k += consumed
                prev = hon
                continue
        if _is_role_word(bare):
            new = "role"
        elif bare[:1].islower() or _fold(bare) in _FUNC and not re.fullmatch(r"[^\W\d_]\.", bare):
            new = kind or "role"
        elif bare[:1].isupper():
            if kind == "role" and prev is not None and (_fold(prev) in _FUNC or not prev.endswith(",") and
                                                          _fold(prev) in ("general", "generale", "general's")
                                                          and False):
                new = "role"
            elif kind == "role" and prev is not None and _fold(prev) in _FUNC:
                new = "role"
            elif kind == "role" and (_domain(_fold(bare)) or any(
                    _territory([t.strip(",") for t in toks[k:k + j]]) for j in range(1, min(4, len(toks) - k) + 1))):
                new = "role"  # "Minister Spraw Wewnętrznych", "Prokurator Generalny Republiki Białoruś"
            elif kind == "role" and prev is not None and not _is_role_word(prev.strip(",")) and not prev.endswith(",") \
                    and _continues_office(segs[-1][1], [t.strip(",") for t in toks[k:]]):
                new = "role"  # "Office of the Kyrgyz Republic": words after the "of"-chain stay
            else:
                new = "name"
        else:
            new = kind or "role"
        if new != kind:
            segs.append((new, []))
            kind = new
        segs[-1][1].append(tok)
        prev = tok
        k += 1
    segs = _smooth_segments(segs)
    for kind, ts in segs:
        t = " ".join(ts).strip(" ,;")
        if not t:
            continue
        if kind == "role" and _is_caption(t) and len(segs) > 1 and (kind, ts) == segs[0]:
            out.captions.append(t)  # a caption over a block that lost its line breaks ("INNENMINISTER Pulat …")
            continue
        if kind == "name" and not out.name:
            name, g = strip_honorifics(t)
            out.name = name
            out.gender = out.gender or g
        else:
            out.roles.append(t)


def _continues_office(seg: list[str], rest: list[str]) -> bool:
    """After "Minister of Internal Affairs", is ``rest[0]`` still part of the office or a name's
    start? A name needs two capitalised words that are not office or domain words."""
    tok = rest[0]
    nxt = rest[1] if len(rest) > 1 else ""
    f = _fold(tok)
    if _ends_in_country(seg):
        return False
    if _domain(f) or F.is_country_word(tok) or _ends_in_country(seg + [tok]):
        return True
    run = 0
    for t in rest:
        if not t[:1].isupper() or _is_role_word(t) or _domain(_fold(t)):
            break
        run += 1
    if run < 2:
        return True  # "… for Migration Issues": one capitalised word is no name
    nf = _fold(nxt)
    return bool(nxt) and (_domain(nf) or _is_institution(nxt) or _ends_in_country(seg + [tok, nxt]))


def _territory(toks: list[str]) -> bool:
    """The tokens name a country, with or without a state word ("Białoruś", "Republiki Białoruś",
    "Republic of Belarus")."""
    if not toks or len(toks) > 6:
        return False
    text = " ".join(toks).strip(" ,")
    if F.country_code(text):
        return True
    low = text.lower()
    return any(low.startswith(w + " ") and F.country_code(text[len(w):].strip()) for w in cues().state_words)


def _domain(folded: str) -> bool:
    """An office's field ("Internal Affairs", "Spraw Wewnętrznych", «внутренних дел»): English
    words in recipients.py, the others data per language (``domain_words``)."""
    return folded in R._DOMAIN_WORDS or folded in _folded_set("domain_words")


def _ends_in_country(toks: list[str]) -> bool:
    """"… of the Republic of Kazakhstan": the of-chain is complete, a capital after it starts a name."""
    for k in range(1, min(4, len(toks)) + 1):
        if F.country_code(" ".join(toks[-k:]).strip(",")):
            return True
    return False


def _is_institution(tok: str) -> bool:
    return _fold(tok) in _folded_set("institutions")


def _smooth_segments(segs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Sequence rules over a head line's segments: a lone capitalised word before an office is
    part of it ("Federal" Secretary, "Royal" Embassy); a name-shaped run that opens the line and is
    followed by an institution word is the institution's name ("Federal Migration" Service); a
    "name" that is not name-shaped (an organisation in another language) is an office."""
    out: list[tuple[str, list[str]]] = []
    for k, (kind, ts) in enumerate(segs):
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        if kind == "name" and nxt and nxt[0] == "role" and (
                len(ts) == 1 or (k == 0 and _is_institution(nxt[1][0].strip(",")) and not ts[-1].endswith(","))):
            segs[k + 1] = ("role", ts + nxt[1])
            continue
        if kind == "name":
            name, _g = strip_honorifics(" ".join(ts))
            if not _name_shaped(name):
                kind = "role"
        if out and out[-1][0] == kind == "role":
            out[-1] = ("role", out[-1][1] + ts)
            continue
        out.append((kind, ts))
    return out


def _name_shaped(name: str) -> bool:
    toks = name.replace(",", " ").split()
    if not 1 <= len(toks) <= 6:
        return False
    orgs = _folded_set("organisations")
    for t in toks:
        f = _fold(t)
        if f in R._NAME_PARTICLES or re.fullmatch(r"(?:[^\W\d_]\.){1,3}|[^\W\d_]{1,2}", t) \
                or R.PARTICLE_NAME.match(t):
            continue
        if not t[:1].isupper() or f in orgs or _domain(f) or _is_role_word(t):
            return False
    return True


def _recipients(doc: C.Doc, b: C.Builder, a: Action, blocks: list[Block], letter_sals: list[tuple[int, str]]) -> None:
    used_ids: set[str] = set()
    recs: list[tuple[Recipient, Block]] = []
    for bl in blocks:
        r = _parse_block(doc, b, bl, len(recs))
        if r is None:
            continue
        base = F.slugify(r.title or r.name or "recipient", 4) or "recipient"
        rid, k = base, 2
        while rid in used_ids:
            rid, k = f"{base}-{k}", k + 1
        used_ids.add(rid)
        r.id = rid
        recs.append((r, bl))
    # greetings of sample letters: the block right before it, else the first main recipient without one
    for si, sal in letter_sals:
        target = None
        for k, (r, bl) in enumerate(recs):
            between = [j for j in range(bl.last + 1, si) if doc.lines[j]]
            if bl.last < si and not between and not r.salutation:
                target = k
        if target is None:
            target = next((k for k, (r, _bl) in enumerate(recs) if not r.is_copy and not r.salutation), None)
        if target is not None:
            r = recs[target][0]
            r.salutation = sal
            r.gender = r.gender or F.gender_from_salutation(sal)
            b.note(f"recipients[{target}].salutation", SHAPE, si)
        b.use(si)
    a.recipients = [r for r, _bl in recs]


def _parse_block(doc: C.Doc, b: C.Builder, bl: Block, k: int) -> Recipient | None:
    p = _Parsed()
    addr: list[tuple[int, str]] = []
    notes: list[str] = []
    fax: list[str] = []
    fax_more: list[str] = []
    email: list[str] = []
    sal = None
    path = f"recipients[{k}]"
    if bl.flat:
        ln = bl.lines[0]
        prefix, labs = label_segments(ln.text)
        head, tail = _flat_split(prefix)
        split_head(head, p)
        if tail:
            addr.append((ln.idx, tail))
        items = [(ln.idx, labs)]
    else:
        items = []
        started = False
        last_head = None
        prev_text = None
        for ln in bl.lines:
            prefix, labs = label_segments(ln.text)
            if labs:
                if prefix:
                    if started or _is_address(prefix) or F.country_code(prefix):
                        addr.append((ln.idx, prefix))
                        started = True
                    else:
                        split_head(prefix, p)
                items.append((ln.idx, labs))
                started = True
                continue
            t = ln.text.strip()
            if _MASKED_EMAIL.fullmatch(t):
                continue
            if not started and p.roles and (
                    re.search(r"\b(?:of|the|der|de|des|du|del|la|и)$", p.roles[-1], re.I)
                    or last_head == "role" and _nwords(t) <= 2 and t[:1].isupper() and not _has_role(t)
                    and not p.roles[-1].endswith(",") and not _is_address(t) and not R.name_like(t)):
                p.roles[-1] += " " + t  # "Kanzlei der Botschaft der" / "Republik Usbekistan"
                continue
            if _note_like(t) or notes and notes[-1] == prev_text and t[:1].islower() \
                    and not prev_text.rstrip().endswith((".", ";", ")")):
                if notes and notes[-1] == prev_text and t[:1].islower():
                    notes[-1] += " " + t  # a remark wrapped onto the next line
                    prev_text = notes[-1]
                else:
                    notes.append(t)
                    prev_text = t
                continue
            if t.endswith(":") and _nwords(t) <= 6 and not started:
                notes.append(t.rstrip(":"))  # a caption over the block ("Local human rights organization:")
                continue
            phones = _phones(t)
            if phones and len(re.findall(r"[^\W\d_]{3,}", t)) <= 2 and (
                    not F.looks_like_phone_only(t) or re.search(r"fax|факс|télécopie|faks", t, re.I)):
                # "Tel. +7 495 123 45 67", "+7 495 987 58 39 (fax)": a number without a colon label
                if re.search(r"fax|факс|télécopie|faks", t, re.I):
                    fax_more.extend(phones)
                else:
                    notes.append(t)
                continue
            if F.looks_like_phone_only(t) and not re.fullmatch(r"\d{4,6}", t):
                nums, _r = F.split_phones(t)
                if items and items[-1][1] and items[-1][1][-1][0] == "fax" and ln.idx == items[-1][0] + 1:
                    fax_more.extend(nums)  # a second fax number on the next line
                else:
                    notes.append(t)
                continue
            if not started and not _is_address(t) and (
                    _has_role(t) or R.name_like(t) or _is_caption(t) or _mostly_capitalised(t, 0.0)
                    or not p.name and not p.roles and _nwords(t) <= 6):
                before = (p.name, len(p.roles))
                split_head(t, p)
                last_head = "role" if len(p.roles) > before[1] and p.name == before[0] else "name"
                continue
            started = True
            addr.append((ln.idx, t))
    for idx, labs in items:
        for kind, label, value in labs:
            if kind == "fax":
                nums, remark = F.split_phones(value)
                fax += nums
                if remark:
                    notes.append(remark)
            elif kind == "email":
                email += [e for e in F.find_emails(value) if e not in email]
            elif kind == "salutation":
                if value.strip():
                    sal = F.clean_salutation(value)
            elif kind == "phone":
                if value:
                    notes.append(f"{label}: {value}")
            elif kind == "copies":
                if value:
                    notes.append(f"{label}: {value}")
            elif value:
                notes.append(f"{label}: {value}")
    first = bl.first
    fax += [x for x in fax_more if x not in fax]
    roles = p.roles or p.captions
    if len(p.captions) and p.roles and not any(len(c.split()) > 1 for c in p.captions):
        roles = p.roles
    elif p.captions and p.roles:
        roles = p.captions + p.roles
    # the person's office before the institution: "Ambassador, Embassy of …"
    roles = sorted(roles, key=lambda t: 1 if _fold(t.split()[0]) in _folded_set("institutions") else 0)
    roles = [r for r in dict.fromkeys(x for x in roles if x)
             if not any(r != o and o.startswith(r + " ") for o in roles)]
    title = ", ".join(roles) or None
    if not (p.name or title):
        return None
    r = Recipient(id="r", name=p.name, title=title, is_copy=bl.is_copy)
    r.gender = p.gender or (F.gender_from_name(p.name) if p.name else None)
    r.address_lines = [collapse(t) for _i, t in addr]
    r.fax, r.email = fax, email
    r.salutation = sal
    if notes:
        r.note = "; ".join(dict.fromkeys(notes))
        if R.COPIES_ONLY.search(r.note):
            r.copies_only = True
            b.note(f"{path}.copies_only", LABELLED, first, r.note)
    if r.address_lines:
        r.country = _country_of(r.address_lines)
    conf = STRUCTURAL if not bl.flat else SHAPE
    if r.name:
        b.note(f"{path}.name", conf if R.name_like(r.name) else GUESS, first, r.name)
    if r.title:
        b.note(f"{path}.title", conf, first, r.title)
    if r.address_lines:
        b.note(f"{path}.address_lines", conf, addr[0][0], " / ".join(r.address_lines))
    if r.country:
        b.note(f"{path}.country", SHAPE, addr[-1][0], r.country)
    if fax:
        b.note(f"{path}.fax", LABELLED, first, ", ".join(fax))
    if email:
        b.note(f"{path}.email", LABELLED, first, ", ".join(email))
    if sal:
        b.note(f"{path}.salutation", LABELLED, first, sal)
    if r.gender:
        b.note(f"{path}.gender", GUESS, first, r.gender)
    b.note(f"{path}.is_copy", STRUCTURAL, first, "copy" if r.is_copy else "main")
    b.use(*(ln.idx for ln in bl.lines))
    return r


def _phones(text: str) -> list[str]:
    """International phone numbers in ``text`` (libphonenumber's matcher: "+7 495 987-58-39")."""
    import phonenumbers

    if "+" not in text:
        return []
    try:
        return [m.raw_string.strip() for m in phonenumbers.PhoneNumberMatcher(text, None)]
    except Exception:  # the matcher on odd input: no numbers rather than no import
        return []


def _flat_split(text: str) -> tuple[str, str]:
    """"Alyaksandr Kaniuk Prosecutor General … Internatsionalnaya str. 22 220030 Minsk, Belarus" ->
    (head, address): the address starts at the first number or street word after the head."""
    toks = text.split()
    abbr = cues().street_abbreviations
    for k in range(1, len(toks)):
        t = toks[k].lower().strip(",")
        nxt = toks[k + 1].lower().strip(",") if k + 1 < len(toks) else ""
        if nxt in cues().street_suffixes and k + 3 < len(toks) and toks[k + 2][:1].isupper() \
                and toks[k + 3][:1].isdigit():
            # the street word opens the street ("… Farid Aliyev Avenue Molière 464 1050 Bruxelles")
            return " ".join(toks[:k + 1]), " ".join(toks[k + 1:])
        if toks[k][:1].isdigit() or t in abbr or toks[k].lower() in abbr or nxt in cues().street_suffixes:
            return " ".join(toks[:k]), " ".join(toks[k:])
    return text, ""


def _country_of(addr: list[str]) -> str | None:
    last = addr[-1].strip(" ,.")
    for cand in (last, last.split(",")[-1].strip(), " ".join(last.split()[-2:]), last.split()[-1]):
        code = F.country_code(cand)
        if code:
            return code
    return None


# -- appeals, prose, persons -----------------------------------------------------------------------------------

def _appeals(doc: C.Doc, b: C.Builder, a: Action, lang: str, block_lines: set[int]) -> None:
    lines = doc.lines
    instr = cues().pattern("instructions")
    pts: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not ln or not _is_bullet(ln) or i in block_lines:
            i += 1
            continue
        text = ln[2:].strip()
        j = i + 1
        while j < len(lines) and lines[j] and not _is_bullet(lines[j]) and not text.rstrip().endswith((";", ".", "!")) \
                and not _header_kind(lines[j]) and not lines[j].isupper() and j - i < 8:
            text += " " + lines[j].strip()
            j += 1
        if _nwords(text) >= 5 and not instr.search(text) and not _is_chrome(text) \
                and not re.match(r"^(?:from|von|de)\s", text, re.I):
            pts.append((i, text))
            b.use(*range(i, j))
        elif instr.search(text):
            b.use(*range(i, j))  # "Click here to let us know …": an instruction, not a point
        i = j
    if not pts:
        pts = _unbulleted_points(doc, b, block_lines)
    if not pts:
        return
    by: dict[str, list[str]] = {}
    for i, t in pts:
        code = text_language(t) or lang
        if not re.fullmatch(r"[a-z]{2}", code):
            code = lang
        by.setdefault(code, []).append(t)
    a.appeals = by
    for code, items in by.items():
        first = next(i for i, t in pts if t == items[0])
        b.note(f"appeals.{code}", STRUCTURAL, first, "\n".join(items))


def _unbulleted_points(doc: C.Doc, b: C.Builder, block_lines: set[int]) -> list[tuple[int, str]]:
    """Appeal points whose bullets were lost: after a lead-in that ends with a colon and asks to
    write ("Please write immediately in Russian or your own language:"), the lines up to the next
    blank line, cut where a line ends a sentence or a clause (";")."""
    lines = doc.lines
    write = cues().pattern("write")
    for i, ln in enumerate(lines):
        if not ln or not ln.rstrip().endswith(":") or not write.search(ln) or _header_kind(ln) == "copies":
            continue
        j = i + 1
        items: list[tuple[int, str]] = []
        cur: list[int] = []
        verbs = cues().set("appeal_verbs")
        while j < len(lines) and lines[j] and not _is_bullet(lines[j]) and j not in block_lines and j - i < 20:
            first = _words(lines[j][:40])
            if cur and first and first[0][:1].isupper() and _fold(first[0]) in verbs:
                items.append((cur[0], " ".join(lines[k].strip() for k in cur)))  # "Urging them to …"
                cur = []
            cur.append(j)
            if lines[j].rstrip().endswith((";", ".", "!")):
                items.append((cur[0], " ".join(lines[k].strip() for k in cur)))
                cur = []
            j += 1
        if cur:
            items.append((cur[0], " ".join(lines[k].strip() for k in cur)))
        good = [(k, t) for k, t in items if _nwords(t) >= 6 and not _mostly_capitalised(t, 0.3)
                and not label_segments(t)[1]]
        if good and len(good) == len(items):
            b.use(i, *range(i + 1, j))
            return good
    return []


def _prose(doc: C.Doc, b: C.Builder, a: Action, title_i: int | None, block_lines: set[int],
           letter_at: int | None = None) -> None:
    """Summary (the first real paragraph) and background (the next ones) from the prose before a
    sample letter; the letter's own paragraphs are recognised (used) but not stored."""
    cand = [k for k in range(len(doc.lines)) if k not in b.used and k not in block_lines
            and not _is_bullet(doc.lines[k])]
    paras = [(i, C.clean_prose(t)) for i, t in C.paragraphs(doc, cand)]
    starts = [i for i, _t in paras] + [len(doc.lines)]
    spans = {i: [k for k in cand if i <= k < starts[n + 1]] for n, (i, _t) in enumerate(paras)}
    keep = []
    for i, t in paras:
        if _nwords(t) < 15 or salutation_in(t):
            continue
        if letter_at is not None and i > letter_at:
            b.use(*spans[i])  # the sample letter
            continue
        keep.append((i, t))
    if not keep:
        return
    a.summary = keep[0][1]
    b.note("summary", SHAPE, keep[0][0], a.summary[:200])
    rest = keep[1:6]
    if rest:
        a.background = "\n\n".join(t for _i, t in rest)
        b.note("background", GUESS, rest[0][0], a.background[:200])
    for i, _t in keep[:6]:
        b.use(*spans[i])


def _is_org(f: str, orgs: frozenset[str]) -> bool:
    return f in orgs or any(len(o) >= 6 and o in f for o in orgs)


_CAP_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _inflected(a: str, b: str) -> bool:
    """Two spellings of one name in different grammatical cases ("Pavla Sadouskiego" / "Pavel
    Sadouski", «Ивана Петрова» / «Иван Петров»): word by word, a common start that leaves at most
    two letters of the shorter word and at most four of the longer."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a == b:
        return False
    for x, y in zip(ta, tb):
        x, y = _fold(x), _fold(y)
        n = 0
        while n < min(len(x), len(y)) and x[n] == y[n]:
            n += 1
        if n < max(3, min(len(x), len(y)) - 2) or max(len(x), len(y)) - n > 4:
            return False
    return True


_GIVEN = r"[A-ZÀ-ÞА-ЯЁ][a-zß-ÿа-яё]+"


@functools.cache
def _name_list_re() -> re.Pattern:
    conj = "|".join(re.escape(c) for c in sorted(cues()["conjunctions"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({_GIVEN}(?:,\s+{_GIVEN})*),?\s+(?:{conj})\s+({_GIVEN})(?![\w-])(?!\s+[A-ZÀ-ÞА-ЯЁ])")


def _given_name_lists(text: str) -> list[tuple[list[str], str]]:
    """Inline lists of single capitalised words ("Ela, Anna et Joanna") with the list's own text;
    a list right after another capitalised word ("Ales Bialiatski, Anna and …") is not one."""
    out = []
    for m in _name_list_re().finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        if re.search(r"[A-ZÀ-ÞА-ЯЁ][\w-]*[ \t]+$", before):
            continue
        names = [x.strip() for x in m[1].split(",")] + [m[2]]
        if len(set(names)) == len(names):
            out.append((names, m.group(0)))
    return out


def _persons(doc: C.Doc, b: C.Builder, a: Action, title_i: int | None, block_lines: set[int]) -> None:
    lines = doc.lines
    text_all = "\n".join(ln for ln in lines if ln)
    lower_words = {w for w in _words(text_all) if w[:1].islower()}
    months = F.month_names()
    stop = cues().set("stopwords")
    nouns = _folded_set("person_nouns")
    orgs = _folded_set("organisations")
    roles = _folded_set("roles") | _folded_set("institutions")

    @functools.lru_cache(maxsize=None)
    def bad(tok: str) -> bool:
        f = _fold(tok)
        return (f in stop or tok.lower() in lower_words or f in months or f in _weekdays() or f in roles
                or any(len(nn) >= 5 and nn in f for nn in nouns) or f in nouns or F.country_code(tok)
                or _language_of(tok)
                or _honorific_re().match(tok + " ") is not None)

    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    # paragraphs, so that a name wrapped over two lines is one name
    units: list[tuple[int, str]] = []
    cur: list[int] = []
    for i, ln in enumerate(lines + [""]):
        keep = bool(ln) and i not in block_lines and i != title_i and not _is_chrome(ln) \
            and not label_segments(ln)[1] and not _is_bullet(ln)
        if keep:
            cur.append(i)
            continue
        if cur:
            units.append((cur[0], " ".join(lines[k] for k in cur)))
            cur = []
        if ln and _is_bullet(ln):
            units.append((i, ln[2:]))
    for i, ln in units:
        if _nwords(ln) < 6:
            continue  # names are taken from sentences, not from headings, menus or captions
        toks = list(_CAP_TOKEN.finditer(ln))
        run: list[str] = []
        last_end = None

        def flush():
            while run and bad(run[0]):
                run.pop(0)
            if run and (_is_role_word(run[-1]) or _is_org(_fold(run[-1]), orgs)) and len(run) > 1:
                run.clear()  # "Federal Security Service", "Supreme Court"
            while run and bad(run[-1]):
                run.pop()
            if 2 <= len(run) <= 4 and not any(_is_org(_fold(t), orgs) or t.isupper() for t in run) \
                    and not any(bad(t) for t in run):
                name = " ".join(run)
                counts[name] += 1
                first_seen.setdefault(name, i)
            run.clear()

        for m in toks:
            tok = m.group(0)
            poss = re.search(r"['’]s$", tok)
            if poss:
                tok = tok[:poss.start()]
            gap = ln[last_end:m.start()] if last_end is not None else ""
            if not tok[:1].isupper() or (run and gap.strip() not in ("",)) or tok.isupper() and len(tok) > 1:
                flush()
            if tok[:1].isupper() and not (tok.isupper() and len(tok) > 1):
                run.append(tok)
            last_end = m.end()
            if poss:
                flush()
        flush()
    # an inline list of single given names ("Ela, Anna et Joanna", "Olga and Irina"): capitalised
    # words that are no known word, joined by commas and a conjunction (data per language); each
    # name must recur in the text (a two-name list must recur as a list), so that places and
    # one-off lists of words do not count
    for names, key in _given_name_lists(text_all):
        if any(bad(x) or R._is_city_line(x) or x.lower() in cues().labels for x in names):
            continue
        if len(names) == 2 and text_all.count(key) < 2 or \
                any(len(re.findall(rf"(?<![\w-]){re.escape(x)}(?![\w-])", text_all)) < 2 for x in names):
            continue
        for x in names:
            counts[x] += 2
            first_seen.setdefault(x, 0)
    if not counts:
        return
    # a name that is only the tail of a longer one ("Kara-Murza" in "Vladimir Kara-Murza") is kept once
    names = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))
    out: list[Person] = []
    for nm in names:
        same = next((o for o in out if _inflected(nm, o.name)), None)
        if same is not None:
            # "Pavla Sadouskiego" and "Pavel Sadouski", «Алексея Навального» and «Алексей Навальный»:
            # one person in several cases; the shortest form is the nominative in these languages
            if len(nm) < len(same.name):
                counts[nm] = max(counts[nm], counts[same.name])
                first_seen[nm] = min(first_seen[nm], first_seen[same.name])
                same.name = nm
            continue
        if any(nm != o.name and nm in o.name for o in out):
            continue
        out.append(Person(name=nm))
        if len(out) >= 20:
            break
    a.persons = out
    for k, p in enumerate(out):
        b.note(f"persons[{k}].name", SHAPE if counts[p.name] > 1 else GUESS, first_seen[p.name], p.name)


__all__ = ["NAME", "score", "parse", "label_segments", "split_head", "clean_title", "salutation_in",
           "sample_marker", "is_page_chrome"]
