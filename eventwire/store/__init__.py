"""The database: schema and migrations (:mod:`.schema`), safe opening (:mod:`.db`), batch writes (:mod:`.writer`)."""

from eventwire.store.db import connect
from eventwire.store.schema import SCHEMA_VERSION

__all__ = ["connect", "SCHEMA_VERSION"]
