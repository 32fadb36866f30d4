"""``ua-writer install-desktop`` / ``uninstall-desktop``: the applications-menu entry, the icon and the
``.uapack`` file type for the current user — what the .deb does system-wide, for people who
installed the wheel (pipx) or unpacked the bundle.

Files go under ``$XDG_DATA_HOME`` (default ``~/.local/share``), per the XDG specifications:
``applications/ua-writer.desktop`` (its ``Exec`` is the absolute command that ran this, since a
pipx or bundle folder is often not on the desktop session's PATH), ``icons/hicolor/scalable/apps/
ua-writer.svg`` and ``icons/hicolor/<N>x<N>/apps/ua-writer.png``, ``mime/packages/ua-writer.xml``;
then the menu, MIME and icon caches are refreshed with update-desktop-database,
update-mime-database and gtk-update-icon-cache where those are installed. Uninstalling removes
only files that are still ours (the desktop file carries a marker line; icons and the MIME file
must equal the bundled ones). Neither command goes near the user data dir. No Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ua_writer import paths
from ua_writer.core.atomic import atomic_write_bytes
from ua_writer.core.errors import UserFacingError

DESKTOP_NAME = "ua-writer.desktop"
MIME_NAME = "ua-writer.xml"
MARKER = "X-UA-Writer-Installed-By=install-desktop"
_RESERVED = re.compile(r'[\s"\'\\><~|&;$*?#()`]')


def register(sub) -> None:
    p = sub.add_parser("install-desktop",
                       help="add ua-writer to your applications menu, with its icon and the "
                            ".uapack file type (for the current user)")
    p.set_defaults(func=run_install)
    p = sub.add_parser("uninstall-desktop",
                       help="remove what install-desktop added (your letters and data stay)")
    p.set_defaults(func=run_uninstall)


def xdg_data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The absolute command that starts this installation of ua-writer."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "ua-writer" and script.is_file():
        return [str(script.absolute())]
    found = shutil.which("ua-writer")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "ua_writer"]


def exec_quote(arg: str) -> str:
    """One argument of a desktop file's Exec key (quoting rules of the Desktop Entry spec), escaped
    once more as a desktop-file string value."""
    if _RESERVED.search(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The bundled .desktop file with ``Exec``/``TryExec`` pointing at ``command``."""
    text = (paths.bundled_dir("resources") / DESKTOP_NAME).read_text(encoding="utf-8")
    exec_line = " ".join(exec_quote(a) for a in command) + " %F"
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    lines.append(MARKER)
    return "\n".join(lines) + "\n"


def planned_files() -> dict[Path, bytes | None]:
    """Target path -> bundled content (None for the desktop entry, which is made per install)."""
    res = paths.bundled_dir("resources")
    base = xdg_data_home()
    files: dict[Path, bytes | None] = {base / "applications" / DESKTOP_NAME: None}
    icons = base / "icons" / "hicolor"
    files[icons / "scalable" / "apps" / "ua-writer.svg"] = (res / "icons" / "ua-writer.svg").read_bytes()
    for png in sorted((res / "icons" / "hicolor").glob("*/apps/ua-writer.png")):
        files[icons / png.relative_to(res / "icons" / "hicolor")] = png.read_bytes()
    files[base / "mime" / "packages" / MIME_NAME] = (res / "mime" / MIME_NAME).read_bytes()
    return files


def refresh_caches(base: Path) -> list[str]:
    """Run the XDG cache tools that are installed; the names of those that ran."""
    ran = []
    for cmd in (["update-desktop-database", "-q", str(base / "applications")],
                ["update-mime-database", str(base / "mime")],
                ["gtk-update-icon-cache", "-q", "-t", "-f", str(base / "icons" / "hicolor")]):
        if shutil.which(cmd[0]) is None or not Path(cmd[-1]).is_dir():
            continue
        try:
            subprocess.run(cmd, capture_output=True, timeout=120, check=False)
            ran.append(cmd[0])
        except (OSError, subprocess.TimeoutExpired):
            pass  # the desktop reads the files itself sooner or later
    return ran


def run_install(args, ctx) -> int:
    command = launch_command()
    base = xdg_data_home()
    for target, content in planned_files().items():
        data = desktop_entry(command).encode("utf-8") if content is None else content
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, data, mode=0o644)
        except OSError as e:
            raise UserFacingError(f"cannot write {target}: {e.strerror}") from None
        print(f"installed {target}", file=ctx.out)
    refresh_caches(base)
    print(f"ua-writer is in your applications menu (starts: {' '.join(command)}); "
          ".uapack files open with it. Undo with: ua-writer uninstall-desktop", file=ctx.out)
    return 0


def run_uninstall(args, ctx) -> int:
    base = xdg_data_home()
    removed = kept = 0
    for target, content in planned_files().items():
        if not target.is_file():
            continue
        try:
            ours = (MARKER in target.read_text(encoding="utf-8", errors="replace").splitlines()
                    if content is None else target.read_bytes() == content)
        except OSError:
            ours = False
        if not ours:
            ctx.warn(f"left {target} in place: it was not written by install-desktop")
            kept += 1
            continue
        try:
            target.unlink()
        except OSError as e:
            raise UserFacingError(f"cannot remove {target}: {e.strerror}") from None
        print(f"removed {target}", file=ctx.out)
        removed += 1
    refresh_caches(base)
    if not removed and not kept:
        print("nothing to remove: install-desktop has not been run for this user", file=ctx.out)
    return 0
