"""Typography of a letter's language, in one place for every renderer (editor, PDF, DOCX, text,
e-mail, fax cover, envelope): compose runs the whole Letter through :func:`typeset_letter`, the
envelope and fax cover their lines through :func:`typeset`.

Rules, each only where the language wants it:

- initials stay with the surname: "Ю.\u00a0Я.\u00a0Чайке", "M.\u00a0A.\u00a0Peshkov",
  "Yurii\u00a0Ya.\u00a0Chaika" (a no-break space after an initial followed by a capitalised word, and
  between a given name and the initial after it);
- Russian abbreviations stay with what follows or precedes them: «2011\u00a0г.», «г.\u00a0Москва»,
  «д.\u00a015а», «ул.\u00a0Поварская»;
- French: a no-break space before ":" and a narrow no-break space before ";", "!", "?" (also
  where a space was typed before them), and inside « guillemets »;
- apostrophes: a straight ' between letters becomes ’ (the pack text and our templates had both);
- straight double quotes become the language's quotes: “…” (en), „…“ (de), « … » (fr), «…»
  (ru, es).

Text is never reworded; only spaces, quotes and apostrophes change. No Qt, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace

NBSP = "\u00a0"
NNBSP = "\u202f"

#: an initial ("Ю.", "M.", "Ya.") followed by a space and a capitalised word
_INITIAL = re.compile(r"(?<![\w.])([A-ZА-ЯЁ][a-zа-яё]?\.) (?=[A-ZА-ЯЁ])")
#: Russian abbreviations bound to the next word: г. Москва, д. 15а, ул. Поварская, пл., п/о, корп.
#: a given name before its initial: "Yurii Ya.\u00a0Chaika" must not break after "Yurii" either
_NAME_BEFORE_INITIAL = re.compile(r"(?<![\w.])([A-ZА-ЯЁ][a-zа-яё]+) (?=[A-ZА-ЯЁ][a-zа-яё]?\.\u00a0[A-ZА-ЯЁ])")
_RU_BEFORE = re.compile(r"(?<![\wА-Яа-яЁё])(г|д|ул|пл|п/о|пр|пер|корп|стр|кв|обл|р-н|т|им|с)\. ")
#: … and the year bound to «г.»: «2011 г.»
_RU_YEAR = re.compile(r"(\d) (гг?\.)")
_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÿА-Яа-яЁё])'(?=[A-Za-zÀ-ÿА-Яа-яЁё])")
_FR_COLON = re.compile(r"(?<=[\w»)\]’])[ \u00a0\u202f]?:(?=\s|$)")
_FR_PUNCT = re.compile(r"(?<=[\w»)\]’])[ \u00a0\u202f]?([;!?])(?=\s|$|[»)])")
_DQUOTE = re.compile(r'"([^"\n]+)"')

_QUOTES = {"en": ("“", "”"), "de": ("„", "“"), "fr": ("«" + NBSP, NBSP + "»"), "ru": ("«", "»"),
           "es": ("«", "»")}


def typeset(text: str, lang: str) -> str:
    """``text`` with the typography of ``lang`` (a code such as "ru", "fr", "de-CH")."""
    if not text:
        return text
    return _typeset(text, lang)


@lru_cache(maxsize=4096)
def _typeset(text: str, lang: str) -> str:
    """:func:`typeset`, remembered: the paragraphs of a mail merge's letters are the same."""
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    out = _INITIAL.sub(lambda m: m.group(1) + NBSP, text)
    out = _INITIAL.sub(lambda m: m.group(1) + NBSP, out)     # "M. A. Peshkov": both initials
    out = _NAME_BEFORE_INITIAL.sub(lambda m: m.group(1) + NBSP, out)
    out = _APOSTROPHE.sub("’", out)
    if base in _QUOTES:
        left, right = _QUOTES[base]
        out = _DQUOTE.sub(lambda m: left + m.group(1).strip() + right, out)
    if base == "ru":
        out = _RU_BEFORE.sub(lambda m: m.group(1) + "." + NBSP, out)
        out = _RU_YEAR.sub(lambda m: m.group(1) + NBSP + m.group(2), out)
    elif base == "fr":
        out = _FR_COLON.sub(NBSP + ":", out)
        out = _FR_PUNCT.sub(lambda m: NNBSP + m.group(1), out)
        out = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, out)
        out = re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", out)
    return out


def typeset_lines(lines: list[str], lang: str) -> list[str]:
    return [typeset(line, lang) for line in lines]


def typeset_letter(letter):
    """A copy of ``letter`` (core.letter.Letter) with every block typeset in its language."""
    lang = letter.language
    t = lambda s: typeset(s, lang)  # noqa: E731
    tl = lambda ls: typeset_lines(list(ls), lang)  # noqa: E731
    return replace(
        letter, sender=tl(letter.sender), place_date=t(letter.place_date),
        addressee=tl(letter.addressee), subject=t(letter.subject), salutation=t(letter.salutation),
        paragraphs=tl(letter.paragraphs), closing=t(letter.closing), signature=tl(letter.signature),
        copies_heading=t(letter.copies_heading), copies=tl(letter.copies),
        copy_marker=t(letter.copy_marker), untranslated=tl(letter.untranslated),
        meta={**letter.meta, **({"subject_text": t(letter.meta["subject_text"])}
                                if letter.meta.get("subject_text") else {})})


#: French ordinal abbreviations set as superscript: "1er", "1re" (the first of the month, "1er
#: avril"). The text keeps the plain letters (editor, plain text, e-mail, search); the PDF and
#: DOCX renderers raise them (superscript_spans).
_SUPERSCRIPT = {"fr": re.compile(r"(?<![\d\w])(1)(er|re)(?=[\s\u00a0\u202f,.;:)]|$)")}


def superscript_spans(text: str, lang: str | None) -> list[tuple[str, bool]]:
    """``text`` as (part, is_superscript) pairs: the ordinal suffixes the language sets raised
    ("1er" -> ("1", False), ("er", True)); a single (text, False) where there are none."""
    pattern = _SUPERSCRIPT.get((lang or "").split("-")[0])
    if not pattern or not text:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append((text[pos:m.end(1)], False))
        out.append((m.group(2), True))
        pos = m.end(2)
    out.append((text[pos:], False))
    return [(t, sup) for t, sup in out if t] or [(text, False)]
