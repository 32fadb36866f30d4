"""Details the user already has: an imported recipient whose office (or name) is known from stored
actions or the address book gets the missing address, fax, e-mail and salutation from there.

UAs often name an office with less detail than an earlier UA or the user's own address book (the
Prosecutor General with an online form only; the embassy without a fax). ``fill_from_known`` fills
only the fields the imported recipient lacks, and records each in ``ImportResult.fields`` as
"from your address book" below the review threshold, so the import review shows where it came
from and asks for a look. No Qt, no I/O: the caller passes the known recipients.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ua_writer.core.i18n import _
from ua_writer.core.importer.result import FieldInfo, ImportResult
from ua_writer.core.model import Recipient

#: confidence of a detail taken from the address book: shown, and marked for a look
FROM_ADDRESS_BOOK = 0.55


def _key(text: str | None) -> str:
    t = unicodedata.normalize("NFKD", (text or "").lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"\b(?:the|of|and|mr|ms|mrs|dr|h\.?e)\b", " ", t)
    return re.sub(r"[^\w]+", " ", t).strip()


def _same(a: Recipient, b: Recipient) -> bool:
    if a.is_copy != b.is_copy and not (a.is_copy or b.is_copy):
        return False
    ta, tb = _key(a.title or a.organization), _key(b.title or b.organization)
    na, nb = _key(a.name), _key(b.name)
    if ta and ta == tb and (not na or not nb or na == nb):
        return True
    return bool(na) and na == nb and len(na.split()) >= 2


def fill_from_known(result: ImportResult, known: Iterable[Recipient]) -> list[str]:
    """Fill missing details of ``result``'s recipients from ``known``; the field paths filled."""
    known = list(known)
    filled: list[str] = []
    for k, r in enumerate(result.action.recipients):
        match = next((x for x in known if _same(r, x)), None)
        if match is None:
            continue
        note = _("from your address book: {who}").format(who=match.label())
        for attr in ("address_lines", "fax", "email", "salutation"):
            mine, theirs = getattr(r, attr), getattr(match, attr)
            if not mine and theirs:
                setattr(r, attr, list(theirs) if isinstance(theirs, list) else theirs)
                path = f"recipients[{k}].{attr}"
                result.fields[path] = FieldInfo(FROM_ADDRESS_BOOK, None, note)
                filled.append(path)
        if not r.country and match.country and any(p.endswith(".address_lines") and p.startswith(f"recipients[{k}]")
                                                   for p in filled):
            r.country = match.country
    return filled


__all__ = ["fill_from_known", "FROM_ADDRESS_BOOK"]
