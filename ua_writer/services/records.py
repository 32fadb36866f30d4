"""Changing what the user keeps: recording a sent letter, recipients, the sender profile,
preferences, importing an action, adding an imported UA to a stored action as its translation.
Every function returns the :class:`Changes` it made, so a front end refreshes from one place
(the GUI's ``MainWindow.apply_changes``) instead of each caller guessing which rows to reload.

Qt-free; imports core only. Expected failures raise UserFacingError from the store.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ua_writer.core.model import Action, Recipient, SenderProfile


@dataclass(frozen=True)
class Changes:
    """What an operation changed (cf. Anki's OpChanges)."""

    #: actions whose list row (sent/draft counts, searchable text) changed
    actions: frozenset[str] = field(default_factory=frozenset)
    #: actions were added, replaced or removed: the whole list is read again
    action_list: bool = False
    #: recipients of ``actions`` changed (the action on screen is shown again)
    recipients: bool = False
    sent: bool = False
    drafts: bool = False
    profile: bool = False
    #: preference keys that changed
    prefs: frozenset[str] = field(default_factory=frozenset)
    #: letter templates in the data dir changed (letters are composed again)
    templates: bool = False
    #: actions deleted (the window stops showing them)
    removed: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.actions | other.actions, self.action_list or other.action_list,
                       self.recipients or other.recipients, self.sent or other.sent,
                       self.drafts or other.drafts, self.profile or other.profile,
                       self.prefs | other.prefs, self.templates or other.templates,
                       self.removed | other.removed)

    def __bool__(self) -> bool:
        return bool(self.actions or self.action_list or self.recipients or self.sent
                    or self.drafts or self.profile or self.prefs or self.templates or self.removed)


NOTHING = Changes()


def mark_sent(store, action_id: str, recipient_id: str, language: str, channel: str,
              sent_on: _dt.date) -> Changes:
    """Record that the letter to ``recipient_id`` in ``language`` went out by ``channel``."""
    store.mark_sent(action_id, recipient_id, language, channel, sent_on)
    return Changes(actions=frozenset({action_id}), sent=True)


def keep_draft(store, action_id: str, language: str, recipient_id: str, text: str,
               composed: str):
    """Keep what the user typed as the draft of that letter — or, when the text is the composed
    letter again (``composed``), remove the draft: (the saved Draft or None, the Changes)."""
    if text == composed:
        if store.get_draft(action_id, language, recipient_id) is None:
            return None, NOTHING
        store.delete_draft(action_id, language, recipient_id)
        return None, Changes(actions=frozenset({action_id}), drafts=True)
    draft = store.save_draft(action_id, language, recipient_id, text)
    return draft, Changes(actions=frozenset({action_id}), drafts=True)


def delete_sent(store, action_id: str, record_id: int) -> Changes:
    store.delete_sent(record_id)
    return Changes(actions=frozenset({action_id}), sent=True)


def save_profile(store, profile: SenderProfile) -> Changes:
    store.save_profile(profile)
    return Changes(profile=True)


def set_pref(store, key: str, value) -> Changes:
    """Set one preference (``core.settings`` declares them; the store checks the value)."""
    store.set_pref(key, value)  # checked against core.settings
    return Changes(prefs=frozenset({key}))


def set_prefs(store, values: dict) -> Changes:
    """Set several preferences; only the ones whose value differs count as changed."""
    current = store.prefs()
    changes = NOTHING
    for key, value in values.items():
        if current.get(key) != value:
            changes |= set_pref(store, key, value)
    return changes


def add_recipient(store, action_id: str, recipient: Recipient, *, from_address_book: bool) -> Changes:
    """Attach ``recipient`` to the action through the address book (a new entry unless it was
    chosen from there), so it stays when the action's pack is updated."""
    if not from_address_book:
        store.save_contact(recipient)
    store.attach_contact(action_id, recipient.id)
    return Changes(actions=frozenset({action_id}), recipients=True)


def update_recipient(store, action_id: str, recipient_id: str, edited: Recipient) -> Changes:
    """Replace a recipient: an address-book entry in place (every action it is attached to
    changes), one of the pack's in the action, which becomes user-modified."""
    in_book = {r.id for r in store.action_address_book(action_id)}
    if recipient_id in in_book:
        store.save_contact(edited)
        return Changes(actions=frozenset({action_id}), recipients=True)
    pack = store.get_action(action_id, with_address_book=False)
    pack.recipients = [edited if r.id == recipient_id else r for r in pack.recipients]
    store.save_action(pack, replace=True)
    return Changes(actions=frozenset({action_id}), recipients=True)


def apply_group_pack(store, plan, *, templates_dir, overwrite: bool):
    """Apply a group pack's import plan (``core.uapack``): (its result, the Changes)."""
    from ua_writer.core import uapack

    result = uapack.apply_plan(plan, store, templates_dir=templates_dir, overwrite=overwrite)
    ids = result.added + result.updated
    return result, Changes(actions=frozenset(ids), action_list=bool(ids), recipients=bool(ids),
                           templates=bool(result.templates))


def import_action(store, action: Action, *, origin: str, replace: bool | None = None) -> Changes:
    """Save an imported (or reviewed) action. ``replace``: None replaces one with the same id (the
    review has shown it); False refuses it (the store's error names ``--replace``)."""
    store.save_action(action, origin=origin, replace=store.has_action(action.id) if replace is None else replace)
    return Changes(actions=frozenset({action.id}), action_list=True, recipients=True)


def add_translation(store, target_id: str, imported: Action, lang: str) -> tuple[Changes, list[str]]:
    """Add ``imported`` (another language's version of the stored action ``target_id``) to that
    action: its appeal points, title and summary under ``lang``; nothing else of the stored
    action changes. Returns the Changes and what was added ("appeals.de", "localized.de.title")."""
    from ua_writer.core.importer.translations import as_translation

    stored = store.get_action(target_id, with_address_book=False)
    updated, added = as_translation(stored, imported, lang)
    if added:
        store.save_action(updated, origin="user", replace=True)
    # the points and the localized title the list and the letters show: read again
    return Changes(actions=frozenset({target_id}), action_list=bool(added), recipients=bool(added)), added
