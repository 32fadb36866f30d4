"""Entry point of the PyInstaller bundle: the same ``ua-writer`` command as the wheel's script.

``freeze_support`` lets the mail merge's process pool (spawn start method once Qt is loaded) start
its workers from the frozen executable.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ua_writer.cli import main

    sys.exit(main())
