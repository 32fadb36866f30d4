"""Letters as every front end asks for them: which recipients a letter goes to, which languages
it can be in, and the composed Letter with the user's edits applied.

The rules live here once, for the CLI, the GUI and the mail merge alike:

* **targets** — one recipient, every main recipient ("all") or the copy recipients ("copies");
  a copy letter copies the letter to a main recipient (``copy_of``, else the first main one);
* **languages** — the action's requested languages with templates first, then the others; the
  default is the first requested one, else the profile's, else English;
* **composing** — ``compose()`` makes the letter for (action, recipient, language, profile,
  date); a copy recipient always gets a copy letter composed *for it* (its address in the
  envelope window, "COPY" on top), with the user's edits to the main letter carried over by
  :class:`LetterEdits` (the paragraphs, subject, salutation and closing they changed; the rest as
  composed for that letter).

Qt-free; imports core only (``core.compose`` lazily: Jinja2 and the grammar libraries are not
needed before the first letter).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.i18n import _
from ua_writer.core.letter import Letter, from_text
from ua_writer.core.model import Action, Recipient, SenderProfile

#: the ``to`` values that name more than one recipient
ALL, COPIES = "all", "copies"


def _compose_module():
    from ua_writer.core import compose

    return compose


# -- languages ------------------------------------------------------------------------------------

def available_languages() -> list[str]:
    """Every language with letter templates."""
    return list(_compose_module().available_languages())


def letter_languages(action: Action) -> tuple[list[str], list[str]]:
    """(requested, others): the action's requested languages that have templates, in the
    action's order, then every other language with templates."""
    ordered = _compose_module().letter_languages(action)
    requested = [lang for lang in ordered if lang in action.languages]
    return requested, [lang for lang in ordered if lang not in requested]


def unwritable_languages(action: Action) -> list[str]:
    """The action's requested languages that no letter template exists for (e.g. Belarusian):
    the front ends say so instead of leaving them out silently."""
    available = set(available_languages())
    out: list[str] = []
    for lang in action.languages:
        if lang not in available and lang not in out:
            out.append(lang)
    return out


def preferred_language(action: Action, profile: SenderProfile | None) -> str | None:
    """The language to write in: the first of the action's requested languages (with templates)
    that the user writes in (their profile's languages), else its first requested one, else one
    of the user's languages; None when nothing fits."""
    requested, others = letter_languages(action)
    mine = profile.languages if profile is not None else []
    for lang in requested:
        if lang in mine:
            return lang
    if requested:
        return requested[0]
    return next((lang for lang in mine if lang in others), None)


def default_language(action: Action, profile: SenderProfile | None,
                     requested: str | None = None) -> str:
    """``requested`` if given; else :func:`preferred_language`; else the action's first
    language (whose missing templates the composer then names) or English."""
    if requested:
        return requested.strip()
    return preferred_language(action, profile) or (action.languages[0] if action.languages else "en")


def default_letter(action: Action, profile: SenderProfile | None,
                   drafts) -> tuple[str | None, str | None]:
    """(language, recipient id) to open an action on: the most recently edited draft's letter
    to a main recipient; else :func:`preferred_language` and the first main recipient (None)."""
    mains = {r.id for r in action.main_recipients()}
    for d in sorted(drafts, key=lambda d: d.updated_at, reverse=True):
        if d.recipient_id in mains:
            return d.language, d.recipient_id
    return preferred_language(action, profile), None


# -- targets --------------------------------------------------------------------------------------

def _ids(recipients) -> str:
    return ", ".join(r.id for r in recipients) or _("none")


def writable_mains(action: Action) -> list[Recipient]:
    """The main recipients a letter can be written to (not the copies-only ones)."""
    return [r for r in action.main_recipients() if not r.copies_only]


def is_copy_target(recipient: Recipient) -> bool:
    """Whether a letter for ``recipient`` is a copy letter."""
    return recipient.is_copy or recipient.copies_only


def targets(action: Action, to: str | None = None) -> list[Recipient]:
    """The recipients ``to`` names: a recipient id, ``"all"`` (every main recipient),
    ``"copies"`` (every copy recipient), or None (the first main recipient)."""
    if to in (None, ALL):
        main = writable_mains(action)
        if not main:
            raise UserFacingError(_("action {action} has no main recipient to write to "
                                    "(recipients: {ids}); use --to with one of them").format(
                action=repr(action.id), ids=_ids(action.recipients)))
        return main if to == ALL else main[:1]
    if to == COPIES:
        copies = action.copy_recipients()
        if not copies:
            raise UserFacingError(_("action {action} has no copy recipients (recipients: "
                                    "{ids})").format(action=repr(action.id), ids=_ids(action.recipients)))
        return copies
    r = action.recipient(to)
    if r is None:
        raise NotFoundError(_("action {action} has no recipient {recipient} (recipients: "
                              "{ids})").format(action=repr(action.id), recipient=repr(to),
                                               ids=_ids(action.recipients)))
    return [r]


