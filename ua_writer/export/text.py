"""Letter -> plain text for pasting into web forms and e-mails.

Paragraphs stay unwrapped (a form or mail client wraps them itself; hard breaks at 72 columns
would show as ragged lines), blocks are separated by one blank line — exactly the Letter's
editable text form (``Letter.to_text()``), so what the editor shows is what gets pasted.
Written as UTF-8 with the platform's line ends left alone ("\\n"). No Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from ua_writer.core.letter import Letter
from ua_writer.core.atomic import atomic_write_bytes
from ua_writer.export.common import ExportResult


def letter_text(letter: Letter) -> str:
    """The letter as plain text: unwrapped paragraphs, a blank line between blocks."""
    return letter.to_text()


def write_letter_txt(letter: Letter, path: str | os.PathLike) -> ExportResult:
    """Write the plain text (UTF-8) atomically."""
    target = Path(path)
    data = letter_text(letter).encode("utf-8")
    atomic_write_bytes(target, data)
    return ExportResult(target, "txt", bytes_written=len(data))
