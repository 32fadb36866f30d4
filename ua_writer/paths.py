"""The ONE place that knows where bundled files and user data live.

Bundled: ``templates/``, ``resources/`` and ``translations/`` (and CHANGELOG.md) sit at the top of a
checkout and are copied into ``ua_writer/_data/`` in a wheel and in the PyInstaller bundle (see
pyproject.toml, packaging/ua-writer.spec); ``bundled_dir()`` finds either.
User data: the platformdirs user data dir, overridden by ``--data-dir`` (set_data_dir) or the
``UA_WRITER_DATA_DIR`` environment variable. The data dir must be this user's own: one that other
users may write to is tightened to 0700 with a warning (another local user could plant a template
or a ``logs`` symlink there), one owned by somebody else is refused; ``templates/`` and ``logs/``
inside it are never followed when they are symlinks. Folders we create are 0700 at every level.
No Qt, no other ua_writer imports but errors (and i18n, lazily, for messages).
"""

from __future__ import annotations

import os
import stat
import sys
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
        if d not in _checked:
            _check_own_folder(d)
            _checked.add(d)
    return d


#: data dirs already checked in this process (the check is a stat, but data_dir() is called often)
_checked: set[Path] = set()


def _check_own_folder(d: Path) -> None:
    """The data dir must belong to this user and be writable by nobody else: tighten it to 0700
    (with a warning on stderr) when group or others may write to it; refuse one owned by another
    user. Nothing to check where there are no POSIX owners."""
    if not hasattr(os, "getuid"):
        return
    from ua_writer.i18n import _

    try:
        st = os.stat(d)
    except OSError:
        return
    if st.st_uid != os.getuid():
        raise UserFacingError(_("the data folder {path} belongs to another user; use a folder of "
                                "your own (--data-dir)").format(path=d))
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        try:
            os.chmod(d, 0o700)
        except OSError as e:
            raise UserFacingError(_("the data folder {path} can be written by other users and its "
                                    "permissions cannot be tightened ({error}); use a folder of "
                                    "your own (--data-dir)").format(path=d, error=e.strerror)) from None
        print("ua-writer: warning: " + _(
            "the data folder {path} could be written by other users; it is now private (0700)")
            .format(path=d), file=sys.stderr)


def own_subfolder(name: str, *, create: bool) -> Path:
    """``<data dir>/<name>`` as a real folder of this user's: a symlink there (or a folder of
    another user's, or one others may write to) is refused rather than followed. Created 0700."""
    root = data_dir()
    d = root / name
    try:
        st = os.lstat(d)
    except FileNotFoundError:
        if not create:
            return d
        make_private_dirs(d, root)
        return d
    except OSError as e:
        from ua_writer.i18n import _

        raise UserFacingError(_("cannot use the folder {path}: {error}").format(
            path=d, error=e.strerror)) from None
    if (stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode)
            or (hasattr(os, "getuid") and st.st_uid != os.getuid())):
        from ua_writer.i18n import _

        raise UserFacingError(_("{path} is a link, not a folder, or belongs to another user; "
                                "ua-writer does not follow it: remove it (or make it a folder of "
                                "your own)").format(path=d))
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        os.chmod(d, 0o700)
    return d


def untrusted_entry(path: Path) -> str | None:
    """Why ``path`` (a file or folder inside the data dir) must not be read, or None if it may.

    "link": it is a symlink (never followed: another user, or a pack, could point it anywhere);
    "owner": it belongs to another user. A missing entry is None (nothing to read). One of this
    user's own that group or others may write to is tightened (folders 0700, files 0600), as
    ``own_subfolder`` does for the data dir's folders."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return "owner"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        try:
            os.chmod(path, 0o700 if stat.S_ISDIR(st.st_mode) else 0o600)
        except OSError:
            return "owner"
    return None


def make_private_dirs(path: Path, root: Path) -> None:
    """Create ``path`` and every missing folder between it and ``root`` with mode 0700 (not the
    umask's 0755 or 0777 that ``mkdir(parents=True)`` gives the intermediate ones)."""
    path, root = Path(path), Path(root)
    missing = []
    p = path
    while p != root and p != p.parent and not p.exists():
        missing.append(p)
        p = p.parent
    for p in reversed(missing):
        try:
            os.mkdir(p, 0o700)
        except FileExistsError:
            continue
        os.chmod(p, 0o700)


def database_path() -> Path:
    return data_dir() / "ua-writer.sqlite3"


def user_templates_dir() -> Path:
    """``<data dir>/templates``: user overrides, same layout as the bundled templates/ (a
    symlink there is refused, never followed; see own_subfolder)."""
    return own_subfolder("templates", create=False)


def log_dir() -> Path:
    return own_subfolder("logs", create=True)
