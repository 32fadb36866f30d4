"""Bringing a received Urgent Action into the store, once for every front end (the CLI's
``import``, the GUI's import review): what the user already knows fills what the UA left out
(``fill_from_known``, marked "from your address book"), another language's version of a stored
action is found (``translation_target``) so it can be added to that action instead of stored
twice (``records.add_translation``), a UA kept as a separate action gets an id of its own
(``separate_id``), and the importer's suggested Russian forms are named (``suggested_paths``) so
a front end can mark them for review.

Read-only: the data changes themselves are ``records.import_action`` and
``records.add_translation``. Qt-free; imports core only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ua_writer.core.model import Action, Recipient

#: the ImportResult.fields paths ``core.importer.russian`` suggests (office titles from the
#: directory, transliterated names): machine forms, always shown for review
_SUGGESTED = re.compile(r"^(?:recipients\[\d+\]\.localized\.ru\.(?:title|name)|persons\[\d+\]\.names\.ru)$")


@dataclass
class Prepared:
    """An ImportResult made ready for review: details filled in from the address book, and
    the stored action it is another language's version of (None: an ordinary import)."""

    result: object  # core.importer.ImportResult
    #: the language the UA is written in ("de")
    language: str
    #: field paths filled from the address book or stored actions ("recipients[0].fax")
    from_address_book: list[str] = field(default_factory=list)
    #: field paths holding machine-suggested Russian forms ("persons[0].names.ru")
    suggested: list[str] = field(default_factory=list)
    #: the stored action this UA is a translation of, if any
    target: Action | None = None
    #: an id no stored action has, for storing the UA as a separate action
    separate_id: str = ""


def stored_actions(store) -> list[Action]:
    """Every stored action as its pack holds it (without attached address-book entries)."""
    return [store.get_action(row.id, with_address_book=False) for row in store.action_rows()]


def known_recipients(store, stored: list[Action] | None = None) -> list[Recipient]:
    """The recipients the user already has: the address book first, then the stored actions'
    (``stored``, if the caller has read them already)."""
    known = list(store.contacts())
    for action in stored_actions(store) if stored is None else stored:
        known += action.recipients
    return known


def fill_from_known(store, result, stored: list[Action] | None = None) -> list[str]:
    """Fill the imported recipients' missing address, fax, e-mail and salutation from offices
    the address book or a stored action knows; the field paths filled (each recorded in
    ``result.fields`` as "from your address book")."""
    from ua_writer.core.importer.known import fill_from_known as fill

    return fill(result, known_recipients(store, stored))


def primary_language(action: Action) -> str:
    """The language an action's own title, summary and background are written in (an action
    imported from a German UA: "de"), by their stop words; without enough text to tell, the
    language most of its appeal points are in that is not a translation (one with a localized
    title), English on a tie."""
    from ua_writer.core.importer.cues import text_language

    own = "\n".join(t for t in (action.title, action.summary, action.background) if t)
    found = text_language(own) if len(own.split()) >= 8 else None
    if found:
        return found
    counts = {lang: len(points) for lang, points in action.appeals.items()
              if points and not (action.localized.get(lang) or {}).get("title")}
    if not counts or counts.get("en") == max(counts.values()):
        return "en"
    return max(counts, key=counts.get)


def has_language(action: Action, lang: str) -> bool:
    """Whether ``action`` already has text in ``lang`` (its own language, points or a title)."""
    return (lang == primary_language(action) or bool(action.appeals.get(lang))
            or bool((action.localized.get(lang) or {}).get("title")))


def matching_action(store, result, stored: list[Action] | None = None) -> Action | None:
    """The stored action ``result`` is another version of (same UA number, or the same persons
    and deadline), whatever its language."""
    from ua_writer.core.importer.translations import matching_action as match

    return match(result.action, stored_actions(store) if stored is None else stored)


def translation_target(store, result, stored: list[Action] | None = None) -> Action | None:
    """The stored action ``result`` is a version of in another language than that action's own:
    the one to offer adding it to as a translation (or, if it has that language already, to
    update that translation with). None: the UA matches nothing, or is in the action's own
    language (an ordinary import)."""
    match = matching_action(store, result, stored)
    if match is None or primary_language(match) == (result.language or "en"):
        return None
    return match


def separate_id(store, action: Action, lang: str | None) -> str:
    """``action``'s id, or, if an action has it already, one with the language added
    ("karimli-2021-de", "karimli-2021-de-2")."""
    taken = {row.id for row in store.action_rows()}
    if action.id not in taken:
        return action.id
    base, k = f"{action.id}-{lang or 'xx'}", 2
    new = base
    while new in taken:
        new, k = f"{base}-{k}", k + 1
    return new


def suggested_paths(result) -> list[str]:
    """The field paths of ``result`` that hold suggested Russian forms."""
    return [p for p in result.fields if _SUGGESTED.match(p)]


def prepare(store, result) -> Prepared:
    """Everything a review needs beyond the ImportResult (fills from the address book)."""
    lang = result.language or "en"
    stored = stored_actions(store)
    target = translation_target(store, result, stored)  # before filling: the UA as it came
    filled = fill_from_known(store, result, stored)
    return Prepared(result=result, language=lang, from_address_book=filled,
                    suggested=suggested_paths(result), target=target,
                    separate_id=separate_id(store, result.action, lang))


__all__ = ["Prepared", "prepare", "stored_actions", "known_recipients", "fill_from_known",
           "primary_language", "has_language", "matching_action", "translation_target",
           "separate_id", "suggested_paths"]
