"""Search keys that match a name across scripts and transliteration systems: "Dzhuraev",
"Djuraev", "Juraev" and "Джураев" (or Tajik "Ҷӯраев") all give the same key.

:func:`skeleton` takes text to Latin with AnyAscii's per-character table (every script's
letters, Tajik/Uzbek/Kazakh Cyrillic included; applied through ``str.translate``, so 10,000
rows cost milliseconds), then folds the spellings that the usual systems (BGN/PCGN, ISO 9,
ICAO passports, French, German, Tajik/Uzbek Latin) write differently for one sound: dzh/dj/zh/j,
kh/x/h, ts/tz/c, ya/ia/ja, yu/iu/ju, y/i, doubled letters. Keys are for matching only (the
folding loses information on purpose) and never shown. Qt-free; imports no other module of the
package.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: blocks handed to AnyAscii: Latin with diacritics, Greek, Cyrillic and its supplement
_RANGES = ((0x00C0, 0x0250), (0x0370, 0x0400), (0x0400, 0x0530))

#: spellings of one sound in different systems, longest first; applied in this order
_FOLDS = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"),
    ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("x", "h"), ("q", "k"),
    ("tz", "c"), ("ts", "c"),
    ("yo", "o"), ("jo", "o"), ("ye", "e"),
    ("yu", "u"), ("iu", "u"), ("ju", "u"),
    ("ya", "a"), ("ia", "a"), ("ja", "a"),
    ("iy", "i"), ("yi", "i"), ("ij", "i"), ("y", "i"),
    ("w", "v"),
)
_DOUBLED = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from anyascii import anyascii

    table: dict[int, str] = {}
    for start, end in _RANGES:
        for cp in range(start, end):
            table[cp] = anyascii(chr(cp)).lower()
    for mark in "'\"`ʼʹʺ’":
        table[ord(mark)] = ""  # soft and hard signs, apostrophes
    return table


def skeleton(text: str) -> str:
    """The matching key of ``text`` (lower case ASCII for the scripts above; other characters,
    spaces and newlines stay where they are, so a joined list keeps its line breaks)."""
    key = text.casefold().translate(_table())
    for old, new in _FOLDS:
        if old in key:
            key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)
