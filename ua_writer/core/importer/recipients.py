"""Recipient blocks: split an address region into blocks and each block into its fields.

Every layout hands its "send appeals to" region here. Blocks are cut by content, not by blank
lines alone (PDF copies double-space everything): a block ends after its salutation, or when a
new title/name line follows contact lines or a country line. Inside a block, labelled lines
("Fax:", "Email:", "Salutation:") are read first; a line that is only a country becomes the ISO
code; notes ("Please do not send letters directly to the court, only copies.") become the note;
the head lines before the first address line are told apart as name (a personal-name shape),
title (a role: Prosecutor, Minister, Chair ...) or organisation (an institution: Court, Ministry
...). No Qt.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ua_writer.core.importer import fields as F
from ua_writer.core.importer.result import GUESS, LABELLED, SHAPE, STRUCTURAL
from ua_writer.core.importer.text import collapse, strip_bullet
from ua_writer.core.model import Recipient

COPIES = re.compile(r"^(?:(?:and|also|please|send)\s+){0,3}(?:copies|copy|cc)(?:\s+(?:of\s+your\s+appeals?\s+)?"
                    r"(?:to|of))?\s*(?::|-|–)?\s*(.*)$", re.I)
DIPLOMATIC = re.compile(r"diplomatic\s+representatives?|embassy\s+(?:of\s+\w+\s+)?in\s+your\s+country|"
                        r"accredited\s+to\s+your\s+country", re.I)
CHECK_SECTION = re.compile(r"check\s+with\s+(?:your\s+section|the\s+international\s+secretariat|"
                           r"the\s+amnesty\s+office|your\s+(?:local\s+)?amnesty)", re.I)
_LABEL = re.compile(
    r"^(?P<label>fax(?:es)?(?:\s*(?:no|number|nr|numbers))?\.?|tel(?:ephone)?\.?\s*/\s*fax|fax\s*/\s*tel(?:ephone)?|"
    r"tel(?:ephone)?\.?(?:\s*(?:no|number))?|phone(?:\s*(?:no|number))?|telegrams?|telex|"
    r"e-?\s?mails?(?:\s*address)?|courriel|twitter|x\s*\(twitter\)|facebook|instagram|website|web|"
    r"salutation|anrede|факс|тел\.?|телефон|e-?mail|эл\.?\s*почта|обращение)\s*(?::|\.|-|–)\s*(?P<value>.*)$",
    re.I)
_LABEL_NOCOLON = re.compile(r"^(?P<label>fax|tel|phone|email|e-mail)\s+(?P<value>[+(\d].*|\S+@\S+)$", re.I)

ROLE_WORDS = {
    "prosecutor", "procurator", "minister", "president", "chair", "chairman", "chairwoman",
    "chairperson", "director", "head", "ambassador", "governor", "judge", "commissioner",
    "ombudsman", "ombudsperson", "mayor", "secretary", "chief", "king", "queen", "emir", "sultan",
    "premier", "speaker", "attorney", "general", "justice", "deputy", "officer", "warden", "commander",
    "representative", "superintendent", "inspector", "chancellor", "vice", "envoy", "consul",
    "rapporteur", "counsellor", "advisor", "adviser", "governor-general", "prime", "excellency",
    "president's", "prosecutor-general", "minister-counsellor", "chargé", "charge", "sheikh",
}
INSTITUTION_WORDS = {
    "court", "ministry", "office", "department", "embassy", "administration", "service", "committee",
    "commission", "parliament", "duma", "government", "police", "prison", "colony", "agency",
    "council", "procuracy", "directorate", "bureau", "chamber", "assembly", "senate", "secretariat",
    "presidency", "cabinet", "mission", "consulate", "centre", "center", "institution", "authority",
    "department", "tribunal", "headquarters", "division", "unit", "board",
    "prokuratura", "procuratorate", "inspectorate", "directorate-general", "section", "detention",
    "facility", "hospital", "camp", "penitentiary", "duma", "procuratura", "ombudsman's",
}
STREET = re.compile(
    r"\b(?:ulitsa|ulica|ulitsy|street|avenue|avenida|road|prospekt|prosp|pr-t|ploshchad|ploschad|square|"
    r"lane|boulevard|bulvar|pereulok|naberezhnaya|shosse|highway|box|p/o|p\.o\.|pob|apartado|casilla|"
    r"calle|rue|strasse|straße|platz|weg|building|bldg|floor|suite|korpus|stroenie|mkr|mikroraion|drive|"
    r"plaza|piazza|via|viale|rua|praça|gasse|kuchasi|prospekti|district|region|oblast|krai|kray|province|"
    r"postal|zip|cedex|vulytsya|palace|kremlin|residence|compound|complex|tower|edificio|palacio|palais|"
    r"colonia|barrio|sector|zona|quartier|mahalla)\b"
    # short abbreviations only with their dot or a number after them: "ul. Lubyanka", "d. 8", "St 5"
    r"|\b(?:ul|st|str|pr|pl|po|fl|av|ave|per|bul|nab|kv|korp|bp|cp|ln|sq|rd|blvd|hwy|d|dom|no|nr|vul|"
    r"kuch|col|pso|av|jl|jln|sh|tr|pr-kt)(?:\.|\s+\d)",
    re.I)
_FUNCTION_END = re.compile(r"\b(?:of|the|and|for|on|in|to|at|de|del|la|des|du|y|&|,)$", re.I)
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "ben", "de", "da", "van", "von", "ul", "ogly", "uulu",
                   "der", "del", "la", "le", "dos", "das", "di", "y", "abu", "bint", "ould"}
NOTE_START = re.compile(r"^(?:\(|please\b|note\b|nb\b|n\.b\.|do not\b|don't\b|only\b|via\b|"
                        r"\*|important\b|if\b|this\b)", re.I)
COPIES_ONLY = re.compile(r"(?:do\s+not|don't|please\s+don't|not\s+to)\s+send\s+(?:letters|appeals)?.{0,40}"
                         r"directly|only\s+copies|copies\s+only|send\s+copies\s+only", re.I)


@functools.cache
def city_names() -> frozenset[str]:
    """Lower-case city names from the CLDR/tz database (capitals and large cities)."""
    import zoneinfo

    from babel.dates import get_timezone_location

    cities = set()
    try:
        zones = zoneinfo.available_timezones()
    except Exception:  # no tz database: do without
        zones = set()
    for z in zones:
        if "/" not in z or z.startswith(("Etc/", "SystemV/", "US/")):
            continue
        cities.add(z.rsplit("/", 1)[-1].replace("_", " ").lower())
        for loc in ("en", "ru"):
            try:
                cities.add(get_timezone_location(z, locale=loc, return_city=True).lower())
            except Exception:
                pass
    cities.discard("")
    return frozenset(cities)


@dataclass
class _Line:
    idx: int
    text: str
    #: indices of further lines folded into this one (a remark wrapped over lines)
    extra: list[int] = field(default_factory=list)


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)
    is_copy: bool = False
    closed: bool = False  # saw its salutation
    has_contact: bool = False
    has_country: bool = False
    has_address: bool = False


@dataclass
class RecipientsOut:
    recipients: list[Recipient]
    #: action-level notes found in the region ("Also send copies to diplomatic representatives ...")
    notes: list[tuple[int, str]]
    used: set[int]


def parse_recipients(lines: list[tuple[int, str]], b, *, copy_mode: bool = False, first_index: int = 0,
                     base_conf: float = 1.0) -> RecipientsOut:
    """Parse (index, text) lines of a recipients region. Records fields in builder ``b``."""
    joined = _join_continuations(lines)
    double = _double_spaced(lines)
    blocks: list[_Block] = []
    notes: list[tuple[int, str]] = []
    used: set[int] = set()
    cur = _Block(is_copy=copy_mode)
    blank_run = 0

    def flush():
        nonlocal cur
        if cur.lines:
            blocks.append(cur)
        cur = _Block(is_copy=copy_mode)

    for ln in joined:
        text = ln.text
        if not text:
            blank_run += 1
            continue
        blank_run_before = blank_run
        blank_run = 0
        text = strip_bullet(text)
        if is_junk(text):
            continue  # "####### 8< #######": left for the unrecognised lines
        if DIPLOMATIC.search(text) and len(text) < 300 and (
                re.search(r"copies|send|write|appeal|accredited\s+to\s+your", text, re.I)
                or re.match(r"^(?:and|to|also)\b", text, re.I)):
            notes.append((ln.idx, text))
            used.add(ln.idx)
            continue
        if CHECK_SECTION.search(text):
            notes.append((ln.idx, text))
            used.add(ln.idx)
            used.update(ln.extra)
            continue
        m = COPIES.match(text)
        if m and len(text) < 200 and not _LABEL.match(text):
            flush()
            copy_mode = True
            cur = _Block(is_copy=True)
            used.add(ln.idx)
            rest = m[1].strip()
            if rest:
                if DIPLOMATIC.search(rest):
                    notes.append((ln.idx, text))
                else:
                    cur.lines.append(_Line(ln.idx, rest))
            continue
        kind = _line_kind(text)
        if cur.lines:
            starts_new = False
            if kind in ("head", "other"):
                if cur.closed or cur.has_contact or cur.has_country:
                    starts_new = True
                elif blank_run_before >= (3 if double else 1) and (cur.has_address or len(cur.lines) >= 3):
                    starts_new = True
            elif kind == "salutation" and cur.closed:
                starts_new = True
            if starts_new:
                flush()
        cur.lines.append(_Line(ln.idx, text, ln.extra))
        if kind == "salutation":
            cur.closed = True
        elif kind == "contact":
            cur.has_contact = True
        elif kind == "country":
            cur.has_country = True
        elif kind == "address":
            cur.has_address = True
    flush()

    recipients: list[Recipient] = []
    seen_ids: set[str] = set()
    for block in blocks:
        k = first_index + len(recipients)
        rec = _parse_block(block, b, k, base_conf)
        if rec is None:
            continue
        base = rec.id or "recipient"
        rid, n = base, 2
        while rid in seen_ids:
            rid = f"{base}-{n}"
            n += 1
        rec.id = rid
        seen_ids.add(rid)
        recipients.append(rec)
        for ln in block.lines:
            used.add(ln.idx)
            used.update(ln.extra)
    return RecipientsOut(recipients, notes, used)


def is_junk(text: str) -> bool:
    """A line that is mostly not letters or digits (separators, OCR debris)."""
    alnum = sum(c.isalnum() for c in text)
    return alnum < 0.4 * len(text.replace(" ", "")) or alnum == 0


def _double_spaced(lines: list[tuple[int, str]]) -> bool:
    nonblank = [k for k, (_, t) in enumerate(lines) if t]
    if len(nonblank) < 4:
        return False
    followed = sum(1 for k in nonblank if k + 1 < len(lines) and not lines[k + 1][1])
    return followed >= 0.6 * len(nonblank)


def _join_continuations(lines: list[tuple[int, str]]) -> list[_Line]:
    """Join a remark broken over lines: an open parenthesis, or a note ending mid-sentence."""
    out: list[_Line] = []
    pending: _Line | None = None
    skipped_blanks: list[_Line] = []
    for idx, text in lines:
        if pending is not None:
            if not text:
                skipped_blanks.append(_Line(idx, text))
                if len(skipped_blanks) > 2:
                    out.append(pending)
                    out.extend(skipped_blanks)
                    pending, skipped_blanks = None, []
                continue
            opens = pending.text.count("(") > pending.text.count(")")
            if opens or text[:1].islower() or text[:1] in "\"“(":
                pending = _Line(pending.idx, pending.text.rstrip() + " " + text.strip(), pending.extra + [idx])
                skipped_blanks = []
                if not _needs_more(pending.text):
                    out.append(pending)
                    pending = None
                continue
            out.append(pending)
            out.extend(skipped_blanks)
            pending, skipped_blanks = None, []
        ln = _Line(idx, text)
        if text and _needs_more(text):
            pending = ln
            skipped_blanks = []
        else:
            out.append(ln)
    if pending is not None:
        out.append(pending)
        out.extend(skipped_blanks)
    return out


def _needs_more(text: str) -> bool:
    if text.count("(") > text.count(")"):
        return True
    if NOTE_START.match(text) and not text.rstrip().endswith(tuple(".!?)\"”")):
        return True
    return False


def _line_kind(text: str) -> str:
    if m := _label(text):
        lab = m[0]
        return "salutation" if lab == "salutation" else "contact"
    if F.looks_like_salutation(text) and len(text.split()) <= 8:
        return "salutation"
    if F.EMAIL_RE.search(text) and len(text) < 80 and len(text.split()) <= 3:
        return "contact"
    if F.looks_like_phone_only(text):
        return "phone"
    if F.country_code(text):
        return "country"
    if NOTE_START.match(text) or COPIES_ONLY.search(text) or _is_caption(text):
        return "note"
    if _address_like(text):
        return "address"
    return "head"


def _is_caption(text: str) -> bool:
    """"Local human rights organization:" - a caption over a block, not part of the address."""
    return text.rstrip().endswith(":") and not re.search(r"\d", text) and len(text) < 80


def _label(text: str) -> tuple[str, str] | None:
    m = _LABEL.match(text) or _LABEL_NOCOLON.match(text)
    if not m:
        return None
    lab = m["label"].lower()
    value = m["value"].strip()
    if lab.startswith("telegram") or lab == "telex":
        return "telegram", value
    if lab.startswith(("salutation", "anrede", "обращение")):
        return "salutation", value
    if "fax" in lab or lab.startswith("факс"):
        return "fax", value
    if lab.startswith(("tel", "phone", "тел")):
        return "phone", value
    if "mail" in lab or lab.startswith(("courriel", "эл")):
        return "email", value
    if lab.startswith("telegram") or lab == "telex":
        return "telegram", value
    return "social", value


def _address_like(text: str) -> bool:
    if re.search(r"\d", text):
        return True
    if STREET.search(text):
        low = text.lower()
        # "Moscow City Court", "Moscow Regional Court": a street word inside an institution name
        if any(w in INSTITUTION_WORDS for w in re.findall(r"[^\W\d_]+", low)) and not re.search(
                r"\b(?:ul|ulitsa|street|str|avenue|prospekt|box|p/o|pl|per|nab)\b\.?", low):
            return False
        return True
    return _is_city_line(text)


def _is_city_line(text: str) -> bool:
    """"Moscow", "Moscow 125993", "New Cairo, Cairo": a line whose last part is a known city."""
    cities = city_names()
    for part in reversed(text.split(",")):
        t = re.sub(r"[\d\-]+", " ", part).strip().lower()
        t = re.sub(r"\s+", " ", t)
        if t:
            return t in cities or (len(text.split(",")) > 1 and t.split(" ")[-1] in cities)
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][^\W\d_'’\-]*", text.lower())


def _role_first(text: str) -> str | None:
    """'title' if the phrase is a role, 'org' if an institution, judged on the part before ' of '."""
    low = text.lower()
    if re.search(r"['’]s\s+(?:\w+\s+)?(?:" + "|".join(sorted(INSTITUTION_WORDS, key=len, reverse=True))
                 + r")\b", low):
        return "org"
    head = re.split(r"\s+(?:of|for|on|in|at|to)\s+", low, maxsplit=1)[0]
    hw = _words(head)
    if any(w in INSTITUTION_WORDS for w in hw):
        return "org"
    if any(w in ROLE_WORDS for w in hw):
        return "title"
    allw = _words(low)
    if any(w in ROLE_WORDS for w in allw):
        return "title"
    if any(w in INSTITUTION_WORDS for w in allw):
        return "org"
    return None


#: words of office names that never occur in a person's name
_DOMAIN_WORDS = {"the", "of", "and", "for", "on", "affairs", "justice", "interior", "internal", "foreign",
                 "defence", "defense", "security", "health", "education", "labour", "labor", "culture",
                 "human", "rights", "national", "public", "state", "federal", "supreme", "constitutional",
                 "city", "regional", "district", "high", "central", "investigative", "investigation",
                 "prosecution", "military", "armed", "forces", "penal", "penitentiary", "migration",
                 "internal", "republic", "kingdom", "federation", "united", "nations", "his", "her",
                 "excellency", "majesty", "honourable", "honorable", "general", "senior"}
_INITIAL = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё]?\.){1,3}$|^[A-ZА-ЯЁ]\.-[A-ZА-ЯЁ]\.$")


#: a surname with its particle: "al-Sisi", "el-Sawy", "d’Alembert", "O’Brien", "ibn-Saud"
PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|ul|bin|ibn|abu|de|di|da|du|van|von|d|o)[-'’][A-ZА-ЯЁ]")


def name_like(text: str) -> bool:
    """A personal name: 2-6 capitalised words or initials, no role or institution words."""
    text, _ = F.strip_honorific(text.strip())
    toks = text.replace(",", " ").split()
    if not 2 <= len(toks) <= 6:
        return False
    real = 0
    for t in toks:
        lw = t.lower().strip(".")
        if lw in _NAME_PARTICLES:
            continue
        if lw in ROLE_WORDS or lw in INSTITUTION_WORDS or lw in _DOMAIN_WORDS:
            return False
        if _INITIAL.match(t):
            continue
        if PARTICLE_NAME.match(t):
            real += 1
            continue
        if not (t[:1].isalpha() and t[:1].isupper()) or not re.match(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?$", t) \
                or t.isupper() and len(t) > 3:
            return False
        if t.endswith("."):
            return False
        real += 1
    if real == 0:
        return False
    low = text.lower()
    if F.country_code(text) or _is_city_line(text) or any(F.country_code(w) for w in toks if len(w) > 3):
        return False
    return not re.search(r"\b(?:federation|republic|court|region)\b", low)


def _split_name_role(text: str) -> tuple[str | None, str | None]:
    """"M. A. Peshkov - Director" / "Yury Chaika, Prosecutor General" / "Prosecutor General Yury Chaika"."""
    m = re.match(r"^(.+?)(?:\s+[-–—]\s*|\s*[–—]\s+|\s*,\s*|\s\(\s*)(.+?)\)?$", text)
    if m:
        a, c = m[1].strip(), m[2].strip()
        if name_like(a) and _role_first(c):
            return a, c
        if name_like(c) and _role_first(a):
            return c, a
    toks = text.split()
    # title first, name last: longest name suffix whose prefix is a role/institution phrase
    for k in range(1, len(toks) - 1):
        prefix, suffix = " ".join(toks[:k]), " ".join(toks[k:])
        if _FUNCTION_END.search(prefix):
            continue
        if name_like(suffix) and _role_first(prefix) and not _role_first(suffix):
            return suffix, prefix
    return None, None


def _parse_block(block: _Block, b, k: int, base_conf: float) -> Recipient | None:
    rec = Recipient(id="", is_copy=block.is_copy)
    path = f"recipients[{k}]"
    c = base_conf
    head: list[_Line] = []
    addr: list[_Line] = []
    notes: list[_Line] = []
    last_contact: str | None = None
    lines = list(block.lines)
    if lines and lines[0].text.count(",") >= 2 and not _label(lines[0].text) and not NOTE_START.match(lines[0].text):
        # a one-line block: "Ambassador X, Embassy of Y, 2650 Wisconsin Ave NW, Washington DC 20007"
        first = lines[0]
        parts = [p.strip() for p in first.text.split(",") if p.strip()]
        lines[0:1] = [_Line(first.idx, p, first.extra) for p in parts]
    for ln in lines:
        text = ln.text
        lab = _label(text)
        if lab:
            kind, value = lab
            last_contact = kind
            if kind == "fax":
                nums, remark = F.split_phones(value)
                rec.fax.extend(n for n in nums if n not in rec.fax)
                if nums:
                    b.note(f"{path}.fax", LABELLED * c, ln.idx)
                if remark:
                    notes.append(_Line(ln.idx, remark))
                if not nums and value:
                    notes.append(_Line(ln.idx, f"Fax: {value}"))
            elif kind == "email":
                emails = F.find_emails(value)
                rec.email.extend(e for e in emails if e not in rec.email)
                if emails:
                    b.note(f"{path}.email", LABELLED * c, ln.idx)
                else:
                    notes.append(_Line(ln.idx, text))
            elif kind == "salutation":
                if value:
                    rec.salutation = F.clean_salutation(value)
                    b.note(f"{path}.salutation", LABELLED * c, ln.idx)
            elif kind == "phone":
                nums, remark = F.split_phones(value)
                notes.append(_Line(ln.idx, "Phone: " + ", ".join(nums) if nums else text))
                if remark:
                    notes.append(_Line(ln.idx, remark))
            else:
                notes.append(_Line(ln.idx, text))
            continue
        if F.looks_like_phone_only(text) and last_contact in ("fax", "phone"):
            nums, remark = F.split_phones(text)
            if last_contact == "fax":
                rec.fax.extend(n for n in nums if n not in rec.fax)
                b.note(f"{path}.fax", STRUCTURAL * c, ln.idx)
            else:
                notes.append(_Line(ln.idx, "Phone: " + ", ".join(nums)))
            if remark:
                notes.append(_Line(ln.idx, remark))
            continue
        if F.looks_like_salutation(text) and len(text.split()) <= 8 and rec.salutation is None:
            rec.salutation = F.clean_salutation(text)
            b.note(f"{path}.salutation", SHAPE * c, ln.idx)
            continue
        emails = F.find_emails(text)
        if emails and len(text.split()) <= 3:
            rec.email.extend(e for e in emails if e not in rec.email)
            b.note(f"{path}.email", STRUCTURAL * c, ln.idx)
            last_contact = "email"
            continue
        code = F.country_code(text)
        if code and rec.country is None:
            rec.country = code
            b.note(f"{path}.country", LABELLED * c, ln.idx)
            continue
        if NOTE_START.match(text) or COPIES_ONLY.search(text) or _is_caption(text):
            notes.append(ln)
            continue
        if last_contact is not None and (rec.fax or rec.email) and not _address_like(text):
            notes.append(ln)  # prose after the contact lines
            continue
        if addr or _address_like(text) or (head and _after_head_is_address(head, text)):
            addr.append(ln)
        else:
            head.append(ln)

    # a one-line block "Ambassador X, Embassy of Y, 2650 Wisconsin Ave NW, Washington DC 20007"
    if len(head) == 1 and not addr and head[0].text.count(",") >= 2:
        parts = [p.strip() for p in head[0].text.split(",") if p.strip()]
        head = []
        for p in parts:
            if rec.country is None and (code := F.country_code(p)) and p is parts[-1]:
                rec.country = code
                b.note(f"{path}.country", STRUCTURAL * c, block.lines[0].idx)
                continue
            (addr if addr or _address_like(p) else head).append(_Line(block.lines[0].idx, p))
    elif len(head) == 1 and len(addr) >= 1 and "," in head[0].text and not _split_name_role(head[0].text)[0]:
        parts = [p.strip() for p in head[0].text.split(",") if p.strip()]
        if len(parts) == 2 and all(_role_first(p) or name_like(p) for p in parts):
            head = [_Line(head[0].idx, p) for p in parts]

    # a trailing ", Russian Federation" on the last address line
    if rec.country is None and addr:
        m = re.match(r"^(.*\S)\s*,\s*([^,]{3,40})$", addr[-1].text)
        if m and (code := F.country_code(m[2])):
            rec.country = code
            addr[-1] = _Line(addr[-1].idx, m[1])
            b.note(f"{path}.country", STRUCTURAL * c, addr[-1].idx)
    head = _join_head_wraps(head)
    _read_head(rec, head, b, path, c)
    rec.address_lines = [collapse(a.text).strip(" ,") for a in addr if collapse(a.text).strip(" ,")]
    if rec.address_lines:
        conf = STRUCTURAL if (rec.country or any(re.search(r"\d{4,}", a) for a in rec.address_lines)) else SHAPE
        b.note(f"{path}.address_lines", conf * c, addr[0].idx, "\n".join(a.text for a in addr))
    if notes:
        texts = []
        for n in notes:
            t = collapse(n.text).strip()
            t = t[1:-1].strip() if t.startswith("(") and t.endswith(")") else t
            if t and t[:1].islower():
                t = t[:1].upper() + t[1:]
            if t and not t.endswith((".", "!", "?", ":")):
                t += "."
            if t and t not in texts:
                texts.append(t)
        rec.note = " ".join(t if t.endswith((".", "!", "?")) else t for t in texts) if texts else None
        if rec.note:
            b.note(f"{path}.note", SHAPE * c, notes[0].idx, rec.note)
        if any(COPIES_ONLY.search(t) for t in texts):
            rec.copies_only = True
            b.note(f"{path}.copies_only", STRUCTURAL * c, notes[0].idx)
    if rec.gender is None:
        rec.gender = F.gender_from_salutation(rec.salutation)
        conf = SHAPE
        if rec.gender is None and rec.name:
            rec.gender = F.gender_from_name(rec.name)
            conf = GUESS
        if rec.gender:
            b.note(f"{path}.gender", conf * c, block.lines[0].idx)
    if not (rec.name or rec.title or rec.organization or rec.fax or rec.email or rec.address_lines):
        return None
    if rec.is_copy:
        b.note(f"{path}.is_copy", STRUCTURAL * c, block.lines[0].idx)
    label = rec.title or rec.organization or rec.name or "recipient"
    label = re.split(r"\s+(?:of|for|on|in|at|to)\s+|,|\s[-–]\s", label, maxsplit=1)[0]
    rec.id = F.slugify(label, 4) or "recipient"
    return rec


def _after_head_is_address(head: list[_Line], text: str) -> bool:
    """A plain line after a name/title that is neither a name, a role nor an institution: a city."""
    if name_like(text) or _role_first(text) or _split_name_role(text)[0]:
        return False
    if _FUNCTION_END.search(head[-1].text.strip()) or text[:1].islower():
        return False  # a wrapped title ("Prosecutor General of the" / "Russian Federation")
    if _joins_country(head[-1].text, text):
        return False
    return len(text.split()) <= 3 and any(name_like(h.text) or _role_first(h.text) for h in head)


def _joins_country(prev: str, nxt: str) -> bool:
    pw = prev.split()
    for n in (1, 2, 3):
        if len(pw) >= n and F.country_code(" ".join(pw[-n:] + nxt.split())):
            return True
    return False


def _join_head_wraps(head: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for ln in head:
        if out:
            prev = out[-1].text
            lower_cont = ln.text[:1].islower() and not re.match(r"^(?:c/o|ul\.|per\.|pr\.|d\.)", ln.text)
            if (_FUNCTION_END.search(prev.strip()) or lower_cont
                    or _joins_country(prev, ln.text)) and not name_like(ln.text):
                out[-1] = _Line(out[-1].idx, prev.rstrip(" ,") + (", " if prev.rstrip().endswith(",") else " ")
                                + ln.text.strip())
                continue
        out.append(ln)
    return out


def _read_head(rec: Recipient, head: list[_Line], b, path: str, c: float) -> None:
    titles: list[tuple[_Line, float]] = []
    orgs: list[tuple[_Line, float]] = []
    name_roles: list[str] = []
    unknown: list[_Line] = []
    for ln in head:
        text = collapse(ln.text).strip(" ,;")
        if not text:
            continue
        name, role = _split_name_role(text)
        if name and rec.name is None and name_like(text):
            name = None  # "His Excellency General X": honorifics, not a role
        if name and rec.name is None:
            clean, g = F.strip_honorific(name)
            rec.name = clean
            rec.gender = rec.gender or g
            b.note(f"{path}.name", SHAPE * c, ln.idx)
            kind = _role_first(role)
            (titles if kind == "title" else orgs).append((_Line(ln.idx, role), SHAPE))
            if kind == "title":
                name_roles.append(role)
            continue
        if name_like(text) and rec.name is None:
            clean, g = F.strip_honorific(text)
            rec.name = clean
            rec.gender = rec.gender or g
            b.note(f"{path}.name", (STRUCTURAL if g else SHAPE) * c, ln.idx)
            continue
        kind = _role_first(text)
        if kind == "title":
            titles.append((_Line(ln.idx, text), STRUCTURAL))
        elif kind == "org":
            orgs.append((_Line(ln.idx, text), STRUCTURAL))
        else:
            unknown.append(_Line(ln.idx, text))
    # one title contains another ("Prosecutor General" / "Prosecutor General of the Russian Federation")
    titles = _dedupe(titles)
    if titles:
        ln, conf = titles[0]
        rec.title = ln.text
        b.note(f"{path}.title", conf * c, ln.idx)
        extra = [t for t in titles[1:]]
    else:
        extra = []
    orgs = _dedupe(orgs)
    for ln2, conf2 in extra:
        # a second role ("M. A. Peshkov - Director" under "Minister of Foreign Affairs"): the role of
        # the named person inside the organisation -> "Director, Third department on CIS countries"
        if orgs and ln2.text in name_roles:
            o, oc = orgs[0]
            orgs[0] = (_Line(o.idx, f"{ln2.text}, {o.text}"), min(oc, SHAPE))
        else:
            orgs.append((ln2, GUESS))
    for ln in unknown:
        # a capitalised phrase we cannot place: most often an institution name
        orgs.append((ln, GUESS))
    if orgs:
        rec.organization = ", ".join(o.text for o, _ in orgs)
        b.note(f"{path}.organization", min(conf for _, conf in orgs) * c, orgs[0][0].idx, rec.organization)


def _dedupe(items: list[tuple[_Line, float]]) -> list[tuple[_Line, float]]:
    out: list[tuple[_Line, float]] = []
    for ln, conf in items:
        low = ln.text.lower()
        merged = False
        for k, (o, oc) in enumerate(out):
            ol = o.text.lower()
            if low.startswith(ol) or ol.startswith(low):
                if len(low) > len(ol):
                    out[k] = (ln, max(conf, oc))
                merged = True
                break
        if not merged:
            out.append((ln, conf))
    return out
