"""Another language's version of an action already in the store: find it, and add it as a translation.

Sections send the same Urgent Action in German, French or Spanish. Importing such a text should
not create a second action: ``matching_action`` finds the stored action it is a version of (the
same UA number, or the same persons and the same deadline), and ``as_translation`` returns that
action with the imported text's appeal points, title and summary stored under the text's
language (``appeals[lang]``, ``localized[lang].title/summary``) — the pack format's existing
per-language places — so letters in that language use them. Nothing else of the stored action
changes (its recipients, dates and English text stay as they were). No Qt, no I/O.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable

from ua_writer.core.model import Action


_LETTERS = str.maketrans({"ə": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})


def _norm_name(name: str) -> str:
    t = unicodedata.normalize("NFKD", name.lower().translate(_LETTERS))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-zа-яё ]", "", t).strip()


def _surnames(action: Action) -> set[str]:
    return {_norm_name(p.name).split()[-1] for p in action.persons if _norm_name(p.name).split()}


def _ua(action: Action) -> str | None:
    if not action.ua_number:
        return None
    m = re.match(r"\s*(\d{1,4})\s*[/.]\s*(\d{2,4})", action.ua_number)
    return f"{int(m[1])}/{m[2][-2:]}" if m else None


def matching_action(imported: Action, stored: Iterable[Action]) -> Action | None:
    """The stored action ``imported`` is another version of, or None. Same UA number (e.g. "113/20"
    and "113.20") wins; else the same deadline and at least one person's surname in common."""
    ua = _ua(imported)
    names = _surnames(imported)
    fallback = None
    for a in stored:
        if a.id == imported.id and a.title == imported.title:
            continue  # the very same import, not another language's version
        if ua and _ua(a) == ua:
            return a
        if imported.deadline and a.deadline == imported.deadline and names & _surnames(a):
            fallback = fallback or a
    return fallback


def as_translation(existing: Action, imported: Action, lang: str) -> tuple[Action, list[str]]:
    """``existing`` with ``imported``'s appeal points, title and summary under ``lang``.

    Returns the updated copy and the names of what was added (``appeals.de``, ``localized.de.title``
    …). The stored action's own fields are kept; a language it already has is overwritten only
    where the imported text has something.
    """
    out = copy.deepcopy(existing)
    changed: list[str] = []
    points = imported.appeals.get(lang) or []
    if points:
        out.appeals[lang] = list(points)
        changed.append(f"appeals.{lang}")
    local = dict(out.localized.get(lang) or {})
    if imported.title and imported.title != existing.title:
        local["title"] = imported.title
        changed.append(f"localized.{lang}.title")
    if imported.summary:
        local["summary"] = imported.summary
        changed.append(f"localized.{lang}.summary")
    if local:
        out.localized[lang] = local
    return out, changed


__all__ = ["matching_action", "as_translation"]
