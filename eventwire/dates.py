"""Partial ISO dates (``2009-06-27``, ``2009-06``, ``2009``) and month names: the one place they are read.

Event dates are as precise as the text gave them, so every stage that stores, filters or partitions
by date meets all three forms; they are parsed here, once, so that they are read alike everywhere.
"""

from __future__ import annotations

__all__ = ["year_month"]


def year_month(value: str | None) -> tuple[int, int]:
    """(2009, 6) from '2009-06-27...'; (0, 0) when the date is unknown (a Hive partition needs a value)."""
    if value and len(value) >= 7 and value[:4].isdigit() and value[5:7].isdigit():
        return int(value[:4]), int(value[5:7])
    if value and value[:4].isdigit():
        return int(value[:4]), 0
    return 0, 0

