"""Errors that eventwire raises on purpose: each message says what went wrong and how to fix it."""

from __future__ import annotations

__all__ = ["EventwireError", "InputError", "ConfigError", "DatabaseError"]


class EventwireError(Exception):
    """Base class. ``str(exc)`` is meant for the user."""


class InputError(EventwireError):
    """A capture could not be read or extracted; the run goes on with the others."""


class ConfigError(EventwireError):
    """A setting, option or data file is wrong; exit code 2."""


class DatabaseError(EventwireError):
    """The database is unreadable, foreign, or from a newer version; it is never overwritten."""
