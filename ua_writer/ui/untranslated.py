"""One question before a letter with text still to translate leaves the app (issue #15: "no letter
leaves with untranslated text by accident").

A letter in a language the action has no appeal points in carries the "[… please translate]"
block (``Letter.untranslated``): the editor and the preview show it marked, the PDF and DOCX print
it marked. Every way out of the window — export (PDF, DOCX, fax packet), copy letters, print,
e-mail, mail merge — calls :func:`may_leave` first. The question offers to translate the points
now (the action editor's side-by-side *Appeal points* tab, on the letter's language), to go on
anyway, or to cancel; a finished letter goes without a question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ua_writer.core.i18n import _
from ua_writer.ui import prompts


def needs_translation(letters: Iterable) -> bool:
    """True when any of ``letters`` (``Letter`` or None) still has the block to translate."""
    return any(letter is not None and letter.has_untranslated for letter in letters)


def may_leave(parent, letters: Iterable, go: str,
              translate: Callable[[], object] | None = None) -> bool:
    """Ask before ``letters`` leave with text still to translate; True to go on.

    ``go`` is the button that goes on ("Export anyway", "Print anyway", …). With ``translate``
    the first (default) button opens the translation instead, and the letter does not leave."""
    if not needs_translation(letters):
        return True
    text = _("This letter still has a paragraph marked for translation (the appeal points in "
             "another language). It will go out marked, not as finished text.")
    choices = []
    if translate is not None:
        text += " " + _("Translate the points now? They are used in every letter in this language.")
        choices.append(("translate", _("Translate the points…")))
    choices.append(("go", go))
    way = prompts.get().choose(parent, _("Text still to translate"), text, choices)
    if way == "translate" and translate is not None:
        translate()
        return False
    return way == "go"
