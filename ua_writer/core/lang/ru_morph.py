"""Russian morphology for letters: personal names (pytrovich) and official titles (pymorphy3).

Names: :func:`parse_name` splits "Юрий Яковлевич Чайка", "Чайка Юрий Яковлевич" or
"Ю. Я. Чайка" into parts; :func:`inflect_name` declines them with pytrovich (Petrovich rules:
first name, patronymic and surname each have their own rule set, gender-aware).
Titles: :func:`inflect_title` declines the *leading* adjectives and head noun of a title with
pymorphy3 and leaves the genitive/prepositional tail alone ("Генеральный прокурор Российской
Федерации" -> "Генеральному прокурору Российской Федерации"); a title with no noun of its own
("Уполномоченный по правам человека") is a substantivised adjective and declines as one.

Targeted fixes where the libraries alone are not right (each is covered by
tests/core/test_russian_grammar.py):

* unknown gender: pytrovich's "androgynous" rules decline "Рахимова" as "Рахимовы", which is
  wrong for either gender. We detect the gender part by part (patronymic, then surname, then first
  name) and, if it stays unknown, decline with both genders and keep a form only where they agree;
  otherwise the name stays in the nominative and ``uncertain`` is reported so the caller can warn;
* Turkic patronymics ("Гейдар оглы", "Салим кызы") stay undeclined, as in Russian usage;
* initials ("Ю. Я.") never decline; names in Latin script are left as they are.

Both analysers are created lazily, once per process (pymorphy3 takes a moment to load its
dictionary), and only when a Russian letter is composed. No Qt, no I/O besides the libraries' data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CYR = re.compile(r"[А-Яа-яЁё]")
_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.-?)+$")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|инична|ич)$", re.I)
_TURKIC_PARTICLES = {"оглы", "кызы", "улы", "угли", "кизи", "уулу"}
_PUNCT = "«»\"'(),.;:"

_CASE_TO_PETROVICH = {"gent": "GENITIVE", "datv": "DATIVE", "accs": "ACCUSATIVE",
                      "ablt": "INSTRUMENTAL", "loct": "PREPOSITIONAL"}


@lru_cache(maxsize=1)
def morph():
    """The pymorphy3 analyser (loaded on first use, then shared)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=1)
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


# -- names --------------------------------------------------------------------------------------

@dataclass
class NameParts:
    first: str | None = None
    middle: str | None = None      # patronymic, incl. "Гейдар оглы"
    last: str | None = None
    initials: list[str] | None = None  # given as initials: ["Ю.", "Я."]
    surname_first: bool = False

    @property
    def turkic_middle(self) -> bool:
        return bool(self.middle) and self.middle.split()[-1].lower() in _TURKIC_PARTICLES


def is_cyrillic(text: str | None) -> bool:
    return bool(text) and bool(_CYR.search(text))


def parse_name(full: str) -> NameParts:
    """Split a Russian full name. Orders understood: "Имя [Отчество] Фамилия",
    "Фамилия Имя Отчество" (patronymic last), "И. О. Фамилия", "Фамилия И. О."."""
    tokens = full.split()
    if not tokens:
        return NameParts()
    # glue Turkic patronymic particles to the father's name
    glued: list[str] = []
    for t in tokens:
        if t.lower() in _TURKIC_PARTICLES and glued:
            glued[-1] = f"{glued[-1]} {t}"
        else:
            glued.append(t)
    tokens = glued
    inits = [t for t in tokens if _INITIALS.match(t)]
    if inits:
        rest = [t for t in tokens if not _INITIALS.match(t)]
        return NameParts(last=" ".join(rest) or None, initials=inits,
                         surname_first=bool(rest) and tokens[0] == rest[0])
    is_patr = [bool(_PATRONYMIC.search(t)) or t.split()[-1].lower() in _TURKIC_PARTICLES
               for t in tokens]
    if len(tokens) == 1:
        return NameParts(last=tokens[0])
    if len(tokens) == 2:
        return NameParts(first=tokens[0], last=tokens[1])
    if len(tokens) == 3 and is_patr[2] and not is_patr[1]:
        return NameParts(first=tokens[1], middle=tokens[2], last=tokens[0], surname_first=True)
    if len(tokens) == 3 and is_patr[1]:
        return NameParts(first=tokens[0], middle=tokens[1], last=tokens[2])
    # anything longer or unusual: first word = first name, last word = surname, the rest kept
    return NameParts(first=tokens[0], middle=" ".join(tokens[1:-1]), last=tokens[-1])


