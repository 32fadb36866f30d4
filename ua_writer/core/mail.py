"""E-mail drafts of a composed letter: a ``mailto:`` link, or an ``.eml`` file the user opens.

Owns: who goes in To/Cc (the recipient's addresses; the action's copy recipients that have
e-mail in Cc), the subject, the body (the Letter's plain-text form — or the user's saved draft
text), RFC 6068 percent-encoding, and the decision what to hand the mail program. We never send
anything ourselves: the user's mail program does, after the user has read the draft.

Why a length limit: a ``mailto:`` URL travels through the desktop's URL handler (Windows'
ShellExecute, ``xdg-open``, macOS LaunchServices) and the mail client's command line. Several of
those cut or refuse URLs around 2,000 characters (Internet Explorer/Outlook's historical 2,083;
some Windows paths ~2,048), and a truncated body is worse than none because nobody notices.
A letter in Cyrillic triples in length when percent-encoded (two UTF-8 bytes per letter, three
characters per byte), so a one-page Russian letter is ~15,000 characters of URL. Above
:data:`MAILTO_SAFE_LENGTH` we open a short link (To/Cc/Subject only) and the body goes to the
clipboard for the user to paste — or into an ``.eml`` file (UTF-8, ``X-Unsent: 1`` so Outlook and
Thunderbird open it as an editable draft). Qt-free: the GUI does the clipboard and
``QDesktopServices.openUrl``. Must not import PySide6.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from typing import Literal
from urllib.parse import quote

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _

#: longest mailto: URL we hand to the system (see the module docstring for why)
MAILTO_SAFE_LENGTH = 1800

#: characters that may stay literal in the address part of a mailto: URL (RFC 6068 "to" =
#: addr-spec; "," separates addresses, so it is encoded inside one)
_ADDR_SAFE = "@!$'()*+;=-._~"
_EMAIL_RE = re.compile(r"^[^@\s,<>\"]+@[^@\s,<>\"]+\.[^@\s,<>\"]+$")


@dataclass
class MailDraft:
    """Everything a mail program needs; nothing is sent."""

    to: list[str]
    subject: str
    body: str
    cc: list[str] = field(default_factory=list)
    language: str = ""
    #: for the .eml From: header (optional)
    sender_name: str = ""
    sender_email: str = ""


@dataclass(frozen=True)
class MailPlan:
    """What to do with a draft: ``method`` "mailto" (``url`` carries everything) or "clipboard"
    (``url`` has no body; put ``body`` on the clipboard and tell the user to paste it)."""

    method: Literal["mailto", "clipboard"]
    url: str
    body: str
    full_length: int    # length of the full mailto: URL, body included


def valid_address(addr: str) -> bool:
    return bool(_EMAIL_RE.match(addr or ""))


def _addresses(values, who: str) -> list[str]:
    out = []
    for a in values or []:
        a = a.strip()
        if not a:
            continue
        if not valid_address(a):
            raise UserFacingError(_("{who}: {address} does not look like an e-mail address").format(
                who=who, address=repr(a)))
        if a not in out:
            out.append(a)
    return out


def draft_for(letter, action, recipient, *, profile=None, body: str | None = None) -> MailDraft:
    """A draft of ``letter`` (a composed :class:`~ua_writer.core.letter.Letter`) to ``recipient``.

    To: the recipient's addresses. Cc: the action's copy recipients with e-mail (only when writing
    to a main recipient). ``body`` overrides the Letter's text form (e.g. the user's saved draft).
    """
    to = _addresses(recipient.email, _("recipient {id}").format(id=recipient.id))
    if not to:
        with_mail = [r.id for r in action.recipients if r.email]
        if with_mail:
            raise UserFacingError(_("recipient {id} has no e-mail address; recipients with e-mail: "
                                    "{ids}").format(id=repr(recipient.id), ids=", ".join(with_mail)))
        raise UserFacingError(_("recipient {id} has no e-mail address; no recipient of this action "
                                "has one (send it by post or fax)").format(id=repr(recipient.id)))
    cc: list[str] = []
    if not recipient.is_copy:
        for r in action.copy_recipients():
            for a in _addresses(r.email, _("recipient {id}").format(id=r.id)):
                if a not in to and a not in cc:
                    cc.append(a)
    # the subject line without the letter's own label: the mail program shows "Subject:" itself
    meta = getattr(letter, "meta", None) or {}
    subject = (meta.get("subject_text") or letter.subject or "").strip() \
        or action.title_in(letter.language)
    text = body if body is not None else letter.to_text()
    return MailDraft(to=to, cc=cc, subject=subject, body=text, language=letter.language,
                     sender_name=getattr(profile, "name", "") or "",
                     sender_email=getattr(profile, "email", "") or "")


# -- mailto: ----------------------------------------------------------------------------------------

def _hvalue(text: str) -> str:
    """RFC 6068 hfvalue: UTF-8, percent-encoded, line breaks as %0D%0A, spaces as %20."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return quote(text, safe="")


