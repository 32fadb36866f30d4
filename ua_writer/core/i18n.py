"""The UI translation functions (``ua_writer.i18n``, in the ``paths`` layer) under the name the
core and the layers above import them by: ``from ua_writer.core.i18n import _``."""

from __future__ import annotations

from ua_writer.i18n import (DOMAIN, N_, SOURCE_LANGUAGE, UI_LANGUAGES, _, current_language, load,
                            ngettext, normalize, pgettext, set_language, system_language)

__all__ = ["DOMAIN", "N_", "SOURCE_LANGUAGE", "UI_LANGUAGES", "_", "current_language", "load",
           "ngettext", "normalize", "pgettext", "set_language", "system_language"]
