"""`python -m quotewise` runs the command line."""

import sys

from quotewise.cli import main

sys.exit(main())