def mailto_url(draft: MailDraft, *, with_body: bool = True) -> str:
    """``mailto:to1,to2?cc=…&subject=…&body=…`` per RFC 6068."""
    url = "mailto:" + ",".join(quote(a, safe=_ADDR_SAFE) for a in draft.to)
    fields = []
    if draft.cc:
        fields.append("cc=" + ",".join(quote(a, safe=_ADDR_SAFE) for a in draft.cc))
    if draft.subject:
        fields.append("subject=" + _hvalue(draft.subject))
    if with_body and draft.body:
        fields.append("body=" + _hvalue(draft.body))
    return url + ("?" + "&".join(fields) if fields else "")


def plan(draft: MailDraft, limit: int | None = None) -> MailPlan:
    """Decide between a full mailto: link and a short link + the body on the clipboard
    (``limit``: default :data:`MAILTO_SAFE_LENGTH`)."""
    if limit is None:
        limit = MAILTO_SAFE_LENGTH
    full = mailto_url(draft)
    if len(full) <= limit:
        return MailPlan("mailto", full, draft.body, len(full))
    return MailPlan("clipboard", mailto_url(draft, with_body=False), draft.body, len(full))


# -- .eml -------------------------------------------------------------------------------------------

def eml_bytes(draft: MailDraft) -> bytes:
    """An unsent RFC 5322 message (UTF-8, CRLF line ends, ``X-Unsent: 1``) for a mail program."""
    msg = EmailMessage(policy=SMTP)
    if draft.sender_email and valid_address(draft.sender_email):
        user, _at, domain = draft.sender_email.partition("@")
        msg["From"] = Address(display_name=draft.sender_name or "", username=user, domain=domain)
    msg["To"] = ", ".join(draft.to)
    if draft.cc:
        msg["Cc"] = ", ".join(draft.cc)
    ascii_subject = draft.subject.isascii()
    if ascii_subject:
        msg["Subject"] = draft.subject
    msg["X-Unsent"] = "1"
    msg.set_content(draft.body, charset="utf-8", cte="quoted-printable")
    if draft.language:  # after set_content, which clears Content-* headers
        msg["Content-Language"] = draft.language
    data = msg.as_bytes()
    if not ascii_subject:
        # The email package's folder ends an encoded word before a space and leaves the space as
        # folding white space between two encoded words, which RFC 2047 readers drop
        # ("Узбекистанагрозят"); email.header keeps every space inside an encoded word.
        subject = Header(draft.subject, "utf-8", header_name="Subject").encode(
            linesep="\r\n", maxlinelen=76)
        at = data.index(b"X-Unsent: 1\r\n")
        data = data[:at] + b"Subject: " + subject.encode("ascii") + b"\r\n" + data[at:]
    return data


def write_eml(draft: MailDraft, path: str | os.PathLike) -> int:
    """Write the draft as an .eml file (atomically); returns the bytes written."""
    from ua_writer.core.atomic import atomic_write_bytes

    data = eml_bytes(draft)
    atomic_write_bytes(path, data)
    return len(data)
