"""The GUI's door to letter composition (``ua_writer.core.compose``): which languages a letter can
be in, the composed Letter for (action, recipient, language, profile, date), and copy letters that
carry the user's EDITED text.

Keeps the order the language picker shows: the action's requested languages first, then every
language with templates. Must not import widgets.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from ua_writer.core.letter import Letter
from ua_writer.core.model import Action, Recipient, SenderProfile


def _compose_module():
    """core.compose, imported on first use (Jinja2 and the grammar libraries are not needed
    before the first letter; the window paints sooner without them)."""
    from ua_writer.core import compose

    return compose


def available_languages() -> list[str]:
    return list(_compose_module().available_languages())


def letter_languages(action: Action) -> tuple[list[str], list[str]]:
    """(requested, others): the action's requested languages that have templates, in the action's
    order, then every other language with templates."""
    ordered = _compose_module().letter_languages(action)
    requested = [lang for lang in ordered if lang in action.languages]
    return requested, [lang for lang in ordered if lang not in requested]


def compose(action: Action, recipient: Recipient, language: str, profile: SenderProfile,
            date: _dt.date) -> Letter:
    return _compose_module().compose_letter(action, recipient, language, profile, date)


def copy_letter(edited: Letter, action: Action, original: Recipient, copy_recipient: Recipient,
                profile: SenderProfile, date: _dt.date) -> Letter:
    """The copy of the (edited) letter to ``original``, for sending to ``copy_recipient``: the same
    text, marked as a copy ("COPY"/"КОПИЯ"), with the copy's metadata from compose."""
    template = _compose_module().compose_letter(action, copy_recipient, edited.language, profile, date,
                                       copy_of=original)
    return dataclasses.replace(edited, copy_marker=template.copy_marker, meta=dict(template.meta))
