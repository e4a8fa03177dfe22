"""``python -m eventwire``: the same command line as ``eventwire``."""

from eventwire.cli import main

main()
