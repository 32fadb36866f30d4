"""The ONE place that knows where bundled files and user data live.

Bundled: ``templates/``, ``resources/`` and ``translations/`` (and CHANGELOG.md) sit at the top of a
checkout and are copied into ``ua_writer/_data/`` in a wheel and in the PyInstaller bundle (see
pyproject.toml, packaging/ua-writer.spec); ``bundled_dir()`` finds either.
User data: the platformdirs user data dir, overridden by ``--data-dir`` (set_data_dir) or the
``UA_WRITER_DATA_DIR`` environment variable. No Qt, no other ua_writer imports but errors.
"""

from __future__ import annotations

import os
from pathlib import Path

from ua_writer.errors import UserFacingError

APP_DIR_NAME = "ua-writer"
ENV_DATA_DIR = "UA_WRITER_DATA_DIR"
BUNDLED = ("templates", "resources", "translations")

_PKG = Path(__file__).resolve().parent
_data_dir_override: Path | None = None


class ResourceNotFound(UserFacingError):
    pass


def bundled_dir(name: str) -> Path:
    """Directory of a bundled tree: 'templates', 'resources' or 'translations'."""
    if name not in BUNDLED:
        raise ResourceNotFound(f"unknown bundled folder {name!r}; valid: {', '.join(BUNDLED)}")
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceNotFound(
        f"bundled folder {name!r} not found (looked in {_PKG / '_data'} and {_PKG.parent}); "
        "the installation is incomplete")


def changelog_path() -> Path | None:
    """CHANGELOG.md (beside the bundled trees in an install, at the top of a checkout), or None."""
    for candidate in (_PKG / "_data" / "CHANGELOG.md", _PKG.parent / "CHANGELOG.md"):
        if candidate.is_file():
            return candidate
    return None


def templates_dir() -> Path:
    return bundled_dir("templates")


def translations_dir() -> Path:
    return bundled_dir("translations")


def bundled_actions_dir() -> Path:
    return bundled_dir("resources") / "actions"


def fonts_dir() -> Path:
    return bundled_dir("resources") / "fonts"


# -- user data ----------------------------------------------------------------------------------

def set_data_dir(path: str | os.PathLike | None) -> None:
    """Override the user data dir for this process (``--data-dir``); None restores the default."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir(create: bool = True) -> Path:
    """The user data dir (created 0700 if missing)."""
    if _data_dir_override is not None:
        d = _data_dir_override
    elif os.environ.get(ENV_DATA_DIR):
        d = Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    else:
        import platformdirs

        d = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    if create:
        try:
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise UserFacingError(f"cannot create the data folder {d}: {e.strerror}") from None
    return d


def database_path() -> Path:
    return data_dir() / "ua-writer.sqlite3"


def user_templates_dir() -> Path:
    """``<data dir>/templates``: user overrides, same layout as the bundled templates/."""
    return data_dir() / "templates"


def log_dir() -> Path:
    d = data_dir() / "logs"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d
