"""Signing drafts written before the sender profile existed. Qt-free.

A letter composed without a profile carries placeholder lines ("[Your name]", "[Your address]" /
"[Ваше имя]", "[Ваш адрес]") as its sender block and signature. Once the profile is saved, a draft
whose sender block is still exactly those lines can be signed: the draft is mapped onto the
placeholder Letter (``letter.from_text``), its ``sender`` (and its ``signature``, where that is
still the placeholder too) swapped for the profile's lines, and serialised again (``to_text``).
Nothing else changes: a draft whose text would not come back block for block from that round trip
(text after the signature, a date split over two lines ...) is left alone, and so is one whose
sender block the user edited. The GUI asks before doing it (ui/resigning.py).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from typing import Callable, Iterable

from ua_writer.core.errors import UserFacingError
from ua_writer.core.letter import Letter, _split_blocks, from_text
from ua_writer.core.model import Action, Draft, SenderProfile

Key = tuple[str, str, str]  # (action_id, language, recipient_id), as drafts are stored


def sign_text(text: str, unsigned: Letter, signed: Letter) -> str | None:
    """``text`` (a draft of the letter ``unsigned``, composed with placeholders) signed with the
    sender block and signature of ``signed`` (the same letter composed with the profile).

    None when the draft's sender block is not exactly the placeholder block, when re-serialising
    the draft would change anything but those lines, or when nothing would change.
    """
    parsed = from_text(text, unsigned)
    if parsed.sender != unsigned.sender or parsed.copy_marker != unsigned.copy_marker:
        return None
    if _split_blocks(parsed.to_text()) != _split_blocks(text):
        return None  # to_text() would move or merge some of the user's text: do not touch it
    new = dataclasses.replace(parsed, sender=list(signed.sender))
    if parsed.signature == unsigned.signature:
        new.signature = list(signed.signature)
    out = new.to_text()
    return out if out != text else None


@dataclass
class SignedDraft:
    key: Key
    text: str        # the draft, signed
    template: str    # the letter as composed with the profile (a draft equal to it is no draft)


def _placeholder_name(language: str) -> str | None:
    from ua_writer.core.lang import get_rules

    try:
        return get_rules(language).words.get("your_name")
    except ValueError:
        return None


def sign_drafts(drafts: Iterable[Draft | tuple[Key, str]], get_action: Callable[[str], Action],
                profile: SenderProfile, today: _dt.date) -> list[SignedDraft]:
    """The drafts (Draft objects or ``(key, text)`` pairs) that still carry the placeholder sender
    block, signed with ``profile``. ``get_action(id)`` gives the action (as the editor uses it,
    address-book recipients included); drafts of unknown actions or recipients are skipped."""
    if profile.is_empty():
        return []
    from ua_writer.core import compose

    actions: dict[str, Action | None] = {}
    out: list[SignedDraft] = []
    for d in drafts:
        key, text = ((d.action_id, d.language, d.recipient_id), d.text) if isinstance(d, Draft) else d
        action_id, language, recipient_id = key
        placeholder = _placeholder_name(language)
        if not text or not placeholder or placeholder not in text:
            continue  # cheap: no placeholder name anywhere in the draft
        if action_id not in actions:
            try:
                actions[action_id] = get_action(action_id)
            except UserFacingError:
                actions[action_id] = None
        action = actions[action_id]
        if action is None or action.recipient(recipient_id) is None:
            continue
        try:
            unsigned = compose.compose_letter(action, recipient_id, language, SenderProfile(), today)
            signed = compose.compose_letter(action, recipient_id, language, profile, today)
        except UserFacingError:
            continue
        new = sign_text(text, unsigned, signed)
        if new is not None:
            out.append(SignedDraft(key, new, signed.to_text()))
    return out


__all__ = ["SignedDraft", "sign_drafts", "sign_text"]
