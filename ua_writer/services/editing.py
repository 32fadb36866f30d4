"""Editing what the store holds about one action, for the GUI's editors (action editor, recipient
editor) and anything else that edits: save an edited action, take a recipient off an action,
delete an action. Each returns the ``records.Changes`` it made, so a front end refreshes from one
place; one recipient edited in place and an imported action are ``records.update_recipient`` and
``records.import_action``.

An action's recipients come from two places: the action's own pack and the address book (entries
the user keeps, attached to actions). ``Store.get_action`` joins them; these functions split them
again: an attached address-book entry is saved as a contact (every action it is on sees the
change), everything else goes into the pack. Qt-free; imports core only.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ua_writer.core.errors import NotFoundError
from ua_writer.core.i18n import _
from ua_writer.core.model import Action
from ua_writer.services.records import Changes


@dataclass(frozen=True)
class Footprint:
    """What goes with an action when it is deleted."""

    drafts: int
    sent: int


def _attached_ids(store, action_id: str) -> list[str]:
    return [r.id for r in store.action_address_book(action_id)]


def update_action(store, action: Action) -> Changes:
    """Save ``action`` as edited (recipients in their edited order, address-book entries among
    them saved as contacts, entries no longer listed detached). The action must exist."""
    if not store.has_action(action.id):
        raise NotFoundError(_("no action with id {id}").format(id=repr(action.id)))
    attached = set(_attached_ids(store, action.id))
    own = [r for r in action.recipients if r.id not in attached]
    kept = [r for r in action.recipients if r.id in attached]
    store.save_action(dataclasses.replace(action, recipients=own), replace=True)
    old = {r.id: r for r in store.action_address_book(action.id)}
    for r in kept:
        if old.get(r.id) != r:
            store.save_contact(r)  # other actions it is on: their rows are read again below
    for rid in attached - {r.id for r in kept}:
        store.detach_contact(action.id, rid)
    # title, deadline (and so the status) or a shared contact may have changed: the whole list
    return Changes(actions=frozenset({action.id}), action_list=True, recipients=True)


def remove_recipient(store, action_id: str, recipient_id: str) -> Changes:
    """Take a recipient off an action: detach an address-book entry (the entry stays in the
    book), or drop it from the action's pack. Drafts to it stay (and return if it does)."""
    if recipient_id in _attached_ids(store, action_id):
        store.detach_contact(action_id, recipient_id)
    else:
        pack = store.get_action(action_id, with_address_book=False)
        if pack.recipient(recipient_id) is None:
            raise NotFoundError(_("no recipient with id {id}").format(id=repr(recipient_id)))
        pack.recipients = [r for r in pack.recipients if r.id != recipient_id]
        store.save_action(pack, replace=True)
    return Changes(actions=frozenset({action_id}), recipients=True)


def footprint(store, action_id: str) -> Footprint:
    """How many drafts and sent records an action has (they are deleted with it)."""
    return Footprint(drafts=len(store.drafts(action_id)), sent=len(store.sent(action_id)))


def delete_action(store, action_id: str) -> Changes:
    """Delete an action with its drafts and sent records (a bundled one stays deleted)."""
    store.delete_action(action_id)
    return Changes(action_list=True, removed=frozenset({action_id}), drafts=True, sent=True)
