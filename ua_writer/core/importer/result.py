"""What an import gives back: the recognised Action plus, per field, where it came from and how sure we are.

``ImportResult.fields`` is keyed by pack-style paths ("title", "deadline", "recipients[0].fax") so
the review dialog can highlight exactly the widgets of doubtful values. Confidence is a float in
[0, 1] (see docs/importer.md for the scale). No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ua_writer.core.model import Action

#: fields below this confidence are listed as "low confidence" (CLI summary, review dialog)
LOW_CONFIDENCE = 0.6

# The confidence scale every layout uses (documented in docs/importer.md).
LABELLED = 0.95      # value read after its own label ("Fax:", "Salutation:", "BEFORE <date> TO:")
STRUCTURAL = 0.85    # value found by its place in a recognised section (headline after URGENT ACTION)
SHAPE = 0.7          # value classified by its shape inside a section (a line that looks like a name)
GUESS = 0.5          # inferred from weak evidence (most frequent name, pronouns, missing year)
DAMAGED = 0.3        # found, but the text around it is damaged or truncated


@dataclass
class FieldInfo:
    """Provenance of one recognised value."""

    confidence: float
    source_line: int | None = None  # 1-based line number in the normalised text, if any
    source_text: str = ""


@dataclass
class ImportResult:
    action: Action
    layout: str
    #: how well the chosen layout matched the text (its score), 0..1
    layout_score: float = 0.0
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    #: lines nothing was recognised in: shown to the user, never silently dropped
    unrecognised_lines: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the normalised text the line numbers refer to
    text: str = ""
    #: seconds spent recognising (not reading the file)
    elapsed: float = 0.0
    #: the language the text is written in (ISO 639-1, from its stop words), e.g. "de"
    language: str | None = None

    def low_confidence(self, threshold: float = LOW_CONFIDENCE) -> list[str]:
        """Field paths whose confidence is below ``threshold``, in recognition order."""
        return [k for k, f in self.fields.items() if f.confidence < threshold]

    def confidence(self, path: str) -> float | None:
        f = self.fields.get(path)
        return f.confidence if f else None
