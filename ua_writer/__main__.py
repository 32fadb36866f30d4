"""``python -m ua_writer``: the same front door as the ``ua-writer`` script."""

import sys

from ua_writer.cli import main

if __name__ == "__main__":
    sys.exit(main())
