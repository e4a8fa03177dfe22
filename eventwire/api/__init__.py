"""HTTP API and dashboard (FastAPI). ``create_app(db)`` builds the app; ``eventwire serve`` runs it."""

from __future__ import annotations

from eventwire.api.app import create_app

__all__ = ["create_app"]
