"""Qt-free writers of a composed :class:`~ua_writer.core.letter.Letter`: PDF, DOCX, plain text, fax packet.

Every writer *renders* the Letter's fields and never re-derives salutations, dates or addresses
(that is compose.py's job). Files are written atomically with ``ua_writer.core.atomic`` (a temp
file in the target folder, mode 0600, fsync, ``os.replace``): an export either produces the
whole file or nothing, also when rendering raises half-way.
Fonts come only from the bundled ``resources/fonts`` via ``ua_writer.paths`` (``fonts.py``).
Must not import PySide6 or anything from ``ua_writer.ui``.

Modules: ``pdf`` (reportlab, DIN 5008 window-envelope layout), ``docx`` (python-docx, real
styles, language-tagged runs), ``text`` (paste-ready plain text), ``faxcover`` (cover sheet +
letter in one PDF), ``fonts`` (PT Serif registration), ``common`` (ExportResult, language tags).
"""

from __future__ import annotations

from ua_writer.export.common import ExportResult

__all__ = ["ExportResult"]