def detect_gender(parts: NameParts) -> str | None:
    """"m"/"f" from the name alone, or None: patronymic first, then surname, then first name."""
    from pytrovich.enums import Gender

    _, detector = _petrovich()
    for kw, value in (("middlename", parts.middle), ("lastname", parts.last),
                      ("firstname", parts.first)):
        if not value or not is_cyrillic(value) or (kw == "middlename" and parts.turkic_middle):
            continue
        g = detector.detect(**{kw: value})
        if g == Gender.MALE:
            return "m"
        if g == Gender.FEMALE:
            return "f"
    return None


def _decline(part: str, value: str | None, case: str, gender: str) -> str | None:
    if not value or case == "nomn" or not is_cyrillic(value):
        return value
    from pytrovich.enums import Case, Gender, NamePart

    maker, _ = _petrovich()
    g = Gender.MALE if gender == "m" else Gender.FEMALE
    return maker.make(getattr(NamePart, part), g, getattr(Case, _CASE_TO_PETROVICH[case]), value)


def _decline_parts(parts: NameParts, case: str, gender: str) -> NameParts:
    middle = parts.middle if parts.turkic_middle or not parts.middle or " " in parts.middle \
        else _decline("MIDDLENAME", parts.middle, case, gender)
    first = _decline("FIRSTNAME", parts.first, case, gender)
    last = _decline("LASTNAME", parts.last, case, gender)
    return NameParts(first, middle, last, parts.initials, parts.surname_first)


def _join(parts: NameParts) -> str:
    if parts.initials:
        inits = " ".join(parts.initials)
        if not parts.last:
            return inits
        return f"{parts.last} {inits}" if parts.surname_first else f"{inits} {parts.last}"
    seq = [parts.last, parts.first, parts.middle] if parts.surname_first \
        else [parts.first, parts.middle, parts.last]
    return " ".join(p for p in seq if p)


def inflect_parts(parts: NameParts, case: str, gender: str | None) -> tuple[NameParts, bool]:
    """Declined parts and whether the result is *certain* (gender known or both genders agree)."""
    if case == "nomn":
        return parts, True
    gender = gender or detect_gender(parts)
    if gender in ("m", "f"):
        return _decline_parts(parts, case, gender), True
    as_m, as_f = _decline_parts(parts, case, "m"), _decline_parts(parts, case, "f")
    agreed = NameParts(
        as_m.first if as_m.first == as_f.first else parts.first,
        as_m.middle if as_m.middle == as_f.middle else parts.middle,
        as_m.last if as_m.last == as_f.last else parts.last,
        parts.initials, parts.surname_first)
    return agreed, as_m == as_f


def inflect_name(full: str, case: str, gender: str | None = None) -> tuple[str, bool]:
    """("Низомхону Джураеву", True) for ("Низомхон Джураев", "datv", "m")."""
    parts, certain = inflect_parts(parse_name(full), case, gender)
    return _join(parts), certain


def initials_name(full: str, case: str = "nomn", gender: str | None = None) -> tuple[str, bool]:
    """Initials before the surname, as in an addressee block: ("Ю. Я. Чайке", True)."""
    parts = parse_name(full)
    gender = gender or detect_gender(parts)
    if parts.initials:
        inits = parts.initials
    elif parts.first and is_cyrillic(parts.first):
        inits = [parts.first[0].upper() + "."]
        if parts.middle:
            inits.append(parts.middle[0].upper() + ".")
    else:
        return inflect_name(full, case, gender)
    declined, certain = inflect_parts(NameParts(last=parts.last, initials=inits), case, gender)
    return _join(declined), certain


def first_and_patronymic(full: str) -> str | None:
    """"Юрий Яковлевич" when both are known (for «Уважаемый Юрий Яковлевич!»), else None."""
    parts = parse_name(full)
    if parts.first and parts.middle and not parts.initials and not parts.turkic_middle \
            and _PATRONYMIC.search(parts.middle) and is_cyrillic(parts.first):
        return f"{parts.first} {parts.middle}"
    return None


# -- titles -------------------------------------------------------------------------------------

@dataclass
class _Word:
    index: int
    parse: object
    kind: str  # "adj" or "noun"


