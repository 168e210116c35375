"""``python -m nianbao``: the same as the ``nianbao`` command."""

import sys

from nianbao.cli import main

sys.exit(main())
