"""After the sender profile is saved: offer to sign the drafts still signed "[Your name]".

``offer_to_sign_drafts(window)`` finds the drafts whose sender block is still the placeholder one
(``core.signing``: only the sender block and a placeholder signature change), asks through
``prompts`` (default yes) and hands the signed texts to the window's DraftKeeper, so the editor,
its cache and the background writer all see the same text. Uses only the window's public parts
(``store``, ``keeper``, ``today``). Must not import the main window or dialogs.
"""

from __future__ import annotations

import logging

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.ui import prompts

log = logging.getLogger(__name__)


def offer_to_sign_drafts(window) -> int:
    """Ask, then sign the placeholder drafts; returns how many were signed."""
    from ua_writer.core.signing import sign_drafts

    store, keeper = window.store, window.keeper
    profile = store.profile()
    if profile.is_empty():
        return 0
    keeper.flush()  # what the user typed last is on disk (and in the keeper's memory)
    drafts = []
    for d in store.drafts():
        key = (d.action_id, d.language, d.recipient_id)
        text = keeper.text_for(key)
        if text is not None:
            drafts.append((key, text))
    try:
        found = sign_drafts(drafts, store.get_action, profile, window.today)
    except UserFacingError as e:  # pragma: no cover - a template broken since the drafts were written
        log.warning("drafts not checked for placeholders: %s", e)
        return 0
    if not found:
        return 0
    n = len(found)
    if not prompts.get().question(
            window, _("Sign your drafts?"),
            ngettext("{n} draft was written before you filled in your profile and is still signed "
                     "with placeholders such as “[Your name]”. Put your name and address in it? "
                     "Nothing else in the draft changes.",
                     "{n} drafts were written before you filled in your profile and are still "
                     "signed with placeholders such as “[Your name]”. Put your name and address in "
                     "them? Nothing else in the drafts changes.", n).format(n=n),
            yes=_("Sign drafts"), no=_("Leave them")):
        return 0
    for signed in found:
        keeper.schedule(signed.key, signed.text, signed.template)
    keeper.write_pending()
    return n
