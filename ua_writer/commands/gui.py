"""``ua-writer gui``: the parser entry of the desktop app (also what no command at all starts).

Only the command line lives here: the app is started by the front door, ``cli.run_gui``
(commands sit beside ui/ and do not import it or ua_writer.app).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default with no command)")
    p.set_defaults(func=None)  # cli.main starts the GUI for a command without a function
