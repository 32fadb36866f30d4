"""What every exporter shares: the :class:`ExportResult` they return and language-tag helpers.

No I/O, no Qt. Language tags: a Letter carries a short language code ("ru", "en", "de-CH");
documents want a tag with a region ("ru-RU") so word processors pick the right spell-checker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: the region to use when a bare language code has several plausible ones; for every other
#: language the region comes from CLDR's likely subtags (via Babel)
_PREFERRED_REGION = {"en": "GB"}


@dataclass
class ExportResult:
    """The outcome of one export."""

    path: Path | None           # the written file (None for in-memory renders)
    format: str                 # "pdf", "docx", "txt"
    pages: int | None = None    # page count for paged formats (PDF); None where unknown (DOCX, text)
    bytes_written: int = 0
    #: pages of the letter itself when the file holds more (a fax packet's cover); else = pages
    letter_pages: int | None = None
    #: notes for the user, e.g. "the letter runs to 2 pages" (phrased and translated, like errors)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.letter_pages is None:
            self.letter_pages = self.pages

    @property
    def fits_one_page(self) -> bool | None:
        """Whether the letter (not counting a fax cover) fits one page; None if unknown."""
        return None if self.letter_pages is None else self.letter_pages <= 1


def language_tag(language: str) -> str:
    """A BCP-47 tag with a region for a letter language: "ru" -> "ru-RU", "en" -> "en-GB".

    A tag that already names a region ("de-CH", "pt_BR") is kept (normalised to a hyphen).
    Unknown codes are returned as given, so nothing here ever fails.
    """
    lang = (language or "").strip().replace("_", "-")
    if not lang:
        return "en-GB"
    parts = lang.split("-")
    base = parts[0].lower()
    if len(parts) > 1:
        return "-".join([base] + parts[1:])
    if base in _PREFERRED_REGION:
        return f"{base}-{_PREFERRED_REGION[base]}"
    try:
        from babel.core import get_global

        likely = get_global("likely_subtags").get(base)
    except Exception:  # pragma: no cover - Babel data missing: tag without region is still valid
        likely = None
    if likely:
        territory = likely.split("_")[-1]
        if territory.isalpha() and territory.isupper():
            return f"{base}-{territory}"
    return base