def main_recipient(action: Action, copy_of: str | None = None) -> Recipient:
    """The main recipient whose letter a copy letter copies: ``copy_of`` or the first one."""
    if copy_of:
        r = action.recipient(copy_of)
        if r is None or r.is_copy or r.copies_only:
            raise NotFoundError(_("--copy-of must name a main recipient of {action} (main "
                                  "recipients: {ids})").format(action=repr(action.id),
                                                               ids=_ids(writable_mains(action))))
        return r
    mains = writable_mains(action)
    if not mains:
        raise UserFacingError(_("action {action} has no main recipient whose letter a copy could "
                                "be made of").format(action=repr(action.id)))
    return mains[0]


# -- composing ------------------------------------------------------------------------------------

def compose(action: Action, recipient: Recipient | str, language: str,
            profile: SenderProfile | None, date: _dt.date, *, copy_of: Recipient | str | None = None,
            edits: LetterEdits | None = None) -> Letter:
    """The letter to ``recipient``: a copy recipient gets a copy letter of the letter to
    ``copy_of`` (default: the first main recipient), composed for the copy recipient; ``edits``
    (the user's changes to a letter of this action) are applied on top."""
    if isinstance(recipient, str):
        r = action.recipient(recipient)
        if r is None:
            targets(action, recipient)  # raises NotFoundError naming the valid ids
        recipient = r
    original = None
    if is_copy_target(recipient):
        if isinstance(copy_of, Recipient):
            original = copy_of
        else:
            original = main_recipient(action, copy_of)
    letter = _compose_module().compose_letter(action, recipient, language, profile, date,
                                              copy_of=original)
    return edits.apply(letter) if edits is not None else letter


def copy_letters(action: Action, original: Recipient, language: str, profile: SenderProfile | None,
                 date: _dt.date, edited: Letter | None = None) -> list[tuple[Recipient, Letter]]:
    """The copy letter for every copy recipient of the letter to ``original``, each composed for
    its copy recipient; ``edited`` (the user's letter to ``original``) carries their edits."""
    edits = None
    if edited is not None:
        template = compose(action, original, language, profile, date)
        edits = LetterEdits(template, edited)
    return [(c, compose(action, c, language, profile, date, copy_of=original, edits=edits))
            for c in action.copy_recipients()]


# -- the user's edits -----------------------------------------------------------------------------

def _merge_paragraphs(template: list[str], edited: list[str], target: list[str]) -> list[str]:
    """``edited`` with every run of paragraphs it kept unchanged from ``template`` replaced by
    the same run of ``target`` (the same template composed for someone else)."""
    if len(target) != len(template):  # not the same template: the edited text as it is
        return list(edited)
    from difflib import SequenceMatcher

    out: list[str] = []
    ops = SequenceMatcher(None, template, edited, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out += target[i1:i2]
        elif tag in ("replace", "insert"):
            out += edited[j1:j2]
    return out


@dataclass
class LetterEdits:
    """The user's edits to one letter: ``edited`` (their text mapped onto the letter) against
    ``template`` (the same letter as composed). :meth:`apply` carries the changed parts over to
    another letter of the same action (for another signer, or a copy for another recipient)."""

    template: Letter
    edited: Letter

    @property
    def after_signature(self) -> list[str]:
        """Lines the user wrote below their name (a postscript): they follow every signature."""
        return self.edited.signature[len(self.template.signature):]

    @property
    def changed(self) -> bool:
        t, e = self.template, self.edited
        return (t.subject, t.salutation, t.paragraphs, t.closing) != \
            (e.subject, e.salutation, e.paragraphs, e.closing) or bool(self.after_signature)

    def apply(self, letter: Letter) -> Letter:
        t, e = self.template, self.edited

        def pick(name: str):
            return getattr(letter, name) if getattr(e, name) == getattr(t, name) else getattr(e, name)

        return replace(letter, subject=pick("subject"), salutation=pick("salutation"),
                       closing=pick("closing"), signature=letter.signature + self.after_signature,
                       paragraphs=_merge_paragraphs(t.paragraphs, e.paragraphs, letter.paragraphs))


def edits_from_text(template: Letter, text: str) -> LetterEdits:
    """The edits in ``text`` — ``template`` as the editor shows it after the user's changes
    (e.g. a saved draft). Raises UserFacingError when the text cannot be mapped."""
    edited = from_text(text, template)
    if not edited.paragraphs:
        raise UserFacingError(_("the edited letter has no text; write the letter first, or run "
                                "the mail merge without your edits"))
    if template.closing and not edited.closing:
        # the closing line was edited, so the editor's mapping took "closing + name" for body
        # text: take it apart again where the last block ends with the user's signature
        edited = _closing_from_last_paragraph(edited, template)
    if template.subject and not edited.subject:
        # a header block deleted above it: the header is mapped by position, so an empty subject
        # says more about the mapping than about the user's wish
        edited = replace(edited, subject=template.subject)
    return LetterEdits(template, edited)


def _closing_from_last_paragraph(edited: Letter, template: Letter) -> Letter:
    lines = edited.paragraphs[-1].split("\n")
    sig = list(template.signature)
    for at in range(len(lines) - len(sig), 0, -1):
        if sig and lines[at:at + len(sig)] == sig:
            return replace(edited, paragraphs=edited.paragraphs[:-1], closing=" ".join(lines[:at]),
                           signature=lines[at:] + edited.signature)
    raise UserFacingError(_("the end of the edited letter cannot be told apart: keep a closing "
                            "line followed by your name on the next line (each signer's name "
                            "takes its place), or run the mail merge without your edits"))
