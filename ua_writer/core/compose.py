"""Compose a letter: (action, recipient, language, sender profile, date) -> :class:`Letter`.

The one place that decides what a letter says. Grammar-bearing pieces (addressee block, salutation,
persons in the right case, closing, copies list) come from the language's rules module
(``core/lang/<lang>.py``); the body — and, if the template wants, subject, salutation and closing —
come from the sandboxed Jinja2 template ``letter.j2`` of that language (``letter_templates.py``),
user override first. Dates and country names come from Babel in the LETTER's locale
(``formatting.py``); the finished Letter goes through the language's typography
(``typography.py``: no-break spaces after initials and before French colons, quotes,
apostrophes). Exporters and the editor only render the resulting Letter.

The action's ``notes`` (instructions to letter writers) never enter a letter. Warnings are in the UI
language (``i18n``). No Qt, no I/O besides reading templates.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ua_writer.core import formatting, i18n, letter_templates
from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.i18n import _
from ua_writer.core.lang import LanguageRules, PersonForms, get_rules
from ua_writer.core.letter import Letter
from ua_writer.core.typography import typeset_letter
from ua_writer.core.model import Action, Recipient, SenderProfile
from ua_writer.core.notices import Notice

__all__ = ["available_languages", "letter_languages", "compose_letter"]


def available_languages() -> list[str]:
    """Every language with a letter template, bundled or user override (sorted codes)."""
    return letter_templates.template_languages()


def letter_languages(action: Action) -> list[str]:
    """The languages a letter for ``action`` can be written in: the ones the UA asks for first
    (in its order), then the rest of :func:`available_languages`."""
    available = available_languages()
    first: list[str] = []
    for lang in action.languages:
        if lang in available and lang not in first:
            first.append(lang)
    return first + [l for l in available if l not in first]


def compose_letter(
    action: Action,
    recipient: Recipient | str,
    language: str,
    profile: SenderProfile | None,
    date: _dt.date,
    *,
    copy_of: Recipient | str | None = None,
    extra_copies: Iterable[Recipient | str] = (),
) -> Letter:
    """The letter to ``recipient`` about ``action`` in ``language``, signed by ``profile``, dated ``date``.

    ``recipient``: who receives this letter (a Recipient of the action or its id).
    ``copy_of``: make this a *copy letter*: the letter written to ``copy_of`` (a main recipient),
    marked "COPY"/"КОПИЯ", for sending to ``recipient`` — the way UAs ask for "copies to" the court
    or an embassy. A recipient with ``copies_only`` can only receive copy letters.
    ``extra_copies``: further copy recipients for the "Copies to:" list (Recipients or plain lines,
    e.g. the user's own embassy address); the action's copy recipients are always listed.
    ``profile``: None or an empty profile gives a letter with "[Your name]" placeholders and a warning.

    Raises NotFoundError for an unknown recipient id, UserFacingError for a letter addressed to a
    copies-only recipient, TemplateError for a broken template.
    """
    recipient = _resolve(action, recipient)
    original = _resolve(action, copy_of) if copy_of is not None else None
    if original is None and recipient.copies_only:
        raise UserFacingError(_(
            "The Urgent Action asks not to write to {name} directly, only to send copies. "
            "Compose a copy of a letter to one of the main recipients instead."
        ).format(name=recipient.label()))
    if original is not None and original.copies_only:
        raise UserFacingError(_("{name} receives copies only; a copy letter must copy a letter to "
                                "another recipient.").format(name=original.label()))
    try:
        rules = get_rules(language)
    except ValueError:
        raise UserFacingError(_("There are no letter rules for the language {code}.").format(
            code=language)) from None
    return _Composer(action, recipient, original, rules, profile, date, list(extra_copies)).letter()


def _resolve(action: Action, who: Recipient | str) -> Recipient:
    if isinstance(who, Recipient):
        return who
    found = action.recipient(who)
    if found is None:
        valid = ", ".join(r.id for r in action.recipients) or "(none)"
        raise NotFoundError(_("No recipient {id} in action {action}; valid: {valid}.").format(
            id=who, action=action.id, valid=valid))
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; line breaks inside a paragraph become spaces."""
    out, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.strip())
        elif cur:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return [" ".join(p.split()) for p in out]


