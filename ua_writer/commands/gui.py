"""``ua-writer gui`` (and no command at all): start the desktop app. Imports Qt only when run."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default with no command)")
    p.set_defaults(func=run_gui)


def run_gui(args, ctx, argv=None) -> int:
    from ua_writer import app

    forwarded = []
    if getattr(args, "data_dir", None):
        forwarded += ["--data-dir", args.data_dir]
    if getattr(args, "today", None):
        forwarded += ["--today", args.today]
    return app.main(forwarded)
