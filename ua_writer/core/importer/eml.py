"""E-mail files (.eml) as UAs arrive from a section's mailing list: the message's text.

``looks_like_email(raw)`` tells an RFC 822 message from other text (header lines before the first
blank line, among them From/Subject/MIME-Version); ``email_to_text(raw)`` returns the subject as the
first line (the UA's headline, often) and the body: the text/plain part when there is one, else the
HTML part as text (text.html_to_text), with quoted-printable and base64 decoded and each part's
charset honoured (stdlib ``email``). Attachments are not read. Raises ImportFailed when there is no
readable text. No Qt.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser

from ua_writer.core.errors import ImportFailed
from ua_writer.core.i18n import _
from ua_writer.core.importer import text as T

_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]?.*$")
_KEY_HEADERS = (b"from:", b"subject:", b"mime-version:", b"received:", b"return-path:", b"message-id:")


def looks_like_email(raw: bytes) -> bool:
    head = raw[:8192].replace(b"\r\n", b"\n")
    block = head.split(b"\n\n", 1)[0]
    lines = [ln for ln in block.split(b"\n") if ln.strip()]
    if len(lines) < 2:
        return False
    headers = [ln for ln in lines if _HEADER.match(ln) or ln[:1] in (b" ", b"\t")]
    keys = sum(1 for ln in lines if ln.lower().startswith(_KEY_HEADERS))
    return len(headers) == len(lines) and keys >= 2


def email_to_text(raw: bytes, source: str | None = None) -> str:
    where = f"{source}: " if source else ""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as e:  # the stdlib parser is lenient; anything here is broken input
        raise ImportFailed(where + _("not a readable e-mail file: {error}").format(
            error=type(e).__name__)) from None
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise ImportFailed(where + _("the e-mail has no text to import"))
    try:
        content = body.get_content()
    except (LookupError, ValueError):  # an unknown charset or broken transfer encoding
        payload = body.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        content = content.decode("utf-8", errors="replace")
    if body.get_content_subtype() == "html":
        content = T.html_to_text(content)
    subject = str(msg.get("subject") or "").strip()
    subject = re.sub(r"^(?:(?:re|fw|fwd|aw|wg|tr)\s*:\s*)+", "", subject, flags=re.I)
    return (subject + "\n\n" + content) if subject else content


__all__ = ["looks_like_email", "email_to_text"]
