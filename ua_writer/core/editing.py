"""Use cases for editing what the store holds about one action, written once for the GUI's
editors (action editor, recipient editor, import review) and anything else that edits: save an
edited action, save or remove one recipient, delete an action. Each returns an ``Edited`` that
says what changed, so a caller refreshes from it instead of guessing.

An action's recipients come from two places: the action's own pack and the address book (entries
the user keeps, attached to actions). ``Store.get_action`` joins them; these functions split them
again: an attached address-book entry is saved as a contact (every action it is on sees the
change), everything else goes into the pack. Qt-free; must not import ui/.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ua_writer.core.i18n import _
from ua_writer.core.errors import NotFoundError
from ua_writer.core.model import Action, Recipient


@dataclass(frozen=True)
class Edited:
    """What an edit changed: actions saved (ids as stored now), actions gone, and whether
    address-book entries changed (other actions' recipients and search text with them)."""

    saved: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    contacts_changed: bool = False


@dataclass(frozen=True)
class Footprint:
    """What goes with an action when it is deleted."""

    drafts: int
    sent: int


def _attached_ids(store, action_id: str) -> list[str]:
    return [r.id for r in store.action_address_book(action_id)]


def update_action(store, action: Action) -> Edited:
    """Save ``action`` as edited (recipients in their edited order, address-book entries among
    them saved as contacts, entries no longer listed detached). The action must exist."""
    if not store.has_action(action.id):
        raise NotFoundError(_("no action with id {id}").format(id=repr(action.id)))
    attached = set(_attached_ids(store, action.id))
    own = [r for r in action.recipients if r.id not in attached]
    kept = [r for r in action.recipients if r.id in attached]
    store.save_action(dataclasses.replace(action, recipients=own), replace=True)
    old = {r.id: r for r in store.action_address_book(action.id)}
    changed = False
    for r in kept:
        if old.get(r.id) != r:
            store.save_contact(r)
            changed = True
    for rid in attached - {r.id for r in kept}:
        store.detach_contact(action.id, rid)
    return Edited(saved=(action.id,), contacts_changed=changed)


def save_new_action(store, action: Action, *, origin: str = "imported", replace: bool = False) -> Edited:
    """Store an action that came from outside (an import), exactly as reviewed."""
    store.save_action(action, origin=origin, replace=replace)
    return Edited(saved=(action.id,))


def update_recipient(store, action_id: str, recipient: Recipient) -> Edited:
    """Save one edited recipient of an action: a contact if it is an attached address-book
    entry, else in the action's pack (which makes a bundled action user-modified)."""
    if recipient.id in _attached_ids(store, action_id):
        store.save_contact(recipient)
        return Edited(saved=(action_id,), contacts_changed=True)
    pack = store.get_action(action_id, with_address_book=False)
    if pack.recipient(recipient.id) is None:
        raise NotFoundError(_("no recipient with id {id}").format(id=repr(recipient.id)))
    pack.recipients = [recipient if r.id == recipient.id else r for r in pack.recipients]
    store.save_action(pack, replace=True)
    return Edited(saved=(action_id,))


def remove_recipient(store, action_id: str, recipient_id: str) -> Edited:
    """Take a recipient off an action: detach an address-book entry (the entry stays in the
    book), or drop it from the action's pack. Drafts to it stay (and return if it does)."""
    if recipient_id in _attached_ids(store, action_id):
        store.detach_contact(action_id, recipient_id)
        return Edited(saved=(action_id,))
    pack = store.get_action(action_id, with_address_book=False)
    if pack.recipient(recipient_id) is None:
        raise NotFoundError(_("no recipient with id {id}").format(id=repr(recipient_id)))
    pack.recipients = [r for r in pack.recipients if r.id != recipient_id]
    store.save_action(pack, replace=True)
    return Edited(saved=(action_id,))


def footprint(store, action_id: str) -> Footprint:
    """How many drafts and sent records an action has (they are deleted with it)."""
    return Footprint(drafts=len(store.drafts(action_id)), sent=len(store.sent(action_id)))


def delete_action(store, action_id: str) -> Edited:
    """Delete an action with its drafts and sent records (a bundled one stays deleted)."""
    store.delete_action(action_id)
    return Edited(removed=(action_id,))
