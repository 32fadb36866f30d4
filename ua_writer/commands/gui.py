"""``ua-writer gui [FILE...]`` (and no command at all): start the desktop app, importing the files
given (what the menu entry's ``%F`` passes). Imports Qt only when run.

On Linux without a display (no DISPLAY / WAYLAND_DISPLAY and no QT_QPA_PLATFORM chosen) Qt would
abort with a core dump; we say what to do instead, in one line, exit 2.
"""

from __future__ import annotations

import os
import sys

from ua_writer.core.errors import UserFacingError


def register(sub) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default with no command)")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="group packs (.uapack), action packs or UAs to import once the window is up")
    p.set_defaults(func=run_gui)


def check_display(environ=os.environ, platform: str = sys.platform) -> None:
    """Raise UserFacingError when the desktop app cannot open a window here."""
    if not platform.startswith("linux"):
        return
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return
    raise UserFacingError(
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); start it from "
        "a desktop session, or on a server with 'xvfb-run ua-writer'. Every other command works "
        "without a display: see 'ua-writer --help'.")


def run_gui(args, ctx, argv=None) -> int:
    check_display()
    from ua_writer import app

    forwarded = []
    if getattr(args, "data_dir", None):
        forwarded += ["--data-dir", args.data_dir]
    if getattr(args, "today", None):
        forwarded += ["--today", args.today]
    forwarded += [os.path.abspath(f) for f in getattr(args, "files", None) or []]
    return app.main(forwarded)