class _Composer:
    """One composition; holds the pieces while the Letter is assembled."""

    def __init__(self, action: Action, recipient: Recipient, original: Recipient | None,
                 rules: LanguageRules, profile: SenderProfile | None, date: _dt.date,
                 extra_copies: list[Recipient | str]):
        self.action = action
        self.recipient = recipient          # who gets this sheet of paper
        self.addressee = original or recipient  # whom the letter is written to
        self.is_copy = original is not None
        self.rules = rules
        self.lang = rules.code
        self.profile = profile or SenderProfile()
        self.date = date
        self.extra_copies = extra_copies
        self.warnings: list[str] = []
        self.untranslated_source = ""
        ui = i18n.current_language()
        self.ui_loc = formatting.locale(ui if formatting.known_locale(ui) else "en")

    def language_name(self, code: str) -> str:
        return formatting.language_name(code, self.ui_loc)

    # -- pieces ----------------------------------------------------------------------------------
    def sender(self) -> tuple[list[str], list[str], str]:
        """(sender block, signature, name) — placeholders when the profile is empty."""
        p, w = self.profile, self.rules.words
        if p.is_empty():
            self.warnings.append(Notice("no_profile"))
            return [w["your_name"], w["your_address"]], [w["your_name"]], ""
        name = _one_line(p.names.get(self.lang) or p.name)
        lines = [name] + [_one_line(l) for l in p.address_lines if l.strip()]
        if p.city and not any(p.city.lower() in l.lower() for l in lines[1:]):
            lines.append(_one_line(p.city))
        abroad = p.country and p.country.upper() != (self.addressee.country or "").upper()
        if abroad:
            lines.append(formatting.country_name(p.country, self.rules.loc))
        lines += [_one_line(x) for x in (p.email, p.phone) if x and x.strip()]
        return lines, [name], name

    def appeals(self) -> tuple[list[str], str]:
        """(appeal paragraphs, untranslated marker or "")."""
        points = [a for a in self.action.appeals.get(self.lang, []) if a.strip()]
        if points:
            return [self.rules.appeal(a) for a in points], ""
        order = ["en"] + self.action.languages + sorted(self.action.appeals)
        source = next((l for l in order if l != self.lang and
                       any(a.strip() for a in self.action.appeals.get(l, []))), None)
        if source is None:
            self.warnings.append(Notice("no_appeals"))
            return [], ""
        self.warnings.append(Notice("appeals_fallback", language=self.language_name(self.lang),
                                    source=self.language_name(source)))
        try:
            source_rules = get_rules(source)
        except ValueError:
            source_rules = LanguageRules()
        points = [source_rules.appeal(a) for a in self.action.appeals[source] if a.strip()]
        self.untranslated_source = source
        return points, self.rules.untranslated_marker(source)

    def subject(self, persons) -> str:
        """The matter, named neutrally: the pack's subject in this language («О выдаче …»),
        else the persons («О Низомхоне Джураеве»), else the title — a UA's title is a press
        headline ("Russia extradites …"), not what a letter's subject line says."""
        local = self.action.localized.get(self.lang) or {}
        if local.get("subject"):
            return self.rules.subject(local["subject"], self.action.ua_number)
        if persons:
            return self.rules.subject(self.rules.about_subject(persons), self.action.ua_number)
        title = local.get("title") or (self.action.title if self.lang == "en" else None)
        return self.rules.subject(title or self.action.title, self.action.ua_number)

    def summary(self) -> str:
        local = (self.action.localized.get(self.lang) or {}).get("summary")
        if not local and self.lang == "en":
            local = self.action.summary
        return _one_line(local or "")

    def copies(self) -> list[str]:
        lines = []
        for r in self.action.copy_recipients():
            if r.id != self.addressee.id:
                lines.append(_one_line(self.rules.recipient_label(r)))
        for extra in self.extra_copies:
            lines.append(_one_line(self.rules.recipient_label(extra) if isinstance(extra, Recipient)
                                   else str(extra)))
        return [l for l in lines if l]

    def issue_warnings(self, issues: list[tuple[str, str]]) -> None:
        language = self.language_name(self.lang)
        for code, text in issues:
            if code not in ("not_localized", "not_inflected"):
                code = "gender_unknown"
            msg = Notice(code, text=text, language=language)
            if msg not in self.warnings:
                self.warnings.append(msg)

    # -- assembly --------------------------------------------------------------------------------
    def letter(self) -> Letter:
        rules, action, addressee = self.rules, self.action, self.addressee
        sender, signature, sender_name = self.sender()
        persons = rules.group(action.persons)
        for p in action.persons:
            self.issue_warnings(rules.person_issues(p))
        self.issue_warnings(rules.recipient_issues(addressee))
        appeals, marker = self.appeals()
        fields = rules.fields(addressee)
        subject = self.subject(persons)
        salutation = rules.salutation(addressee)
        closing = rules.closing(addressee)
        sender_forms = PersonForms(lambda case: sender_name, self.profile.gender)
        summary = self.summary()
        context = {
            "lang": self.lang,
            "action": {
                "id": action.id,
                "title": action.title_in(self.lang),
                "ua_number": action.ua_number or "",
                "country": action.country or "",
                "country_name": formatting.country_name(action.country, rules.loc),
                "summary": summary,
                # the summary names the person(s): the opening can use the short name
                "summary_names_persons": bool(persons) and persons.mentioned_in(summary),
            },
            "persons": persons,
            "person": persons.members[0] if persons.members else None,
            "appeals": appeals,
            "untranslated": marker,
            "recipient": {
                "name": fields.name or "",
                "title": fields.title or "",
                "organization": fields.organization or "",
                "is_institution": fields.is_institution,
                "gender": addressee.gender,
            },
            "sender": sender_forms,
            "sender_city": self.profile.city,
            "is_copy": self.is_copy,
            "date": formatting.long_date(self.date, rules.loc),
            "subject": subject,
            "salutation": salutation,
            "closing": closing,
        }
        blocks, template_file, skipped = letter_templates.render_blocks(self.lang, context)
        self.warnings.extend(w for w in skipped if w not in self.warnings)
        subject = _one_line(blocks.get("subject", subject))
        salutation = _one_line(blocks.get("salutation", salutation)) or salutation
        closing = _one_line(blocks.get("closing", closing)) or closing
        # the window shows who gets this sheet: for a copy letter, the copy recipient; the marker
        # then says whom the original letter is written to
        window = self.recipient
        addressee_lines = [_one_line(l) for l in
                           rules.addressee_block(window, sender_country=self.profile.country or None)
                           if l.strip()] or [window.label()]
        copy_marker = ""
        if self.is_copy:
            to = rules.to_phrase(addressee)
            if to and rules.words.get("copy_of_to"):
                copy_marker = _one_line(rules.words["copy_of_to"].format(to=to))
            else:
                template = rules.words.get("copy_of") or rules.words["copy_marker"] + ": {label}"
                copy_marker = _one_line(template.format(label=rules.recipient_label(addressee)))
        copies = self.copies()
        # «Копия:» / "Copy to:" for one entry, «Копии:» / "Copies to:" for several
        heading = rules.words["copies_heading"]
        if len(copies) == 1 and rules.words.get("copy_heading"):
            heading = rules.words["copy_heading"]
        prefix = _one_line(rules.words.get("subject_prefix") or "")
        subject_text = subject[len(prefix):] if prefix and subject.startswith(prefix) else subject
        return typeset_letter(Letter(
            language=self.lang,
            sender=sender,
            place_date=rules.place_date(_one_line(self.profile.city), self.date),
            addressee=addressee_lines,
            subject=subject,
            salutation=salutation,
            paragraphs=_paragraphs(blocks["body"]),
            closing=closing,
            signature=signature,
            copies_heading=heading,
            copies=copies,
            copy_marker=copy_marker,
            meta={
                "title": subject or action.title_in(self.lang),
                "author": sender_name,
                "subject": action.title_in(self.lang),
                # the subject without its label ("Objet : "), for a fax cover or an e-mail
                "subject_text": subject_text.strip(),
                "keywords": ", ".join(k for k in ["Urgent Action", action.ua_number or "",
                                                  persons.nomn] if k),
                "language": self.lang,
                "locale": rules.locale_tag,
                "action_id": action.id,
                "recipient_id": self.recipient.id,
                "addressee_id": addressee.id,
                "copy_of": addressee.id if self.is_copy else "",
                "template": template_file,
                # where the sender posts from: the envelope window's side follows its custom
                "sender_country": (self.profile.country or "").upper(),
                # the language of the untranslated block, for renderers that tag languages
                "untranslated_lang": self.untranslated_source if marker else "",
            },
            warnings=self.warnings,
            untranslated=[_one_line(x) for x in [marker] + list(appeals)] if marker else [],
        ))
