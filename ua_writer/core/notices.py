"""Warnings as data: a :class:`Notice` is a code plus parameters, and its sentence comes from the
one table below, translated when it is shown.

Composing and exporting report what the user should check (no sender profile, a letter longer
than one page, an address too long for the envelope window ...) as Notices. Callers decide by
``notice.code`` — never by comparing sentences — and show ``notice.render()``, which speaks the
UI language of the moment (the GUI re-renders on a live language switch without composing
again). A Notice is also a ``str`` holding the sentence as rendered when it was made, so plain
callers can print or join it. Picklable (code and parameters only), for the mail merge's worker
processes. No Qt, no I/O.
"""

from __future__ import annotations

from typing import Callable

from ua_writer.core.i18n import _, ngettext

#: code -> the sentence for its parameters (the ``_``/``ngettext`` calls are what pybabel extracts)
MESSAGES: dict[str, Callable[..., str]] = {
    # compose
    "no_profile": lambda: _("No sender profile yet: the letter has placeholders for your name and "
                            "address. Fill in your profile to sign it."),
    "no_appeals": lambda: _("The action has no appeal points; write your requests into the letter "
                            "yourself."),
    "appeals_fallback": lambda language, source: _(
        "The action has no appeal points in {language}: the {source} text is used, marked for "
        "translation.").format(language=language, source=source),
    "not_localized": lambda text, language: _(
        "“{text}” is not available in {language}; the original spelling is used.").format(
            text=text, language=language),
    "not_inflected": lambda text, language: _(
        "“{text}” could not be declined automatically; please check the grammar.").format(
            text=text, language=language),
    "gender_unknown": lambda text, language: _(
        "The gender of “{text}” is unknown; please check how the name is declined.").format(
            text=text, language=language),
    "template_ignored": lambda path, reason: (
        _("Your letter template {path} was not used because it is a symbolic link: ua-writer "
          "never follows links in its data folder. The built-in template was used instead; "
          "replace the link with a real file to use yours.")
        if reason == "link" else
        _("Your letter template {path} was not used because it belongs to another user. The "
          "built-in template was used instead; use a file of your own.")).format(path=path),
    "profile_unknown_languages": lambda codes: ngettext(
        "your profile lists the language code {codes}, which no locale knows; it is ignored "
        "(run 'ua-writer repair' to remove it)",
        "your profile lists the language codes {codes}, which no locale knows; they are ignored "
        "(run 'ua-writer repair' to remove them)", len(codes)).format(
            codes=", ".join(repr(c)[:40] for c in codes)),
    # the PDF layout
    "pages": lambda n: ngettext("the letter runs to {n} page", "the letter runs to {n} pages",
                               n).format(n=n),
    "address_overflow": lambda: _("the address has more lines than fit in an envelope window; "
                                  "check it or use a plain envelope"),
    "missing_glyphs": lambda chars: _("the font has no glyphs for: {chars} (they will print as "
                                      "boxes)").format(chars=chars),
    # the fax cover
    "no_fax": lambda: _("the recipient has no fax number"),
    # the envelope
    "envelope_no_return": lambda: _("no sender profile: the envelope has no return address "
                                    "(set one with 'ua-writer profile')"),
    "envelope_no_country": lambda: _("the sender's country is not set in the profile: treating the "
                                     "letter as international post"),
    "envelope_glyphs": lambda characters: _("the font cannot print these characters: "
                                            "{characters}").format(characters=characters),
    "envelope_return_cut": lambda: _("the return address is too long for the envelope and was cut"),
    "envelope_address_cut": lambda: _("the address is too long for this envelope and was cut; "
                                      "choose a larger envelope"),
    "envelope_small_type": lambda size: _("the address was set in {size} pt to fit the "
                                          "envelope").format(size=size),
    # address labels
    "label_no_address": lambda action, recipient: _(
        "{action}: {recipient} has no postal address; no label").format(action=action,
                                                                         recipient=recipient),
}


class Notice(str):
    """A warning: ``code`` (a key of MESSAGES) and ``params``; ``str()`` of it is the sentence
    as rendered when it was made, ``render()`` the sentence in the current UI language."""

    code: str
    params: dict

    def __new__(cls, code: str, **params) -> "Notice":
        if code not in MESSAGES:
            raise KeyError(f"unknown notice code {code!r}")
        self = super().__new__(cls, MESSAGES[code](**params))
        self.code = code
        self.params = params
        return self

    def render(self) -> str:
        return MESSAGES[self.code](**self.params)

    def __reduce__(self):
        return (_make, (self.code, self.params))

    def __repr__(self) -> str:
        return f"Notice({self.code!r}, {self.params!r})"


def _make(code: str, params: dict) -> Notice:
    return Notice(code, **params)


def render(warning: str) -> str:
    """A warning's sentence in the current UI language (plain strings as they are)."""
    return warning.render() if isinstance(warning, Notice) else str(warning)


def code(warning: str) -> str | None:
    """A warning's code (None for a plain string)."""
    return warning.code if isinstance(warning, Notice) else None
