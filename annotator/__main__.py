"""`python -m annotator` runs the command line (which opens the GUI when asked)."""

import sys

from annotator.launcher import main

sys.exit(main())
