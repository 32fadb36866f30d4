"""The error classes (``ua_writer.errors``, the lowest layer) under the name the core and the
layers above import them by: ``from ua_writer.core.errors import UserFacingError``."""

from __future__ import annotations

from ua_writer.errors import (CorruptStoreError, DiskFullError, ExportError, ImportFailed,
                              NotFoundError, PackError, StoreError, TemplateError, UserFacingError)

__all__ = ["CorruptStoreError", "DiskFullError", "ExportError", "ImportFailed", "NotFoundError", "PackError",
           "StoreError", "TemplateError", "UserFacingError"]