def _strip(token: str) -> tuple[str, str, str]:
    core = token.strip(_PUNCT)
    if not core:
        return token, "", ""
    start = token.index(core)
    return token[:start], core, token[start + len(core):]


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ"}


def _nominative(word: str, kind: str):
    """The most likely singular-nominative parse of ``word`` as an adjective/participle ("adj")
    or a noun ("noun"); None for function words ("по", "и", "в") and abbreviations."""
    parses = morph().parse(word)
    if not parses or parses[0].tag.POS in _FUNCTION_POS:
        return None
    best = None
    for p in parses:
        tag = p.tag
        if "nomn" not in tag or "plur" in tag or "Abbr" in tag:
            continue
        if kind == "adj" and tag.POS in ("ADJF", "PRTF"):
            return p
        if kind == "noun" and tag.POS == "NOUN":
            if "anim" in tag:
                return p
            best = best or p
    return best


@lru_cache(maxsize=512)
def _analyse_title(title: str) -> tuple[tuple[str, ...], tuple[_Word, ...]] | None:
    """The title's tokens and the leading adjectives + head noun (in the nominative).
    Remembered per title: every letter to a recipient asks again (a mail merge, 1,000 times)."""
    tokens = title.split()
    words: list[_Word] = []
    i = 0
    while i < len(tokens):
        _, core, _ = _strip(tokens[i])
        if not is_cyrillic(core):
            break
        if core.lower() == "и" and words and i + 1 < len(tokens) \
                and _nominative(_strip(tokens[i + 1])[1], "adj") is not None:
            i += 1
            continue
        adj = _nominative(core, "adj")
        noun = _nominative(core, "noun")
        if noun is not None and adj is not None:
            # "Военный" is both: an adjective if a nominative noun or adjective follows
            nxt = _strip(tokens[i + 1])[1] if i + 1 < len(tokens) else ""
            follows = bool(nxt) and is_cyrillic(nxt) and (
                _nominative(nxt, "noun") is not None or _nominative(nxt, "adj") is not None)
            if follows or not words:
                noun = None
            else:
                adj = None
        if noun is not None:
            words.append(_Word(i, noun, "noun"))
            break
        if adj is not None:
            words.append(_Word(i, adj, "adj"))
            i += 1
            continue
        break
    if not words:
        return None
    return tuple(tokens), tuple(words)


def _recase(new: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _grammatical_gender(words) -> str:
    head = words[-1]
    g = head.parse.tag.gender
    g = str(g) if g is not None else None   # pymorphy's grammeme refuses "in" with unknown names
    if head.kind == "noun":
        return "femn" if g == "femn" else "masc" if g in ("masc", "ms-f", None) else g
    return g or "masc"


@lru_cache(maxsize=512)
def inflect_title(title: str, case: str) -> str | None:
    """The title with its leading adjectives and head noun in ``case``; the tail unchanged.
    None when the title does not start with a Russian noun phrase we understand."""
    analysed = _analyse_title(title)
    if analysed is None:
        return None
    if case == "nomn":
        return title
    tokens, words = analysed
    gender = _grammatical_gender(words)
    head_anim = words[-1].kind == "noun" and "anim" in words[-1].parse.tag
    out = list(tokens)
    for w in words:
        pre, core, post = _strip(tokens[w.index])
        if w.kind == "noun":
            form = w.parse.inflect({case})
        else:
            grams = {case, gender, "sing"}
            if case == "accs" and gender == "masc" and (head_anim or words[-1].kind == "adj"):
                grams.add("anim")
            form = w.parse.inflect(grams)
        if form is None:
            return None
        out[w.index] = pre + _recase(form.word, core) + post
    return " ".join(out)


def title_head(title: str) -> tuple[str, str] | None:
    """("Генеральный прокурор", "masc") for "Генеральный прокурор Российской Федерации":
    the leading adjectives and head noun as written, and the head's grammatical gender."""
    analysed = _analyse_title(title)
    if analysed is None:
        return None
    tokens, words = analysed
    head = " ".join(_strip(t)[1] if i == words[-1].index else t
                    for i, t in enumerate(tokens[: words[-1].index + 1]))
    return head, _grammatical_gender(words)


def title_has_tail(title: str) -> bool:
    """True if the title names more than its head ("Генеральный прокурор Российской Федерации")."""
    analysed = _analyse_title(title)
    if analysed is None:
        return True
    tokens, words = analysed
    return len(tokens) > words[-1].index + 1
