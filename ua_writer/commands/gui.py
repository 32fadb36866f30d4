"""``ua-writer gui [FILE...]``: the parser entry of the desktop app (also what no command at all
starts); the files are imported once the window is up (what the menu entry's ``%F`` passes).

Only the command line lives here: the app is started by the front door, ``cli.run_gui``
(commands sit beside ui/ and do not import it or ua_writer.app).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default with no command)")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="group packs (.uapack), action packs or UAs to import once the window is up")
    p.set_defaults(func=None)  # cli.main starts the GUI for a command without a function
