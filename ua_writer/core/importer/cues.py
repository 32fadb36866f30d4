"""Cue words per language, loaded from data files (``cues/<lang>.json``), not written into code.

Each file lists, for one language, the words that carry evidence in an Urgent Action: the
"Urgent Action" names of the document type, the verbs of the write/send instruction, the
prepositions before a deadline, the headers that open the recipient and copy sections, greetings,
honorifics, office (role) and institution words, the nouns that stand before a person's name,
instruction bullets that are not appeal points, contact labels ("Fax", "Courriel") and stop
words. ``common.json`` holds the language-independent data (bullet glyphs, street
abbreviations). Month and weekday names come from Babel's CLDR data (``fields.month_names``).

``cues()`` merges every language into one lookup (a UA mixes languages: a German UA quotes
English addresses); ``by_lang()`` keeps them apart for telling a text's language. Adding a
language = adding one JSON file with the same keys. No Qt, no I/O beyond the package's files.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DIR = Path(__file__).with_name("cues")
#: the languages shipped (a file per language); others can be dropped in
LANGS = tuple(sorted(p.stem for p in DIR.glob("*.json") if p.stem != "common"))

_LIST_KEYS = ("urgent_action", "series", "chrome", "captions", "write", "before", "after_negated",
              "negation", "recipients", "copies", "sample_letter", "salutations", "honorifics", "roles",
              "institutions", "organisations", "person_nouns", "instructions", "notes", "language_intro",
              "language_connectors", "stopwords", "recipients_tail", "after_conditional", "language_labels", "appeal_verbs")
LABEL_KINDS = ("fax", "phone", "email", "salutation", "web", "copies")


@dataclass(eq=False)
class Cues:
    """Union of the cue lists of several languages (lower case)."""

    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # label word -> kind
    language_suffix: dict[str, str] = field(default_factory=dict)
    months_extra: dict[str, int] = field(default_factory=dict)
    bullets: str = ""
    street_abbreviations: frozenset[str] = frozenset()
    street_suffixes: frozenset[str] = frozenset()
    state_words: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.lists.get(key, ())

    def set(self, key: str) -> frozenset[str]:
        return _as_set(self, key)

    def pattern(self, key: str) -> re.Pattern:
        """A regex matching any phrase of ``key`` at word boundaries (longest first)."""
        return _pattern(self, key)


@functools.cache
def _as_set(c: Cues, key: str) -> frozenset[str]:
    return frozenset(c[key])


@functools.cache
def _pattern(c: Cues, key: str) -> re.Pattern:
    phrases = sorted(set(c[key]), key=len, reverse=True)
    if not phrases:
        return re.compile(r"(?!x)x")
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w]){'(?:' + alt + ')'}(?![\w])", re.I)


def _read(name: str) -> dict:
    return json.loads((DIR / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def by_lang() -> dict[str, Cues]:
    return {lang: _build([lang]) for lang in LANGS}


@functools.cache
def cues() -> Cues:
    """Every language's cues merged."""
    return _build(list(LANGS))


def _build(langs: list[str]) -> Cues:
    lists: dict[str, list[str]] = {k: [] for k in _LIST_KEYS}
    labels: dict[str, str] = {}
    suffix: dict[str, str] = {}
    months: dict[str, int] = {}
    for lang in langs:
        data = _read(lang)
        for k in _LIST_KEYS:
            for w in data.get(k, []):
                w = w.lower()
                if w not in lists[k]:
                    lists[k].append(w)
        for kind, words in (data.get("labels") or {}).items():
            for w in words:
                labels.setdefault(w.lower(), kind)
        suffix.update(data.get("language_suffix") or {})
        months.update({k.lower(): int(v) for k, v in (data.get("months_extra") or {}).items()})
    common = _read("common")
    return Cues(lists={k: tuple(v) for k, v in lists.items()}, labels=labels, language_suffix=suffix,
                months_extra=months, bullets="".join(common.get("bullets", [])),
                street_abbreviations=frozenset(w.lower() for w in common.get("street_prefixes", []) +
                                               common.get("street_suffixes", [])),
                street_suffixes=frozenset(w.lower() for w in common.get("street_suffixes", [])),
                state_words=tuple(sorted((w.lower() for w in common.get("state_words", [])), key=len,
                                         reverse=True)))


_WORD = re.compile(r"[^\W\d_]+", re.U)


def text_language(text: str) -> str | None:
    """The cue language whose stop words are most frequent in ``text`` (Cyrillic -> "ru")."""
    sample = text[:20000]
    cyr = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyr > lat:
        return "ru"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return None
    best, best_n = None, 0
    for lang, c in by_lang().items():
        stop = c.set("stopwords")
        n = sum(1 for w in words if w in stop)
        if n > best_n:
            best, best_n = lang, n
    return best


__all__ = ["cues", "by_lang", "text_language", "Cues", "LANGS", "LABEL_KINDS"]
