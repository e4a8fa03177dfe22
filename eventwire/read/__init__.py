"""The read layer: one filter vocabulary, one resolution of actor names, one function per question.

The Python API (:mod:`eventwire.query`, ``eventwire.open``), the CLI (``query``, ``dyad``, ``export``) and
the HTTP API (:mod:`eventwire.api.app`) all answer through :mod:`eventwire.read.questions` with an
:class:`~eventwire.read.filters.EventFilter`, so the same question gets the same numbers everywhere.
"""

from eventwire.read.filters import FILTERS, EventFilter, parse_filters
from eventwire.read.names import complete, resolve

__all__ = ["FILTERS", "EventFilter", "parse_filters", "resolve", "complete"]
