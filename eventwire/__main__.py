from eventwire.cli import entry_point

entry_point()
