"""Entry point of the bundled program (PyInstaller): the same launcher as the `annotator` command."""

import sys

from annotator.launcher import main

if __name__ == "__main__":
    sys.exit(main())
