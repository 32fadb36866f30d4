"""Plain dataclasses of the domain: Action, Person, Recipient, SenderProfile, Draft, SentRecord.

No I/O and no validation here (that is packs.py); no Qt. Field names follow the action-pack
format ``ua-writer/action@1`` one to one, so packs.py can stay a thin, strict mapping.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

Gender = Literal["m", "f"] | None
Status = Literal["open", "past", "undated"]
CHANNELS = ("post", "fax", "email")


@dataclass
class Person:
    """Someone the action is about."""

    name: str
    gender: Gender = None
    #: the name in other scripts/languages, e.g. {"ru": "Низомхон Джураев"}
    names: dict[str, str] = field(default_factory=dict)
    #: explicit grammatical forms a morphology library gets wrong, per language and case,
    #: e.g. {"ru": {"gent": "Низомхона Джураева", "datv": "Низомхону Джураеву"}}
    forms: dict[str, dict[str, str]] = field(default_factory=dict)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.name


@dataclass
class LocalizedRecipient:
    """A recipient's fields in one language. ``forms`` overrides grammar (e.g. Russian dative)."""

    name: str | None = None
    title: str | None = None
    organization: str | None = None
    address_lines: list[str] | None = None
    salutation: str | None = None
    #: the recipient's note in this language ("Если ответит голос, попросите включить факс.")
    note: str | None = None
    #: e.g. {"name_datv": "Ю. Я. Чайке", "title_datv": "Генеральному прокурору ..."}
    forms: dict[str, str] = field(default_factory=dict)


@dataclass
class Recipient:
    """An official to write to (``is_copy`` False) or to send a copy to (``is_copy`` True)."""

    id: str
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    address_lines: list[str] = field(default_factory=list)
    country: str | None = None
    fax: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    salutation: str | None = None
    gender: Gender = None
    is_copy: bool = False
    note: str | None = None
    #: True when the UA says not to send letters to this recipient directly (only copies)
    copies_only: bool = False
    localized: dict[str, LocalizedRecipient] = field(default_factory=dict)

    def label(self) -> str:
        """Short human label: title or organisation, then name."""
        parts = [p for p in (self.title or self.organization, self.name) if p]
        return " — ".join(parts) if parts else self.id

    def local(self, lang: str) -> LocalizedRecipient:
        return self.localized.get(lang) or LocalizedRecipient()

    def note_in(self, lang: str) -> str | None:
        """The note in ``lang`` when the pack has one, else the base note."""
        return self.local(lang).note or self.note


@dataclass
class Action:
    """One Urgent Action (or background document) the user may write about."""

    id: str
    title: str
    ua_number: str | None = None
    index: str | None = None
    country: str | None = None
    issue_date: _dt.date | None = None
    deadline: _dt.date | None = None
    languages: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    summary: str | None = None
    background: str | None = None
    appeals: dict[str, list[str]] = field(default_factory=dict)
    recipients: list[Recipient] = field(default_factory=list)
    notes: str | None = None
    source: str | None = None
    #: per-language title/summary, e.g. {"ru": {"title": "...", "summary": "..."}}
    localized: dict[str, dict[str, str]] = field(default_factory=dict)

    # -- deadline arithmetic: always against an explicit "today" ---------------------------
    def days_left(self, today: _dt.date) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - today).days

    def status(self, today: _dt.date) -> Status:
        if self.deadline is None:
            return "undated"
        return "open" if self.deadline >= today else "past"

    def main_recipients(self) -> list[Recipient]:
        return [r for r in self.recipients if not r.is_copy]

    def copy_recipients(self) -> list[Recipient]:
        return [r for r in self.recipients if r.is_copy]

    def recipient(self, recipient_id: str) -> Recipient | None:
        for r in self.recipients:
            if r.id == recipient_id:
                return r
        return None

    def title_in(self, lang: str) -> str:
        return (self.localized.get(lang) or {}).get("title") or self.title


@dataclass
class SenderProfile:
    """Who signs the letters. Defaults live here and nowhere else."""

    name: str = ""
    address_lines: list[str] = field(default_factory=list)
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2
    email: str = ""
    phone: str = ""
    fax: str = ""
    gender: Gender = None
    languages: list[str] = field(default_factory=lambda: ["en"])
    #: the name in other scripts, e.g. {"ru": "Анна Ковач"}; optional
    names: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.name.strip()


@dataclass
class Draft:
    action_id: str
    language: str
    recipient_id: str
    text: str
    updated_at: str  # ISO 8601 UTC timestamp


@dataclass
class SentRecord:
    action_id: str
    recipient_id: str
    language: str
    channel: str  # one of CHANNELS
    sent_on: _dt.date
    id: int | None = None
